import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "strings as text or list", files: card("license: mit\ndatasets: squad\ntags:\n- a\n- b\nbase_model: [a/b, c/d]") },
    { name: "inference false and with parameters", files: card("inference:\n  parameters:\n    temperature: 0.7") },
    // A legacy key the Hub's docs no longer describe: its contents are not judged.
    { name: "inference with keys besides parameters", files: card("inference:\n  temperature: 0.7") },
    { name: "widget as a list of mappings", files: card("widget:\n- text: Hello\n  example_title: hi") },
    { name: "co2 as a number", files: card("co2_eq_emissions: 12.5") },
    { name: "empty values are not a type problem", files: card("tags:\nlicense: mit") },
    { name: "unknown keys are not checked here", files: card("my_key: {a: 1}") },
    { name: "dataset card keys", files: { "DATASET_CARD.md": "---\ntask_categories: [text-classification]\nviewer: false\nconfigs:\n- config_name: default\n---\n" } },
    { name: "dataset enumerations are card/dataset-metadata-valid's", files: { "DATASET_CARD.md": "---\nsize_categories:\n  en: 1K<n<10K\nconfigs: [a, b]\n---\n" } },
    { name: "a model card's key means nothing in a dataset card", files: { "README.md": "---\ntask_categories: [text-classification]\npipeline_tag: 3\nbase_model: {a: b}\n---\n" } },
    { name: "model-index has its own rule", files: card("model-index: {name: m}") },
    { name: "extra_gated_fields has its own rule", files: card("extra_gated_fields:\n- Name: text") },
  ],
  invalid: [
    {
      name: "datasets as a mapping (the Hub's \"must be a string\")",
      files: card("license: mit\ndatasets:\n  train: squad\n  test: squad"),
      findings: [{ line: 3, column: 1, message: "`datasets` must be a text value or a list of text values, but it is a mapping.", hint: "Write it as `key: value`, or one item per line under the key: `- value`." }],
    },
    {
      name: "one item of a list is a mapping, reported at that item",
      files: card("tags:\n- nlp\n- name: x\n  value: y"),
      findings: [
        {
          line: 4,
          column: 3,
          message: "Item 2 of `tags` is a mapping; `tags` must be a text value or a list of text values.",
          hint: "Write it as `key: value`, or one item per line under the key: `- value`. Quote values that contain `: ` so they stay text.",
        },
      ],
    },
    {
      name: "a number among the strings",
      files: card("license: mit\ntags: [a, 3, b]"),
      findings: [{ line: 3, column: 11, message: "Item 2 of `tags` is a number; `tags` must be a text value or a list of text values." }],
    },
    {
      name: "a list where one value belongs is wrong as a whole, not by its first item",
      files: card("pipeline_tag:\n- text-generation\n- fill-mask"),
      findings: [{ line: 2, column: 1, message: "`pipeline_tag` must be a single text value, but it is a list.", hint: "Write it as `key: value`." }],
    },
    {
      name: "a list of true/false where true/false or a mapping belongs",
      files: card("inference: [true]"),
      findings: [{ line: 2, message: "`inference` must be true, false or a mapping, but it is a list.", hint: "Write it as `key: false`, or `parameters:` indented under the key." }],
    },
    {
      name: "a list of numbers where a number or a mapping belongs",
      files: card("co2_eq_emissions: [1, 2]"),
      findings: [{ line: 2, message: "`co2_eq_emissions` must be a number or a mapping, but it is a list.", hint: "Write it as a number such as `key: 12.5`, or `name: value` lines indented under the key." }],
    },
    {
      name: "a text item among the widget's mappings",
      files: card("widget:\n- text: Hello\n- Hello"),
      findings: [
        {
          line: 4,
          column: 3,
          message: "Item 2 of `widget` is text; `widget` must be a list of mappings (entries starting with `- key: value`).",
          hint: "Write it as one item per line under the key, each starting with `- name: value`. Quote values that contain `: ` so they stay text.",
        },
      ],
    },
    {
      name: "an empty item among the widget's mappings",
      files: card("widget:\n- text: Hello\n-\n- text: Bye"),
      findings: [{ line: 4, message: "Item 2 of `widget` is empty; `widget` must be a list of mappings (entries starting with `- key: value`)." }],
    },
    {
      name: "a list item among the widget's mappings",
      files: card("widget:\n- [Hello]"),
      findings: [{ line: 3, message: "Item 1 of `widget` is a list; `widget` must be a list of mappings (entries starting with `- key: value`)." }],
    },
    {
      name: "a number where text is expected",
      files: card("license: mit\npipeline_tag: 3"),
      findings: [{ line: 3, message: "`pipeline_tag` must be a single text value, but it is a number." }],
    },
    {
      name: "widget as a single mapping",
      files: card("widget:\n  text: Hello"),
      findings: [{ line: 2, message: "`widget` must be a list of mappings (entries starting with `- key: value`), but it is a mapping.", hint: "Write it as one item per line under the key, each starting with `- name: value`." }],
    },
    {
      name: "dataset card: viewer as text",
      files: { "README.md": "---\nviewer: maybe\ntask_categories: [text-classification]\n---\n" },
      findings: [{ line: 2, message: "`viewer` must be true or false, but it is text.", hint: "Write it as `key: true` or `key: false`." }],
    },
  ],
});

describe("card/metadata-types: the span of a value of the wrong type", () => {
  it("a mapping is marked from its key to its last line", async () => {
    const [f] = await runRule(rule, { name: "span", files: card("license: mit\ndatasets:\n  train: squad\n  test: squad\ntags: [a]") });
    expect([f?.line, f?.endLine, f?.column]).toEqual([3, 5, 1]);
  });
});
