import { found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [{ name: "public, open", files: card("datasets: [a/b]"), hub: { "dataset:a/b": found("dataset", "a/b") } }],
  invalid: [
    {
      name: "a gated base model",
      files: card("base_model: meta-llama/Meta-Llama-3-8B"),
      hub: { "model:meta-llama/Meta-Llama-3-8B": found("model", "meta-llama/Meta-Llama-3-8B", { gated: "manual" }) },
      findings: [{ line: 3, message: "is gated (access approved by hand): users must accept its terms" }],
    },
    { name: "a disabled dataset", files: card("datasets: [a/gone]"), hub: { "dataset:a/gone": found("dataset", "a/gone", { disabled: true }) }, findings: [{ title: "Referenced repository is disabled", message: "nobody can download it" }] },
    { name: "a private dataset (seen with a token)", files: card("datasets: [acme/internal]"), hub: { "dataset:acme/internal": found("dataset", "acme/internal", { private: true }) }, findings: [{ message: "is private" }] },
  ],
});
