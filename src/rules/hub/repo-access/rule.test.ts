import { corpusCard, found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus): its public dataset found on the Hub", files: { "README.md": corpusCard("facebook-bart-large-mnli") }, hub: { "dataset:multi_nli": found("dataset", "nyu-mll/multi_nli") } },
    { name: "public, open", files: card("datasets: [a/b]"), hub: { "dataset:a/b": found("dataset", "a/b") } }],
  invalid: [
    {
      name: "a gated base model",
      files: card("base_model: meta-llama/Meta-Llama-3-8B"),
      hub: { "model:meta-llama/Meta-Llama-3-8B": found("model", "meta-llama/Meta-Llama-3-8B", { gated: "manual" }) },
      findings: [{ line: 3, message: "The model `meta-llama/Meta-Llama-3-8B` in `base_model` is gated (access approved by hand): users must accept its terms to download it." }],
    },
    { name: "a disabled dataset", files: card("datasets: [a/gone]"), hub: { "dataset:a/gone": found("dataset", "a/gone", { disabled: true }) }, findings: [{ line: 3, title: "Referenced repository is disabled", message: "The dataset `a/gone` in `datasets` is disabled on the Hub: nobody can download it." }] },
    { name: "a private dataset (seen with a token)", files: card("datasets: [acme/internal]"), hub: { "dataset:acme/internal": found("dataset", "acme/internal", { private: true }) }, findings: [{ line: 3, message: "The dataset `acme/internal` in `datasets` is private: readers of the card cannot open it." }] },
  ],
});
