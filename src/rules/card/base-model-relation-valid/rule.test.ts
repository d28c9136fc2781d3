import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "quantized with one base", files: card("base_model: a/b\nbase_model_relation: quantized") },
    { name: "merge with two bases", files: card("base_model: [a/b, c/d]\nbase_model_relation: merge") },
    { name: "no relation (the Hub infers it)", files: card("base_model: a/b") },
  ],
  invalid: [
    { name: "unknown value", files: card("base_model: a/b\nbase_model_relation: fine-tune"), output: "---\nlicense: mit\nbase_model: a/b\nbase_model_relation: finetune\n---\n# Model\n",
      findings: [{ line: 4, message: "`fine-tune` is not a base model relation the Hub knows; did you mean `finetune`?" }] },
    { name: "relation without base model", files: card("base_model_relation: adapter"), findings: [{ line: 3, message: "base_model_relation is `adapter`, but the card names no `base_model`." }] },
    { name: "a merge of one", files: card("base_model: a/b\nbase_model_relation: merge"), findings: [{ line: 4, message: "base_model_relation is `merge`, but only one base model is listed." }] },
    { name: "an adapter of two", files: card("base_model: [a/b, c/d]\nbase_model_relation: adapter"), findings: [{ line: 4, severity: "notice", message: "base_model_relation is `adapter`, but 2 base models are listed. The Hub allows several base models for any relation; a model made by combining several is usually a merge." }] },
  ],
});
