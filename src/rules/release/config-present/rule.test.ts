import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const INDEX = JSON.stringify({ metadata: { total_size: 10 }, weight_map: { "a.weight": "pytorch_model-00001-of-00002.bin" } });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "an index beside its config.json", files: { "pytorch_model.bin.index.json": INDEX, "config.json": "{}" } },
    { name: "a diffusers component with its config", files: { "unet/diffusion_pytorch_model.safetensors.index.json": INDEX, "unet/config.json": "{}" } },
    { name: "another library's index name", files: { "weights.safetensors.index.json": INDEX } },
    { name: "a pull request that changes an index already released", pullRequest: true, files: { "model.safetensors.index.json": { content: { type: "text", text: INDEX }, status: "modified" } }, repo: {} },
    { name: "a pull request with no view of the repository", pullRequest: true, files: { "model.safetensors.index.json": INDEX } },
    { name: "a pull request adding an index whose config.json is already in the repository", pullRequest: true, files: { "m/model.safetensors.index.json": INDEX }, repo: { "m/config.json": "{}" } },
  ],
  invalid: [
    {
      name: "an index with no config.json (m-codepy)",
      files: { "README.md": "# M\n", "generation_config.json": "{}", "pytorch_model.bin.index.json": INDEX },
      repo: {},
      findings: [{ path: "pytorch_model.bin.index.json", line: 1, message: "`pytorch_model.bin.index.json` indexes a sharded checkpoint, but `config.json` is not beside it, so `from_pretrained` cannot tell which model to build." }],
    },
    {
      name: "a variant index in a subfolder, config.json only at the root",
      files: { "m/model.fp16.safetensors.index.json": INDEX, "config.json": "{}" },
      repo: {},
      findings: [{ line: 1, path: "m/model.fp16.safetensors.index.json", message: "`m/model.fp16.safetensors.index.json` indexes a sharded checkpoint, but `m/config.json` is not beside it, so `from_pretrained` cannot tell which model to build." }],
    },
    {
      name: "a pull request adding an index, and the repository has no config.json there",
      pullRequest: true,
      files: { "m/model.safetensors.index.json": INDEX },
      repo: { "config.json": "{}" },
      findings: [{ line: 1, path: "m/model.safetensors.index.json", message: "`m/model.safetensors.index.json` indexes a sharded checkpoint, but `m/config.json` is not beside it, so `from_pretrained` cannot tell which model to build." }],
    },
  ],
});

const beside = (index: string, config: string) =>
  `\`${index}\` indexes a sharded checkpoint, but \`${config}\` is not beside it, so \`from_pretrained\` cannot tell which model to build.`;

ruleTester(rule, {
  valid: [
    { name: "a removed index asks for no config.json", pullRequest: true, files: { "model.safetensors.index.json": { content: { type: "removed" }, status: "removed" } }, repo: {} },
    { name: "a folder review reads every index, whatever its status", files: { "m/model.safetensors.index.json": { content: { type: "text", text: INDEX }, status: "modified" }, "m/config.json": "{}" }, repo: {} },
  ],
  invalid: [
    {
      name: "two indexes in one folder: one finding, on the first",
      files: { "pytorch_model.bin.index.json": INDEX, "model.safetensors.index.json": INDEX },
      repo: {},
      findings: [{ path: "pytorch_model.bin.index.json", line: 1, message: beside("pytorch_model.bin.index.json", "config.json") }],
    },
    {
      name: "the pull request adds an index and removes the config.json beside it",
      pullRequest: true,
      files: { "model.safetensors.index.json": INDEX, "config.json": { content: { type: "removed" }, status: "removed" } },
      repo: { "config.json": "{}" },
      findings: [{ path: "model.safetensors.index.json", line: 1, message: beside("model.safetensors.index.json", "config.json") }],
    },
    {
      name: "a folder review: a modified index is still a checkpoint to load",
      files: { "m/model.safetensors.index.json": { content: { type: "text", text: INDEX }, status: "modified" } },
      repo: {},
      findings: [{ path: "m/model.safetensors.index.json", line: 1, message: beside("m/model.safetensors.index.json", "m/config.json") }],
    },
    {
      name: "one finding per folder without its config",
      files: { "a/model.safetensors.index.json": INDEX, "b/diffusion_pytorch_model.fp16.bin.index.json": INDEX, "c/model.safetensors.index.json": INDEX, "c/config.json": "{}" },
      repo: {},
      findings: [
        { path: "a/model.safetensors.index.json", line: 1, message: beside("a/model.safetensors.index.json", "a/config.json") },
        { path: "b/diffusion_pytorch_model.fp16.bin.index.json", line: 1, message: beside("b/diffusion_pytorch_model.fp16.bin.index.json", "b/config.json") },
      ],
    },
  ],
});

ruleTester(rule, {
  valid: [
    { name: "a removed index in a folder review", files: { "model.safetensors.index.json": { content: { type: "removed" }, status: "removed" } }, repo: {} },
    { name: "another library's index, with a view of the repository", files: { "weights.safetensors.index.json": INDEX }, repo: {} },
  ],
  invalid: [
    {
      name: "the hint says which config.json to commit",
      files: { "model.safetensors.index.json": INDEX },
      repo: {},
      findings: [
        {
          path: "model.safetensors.index.json",
          line: 1,
          message: beside("model.safetensors.index.json", "config.json"),
          hint: "Commit the `config.json` that `save_pretrained` wrote with the shards (it names the architecture and its sizes) in the same folder.",
        },
      ],
    },
  ],
});
