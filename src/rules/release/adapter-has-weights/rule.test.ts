import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

const config = '{"peft_type": "LORA", "base_model_name_or_path": "meta-llama/Llama-2-7b-hf"}';

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "safetensors beside the config", files: { "adapter_config.json": config, "adapter_model.safetensors": pointer() }, repo: {} },
    { name: "a pickle beside the config", files: { "lora/adapter_config.json": config, "lora/adapter_model.bin": pointer() }, repo: {} },
    { name: "the weights already in the repository", pullRequest: true, files: { "adapter_config.json": config }, repo: { "adapter_model.safetensors": null } },
    { name: "other weights in the folder", files: { "adapter_config.json": config, "model-00001-of-00002.safetensors": pointer() }, repo: {} },
    { name: "no view of the repository: unknown is never absent", pullRequest: true, files: { "adapter_config.json": config } },
    { name: "weights in another folder do not count, but this folder has them", files: { "a/adapter_config.json": config, "a/adapter_model.safetensors": pointer() }, repo: {} },
  ],
  invalid: [
    {
      name: "only the config (a-internlm-lora-local-path-template)",
      files: { "adapter_config.json": config, "README.md": "# LoRA\n" },
      repo: {},
      findings: [{ path: "adapter_config.json", line: 1, message: "`adapter_config.json` describes an adapter, but neither `adapter_model.safetensors` nor `adapter_model.bin` is in the repository, so `PeftModel.from_pretrained` has no weights to load." }],
    },
    {
      name: "weights in the folder above are not this adapter's",
      files: { "lora/adapter_config.json": config, "adapter_model.safetensors": pointer() },
      repo: {},
      findings: [{ line: 1, message: "`lora/adapter_config.json` describes an adapter, but neither `lora/adapter_model.safetensors` nor `lora/adapter_model.bin` is in the repository, so `PeftModel.from_pretrained` has no weights to load." }],
    },
    {
      name: "the pull request removes the weights",
      pullRequest: true,
      files: { "adapter_config.json": config, "adapter_model.safetensors": { content: { type: "removed" }, status: "removed" } },
      repo: {},
      findings: [{ line: 1, message: "`adapter_config.json` describes an adapter, but neither `adapter_model.safetensors` nor `adapter_model.bin` is in the repository, so `PeftModel.from_pretrained` has no weights to load." }],
    },
  ],
});

const missing = (dir: string) =>
  `\`${dir}adapter_config.json\` describes an adapter, but neither \`${dir}adapter_model.safetensors\` nor \`${dir}adapter_model.bin\` is in the repository, so \`PeftModel.from_pretrained\` has no weights to load.`;

ruleTester(rule, {
  valid: [
    { name: "a removed adapter config asks for no weights", pullRequest: true, files: { "adapter_config.json": { content: { type: "removed" }, status: "removed" } }, repo: {} },
    { name: "one name known absent, the other unknown: never called missing", pullRequest: true, files: { "adapter_config.json": config, "adapter_model.safetensors": { content: { type: "removed" }, status: "removed" } } },
    { name: "weights named in capitals count", files: { "adapter_config.json": config, "ADAPTER_MODEL.BIN": pointer() }, repo: {} },
  ],
  invalid: [
    {
      name: "weights of another format in the folder are not the adapter's (a GGUF export)",
      files: { "adapter_config.json": config, "adapter-q8_0.gguf": pointer() },
      repo: {},
      findings: [{ path: "adapter_config.json", line: 1, message: missing("") }],
    },
    {
      name: "a hidden file named like weights is not weights",
      files: { "lora/adapter_config.json": config, "lora/.adapter_model.safetensors": pointer() },
      repo: {},
      findings: [{ path: "lora/adapter_config.json", line: 1, message: missing("lora/") }],
    },
    {
      name: "each adapter folder on its own",
      files: { "a/adapter_config.json": config, "a/adapter_model.safetensors": pointer(), "b/adapter_config.json": config },
      repo: {},
      findings: [{ path: "b/adapter_config.json", line: 1, message: missing("b/") }],
    },
  ],
});

ruleTester(rule, {
  valid: [{ name: "the adapter's own pickle weights", files: { "adapter_config.json": config, "adapter_model.bin": pointer() }, repo: {} }],
  invalid: [
    {
      name: "a weight file whose name only contains .bin is not the adapter's (a GGUF export)",
      files: { "adapter_config.json": config, "adapter_model.bin.gguf": pointer() },
      repo: {},
      findings: [
        {
          line: 1,
          message: missing(""),
          hint: "Commit the adapter's weights beside its config (`model.save_pretrained(...)` writes both; through Git LFS), or remove `adapter_config.json` if the folder holds a merged model instead.",
        },
      ],
    },
  ],
});
