import { corpusCard, found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: llama3\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus): its base model found on the Hub", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") }, hub: { "model:meta-llama/Meta-Llama-3.1-70B-Instruct": found("model", "meta-llama/Meta-Llama-3.1-70B-Instruct", { gated: "manual", licenses: ["llama3.1"] }) } },
    { name: "base model exists", files: card("base_model: meta-llama/Meta-Llama-3-8B"), hub: { "model:meta-llama/Meta-Llama-3-8B": found("model", "meta-llama/Meta-Llama-3-8B") } },
    { name: "no Hub checks: nothing looked up", files: card("base_model: acme/nowhere") },
    { name: "the Hub did not answer: hub/unreachable speaks", files: card("base_model: acme/slow"), hub: { "model:acme/slow": { status: "unavailable", reason: "timeout" } } },
    { name: "a dataset that is not found is hub/dataset-exists's", files: card("datasets: [acme/nowhere]"), hub: {} },
    { name: "dataset cards have no base model", files: { "DATASET_CARD.md": "---\nlicense: mit\nbase_model: x/y\n---\n" }, hub: {} },
  ],
  invalid: [
    {
      name: "base model missing its prefix",
      files: card("base_model: meta-llama/Llama-3-8b"),
      hub: {},
      findings: [{ line: 3, column: 13, message: "The model `meta-llama/Llama-3-8b` in `base_model` was not found on the Hub: it does not exist, or it is private.", hint: "Copy the id from the model's page on the Hub (`huggingface.co/<namespace>/<name>`); ids are `namespace/name`, with the exact case." }],
    },
    {
      name: "new_version that does not exist",
      files: card("new_version: acme/tiny-v3"),
      hub: {},
      findings: [{ line: 3, message: "The model `acme/tiny-v3` in `new_version` was not found on the Hub: it does not exist, or it is private." }],
    },
  ],
});
