import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { rawSafetensors, safetensorsFile } from "../../../../test/helpers/safetensors.js";
import { pointer } from "../../../../test/weights-helpers.js";
import { describe, expect, it } from "vitest";
import rule, { weightMap } from "./rule.js";

const S1 = "model-00001-of-00002.safetensors";
const S2 = "model-00002-of-00002.safetensors";
const shard1 = safetensorsFile({ "model.embed_tokens.weight": { dtype: "F32", shape: [4, 2] }, "model.layers.0.mlp.weight": { dtype: "F32", shape: [2, 2] } });
const shard2 = safetensorsFile({ "model.layers.1.mlp.weight": { dtype: "F32", shape: [2, 2] }, "lm_head.weight": { dtype: "F32", shape: [4, 2] } });
/** 32 + 16 + 16 + 32 bytes of tensors. */
const TOTAL = 96;

const index = (map: Record<string, string>, totalSize: number = TOTAL) => JSON.stringify({ metadata: { total_size: totalSize }, weight_map: map });
const goodMap = {
  "model.embed_tokens.weight": S1,
  "model.layers.0.mlp.weight": S1,
  "model.layers.1.mlp.weight": S2,
  "lm_head.weight": S2,
};
const files = (indexText: string) => ({ "model.safetensors.index.json": indexText, [S1]: pointer(shard1.length), [S2]: pointer(shard2.length) });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "index and shards agree", pullRequest: true, files: files(index(goodMap)), bytes: { [S1]: shard1, [S2]: shard2 }, repo: {} },
    { name: "no byte source: silent", pullRequest: true, files: files(index(goodMap)) },
    { name: "a folder whose shards are only LFS pointers: nothing to compare, nothing said", files: files(index({ ...goodMap, extra: S1 })), bytes: { [S1]: "it is a Git LFS pointer", [S2]: "it is a Git LFS pointer" }, repo: {} },
    { name: "a pytorch index is not read as safetensors", pullRequest: true, files: { "pytorch_model.bin.index.json": index({ a: "x.bin" }), "x.bin": pointer() }, bytes: {}, repo: {} },
    { name: "a missing shard is weights/shards-complete's", pullRequest: true, files: { "model.safetensors.index.json": index(goodMap), [S1]: pointer() }, bytes: { [S1]: shard1 }, repo: {} },
    { name: "a broken shard header is weights/safetensors-header-valid's", pullRequest: true, files: files(index(goodMap)), bytes: { [S1]: rawSafetensors("{oops", 0), [S2]: shard2 }, repo: {} },
    { name: "total_size is not compared while a shard is unknown", pullRequest: true, files: files(index(goodMap, 5)), bytes: { [S1]: shard1, [S2]: rawSafetensors("{", 0) }, repo: {} },
  ],
  invalid: [
    {
      name: "a tensor mapped to a shard that lacks it", pullRequest: true,
      files: files(index({ ...goodMap, "model.layers.1.mlp.weight": S1 })),
      bytes: { [S1]: shard1, [S2]: shard2 },
      repo: {},
      findings: [
        { line: 1, message: "`model.safetensors.index.json` maps 1 tensor to shards that do not hold it: `model.layers.1.mlp.weight`. Loading fails when it looks them up." },
        { line: 1, message: "The shards hold 1 tensor that `model.safetensors.index.json` does not map to its shard: `model.layers.1.mlp.weight`. Loaders that follow the index never read it." },
      ],
    },
    {
      name: "a shard from another save holds tensors the index never names", pullRequest: true,
      files: files(index({ "model.embed_tokens.weight": S1, "model.layers.0.mlp.weight": S1, "lm_head.weight": S2 })),
      bytes: { [S1]: shard1, [S2]: shard2 },
      repo: {},
      findings: [{ line: 1, message: "The shards hold 1 tensor that `model.safetensors.index.json` does not map to its shard: `model.layers.1.mlp.weight`. Loaders that follow the index never read it." }],
    },
    {
      name: "total_size that is not the bytes of the tensors: a warning with both numbers", pullRequest: true,
      files: files(index(goodMap, 1000)),
      bytes: { [S1]: shard1, [S2]: shard2 },
      repo: {},
      findings: [{ line: 1, severity: "warning", title: "The checkpoint index's total size is wrong", message: "`model.safetensors.index.json` says `metadata.total_size` is 1,000 bytes, but its shards' tensors hold 96 bytes (96 bytes)." }],
    },
    {
      name: "a shard that could not be read: a notice naming it and why", pullRequest: true,
      files: files(index(goodMap)),
      bytes: { [S1]: shard1, [S2]: "the review's byte budget (256 MB) is spent" },
      repo: {},
      findings: [{ line: 1, severity: "notice", message: `Cardinal could not read the header of \`${S2}\`: the review's byte budget (256 MB) is spent. Its tensors were not compared with \`model.safetensors.index.json\`.` }],
    },
    {
      name: "a long list of missing tensors is capped", pullRequest: true,
      files: { "m/model.safetensors.index.json": index(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`t${i}`, "model.safetensors"]))), "m/model.safetensors": pointer() },
      bytes: { "m/model.safetensors": safetensorsFile({}) },
      repo: {},
      findings: [{ line: 1, message: "`m/model.safetensors.index.json` maps 9 tensors to shards that do not hold them: `t0`, `t1`, `t2`, `t3`, `t4`, and 4 more. Loading fails when it looks them up." }],
    },
  ],
});

const S3 = "model-00003-of-00003.safetensors";

ruleTester(rule, {
  valid: [
    { name: "an index that is not JSON", pullRequest: true, files: { "model.safetensors.index.json": "{oops" }, bytes: {}, repo: {} },
    ...["[]", "null", '{"weight_map": []}', '{"weight_map": null}', '{"weight_map": "x"}'].map((text) => ({ name: `an index without a weight map object: ${text}`, pullRequest: true, files: { "model.safetensors.index.json": text }, bytes: {}, repo: {} })),
    { name: "a removed index", pullRequest: true, files: { "model.safetensors.index.json": { content: { type: "removed" as const }, status: "removed" as const } }, bytes: {}, repo: {} },
    { name: "an index not read as text", pullRequest: true, files: { "model.safetensors.index.json": { content: { type: "not-fetched" as const } } }, bytes: {}, repo: {} },
    { name: "an unsafe shard name is never read (weights/shards-complete's)", pullRequest: true, files: files(index({ ...goodMap, stray: "../model-00001-of-00002.safetensors" })), bytes: { [S1]: shard1, [S2]: shard2, "../model-00001-of-00002.safetensors": shard1 }, repo: {} },
    { name: "values that are not strings map nothing", pullRequest: true, files: files(JSON.stringify({ metadata: { total_size: TOTAL }, weight_map: { ...goodMap, stray: 3 } })), bytes: { [S1]: shard1, [S2]: shard2 }, repo: {} },
    { name: "total_size that is not a number is not compared", pullRequest: true, files: files(JSON.stringify({ metadata: { total_size: "1000" }, weight_map: goodMap })), bytes: { [S1]: shard1, [S2]: shard2 }, repo: {} },
    { name: "total_size too large for a number is not compared", pullRequest: true, files: files(JSON.stringify({ metadata: { total_size: 1 }, weight_map: goodMap }).replace('"total_size":1', '"total_size":1e999')), bytes: { [S1]: shard1, [S2]: shard2 }, repo: {} },
    { name: "metadata that is not an object", pullRequest: true, files: files(JSON.stringify({ metadata: null, weight_map: goodMap })), bytes: { [S1]: shard1, [S2]: shard2 }, repo: {} },
    { name: "total_size is not compared while a shard is missing", pullRequest: true, files: { "model.safetensors.index.json": index({ ...goodMap, "lm_head.weight": S3 }, 5), [S1]: pointer(), [S2]: pointer() }, bytes: { [S1]: shard1, [S2]: safetensorsFile({ "model.layers.1.mlp.weight": { dtype: "F32", shape: [2, 2] } }) }, repo: {} },
    { name: "total_size is not compared while a shard's header is broken", pullRequest: true, files: files(index(goodMap, 5)), bytes: { [S1]: shard1, [S2]: rawSafetensors("{oops", 0) }, repo: {} },
    { name: "shards in the index's own folder", pullRequest: true, files: { "m/model.safetensors.index.json": index(goodMap), [`m/${S1}`]: pointer(), [`m/${S2}`]: pointer() }, bytes: { [`m/${S1}`]: shard1, [`m/${S2}`]: shard2 }, repo: {} },
  ],
  invalid: [
    {
      name: "tensors both missing and extra, and a wrong total_size: the total is not compared",
      pullRequest: true,
      files: files(index({ "model.embed_tokens.weight": S1, "model.layers.0.mlp.weight": S2, "model.layers.1.mlp.weight": S2, "lm_head.weight": S2 }, 7)),
      bytes: { [S1]: shard1, [S2]: shard2 },
      repo: {},
      findings: [
        { line: 1, message: "`model.safetensors.index.json` maps 1 tensor to shards that do not hold it: `model.layers.0.mlp.weight`. Loading fails when it looks them up.", hint: "Save the checkpoint again (`save_pretrained` writes the shards and the index together) and commit every shard with the new index." },
        { line: 1, message: "The shards hold 1 tensor that `model.safetensors.index.json` does not map to its shard: `model.layers.0.mlp.weight`. Loaders that follow the index never read it.", hint: "Save the checkpoint again so that the index lists every tensor of every shard, or remove shards left over from an earlier save." },
      ],
    },
    {
      name: "two tensors the index does not map: the plural",
      pullRequest: true,
      files: files(index({ "model.embed_tokens.weight": S1, "lm_head.weight": S2 })),
      bytes: { [S1]: shard1, [S2]: shard2 },
      repo: {},
      findings: [{ line: 1, message: "The shards hold 2 tensors that `model.safetensors.index.json` does not map to their shards: `model.layers.0.mlp.weight`, `model.layers.1.mlp.weight`. Loaders that follow the index never read them." }],
    },
    {
      name: "two missing tensors: the plural",
      pullRequest: true,
      files: files(index({ ...goodMap, "x.weight": S1, "y.weight": S2 })),
      bytes: { [S1]: shard1, [S2]: shard2 },
      repo: {},
      findings: [{ line: 1, message: "`model.safetensors.index.json` maps 2 tensors to shards that do not hold them: `x.weight`, `y.weight`. Loading fails when it looks them up." }],
    },
    {
      name: "two shards that could not be read: both named with their reasons",
      pullRequest: true,
      files: files(index(goodMap)),
      bytes: { [S1]: "the LFS object is not on the server", [S2]: "the review's byte budget (256 MB) is spent" },
      repo: {},
      findings: [
        {
          line: 1,
          severity: "notice",
          title: "Checkpoint shards not compared with the index",
          message: `Cardinal could not read the headers of 2 shards (\`${S1}\`: the LFS object is not on the server; \`${S2}\`: the review's byte budget (256 MB) is spent). Their tensors were not compared with \`model.safetensors.index.json\`.`,
          hint: "Nothing is said about those shards; run `cardinal check` on a clone with the weights present to compare them.",
        },
      ],
    },
    {
      name: "a wrong total_size in a subfolder: the bytes in words too",
      pullRequest: true,
      files: { "m/model.safetensors.index.json": index(goodMap, 10), [`m/${S1}`]: pointer(), [`m/${S2}`]: pointer() },
      bytes: { [`m/${S1}`]: shard1, [`m/${S2}`]: shard2 },
      repo: {},
      findings: [{ path: "m/model.safetensors.index.json", line: 1, severity: "warning", message: "`m/model.safetensors.index.json` says `metadata.total_size` is 10 bytes, but its shards' tensors hold 96 bytes (96 bytes).", hint: "Save the checkpoint again so that the index is written from the shards; tools that size downloads or memory from `total_size` are misled." }],
    },
  ],
});

describe("weightMap", () => {
  it("keeps the string values, and total_size only when the metadata gives one", () => {
    expect(weightMap(JSON.stringify({ weight_map: { a: "x", b: 2 } }))).toEqual({ map: new Map([["a", "x"]]) });
    expect(weightMap(JSON.stringify({ metadata: { total_size: 5 }, weight_map: {} }))).toEqual({ map: new Map(), totalSize: 5 });
    expect(weightMap(JSON.stringify({ metadata: {}, weight_map: {} }))).toEqual({ map: new Map() });
    expect(weightMap("[1]")).toBeUndefined();
  });
});
