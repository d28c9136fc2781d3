/**
 * report/json.ts: the `--format json` contract, field by field: which
 * optional fields appear and when, the plain text of messages, and the
 * counts.
 */
import { describe, expect, it } from "vitest";
import type { FileFacts } from "../src/core/engine.js";
import { text } from "../src/core/text.js";
import { JSON_FORMAT_VERSION, renderJson } from "../src/report/json.js";
import { finding } from "./helpers/findings.js";

const parse = (json: string) => JSON.parse(json) as Record<string, unknown>;

describe("renderJson", () => {
  it("writes version, findings, files and counts, pretty-printed with a final newline", () => {
    const files: FileFacts[] = [{ path: "README.md", kind: "model-card", status: "added", storage: "text" }];
    const out = renderJson([finding()], files);
    expect(JSON_FORMAT_VERSION).toBe(1);
    expect(out).toBe(
      `${JSON.stringify(
        {
          version: 1,
          findings: [
            {
              ruleId: "card/known-keys",
              severity: "warning",
              path: "README.md",
              line: 3,
              title: "Unknown key",
              message: "The key `lisence` is unknown.",
              docsUrl: "https://docs.test/card/known-keys.md",
            },
          ],
          files: [{ path: "README.md", kind: "model-card", status: "added", storage: "text" }],
          summary: { errors: 0, warnings: 1, notices: 0 },
        },
        null,
        2,
      )}\n`,
    );
  });

  it("gives a finding without a line line 1, and keeps an end line only when it differs", () => {
    const [a, b, c] = parse(renderJson([finding({ line: undefined }), finding({ line: 4, endLine: 4 }), finding({ line: 4, endLine: 6 })], [])).findings as Record<string, unknown>[];
    expect(a).toMatchObject({ line: 1 });
    expect(a).not.toHaveProperty("endLine");
    expect(b).not.toHaveProperty("endLine");
    expect(c).toMatchObject({ line: 4, endLine: 6 });
  });

  it("adds a column, a plain hint and a copy of the fix when the finding has them", () => {
    const fix = { line: 3, endLine: 3, replacement: "license: mit" };
    const [f] = parse(renderJson([finding({ column: 0, hint: text`Rename it to ${"license"}.`, fix })], [])).findings as Record<string, unknown>[];
    expect(f).toEqual({
      ruleId: "card/known-keys",
      severity: "warning",
      path: "README.md",
      line: 3,
      column: 0,
      title: "Unknown key",
      message: "The key `lisence` is unknown.",
      hint: "Rename it to `license`.",
      fix: { line: 3, endLine: 3, replacement: "license: mit" },
      docsUrl: "https://docs.test/card/known-keys.md",
    });
    expect(Object.keys(f ?? {})).toEqual(["ruleId", "severity", "path", "line", "column", "title", "message", "hint", "fix", "docsUrl"]);
  });

  it("leaves out an empty hint, as the comment does", () => {
    const [f] = parse(renderJson([finding({ hint: text`` })], [])).findings as Record<string, unknown>[];
    expect(f).not.toHaveProperty("hint");
    const [g] = parse(renderJson([finding({ hint: undefined })], [])).findings as Record<string, unknown>[];
    expect(g).not.toHaveProperty("hint");
  });

  it("says whether the Hub was asked and what it said, and which files were fixed", () => {
    const reference = { type: "model" as const, id: "a/b", status: "found" as const, licenses: ["mit"] };
    const fixed = [{ path: "README.md", fixes: 2, status: "dry-run" as const, diff: "--- a/README.md\n" }];
    const report = parse(renderJson([], [], { hub: "offline", references: [reference] }, fixed));
    expect(Object.keys(report)).toEqual(["version", "findings", "files", "hub", "references", "fixed", "summary"]);
    expect(report.hub).toBe("offline");
    expect(report.references).toEqual([reference]);
    expect(report.fixed).toEqual(fixed);
    expect(Object.keys(parse(renderJson([], [])))).toEqual(["version", "findings", "files", "summary"]);
  });

  it("counts errors, warnings and notices apart", () => {
    const report = parse(renderJson([finding({ severity: "error" }), finding({ severity: "notice" }), finding({ severity: "notice" }), finding()], []));
    expect(report.summary).toEqual({ errors: 1, warnings: 1, notices: 2 });
  });
});
