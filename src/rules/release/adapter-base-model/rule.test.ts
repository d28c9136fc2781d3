import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import { plain } from "../../../core/text.js";
import rule from "./rule.js";

const adapter = (base: string) => JSON.stringify({ peft_type: "LORA", r: 16, base_model_name_or_path: base, task_type: "CAUSAL_LM" }, null, 2);
const card = (yaml: string) => `---\nlicense: llama3.1\n${yaml}---\n# Adapter\n`;

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "card names the base", files: { "a/adapter_config.json": adapter("meta-llama/Llama-3.1-8B"), "a/README.md": card("base_model: meta-llama/Llama-3.1-8B\n") } },
    { name: "a list containing the base", files: { "adapter_config.json": adapter("a/b"), "README.md": card("base_model:\n- a/b\n") } },
    { name: "no card in the review", files: { "adapter_config.json": adapter("a/b") } },
    { name: "not JSON", files: { "adapter_config.json": "{", "README.md": card("") } },
    { name: "a broken metadata block is the YAML rules' to report", files: { "adapter_config.json": adapter("a/b"), "README.md": "---\nlicense: [mit\n---\n# A\n" } },
  ],
  invalid: [
    {
      name: "card has no base_model: a fix adds it",
      files: { "a/adapter_config.json": adapter("meta-llama/Llama-3.1-8B"), "a/README.md": card("tags: [lora]\n") },
      output: "---\nlicense: llama3.1\ntags: [lora]\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Adapter\n",
      findings: [{ path: "a/README.md", line: 4, message: "`a/adapter_config.json` adapts `meta-llama/Llama-3.1-8B`, but the card names no `base_model`.", hint: "Add `base_model: meta-llama/Llama-3.1-8B` to the metadata." }],
    },
    {
      name: "a card with no metadata block at all (a GitHub README)",
      files: { "adapter_config.json": adapter("TinyLlama/TinyLlama-1.1B-Chat-v1.0"), "README.md": "# My LoRA\n\nFine-tuned with PEFT.\n" },
      findings: [{ path: "README.md", line: 1, message: "`adapter_config.json` adapts `TinyLlama/TinyLlama-1.1B-Chat-v1.0`, but the card has no metadata block, so it names no `base_model` and the Hub cannot link the adapter to its base.", hint: "Start the card with a metadata block that names the base: `---`, `base_model: TinyLlama/TinyLlama-1.1B-Chat-v1.0`, `---`." }],
    },
    {
      name: "card names another base",
      files: { "adapter_config.json": adapter("mistralai/Mistral-7B-v0.1"), "README.md": card("base_model: meta-llama/Llama-3.1-8B\n") },
      findings: [{ line: 3, message: "`adapter_config.json` adapts `mistralai/Mistral-7B-v0.1`, but the card's `base_model` says `meta-llama/Llama-3.1-8B`." }],
    },
    {
      name: "a local path in adapter_config.json",
      files: { "adapter_config.json": adapter("/home/me/checkpoints/llama"), "README.md": card("") },
      findings: [
        {
          path: "adapter_config.json",
          line: 4,
          message: "`base_model_name_or_path` is `/home/me/checkpoints/llama`: it is a local path, not a Hub repository id, so nobody else can load the adapter's base model.",
          hint: "Set it to the Hub id of the model that was in the folder `llama` (the Hub id is `owner/name`: find the repository that model was downloaded from), and name the same id in the card's `base_model`.",
        },
      ],
    },
  ],
});

describe("release/adapter-base-model fix", () => {
  it("adds base_model before the closing fence, keeping CRLF", async () => {
    const [f] = await runRule(rule, {
      name: "fix",
      files: { "adapter_config.json": adapter("a/b"), "README.md": "---\r\nlicense: mit\r\n---\r\n# A\r\n" },
    });
    expect(f?.fix).toEqual({ line: 3, endLine: 3, replacement: "base_model: a/b\r\n---" });
  });
});

describe("release/adapter-base-model and the card's own code", () => {
  const withCode = (body: string) => `---\nlicense: llama2\nbase_model: a/b\n---\n# Adapter\n\n\`\`\`python\n${body}\`\`\`\n`;
  const run = (body: string) => runRule(rule, { name: "snippet", files: { "adapter_config.json": adapter("a/b"), "README.md": withCode(body) } });

  it("says, as a notice, that the code loads the adapter on another base (through a name)", async () => {
    const findings = await run('model_name = "meta-llama/Llama-2-7b-hf"\nbase = AutoModelForCausalLM.from_pretrained(model_name)\nmodel = PeftModel.from_pretrained(base, "./checkpoint-250")\n');
    expect(findings.map((f) => [f.line, f.severity, f.title, plain(f.message)])).toEqual([
      [8, "notice", "The card's code loads the adapter on another base", "The card's code loads the adapter on `meta-llama/Llama-2-7b-hf`, but `adapter_config.json` says it was trained on `a/b`: one of the two is wrong about the base."],
    ]);
  });
  it("says nothing when the code loads the adapter's own base (in any case)", async () => {
    expect(await run('base = AutoModelForCausalLM.from_pretrained("A/B")\nmodel = PeftModel.from_pretrained(base, "me/lora")\n')).toEqual([]);
  });
  it("does not read a snippet without PeftModel (a merged model), or a local path", async () => {
    expect(await run('model = AutoModelForCausalLM.from_pretrained("me/merged")\n')).toEqual([]);
    expect(await run('base = AutoModelForCausalLM.from_pretrained("./base")\nmodel = PeftModel.from_pretrained(base, "me/lora")\n')).toEqual([]);
  });
});
