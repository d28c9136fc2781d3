import { describe, expect, it } from "vitest";
import { corpusCard, found, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus): its base model found under the same id", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") }, hub: { "model:meta-llama/Meta-Llama-3.1-70B-Instruct": found("model", "meta-llama/Meta-Llama-3.1-70B-Instruct", { gated: "manual", licenses: ["llama3.1"] }) } },
    { name: "exact id", files: card("base_model: google-bert/bert-base-uncased"), hub: { "model:google-bert/bert-base-uncased": found("model", "google-bert/bert-base-uncased") } },
    { name: "no Hub checks: nothing asked", files: card("base_model: Meta-Llama/meta-llama-3-8b") },
    { name: "a Hub that did not answer has no spelling to offer", files: card("base_model: Acme/X"), hub: { "model:Acme/X": { status: "unavailable", reason: "timeout" } } },
    { name: "an id the Hub does not show is hub/model-exists's", files: card("base_model: Acme/X"), hub: {} },
    {
      name: "a spelling from the Hub that is not a repo id is not offered",
      files: card("base_model: acme/model"),
      hub: { "model:acme/model": found("model", "acme/model\nlicense: mit") },
    },
  ],
  invalid: [
    {
      name: "wrong case",
      files: card("base_model: Meta-Llama/meta-llama-3-8b"),
      hub: { "model:Meta-Llama/meta-llama-3-8b": found("model", "meta-llama/Meta-Llama-3-8B") },
      output: "---\nlicense: mit\nbase_model: meta-llama/Meta-Llama-3-8B\n---\n# M\n",
      findings: [{ line: 3, column: 13, message: "`Meta-Llama/meta-llama-3-8b` in `base_model` is spelled `meta-llama/Meta-Llama-3-8B` on the Hub.", hint: "Write `meta-llama/Meta-Llama-3-8B`." }],
    },
    {
      name: "a legacy id that moved",
      files: card("datasets: [squad_v2]"),
      hub: { "dataset:squad_v2": found("dataset", "rajpurkar/squad_v2") },
      output: "---\nlicense: mit\ndatasets: [rajpurkar/squad_v2]\n---\n# M\n",
      findings: [{ line: 3, message: "`squad_v2` in `datasets` is now `rajpurkar/squad_v2` on the Hub.", hint: "Write `rajpurkar/squad_v2`." }],
    },
    {
      name: "new_version in another case",
      files: card("new_version: Acme/X"),
      hub: { "model:Acme/X": found("model", "acme/x") },
      output: "---\nlicense: mit\nnew_version: acme/x\n---\n# M\n",
      findings: [{ line: 3, column: 14, message: "`Acme/X` in `new_version` is spelled `acme/x` on the Hub.", hint: "Write `acme/x`." }],
    },
    {
      name: "a link in the text: said, but no fix (the line is prose, not the id alone)",
      files: { "README.md": "---\nlicense: mit\n---\n# M\n\nTrained on [SQuAD](https://huggingface.co/datasets/squad_v2).\n" },
      hub: { "dataset:squad_v2": found("dataset", "rajpurkar/squad_v2") },
      output: null,
      findings: [{ line: 6, column: 20, message: "`squad_v2` in a link in the card is now `rajpurkar/squad_v2` on the Hub.", hint: "Write `rajpurkar/squad_v2`." }],
    },
  ],
});

describe("hub/canonical-id fix", () => {
  it("replaces the id", async () => {
    const [f] = await runRule(rule, { name: "fix", files: card("base_model: bert-base-uncased"), hub: { "model:bert-base-uncased": found("model", "google-bert/bert-base-uncased") } });
    expect(f?.fix).toEqual({ line: 3, endLine: 3, replacement: "base_model: google-bert/bert-base-uncased" });
  });
});
