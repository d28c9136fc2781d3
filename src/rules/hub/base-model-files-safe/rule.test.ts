import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../core/config.js";
import { review } from "../../../core/engine.js";
import type { HubClient } from "../../../core/hub.js";
import { corpusCard, found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (base: string) => `---\nlicense: mit\nbase_model: ${base}\n---\n# A fine-tune\n`;
const BASE = "acme-ai/base-7b";
const base = { [`model:${BASE}`]: found("model", BASE) };
const HINT =
  "Check the files on the base model's page on the Hub (the scan's details are beside each file) before loading them; prefer its safetensors weights, or name a base model whose files the Hub does not flag.";
const scan = (...files: [string, string][]) => ({ status: "found" as const, scansDone: true, filesWithIssues: files.map(([path, level]) => ({ path, level })) });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus): a base model whose files the Hub flags none of", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") }, hub: { "model:meta-llama/Meta-Llama-3.1-70B-Instruct": found("model", "meta-llama/Meta-Llama-3.1-70B-Instruct", { gated: "manual", licenses: ["llama3.1"] }) }, hubSecurity: { "meta-llama/Meta-Llama-3.1-70B-Instruct": { status: "found", scansDone: true, filesWithIssues: [] } } },
    { name: "the Hub flags nothing", files: { "README.md": card(BASE) }, hub: base, hubSecurity: { [BASE]: scan() } },
    { name: "levels that say nothing about a file (queued, unscanned, error, safe)", files: { "README.md": card(BASE) }, hub: base, hubSecurity: { [BASE]: scan(["a.bin", "queued"], ["b.bin", "unscanned"], ["c.bin", "error"], ["d.bin", "safe"]) } },
    { name: "the Hub did not answer: nothing here (hub/unreachable says so)", files: { "README.md": card(BASE) }, hub: base, hubSecurity: { [BASE]: { status: "unavailable", reason: "the Hub did not answer in 5 s" } } },
    { name: "a base model the Hub does not show is hub/model-exists's", files: { "README.md": card("acme-ai/gone") }, hub: {}, hubSecurity: { "acme-ai/gone": scan(["x.bin", "unsafe"]) } },
    { name: "no Hub checks: silent", files: { "README.md": card(BASE) } },
    { name: "a Hub client without the security scan: silent", files: { "README.md": card(BASE) }, hub: base },
    { name: "a private base model is left alone (its files are not the readers' to see)", files: { "README.md": card(BASE) }, hub: { [`model:${BASE}`]: found("model", BASE, { private: true }) }, hubSecurity: { [BASE]: scan(["a.bin", "unsafe"]) } },
    { name: "new_version is not a base model", files: { "README.md": `---\nlicense: mit\nnew_version: ${BASE}\n---\n# x\n` }, hub: base, hubSecurity: { [BASE]: scan(["a.bin", "unsafe"]) } },
    { name: "a dataset is not a base model", files: { "README.md": "---\ndatasets:\n- acme-ai/data\n---\n# x\n" }, hub: { "dataset:acme-ai/data": found("dataset", "acme-ai/data") }, hubSecurity: { "acme-ai/data": scan(["x.pkl", "unsafe"]) } },
  ],
  invalid: [
    {
      name: "a file the Hub marks unsafe: an error at the base_model line, in the Hub's word",
      files: { "README.md": card(BASE) },
      hub: base,
      hubSecurity: { [BASE]: scan(["pytorch_model.bin", "unsafe"]) },
      findings: [{ line: 3, column: 13, severity: "error", title: "The Hub marks files of the base model unsafe", message: "The Hub's security scan marks 1 file of the base model `acme-ai/base-7b` unsafe: `pytorch_model.bin`.", hint: HINT }],
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
    {
      name: "each card that names the base hears of it, at its own line",
      files: { "a/README.md": card(BASE), "b/README.md": `---\nlicense: mit\nbase_model:\n- x/y\n- ${BASE}\n---\n# B\n` },
      hub: base,
      hubSecurity: { [BASE]: scan(["a.bin", "unsafe"], ["b.pkl", "caution"]) },
      findings: [
        { path: "a/README.md", line: 3, column: 13, severity: "error", message: "The Hub's security scan marks 1 file of the base model `acme-ai/base-7b` unsafe: `a.bin`." },
        { path: "a/README.md", line: 3, severity: "notice", title: "The Hub marks files of the base model caution", message: "The Hub's security scan marks 1 file of the base model `acme-ai/base-7b` caution: `b.pkl`." },
        { path: "b/README.md", line: 5, column: 3, severity: "error", message: "The Hub's security scan marks 1 file of the base model `acme-ai/base-7b` unsafe: `a.bin`." },
        { path: "b/README.md", line: 5, severity: "notice", message: "The Hub's security scan marks 1 file of the base model `acme-ai/base-7b` caution: `b.pkl`." },
      ],
    },
    {
      name: "exactly five files: all named, nothing counted",
      files: { "README.md": card(BASE) },
      hub: base,
      hubSecurity: { [BASE]: scan(...Array.from({ length: 5 }, (_, i): [string, string] => [`s${i}.bin`, "suspicious"])) },
      findings: [{ line: 3, severity: "warning", message: "The Hub's security scan marks 5 files of the base model `acme-ai/base-7b` suspicious: `s0.bin`, `s1.bin`, `s2.bin`, `s3.bin`, `s4.bin`." }],
    },
  ],
});

describe("hub/base-model-files-safe asks the Hub once per base model", () => {
  it("two cards on the same base: one lookup and one scan", async () => {
    const asked: string[] = [];
    const hub: HubClient = {
      lookup: async (type, id) => (asked.push(`lookup ${type}:${id}`), found("model", id)),
      securityStatus: async (id) => (asked.push(`scan ${id}`), scan(["a.bin", "unsafe"])),
    };
    const text = card(BASE);
    const result = await review({
      workspace: { source: "folder", files: ["a/README.md", "b/README.md"].map((path) => ({ path, status: "unchanged" as const, content: { type: "text" as const, text } })) },
      config: defaultConfig(),
      rules: [rule],
      hub,
    });
    expect(result.findings.map((f) => [f.path, f.line])).toEqual([["a/README.md", 3], ["b/README.md", 3]]);
    expect(asked).toEqual([`lookup model:${BASE}`, `scan ${BASE}`]);
  });
});
