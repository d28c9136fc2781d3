import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const FM = "---\nlicense: mit\n---\n";
const DATASET_FM = "---\nlicense: mit\ntask_categories:\n- text-classification\n---\n";

/** The headings of huggingface_hub's model card template, each with a sentence. */
const TEMPLATE_HEADINGS = [
  "Model Details",
  "Uses",
  "Bias, Risks, and Limitations",
  "How to Get Started with the Model",
  "Training Details",
  "Evaluation",
]
  .map((h) => `## ${h}\n\nSome words here.\n`)
  .join("\n");

ruleTester(rule, {
  valid: [
    {
      name: "headings in a script the default names are not written in: Cardinal cannot tell their topics (a GLM-4 LoRA's Chinese card)",
      files: { "README.md": `${FM}# 抗压背锅吧风格 GLM-4-9B LoRA 微调\n\n一个 LoRA 适配器。\n\n## 硬件要求\n\n一张显卡。\n\n## 快速开始\n\n见下文。\n\n## 训练参数\n\n三轮。\n\n## 免责声明\n\n仅供娱乐。\n` },
    },
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "the template's headings", files: { "README.md": `${FM}# Tiny\n\n${TEMPLATE_HEADINGS}` } },
    {
      name: "the headings the transformers Trainer writes",
      files: {
        "README.md": `${FM}# bert-finetuned\n\nA fine-tuned BERT.\n\n## Intended uses & limitations\n\nText only.\n\n## Training and evaluation data\n\nIMDB.\n\n## Training procedure\n\n### Training results\n\nGood.\n`,
      },
    },
    {
      name: "a dataset card with structure and sources",
      files: { "README.md": `${DATASET_FM}# Reviews\n\nMovie reviews.\n\n## Dataset Structure\n\nTwo fields.\n\n### Source Data\n\nIMDB.\n` },
    },
    {
      name: "the headings of OpenAI's model cards (whisper's model-card.md)",
      files: {
        "README.md": `${FM}# Whisper\n\nSpeech recognition.\n\n## Model Use\n\n### Evaluated Use\n\nResearchers.\n\n## Training Data\n\n680,000 hours.\n\n## Performance and Limitations\n\nRobust.\n`,
      },
    },
    {
      name: "an empty list in the configuration requires nothing",
      config: { required_sections: { model: [] } },
      files: { "README.md": `${FM}# Tiny\n\nA small model that tags words.\n` },
    },
    {
      name: "a configured list replaces the defaults",
      config: { required_sections: { model: ["Citation|BibTeX"] } },
      files: { "README.md": `${FM}# Tiny\n\nA small model that tags words.\n\n## BibTeX entry\n\n@misc{x}\n` },
    },
    {
      name: "a card with no prose is left to card/has-description",
      files: { "README.md": `${FM}# Tiny\n` },
    },
    {
      name: "configured entries with no name in them require nothing",
      config: { required_sections: { model: ["|", " "] } },
      files: { "README.md": `${FM}# Tiny\n\nA small model that tags words.\n` },
    },
    {
      name: "headings mostly without Latin letters, once the headings without letters are left out",
      files: { "README.md": `${FM}# 模型\n\nA small model that tags words.\n\n## 1\n\nOne.\n\n## 2\n\nTwo.\n` },
    },
    {
      name: "a front matter never closed is not reviewed",
      files: { "README.md": "---\nlicense: mit\n# Tiny\n\nA small model that tags words.\n" },
    },
    {
      name: "dataset settings do not apply to model cards",
      config: { required_sections: { dataset: ["License"] } },
      files: { "README.md": `${FM}# Tiny\n\n${TEMPLATE_HEADINGS}` },
    },
  ],
  invalid: [
    {
      name: "the same card with required_sections configured is judged against them",
      files: { "README.md": `${FM}# 抗压背锅吧风格 GLM-4-9B LoRA 微调\n\n一个 LoRA 适配器。\n\n## 硬件要求\n\n一张显卡。\n\n## 快速开始\n\n见下文。\n\n## 训练参数\n\n三轮。\n\n## 免责声明\n\n仅供娱乐。\n` },
      config: { required_sections: { model: ["Evaluation|评估"] } },
      findings: [{ line: 4, message: "This model card has no section on `Evaluation`." }],
    },
    {
      name: "an English card with one Chinese heading is still read",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## Uses\n\nTagging.\n\n## 训练数据\n\nWeb text.\n` },
      findings: [{ line: 4, message: "This model card has no sections on `Limitations`, `Training data` and `Evaluation`." }],
    },
    {
      name: "half the headings in Latin letters is enough to read them",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## 训练数据\n\nWeb text.\n` },
      findings: [{ line: 4, message: "This model card has no sections on `Uses`, `Limitations`, `Training data` and `Evaluation`." }],
    },
    {
      name: "headings without letters do not count against the Latin ones",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## 1\n\nOne.\n\n## 2\n\nTwo.\n\n## 训练\n\nThree.\n` },
      findings: [{ line: 4, message: "This model card has no sections on `Uses`, `Limitations`, `Training data` and `Evaluation`." }],
    },
    {
      name: "headings without any letter are read",
      files: { "README.md": `${FM}A small model that tags words.\n\n## 1\n\nOne.\n` },
      findings: [{ line: 6, message: "This model card has no sections on `Uses`, `Limitations`, `Training data` and `Evaluation`." }],
    },
    {
      name: "a configured entry is named by its first alternative with a name; empty ones are dropped",
      config: { required_sections: { model: ["|", " | BibTeX|Citation "] } },
      files: { "README.md": `${FM}# Tiny\n\nA small model that tags words.\n` },
      findings: [
        {
          line: 4,
          message: "This model card has no section on `BibTeX`.",
          hint: "Add a heading for each, for example `## BibTeX`, with what you know under it; if a topic does not apply, say so in one sentence. A heading counts when its title contains one of the names listed for the section in `required_sections`.",
        },
      ],
    },
    {
      name: "a model card without limitations and evaluation",
      files: { "README.md": `${FM}\n# Tiny\n\nA small model that tags words.\n\n## Usage\n\nCall it.\n\n## Training\n\nOn UD.\n` },
      findings: [
        {
          line: 5,
          message: "This model card has no sections on `Limitations` and `Evaluation`.",
          hint: "Add a heading for each, for example `## Limitations`, with what you know under it; if a topic does not apply, say so in one sentence. A heading counts when its title contains one of the names listed for the section (the rule's documentation lists them).",
        },
      ],
    },
    {
      name: "the same card with CRLF line breaks",
      files: { "README.md": `${FM}\n# Tiny\n\nA small model that tags words.\n\n## Usage\n\nCall it.\n\n## Training\n\nOn UD.\n`.replace(/\n/g, "\r\n") },
      findings: [{ line: 5, message: "This model card has no sections on `Limitations` and `Evaluation`." }],
    },
    {
      name: "a heading in a code block does not count",
      files: {
        "README.md": `${FM}# Tiny\n\nA small model.\n\n## Uses\n\n\`\`\`md\n## Evaluation\n\`\`\`\n\n## Limitations\n\nFew.\n\n## Training data\n\nUD.\n`,
      },
      findings: [{ line: 4, message: "This model card has no section on `Evaluation`." }],
    },
    {
      name: "titles match whole words: \"Misuses\" is not \"Uses\"",
      files: { "README.md": `${FM}# Tiny\n\nA small model.\n\n## Misuses\n\nNone.\n\n## Limitations\n\nFew.\n\n## Training data\n\nUD.\n\n## Results\n\nGood.\n` },
      findings: [{ line: 4, message: "This model card has no section on `Uses`." }],
    },
    {
      name: "configured sections, with a card without headings reported at the body's first line",
      config: { required_sections: { model: ["Citation|BibTeX", "License"] } },
      files: { "README.md": "---\nlicense: mit\n---\n\nA small model that tags words.\n" },
      findings: [{ line: 4, message: "This model card has no sections on `Citation` and `License`.", hint: "Add a heading for each, for example `## Citation`, with what you know under it; if a topic does not apply, say so in one sentence. A heading counts when its title contains one of the names listed for the section in `required_sections`." }],
    },
    {
      name: "a dataset card without structure",
      files: { "README.md": `${DATASET_FM}# Reviews\n\nMovie reviews.\n\n## Source Data\n\nIMDB.\n` },
      findings: [{ line: 6, message: "This dataset card has no section on `Dataset structure`." }],
    },
    {
      name: "configured dataset sections",
      config: { required_sections: { dataset: ["Personal information|Privacy"] } },
      files: { "data/DATASET_CARD.md": "Reviews\n=======\n\nMovie reviews from IMDB.\n" },
      findings: [{ path: "data/DATASET_CARD.md", line: 1, message: "This dataset card has no section on `Personal information`." }],
    },
  ],
});
