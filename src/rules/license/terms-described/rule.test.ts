import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const LINE = "Use the model for research and non-commercial purposes only, and abide by the LLaMA license.";
const config = (origin: string) => JSON.stringify({ _name_or_path: origin, model_type: "llama" });

ruleTester(rule, {
  valid: [
    { name: "real card coqui-xtts-v2 (test/fixtures/corpus)", files: { "README.md": corpusCard("coqui-xtts-v2") } },
    { name: "the original LLaMA's non-commercial terms, stated for a LLaMA model", files: { "README.md": `# M\n\n${LINE}\n`, "config.json": config("huggyllama/llama-7b") } },
    { name: "a Llama 3.1 model whose card says nothing of commerce", files: { "README.md": "# M\n\nUse it under the Llama 3.1 license.\n", "config.json": config("meta-llama/Llama-3.1-8B") } },
    { name: "non-commercial said of the data, not of the Llama license", files: { "README.md": "---\nlicense: llama3.1\n---\n# M\n\nThe training data is CC BY-NC 4.0: non-commercial use only.\n" } },
    { name: "inside a code block", files: { "README.md": `---\nlicense: llama2\n---\n# M\n\n\`\`\`\n${LINE}\n\`\`\`\n` } },
    { name: "a base whose name does not say Llama 2 or later", files: { "README.md": `---\nbase_model: TinyLlama/TinyLlama-1.1B-Chat-v1.0\n---\n# M\n\n${LINE}\n` } },
  ],
  invalid: [
    {
      name: "a Llama 3.1 fine-tune said to be non-commercial under the Llama license (m-irfanuruchi)",
      files: { "README.md": `# M\n\n${LINE}\n`, "config.json": config("meta-llama/Llama-3.1-8B") },
      findings: [
        {
          line: 3,
          message:
            "This line speaks of non-commercial use under the Llama license, but `meta-llama/Llama-3.1-8B`'s name says Llama 3.1, and the Llama 3.1 Community License allows commercial use: only products with more than 700 million monthly active users need a separate license from Meta (section 2). The non-commercial LLaMA license was the original LLaMA's (2023).",
          hint: "If the restriction is your own choice, say so and declare it (`license: other` with your terms); if it describes Meta's license, correct it and link the license the model is under.",
        },
      ],
    },
    {
      name: "a card that declares llama2 and calls it non-commercial",
      files: { "README.md": "---\nlicense: llama2\n---\n# M\n\nThe Llama 2 license is non-commercial.\n" },
      findings: [{ line: 6, message: "This line speaks of non-commercial use under the Llama license, but the card declares `license: llama2`, and the Llama 2 Community License allows commercial use: only products with more than 700 million monthly active users need a separate license from Meta (section 2). The non-commercial LLaMA license was the original LLaMA's (2023)." }],
    },
  ],
});
