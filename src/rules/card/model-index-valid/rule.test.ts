import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import { plain } from "../../../core/text.js";
import rule from "./rule.js";

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/hf-tests/${name}`, import.meta.url), "utf8");
const card = (yaml: string) => `---\n${yaml}---\n\n# Model\n`;

/** huggingface_hub's own model-index test input (EvalResult flattening), as YAML. */
const upstreamIndex = (
  JSON.parse(fixture("14_model_index_to_eval_results.json")) as { input_model_index: unknown }
).input_model_index;

ruleTester(rule, {
  valid: [
    { name: "real card yocel1-whisper-small-fr (test/fixtures/corpus)", files: { "README.md": corpusCard("yocel1-whisper-small-fr") } },
    {
      name: "task types outside @huggingface/tasks and numbers as text are card/model-index-values' notices",
      files: {
        "README.md": card(
          "model-index:\n- name: m\n  results:\n  - task: {type: Classification}\n    dataset: {type: mteb/amazon_polarity, name: MTEB AmazonPolarity}\n    metrics: [{type: accuracy, value: '25.59%'}]\n",
        ),
      },
    },
    { name: "huggingface_hub sample with two results", files: { "README.md": fixture("02_sample_simple_model_index.md") } },
    {
      name: "huggingface_hub flattening input (verified with a verifyToken, source with url)",
      files: { "README.md": card(stringify({ license: "mit", "model-index": upstreamIndex })) },
    },
    { name: "no model-index", files: { "README.md": card("license: mit\n") } },
    { name: "empty model-index key (dropped by the Hub)", files: { "README.md": card("license: mit\nmodel-index:\n") } },
    { name: "an empty model-index with a stray name but no stray results", files: { "README.md": card("model-index:\nname: m\n") } },
    { name: "results above an empty model-index are someone else's key", files: { "README.md": card("results: []\nmodel-index:\nname: m\n") } },
    {
      name: "a model with no results yet (Trainer output)",
      files: { "README.md": card("model-index:\n- name: my-model\n  results: []\n") },
    },
    {
      name: "metric value as text, verified: false, flow mappings",
      files: {
        "README.md": card(
          [
            "model-index:",
            "- name: whisper-small-fr",
            "  results:",
            "  - task: {type: automatic-speech-recognition, name: Speech Recognition}",
            "    dataset: {type: mozilla-foundation/common_voice_11_0, name: Common Voice 11, config: fr, split: test}",
            "    metrics:",
            "    - {type: wer, value: '20.0 ± 1.2', verified: false}",
            "",
          ].join("\n"),
        ),
      },
    },
    {
      name: "a dataset reused through a YAML alias",
      files: {
        "README.md": card(
          [
            "model-index:",
            "- name: m",
            "  results:",
            "  - task: {type: text-classification}",
            "    dataset: &glue {type: nyu-mll/glue, name: GLUE}",
            "    metrics: [{type: accuracy, value: 0.9}]",
            "  - task: {type: text-classification}",
            "    dataset: *glue",
            "    metrics: [{type: f1, value: 0.8}]",
            "",
          ].join("\n"),
        ),
      },
    },
    {
      name: "model-index in a dataset README is left to other rules",
      files: { "README.md": "---\ntask_categories: [text-classification]\nmodel-index: {name: x}\n---\n" },
    },
    {
      name: "model-index in a dataset card is left to other rules",
      files: { "DATASET_CARD.md": card("task_categories: [text-classification]\nmodel-index: {name: x}\n") },
    },
  ],
  invalid: [
    {
      name: "model-index left empty with its entry at the top level",
      files: {
        "README.md": card("license: mit\nmodel-index:\nname: m\nresults:\n- task: {type: text-classification}\n  dataset: {type: imdb, name: IMDb}\n  metrics: [{type: accuracy, value: 0.9}]\n"),
      },
      findings: [{ line: 3, title: "model-index is empty; its results are at the top level", message: "`model-index` is empty, and the `results:` on line 5 below it stands at the top level, so the Hub reads no evaluation results." }],
    },
    {
      name: "huggingface_hub sample without a dataset",
      files: { "README.md": fixture("03_sample_invalid_model_index.md") },
      findings: [{ line: 15, message: "model-index[0].results[0] has no `dataset`." }],
    },
    {
      name: "model-index written as a mapping (corrupted Hub card)",
      files: { "README.md": card("license: apache-2.0\nmodel-index:\n  name: Waynehills-STT-doogie-server\n") },
      findings: [{ line: 3, message: "`model-index` is a mapping, not a list.", hint: "Turn the entry into a list item: write `- name: …` instead of `name: …` and indent `results:` under it." }],
    },
    {
      name: "model-index written as text",
      files: { "README.md": card("model-index: my-model\n") },
      findings: [{ line: 2, message: "`model-index` is text, not a list." }],
    },
    {
      name: "a metric without a value, at the metric's line",
      files: {
        "README.md": card(
          [
            "model-index:", // 2
            "- name: m",
            "  results:",
            "  - task:", // 5
            "      type: text-classification",
            "    dataset:",
            "      type: imdb",
            "      name: IMDb",
            "    metrics:", // 10
            "    - type: accuracy",
            "      value: 0.9",
            "    - type: f1", // 13
            "      name: F1",
            "",
          ].join("\n"),
        ),
      },
      findings: [{ line: 13, message: "model-index[0].results[0].metrics[1] has no `value`.", hint: "Each metric needs a `type` (a metric id such as `accuracy`) and a `value` (a number, or text such as `20.0 ± 1.2`)." }],
    },
    {
      name: "missing keys are reported together at their mapping's line",
      files: {
        "README.md": card(
          [
            "model-index:", // 2
            "- results:", // 3
            "  - task:", // 4
            "      name: Text Classification",
            "    dataset:", // 6
            "      config: default",
            "    metrics:",
            "    - name: Accuracy", // 9
            "  - task: {type: text-classification}", // 10
            "",
          ].join("\n"),
        ),
      },
      findings: [
        { line: 3, message: "model-index[0] has no `name`." },
        { line: 4, message: "model-index[0].results[0].task has no `type`." },
        { line: 6, message: "model-index[0].results[0].dataset has no `type` and no `name`." },
        { line: 9, message: "model-index[0].results[0].metrics[0] has no `type` and no `value`." },
        { line: 10, message: "model-index[0].results[1] has no `dataset` and no `metrics`." },
      ],
    },
    {
      name: "a model without results",
      files: { "README.md": card("model-index:\n- name: m\n") },
      findings: [{ line: 3, message: "model-index[0] has no `results`." }],
    },
    {
      name: "wrong shapes: results as a mapping, metrics empty, a result as text",
      files: {
        "README.md": card(
          [
            "model-index:", // 2
            "- name: a",
            "  results:", // 4
            "    task: {type: text-classification}",
            "- name: b",
            "  results:",
            "  - task: {type: text-classification}", // 8
            "    dataset: {type: imdb, name: IMDb}",
            "    metrics:", // 10
            "  - accuracy 0.9", // 11
            "",
          ].join("\n"),
        ),
      },
      findings: [
        { line: 4, message: "model-index[0].results is a mapping, not a list." },
        { line: 10, message: "model-index[1].results[0].metrics is empty, not a list." },
        { line: 11, message: "model-index[1].results[1] is text, not a mapping with `task`, `dataset` and `metrics`." },
      ],
    },
    {
      name: "empty required values are reported at their own line",
      files: {
        "README.md": card(
          [
            "model-index:",
            "- name: m",
            "  results:",
            "  - task: {type: text-classification}",
            "    dataset:", // 6
            "      type: imdb",
            "      name: ''", // 8
            "    metrics:",
            "    - type: accuracy",
            "      value:", // 11
            "",
          ].join("\n"),
        ),
      },
      findings: [
        { line: 8, message: "model-index[0].results[0].dataset.name is empty." },
        { line: 11, message: "model-index[0].results[0].metrics[0].value is empty." },
      ],
    },
    {
      name: "dataset.type that is not a Hub dataset id",
      files: {
        "README.md": card(
          [
            "model-index:",
            "- name: m",
            "  results:",
            "  - task: {type: automatic-speech-recognition}",
            "    dataset:",
            "      type: https://huggingface.co/datasets/openslr/librispeech_asr", // 7
            "      name: LibriSpeech",
            "    metrics: [{type: wer, value: 3.1}]",
            "  - task: {type: automatic-speech-recognition}",
            "    dataset: {type: librispeech 960h, name: LibriSpeech}", // 11
            "    metrics: [{type: wer, value: 3.1}]",
            "",
          ].join("\n"),
        ),
      },
      findings: [
        {
          line: 7,
          message: "model-index[0].results[0].dataset.type `https://huggingface.co/datasets/openslr/librispeech_asr` is not a Hub dataset id: it is a Hub address, not a repository id.",
          hint: "Write the id `openslr/librispeech_asr`; put a readable name in `dataset.name`.",
        },
        { line: 11, message: "model-index[0].results[1].dataset.type `librispeech 960h` is not a Hub dataset id: it contains spaces: a description rather than an id." },
      ],
    },
    {
      name: "huggingface_hub generated result marked verified without a token",
      files: { "README.md": fixture("09_eval_result_generated.md") },
      findings: [
        {
          line: 18,
          title: "Evaluation result marked as verified by hand",
          message: "model-index[0].results[0].metrics[0] is marked `verified: true` but has no `verifyToken`: the Hub did not verify it.",
        },
      ],
    },
    {
      name: "only the verified result of a mixed card is reported",
      files: { "README.md": fixture("11_verified_and_unverified_results.md") },
      findings: [{ line: 32, message: "model-index[0].results[1].metrics[0] is marked `verified: true` but has no `verifyToken`: the Hub did not verify it." }],
    },
    {
      name: "source without url; source as text",
      files: {
        "README.md": card(
          [
            "model-index:",
            "- name: m",
            "  results:",
            "  - task: {type: text-generation}",
            "    dataset: {type: cais/mmlu, name: MMLU}",
            "    metrics: [{type: acc, value: 0.7}]",
            "    source:", // 8
            "      name: Open LLM Leaderboard",
            "  - task: {type: text-generation}",
            "    dataset: {type: cais/mmlu, name: MMLU}",
            "    metrics: [{type: acc, value: 0.7}]",
            "    source: https://example.org/leaderboard", // 13
            "",
          ].join("\n"),
        ),
      },
      findings: [
        { line: 8, message: "model-index[0].results[0].source has no `url`.", hint: "Give the `url` of the page the result comes from (a leaderboard, a paper), or remove `source`." },
        { line: 13, message: "model-index[0].results[1].source is text, not a mapping with a `url`." },
      ],
    },
    {
      name: "a broken dataset reused through an alias is reported once",
      files: {
        "README.md": card(
          [
            "model-index:",
            "- name: m",
            "  results:",
            "  - task: {type: text-classification}",
            "    dataset: &ds {type: imdb}", // 6
            "    metrics: [{type: accuracy, value: 0.9}]",
            "  - task: {type: text-classification}",
            "    dataset: *ds",
            "    metrics: [{type: f1, value: 0.8}]",
            "",
          ].join("\n"),
        ),
      },
      findings: [{ line: 6, message: "model-index[0].results[0].dataset has no `name`." }],
    },
    {
      name: "a result with none of its keys: all three named, with the result's hint",
      files: { "README.md": card("model-index:\n- name: m\n  results:\n  - {}\n") },
      findings: [
        {
          line: 5,
          message: "model-index[0].results[0] has no `task`, no `dataset` and no `metrics`.",
          hint: "Each result needs a `task` with a `type`, a `dataset` with a `type` (its Hub id) and a `name`, and a `metrics` list.",
        },
      ],
    },
    {
      name: "a model as text, a name as a list",
      files: { "README.md": card("model-index:\n- m\n- name: [a]\n  results: []\n") },
      findings: [
        {
          line: 3,
          message: "model-index[0] is text, not a mapping with a `name` and `results`.",
          hint: "Each entry of `model-index` is a mapping with the model's `name` and a `results` list: `- name: my-model` then `results:` indented under it.",
        },
        { line: 4, message: "model-index[1].name is a list, not a single value." },
      ],
    },
    {
      name: "task, dataset and a metric as text; a metric's type and value that are not single values",
      files: {
        "README.md": card(
          "model-index:\n- name: m\n  results:\n  - task: text-classification\n    dataset: imdb\n    metrics:\n    - accuracy\n    - type: {a: b}\n      value: [1]\n",
        ),
      },
      findings: [
        { line: 5, message: "model-index[0].results[0].task is text, not a mapping with a `type`." },
        { line: 6, message: "model-index[0].results[0].dataset is text, not a mapping with a `type` and a `name`." },
        { line: 8, message: "model-index[0].results[0].metrics[0] is text, not a mapping with a `type` and a `value`.", hint: "Each metric needs a `type` (a metric id such as `accuracy`) and a `value` (a number, or text such as `20.0 ± 1.2`)." },
        { line: 9, message: "model-index[0].results[0].metrics[1].type is a mapping, not a single value." },
        { line: 10, message: "model-index[0].results[0].metrics[1].value is a list, not a single value." },
      ],
    },
    {
      name: "a mapping without a name is told to become a list of models",
      files: { "README.md": card("model-index: {results: []}\n") },
      findings: [
        {
          line: 2,
          message: "`model-index` is a mapping, not a list.",
          hint: "Each entry of `model-index` is a mapping with the model's `name` and a `results` list: `- name: my-model` then `results:` indented under it.",
        },
      ],
    },
    {
      name: "model-index left empty (~) with results below it",
      files: { "README.md": card("model-index: ~\nresults: []\n") },
      findings: [
        {
          line: 2,
          message: "`model-index` is empty, and the `results:` on line 3 below it stands at the top level, so the Hub reads no evaluation results.",
          hint: "Indent the entry under `model-index:` as a list item: `- name: my-model`, then `results:` indented under it.",
        },
      ],
    },
    {
      name: "an empty verifyToken verifies nothing; verified as text is no claim",
      files: {
        "README.md": card(
          "model-index:\n- name: m\n  results:\n  - task: {type: text-classification}\n    dataset: {type: imdb, name: IMDb}\n    metrics:\n    - {type: acc, value: 1, verified: true, verifyToken: ''}\n    - {type: acc, value: 1, verified: 'true'}\n",
        ),
      },
      findings: [
        {
          line: 8,
          message: "model-index[0].results[0].metrics[0] is marked `verified: true` but has no `verifyToken`: the Hub did not verify it.",
          hint: "Remove `verified: true`, or set it to `false`: only the Hub's evaluation service marks a result as verified, and it adds a `verifyToken` when it does.",
        },
      ],
    },
    {
      name: "problems come in file order, whatever order they are checked in",
      files: {
        "README.md": card("model-index:\n- name: m\n  results:\n  - task: {type: text-classification}\n    source: {name: x}\n    dataset: {type: imdb, name: IMDb}\n    metrics:\n    - type: acc\n"),
      },
      findings: [
        { line: 6, message: "model-index[0].results[0].source has no `url`." },
        { line: 9, message: "model-index[0].results[0].metrics[0] has no `value`." },
      ],
    },
    {
      name: "a dataset id with no suggestion, with its title and hint",
      files: { "README.md": card("model-index:\n- name: m\n  results:\n  - task: {type: text-classification}\n    dataset: {type: 'a b', name: x}\n    metrics: [{type: acc, value: 1}]\n") },
      findings: [
        {
          line: 6,
          title: "Dataset id in model-index is not a Hub id",
          message: "model-index[0].results[0].dataset.type `a b` is not a Hub dataset id: it contains spaces: a description rather than an id.",
          hint: "Give the dataset's Hub id (`namespace/name`, for example `nyu-mll/glue`) and put a readable name in `dataset.name`.",
        },
      ],
    },
    {
      name: "results reused by a second model through an alias are reported once",
      files: {
        "README.md": card("model-index:\n- name: m\n  results: &r\n  - task: {type: text-classification}\n    dataset: {type: imdb}\n    metrics: [{type: acc, value: 1}]\n- name: n\n  results: *r\n"),
      },
      findings: [{ line: 6, message: "model-index[0].results[0].dataset has no `name`." }],
    },
    {
      name: "a task and a metrics list reused through aliases are reported once",
      files: {
        "README.md": card(
          "model-index:\n- name: m\n  results:\n  - task: &t {name: x}\n    dataset: {type: imdb, name: IMDb}\n    metrics: &ms [{type: acc}]\n  - task: *t\n    dataset: {type: imdb, name: IMDb}\n    metrics: *ms\n",
        ),
      },
      findings: [
        { line: 5, message: "model-index[0].results[0].task has no `type`." },
        { line: 7, message: "model-index[0].results[0].metrics[0] has no `value`." },
      ],
    },
    {
      name: "a model reused through an alias is reported once",
      files: { "README.md": card("model-index:\n- &m {name: a}\n- *m\n") },
      findings: [{ line: 3, message: "model-index[0] has no `results`." }],
    },
    {
      name: "a name of spaces is empty; two empty metrics are two problems",
      files: {
        "README.md": card("model-index:\n- name: ' '\n  results:\n  - task: {type: text-classification}\n    dataset: {type: imdb, name: IMDb}\n    metrics:\n    -\n    -\n"),
      },
      findings: [
        { line: 3, message: "model-index[0].name is empty." },
        { line: 8, message: "model-index[0].results[0].metrics[0] is empty, not a mapping with a `type` and a `value`." },
        { line: 9, message: "model-index[0].results[0].metrics[1] is empty, not a mapping with a `type` and a `value`." },
      ],
    },
    {
      name: "a metric and a result reused through aliases are reported once",
      files: {
        "README.md": card(
          "model-index:\n- name: m\n  results:\n  - &r\n    task: {type: text-classification}\n    dataset: {type: imdb, name: IMDb}\n    metrics:\n    - &m {type: acc}\n    - *m\n  - *r\n",
        ),
      },
      findings: [{ line: 9, message: "model-index[0].results[0].metrics[0] has no `value`." }],
    },
    {
      name: "a task type, a source url that are empty or not single values",
      files: {
        "README.md": card(
          "model-index:\n- name: m\n  results:\n  - task: {type: ''}\n    dataset: {type: imdb, name: IMDb}\n    metrics: [{type: acc, value: 1}]\n    source: {url: ''}\n  - task: {type: {a: b}}\n    dataset: {type: imdb, name: IMDb}\n    metrics: [{type: acc, value: 1}]\n    source: {url: [a]}\n",
        ),
      },
      findings: [
        { line: 5, message: "model-index[0].results[0].task.type is empty." },
        { line: 8, message: "model-index[0].results[0].source.url is empty.", hint: "Give the `url` of the page the result comes from (a leaderboard, a paper), or remove `source`." },
        { line: 9, message: "model-index[0].results[1].task.type is a mapping, not a single value." },
        { line: 12, message: "model-index[0].results[1].source.url is a list, not a single value." },
      ],
    },
    {
      name: "CRLF line endings keep the file's line numbers",
      files: {
        "README.md": "---\r\nlicense: mit\r\nmodel-index:\r\n- name: m\r\n  results:\r\n  - task: {type: fill-mask}\r\n    metrics: [{type: acc, value: 1}]\r\n---\r\n",
      },
      findings: [{ line: 6, message: "model-index[0].results[0] has no `dataset`." }],
    },
  ],
});

describe("card/model-index-valid: a problem repeated down the metrics", () => {
  const metrics = (n: number) => Array.from({ length: n }, (_, i) => `    - type: m${i}`).join("\n");
  const many = (n: number) =>
    card(`model-index:\n- name: m\n  results:\n  - task: {type: fill-mask}\n    dataset: {type: c4, name: C4}\n    metrics:\n${metrics(n)}\n`);

  it("three of a kind stay three findings", async () => {
    const findings = await runRule(rule, { name: "three", files: { "README.md": many(3) } });
    expect(findings.map((f) => f.line)).toEqual([8, 9, 10]);
  });

  it("thirty of a kind become one finding that names the other lines", async () => {
    const findings = await runRule(rule, { name: "thirty", files: { "README.md": many(30) } });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.line).toBe(8);
    expect(plain(findings[0]?.message ?? [])).toBe(
      "model-index[0].results[0].metrics[0] has no `value`. The same problem appears 29 more times (lines 9, 10, 11, 12, 13, 14, 15, 16, …).",
    );
  });
});
