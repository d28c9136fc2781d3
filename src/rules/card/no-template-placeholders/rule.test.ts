import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const WEIGHTS = { content: { type: "not-fetched" as const } };
const MIN = "[More Information Needed]";

/** The opening of a card rendered from huggingface_hub's template with no values given. */
const RENDERED_TEMPLATE = [
  "---", // 1
  "license: mit", // 2
  "---", // 3
  "", // 4
  "# Model Card for Model ID", // 5
  "", // 6
  "<!-- Provide a quick summary of what the model is/does. -->", // 7
  "", // 8
  "## Model Details", // 9
  "", // 10
  `- **Developed by:** ${MIN}`, // 11
  `- **Model type:** ${MIN}`, // 12
  "", // 13
  "## Uses", // 14
  "", // 15
  MIN, // 16
  "", // 17
  "### Recommendations", // 18
  "", // 19
  "Users (both direct and downstream) should be made aware of the risks, biases and limitations of the model. More information needed for further recommendations.", // 20
  "",
].join("\n");

ruleTester(rule, {
  valid: [
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus)", files: { "README.md": corpusCard("facebook-bart-large-mnli") } },
    {
      name: "a chat template's Jinja in a code fence, a repo id slot in example code, a link whose text is [optional]",
      files: {
        "README.md":
          "---\nlicense: mit\n---\n# Tiny\n\nA small chat model.\n\n```jinja\n{% for message in messages %}{{ message['content'] }}{% endfor %}\n```\n\n```python\nmodel = AutoModel.from_pretrained(\"your-username/tiny\")\n```\n\nUse `<your-token>` as shown; see the [optional](#extras) extras.\n",
        "model.safetensors": WEIGHTS,
      },
    },
    { name: "a filled-in card", files: { "README.md": "---\nlicense: mit\n---\n# Tiny\n\nA small model that tags parts of speech.\n" } },
    {
      name: "template guidance kept inside HTML comments is invisible",
      files: {
        "README.md":
          "---\nlicense: mit\n---\n# Tiny\n\n<!-- Provide a quick summary of what the model is/does. -->\n\nIt tags parts of speech.\n\n<!--\n[More Information Needed]\n-->\n",
      },
    },
    {
      name: "a chat template in a code block is not an unrendered marker",
      files: {
        "README.md":
          "---\nlicense: mit\n---\n# Chat\n\n```jinja\n{% for m in messages %}{{ m.content }}{% endfor %}\n```\n\nSet `{{ bos_token }}` first.\n\n- Example:\n  ```\n  {{ messages }}\n  ```\n",
      },
    },
    {
      name: "the phrase inside a sentence is prose",
      files: { "README.md": "---\nlicense: mit\n---\nWrite to us if more information needed, or open an issue.\n" },
    },
    {
      name: "LaTeX braces are not Jinja",
      files: { "README.md": "---\nlicense: mit\n---\nThe loss is $\\frac{{a}}{b}$ and $x^{{2}}$.\n" },
    },
    { name: "a front matter never closed is not reviewed", files: { "README.md": "---\nlicense: mit\n# Tiny\n\n[More Information Needed]\n" } },
    { name: "a placeholder in front matter is not the body's concern", files: { "README.md": "---\nlicense: mit\ndescription: '[More Information Needed]'\n---\nA model.\n" } },
  ],
  invalid: [
    {
      name: "template markers: [Dataset Name], [optional], <your-…>, your-username/…",
      files: {
        "README.md":
          "---\nlicense: mit\ntask_categories: [token-classification]\n---\n# Dataset Card for [Dataset Name]\n\n## Dataset Sources [optional]\n\nDownload with <your-token> from your-username/my-data.\n",
      },
      findings: [{ line: 5, message: "4 placeholders left in this dataset card: lines 5, 7, 9. The first is `[Dataset Name]`." }],
    },
    {
      name: "a rendered template: one finding for all placeholders",
      files: { "README.md": RENDERED_TEMPLATE },
      findings: [
        {
          line: 5,
          message: "5 placeholders left in this model card: lines 5, 11, 12, 16, 20. The first is `Model Card for Model ID`.",
          hint: "Replace each placeholder with what you know (the training data, the intended use, the evaluation), or delete the lines and sections that do not apply.",
        },
      ],
    },
    {
      name: "the same card with CRLF line breaks",
      files: { "README.md": RENDERED_TEMPLATE.replace(/\n/g, "\r\n") },
      findings: [{ line: 5, message: "5 placeholders left in this model card: lines 5, 11, 12, 16, 20. The first is `Model Card for Model ID`." }],
    },
    {
      name: "more than five lines: the rest are counted",
      files: {
        "README.md": `---\nlicense: mit\n---\n# M\n\nA model.\n\n${Array.from({ length: 8 }, (_, i) => `- item ${i}: ${MIN}`).join("\n")}\n`,
      },
      findings: [{ line: 8, message: "8 placeholders left in this model card: lines 8, 9, 10, 11, 12 and 3 more. The first is `[More Information Needed]`." }],
    },
    {
      name: "exactly five lines: all shown",
      files: {
        "README.md": `---\nlicense: mit\n---\n# M\n\nA model.\n\n${Array.from({ length: 5 }, (_, i) => `- item ${i}: ${MIN}`).join("\n")}\n`,
      },
      findings: [{ line: 8, message: "5 placeholders left in this model card: lines 8, 9, 10, 11, 12. The first is `[More Information Needed]`." }],
    },
    {
      name: "two placeholders on one line",
      files: { "README.md": `---\nlicense: mit\n---\n# M\n\nA model.\n\n- ${MIN} and ${MIN}\n` },
      findings: [{ line: 8, message: "2 placeholders left in this model card: line 8. The first is `[More Information Needed]`." }],
    },
    {
      name: "an unrendered template",
      files: {
        "README.md": `---\nlicense: mit\n---\n\n# Model Card for {{ model_id | default("Model ID", true) }}\n\n- **License:** {{ license | default("${MIN}", true)}}\n`,
      },
      findings: [
        {
          line: 5,
          message: '2 placeholders left in this model card: lines 5, 7. The first is `{{ model_id | default("Model ID", true) }}`.',
          hint: "Fill in the template before committing it (huggingface_hub's `ModelCard.from_template` renders `{{ … }}`), or replace each marker with the real text.",
        },
      ],
    },
    {
      name: "the Trainer's bare \"More information needed\"",
      files: {
        "README.md":
          "---\nlicense: apache-2.0\n---\n# bert-finetuned\n\nThis model is a fine-tuned version of bert-base-uncased.\n\n## Model description\n\nMore information needed\n\n## Intended uses & limitations\n\nMore information needed\n",
      },
      findings: [{ line: 10, message: "2 placeholders left in this model card: lines 10, 14. The first is `More information needed`." }],
    },
    {
      name: "guidance text left visible once the comment markers are gone",
      files: { "README.md": "---\nlicense: mit\n---\n# Data\n\nProvide a quick summary of the dataset.\n" },
      findings: [{ line: 6, message: "1 placeholder left in this model card: line 6. It is `Provide a quick summary of the dataset`." }],
    },
    {
      name: "a dataset card's default title, in a table cell and a blockquote",
      files: {
        "data/DATASET_CARD.md": "# Dataset Card for Dataset Name\n\n| Field | Value |\n| --- | --- |\n| Curated by | [More Information Needed] |\n\n> [more information needed]\n",
      },
      findings: [{ path: "data/DATASET_CARD.md", line: 1, message: "3 placeholders left in this dataset card: lines 1, 5, 7. The first is `Dataset Card for Dataset Name`." }],
    },
    {
      name: "a README beside weights, without metadata",
      files: { "models/a/README.md": "# Tiny\n\nA tiny model.\n\n## Training data\n\n[More Information Needed]\n", "models/a/model.safetensors": WEIGHTS },
      findings: [{ path: "models/a/README.md", line: 7, message: "1 placeholder left in this model card: line 7. It is `[More Information Needed]`." }],
    },
  ],
});
