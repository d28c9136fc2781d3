import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { rawSafetensors, safetensorsFile } from "../../../../test/helpers/safetensors.js";
import { pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

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
