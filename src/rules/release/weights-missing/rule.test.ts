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

const noWeights = (path: string, what: string, where: string) => `\`${path}\` describes a ${what}model, but no weight file is in ${where} or below it: \`from_pretrained\` has nothing to load.`;
const PIPELINE = JSON.stringify({ _class_name: "DDPMPipeline", unet: ["diffusers", "UNet2DModel"], scheduler: ["diffusers", "DDPMScheduler"] });

ruleTester(rule, {
  valid: [
    { name: "a removed config.json asks for no weights", files: { "config.json": { content: { type: "removed" }, status: "removed" } } },
    { name: "a folder review without a repository port lists the workspace: weights below the config count", files: { "m/config.json": LLAMA, "m/sub/model.safetensors": POINTER } },
    { name: "a shard index alone counts as the weights' place", files: { "m/config.json": LLAMA, "m/model.safetensors.index.json": "{}" } },
    { name: "a folder review through a repository port that cannot list: which files it holds is not known", files: { "config.json": LLAMA }, repo: {} },
  ],
  invalid: [
    {
      name: "a folder review lists only the files it holds: a removed weight file is gone",
      files: { "config.json": LLAMA, "model.safetensors": { content: { type: "removed" }, status: "removed" } },
      findings: [{ path: "config.json", line: 1, message: noWeights("config.json", "`LlamaForCausalLM` ", "the repository root") }],
    },
    {
      name: "a pipeline whose components have no config.json either",
      files: { "model_index.json": PIPELINE, "scheduler/scheduler_config.json": "{}" },
      findings: [{ path: "model_index.json", line: 1, message: "`model_index.json` describes a `DDPMPipeline` pipeline, but no weight file is in the repository root or below it: the pipeline cannot be loaded." }],
    },
    {
      name: "a pipeline in a subfolder: its components' config.json are looked for below it",
      files: { "p/model_index.json": PIPELINE, "p/unet/config.json": "{}", "unet/config.json": "{}" },
      findings: [{ path: "p/model_index.json", line: 1, message: "`p/model_index.json` describes a `DDPMPipeline` pipeline whose models (`unet`) have only their `config.json`, but no weight file is in `p` or below it: the pipeline cannot be loaded." }],
    },
    {
      name: "a transformers config beside a model_index.json at the root is reported on its own",
      files: { "config.json": LLAMA, "model_index.json": PIPELINE },
      findings: [
        { path: "config.json", line: 1, message: noWeights("config.json", "`LlamaForCausalLM` ", "the repository root") },
        { path: "model_index.json", line: 1, message: "`model_index.json` describes a `DDPMPipeline` pipeline, but no weight file is in the repository root or below it: the pipeline cannot be loaded." },
      ],
    },
    {
      name: "a pipeline in a subfolder of another pipeline is its own",
      files: { "model_index.json": PIPELINE, "sub/model_index.json": PIPELINE },
      findings: [
        { path: "model_index.json", line: 1, message: "`model_index.json` describes a `DDPMPipeline` pipeline, but no weight file is in the repository root or below it: the pipeline cannot be loaded." },
        { path: "sub/model_index.json", line: 1, message: "`sub/model_index.json` describes a `DDPMPipeline` pipeline, but no weight file is in `sub` or below it: the pipeline cannot be loaded." },
      ],
    },
  ],
});

describe("release/weights-missing with a repository port that lists its files", () => {
  const run = async (listing: readonly string[] | undefined) => {
    const { review } = await import("../../../core/engine.js");
    const { resolveConfig } = await import("../../../core/config.js");
    const { RULE_IDS } = await import("../../index.js");
    const result = await review({
      workspace: { source: "pull-request", files: [{ path: "m/config.json", status: "added", content: { type: "text", text: LLAMA } }] },
      repo: { existing: async () => new Set<string>(), read: async () => undefined, filesUnder: async (dir) => (dir === "" ? listing : undefined) },
      config: resolveConfig({}, RULE_IDS).config,
      rules: [rule],
      ruleIds: RULE_IDS,
    });
    return result.findings.map((f) => [f.ruleId, f.path, plain(f.message)]);
  };

  it("reads the whole listing of the root, even in a pull request", async () => {
    expect(await run(["m/config.json", "m/model.safetensors"])).toEqual([]);
    expect(await run(["m/config.json", "other/model.safetensors"])).toEqual([
      ["release/weights-missing", "m/config.json", noWeights("m/config.json", "`LlamaForCausalLM` ", "`m`")],
    ]);
  });

  it("says nothing when the port cannot list the root", async () => {
    expect(await run(undefined)).toEqual([]);
  });
});

ruleTester(rule, {
  valid: [{ name: "a pipeline with its weights below it", files: { "model_index.json": PIPELINE, "unet/diffusion_pytorch_model.safetensors": POINTER } }],
  invalid: [
    {
      name: "the hints for a model and for a pipeline",
      files: { "a/config.json": LLAMA, "b/model_index.json": PIPELINE },
      findings: [
        {
          path: "a/config.json",
          line: 1,
          message: noWeights("a/config.json", "`LlamaForCausalLM` ", "`a`"),
          hint: "Commit the weights `save_pretrained` writes beside `config.json` (`model.safetensors`, or its shards and index), through Git LFS. If they are published in another Hub repository, link it in the card instead of copying the configuration.",
        },
        {
          path: "b/model_index.json",
          line: 1,
          message: "`b/model_index.json` describes a `DDPMPipeline` pipeline, but no weight file is in `b` or below it: the pipeline cannot be loaded.",
          hint: "Commit the weights the pipeline's `save_pretrained` writes into each model's folder (`diffusion_pytorch_model.safetensors`, `model.safetensors`), through Git LFS. If they are published in another Hub repository, link it in the card instead of copying the configuration.",
        },
      ],
    },
  ],
});
