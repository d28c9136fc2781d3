import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import { plain } from "../../../core/text.js";
import rule from "./rule.js";

const LLAMA = JSON.stringify({ architectures: ["LlamaForCausalLM"], model_type: "llama" });
const POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a".repeat(64) + "\nsize 100\n";
const INDEX = JSON.stringify({ _class_name: "StableDiffusionPipeline", _diffusers_version: "0.10.0", unet: ["diffusers", "UNet2DConditionModel"], vae: ["diffusers", "AutoencoderKL"], text_encoder: ["transformers", "CLIPTextModel"], tokenizer: ["transformers", "CLIPTokenizer"], scheduler: ["diffusers", "PNDMScheduler"], safety_checker: [null, null] });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "config.json beside its weights", files: { "config.json": LLAMA, "model.safetensors": POINTER } },
    { name: "a Transformers.js layout: weights in onnx/", files: { "config.json": LLAMA, "onnx/model_quantized.onnx": POINTER } },
    { name: "a shard index whose shards are missing is shards-complete's", files: { "config.json": LLAMA, "model.safetensors.index.json": "{}" } },
    { name: "a sentence-transformers module config is no model", files: { "1_Pooling/config.json": JSON.stringify({ word_embedding_dimension: 384, pooling_mode_mean_tokens: true }), "model.safetensors": POINTER } },
    { name: "an adapter's folder is adapter-has-weights'", files: { "config.json": LLAMA, "adapter_config.json": "{}" } },
    { name: "a config.json that is not a model's", files: { "config.json": JSON.stringify({ port: 8080 }) } },
    { name: "a config.json that does not parse is config-json-valid's", files: { "config.json": "{ architectures: [" } },
    {
      name: "a diffusers pipeline with its weights",
      files: { "model_index.json": INDEX, "unet/config.json": "{}", "unet/diffusion_pytorch_model.safetensors": POINTER, "vae/config.json": "{}", "vae/diffusion_pytorch_model.safetensors": POINTER },
    },
    { name: "a pull request: the repository is not listed", pullRequest: true, files: { "config.json": LLAMA } },
    { name: "a pull request with the repository port, which cannot list", pullRequest: true, files: { "config.json": LLAMA }, repo: { "README.md": "# M\n" } },
  ],
  invalid: [
    {
      name: "config.json and tokenizer files only",
      files: { "README.md": "# M\n", "config.json": LLAMA, "tokenizer_config.json": "{}" },
      findings: [{ path: "config.json", line: 1, message: "`config.json` describes a `LlamaForCausalLM` model, but no weight file is in the repository root or below it: `from_pretrained` has nothing to load." }],
    },
    {
      name: "a model in a subfolder, weights only in a sibling folder",
      files: { "models/a/config.json": JSON.stringify({ model_type: "bert" }), "models/b/model.safetensors": POINTER },
      findings: [{ line: 1, path: "models/a/config.json", message: "`models/a/config.json` describes a model, but no weight file is in `models/a` or below it: `from_pretrained` has nothing to load." }],
    },
  ],
});

describe("release/weights-missing on a diffusers pipeline", () => {
  it("reports the pipeline once, naming the components that have only their config", async () => {
    const findings = await runRule(rule, {
      name: "dreambooth without weights",
      files: { "model_index.json": INDEX, "unet/config.json": "{}", "vae/config.json": "{}", "text_encoder/config.json": LLAMA, "tokenizer/tokenizer_config.json": "{}", "scheduler/scheduler_config.json": "{}" },
    });
    expect(findings.map((f) => [f.path, plain(f.message)])).toEqual([
      [
        "model_index.json",
        "`model_index.json` describes a `StableDiffusionPipeline` pipeline whose models (`unet`, `vae`, `text_encoder`) have only their `config.json`, but no weight file is in the repository root or below it: the pipeline cannot be loaded.",
      ],
    ]);
  });
});
