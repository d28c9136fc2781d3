/**
 * Issue 15, part 4: a repository that mirrors a Hub repository gets the
 * Hub's own verdict on its files. The CLI in a clone of a Hub model
 * repository (its `.git/config` says so) asks the fake Hub on 127.0.0.1 for
 * the repository's security scan with its files' hashes, and reports a file
 * the Hub marks unsafe when its LFS pointer names the bytes the Hub scanned.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import nock from "nock";
import { main } from "../src/cli/main.js";
import { createHubClient } from "../src/io/hub/client.js";
import { originOfGitConfig } from "../src/parse/git-remote.js";
import { useFakeHub } from "./helpers/fake-hub.js";

const ID = "acme-ai/mirrored-llm";
const SHA = "3f".repeat(32);
const fakeHub = useFakeHub({
  models: {
    [ID]: {
      _id: "64c0",
      id: ID,
      private: false,
      tags: [],
      siblings: [
        { rfilename: ".gitattributes" },
        { rfilename: "README.md" },
        { rfilename: "pytorch_model.bin", size: 2_000_000, lfs: { sha256: SHA.toUpperCase(), size: 2_000_000, pointerSize: 134 } },
      ],
      securityRepoStatus: { scansDone: true, filesWithIssues: [{ path: "pytorch_model.bin", level: "unsafe" }] },
    },
  },
});

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});

const scratch = mkdtempSync(path.join(tmpdir(), "cardinal-mirror-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const CARD = "---\nlicense: mit\n---\n# Mirrored LLM\n\nA small language model, mirrored from the Hub.\n";

function checkout(origin: string, oid: string): string {
  const dir = mkdtempSync(path.join(scratch, "clone-"));
  mkdirSync(path.join(dir, ".git"));
  writeFileSync(path.join(dir, ".git", "config"), `[core]\n\trepositoryformatversion = 0\n[remote "origin"]\n\turl = ${origin}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`);
  writeFileSync(path.join(dir, "README.md"), CARD);
  writeFileSync(path.join(dir, ".gitattributes"), "*.bin filter=lfs diff=lfs merge=lfs -text\n");
  writeFileSync(path.join(dir, "pytorch_model.bin"), `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 2000000\n`);
  return dir;
}

async function run(dir: string) {
  let stdout = "";
  const code = await main(["check", ".", "--format", "json"], { stdout: (s) => (stdout += s), stderr: () => undefined, isTTY: false, env: { HF_ENDPOINT: fakeHub.hub?.url }, cwd: dir });
  const report = JSON.parse(stdout) as { findings: { ruleId: string; severity: string; path: string; message: string }[] };
  return { code, mirror: report.findings.filter((f) => f.ruleId === "hub/mirror-files-safe"), report };
}

describe("a clone of a Hub repository whose file the Hub marks unsafe", () => {
  it("the CLI fails the check at that file, saying why it trusts the verdict", async () => {
    const { code, mirror } = await run(checkout(`https://huggingface.co/${ID}`, SHA));
    expect(code).toBe(1);
    expect(mirror).toEqual([
      expect.objectContaining({
        severity: "error",
        path: "pytorch_model.bin",
        message: expect.stringContaining("this folder is a clone of it. This file has the same SHA-256 as the one the Hub scanned."),
      }),
    ]);
    expect(fakeHub.hub?.requests).toContain(`GET /api/models/${ID}?securityStatus=true&blobs=true`);
  });

  it("the file changed since (another oid): the Hub's verdict is not repeated", async () => {
    const { mirror, report } = await run(checkout(`git@hf.co:${ID}`, "0".repeat(64)));
    expect(mirror).toEqual([]);
    // Nothing was left unverified on the user's account either.
    expect(report.findings.filter((f) => f.ruleId === "hub/unreachable")).toEqual([]);
  });

  it("another remote (a GitLab checkout): nothing asked", async () => {
    const before = fakeHub.hub?.requests.length ?? 0;
    const { mirror } = await run(checkout(`https://gitlab.com/${ID}.git`, SHA));
    expect(mirror).toEqual([]);
    expect(fakeHub.hub?.requests.slice(before).filter((r) => r.includes("securityStatus"))).toEqual([]);
  });
});

describe("the CLI passes the Hub's scan to every rule that asks it", () => {
  it("a base model the Hub flags is named in a folder review (the CLI's Hub wrapper once dropped the scan)", async () => {
    const dir = mkdtempSync(path.join(scratch, "finetune-"));
    writeFileSync(path.join(dir, "README.md"), `---\nlicense: mit\nbase_model: ${ID}\n---\n# A fine-tune\n\nA fine-tune of the mirrored model.\n`);
    const { code, report } = await run(dir);
    expect(code).toBe(1);
    expect(report.findings.filter((f) => f.ruleId === "hub/base-model-files-safe")).toEqual([
      expect.objectContaining({ severity: "error", message: "The Hub's security scan marks 1 file of the base model `acme-ai/mirrored-llm` unsafe: `pytorch_model.bin`." }),
    ]);
  });
});

describe("the Hub client reads a repository's files with the scan", () => {
  it("paths and LFS hashes, lowercased; a file without LFS has no hash", async () => {
    const client = createHubClient({ endpoint: fakeHub.hub?.url ?? "", failuresBeforeStop: 0 });
    const scan = await client.securityStatus(ID);
    expect(scan).toEqual({
      status: "found",
      private: false,
      scansDone: true,
      filesWithIssues: [{ path: "pytorch_model.bin", level: "unsafe" }],
      files: [{ path: ".gitattributes" }, { path: "README.md" }, { path: "pytorch_model.bin", sha256: SHA }],
    });
  });
});

describe("originOfGitConfig", () => {
  const config = (url: string) => `[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/other/repo\n[remote "origin"]\n\turl = ${url}\n[branch "main"]\n\tremote = origin\n`;
  it.each([
    ["https://huggingface.co/acme-ai/tiny-llm", { host: "huggingface.co", id: "acme-ai/tiny-llm" }],
    ["https://user:hf_secret@huggingface.co/acme-ai/tiny-llm.git", { host: "huggingface.co", id: "acme-ai/tiny-llm" }],
    ["git@hf.co:acme-ai/tiny-llm", { host: "huggingface.co", id: "acme-ai/tiny-llm" }],
    ["ssh://git@hf.co/acme-ai/tiny-llm", { host: "huggingface.co", id: "acme-ai/tiny-llm" }],
    ["https://huggingface.co/gpt2", { host: "huggingface.co", id: "gpt2" }],
    ["https://github.com/acme-ai/tiny-llm.git", { host: "github.com", id: "acme-ai/tiny-llm" }],
    ["git@github.com:acme-ai/tiny-llm.git", { host: "github.com", id: "acme-ai/tiny-llm" }],
  ])("%s", (url, origin) => {
    expect(originOfGitConfig(config(url))).toEqual(origin);
  });
  it.each([
    "https://huggingface.co/datasets/acme-ai/data",
    "https://huggingface.co/spaces/acme-ai/demo",
    "https://gitlab.com/acme-ai/tiny-llm.git",
    "/home/me/src/tiny-llm",
    "https://github.com/acme-ai",
    "https://huggingface.co/a/b/c",
    "file:///srv/git/tiny-llm",
  ])("%s is no origin Cardinal knows", (url) => {
    expect(originOfGitConfig(config(url))).toBeUndefined();
  });
  it("no origin remote", () => {
    expect(originOfGitConfig('[remote "upstream"]\n\turl = https://huggingface.co/acme-ai/tiny-llm\n')).toBeUndefined();
    expect(originOfGitConfig("")).toBeUndefined();
  });
});
