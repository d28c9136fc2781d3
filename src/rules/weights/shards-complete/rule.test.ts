import { ruleTester } from "../../../../test/rule-tester.js";
import { pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

const index = (...shards: string[]) =>
  JSON.stringify({ metadata: { total_size: 1 }, weight_map: Object.fromEntries(shards.map((s, i) => [`layer.${i}.weight`, s])) });

ruleTester(rule, {
  valid: [
    {
      name: "every shard in the PR",
      files: { "m/model.safetensors.index.json": index("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"), "m/model-00001-of-00002.safetensors": pointer(), "m/model-00002-of-00002.safetensors": pointer() },
      repo: {},
    },
    { name: "a shard already in the repository", files: { "model.safetensors.index.json": index("a.safetensors", "b.safetensors"), "a.safetensors": pointer() }, repo: { "b.safetensors": null } },
    { name: "no view of the repository: no verdict", files: { "model.safetensors.index.json": index("a.safetensors") } },
  ],
  invalid: [
    {
      name: "a missing shard",
      files: { "model.safetensors.index.json": index("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors", "model-00003-of-00003.safetensors"), "model-00001-of-00003.safetensors": pointer(), "model-00002-of-00003.safetensors": pointer() },
      repo: {},
      findings: [{ line: 1, message: "1 of the 3 shards named in `model.safetensors.index.json` is not in the repository: `model-00003-of-00003.safetensors`." }],
    },
    {
      name: "a shard removed by the PR",
      pullRequest: true,
      files: { "pytorch_model.bin.index.json": index("a.bin", "b.bin"), "b.bin": { content: { type: "removed" }, status: "removed" } },
      repo: { "a.bin": null },
      findings: [{ message: "`b.bin`" }],
    },
    { name: "not JSON", files: { "model.safetensors.index.json": "{oops" }, repo: {}, findings: [{ title: "Checkpoint index is not valid JSON", message: "is not valid JSON" }] },
    { name: "no weight_map", files: { "model.safetensors.index.json": "{}" }, repo: {}, findings: [{ title: "Checkpoint index has no weight map", message: "no `weight_map`" }] },
  ],
});
