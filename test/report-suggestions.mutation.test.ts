/**
 * report/suggestions.ts at its edges: hunk headers without a count, lines
 * before the first hunk, a context line that lost its space, and fixes that
 * end exactly on a hunk's first or last line, or just past it.
 */
import { describe, expect, it } from "vitest";
import { prose } from "../src/core/text.js";
import type { Finding, Fix } from "../src/core/types.js";
import { hunkRanges, suggestionBody, suggestionComments } from "../src/report/suggestions.js";

const CARD = "models/x/README.md";

const finding = (fix: Fix, path = CARD): Finding => ({
  ruleId: "card/known-keys",
  severity: "warning",
  title: "Unknown key",
  message: prose("m"),
  path,
  line: fix.line,
  fix,
  docsUrl: "https://docs.test/x",
});

describe("hunkRanges", () => {
  it("reads a header without a count as one line, and ignores the file headers before the first hunk", () => {
    expect(hunkRanges("--- a/x\n+++ b/x\n@@ -3 +5 @@\n-old\n+new")).toEqual([{ start: 5, end: 5 }]);
    expect(hunkRanges("+++ b/x\n+not in a hunk")).toEqual([]);
    expect(hunkRanges("")).toEqual([]);
  });

  it("counts an empty line as context while the hunk still expects lines, and no further", () => {
    expect(hunkRanges("@@ -1,3 +1,3 @@\n a\n\n c")).toEqual([{ start: 1, end: 3 }]);
    // The patch's final line break gives one more empty line, which is no line of the file.
    expect(hunkRanges("@@ -1,2 +1,2 @@\n a\n b\n")).toEqual([{ start: 1, end: 2 }]);
    expect(hunkRanges("@@ -1 +1 @@\n a\n\n\n")).toEqual([{ start: 1, end: 1 }]);
    // A header without a count expects one line: an empty line is that line.
    expect(hunkRanges("@@ -1 +1 @@\n")).toEqual([{ start: 1, end: 1 }]);
    expect(hunkRanges("@@ -1,2 +1,2 @@\n\n\n\n")).toEqual([{ start: 1, end: 2 }]);
  });

  it("starts a hunk only at a header that begins the line", () => {
    expect(hunkRanges("@@ -1,2 +1,2 @@\n @@ -9,9 +9,9 @@\n b")).toEqual([{ start: 1, end: 2 }]);
    expect(hunkRanges("@@ -1,2 +1,2 @@ heading\n a\n b")).toEqual([{ start: 1, end: 2 }]);
    expect(hunkRanges("@@ -1,2 +x,2 @@\n a")).toEqual([]);
  });

  it("closes a deletion-only hunk between two others without a range", () => {
    expect(hunkRanges("@@ -1 +1 @@\n a\n@@ -5,2 +4,0 @@\n-x\n-y\n@@ -9 +7 @@\n+z")).toEqual([
      { start: 1, end: 1 },
      { start: 7, end: 7 },
    ]);
  });
});

describe("suggestionComments", () => {
  const files = [{ path: CARD, patch: "@@ -4,3 +4,3 @@\n a\n-b\n+B\n c" }];
  const lines = (fixes: Fix[]) => suggestionComments(fixes.map((f) => finding(f)), files).map((c) => [c.start_line, c.line]);

  it("takes a fix from the hunk's first line to its last, and none that starts or ends outside", () => {
    expect(lines([{ line: 4, endLine: 6, replacement: "x" }])).toEqual([[4, 6]]);
    expect(lines([{ line: 3, endLine: 4, replacement: "x" }])).toEqual([]);
    expect(lines([{ line: 6, endLine: 7, replacement: "x" }])).toEqual([]);
    expect(lines([{ line: 4, endLine: 4, replacement: "x" }])).toEqual([[undefined, 4]]);
    expect(lines([{ line: 6, endLine: 6, replacement: "x" }])).toEqual([[undefined, 6]]);
  });

  it("leaves out a fix whose lines are out of order, and keeps fixes of neighbouring lines", () => {
    expect(lines([{ line: 5, endLine: 4, replacement: "x" }])).toEqual([]);
    expect(lines([{ line: 0, endLine: 4, replacement: "x" }])).toEqual([]);
    expect(
      lines([
        { line: 4, endLine: 4, replacement: "x" },
        { line: 5, endLine: 6, replacement: "y" },
        { line: 6, endLine: 6, replacement: "z" },
      ]),
    ).toEqual([
      [undefined, 4],
      [5, 6],
    ]);
  });

  it("judges overlaps file by file", () => {
    const other = "models/y/README.md";
    const comments = suggestionComments(
      [finding({ line: 4, endLine: 4, replacement: "x" }), finding({ line: 4, endLine: 4, replacement: "x" }, other)],
      [...files, { path: other, patch: files[0]!.patch }],
    );
    expect(comments.map((c) => c.path)).toEqual([CARD, other]);
  });

  it("writes the whole comment: path, last line, first line and sides, and the body", () => {
    expect(suggestionComments([finding({ line: 4, endLine: 5, replacement: "x\ny" })], files)).toEqual([
      { path: CARD, line: 5, start_line: 4, start_side: "RIGHT", side: "RIGHT", body: "Unknown key (`card/known-keys`)\n\n```suggestion\nx\ny\n```" },
    ]);
    expect(suggestionBody(finding({ line: 1, endLine: 1, replacement: "" }), "")).toBe("Unknown key (`card/known-keys`)\n\n```suggestion\n\n```");
  });
});
