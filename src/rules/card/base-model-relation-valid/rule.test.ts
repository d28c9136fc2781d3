import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# Model\n` });
const fixed = (yaml: string) => `---\nlicense: mit\n${yaml}\n---\n# Model\n`;
const HINT_UNKNOWN = "Use one of `adapter`, `merge`, `quantized` or `finetune`, or remove the key and let the Hub infer it.";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "quantized with one base", files: card("base_model: a/b\nbase_model_relation: quantized") },
    { name: "a finetune of one base, given as a one-item list", files: card("base_model:\n- a/b\nbase_model_relation: finetune") },
    { name: "merge with two bases", files: card("base_model: [a/b, c/d]\nbase_model_relation: merge") },
    { name: "a merge of three", files: card("base_model: [a/b, c/d, e/f]\nbase_model_relation: merge") },
    { name: "no relation (the Hub infers it)", files: card("base_model: a/b") },
    { name: "a relation that is not text is the type rules' finding", files: card("base_model: a/b\nbase_model_relation: [merge, finetune]") },
    { name: "a dataset card has no base model tree", files: { "README.md": "---\nlicense: mit\ntask_categories: [text-generation]\nbase_model_relation: banana\n---\n# Data\n" } },
  ],
  invalid: [
    { name: "unknown value", files: card("base_model: a/b\nbase_model_relation: fine-tune"), output: fixed("base_model: a/b\nbase_model_relation: finetune"),
      findings: [{ line: 4, column: 22, message: "`fine-tune` is not a base model relation the Hub knows; did you mean `finetune`?", hint: HINT_UNKNOWN }] },
    {
      name: "dashes and spaces are ignored when guessing the relation meant",
      files: card("base_model: a/b\nbase_model_relation: fine - tuned"),
      output: fixed("base_model: a/b\nbase_model_relation: finetune"),
      findings: [{ line: 4, message: "`fine - tuned` is not a base model relation the Hub knows; did you mean `finetune`?" }],
    },
    {
      name: "`ft` alone means finetune",
      files: card("base_model: a/b\nbase_model_relation: FT"),
      output: fixed("base_model: a/b\nbase_model_relation: finetune"),
      findings: [{ line: 4, message: "`FT` is not a base model relation the Hub knows; did you mean `finetune`?" }],
    },
    {
      name: "a value that starts like fine-tuning means finetune, with or without the dash",
      files: card("base_model: a/b\nbase_model_relation: finetuned-lora"),
      output: fixed("base_model: a/b\nbase_model_relation: finetune"),
      findings: [{ line: 4, message: "`finetuned-lora` is not a base model relation the Hub knows; did you mean `finetune`?" }],
    },
    {
      name: "fine-tuned with a dash and more words",
      files: card("base_model: a/b\nbase_model_relation: Fine-Tuned-LoRA"),
      output: fixed("base_model: a/b\nbase_model_relation: finetune"),
      findings: [{ line: 4, message: "`Fine-Tuned-LoRA` is not a base model relation the Hub knows; did you mean `finetune`?" }],
    },
    {
      name: "a value with no relation near it gets no guess and no fix",
      files: card("base_model: a/b\nbase_model_relation: lora-finetuned"),
      output: null,
      findings: [{ line: 4, column: 22, message: "`lora-finetuned` is not a base model relation the Hub knows.", hint: HINT_UNKNOWN }],
    },
    {
      name: "`ft` followed by more is not taken for finetune",
      files: card("base_model: a/b\nbase_model_relation: ft-lora"),
      output: null,
      findings: [{ line: 4, message: "`ft-lora` is not a base model relation the Hub knows." }],
    },
    {
      name: "relation without base model",
      files: card("base_model_relation: adapter"),
      findings: [{ line: 3, column: 22, message: "base_model_relation is `adapter`, but the card names no `base_model`.", hint: "Add `base_model:` with the id of the model this one was made from." }],
    },
    {
      name: "a merge of one",
      files: card("base_model: a/b\nbase_model_relation: merge"),
      findings: [{ line: 4, column: 22, message: "base_model_relation is `merge`, but only one base model is listed.", hint: "List every merged model under `base_model`, or use the relation that fits one base (`finetune`, `adapter`, `quantized`)." }],
    },
    {
      name: "an adapter of two",
      files: card("base_model: [a/b, c/d]\nbase_model_relation: adapter"),
      findings: [{ line: 4, column: 22, severity: "notice", message: "base_model_relation is `adapter`, but 2 base models are listed. The Hub allows several base models for any relation; a model made by combining several is usually a merge.", hint: "If the weights combine several models, use `merge`; if it was made from one of them, keep only that one in `base_model`; otherwise this is fine." }],
    },
    {
      name: "a finetune of three",
      files: card("base_model_relation: finetune\nbase_model:\n- a/b\n- c/d\n- e/f"),
      findings: [{ line: 3, severity: "notice", message: "base_model_relation is `finetune`, but 3 base models are listed. The Hub allows several base models for any relation; a model made by combining several is usually a merge." }],
    },
  ],
});
