import { describe, expect, it } from "vitest";
import { jsonErrorOffset } from "../../../parse/json-error.js";
import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule, { placeOf } from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    {
      name: "valid JSON everywhere",
      files: {
        "config.json": '{"model_type": "llama"}\n',
        "adapter_config.json": '{"peft_type": "LORA"}',
        "tokenizer_config.json": "{}",
        "generation_config.json": '{"do_sample": true}',
        "preprocessor_config.json": "[]",
        "model_index.json": '{"_class_name": "StableDiffusionPipeline"}',
        "model.safetensors.index.json": '{"weight_map": {}}',
        "pytorch_model.bin.index.json": '{"weight_map": {}}',
      },
    },
    { name: "a byte-order mark is tolerated", files: { "config.json": '\uFEFF{"a": 1}' } },
    { name: "NaN and Infinity, which Python's json reads", files: { "config.json": '{"a": NaN, "b": -Infinity, "c": [Infinity]}' } },
    { name: "other JSON files are not this rule's", files: { "data/train.json": "{oops" } },
    { name: "a removed config", files: { "config.json": { content: { type: "removed" }, status: "removed" } } },
  ],
  invalid: [
    {
      name: "a trailing comma, at its line and column",
      files: { "config.json": '{\n  "model_type": "llama",\n  "hidden_size": 4096,\n}\n' },
      findings: [{ path: "config.json", line: 4, column: 1, message: "`config.json` is not valid JSON at line 4, column 1 (Expected double-quoted property name), so libraries fail to load it." }],
    },
    {
      name: "a comment in tokenizer_config.json",
      files: { "tokenizer_config.json": '{\n  // the chat template\n  "chat_template": "x"\n}' },
      findings: [{ line: 2, column: 3, message: "`tokenizer_config.json` is not valid JSON at line 2, column 3 (Expected property name or '}'), so libraries fail to load it." }],
    },
    { name: "cut short", files: { "adapter_config.json": '{"r": 16,' }, findings: [{ line: 1, column: 10, message: "`adapter_config.json` is not valid JSON at line 1, column 10 (Expected double-quoted property name), so libraries fail to load it." }] },
    { name: "a bad literal (V8 gives no position)", files: { "generation_config.json": '{"do_sample": tru}' }, findings: [{ line: 1, column: 15, message: '`generation_config.json` is not valid JSON at line 1, column 15 (Unexpected token \'}\', "{"do_sample": tru}" is not valid JSON), so libraries fail to load it.' }] },
    { name: "a shard index", files: { "model.safetensors.index.json": "{oops" }, findings: [{ line: 1, column: 2, message: "`model.safetensors.index.json` is not valid JSON at line 1, column 2 (Expected property name or '}'), so libraries fail to load it." }] },
    { name: "model_index.json in a subfolder", files: { "sd/model_index.json": "{'a': 1}" }, findings: [{ path: "sd/model_index.json", line: 1, column: 2, message: "`model_index.json` is not valid JSON at line 1, column 2 (Expected property name or '}'), so libraries fail to load it." }] },
  ],
});

describe("jsonErrorOffset", () => {
  it.each([
    ['{"a": [1, {"b": null}], "c": "x\\u00e9"}', undefined],
    ["[]", undefined],
    [" 1 ", undefined],
    ['{"a":1}x', 7],
    ["[[[[", 4],
    ['{"a":01}', 6],
    ['"\\x"', 2],
    ["", 0],
    ["[1 2]", 3],
    ["[NaN, Infinity, -Infinity]", undefined],
    ["[nan]", 1],
  ] as const)("%j → %s", (source, offset) => {
    expect(jsonErrorOffset(source)).toBe(offset);
    if (source.includes("Infinity")) return; // Python's json reads it; JavaScript's does not
    expect(offset === undefined).toBe(
      (() => {
        try {
          JSON.parse(source);
          return true;
        } catch {
          return false;
        }
      })(),
    );
  });
  it("deep nesting does not overflow the stack", () => {
    expect(jsonErrorOffset("[".repeat(200_000) + "]".repeat(200_000))).toBeUndefined();
  });
});

ruleTester(rule, {
  valid: [{ name: "a config whose bytes were not read as text is not parsed", files: { "config.json": { content: { type: "not-fetched" }, size: 10 } } }],
  invalid: [
    {
      name: "after a byte-order mark, the column is the editor's, which does not show the mark",
      files: { "config.json": '\uFEFF{"a": 1,}' },
      findings: [{ line: 1, column: 9, message: "`config.json` is not valid JSON at line 1, column 9 (Expected double-quoted property name), so libraries fail to load it." }],
    },
    {
      name: "a byte-order mark and an error on a later line",
      files: { "config.json": '\uFEFF{\n  "a": 1\n  "b": 2\n}' },
      findings: [{ line: 3, column: 3, message: "`config.json` is not valid JSON at line 3, column 3 (Expected ',' or '}' after property value), so libraries fail to load it." }],
    },
    {
      name: "CRLF line ends: the line and column of the error",
      files: { "config.json": '{\r\n  "a": 1,\r\n  "b" 2\r\n}\r\n' },
      findings: [{ line: 3, column: 7, message: "`config.json` is not valid JSON at line 3, column 7 (Unexpected number), so libraries fail to load it." }],
    },
  ],
});

ruleTester(rule, {
  valid: [{ name: "a byte-order mark inside a string is the string's", files: { "config.json": '{"a": "x\uFEFFy"}' } }],
  invalid: [
    {
      name: "a byte-order mark after the JSON is not the one at the start",
      files: { "config.json": '{"a": 1}\uFEFF' },
      findings: [
        {
          line: 1,
          column: 9,
          message: "`config.json` is not valid JSON at line 1, column 9 (Unexpected non-whitespace character after JSON at position 8), so libraries fail to load it.",
          hint: "JSON allows no comments, no trailing commas and only double-quoted strings; save the file again with the library that wrote it (`save_pretrained`), or fix it and check it with `python -m json.tool <file>`.",
        },
      ],
    },
  ],
});

describe("placeOf", () => {
  it("counts lines and columns from 1", () => {
    expect(placeOf("ab\ncd\nef", 0)).toEqual({ line: 1, column: 1 });
    expect(placeOf("ab\ncd\nef", 4)).toEqual({ line: 2, column: 2 });
    expect(placeOf("ab\ncd\nef", 6)).toEqual({ line: 3, column: 1 });
  });
});
