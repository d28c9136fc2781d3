/** The pure half of one-click suggestions: which fixes land on the diff, and the review comments they become. */
import { describe, expect, it } from "vitest";
import type { Finding, Fix } from "../src/core/types.js";
import { hunkRanges, suggestionBody, suggestionComments } from "../src/report/suggestions.js";
import { prose } from "../src/core/text.js";

function finding(path: string, fix: Fix, title = "Unknown metadata key"): Finding {
  return {
    ruleId: "card/known-keys",
    severity: "warning",
    title,
    message: prose("The Hub does not know this key."),
    path,
    line: fix.line,
    fix,
    docsUrl: "https://example.test/rules/card/known-keys",
  };
}

const CARD = "models/x/README.md";

describe("hunkRanges", () => {
  it("counts the added lines of a new file", () => {
    expect(hunkRanges("@@ -0,0 +1,3 @@\n+---\n+licence: mit\n+---")).toEqual([{ start: 1, end: 3 }]);
  });

  it("counts context lines and skips removed ones", () => {
    const patch = "@@ -10,4 +10,4 @@ title\n context\n-old\n+new\n context\n context";
    expect(hunkRanges(patch)).toEqual([{ start: 10, end: 13 }]);
  });

  it("keeps each hunk apart", () => {
    const patch = "@@ -1,2 +1,3 @@\n a\n+b\n c\n@@ -20,2 +21,2 @@\n x\n-y\n+z\n\\ No newline at end of file";
    expect(hunkRanges(patch)).toEqual([
      { start: 1, end: 3 },
      { start: 21, end: 22 },
    ]);
  });

  it("reads a patch with CRLF line breaks like one without", () => {
    const lf = "@@ -1,2 +1,3 @@\n a\n+b\n c";
    expect(hunkRanges(lf.replace(/\n/g, "\r\n"))).toEqual(hunkRanges(lf));
  });

  it("gives nothing for a missing patch or a deletion-only hunk", () => {
    expect(hunkRanges(undefined)).toEqual([]);
    expect(hunkRanges("@@ -1,2 +0,0 @@\n-a\n-b")).toEqual([]);
  });
});

describe("suggestionComments", () => {
  const added = { path: CARD, patch: "@@ -0,0 +1,4 @@\n+---\n+licence: mit\n+tags: [a]\n+---" };

  it("suggests a one-line fix on an added line, on the right side", () => {
    const comments = suggestionComments([finding(CARD, { line: 2, endLine: 2, replacement: "license: mit" })], [added]);
    expect(comments).toEqual([
      {
        path: CARD,
        line: 2,
        side: "RIGHT",
        body: "Unknown metadata key (`card/known-keys`)\n\n```suggestion\nlicense: mit\n```",
      },
    ]);
  });

  it("suggests a fix on a context line", () => {
    const patch = "@@ -1,3 +1,3 @@\n ---\n-license: mit\n+license: apache-2.0\n licence: x";
    const comments = suggestionComments([finding(CARD, { line: 3, endLine: 3, replacement: "license: x" })], [{ path: CARD, patch }]);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ line: 3 });
  });

  it("spans several lines with start_line and start_side", () => {
    const comments = suggestionComments([finding(CARD, { line: 2, endLine: 3, replacement: "license: mit\ntags: [b]" })], [added]);
    expect(comments).toEqual([expect.objectContaining({ line: 3, start_line: 2, start_side: "RIGHT", side: "RIGHT" })]);
    expect(comments[0]!.body).toContain("```suggestion\nlicense: mit\ntags: [b]\n```");
  });

  it("leaves out a fix outside every hunk, or across two hunks", () => {
    const patch = "@@ -1,2 +1,2 @@\n a\n+b\n@@ -10,1 +10,2 @@\n x\n+y";
    const files = [{ path: CARD, patch }];
    expect(suggestionComments([finding(CARD, { line: 5, endLine: 5, replacement: "z" })], files)).toEqual([]);
    expect(suggestionComments([finding(CARD, { line: 2, endLine: 10, replacement: "z" })], files)).toEqual([]);
    expect(suggestionComments([finding(CARD, { line: 11, endLine: 11, replacement: "z" })], files)).toHaveLength(1);
  });

  it("leaves out a file without a patch, a file not in the pull request, and findings without a fix", () => {
    const fix = { line: 1, endLine: 1, replacement: "z" };
    expect(suggestionComments([finding(CARD, fix)], [{ path: CARD }])).toEqual([]);
    expect(suggestionComments([finding("other/README.md", fix)], [added])).toEqual([]);
    const plain: Finding = { ...finding(CARD, fix), fix: undefined as unknown as Fix };
    expect(suggestionComments([plain], [added])).toEqual([]);
  });

  it("keeps only the first of two overlapping fixes", () => {
    const comments = suggestionComments(
      [finding(CARD, { line: 2, endLine: 3, replacement: "a" }), finding(CARD, { line: 3, endLine: 3, replacement: "b" })],
      [added],
    );
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("\na\n");
  });
});

describe("suggestionBody", () => {
  it("uses a fence longer than any backtick run in the replacement and escapes the title", () => {
    const body = suggestionBody(finding(CARD, { line: 1, endLine: 1, replacement: "x" }, "Bad <b>@team</b>"), "a ```` b");
    expect(body).toContain("`````suggestion\na ```` b\n`````");
    expect(body).toContain("Bad \\<b\\>@\u200bteam\\</b\\>");
  });
});
