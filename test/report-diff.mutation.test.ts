/**
 * report/diff.ts beyond "the patch applies" (test/apply-fixes.test.ts): the
 * edit script is the shortest one, hunks join exactly when their context
 * touches, ranges are written as diff -u writes them, and line breaks of
 * every kind split lines.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIFF_CONTEXT, splitLines, unifiedDiff } from "../src/report/diff.js";
import { seeded } from "./helpers/property.js";

/** Length of the longest common subsequence of two line lists (dynamic programming, independent of Myers). */
function lcs(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(x === b[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!));
    prev = row;
  }
  return prev[b.length]!;
}

const rows = (diff: string) => diff.split("\n").slice(2, -1).filter((r) => !r.startsWith("@@") && !r.startsWith("\\"));

describe("splitLines", () => {
  it("keeps each line's own break: LF, CRLF or a lone CR, and a last line without one", () => {
    expect(splitLines("a\nb\r\nc\rd")).toEqual(["a\n", "b\r\n", "c\r", "d"]);
    expect(splitLines("\r\r\n\n")).toEqual(["\r", "\r\n", "\n"]);
    expect(splitLines("")).toEqual([]);
    expect(splitLines("x")).toEqual(["x"]);
    expect(splitLines("x\n")).toEqual(["x\n"]);
  });
});

describe("unifiedDiff", () => {
  it("removes and adds as few lines as the texts allow (random texts)", () => {
    const lines = fc.array(fc.constantFrom("a\n", "b\n", "c\n", "d\n"), { maxLength: 14 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const diff = unifiedDiff("f", a.join(""), b.join(""), 100);
        const common = lcs(a, b);
        const body = rows(diff);
        expect(body.filter((r) => r.startsWith("-"))).toHaveLength(a.length - common);
        expect(body.filter((r) => r.startsWith("+"))).toHaveLength(b.length - common);
        // With context wider than the file, the one hunk shows every line of both sides.
        if (diff !== "") expect(body.filter((r) => r.startsWith(" "))).toHaveLength(common);
      }),
      seeded(300),
    );
  });

  it("takes the shortest script through interleaved changes (Myers' example)", () => {
    const a = "a\nb\nc\na\nb\nb\na\n";
    const b = "c\nb\na\nb\na\nc\n";
    const body = rows(unifiedDiff("f", a, b, 10));
    expect(body.filter((r) => r[0] !== " ")).toHaveLength(5);
    expect(body.filter((r) => r[0] === " ").map((r) => r.slice(1))).toHaveLength(4);
  });

  it("joins two changes with 2 × context unchanged lines between them into one hunk, and splits them at one more", () => {
    const base = Array.from({ length: 12 }, (_, i) => `${i}\n`);
    const change = (at: number[]) => base.map((l, i) => (at.includes(i) ? `X${l}` : l)).join("");
    // Context 1: lines 1 and 2 between the changes make one hunk (of lines 0 to 4), lines 1 to 3 two.
    expect(unifiedDiff("f", base.join(""), change([0, 3]), 1).match(/^@@.*$/gm)).toEqual(["@@ -1,5 +1,5 @@"]);
    expect(unifiedDiff("f", base.join(""), change([0, 4]), 1).match(/^@@.*$/gm)).toEqual(["@@ -1,2 +1,2 @@", "@@ -4,3 +4,3 @@"]);
    expect(unifiedDiff("f", base.join(""), change([5]), 0)).toBe("--- a/f\n+++ b/f\n@@ -6 +6 @@\n-5\n+X5\n");
  });

  it("keeps the hunk's context inside the file at both ends", () => {
    expect(unifiedDiff("f", "a\nb\n", "A\nb\n")).toBe("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n+A\n b\n");
    expect(unifiedDiff("f", "a\nb\n", "a\nB\n")).toBe("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n");
    expect(DIFF_CONTEXT).toBe(3);
  });

  it("names an emptied file's side by the line before, and a deletion inside the file too", () => {
    expect(unifiedDiff("f", "x\n", "")).toBe("--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-x\n");
    expect(unifiedDiff("f", "a\nb\nc\n", "a\nc\n", 0)).toBe("--- a/f\n+++ b/f\n@@ -2 +1,0 @@\n-b\n");
    expect(unifiedDiff("f", "a\nc\n", "a\nb\nc\n", 0)).toBe("--- a/f\n+++ b/f\n@@ -1,0 +2 @@\n+b\n");
  });

  it("shows a change of line break alone, and a lone CR ends a line", () => {
    expect(unifiedDiff("f", "a\r\n", "a\n")).toBe("--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+a\n");
    expect(unifiedDiff("f", "a\rb\r", "a\rc\r")).toBe("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
  });

  it("writes controls up to U+00FF as \\x, others as \\u, and keeps tabs", () => {
    expect(unifiedDiff("f", "", "\u0000\u0008\t\u000b\u001f\u007f\u009f\u00a0\u061c\u200e\u200f\u2028\u2029\u202a\u2066\u2069\n")).toBe(
      "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+\\x00\\x08\t\\x0b\\x1f\\x7f\\x9f\u00a0\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a\\u2066\\u2069\n",
    );
  });
});
