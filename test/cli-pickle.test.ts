/**
 * The CLI reads local weight files through its folder ByteSource: a
 * malicious pytorch_model.bin fails the run (exit 1) with the dangerous call
 * named; a real benign checkpoint in its place gets no pickle finding.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { PICKLES } from "./pickle-fixtures.js";

const scratch = mkdtempSync(path.join(tmpdir(), "cardinal-pickle-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const BIN = path.resolve(import.meta.dirname, "../lib/cli/bin.js");
const CARD = "---\nlicense: mit\n---\n# Tiny classifier\n\nA small model that classifies reviews, trained on public reviews.\n";

function release(weights: string): string {
  const dir = mkdtempSync(path.join(scratch, "release-"));
  writeFileSync(path.join(dir, "README.md"), CARD);
  writeFileSync(path.join(dir, "config.json"), JSON.stringify({ model_type: "distilbert", architectures: ["DistilBertForSequenceClassification"] }));
  copyFileSync(path.join(PICKLES, weights), path.join(dir, "pytorch_model.bin"));
  return dir;
}

async function run(dir: string, args: string[] = []) {
  let stdout = "";
  let stderr = "";
  const code = await main(["check", ".", "--offline", ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, env: {}, cwd: dir });
  return { code, stdout, stderr };
}

describe("cardinal check on pickle weights", () => {
  it("a malicious pytorch_model.bin: exit 1, the call, its offset and its member named", async () => {
    const { code, stdout } = await run(release("generated/malicious-pytorch-zip.bin"));
    expect(code).toBe(1);
    expect(stdout).toContain("weights/pickle-calls-code");
    expect(stdout).toContain("posix.system");
    expect(stdout).toContain("GLOBAL at offset 180 in");
    expect(stdout).toContain("archive/data.pkl");
  });

  it("the JSON output carries the finding as an error", async () => {
    const { code, stdout } = await run(release("generated/bypass-plain-pickle-named.ckpt"), ["--format", "json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: { ruleId: string; severity: string; message: string; path: string }[] };
    const finding = report.findings.find((f) => f.ruleId === "weights/pickle-calls-code");
    expect(finding).toMatchObject({ severity: "error", path: "pytorch_model.bin" });
    expect(finding?.message).toContain("`posix.system` (GLOBAL at offset 2)");
  });

  it("a real benign checkpoint: no pickle finding, exit 0", async () => {
    const { code, stdout } = await run(release("picklescan/pytorch_model.bin"), ["--format", "json"]);
    const report = JSON.parse(stdout) as { findings: { ruleId: string }[] };
    expect(report.findings.map((f) => f.ruleId).filter((id) => id.startsWith("weights/pickle-"))).toEqual([]);
    expect(code).toBe(0);
  });

  it("the built binary (node lib/cli/bin.js) says the same", () => {
    const dir = release("generated/malicious-pytorch-zip.bin");
    const result = spawnSync(process.execPath, [BIN, "check", dir, "--offline"], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain("posix.system");
  });
});
