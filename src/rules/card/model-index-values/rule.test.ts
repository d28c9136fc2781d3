import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => `---\n${yaml}---\n\n# Model\n`;

ruleTester(rule, {
  valid: [
    { name: "real card yocel1-whisper-small-fr (test/fixtures/corpus)", files: { "README.md": corpusCard("yocel1-whisper-small-fr") } },
    {
      name: "Hub task ids and numbers",
      files: {
        "README.md": card(
          "model-index:\n- name: m\n  results:\n  - task: {type: text-classification}\n    dataset: {type: imdb, name: IMDb}\n    metrics: [{type: accuracy, value: 0.9}, {type: wer, value: '3.2 ± 0.1'}]\n",
        ),
      },
    },
    { name: "dataset cards are not checked", files: { "README.md": card("task_categories: [text-classification]\nmodel-index: [{name: m, results: [{task: {type: STS}}]}]\n") } },
  ],
  invalid: [
    {
      name: "MTEB task types",
      files: {
        "README.md": card(
          "model-index:\n- name: m\n  results:\n  - task: {type: Classification}\n    dataset: {type: mteb/amazon_polarity, name: MTEB AmazonPolarity}\n    metrics: [{type: accuracy, value: 91.2}]\n  - task: {type: STS}\n    dataset: {type: mteb/stsbenchmark-sts, name: MTEB STSBenchmark}\n    metrics: [{type: cos_sim_spearman, value: 85.1}]\n",
        ),
      },
      findings: [
        { line: 5, message: "model-index[0].results[0].task.type `Classification` is not a task id of `@huggingface/tasks`. The model card spec (hub-docs `modelcard.md`) asks for a task id from https://huggingface.co/tasks, yet the Hub takes other types today: published MTEB cards use `Classification`, `STS`, `Retrieval`. Tools that group results by task will not find these under a Hub task.", hint: "If the results belong to a Hub task, use its id, such as `text-classification` or `automatic-speech-recognition`." },
        { line: 8, message: "model-index[0].results[1].task.type `STS` is not a task id of `@huggingface/tasks`. The model card spec (hub-docs `modelcard.md`) asks for a task id from https://huggingface.co/tasks, yet the Hub takes other types today: published MTEB cards use `Classification`, `STS`, `Retrieval`. Tools that group results by task will not find these under a Hub task." },
      ],
    },
    {
      name: "metric values written as text",
      files: {
        "README.md": card(
          "model-index:\n- name: m\n  results:\n  - task: {type: text-classification}\n    dataset: {type: imdb, name: IMDb}\n    metrics:\n    - type: accuracy\n      value: 25.59%\n    - type: f1\n      value: \"0.91\"\n",
        ),
      },
      output: "---\nmodel-index:\n- name: m\n  results:\n  - task: {type: text-classification}\n    dataset: {type: imdb, name: IMDb}\n    metrics:\n    - type: accuracy\n      value: 25.59%\n    - type: f1\n      value: 0.91\n---\n\n# Model\n",
      findings: [
        { line: 9, title: "Metric value in model-index is text, not a number", message: "model-index[0].results[0].metrics[0].value is the text `25.59%`, not a number. The Hub shows it as written, but leaderboards and tools that compare models read numbers.", hint: "Write the number without `%` (`25.59`, or `0.`… if the metric is a fraction), and say in the metric's `name` that it is a percentage." },
        { line: 11, message: "model-index[0].results[0].metrics[1].value is the text `0.91`, not a number. The Hub shows it as written, but leaderboards and tools that compare models read numbers.", hint: "Write `0.91` without quotes." },
      ],
    },
    {
      name: "numbers in single quotes, with a space, or with an exponent are fixed; a percentage never",
      files: {
        "README.md": card(
          "model-index:\n- name: m\n  results:\n  - task: {type: text-classification}\n    dataset: {type: imdb, name: IMDb}\n    metrics:\n    - {type: acc, value: '0.91 '}\n    - {type: acc, value: '25 %'}\n    - {type: f1, value: \"1e3\"}\n",
        ),
      },
      output: "---\nmodel-index:\n- name: m\n  results:\n  - task: {type: text-classification}\n    dataset: {type: imdb, name: IMDb}\n    metrics:\n    - {type: acc, value: 0.91}\n    - {type: acc, value: '25 %'}\n    - {type: f1, value: 1e3}\n---\n\n# Model\n",
      findings: [
        { line: 8, message: "model-index[0].results[0].metrics[0].value is the text `0.91 `, not a number. The Hub shows it as written, but leaderboards and tools that compare models read numbers.", hint: "Write `0.91` without quotes." },
        {
          line: 9,
          message: "model-index[0].results[0].metrics[1].value is the text `25 %`, not a number. The Hub shows it as written, but leaderboards and tools that compare models read numbers.",
          hint: "Write the number without `%` (`25`, or `0.`… if the metric is a fraction), and say in the metric's `name` that it is a percentage.",
        },
        { line: 10, message: "model-index[0].results[0].metrics[2].value is the text `1e3`, not a number. The Hub shows it as written, but leaderboards and tools that compare models read numbers.", hint: "Write `1e3` without quotes." },
      ],
    },
    {
      name: "text that is no number is a value as the spec allows; a number as the task type is not a task",
      files: {
        "README.md": card("model-index:\n- name: m\n  results:\n  - task: {type: 3}\n    dataset: {type: imdb, name: IMDb}\n    metrics:\n    - {type: acc, value: 'n/a'}\n    - {type: acc, value: '.5'}\n"),
      },
      output: "---\nmodel-index:\n- name: m\n  results:\n  - task: {type: 3}\n    dataset: {type: imdb, name: IMDb}\n    metrics:\n    - {type: acc, value: 'n/a'}\n    - {type: acc, value: .5}\n---\n\n# Model\n",
      findings: [
        {
          line: 5,
          title: "Task type in model-index is not a Hub task id",
          message: "model-index[0].results[0].task.type `3` is not a task id of `@huggingface/tasks`. The model card spec (hub-docs `modelcard.md`) asks for a task id from https://huggingface.co/tasks, yet the Hub takes other types today: published MTEB cards use `Classification`, `STS`, `Retrieval`. Tools that group results by task will not find these under a Hub task.",
        },
        { line: 9, message: "model-index[0].results[0].metrics[1].value is the text `.5`, not a number. The Hub shows it as written, but leaderboards and tools that compare models read numbers." },
      ],
    },
    {
      name: "MTEB's own Summarization type is not offered the Hub's summarization task (e5's card)",
      files: {
        "README.md": card("model-index:\n- name: m\n  results:\n  - task: {type: Summarization}\n    dataset: {type: mteb/summeval, name: MTEB SummEval}\n    metrics: [{type: cos_sim_pearson, value: 30.1}]\n"),
      },
      findings: [
        {
          line: 5,
          message:
            "model-index[0].results[0].task.type `Summarization` is not a task id of `@huggingface/tasks`. The model card spec (hub-docs `modelcard.md`) asks for a task id from https://huggingface.co/tasks, yet the Hub takes other types today: published MTEB cards use `Classification`, `STS`, `Retrieval`. Tools that group results by task will not find these under a Hub task.",
          hint: "If the results belong to a Hub task, use its id, such as `text-classification` or `automatic-speech-recognition`.",
        },
      ],
    },
    {
      name: "unknown task type, with the close one; a subtask used as a task",
      files: {
        "README.md": card(
          [
            "model-index:",
            "- name: m",
            "  results:",
            "  - task:",
            "      type: Text Classification", // 6
            "    dataset: {type: imdb, name: IMDb}",
            "    metrics: [{type: accuracy, value: 0.9}]",
            "  - task: {type: text2text-generation}", // 9
            "    dataset: {type: cnn_dailymail, name: CNN}",
            "    metrics: [{type: rouge1, value: 40}]",
            "  - task: {type: sentiment}", // 12
            "    dataset: {type: imdb, name: IMDb}",
            "    metrics: [{type: accuracy, value: 0.9}]",
            "",
          ].join("\n"),
        ),
      },
      findings: [
        {
          line: 6,
          title: "Task type in model-index is not a Hub task id",
          hint: "If the results belong to that task, write `text-classification`.",
          message: "model-index[0].results[0].task.type `Text Classification` is not a task id of `@huggingface/tasks`; did you mean `text-classification`? The model card spec (hub-docs `modelcard.md`) asks for a task id from https://huggingface.co/tasks, yet the Hub takes other types today: published MTEB cards use `Classification`, `STS`, `Retrieval`. Tools that group results by task will not find these under a Hub task.",
        },
        { line: 9, title: "Task type in model-index is not a Hub task id", message: "model-index[0].results[1].task.type `text2text-generation` is a subtask of `text-generation`, not a task type. The model card spec (hub-docs `modelcard.md`) asks for a task id from https://huggingface.co/tasks, yet the Hub takes other types today: published MTEB cards use `Classification`, `STS`, `Retrieval`. Tools that group results by task will not find these under a Hub task.", hint: "Use `text-generation` as the task type if the results belong to that task." },
        { line: 12, message: "model-index[0].results[2].task.type `sentiment` is not a task id of `@huggingface/tasks`. The model card spec (hub-docs `modelcard.md`) asks for a task id from https://huggingface.co/tasks, yet the Hub takes other types today: published MTEB cards use `Classification`, `STS`, `Retrieval`. Tools that group results by task will not find these under a Hub task." },
      ],
    },
  ],
});

describe("fixes", () => {
  it("removes the quotes around a plain number, and offers none for a percentage", async () => {
    const findings = await runRule(rule, {
      name: "fix",
      files: {
        "README.md": card(
          "model-index:\n- name: m\n  results:\n  - task: {type: text-classification}\n    dataset: {type: imdb, name: IMDb}\n    metrics:\n    - type: accuracy\n      value: 25.59%\n    - type: f1\n      value: \"0.91\"\n",
        ),
      },
    });
    expect(findings.map((f) => f.fix)).toEqual([undefined, { line: 11, endLine: 11, replacement: "      value: 0.91" }]);
  });
});
