import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const DATASET_CARD = "---\nlicense: mit\ntask_categories:\n- question-answering\n---\n\n# GPQA\n";

/** hub-docs `docs/hub/eval-results.md` @242f4a1e, "Minimal example (required fields only)". */
const MINIMAL = [
  "name: MathArena AIME 2026",
  "description: The American Invitational Mathematics Exam (AIME).",
  "evaluation_framework: math-arena",
  "",
  "tasks:",
  "  - id: MathArena/aime_2026",
  "",
].join("\n");

/** The same page's "inspect-ai"-specific example (HLE). */
const HLE = [
  "name: Humanity's Last Exam",
  "description: >",
  "  Humanity's Last Exam (HLE) is a multi-modal benchmark at the frontier of human",
  "  knowledge.",
  'evaluation_framework: "inspect-ai"',
  "",
  "tasks:",
  "  - id: hle",
  "    config: default",
  "    split: test",
  "",
  "    field_spec:",
  "      input: question",
  "      input_image: image",
  "      target: answer",
  "",
  "    solvers:",
  "      - name: system_message",
  "        args:",
  "          template: |",
  "            Your response should be in the following format:",
  "            Answer: {your chosen answer}",
  "      - name: generate",
  "",
  "    scorers:",
  "      - name: model_graded_fact",
  "        args:",
  "          model: openai/o3-mini",
  "",
].join("\n");

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "hub-docs' minimal example", files: { "eval.yaml": MINIMAL } },
    { name: "hub-docs' HLE example, beside its dataset card", files: { "README.md": DATASET_CARD, "eval.yaml": HLE } },
    {
      name: "GPQA-style tasks: three leaderboards of one dataset",
      files: {
        "eval.yaml":
          "name: GPQA\ndescription: Graduate-level Google-proof Q&A.\nevaluation_framework: mteb\ntasks:\n  - id: gpqa_diamond\n    config: gpqa_diamond\n    split: train\n  - id: gpqa_main\n    config: gpqa_main\n  - id: gpqa_extended\n    config: gpqa_extended\n",
      },
    },
    {
      name: "an eval.yaml of a code repository (a training config) is none of the Hub's business",
      files: { "configs/eval.yaml": "defaults:\n  - model: llama\ntasks: [hellaswag, arc_easy]\nbatch_size: 8\n", "eval.yaml": "seed: 1\n" },
    },
    { name: "an unknown framework is left to card/benchmark-eval-format", files: { "eval.yaml": MINIMAL.replace("math-arena", "my-own-harness") } },
    { name: "Eval.yaml and eval.yml are not the Hub's file name", files: { "Eval.yaml": "evaluation_framework: x\n", "eval.yml": "evaluation_framework: x\n" } },
    { name: "an eval.yaml whose text was not fetched", files: { "README.md": DATASET_CARD, "eval.yaml": { content: { type: "not-fetched" as const } } } },
    { name: "a results file is not a benchmark's eval.yaml, whatever it holds", files: { "README.md": DATASET_CARD, ".eval_results/a.yaml": "name: B\ntasks:\n  - id: t\n" } },
    { name: "an eval.yaml naming no framework beside a model card is not a benchmark's", files: { "m/README.md": "---\nlicense: mit\n---\n# M\n", "m/config.json": "{}", "m/eval.yaml": "name: B\ntasks:\n  - id: t\n" } },
    { name: "a dataset card in the folder above does not make an eval.yaml a benchmark's", files: { "README.md": DATASET_CARD, "sub/eval.yaml": "name: B\ntasks:\n  - id: t\n" } },
  ],
  invalid: [
    {
      name: "a framework spelt as prose: fixed to its id",
      files: { "eval.yaml": MINIMAL.replace("math-arena", "Inspect AI") },
      output: "name: MathArena AIME 2026\ndescription: The American Invitational Mathematics Exam (AIME).\nevaluation_framework: inspect-ai\n\ntasks:\n  - id: MathArena/aime_2026\n",
      findings: [{ line: 3, message: "`evaluation_framework` `Inspect AI` is not an evaluation framework the Hub knows; the id is written `inspect-ai`." }],
    },
    {
      name: "inspect_ai with an underscore (the Python package's name)",
      files: { "eval.yaml": MINIMAL.replace("math-arena", "inspect_ai") },
      output: "name: MathArena AIME 2026\ndescription: The American Invitational Mathematics Exam (AIME).\nevaluation_framework: inspect-ai\n\ntasks:\n  - id: MathArena/aime_2026\n",
      findings: [{ line: 3, message: "`evaluation_framework` `inspect_ai` is not an evaluation framework the Hub knows; the id is written `inspect-ai`.", hint: "Write `evaluation_framework: inspect-ai`." }],
    },
    {
      name: "several frameworks",
      files: { "eval.yaml": MINIMAL.replace("math-arena", "[inspect-ai, lighteval]") },
      findings: [{ line: 3, message: "`evaluation_framework` is a list; the Hub supports exactly one framework per benchmark." }],
    },
    {
      name: "beside a dataset card, a configuration with no framework and no description",
      files: { "README.md": DATASET_CARD, "eval.yaml": "name: GPQA\ntasks:\n  - id: gpqa_diamond\n" },
      findings: [{ line: 1, message: "The benchmark configuration has no `description` or `evaluation_framework`." }],
    },
    {
      name: "tasks without ids, a bare task name, a repeated id",
      files: {
        "eval.yaml":
          "name: GPQA\ndescription: Q&A\nevaluation_framework: mteb\ntasks:\n  - config: gpqa_diamond\n  - gpqa_main\n  - id: gpqa_extended\n  - id: gpqa_extended\n    split: test\n",
      },
      output: "name: GPQA\ndescription: Q&A\nevaluation_framework: mteb\ntasks:\n  - config: gpqa_diamond\n  - id: gpqa_main\n  - id: gpqa_extended\n  - id: gpqa_extended\n    split: test\n",
      findings: [
        { line: 5, message: "Task 1 has no `id`." },
        { line: 6, message: "Task 2 is text, not a mapping with an `id`.", hint: "Write the task as `- id: gpqa_main`." },
        { line: 8, message: "Task 4 repeats the id `gpqa_extended` of task 3; each task's id must be unique." },
      ],
    },
    {
      name: "tasks as a mapping",
      files: { "eval.yaml": "name: x\ndescription: y\nevaluation_framework: mteb\ntasks:\n  id: t\n" },
      findings: [{ line: 4, message: "`tasks` is a mapping, not a list." }],
    },
    {
      name: "not a mapping at all, beside a dataset card",
      files: { "data/README.md": DATASET_CARD.replace("license: mit", "license: mit\nconfigs: []"), "data/eval.yaml": "- id: t\n" },
      findings: [{ path: "data/eval.yaml", line: 1, message: "The benchmark configuration is a list, not a mapping." }],
    },
    {
      name: "YAML that does not parse, naming a framework",
      files: { "eval.yaml": "evaluation_framework: mteb\ntasks: [\n" },
      // The parser finds the unclosed bracket at the end of the input; the finding stays on the last line of text.
      findings: [{ line: 2, message: "The benchmark configuration is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]." }],
    },
    {
      name: "a benchmark without a description: the finding's title",
      files: { "eval.yaml": "name: B\nevaluation_framework: mteb\ntasks:\n  - id: t\n" },
      findings: [{ line: 1, title: "Benchmark eval.yaml lacks a required field", message: "The benchmark configuration has no `description`." }],
    },
  ],
});
