import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const config = (arch: string) => JSON.stringify({ architectures: [arch], model_type: "x", transformers_version: "4.46.0" });
const card = (yaml: string) => `---\nlicense: mit\n${yaml}---\n# M\n`;

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "causal LM with text-generation", files: { "config.json": config("LlamaForCausalLM"), "README.md": card("library_name: transformers\npipeline_tag: text-generation\n") } },
    { name: "ambiguous head is not judged", files: { "config.json": config("T5ForConditionalGeneration"), "README.md": card("library_name: transformers\npipeline_tag: translation\n") } },
    { name: "masked LM used for sentence similarity", files: { "config.json": config("BertForMaskedLM"), "README.md": card("library_name: sentence-transformers\npipeline_tag: sentence-similarity\n") } },
    { name: "a config not written by transformers", files: { "config.json": JSON.stringify({ hidden: 4 }), "README.md": card("") } },
    { name: "card in another folder", files: { "a/config.json": config("LlamaForCausalLM"), "b/README.md": card("pipeline_tag: fill-mask\n") } },
  ],
  invalid: [
    {
      name: "task contradicts the architecture",
      files: { "config.json": config("LlamaForCausalLM"), "README.md": card("library_name: transformers\npipeline_tag: text-classification\n") },
      findings: [{ line: 4, message: "The card's `pipeline_tag` is `text-classification`, but `config.json` describes `LlamaForCausalLM`, a text-generation model." }],
    },
    {
      name: "no library_name on a transformers model",
      files: { "config.json": config("BertForSequenceClassification"), "README.md": card("pipeline_tag: text-classification\n") },
      output: "---\nlicense: mit\npipeline_tag: text-classification\nlibrary_name: transformers\n---\n# M\n",
      findings: [{ line: 4, message: "`config.json` was saved by transformers, but the card sets no `library_name`, so the Hub shows no transformers snippet.", hint: "Add `library_name: transformers` to the metadata." }],
    },
    ...(
      [
        ["its tag", "tags:\n- sentence-transformers\n", "", undefined],
        ["its snippet", "", "\n```python\nfrom sentence_transformers import SentenceTransformer\n```\n", undefined],
        ["its modules.json", "", "", { "modules.json": "[]" }],
        ["its config_sentence_transformers.json", "", "", { "config_sentence_transformers.json": "{}" }],
      ] as [string, string, string, Record<string, string> | undefined][]
    ).map(([by, yaml, body, repo]) => ({
      name: `a sentence-transformers model, known by ${by}: that library is the one to name (multilingual-e5)`,
      files: { "config.json": config("XLMRobertaModel"), "README.md": `${card(yaml)}${body}` },
      ...(repo ? { repo } : {}),
      output: `---\nlicense: mit\n${yaml}library_name: sentence-transformers\n---\n# M\n${body}`,
      findings: [
        {
          line: yaml === "" ? 3 : 5,
          message: "`config.json` was saved by transformers for a sentence-transformers model, but the card sets no `library_name`, so the Hub shows no sentence-transformers snippet.",
          hint: "Add `library_name: sentence-transformers` to the metadata.",
        },
      ],
    })),
  ],
});

describe("release/config-matches-card fix", () => {
  it("adds library_name", async () => {
    const [f] = await runRule(rule, { name: "fix", files: { "config.json": config("GPT2LMHeadModel"), "README.md": card("") } });
    expect(f?.fix).toEqual({ line: 3, endLine: 3, replacement: "library_name: transformers\n---" });
  });
});

const named = (architectures: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ architectures, model_type: "x", transformers_version: "4.46.0", ...extra });
const noLibrary = "`config.json` was saved by transformers, but the card sets no `library_name`, so the Hub shows no transformers snippet.";

ruleTester(rule, {
  valid: [
    { name: "a card without a metadata block is not compared", files: { "config.json": config("LlamaForCausalLM"), "README.md": "# M\n\npipeline_tag: fill-mask\n" } },
    ...["[]", "null", "3", "{"].map((text) => ({ name: `a config.json that is not an object (${text})`, files: { "config.json": text, "README.md": card("") } })),
    { name: "a removed config.json", files: { "config.json": { content: { type: "removed" as const }, status: "removed" as const }, "README.md": card("") } },
    { name: "a config.json not read as text", files: { "config.json": { content: { type: "not-fetched" as const } }, "README.md": card("") } },
    { name: "heads of two tasks: no task is certain", files: { "config.json": named(["BertForMaskedLM", "BertForSequenceClassification"]), "README.md": card("library_name: transformers\npipeline_tag: token-classification\n") } },
    { name: "a pipeline_tag that is not a string is not compared", files: { "config.json": config("LlamaForCausalLM"), "README.md": card("library_name: transformers\npipeline_tag: [fill-mask]\n") } },
    { name: "a head with no list of compatible tasks accepts its own task", files: { "config.json": config("BertForTokenClassification"), "README.md": card("library_name: transformers\npipeline_tag: token-classification\n") } },
    { name: "a causal LM behind a vision-language card", files: { "config.json": config("LlavaForCausalLM"), "README.md": card("library_name: transformers\npipeline_tag: image-text-to-text\n") } },
    { name: "transformers_version that is not a string says nothing of the library", files: { "config.json": named(["BertModel"], { transformers_version: 4 }), "README.md": card("") } },
    { name: "a transformers config without architectures says nothing of the library", files: { "config.json": named([]), "README.md": card("") } },
    { name: "architectures that are not a list", files: { "config.json": named("LlamaForCausalLM"), "README.md": card("pipeline_tag: fill-mask\nlibrary_name: transformers\n") } },
  ],
  invalid: [
    {
      name: "a head with no list of compatible tasks, and another task: at the tag's line and column",
      files: { "config.json": named(["BertForTokenClassification", 7]), "README.md": card("library_name: transformers\npipeline_tag:   text-classification\n") },
      findings: [
        {
          path: "README.md",
          line: 4,
          column: 17,
          message: "The card's `pipeline_tag` is `text-classification`, but `config.json` describes `BertForTokenClassification`, a token-classification model.",
          hint: "Use `token-classification` unless the model really serves another task, for example through custom code.",
        },
      ],
    },
    {
      name: "a sentence-transformers model known by `import sentence_transformers`",
      files: { "config.json": config("BertModel"), "README.md": `${card("")}\n\`\`\`python\nimport sentence_transformers\n\`\`\`\n` },
      output: `---\nlicense: mit\nlibrary_name: sentence-transformers\n---\n# M\n\n\`\`\`python\nimport sentence_transformers\n\`\`\`\n`,
      findings: [{ line: 3, message: "`config.json` was saved by transformers for a sentence-transformers model, but the card sets no `library_name`, so the Hub shows no sentence-transformers snippet." }],
    },
    {
      name: "a model in a subfolder: its modules.json is looked for in that folder",
      files: { "m/config.json": config("BertModel"), "m/README.md": card("") },
      repo: { "m/modules.json": "[]", "modules.json": "[]" },
      output: "---\nlicense: mit\nlibrary_name: sentence-transformers\n---\n# M\n",
      findings: [{ path: "m/README.md", line: 3, message: "`m/config.json` was saved by transformers for a sentence-transformers model, but the card sets no `library_name`, so the Hub shows no sentence-transformers snippet." }],
    },
    {
      name: "a model in a subfolder: modules.json at the root is not its own",
      files: { "m/config.json": config("BertModel"), "m/README.md": card("") },
      repo: { "modules.json": "[]", "config_sentence_transformers.json": "{}" },
      output: "---\nlicense: mit\nlibrary_name: transformers\n---\n# M\n",
      findings: [{ path: "m/README.md", line: 3, message: "`m/config.json` was saved by transformers, but the card sets no `library_name`, so the Hub shows no transformers snippet." }],
    },
    {
      name: "both findings on one card",
      files: { "config.json": config("LlamaForCausalLM"), "README.md": card("pipeline_tag: fill-mask\n") },
      output: "---\nlicense: mit\npipeline_tag: fill-mask\nlibrary_name: transformers\n---\n# M\n",
      findings: [
        { line: 3, message: "The card's `pipeline_tag` is `fill-mask`, but `config.json` describes `LlamaForCausalLM`, a text-generation model." },
        { line: 4, message: noLibrary },
      ],
    },
  ],
});
