import { ruleTester } from "../../../../test/rule-tester.js";
import { pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "card in the same folder, same PR", pullRequest: true, files: { "m/model.safetensors": pointer(), "m/README.md": "---\nlicense: mit\n---\n# M\n" }, repo: {} },
    { name: "card at the root above the weights (diffusers layout)", pullRequest: true, files: { "unet/diffusion_pytorch_model.safetensors": pointer() }, repo: { "README.md": "# x" } },
    { name: "weights only modified in a PR: not a new release", pullRequest: true, files: { "model.safetensors": { ...pointer(), status: "modified" } }, repo: {} },
    { name: "no view of the repository: no verdict", pullRequest: true, files: { "m/model.safetensors": pointer() } },
  ],
  invalid: [
    {
      name: "weights added without a card",
      pullRequest: true,
      files: { "models/tiny/model.safetensors": pointer(), "models/tiny/config.json": "{}" },
      repo: { "docs/README.md": "# docs" },
      findings: [{ path: "models/tiny/model.safetensors", line: 1, message: "Weights are added in `models/tiny`, but there is no model card (`README.md`) in that folder or above it." }],
    },
    {
      name: "one finding per folder",
      files: { "a/model-00001-of-00002.safetensors": pointer(), "a/model-00002-of-00002.safetensors": pointer(), "b/w.gguf": pointer() },
      repo: {},
      findings: [{ path: "a/model-00001-of-00002.safetensors", message: "`a`" }, { path: "b/w.gguf", message: "`b`" }],
    },
    {
      name: "weights at the root: the root is named in words, not as a path",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      repo: {},
      findings: [{ path: "model.safetensors", message: /^Weights are added in the repository root, but there is no model card \(`README.md`\)/ }],
    },
  ],
});
