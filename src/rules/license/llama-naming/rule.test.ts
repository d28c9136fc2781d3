import { corpusCard, found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (license: string, title: string, extra = "") => ({ "README.md": `---\nlicense: ${license}\n${extra}---\n\n# ${title}\n\nText.\n` });
const HUB = { "model:meta-llama/Llama-3.1-8B": found("model", "meta-llama/Llama-3.1-8B", { licenses: ["llama3.1"] }) };

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "named Llama", files: card("llama3.1", "Llama-3.1-8B-Support") },
    { name: "Llama 3 names begin with Llama 3", files: card("llama3", "Llama-3-8B-SupportBot") },
    { name: "Llama3 without a space", files: card("llama3", "Llama3-SupportBot") },
    { name: "Meta's own naming", files: card("llama3.1", "Meta-Llama-3.1-8B-Instruct-GGUF") },
    { name: "a banner heading is not the model's name", files: card("llama3.1", "Finetune Llama 3.1, Gemma 2 and Mistral 2x faster with less memory!") },
    { name: "heading in a code block does not count", files: { "README.md": "---\nlicense: llama3.1\n---\n```\n# not a title\n```\n# Llama-tune\n" } },
    { name: "offline, a base whose name only contains llama (TinyLlama)", files: card("apache-2.0", "My Tune", "base_model: TinyLlama/TinyLlama-1.1B-Chat-v1.0\n") },
    { name: "offline, a Llama 2 base: its license has no naming clause", files: card("llama2", "ELYZA-japanese-Llama-2-13b", "base_model: meta-llama/Llama-2-13b-hf\n") },
    {
      name: "online, the Hub's declared license replaces the name",
      files: card("apache-2.0", "My Tune", "base_model: acme/Llama-3.1-relicensed\n"),
      hub: { "model:acme/Llama-3.1-relicensed": found("model", "acme/Llama-3.1-relicensed", { licenses: ["apache-2.0"] }) },
    },
  ],
  invalid: [
    {
      name: "Llama 3 requires \"Llama 3\", not only \"Llama\"",
      files: card("llama3", "Llama-SupportBot-8B"),
      findings: [{ line: 5, message: 'The model is named `Llama-SupportBot-8B`, but the `llama3` license requires the name of a model built from Llama to begin with "Llama 3".' }],
    },
    { name: "its own license", files: card("llama3.1", "SupportBot-8B"), findings: [{ line: 5, message: "The model is named `SupportBot-8B`, but the `llama3.1` license requires the name of a model built from Llama to begin with \"Llama\"." }] },
    {
      name: "through the base model",
      files: card("other", "My Tune", "base_model: meta-llama/Llama-3.1-8B\n"),
      hub: HUB,
      findings: [{ line: 6, message: "The model is named `My Tune`, but the `llama3.1` license requires the name of a model built from Llama to begin with \"Llama\"." }],
    },
    {
      name: "offline, the base model's name says Llama 3.2",
      files: card("creativeml-openrail-m", "**Codepy 3B Deep Think**", "base_model:\n- meta-llama/Llama-3.2-3B-Instruct\n"),
      findings: [{ line: 7, message: "The model is named `Codepy 3B Deep Think`. Its base model's name (`meta-llama/Llama-3.2-3B-Instruct`) says `llama3.2`, and that license requires the name of a model built from Llama to begin with \"Llama\"." }],
    },
    {
      name: "offline, a third-party base named Llama-3.1-…",
      files: card("other", "1PARAMMYL-8B-ModelStock", "base_model: arcee-ai/Llama-3.1-SuperNova-Lite\n"),
      findings: [{ line: 6, message: "The model is named `1PARAMMYL-8B-ModelStock`. Its base model's name (`arcee-ai/Llama-3.1-SuperNova-Lite`) says `llama3.1`, and that license requires the name of a model built from Llama to begin with \"Llama\"." }],
    },
  ],
});
