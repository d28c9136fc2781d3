import { corpusCard, found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (base: string) => `---\nlicense: mit\nbase_model: ${base}\n---\n# A fine-tune\n`;
const BASE = "acme-ai/base-7b";
const base = { [`model:${BASE}`]: found("model", BASE) };
const scan = (...files: [string, string][]) => ({ status: "found" as const, scansDone: true, filesWithIssues: files.map(([path, level]) => ({ path, level })) });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus): a base model whose files the Hub flags none of", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") }, hub: { "model:meta-llama/Meta-Llama-3.1-70B-Instruct": found("model", "meta-llama/Meta-Llama-3.1-70B-Instruct", { gated: "manual", licenses: ["llama3.1"] }) }, hubSecurity: { "meta-llama/Meta-Llama-3.1-70B-Instruct": { status: "found", scansDone: true, filesWithIssues: [] } } },
    { name: "the Hub flags nothing", files: { "README.md": card(BASE) }, hub: base, hubSecurity: { [BASE]: scan() } },
    { name: "levels that say nothing about a file (queued, unscanned, error, safe)", files: { "README.md": card(BASE) }, hub: base, hubSecurity: { [BASE]: scan(["a.bin", "queued"], ["b.bin", "unscanned"], ["c.bin", "error"], ["d.bin", "safe"]) } },
    { name: "the Hub did not answer: nothing here (hub/unreachable says so)", files: { "README.md": card(BASE) }, hub: base, hubSecurity: { [BASE]: { status: "unavailable", reason: "the Hub did not answer in 5 s" } } },
    { name: "a base model the Hub does not show is hub/model-exists's", files: { "README.md": card("acme-ai/gone") }, hub: {}, hubSecurity: { "acme-ai/gone": scan(["x.bin", "unsafe"]) } },
    { name: "no Hub checks: silent", files: { "README.md": card(BASE) } },
    { name: "a dataset is not a base model", files: { "README.md": "---\ndatasets:\n- acme-ai/data\n---\n# x\n" }, hub: { "dataset:acme-ai/data": found("dataset", "acme-ai/data") }, hubSecurity: { "acme-ai/data": scan(["x.pkl", "unsafe"]) } },
  ],
  invalid: [
    {
      name: "a file the Hub marks unsafe: an error at the base_model line, in the Hub's word",
      files: { "README.md": card(BASE) },
      hub: base,
      hubSecurity: { [BASE]: scan(["pytorch_model.bin", "unsafe"]) },
      findings: [{ line: 3, severity: "error", title: "The Hub marks files of the base model unsafe", message: "The Hub's security scan marks 1 file of the base model `acme-ai/base-7b` unsafe: `pytorch_model.bin`." }],
    },
    {
      name: "suspicious is a warning, caution a notice, each listed apart",
      files: { "README.md": card(BASE) },
      hub: base,
      hubSecurity: { [BASE]: scan(["a.pkl", "suspicious"], ["b.pkl", "suspicious"], ["c.pt", "caution"]) },
      findings: [
        { line: 3, severity: "warning", message: "The Hub's security scan marks 2 files of the base model `acme-ai/base-7b` suspicious: `a.pkl`, `b.pkl`." },
        { line: 3, severity: "notice", message: "The Hub's security scan marks 1 file of the base model `acme-ai/base-7b` caution: `c.pt`." },
      ],
    },
    {
      name: "a long list is capped",
      files: { "README.md": card(BASE) },
      hub: base,
      hubSecurity: { [BASE]: scan(...Array.from({ length: 7 }, (_, i): [string, string] => [`shard-${i}.bin`, "unsafe"])) },
      findings: [{ line: 3, message: "The Hub's security scan marks 7 files of the base model `acme-ai/base-7b` unsafe: `shard-0.bin`, `shard-1.bin`, `shard-2.bin`, `shard-3.bin`, `shard-4.bin`, and 2 more." }],
    },
  ],
});
