import { ruleTester } from "../../../../test/rule-tester.js";
import { pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "only safetensors", files: { "model.safetensors": pointer() } },
    { name: "a pickle alone is weights/prefer-safetensors's", files: { "pytorch_model.bin": pointer() } },
  ],
  invalid: [
    {
      name: "pytorch_model.bin beside model.safetensors",
      files: { "pytorch_model.bin": pointer(), "model.safetensors": pointer() },
      findings: [{ path: "pytorch_model.bin", message: "`pytorch_model.bin` is a pickle that ships beside `model.safetensors`" }],
    },
    {
      name: "the twin is already in the repository",
      files: { "unet/diffusion_pytorch_model.bin": pointer() },
      repo: { "unet/diffusion_pytorch_model.safetensors": null },
      findings: [{ message: "beside `unet/diffusion_pytorch_model.safetensors`" }],
    },
    {
      name: "sharded twins",
      files: { "pytorch_model-00001-of-00002.bin": pointer(), "model-00001-of-00002.safetensors": pointer() },
      findings: [{ message: "beside `model-00001-of-00002.safetensors`" }],
    },
  ],
});
