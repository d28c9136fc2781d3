import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "only safetensors", files: { "model.safetensors": pointer() } },
    { name: "a pickle alone is weights/prefer-safetensors's", files: { "pytorch_model.bin": pointer() } },
    { name: "OpenVINO IR beside a safetensors file is not a pickle", files: { "openvino_model.bin": pointer(), "openvino_model.safetensors": pointer() } },
  ],
  invalid: [
    {
      name: "pytorch_model.bin beside model.safetensors",
      files: { "pytorch_model.bin": pointer(), "model.safetensors": pointer() },
      findings: [{ line: 1, path: "pytorch_model.bin", message: "`pytorch_model.bin` is a pickle that ships beside `model.safetensors`, the safetensors file libraries load first. Keeping both adds download size and the pickle's risk, and nothing checks that the two still hold the same weights." }],
    },
    {
      name: "the twin is already in the repository",
      files: { "unet/diffusion_pytorch_model.bin": pointer() },
      repo: { "unet/diffusion_pytorch_model.safetensors": null },
      findings: [{ line: 1, message: "`diffusion_pytorch_model.bin` is a pickle that ships beside `unet/diffusion_pytorch_model.safetensors`, the safetensors file libraries load first. Keeping both adds download size and the pickle's risk, and nothing checks that the two still hold the same weights." }],
    },
    {
      name: "sharded twins",
      files: { "pytorch_model-00001-of-00002.bin": pointer(), "model-00001-of-00002.safetensors": pointer() },
      findings: [{ line: 1, message: "`pytorch_model-00001-of-00002.bin` is a pickle that ships beside `model-00001-of-00002.safetensors`, the safetensors file libraries load first. Keeping both adds download size and the pickle's risk, and nothing checks that the two still hold the same weights." }],
    },
    {
      name: "three pickle shards beside their safetensors shards are one finding",
      files: Object.fromEntries(
        [1, 2, 3].flatMap((i) => [
          [`pytorch_model-0000${i}-of-00003.bin`, pointer()],
          [`model-0000${i}-of-00003.safetensors`, pointer()],
        ]),
      ),
      findings: [{ line: 1, path: "pytorch_model-00001-of-00003.bin", message: "`pytorch_model-00001-of-00003.bin` and the other 2 pickle shards of this checkpoint ship beside safetensors shards (`model-00001-of-00003.safetensors` …), which libraries load first. Keeping both adds download size and the pickle's risk, and nothing checks that the two still hold the same weights." }],
    },
  ],
});

const tail = "Keeping both adds download size and the pickle's risk, and nothing checks that the two still hold the same weights.";

ruleTester(rule, {
  valid: [
    { name: "training state beside safetensors is weights/training-leftovers'", files: { "training_args.bin": pointer(), "optimizer.pt": pointer(), "model.safetensors": pointer() } },
    { name: "a removed pickle beside safetensors", pullRequest: true, files: { "pytorch_model.bin": { content: { type: "removed" }, status: "removed" }, "model.safetensors": pointer() }, repo: {} },
    { name: "the twin is not in the repository either", pullRequest: true, files: { "pytorch_model.bin": pointer() }, repo: { "other.safetensors": null } },
    { name: "the twin removed by the pull request", pullRequest: true, files: { "pytorch_model.bin": pointer(), "model.safetensors": { content: { type: "removed" }, status: "removed" } }, repo: { "model.safetensors": null } },
  ],
  invalid: [
    {
      name: "two pickle shards beside their safetensors shards: the other one, in the singular",
      files: { "pytorch_model-00001-of-00002.bin": pointer(), "pytorch_model-00002-of-00002.bin": pointer(), "model-00001-of-00002.safetensors": pointer(), "model-00002-of-00002.safetensors": pointer() },
      findings: [
        {
          path: "pytorch_model-00001-of-00002.bin",
          line: 1,
          message: `\`pytorch_model-00001-of-00002.bin\` and the other pickle shard of this checkpoint ship beside safetensors shards (\`model-00001-of-00002.safetensors\` …), which libraries load first. ${tail}`,
          hint: "Remove the pickle unless a tool you support can only read it.",
        },
      ],
    },
    {
      name: "two checkpoints in two folders: a finding each",
      files: { "a/pytorch_model.bin": pointer(), "a/model.safetensors": pointer(), "b/pytorch_model.bin": pointer(), "b/model.safetensors": pointer() },
      findings: [
        { path: "a/pytorch_model.bin", line: 1, message: `\`pytorch_model.bin\` is a pickle that ships beside \`a/model.safetensors\`, the safetensors file libraries load first. ${tail}` },
        { path: "b/pytorch_model.bin", line: 1, message: `\`pytorch_model.bin\` is a pickle that ships beside \`b/model.safetensors\`, the safetensors file libraries load first. ${tail}` },
      ],
    },
  ],
});
