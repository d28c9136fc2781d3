import type { HubSecurityLookup } from "../../../core/hub.js";
import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const ID = "acme-ai/tiny-llm";
const SHA = "a".repeat(64);
const OTHER = "b".repeat(64);
const pointer = (oid: string) => ({ content: { type: "lfs-pointer" as const, oid, size: 1_000_000 } });
const scan = (files: { path: string; sha256?: string }[], flagged: [string, string][], extra: Partial<HubSecurityLookup & { status: "found" }> = {}): HubSecurityLookup => ({
  status: "found",
  scansDone: true,
  files,
  filesWithIssues: flagged.map(([path, level]) => ({ path, level })),
  ...extra,
});
const github = { repository: { host: "github.com" as const, id: ID } };
const clone = { repository: { host: "huggingface.co" as const, id: ID } };
const unsafeBin = scan([{ path: "pytorch_model.bin", sha256: SHA }, { path: "README.md" }], [["pytorch_model.bin", "unsafe"]]);
const HINT =
  "Open the file on the Hub repository's page (the scan's details are beside it) before anyone loads it. Replace a flagged pickle with safetensors weights, or remove the file from both repositories.";

ruleTester(rule, {
  valid: [
    {
      name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus) in a clone whose weights the Hub flags none of",
      files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit"), "model.safetensors": pointer(SHA) },
      workspace: { repository: { host: "huggingface.co" as const, id: "unsloth/Meta-Llama-3.1-70B-Instruct-bnb-4bit" } },
      hub: {},
      hubSecurity: { "unsloth/Meta-Llama-3.1-70B-Instruct-bnb-4bit": scan([{ path: "model.safetensors", sha256: SHA }, { path: "README.md" }], [["model.safetensors", "safe"]]) },
    },
    { name: "no Hub checks: silent", files: { "pytorch_model.bin": pointer(SHA) }, workspace: github },
    { name: "no origin known (a folder that is no checkout): silent", files: { "pytorch_model.bin": pointer(SHA) }, hub: {}, hubSecurity: { [ID]: unsafeBin } },
    { name: "no weight file in the review: nothing asked", files: { "README.md": "---\nlicense: mit\n---\n# x\n" }, workspace: github, hub: {}, hubSecurity: { [ID]: unsafeBin } },
    {
      name: "a GitHub repository of the same name whose files have other bytes is no mirror",
      files: { "pytorch_model.bin": pointer(OTHER) },
      workspace: github,
      hub: {},
      hubSecurity: { [ID]: unsafeBin },
    },
    {
      name: "a GitHub repository of the same name, bytes not comparable (no LFS pointer): no mirror is shown",
      files: { "pytorch_model.bin": { content: { type: "binary" } } },
      workspace: github,
      hub: {},
      hubSecurity: { [ID]: unsafeBin },
    },
    { name: "no such Hub repository", files: { "pytorch_model.bin": pointer(SHA) }, workspace: github, hub: {}, hubSecurity: {} },
    { name: "a private Hub repository is left alone", files: { "pytorch_model.bin": pointer(SHA) }, workspace: clone, hub: {}, hubSecurity: { [ID]: { ...unsafeBin, private: true } as HubSecurityLookup } },
    { name: "the Hub did not answer: no verdict", files: { "pytorch_model.bin": pointer(SHA) }, workspace: clone, hub: {}, hubSecurity: { [ID]: { status: "unavailable", reason: "the Hub did not answer in 5 s" } } },
    {
      name: "a clone whose file was changed since (other bytes): the Hub's verdict is about the old ones",
      files: { "pytorch_model.bin": pointer(OTHER) },
      workspace: clone,
      hub: {},
      hubSecurity: { [ID]: unsafeBin },
    },
    {
      name: "levels that say nothing about a file (safe, queued)",
      files: { "pytorch_model.bin": pointer(SHA) },
      workspace: clone,
      hub: {},
      hubSecurity: { [ID]: scan([{ path: "pytorch_model.bin", sha256: SHA }], [["pytorch_model.bin", "safe"], ["pytorch_model.bin", "queued"]]) },
    },
    { name: "a scan that lists no files cannot show a mirror", files: { "pytorch_model.bin": pointer(SHA) }, workspace: clone, hub: {}, hubSecurity: { [ID]: { status: "found", scansDone: true, filesWithIssues: [{ path: "pytorch_model.bin", level: "unsafe" }] } } },
    { name: "a file the Hub flags that this repository does not hold", files: { "model.safetensors": pointer(SHA) }, workspace: clone, hub: {}, hubSecurity: { [ID]: scan([{ path: "model.safetensors", sha256: SHA }, { path: "pytorch_model.bin", sha256: OTHER }], [["pytorch_model.bin", "unsafe"]]) } },
    { name: "a removed file is not reviewed", files: { "pytorch_model.bin": { content: { type: "removed" }, status: "removed" } }, pullRequest: true, workspace: github, hub: {}, hubSecurity: { [ID]: unsafeBin } },
  ],
  invalid: [
    {
      name: "a GitHub mirror holding the Hub's very bytes of a file marked unsafe: an error",
      files: { "pytorch_model.bin": pointer(SHA), "model.safetensors": pointer(OTHER) },
      workspace: github,
      hub: {},
      hubSecurity: { [ID]: unsafeBin },
      findings: [
        {
          path: "pytorch_model.bin",
          line: null,
          severity: "error",
          title: "The Hub marks this file unsafe",
          message:
            "The Hub's security scan marks `pytorch_model.bin` unsafe in `acme-ai/tiny-llm`, and this repository mirrors it: its name is the same, and files here have the Hub's very bytes. This file has the same SHA-256 as the one the Hub scanned.",
          hint: HINT,
        },
      ],
    },
    {
      name: "in a pull request too (the base repository's name)",
      files: { "pytorch_model.bin": pointer(SHA) },
      pullRequest: true,
      workspace: github,
      hub: {},
      hubSecurity: { [ID]: unsafeBin },
      findings: [
        {
          path: "pytorch_model.bin",
          line: null,
          severity: "error",
          message:
            "The Hub's security scan marks `pytorch_model.bin` unsafe in `acme-ai/tiny-llm`, and this repository mirrors it: its name is the same, and files here have the Hub's very bytes. This file has the same SHA-256 as the one the Hub scanned.",
        },
      ],
    },
    {
      name: "a clone of the Hub repository, bytes not comparable: at most a warning, and it says why",
      files: { "pytorch_model.bin": { content: { type: "binary" } } },
      workspace: clone,
      hub: {},
      hubSecurity: { [ID]: unsafeBin },
      findings: [
        {
          path: "pytorch_model.bin",
          line: null,
          severity: "warning",
          message:
            "The Hub's security scan marks `pytorch_model.bin` unsafe in `acme-ai/tiny-llm`, and this folder is a clone of it. Cardinal could not compare this file's bytes with the ones the Hub scanned (it has no LFS pointer here to name them).",
        },
      ],
    },
    {
      name: "in a clone, a suspicious file whose bytes cannot be compared is a notice",
      files: { "a.pkl": { content: { type: "binary" } } },
      workspace: clone,
      hub: {},
      hubSecurity: { [ID]: scan([{ path: "a.pkl", sha256: SHA }], [["a.pkl", "suspicious"]]) },
      findings: [
        {
          path: "a.pkl",
          line: null,
          severity: "notice",
          message: "The Hub's security scan marks `a.pkl` suspicious in `acme-ai/tiny-llm`, and this folder is a clone of it. Cardinal could not compare this file's bytes with the ones the Hub scanned (it has no LFS pointer here to name them).",
        },
      ],
    },
    {
      name: "any file the review holds in LFS is judged, not only weights; the pointer's OID is compared in lower case",
      files: { "config.json": pointer(SHA.toUpperCase()) },
      workspace: clone,
      hub: {},
      hubSecurity: { [ID]: scan([{ path: "config.json", sha256: SHA }], [["config.json", "unsafe"]]) },
      findings: [
        {
          path: "config.json",
          line: null,
          severity: "error",
          message: "The Hub's security scan marks `config.json` unsafe in `acme-ai/tiny-llm`, and this folder is a clone of it. This file has the same SHA-256 as the one the Hub scanned.",
        },
      ],
    },
    {
      name: "a GitHub mirror shown by one file's bytes: another flagged file, not comparable, is a warning",
      files: { "model.safetensors": pointer(SHA), "pytorch_model.bin": { content: { type: "binary" } } },
      workspace: github,
      hub: {},
      hubSecurity: { [ID]: scan([{ path: "model.safetensors", sha256: SHA }, { path: "pytorch_model.bin", sha256: OTHER }], [["pytorch_model.bin", "unsafe"]]) },
      findings: [
        {
          path: "pytorch_model.bin",
          line: null,
          severity: "warning",
          message:
            "The Hub's security scan marks `pytorch_model.bin` unsafe in `acme-ai/tiny-llm`, and this repository mirrors it: its name is the same, and files here have the Hub's very bytes. Cardinal could not compare this file's bytes with the ones the Hub scanned (it has no LFS pointer here to name them).",
        },
      ],
    },
    {
      name: "suspicious is a warning and caution a notice, each at its file",
      files: { "a.pkl": pointer(SHA), "b.pt": pointer(OTHER) },
      workspace: clone,
      hub: {},
      hubSecurity: { [ID]: scan([{ path: "a.pkl", sha256: SHA }, { path: "b.pt", sha256: OTHER }], [["a.pkl", "suspicious"], ["b.pt", "caution"]]) },
      findings: [
        {
          path: "a.pkl",
          line: null,
          severity: "warning",
          title: "The Hub marks this file suspicious",
          message: "The Hub's security scan marks `a.pkl` suspicious in `acme-ai/tiny-llm`, and this folder is a clone of it. This file has the same SHA-256 as the one the Hub scanned.",
        },
        {
          path: "b.pt",
          line: null,
          severity: "notice",
          title: "The Hub marks this file caution",
          message: "The Hub's security scan marks `b.pt` caution in `acme-ai/tiny-llm`, and this folder is a clone of it. This file has the same SHA-256 as the one the Hub scanned.",
        },
      ],
    },
  ],
});
