import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string, body: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# M\n${body}` });

ruleTester(rule, {
  valid: [
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus)", files: { "README.md": corpusCard("facebook-bart-large-mnli") } },
    { name: "linked and declared", files: card("datasets: [tatsu-lab/alpaca]", "Data: https://huggingface.co/datasets/tatsu-lab/alpaca\n") },
    { name: "declared in another case", files: card("datasets: [Tatsu-Lab/Alpaca]", "https://huggingface.co/datasets/tatsu-lab/alpaca\n") },
    { name: "evaluated on it (model-index)", files: card("model-index:\n- name: m\n  results:\n  - task: {type: fill-mask}\n    dataset: {type: a/b, name: B}\n    metrics: [{type: acc, value: 1}]", "See https://hf.co/datasets/a/b\n") },
    {
      name: "a dataset used in an evaluation example is not training data",
      files: card("datasets: [a/train]", "\n## Evaluation\n\nYou can test it on https://huggingface.co/datasets/a/test:\n\n```python\nds = load_dataset('a/test')  # https://huggingface.co/datasets/a/test\n```\n"),
    },
    {
      name: "an image hosted in a dataset repository is not training data",
      files: card("tags: [a]", "\n## Architecture\n\n<img src=\"https://huggingface.co/datasets/huggingface/documentation-images/resolve/main/arch.jpg\">\n"),
    },
    {
      name: "an evaluation subsection inside Training is not training",
      files: card("tags: [a]", "\n## Training\n\nWe trained it.\n\n### Evaluation results\n\nScores on https://huggingface.co/datasets/x/bench\n"),
    },
    {
      name: "a training verb whose preposition comes too late is no training statement",
      files: card("tags: [a]", "\nTrained models and their friends are compared with https://huggingface.co/datasets/a/b\n"),
    },
    {
      name: "a link before any heading, with no training words, is in no section",
      files: { "README.md": "---\nlicense: mit\n---\nSee https://huggingface.co/datasets/a/b\n\n# M\n\nA model.\n" },
    },
    {
      name: "declared by the model-index, in another case",
      files: card("model-index:\n- name: m\n  results:\n  - task: {type: fill-mask}\n    dataset: {type: a/b, name: B}\n    metrics: [{type: acc, value: 1}]", "Trained on https://hf.co/datasets/A/B\n"),
    },
    {
      name: "a dataset card is not checked",
      files: { "README.md": "---\nlicense: mit\ntask_categories: [text-classification]\n---\n# D\n\nTrained on https://huggingface.co/datasets/a/b\n" },
    },
    {
      name: "a link just below a Training section, in the next one, is not training",
      files: card("tags: [a]", "\n## Training data\n\nWe used public text.\n\n## Evaluation\nhttps://huggingface.co/datasets/c/d\n"),
    },
  ],
  invalid: [
    {
      name: "\"training data\" on the line says so",
      files: card("tags: [a]", "\nOur training data: https://huggingface.co/datasets/a/b\n"),
      findings: [{ line: 7, column: 20, message: "The card says the model was trained on the dataset `a/b`, but `datasets` in its metadata does not list it." }],
    },
    {
      name: "a preposition within reach of the verb (fine-tuned, then on)",
      files: card("tags: [a]", "\nIt was fine-tuned for two epochs on https://huggingface.co/datasets/a/b\n"),
      findings: [{ line: 7, message: "The card says the model was trained on the dataset `a/b`, but `datasets` in its metadata does not list it." }],
    },
    {
      name: "the second verb of a line can be the one",
      files: card("tags: [a]", "\nTraining is cheap; it was distilled from https://huggingface.co/datasets/a/b\n"),
      findings: [{ line: 7, message: "The card says the model was trained on the dataset `a/b`, but `datasets` in its metadata does not list it." }],
    },
    {
      name: "the last line of a Training section, right above the next heading",
      files: card("tags: [a]", "\n## Training data\n- https://huggingface.co/datasets/a/b\n## Evaluation\n\nScores.\n"),
      findings: [{ line: 8, column: 3, message: "The card says the model was trained on the dataset `a/b`, but `datasets` in its metadata does not list it." }],
    },
    {
      name: "a Training subsection inside Evaluation is training",
      files: card("tags: [a]", "\n## Evaluation\n\nScores.\n\n### Fine-tuning\n\nhttps://huggingface.co/datasets/a/b\n\n## Limits\n\nhttps://huggingface.co/datasets/c/d\n"),
      findings: [{ line: 13, message: "The card says the model was trained on the dataset `a/b`, but `datasets` in its metadata does not list it." }],
    },
    {
      name: "a link in a Datasets-used heading belongs to that heading's section",
      files: card("tags: [a]", "\n## Datasets used: [a/b](https://huggingface.co/datasets/a/b)\n\nAll of it.\n"),
      findings: [{ line: 7, message: "The card says the model was trained on the dataset `a/b`, but `datasets` in its metadata does not list it." }],
    },
    {
      name: "one declared, another not",
      files: card("datasets: [a/b]", "\nTrained on https://huggingface.co/datasets/a/b and https://huggingface.co/datasets/c/d\n"),
      findings: [{ line: 7, column: 52, message: "The card says the model was trained on the dataset `c/d`, but `datasets` in its metadata does not list it." }],
    },
    {
      name: "a link only, twice (one finding)",
      files: card("tags: [a]", "\nTrained on [this](https://huggingface.co/datasets/tatsu-lab/alpaca).\nAgain: https://huggingface.co/datasets/tatsu-lab/alpaca\n"),
      findings: [{ line: 7, message: "The card says the model was trained on the dataset `tatsu-lab/alpaca`, but `datasets` in its metadata does not list it.", hint: "Add `- tatsu-lab/alpaca` under `datasets`, so that the Hub links the model to its training data." }],
    },
    {
      name: "tuned with DPO on a preference set",
      files: card("tags: [a]", "\nIt is further tuned with DPO on the [x/prefs](https://huggingface.co/datasets/x/prefs) preference set.\n"),
      findings: [{ line: 7, message: "The card says the model was trained on the dataset `x/prefs`, but `datasets` in its metadata does not list it." }],
    },
    {
      name: "a link in a Training data section",
      files: card("tags: [a]", "\n## Training data\n\n- https://huggingface.co/datasets/a/b\n\n## Evaluation\n\nhttps://huggingface.co/datasets/c/d\n"),
      findings: [{ line: 9, message: "The card says the model was trained on the dataset `a/b`, but `datasets` in its metadata does not list it." }],
    },
  ],
});
