import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const FM = "---\nlicense: mit\n---\n";
const WEIGHTS = { content: { type: "not-fetched" as const } };

ruleTester(rule, {
  valid: [
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus)", files: { "README.md": corpusCard("facebook-bart-large-mnli") } },
    { name: "one sentence is enough", files: { "README.md": `${FM}A small model.\n` } },
    { name: "a heading and a sentence", files: { "README.md": `${FM}# Tiny\n\nIt tags parts of speech in English.\n` } },
    { name: "text in HTML", files: { "README.md": `${FM}<p align="center">A model that tags words</p>\n` } },
    { name: "a list describes too", files: { "README.md": `${FM}# Tiny\n\n- tags parts of speech\n- English only\n` } },
    { name: "a table with words", files: { "README.md": `${FM}| Task | Score |\n|---|---|\n| part of speech tagging | 97 |\n` } },
    { name: "a project README is not a card", files: { "README.md": "# Lib\n" } },
    { name: "three words are a description", files: { "README.md": `${FM}Tags English words.\n` } },
    { name: "a front matter never closed is card/front-matter-valid-yaml's, not a card without prose", files: { "README.md": "---\nlicense: mit\n" } },
  ],
  invalid: [
    {
      name: "metadata only",
      files: { "README.md": `${FM}` },
      findings: [
        {
          line: 4,
          message: "This model card is only metadata: nothing follows the block that ends at line 3.",
          hint: "Below the metadata, write a few sentences: what the model does, what it was trained on, how to use it and where it falls short.",
        },
      ],
    },
    {
      name: "two words are not",
      files: { "README.md": `${FM}English tagger.\n` },
      findings: [{ line: 4, message: "This model card has no sentence that describes the model, only links, images or a few words." }],
    },
    {
      name: "template placeholders alone",
      files: { "README.md": `${FM}\n[More Information Needed]\n` },
      findings: [{ line: 4, message: "This model card has template placeholders but no sentence that describes the model." }],
    },
    {
      name: "code alone",
      files: { "README.md": `${FM}\n\`\`\`py\nfrom tiny import Model  # the whole card is this example\n\`\`\`\n` },
      findings: [{ line: 4, message: "This model card has code but no sentence that describes the model." }],
    },
    {
      name: "headings, placeholders and code: all three named",
      files: { "README.md": `${FM}# Tiny\n\n[More Information Needed]\n\n\`\`\`py\nimport tiny\n\`\`\`\n` },
      findings: [{ line: 4, message: "This model card has headings, template placeholders and code but no sentence that describes the model." }],
    },
    {
      name: "metadata, blank lines and a comment, with CRLF",
      files: { "README.md": "---\r\nlicense: mit\r\nlibrary_name: timm\r\n---\r\n\r\n<!-- TODO -->\r\n" },
      findings: [{ line: 5, message: "This model card is only metadata: nothing follows the block that ends at line 4." }],
    },
    {
      name: "no line break after the closing fence",
      files: { "README.md": "---\nlicense: mit\n---" },
      findings: [{ line: 3, message: "This model card is only metadata: nothing follows the block that ends at line 3." }],
    },
    {
      name: "headings only",
      files: { "README.md": `${FM}\n# Tiny\n\n## Uses\n` },
      findings: [{ line: 4, message: "This model card has headings but no sentence that describes the model." }],
    },
    {
      name: "an unfilled template: headings, placeholders and stock text",
      files: {
        "README.md": `${FM}# Model Card for Model ID\n\n<!-- Provide a quick summary of what the model is/does. -->\n\n## Model Details\n\n- **Developed by:** [More Information Needed]\n- **License:** [More Information Needed]\n\n## How to Get Started with the Model\n\nUse the code below to get started with the model.\n\n[More Information Needed]\n\n### Citation\n\n**BibTeX:**\n\n[More Information Needed]\n`,
      },
      findings: [{ line: 4, message: "This model card has headings and template placeholders but no sentence that describes the model." }],
    },
    {
      name: "code and a title only",
      files: { "README.md": `${FM}# Tiny\n\n\`\`\`py\nfrom tiny import Model  # the whole card is this example\n\`\`\`\n` },
      findings: [{ line: 4, message: "This model card has headings and code but no sentence that describes the model." }],
    },
    {
      name: "badges and a table of contents",
      files: {
        "README.md": `${FM}[![License](https://img.shields.io/badge/license-MIT-blue)](LICENSE) ![Downloads](https://img.shields.io/badge/downloads-1k-green)\n\n1. [Model Details](#model-details)\n2. [Uses](#uses)\n\nhttps://example.com/tiny\n`,
      },
      findings: [{ line: 4, message: "This model card has no sentence that describes the model, only links, images or a few words." }],
    },
    {
      name: "a word or two",
      files: { "README.md": `${FM}TODO: write\n` },
      findings: [{ line: 4, message: "This model card has no sentence that describes the model, only links, images or a few words." }],
    },
    {
      name: "a dataset card",
      files: { "data/DATASET_CARD.md": "# Dataset Card for Reviews\n" },
      findings: [{ path: "data/DATASET_CARD.md", line: 1, message: "This dataset card has headings but no sentence that describes the dataset.", hint: "Below the metadata, write a few sentences: what the data is, where it comes from, how it is structured and what it should not be used for." }],
    },
    {
      name: "an empty README beside weights",
      files: { "models/a/README.md": "", "models/a/model.safetensors": WEIGHTS },
      findings: [{ path: "models/a/README.md", line: 1, message: "This model card is empty." }],
    },
  ],
});
