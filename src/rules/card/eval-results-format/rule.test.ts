import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const result = (extra: string, value = "22.2") => `- dataset:\n    id: cais/hle\n    task_id: default\n  value: ${value}\n${extra}`;

ruleTester(rule, {
  valid: [
    { name: "real card yocel1-whisper-small-fr (test/fixtures/corpus)", files: { "README.md": corpusCard("yocel1-whisper-small-fr") } },
    {
      name: "every documented field, written as hub-docs eval_results.yaml writes it",
      files: {
        ".eval_results/hle.yaml": result(
          '  verifyToken: "eyJhbGciOiJFZERTQSJ9.e30.c2ln"\n  date: "2025-01-15T10:30:00Z"\n  source:\n    url: https://huggingface.co/spaces/SaylorTwift/smollm3-mmlu-pro\n    name: Eval Logs\n    user: SaylorTwift\n    org: HuggingFaceTB\n  notes: "no-tools"\n',
        ),
      },
    },
    { name: "a quoted date with single quotes, and a negative value", files: { ".eval_results/a.yaml": result("  date: '2026-01-14'\n", "-0.5") } },
    { name: "missing required fields are left to card/eval-results-valid", files: { ".eval_results/a.yaml": "- value: 1\n- dataset: {id: cais/hle}\n" } },
    { name: "not a results file", files: { "configs/eval.yaml": "date: 2025-01-15\n" } },
    { name: "a results file whose text was not fetched", files: { ".eval_results/hle.yaml": { content: { type: "not-fetched" as const } } } },
    { name: "a benchmark's eval.yaml is not a results file, whatever it holds", files: { "eval.yaml": result("  date: 2026-01-14\n") } },
  ],
  invalid: [
    {
      name: "an unquoted ISO date: quoted by the fix",
      files: { ".eval_results/hle.yaml": result("  date: 2026-01-14\n") },
      output: "- dataset:\n    id: cais/hle\n    task_id: default\n  value: 22.2\n  date: \"2026-01-14\"\n",
      findings: [
        {
          line: 5,
          title: "Evaluation date is not a quoted ISO-8601 string",
          message: "Result 1: `date` `2026-01-14` is not quoted; YAML parsers that follow YAML 1.1 (js-yaml, PyYAML) read it as a timestamp, not as the string the specification asks for.",
          hint: 'Quote it: `date: "2026-01-14"`.',
        },
      ],
    },
    {
      name: "an unquoted date-time, in a flow mapping",
      files: { ".eval_results/hle.yaml": "- {dataset: {id: cais/hle, task_id: default}, value: 1, date: 2025-01-15T10:30:00Z}\n" },
      output: "- {dataset: {id: cais/hle, task_id: default}, value: 1, date: \"2025-01-15T10:30:00Z\"}\n",
      findings: [{ line: 1, message: "Result 1: `date` `2025-01-15T10:30:00Z` is not quoted; YAML parsers that follow YAML 1.1 (js-yaml, PyYAML) read it as a timestamp, not as the string the specification asks for." }],
    },
    {
      name: "a date that is not ISO-8601, and one that is a number",
      files: { ".eval_results/hle.yaml": result('  date: "January 14, 2026"\n') + "- dataset: {id: cais/hle, task_id: default}\n  value: 1\n  date: 20260114\n" },
      findings: [
        { line: 5, message: "Result 1: `date` `January 14, 2026` is not an ISO-8601 date or date-time." },
        { line: 8, message: "Result 2: `date` is a number (`20260114`), not an ISO-8601 date." },
      ],
    },
    {
      name: "a value written as text, with and without a percent sign",
      files: { ".eval_results/hle.yaml": result("", '"22.2"') + result("", "76.1%") + result("", "20.0 ± 1.2") },
      output: "- dataset:\n    id: cais/hle\n    task_id: default\n  value: 22.2\n- dataset:\n    id: cais/hle\n    task_id: default\n  value: 76.1\n- dataset:\n    id: cais/hle\n    task_id: default\n  value: 20.0 ± 1.2\n",
      findings: [
        { line: 4, message: "Result 1: `value` is text (`22.2`), not a number; the specification and huggingface_hub's examples give a number, and Cardinal cannot tell how the Hub ranks text.", hint: "Write the number without quotes: `value: 22.2`." },
        { line: 8, message: "Result 2: `value` is text (`76.1%`), not a number; the specification and huggingface_hub's examples give a number, and Cardinal cannot tell how the Hub ranks text.", hint: "Write the number without quotes or percent sign: `value: 76.1`." },
        { line: 12, message: "Result 3: `value` is text (`20.0 ± 1.2`), not a number; the specification and huggingface_hub's examples give a number, and Cardinal cannot tell how the Hub ranks text.", hint: "Give the metric value as a number; put details such as a confidence interval in `notes`." },
      ],
    },
    {
      name: "keys of an older draft, of model-index, and misspelt ones",
      files: {
        ".eval_results/gpqa.yaml":
          "- dataset:\n    id: Idavidrein/gpqa\n    task_id: gpqa_diamond\n    config: gpqa_diamond\n    name: GPQA\n  value: 0.41\n  verify_token: abc\n  metric: accuracy\n  source:\n    url: https://example.org\n    username: me\n",
      },
      findings: [
        { line: 4, message: "Result 1: `dataset`: `config` is not a key of the evaluation results format.", hint: "The format has no `dataset.config`: `task_id` names the benchmark's task, and the benchmark's `eval.yaml` maps each task to a config and a split." },
        { line: 5, message: "Result 1: `dataset`: `name` is not a key of the evaluation results format.", hint: "The format has no `dataset.name`: the Hub shows the benchmark dataset's own name." },
        { line: 7, message: "Result 1: `verify_token` is not a key of the evaluation results format; did you mean `verifyToken`?" },
        { line: 8, message: "Result 1: `metric` is not a key of the evaluation results format.", hint: "The keys documented here are `dataset`, `value`, `verifyToken`, `date`, `source` and `notes`; remove the key, or move what it says to `notes`." },
        { line: 11, message: "Result 1: `source`: `username` is not a key of the evaluation results format." },
      ],
    },
    {
      name: "a .yml file, a source url that is not a link, a numeric revision and notes",
      files: {
        ".eval_results/hle.yml":
          "- dataset:\n    id: cais/hle\n    task_id: default\n    revision: 1234567\n  value: 1\n  notes: 3\n  source: {url: artificialanalysis.ai}\n",
      },
      findings: [
        { line: 1, message: "The Hub documents evaluation results as `.eval_results/*.yaml` files; `hle.yml` ends in `.yml`, which the documentation does not name." },
        { line: 4, message: "Result 1: `dataset.revision` is a number, not text; a commit hash read as a number loses its leading zeros." },
        { line: 6, message: "Result 1: `notes` is a number, not text." },
        { line: 7, message: "Result 1: `source.url` `artificialanalysis.ai` is not a web address." },
      ],
    },
    { name: "an empty file", files: { ".eval_results/hle.yaml": "\n" }, findings: [{ line: 1, message: "The evaluation results file is empty: it holds no result." }] },
    {
      name: "an empty .yml file: both findings, with their titles",
      files: { ".eval_results/hle.yml": "\n" },
      findings: [
        { line: 1, title: "Evaluation results file may not be read by the Hub", message: "The Hub documents evaluation results as `.eval_results/*.yaml` files; `hle.yml` ends in `.yml`, which the documentation does not name." },
        { line: 1, title: "Evaluation results file is empty", message: "The evaluation results file is empty: it holds no result." },
      ],
    },
  ],
});

describe("card/eval-results-format fixes", () => {
  it("quotes the date in place, keeping the comment", async () => {
    const [finding] = await runRule(rule, {
      name: "fix",
      files: { ".eval_results/hle.yaml": result("  date: 2026-01-14   # ISO-8601 date\n") },
    });
    expect(finding?.fix).toEqual({ line: 5, endLine: 5, replacement: '  date: "2026-01-14"   # ISO-8601 date' });
  });

  it("keeps CRLF files' lines intact", async () => {
    const [finding] = await runRule(rule, {
      name: "crlf",
      files: { ".eval_results/hle.yaml": result("  date: 2026-01-14\n").replace(/\n/g, "\r\n") },
    });
    expect(finding?.fix).toEqual({ line: 5, endLine: 5, replacement: '  date: "2026-01-14"' });
  });
});
