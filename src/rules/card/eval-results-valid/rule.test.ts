import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import { plain } from "../../../core/text.js";
import rule from "./rule.js";

/** hub-docs `eval_results.yaml` @242f4a1e, its placeholders filled in. */
const SPEC_EXAMPLE = [
  "- dataset:",
  "    id: cais/hle                  # Required.",
  "    task_id: default              # Required. ID of the Task, as defined in the dataset's eval.yaml",
  "    revision: 5503434ddd753f426f4b38109466949a1217c2bb",
  "",
  "  value: 20.90",
  "",
  "  verifyToken: eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.e30.c2ln",
  "",
  '  date: "2025-01-15"',
  "",
  "  source:",
  "    url: https://huggingface.co/spaces/SaylorTwift/smollm3-mmlu-pro",
  "    name: Eval Logs",
  "    user: SaylorTwift",
  "    org: HuggingFaceTB",
  "",
  '  notes: "no-tools"',
  "",
  "# or, with only the required attributes:",
  "",
  "- dataset:",
  "    id: Idavidrein/gpqa",
  "    task_id: gpqa_diamond",
  "  value: 0.412",
  "",
].join("\n");

/** huggingface/community-evals README @4fa9ae53, "Output Format". */
const COMMUNITY_EVALS = [
  "# .eval_results/hle.yaml",
  "- dataset:",
  "    id: cais/hle              # Hub Benchmark dataset ID",
  "    task_id: default          # ID of the Task, as defined in the dataset's eval.yaml",
  "  value: 22.2                 # Metric value",
  '  date: "2026-01-14"          # ISO-8601 date',
  "  source:                     # Attribution",
  "    url: https://artificialanalysis.ai",
  "    name: Artificial Analysis",
  "",
].join("\n");

ruleTester(rule, {
  valid: [
    { name: "real card yocel1-whisper-small-fr (test/fixtures/corpus)", files: { "README.md": corpusCard("yocel1-whisper-small-fr") } },
    { name: "the specification's example (hub-docs eval_results.yaml)", files: { ".eval_results/hle.yaml": SPEC_EXAMPLE } },
    { name: "a community-evals pull request", files: { ".eval_results/hle.yaml": COMMUNITY_EVALS }, pullRequest: true },
    {
      name: "the release checklist's GPQA example (task_id: diamond is not Cardinal's to judge)",
      files: {
        "models/my-model/.eval_results/gpqa.yaml":
          '- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n  value: 76.1\n  date: "2026-03-19"\n  source:\n    url: https://huggingface.co/your-org/your-model\n    name: Model Card\n    user: your-username\n',
      },
    },
    {
      name: "an unquoted date and a text value are left to card/eval-results-format",
      files: { ".eval_results/a.yaml": "- dataset: {id: cais/hle, task_id: default}\n  value: '22.2%'\n  date: 2026-01-14\n" },
    },
    { name: "an empty file is left to card/eval-results-format", files: { ".eval_results/a.yaml": "# nothing yet\n" } },
    { name: "YAML outside .eval_results is not read as results", files: { "results/hle.yaml": "dataset: x\n", "eval_results/x.yaml": "a: 1\n" } },
    {
      name: "a result reused through an alias is checked once",
      files: { ".eval_results/a.yaml": "- &r\n  dataset: {id: cais/hle, task_id: default}\n  value: 1\n- *r\n" },
    },
    { name: "a results file whose text was not fetched", files: { ".eval_results/hle.yaml": { content: { type: "not-fetched" as const } } } },
    { name: "a benchmark's eval.yaml is not a results file, whatever it holds", files: { "eval.yaml": "- value: 1\n" } },
  ],
  invalid: [
    {
      name: "the first draft's shape, before task_id became required (hub-docs e3f7624a)",
      files: { ".eval_results/gpqa.yaml": "- dataset:\n    id: Idavidrein/gpqa\n  value: 0.412\n" },
      findings: [{ line: 2, message: "Result 1: `dataset` has no `task_id`.", hint: "Add `task_id`: the id of a task defined in the benchmark's `eval.yaml` (hub-docs made it required in January 2026)." }],
    },
    {
      name: "a single result written as a mapping, not a list item",
      files: { ".eval_results/hle.yaml": "dataset:\n  id: cais/hle\n  task_id: default\nvalue: 20.9\n" },
      findings: [{ line: 1, message: "The file is a mapping, not a list of results.", hint: "Make the result a list item: write `- dataset:` and indent the rest of the result under it." }],
    },
    {
      name: "required fields missing or empty",
      files: {
        ".eval_results/hle.yaml": "- dataset:\n    id: cais/hle\n    task_id:\n  date: '2026-01-14'\n- value: 3\n- dataset: {id: '', task_id: default}\n  value:\n",
      },
      findings: [
        { line: 1, message: "Result 1 has no `value`." },
        { line: 3, message: "Result 1: `dataset.task_id` is empty." },
        { line: 5, message: "Result 2 has no `dataset`." },
        { line: 6, message: "Result 3: `dataset.id` is empty." },
        { line: 7, message: "Result 3: `value` is empty." },
      ],
    },
    {
      name: "a dataset address instead of its id, with the id as a fix",
      files: { ".eval_results/gpqa.yaml": "- dataset:\n    id: https://huggingface.co/datasets/Idavidrein/gpqa\n    task_id: gpqa_diamond\n  value: 0.41\n" },
      output: "- dataset:\n    id: Idavidrein/gpqa\n    task_id: gpqa_diamond\n  value: 0.41\n",
      findings: [{ line: 2, message: "Result 1: `dataset.id` `https://huggingface.co/datasets/Idavidrein/gpqa` is not a Hub dataset id: it is a Hub address, not a repository id.", hint: "Write the id `Idavidrein/gpqa`." }],
    },
    {
      name: "dataset given as a bare id",
      files: { ".eval_results/hle.yaml": "- dataset: cais/hle\n  value: 20.9\n" },
      findings: [{ line: 1, message: "Result 1: `dataset` is text, not a mapping with an `id` and a `task_id`.", hint: "Write the dataset as `dataset: {id: <dataset id>, task_id: <task>}`." }],
    },
    {
      name: "source without url (huggingface_hub refuses it too)",
      files: { ".eval_results/hle.yaml": "- dataset: {id: cais/hle, task_id: default}\n  value: 20.9\n  source:\n    name: Eval traces\n    user: SaylorTwift\n" },
      findings: [{ line: 4, message: "Result 1: `source` has no `url`; the specification requires it when `source` is given." }],
    },
    {
      name: "source written as an address",
      files: { ".eval_results/hle.yaml": "- dataset: {id: cais/hle, task_id: default}\n  value: 20.9\n  source: https://artificialanalysis.ai\n" },
      findings: [{ line: 3, message: "Result 1: `source` is text, not a mapping with a `url`.", hint: "Write the address under `url`: `source: {url: https://…, name: …}`." }],
    },
    {
      name: "YAML that does not parse",
      files: { ".eval_results/hle.yaml": "- dataset: {id: cais/hle, task_id: default\n  value: 20.9\n" },
      findings: [{ line: 2, message: "The evaluation results file is not valid YAML: Flow map in block collection must be sufficiently indented and end with a }." }],
    },
    {
      name: "a repeated key",
      files: { ".eval_results/hle.yaml": "- dataset: {id: cais/hle, task_id: default}\n  value: 20.9\n  value: 21.3\n" },
      findings: [{ line: 3, message: "Result 1 has the key `value` twice; YAML does not allow a key to repeat in one mapping." }],
    },
    {
      name: "an item that is not a mapping",
      files: { ".eval_results/hle.yaml": "- cais/hle: 20.9\n- 20.9\n" },
      findings: [
        { line: 1, message: "Result 1 has no `dataset` and no `value`." },
        { line: 2, message: "Result 2 is a number, not a mapping with a `dataset` and a `value`." },
      ],
    },
    {
      name: "a result without a dataset: the finding's title",
      files: { ".eval_results/a.yaml": "- value: 1\n" },
      findings: [{ line: 1, title: "Evaluation result lacks a required field", message: "Result 1 has no `dataset`." }],
    },
  ],
});

describe("card/eval-results-valid on hostile input", () => {
  it("an alias bomb is walked once per node, fast", async () => {
    const lines = ['a0: &a0 [{dataset: {id: cais/hle, task_id: "t"}, value: 1}]'];
    for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    const bomb = `- ${lines.join("\n  ")}\n- *a29\n`;
    // Expanded, the bomb is 4^29 results: a review that expanded it would never end (the test's timeout).
    const findings = await runRule(rule, { name: "bomb", files: { ".eval_results/bomb.yaml": bomb } });
    expect(findings.map((f) => f.line)).toEqual([1, 31]);
  });

  // How long these take is measured by `npm run bench` (hostile inputs), not here: a time is no verdict.
  it("20,000 aliases to one result are resolved, and the one problem is reported once", async () => {
    const many = "- &r\n  dataset: {id: cais/hle}\n  value: 1\n" + "- *r\n".repeat(20_000);
    const findings = await runRule(rule, { name: "aliases", files: { ".eval_results/many.yaml": many } });
    expect(findings.map((f) => f.line)).toEqual([2]);
  }, 60_000);

  it("20,000 results with the same problem are folded by the engine into one finding", async () => {
    const big = Array.from({ length: 20_000 }, (_, i) => `- dataset: {id: cais/hle}\n  value: ${i}\n`).join("");
    const findings = await runRule(rule, { name: "big", files: { ".eval_results/big.yaml": big } });
    expect(findings.map((f) => [f.line, plain(f.message)])).toEqual([
      [1, "Result 1: `dataset` has no `task_id`. The same problem appears 19,999 more times (lines 3, 5, 7, 9, 11, 13, 15, 17, …)."],
    ]);
  }, 60_000);
});
