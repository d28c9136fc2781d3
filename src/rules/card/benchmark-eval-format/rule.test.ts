import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { KNOWN_FRAMEWORKS } from "../../../parse/eval-results.js";
import rule from "./rule.js";

const config = (framework: string, tasks = "  - id: t\n") => `name: B\ndescription: D\nevaluation_framework: ${framework}\ntasks:\n${tasks}`;

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    {
      name: "every framework @huggingface/tasks lists",
      files: Object.fromEntries(
        KNOWN_FRAMEWORKS.map((f) => [`${f}/eval.yaml`, f === "inspect-ai" ? config(f, "  - id: t\n    field_spec: {input: q, target: a}\n    solvers: [{name: generate}]\n    scorers: [{name: match}]\n") : config(f)]),
      ),
    },
    {
      name: "inspect-ai with its fields (hub-docs' prose says `scores`, its example `scorers`: both accepted)",
      files: {
        "a/eval.yaml": config("inspect-ai", "  - id: hle\n    field_spec: {input: question, target: answer}\n    solvers: [{name: generate}]\n    scorers: [{name: match}]\n"),
        "b/eval.yaml": config("inspect-ai", "  - id: hle\n    field_spec: {input: question, target: answer}\n    solvers: [{name: generate}]\n    scores: [{name: match}]\n"),
      },
    },
    {
      name: "inspect-ai fields given once for all tasks, at the top level",
      files: { "eval.yaml": "name: B\ndescription: D\nevaluation_framework: inspect-ai\nfield_spec: {input: q, target: a}\nsolvers: [{name: generate}]\nscorers: [{name: match}]\ntasks:\n  - id: a\n  - id: b\n" },
    },
    { name: "a misspelt known framework is left to card/benchmark-eval-valid", files: { "eval.yaml": config("MTEB") } },
    { name: "an eval.yaml whose text was not fetched", files: { "README.md": "---\nlicense: mit\ntask_categories:\n- question-answering\n---\n\n# GPQA\n", "eval.yaml": { content: { type: "not-fetched" as const } } } },
    { name: "a results file is not a benchmark's eval.yaml, whatever it holds", files: { "README.md": "---\nlicense: mit\ntask_categories:\n- question-answering\n---\n\n# GPQA\n", ".eval_results/a.yaml": config("my-harness") } },
    { name: "an eval.yaml naming no framework beside a model card is not a benchmark's", files: { "m/README.md": "---\nlicense: mit\n---\n# M\n", "m/config.json": "{}", "m/eval.yaml": "name: 2026\ndescription: D\ntasks:\n  - id: t\n" } },
    { name: "a dataset card in the folder above does not make an eval.yaml a benchmark's", files: { "README.md": "---\nlicense: mit\ntask_categories:\n- question-answering\n---\n\n# GPQA\n", "sub/eval.yaml": "name: 2026\ndescription: D\ntasks:\n  - id: t\n" } },
  ],
  invalid: [
    {
      name: "a framework Cardinal's list does not have (the Hub's may be newer)",
      files: { "eval.yaml": config("lm-evaluation-harness") },
      findings: [
        {
          line: 3,
          message: "`evaluation_framework` `lm-evaluation-harness` is not in the list of evaluation frameworks Cardinal knows (from `@huggingface/tasks`); the Hub validates the file at push and accepts only the frameworks of its own list, which may be newer.",
          hint: "Use a framework id from `EVALUATION_FRAMEWORKS` in huggingface.js `packages/tasks/src/eval.ts` (such as `inspect-ai`), or add yours to that list first; if it is there already, Cardinal's copy is older than the Hub's.",
        },
      ],
    },
    { name: "near a known one", files: { "eval.yaml": config("mteb2") }, findings: [{ line: 3, message: "`evaluation_framework` `mteb2` (did you mean `mteb`?) is not in the list of evaluation frameworks Cardinal knows (from `@huggingface/tasks`); the Hub validates the file at push and accepts only the frameworks of its own list, which may be newer." }] },
    {
      name: "inspect-ai tasks without field_spec, solvers or scorers",
      files: { "eval.yaml": config("inspect-ai", "  - id: hle\n    config: default\n  - id: hle_text\n    field_spec: {input: question, target: answer}\n") },
      findings: [
        { line: 5, message: "Task 1 has no `field_spec`, `solvers` or `scorers`; hub-docs says that with `evaluation_framework: inspect-ai` these fields are required too." },
        { line: 7, message: "Task 2 has no `solvers` or `scorers`; hub-docs says that with `evaluation_framework: inspect-ai` these fields are required too." },
      ],
    },
    { name: "no task", files: { "eval.yaml": config("mteb", "  []\n").replace("tasks:\n  []", "tasks: []") }, findings: [{ line: 4, message: "`tasks` is an empty list: the benchmark defines no leaderboard." }] },
    {
      name: "numbers where text is expected",
      files: { "eval.yaml": "name: 2026\ndescription: D\nevaluation_framework: mteb\ntasks:\n  - id: 2024\n    split: 1\n" },
      findings: [
        { line: 1, message: "`name` is a number, not text." },
        { line: 5, message: "Task 1: `id` is a number, not text.", hint: 'Quote it: `id: "2024"`.' },
        { line: 6, message: "Task 1: `split` is a number, not text." },
      ],
    },
    {
      name: "beside a dataset card, an eval.yaml naming no framework is the benchmark's",
      files: { "README.md": "---\nlicense: mit\ntask_categories:\n- question-answering\n---\n\n# GPQA\n", "eval.yaml": "name: 2026\ndescription: D\ntasks:\n  - id: t\n" },
      findings: [{ line: 1, message: "`name` is a number, not text." }],
    },
    {
      name: "the title of a framework Cardinal does not know",
      files: { "eval.yaml": config("my-harness") },
      findings: [{ line: 3, title: "Benchmark evaluation framework is not one Cardinal knows", message: "`evaluation_framework` `my-harness` is not in the list of evaluation frameworks Cardinal knows (from `@huggingface/tasks`); the Hub validates the file at push and accepts only the frameworks of its own list, which may be newer." }],
    },
  ],
});

describe("the framework list", () => {
  it("comes from @huggingface/tasks and has the ids hub-docs uses", () => {
    expect(KNOWN_FRAMEWORKS).toEqual(expect.arrayContaining(["inspect-ai", "math-arena", "mteb"]));
  });
});
