import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFixedFiles } from "../src/cli/fix.js";
import { main } from "../src/cli/main.js";

const FIXTURES = path.resolve(import.meta.dirname, "fixtures/folders");
const scratch = mkdtempSync(path.join(tmpdir(), "cardinal-fix-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of a fixture folder outside any git repository. */
function fixture(name: string): string {
  const target = path.join(scratch, `${name}-${Math.random().toString(36).slice(2)}`);
  cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

/** The CLI, offline (these fixes need no Hub), in `cwd`. */
async function run(args: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await main([...args, "--offline"], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, env: {}, cwd });
  return { code, stdout, stderr };
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8");
const ADAPTER_README = readFileSync(path.join(FIXTURES, "adapter/README.md"), "utf8");
const ADAPTER_FILES = ".gitattributes, README.md, adapter_config.json, adapter_model.safetensors";

describe("cardinal check --fix-dry-run", () => {
  it("prints the diff --fix would apply and the findings after it, and writes nothing", async () => {
    const dir = fixture("adapter");
    const { code, stdout } = await run(["check", "--fix-dry-run"], dir);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "--- a/README.md",
        "+++ b/README.md",
        "@@ -3,6 +3,7 @@",
        " library_name: peft",
        " tags:",
        " - lora",
        "+base_model: meta-llama/Llama-3.1-8B-Instruct",
        " ---",
        " ",
        " # llama-3.1-8b-support-lora",
        "",
        `✔ After these fixes (1 in 1 file): no problems in 4 files: ${ADAPTER_FILES}. Nothing was written; run with --fix to apply them.`,
        "",
      ].join("\n"),
    );
    expect(stdout).not.toContain("No problems found");
    expect(read(dir, "README.md")).toBe(ADAPTER_README);
  });

  it("takes its exit code from the findings that would remain; the JSON carries each file's diff", async () => {
    const dir = fixture("clean-release");
    writeFileSync(path.join(dir, "README.md"), read(dir, "README.md").replace("license: apache-2.0", "license: Apache-2.0"));
    const before = read(dir, "README.md");
    expect((await run(["check"], dir)).code).toBe(1);
    const { code, stdout } = await run(["check", "--fix-dry-run", "--format", "json"], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.findings).toEqual([]);
    expect(report.fixed).toEqual([
      { path: "README.md", fixes: 1, status: "dry-run", diff: expect.stringContaining("\n-license: Apache-2.0\n+license: apache-2.0\n") },
    ]);
    expect(read(dir, "README.md")).toBe(before);
  });
});

describe("cardinal check --fix", () => {
  it("the summary points at --fix; --fix writes the fix, keeps the file's mode, and the next check is clean", async () => {
    const dir = fixture("adapter");
    chmodSync(path.join(dir, "README.md"), 0o640);
    const first = await run(["check"], dir);
    expect(first.stdout).toContain("⚠ 1 problem (1 warning) · 1 fixable with --fix\n");

    const { code, stdout, stderr } = await run(["check", "--fix"], dir);
    expect(code).toBe(0);
    expect(stdout).toBe(`✔ Fixed 1 problem in 1 file; no problems left in 4 files: ${ADAPTER_FILES}.\n`);
    expect(stderr).not.toContain("not fixed");
    expect(read(dir, "README.md")).toBe(ADAPTER_README.replace("- lora\n---\n", "- lora\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n"));
    expect(statSync(path.join(dir, "README.md")).mode & 0o777).toBe(0o640);

    const again = await run(["check"], dir);
    expect(again).toMatchObject({ code: 0, stdout: `✔ No problems found in 4 files: ${ADAPTER_FILES}.\n` });
  });

  it("fixes an error and a warning on one card, keeps its CRLF line endings, and exits 0 once no error remains", async () => {
    const dir = fixture("clean-release");
    const crlf = read(dir, "README.md").replace("license: apache-2.0", "license: Apache-2.0").replace("pipeline_tag:", "pipline_tag:").replace(/\n/g, "\r\n");
    writeFileSync(path.join(dir, "README.md"), crlf);
    const { code, stdout } = await run(["check", "--fix"], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✔ Fixed 2 problems in 1 file; no problems left in 6 files/);
    expect(read(dir, "README.md")).toBe(read(path.join(FIXTURES, "clean-release"), "README.md").replace(/\n/g, "\r\n"));
  });

  it("lists what it wrote in the JSON output, with the findings that remain", async () => {
    const dir = fixture("eval-results");
    const { code, stdout } = await run(["check", "--fix", "--format", "json"], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.fixed).toEqual([{ path: ".eval_results/gpqa.yaml", fixes: 1, status: "written" }]);
    expect(report.findings).toEqual([]);
    expect(read(dir, ".eval_results/gpqa.yaml")).toContain('\n  date: "2026-03-19"\n');
  });

  it("does not write through a symbolic link: says so, leaves the target alone and still reports the finding", async () => {
    const dir = fixture("adapter");
    mkdirSync(path.join(dir, "docs"));
    renameSync(path.join(dir, "README.md"), path.join(dir, "docs", "card.txt"));
    symlinkSync(path.join("docs", "card.txt"), path.join(dir, "README.md"));
    const { code, stdout, stderr } = await run(["check", "--fix"], dir);
    expect(code).toBe(0);
    expect(stderr).toContain("cardinal: README.md was not fixed: it is a symbolic link, and Cardinal does not write through one. Nothing in it was changed.\n");
    expect(stdout).toContain("release/adapter-base-model");
    expect(stdout).toContain("⚠ 1 problem (1 warning) · 1 not applied\n");
    expect(read(dir, "docs/card.txt")).toBe(ADAPTER_README);
  });

  it("refuses --fix together with --fix-dry-run", async () => {
    const { code, stderr } = await run(["check", "--fix", "--fix-dry-run"], fixture("adapter"));
    expect(code).toBe(2);
    expect(stderr).toBe("cardinal: --fix and --fix-dry-run cannot be used together: --fix-dry-run shows what --fix would write\n");
  });
});

describe("writeFixedFiles", () => {
  const boundary = (dir: string) => ({ real: dir, label: "the folder being checked" });

  it("leaves a file that changed since it was read, and a path outside the folder, with the reason", async () => {
    const dir = fixture("adapter");
    const outside = path.join(scratch, "outside.md");
    writeFileSync(outside, "x\n");
    const outcomes = await writeFixedFiles(dir, boundary(dir), [
      { path: "README.md", before: "not what is on disk\n", after: "y\n", fixes: 1 },
      { path: path.relative(dir, outside), before: "x\n", after: "y\n", fixes: 1 },
    ]);
    expect(outcomes).toEqual([
      { path: "README.md", fixes: 1, written: false, reason: "it changed on disk while Cardinal was reviewing it" },
      { path: "../outside.md", fixes: 1, written: false, reason: "it is outside the folder being checked" },
    ]);
    expect(read(dir, "README.md")).toBe(ADAPTER_README);
    expect(readFileSync(outside, "utf8")).toBe("x\n");
  });
});
