import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

const LLAMA = JSON.stringify({ architectures: ["LlamaForCausalLM"], model_type: "llama" });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus): the card of the weights beside it", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit"), "model.safetensors": { content: { type: "not-fetched" }, size: 1000 } } },
    { name: "card in the same folder, same PR", pullRequest: true, files: { "m/model.safetensors": pointer(), "m/README.md": "---\nlicense: mit\n---\n# M\n" }, repo: {} },
    { name: "card at the root above the weights (diffusers layout)", pullRequest: true, files: { "unet/diffusion_pytorch_model.safetensors": pointer() }, repo: { "README.md": "# x" } },
    { name: "weights only modified in a PR: not a new release", pullRequest: true, files: { "model.safetensors": { ...pointer(), status: "modified" } }, repo: {} },
    { name: "no view of the repository: no verdict", pullRequest: true, files: { "m/model.safetensors": pointer() } },
    { name: "a config.json that describes no model", files: { "tools/config.json": JSON.stringify({ port: 8080 }) }, repo: {} },
    { name: "a model's config.json under a card", files: { "README.md": "# M\n", "m/config.json": LLAMA }, repo: {} },
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
      findings: [{ line: 1, path: "a/model-00001-of-00002.safetensors", message: "Weights are added in `a`, but there is no model card (`README.md`) in that folder or above it." }, { line: 1, path: "b/w.gguf", message: "Weights are added in `b`, but there is no model card (`README.md`) in that folder or above it." }],
    },
    {
      name: "weights at the root: the root is named in words, not as a path",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      repo: {},
      findings: [{ line: 1, path: "model.safetensors", message: "Weights are added in the repository root, but there is no model card (`README.md`) in that folder or above it." }],
    },
    {
      name: "a model's configuration without weights or card (a mergekit output)",
      files: { "config.json": LLAMA, "mergekit_config.yml": "merge_method: slerp\n" },
      repo: {},
      findings: [{ line: 1, path: "config.json", message: "`config.json` in the repository root describes a model, but there is no model card (`README.md`) in that folder or above it." }],
    },
    {
      name: "weights and config in one folder: the finding is on the weights",
      files: { "m/config.json": LLAMA, "m/model.safetensors": pointer() },
      repo: {},
      findings: [{ line: 1, path: "m/model.safetensors", message: "Weights are added in `m`, but there is no model card (`README.md`) in that folder or above it." }],
    },
    {
      name: "a pipeline without a card: one finding, on its weights",
      files: { "model_index.json": JSON.stringify({ _class_name: "DDPMPipeline", unet: ["diffusers", "UNet2DModel"] }), "unet/config.json": "{}", "unet/diffusion_pytorch_model.bin": pointer() },
      repo: {},
      findings: [{ line: 1, path: "unet/diffusion_pytorch_model.bin", message: "Weights are added in `unet`, but there is no model card (`README.md`) in that folder or above it." }],
    },
    {
      name: "a diffusers model_index.json added in a pull request without a card",
      pullRequest: true,
      files: { "p/model_index.json": JSON.stringify({ _class_name: "StableDiffusionPipeline", unet: ["diffusers", "UNet2DConditionModel"] }) },
      repo: {},
      findings: [{ line: 1, path: "p/model_index.json", message: "`model_index.json` in `p` describes a model, but there is no model card (`README.md`) in that folder or above it." }],
    },
  ],
});

const weightsIn = (where: string) => `Weights are added in ${where}, but there is no model card (\`README.md\`) in that folder or above it.`;
const configIn = (name: string, where: string) => `\`${name}\` in ${where} describes a model, but there is no model card (\`README.md\`) in that folder or above it.`;

ruleTester(rule, {
  valid: [
    { name: "training state alone is not a release", files: { "checkpoint-5/training_args.bin": pointer(), "checkpoint-5/optimizer.pt": pointer() }, repo: {} },
    { name: "a removed weight file asks for no card", pullRequest: true, files: { "model.safetensors": { content: { type: "removed" }, status: "removed" } }, repo: {} },
    { name: "a MODEL_CARD.md in the folder", files: { "m/model.safetensors": pointer(), "m/MODEL_CARD.md": "# M\n" }, repo: {} },
    { name: "a modelcard.md two folders up, in the repository", pullRequest: true, files: { "a/b/model.safetensors": pointer() }, repo: { "modelcard.md": "# M\n" } },
    { name: "a card in the review above the folder", files: { "a/b/model.safetensors": pointer(), "a/README.md": "# M\n" }, repo: {} },
  ],
  invalid: [
    {
      name: "weights listed before the config in one folder: the finding stays on the weights",
      files: { "m/model.safetensors": pointer(), "m/config.json": LLAMA },
      repo: {},
      findings: [{ path: "m/model.safetensors", line: 1, message: weightsIn("`m`") }],
    },
    {
      name: "the pull request adds weights and removes the card",
      pullRequest: true,
      files: { "model.safetensors": pointer(), "README.md": { content: { type: "removed" }, status: "removed" } },
      repo: { "README.md": "# M\n" },
      findings: [{ path: "model.safetensors", line: 1, message: weightsIn("the repository root") }],
    },
    {
      name: "a configuration in one folder and weights in a sibling: two findings",
      files: { "a/config.json": LLAMA, "b/model.safetensors": pointer() },
      repo: {},
      findings: [
        { path: "a/config.json", line: 1, message: configIn("config.json", "`a`") },
        { path: "b/model.safetensors", line: 1, message: weightsIn("`b`") },
      ],
    },
    {
      name: "a folder whose name starts like the configuration's is not below it",
      files: { "a/config.json": LLAMA, "ab/model.safetensors": pointer() },
      repo: {},
      findings: [
        { path: "a/config.json", line: 1, message: configIn("config.json", "`a`") },
        { path: "ab/model.safetensors", line: 1, message: weightsIn("`ab`") },
      ],
    },
    {
      name: "a pipeline in a subfolder: weights below it cover its model_index.json",
      files: { "p/model_index.json": JSON.stringify({ _class_name: "DDPMPipeline", unet: ["diffusers", "UNet2DModel"] }), "p/unet/diffusion_pytorch_model.safetensors": pointer() },
      repo: {},
      findings: [{ path: "p/unet/diffusion_pytorch_model.safetensors", line: 1, message: weightsIn("`p/unet`") }],
    },
    {
      name: "two configurations in one folder: the finding names the first",
      files: { "config.json": LLAMA, "model_index.json": JSON.stringify({ _class_name: "DDPMPipeline", unet: ["diffusers", "UNet2DModel"] }) },
      repo: {},
      findings: [{ path: "config.json", line: 1, message: configIn("config.json", "the repository root") }],
    },
    {
      name: "a configuration at the root and weights in a subfolder: one finding, on the weights",
      files: { "config.json": LLAMA, "onnx/model.onnx": pointer() },
      repo: {},
      findings: [{ path: "onnx/model.onnx", line: 1, message: weightsIn("`onnx`") }],
    },
    {
      name: "the pull request adds weights, and the repository answers for the folders above: none has a card",
      pullRequest: true,
      files: { "a/b/model.safetensors": pointer() },
      repo: { "a/b/notes.md": "# notes\n" },
      findings: [{ path: "a/b/model.safetensors", line: 1, message: weightsIn("`a/b`") }],
    },
  ],
});

ruleTester(rule, {
  valid: [{ name: "a folder review: a removed weight file asks for no card", files: { "m/model.safetensors": { content: { type: "removed" }, status: "removed" } }, repo: {} }],
  invalid: [
    {
      name: "the hint says what the card should hold",
      files: { "model.gguf": pointer() },
      repo: {},
      findings: [
        {
          line: 1,
          message: weightsIn("the repository root"),
          hint: "Add a README.md with a metadata block (`license`, `base_model`, `pipeline_tag`, `library_name`) and a description: what the model does, how it was trained, and its limits.",
        },
      ],
    },
  ],
});
