import { found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (license: string, title: string, extra = "") => ({ "README.md": `---\nlicense: ${license}\n${extra}---\n\n# ${title}\n\nText.\n` });
const HUB = { "model:meta-llama/Llama-3.1-8B": found("model", "meta-llama/Llama-3.1-8B", { licenses: ["llama3.1"] }) };

ruleTester(rule, {
  valid: [
    { name: "named Llama", files: card("llama3.1", "Llama-3.1-8B-Support") },
    { name: "Llama 3 names begin with Llama 3", files: card("llama3", "Llama-3-8B-SupportBot") },
    { name: "Llama3 without a space", files: card("llama3", "Llama3-SupportBot") },
    { name: "Meta's own naming", files: card("llama3.1", "Meta-Llama-3.1-8B-Instruct-GGUF") },
    { name: "a banner heading is not the model's name", files: card("llama3.1", "Finetune Llama 3.1, Gemma 2 and Mistral 2x faster with less memory!") },
    { name: "heading in a code block does not count", files: { "README.md": "---\nlicense: llama3.1\n---\n```\n# not a title\n```\n# Llama-tune\n" } },
  ],
  invalid: [
    {
      name: "Llama 3 requires \"Llama 3\", not only \"Llama\"",
      files: card("llama3", "Llama-SupportBot-8B"),
      findings: [{ line: 5, message: 'The model is named `Llama-SupportBot-8B`, but the `llama3` license requires the name of a model built from Llama to begin with "Llama 3".' }],
    },
    { name: "its own license", files: card("llama3.1", "SupportBot-8B"), findings: [{ line: 5, message: "The model is named `SupportBot-8B`, but the `llama3.1` license requires" }] },
    {
      name: "through the base model",
      files: card("other", "My Tune", "base_model: meta-llama/Llama-3.1-8B\n"),
      hub: HUB,
      findings: [{ line: 6, message: "`llama3.1`" }],
    },
  ],
});
