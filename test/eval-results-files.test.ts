/**
 * The Hub's evaluation files are read by both doors: the CLI walks into
 * `.eval_results/`, and the app keeps them (and `eval.yaml`) among the files
 * of a pull request whose text it fetches.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { resolveConfig } from "../src/core/config.js";
import { isRelevantPath, pathKind } from "../src/core/engine.js";
import { likelyTextBlobs } from "../src/io/github/pull-request.js";
import { classifyPath, needsText } from "../src/parse/classify.js";
import { RULE_IDS } from "../src/rules/index.js";

const scratch = mkdtempSync(path.join(tmpdir(), "cardinal-evals-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("evaluation files are reviewed", () => {
  it("the CLI reads .eval_results/*.yaml and reports an unquoted date with its fix", async () => {
    const dir = path.join(scratch, "eval-results");
    cpSync(path.resolve(import.meta.dirname, "fixtures/folders/eval-results"), dir, { recursive: true });
    let stdout = "";
    const code = await main(["check", ".", "--offline", "--format", "json"], {
      stdout: (s) => (stdout += s),
      stderr: () => {},
      isTTY: false,
      env: {},
      cwd: dir,
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { files: { path: string; kind: string }[]; findings: { ruleId: string; path: string; line: number; fix?: unknown }[] };
    expect(report.files.filter((f) => f.kind === "eval-results").map((f) => f.path)).toEqual([".eval_results/gpqa.yaml", ".eval_results/hle.yaml"]);
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: "card/eval-results-format",
        path: ".eval_results/gpqa.yaml",
        line: 7,
        fix: { line: 7, endLine: 7, replacement: '  date: "2026-03-19"' },
      }),
    ]);
  });

  it("the app fetches their text from a pull request", () => {
    const config = resolveConfig({}, RULE_IDS).config;
    const listed = [
      { filename: ".eval_results/hle.yaml", status: "added", sha: "a1" },
      { filename: "models/m/.eval_results/gpqa.yaml", status: "added", sha: "a2" },
      { filename: "eval.yaml", status: "modified", sha: "a3" },
      { filename: "src/train.py", status: "added", sha: "a4" },
    ];
    expect(likelyTextBlobs(listed, config).sort()).toEqual(["a1", "a2", "a3"]);
    for (const f of listed.slice(0, 3)) {
      expect(isRelevantPath(f.filename, config)).toBe(true);
      expect(needsText(pathKind(f.filename, config))).toBe(true);
    }
  });

  it("classifies by path alone", () => {
    expect(classifyPath(".eval_results/hle.yaml")).toBe("eval-results");
    expect(classifyPath(".eval_results/hle.yml")).toBe("eval-results");
    expect(classifyPath("a/b/.eval_results/x.yaml")).toBe("eval-results");
    expect(classifyPath(".eval_results/sub/x.yaml")).toBe("other");
    expect(classifyPath("eval_results/x.yaml")).toBe("other");
    expect(classifyPath("eval.yaml")).toBe("benchmark-eval");
    expect(classifyPath("datasets/gpqa/eval.yaml")).toBe("benchmark-eval");
    expect(classifyPath("eval.yml")).toBe("other");
    expect(classifyPath("Eval.yaml")).toBe("other");
  });
});
