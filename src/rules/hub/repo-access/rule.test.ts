import { corpusCard, found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus): its public dataset found on the Hub", files: { "README.md": corpusCard("facebook-bart-large-mnli") }, hub: { "dataset:multi_nli": found("dataset", "nyu-mll/multi_nli") } },
    { name: "public, open", files: card("datasets: [a/b]"), hub: { "dataset:a/b": found("dataset", "a/b") } },
    { name: "no Hub checks: a gated id is not looked up", files: card("base_model: meta-llama/Meta-Llama-3-8B") },
    { name: "a repository the Hub does not show is hub/model-exists's", files: card("base_model: acme/gone"), hub: {} },
  ],
  invalid: [
    {
      name: "a gated base model",
      files: card("base_model: meta-llama/Meta-Llama-3-8B"),
      hub: { "model:meta-llama/Meta-Llama-3-8B": found("model", "meta-llama/Meta-Llama-3-8B", { gated: "manual" }) },
      findings: [{ line: 3, message: "The model `meta-llama/Meta-Llama-3-8B` in `base_model` is gated (access approved by hand): users must accept its terms to download it.", hint: "Say so in the card, and check that the license of this release respects the gated repository's terms." }],
    },
    {
      name: "a dataset gated automatically: access granted on request",
      files: card("datasets: [acme/form]"),
      hub: { "dataset:acme/form": found("dataset", "acme/form", { gated: "auto" }) },
      findings: [{ line: 3, column: 12, title: "Referenced repository is gated, private or disabled", message: "The dataset `acme/form` in `datasets` is gated (access granted on request): users must accept its terms to download it." }],
    },
    {
      name: "disabled wins over gated and private, and a model is called a model",
      files: card("base_model: acme/pulled"),
      hub: { "model:acme/pulled": found("model", "acme/pulled", { disabled: true, gated: "manual", private: true }) },
      findings: [{ line: 3, column: 13, message: "The model `acme/pulled` in `base_model` is disabled on the Hub: nobody can download it.", hint: "Point to a repository that is available, or explain in the card where the data or weights can be found." }],
    },
    {
      name: "gated wins over private",
      files: card("base_model: acme/team"),
      hub: { "model:acme/team": found("model", "acme/team", { gated: "manual", private: true }) },
      findings: [{ line: 3, message: "The model `acme/team` in `base_model` is gated (access approved by hand): users must accept its terms to download it." }],
    },
    { name: "a disabled dataset", files: card("datasets: [a/gone]"), hub: { "dataset:a/gone": found("dataset", "a/gone", { disabled: true }) }, findings: [{ line: 3, title: "Referenced repository is disabled", message: "The dataset `a/gone` in `datasets` is disabled on the Hub: nobody can download it." }] },
    { name: "a private dataset (seen with a token)", files: card("datasets: [acme/internal]"), hub: { "dataset:acme/internal": found("dataset", "acme/internal", { private: true }) }, findings: [{ line: 3, message: "The dataset `acme/internal` in `datasets` is private: readers of the card cannot open it.", hint: "Make it public, or describe the data in the card instead of linking to it." }] },
  ],
});
