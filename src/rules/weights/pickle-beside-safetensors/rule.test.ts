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
