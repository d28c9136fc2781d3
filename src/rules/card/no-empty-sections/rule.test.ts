import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const FM = "---\nlicense: mit\n---\n";

ruleTester(rule, {
  valid: [
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus)", files: { "README.md": corpusCard("facebook-bart-large-mnli") } },
    {
      name: "a quantization's \"Original model card\" heading, with the base card's own title below it (TheBloke's GPTQ cards)",
      files: { "README.md": `${FM}# Llama 2 13B Chat - GPTQ\n\nGPTQ files.\n\n# Original model card: Meta's Llama 2 13B-chat\n\n# **Llama 2**\n\nLlama 2 is a collection of models.\n` },
    },
    {
      name: "every section has text",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## Uses\n\nTagging.\n\n## Limitations\n\n- English only\n` },
    },
    {
      name: "a section whose only content is its sub-sections",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## Model Details\n\n### Model Description\n\nIt tags words.\n` },
    },
    {
      name: "code, a table or an image is content",
      files: {
        "README.md": `${FM}# Tiny\n\nA small model.\n\n## Usage\n\n\`\`\`py\n# load it\n\`\`\`\n\n## Results\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Plot\n\n![loss](loss.png)\n`,
      },
    },
    {
      name: "a section holding only a placeholder is left to card/no-template-placeholders",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## Evaluation\n\n[More Information Needed]\n` },
    },
    {
      name: "a front matter never closed is not reviewed",
      files: { "README.md": "---\nlicense: mit\n# Tiny\n\nA small model.\n\n## Uses\n" },
    },
    {
      name: "a card with no prose at all is left to card/has-description",
      files: { "README.md": `${FM}# Tiny\n\n## Uses\n` },
    },
  ],
  invalid: [
    {
      name: "any other heading followed by one of the same level is empty",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n# Training\n\n# Evaluation\n\nScores.\n` },
      findings: [
        {
          line: 8,
          message: "1 section has nothing under the heading in this model card: `Training` (line 8).",
          hint: "Write what you know under each heading, or remove the headings that do not apply to this card.",
        },
      ],
    },
    {
      name: "an empty section between two full ones",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## Uses\n\n## Limitations\n\nEnglish only.\n` },
      findings: [{ line: 8, message: "1 section has nothing under the heading in this model card: `Uses` (line 8)." }],
    },
    {
      name: "the same card with CRLF line breaks",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## Uses\n\n## Limitations\n\nEnglish only.\n`.replace(/\n/g, "\r\n") },
      findings: [{ line: 8, message: "1 section has nothing under the heading in this model card: `Uses` (line 8)." }],
    },
    {
      name: "comments, blank lines and a rule are not content",
      files: {
        "README.md": `${FM}# Tiny\n\nA small model.\n\n## Evaluation\n\n<!-- This section describes the evaluation protocols. -->\n\n---\n\n## Citation\n\n<!--\nTODO\n-->\n`,
      },
      findings: [{ line: 8, message: "2 sections have nothing under the heading in this model card: `Evaluation` (line 8), `Citation` (line 14)." }],
    },
    {
      name: "an empty section with empty sub-sections is named once",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## Training Details\n\n### Training Data\n\n### Training Procedure\n\n## Uses\n\nTagging.\n` },
      findings: [{ line: 8, message: "1 section has nothing under the heading in this model card: `Training Details` (line 8, with its 2 sub-sections)." }],
    },
    {
      name: "a `#` line in a code block is not a heading",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## Usage\n\n\`\`\`sh\n# install\npip install tiny\n\`\`\`\n\n## Contact\n` },
      findings: [{ line: 15, message: "1 section has nothing under the heading in this model card: `Contact` (line 15)." }],
    },
    {
      name: "setext headings count",
      files: { "MODEL_CARD.md": "Tiny\n====\n\nA small model.\n\nUses\n----\n\nLimitations\n-----------\n\nEnglish only.\n" },
      findings: [{ line: 6, message: "1 section has nothing under the heading in this model card: `Uses` (line 6)." }],
    },
    {
      name: "more than five empty sections",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n${["A", "B", "C", "D", "E", "F", "G"].map((t) => `\n## ${t}\n`).join("")}` },
      findings: [{ line: 8, message: "7 sections have nothing under the heading in this model card: `A` (line 8), `B` (line 10), `C` (line 12), `D` (line 14), `E` (line 16) and 2 more." }],
    },
    {
      name: "exactly five empty sections: all named, none more",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n${["A", "B", "C", "D", "E"].map((t) => `\n## ${t}\n`).join("")}` },
      findings: [{ line: 8, message: "5 sections have nothing under the heading in this model card: `A` (line 8), `B` (line 10), `C` (line 12), `D` (line 14), `E` (line 16)." }],
    },
    {
      name: "six: one more",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n${["A", "B", "C", "D", "E", "F"].map((t) => `\n## ${t}\n`).join("")}` },
      findings: [{ line: 8, message: "6 sections have nothing under the heading in this model card: `A` (line 8), `B` (line 10), `C` (line 12), `D` (line 14), `E` (line 16) and 1 more." }],
    },
    {
      name: "an empty section with one empty sub-section, the last line of the file",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## Training Details\n### Training Data` },
      findings: [{ line: 8, message: "1 section has nothing under the heading in this model card: `Training Details` (line 8, with its sub-section)." }],
    },
    {
      name: "a heading with no title",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n##\n\n## Uses\n\nTagging.\n` },
      findings: [{ line: 8, message: "1 section has nothing under the heading in this model card: `(untitled)` (line 8)." }],
    },
    {
      name: "an \"Original model card\" heading is only a wrapper; the sections inside it are still checked",
      files: { "README.md": `${FM}# Tiny - GPTQ\n\nGPTQ files.\n\n# Original model card: Tiny\n\n# Tiny\n\nA small model.\n\n## Uses\n` },
      findings: [{ line: 14, message: "1 section has nothing under the heading in this model card: `Uses` (line 14)." }],
    },
    {
      name: "a dataset card",
      files: { "README.md": "---\nlicense: mit\ntask_categories: [text-classification]\n---\n# Reviews\n\nMovie reviews from IMDB.\n\n## Structure\n" },
      findings: [{ line: 9, message: "1 section has nothing under the heading in this dataset card: `Structure` (line 9)." }],
    },
    {
      name: "a heading with markup is named by its text",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## **Bias**, [risks](#risks) & \`limits\`\n` },
      findings: [{ line: 8, message: "1 section has nothing under the heading in this model card: `Bias, risks & limits` (line 8)." }],
    },
  ],
});
