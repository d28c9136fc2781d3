import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const LINE = "Use the model for research and non-commercial purposes only, and abide by the LLaMA license.";
const says = (because: string, terms: string) =>
  `This line speaks of non-commercial use under the Llama license, but ${because}, and ${terms} allows commercial use: only products with more than 700 million monthly active users need a separate license from Meta (section 2). The non-commercial LLaMA license was the original LLaMA's (2023).`;
const config = (origin: string) => JSON.stringify({ _name_or_path: origin, model_type: "llama" });

ruleTester(rule, {
  valid: [
    { name: "real card coqui-xtts-v2 (test/fixtures/corpus)", files: { "README.md": corpusCard("coqui-xtts-v2") } },
    { name: "the original LLaMA's non-commercial terms, stated for a LLaMA model", files: { "README.md": `# M\n\n${LINE}\n`, "config.json": config("huggyllama/llama-7b") } },
    { name: "a Llama 3.1 model whose card says nothing of commerce", files: { "README.md": "# M\n\nUse it under the Llama 3.1 license.\n", "config.json": config("meta-llama/Llama-3.1-8B") } },
    { name: "non-commercial said of the data, not of the Llama license", files: { "README.md": "---\nlicense: llama3.1\n---\n# M\n\nThe training data is CC BY-NC 4.0: non-commercial use only.\n" } },
    { name: "inside a code block", files: { "README.md": `---\nlicense: llama2\n---\n# M\n\n\`\`\`\n${LINE}\n\`\`\`\n` } },
    { name: "a line without a word for a license or terms", files: { "README.md": "---\nlicense: llama2\n---\n# M\n\nNon-commercial Llama fine-tune.\nA non-commercial license for this data.\n" } },
    { name: "the metadata block is not the card's prose", files: { "README.md": "---\nlicense: llama2\ntags: [llama, non-commercial, license]\n---\n# M\n" } },
    { name: "a dataset card is not a model under the Llama license", files: { "README.md": `---\nlicense: llama2\ntask_categories: [text-classification]\n---\n# D\n\n${LINE}\n` } },
    { name: "a config's origin without a namespace names no model", files: { "README.md": `# M\n\n${LINE}\n`, "config.json": config("Llama-3.1-8B") } },
    { name: "a config the pull request removes says nothing", pullRequest: true, files: { "README.md": `# M\n\n${LINE}\n`, "config.json": { status: "removed", content: { type: "removed" } } } },
    { name: "a card that declares other, on the original LLaMA: its non-commercial terms are right", files: { "README.md": `---\nlicense: other\nbase_model: huggyllama/llama-7b\n---\n# M\n\n${LINE}\n` } },
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
    {
      name: "an adapter's base model names Llama 3",
      files: { "m/README.md": `# M\n\n${LINE}\n`, "m/adapter_config.json": JSON.stringify({ base_model_name_or_path: "meta-llama/Meta-Llama-3-8B" }) },
      findings: [{ path: "m/README.md", line: 3, message: says("`meta-llama/Meta-Llama-3-8B`'s name says Llama 3", "the Meta Llama 3 Community License") }],
    },
    {
      name: "a ~~~ fence is a code block too; the line after it is prose",
      files: { "README.md": `---\nlicense: llama2\n---\n# M\n\n~~~\n${LINE}\n~~~\nLlama license: noncommercial terms.\n` },
      findings: [{ line: 9, message: says("the card declares `license: llama2`", "the Llama 2 Community License") }],
    },
    {
      name: "the card's base_model, and only the first such line",
      files: { "README.md": `---\nbase_model: meta-llama/Llama-3.2-1B\n---\n# M\n\n${LINE}\nAgain ${LINE}\n` },
      findings: [{ line: 6, message: says("`meta-llama/Llama-3.2-1B`'s name says Llama 3.2", "the Llama 3.2 Community License") }],
    },
    {
      name: "a base_model that is no repo id is skipped for the next",
      files: { "README.md": `---\nbase_model:\n- not a repo id\n- meta-llama/Llama-4-Scout-17B-16E\n---\n# M\n\n${LINE}\n` },
      findings: [{ line: 8, message: says("`meta-llama/Llama-4-Scout-17B-16E`'s name says Llama 4", "the Llama 4 Community License") }],
    },
    {
      name: "a card without metadata is read from its first line",
      files: { "README.md": `${LINE}\n`, "config.json": config("meta-llama/Llama-3.3-70B-Instruct") },
      findings: [{ line: 1, message: says("`meta-llama/Llama-3.3-70B-Instruct`'s name says Llama 3.3", "the Llama 3.3 Community License") }],
    },
  ],
});
