import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyFixes, fixUntilStable, MAX_FIX_PASSES, revertFiles, selectFixes } from "../src/core/apply-fixes.js";
import type { Finding, Fix, Workspace } from "../src/core/types.js";
import { splitLines, unifiedDiff } from "../src/report/diff.js";
import { suggestionComments } from "../src/report/suggestions.js";
import { renderTerminal } from "../src/report/terminal.js";
import { seeded } from "./helpers/property.js";

const fix = (line: number, replacement: string, endLine = line): Fix => ({ line, endLine, replacement });

describe("applyFixes", () => {
  it("replaces the fixed lines and keeps the rest, line breaks included", () => {
    const out = applyFixes("---\nlicence: mit\ntags: [a]\n---\n", [fix(2, "license: mit")]);
    expect(out).toEqual({ text: "---\nlicense: mit\ntags: [a]\n---\n", changed: 1, deferred: 0 });
  });

  it("writes a fix's line breaks in the file's own (CRLF), even when the fix was written with LF", () => {
    const out = applyFixes("---\r\nlicense: mit\r\n---\r\n\r\n# M\r\n", [fix(3, "base_model: org/base\n---")]);
    expect(out.text).toBe("---\r\nlicense: mit\r\nbase_model: org/base\r\n---\r\n\r\n# M\r\n");
  });

  it("uses the file's line break for a fix of its last line, which has none", () => {
    expect(applyFixes("a\r\nb", [fix(2, "b\nc")]).text).toBe("a\r\nb\r\nc");
    expect(applyFixes("only", [fix(1, "x\ny")]).text).toBe("x\ny");
  });

  it("keeps a byte order mark that starts the file", () => {
    expect(applyFixes("\uFEFFlicence: mit\n", [fix(1, "license: mit")]).text).toBe("\uFEFFlicense: mit\n");
    expect(applyFixes("\uFEFFlicence: mit\n", [fix(1, "\uFEFFlicense: mit")]).text).toBe("\uFEFFlicense: mit\n");
  });

  it("applies several fixes, in any order, at the lines they name", () => {
    const out = applyFixes("a\nb\nc\nd\n", [fix(4, "D"), fix(1, "A"), fix(2, "B1\nB2", 3)]);
    expect(out).toEqual({ text: "A\nB1\nB2\nD\n", changed: 3, deferred: 0 });
  });

  it("defers a fix overlapping an earlier one: the later gives way", () => {
    const out = applyFixes("a\nb\nc\n", [fix(2, "first", 3), fix(3, "second"), fix(1, "A")]);
    expect(out).toEqual({ text: "A\nfirst\n", changed: 2, deferred: 1 });
  });

  it("applies an exact repeat once and counts both findings as fixed", () => {
    expect(applyFixes("x\n", [fix(1, "y"), fix(1, "y")])).toEqual({ text: "y\n", changed: 2, deferred: 0 });
  });

  it("ignores a fix of lines the file does not have, and counts a fix that changes nothing as no change", () => {
    expect(applyFixes("a\nb\n", [fix(5, "z"), fix(2, "q", 1), fix(0, "z")])).toEqual({ text: "a\nb\n", changed: 0, deferred: 0 });
    expect(applyFixes("a\nb\n", [fix(1, "a")])).toEqual({ text: "a\nb\n", changed: 0, deferred: 0 });
  });
});

describe("selectFixes and the pull request's suggestions", () => {
  const CARD = "models/m/README.md";
  const finding = (f: Fix, ruleId = "card/known-keys"): Finding => ({
    ruleId,
    severity: "error",
    title: "Unknown key",
    message: [],
    path: CARD,
    line: f.line,
    fix: f,
    docsUrl: "https://example.test/rule",
  });

  it("choose the same fixes from the same findings: what --fix writes is what the comment offers", () => {
    const findings = [finding(fix(2, "license: mit", 3)), finding(fix(3, "tags: [b]")), finding(fix(5, "pipeline_tag: fill-mask"))];
    const patch = "@@ -0,0 +1,6 @@\n+---\n+licence: mit\n+tags: [a]\n+x: 1\n+pipline_tag: fill-mask\n+---";
    const suggested = suggestionComments(findings, [{ path: CARD, patch }]).map((c) => [c.start_line ?? c.line, c.line]);
    const chosen = selectFixes(findings, (f) => f.fix!).chosen.map((f) => [f.fix!.line, f.fix!.endLine]);
    expect(suggested).toEqual([
      [2, 3],
      [5, 5],
    ]);
    expect(chosen).toEqual(suggested);
  });
});

/** A reviewer that offers, for each line containing "colour", a fix to "color"; and for "a b", a two-line fix. */
function fakeReview(ws: Workspace): Promise<{ findings: Finding[] }> {
  const findings: Finding[] = [];
  for (const file of ws.files) {
    if (file.content.type !== "text") continue;
    splitLines(file.content.text).forEach((raw, i) => {
      const text = raw.replace(/\r?\n$/, "");
      const base = { ruleId: "test/spelling", severity: "warning" as const, title: "Spelling", message: [], path: file.path, line: i + 1, docsUrl: "" };
      if (text.includes("colour")) findings.push({ ...base, fix: fix(i + 1, text.replace("colour", "color")) });
    });
  }
  return Promise.resolve({ findings });
}

const workspace = (files: Record<string, string>): Workspace => ({
  source: "folder",
  files: Object.entries(files).map(([path, text]) => ({ path, status: "unchanged", size: text.length, content: { type: "text", text } })),
});

describe("fixUntilStable", () => {
  it("fixes again until nothing changes: a second finding on a line fixed once is fixed in the next pass", async () => {
    const run = await fixUntilStable(workspace({ "README.md": "colour colour\nfine é\n", "LICENSE": "MIT\n" }), fakeReview);
    expect(run.files).toEqual([{ path: "README.md", before: "colour colour\nfine é\n", after: "color color\nfine é\n", fixes: 2 }]);
    expect(run.passes).toBe(2);
    expect(run.result.findings).toEqual([]);
    const readme = run.workspace.files.find((f) => f.path === "README.md");
    // The size in bytes (19 characters, 20 bytes), as the folder reader gives it.
    expect(readme).toMatchObject({ size: 20, content: { type: "text", text: "color color\nfine é\n" } });
  });

  it("stops after the bound of passes when a fix never settles, and reports what remains", async () => {
    let reviews = 0;
    const restless = (ws: Workspace) => {
      reviews++;
      const file = ws.files[0]!;
      const text = file.content.type === "text" ? file.content.text : "";
      return Promise.resolve({
        findings: [{ ruleId: "test/grow", severity: "error" as const, title: "Grow", message: [], path: file.path, line: 1, fix: fix(1, `${text.trimEnd()}+`), docsUrl: "" }],
      });
    };
    const run = await fixUntilStable(workspace({ "a.md": "x\n" }), restless);
    expect(run.passes).toBe(MAX_FIX_PASSES);
    expect(reviews).toBe(MAX_FIX_PASSES + 1);
    expect(run.files[0]?.after).toBe(`x${"+".repeat(MAX_FIX_PASSES)}\n`);
    expect(run.result.findings).toHaveLength(1);
  });

  it("leaves a workspace with nothing to fix as it is, after one review", async () => {
    const ws = workspace({ "README.md": "fine\n" });
    const run = await fixUntilStable(ws, fakeReview);
    expect(run).toMatchObject({ workspace: ws, files: [], passes: 0 });
  });

  it("revertFiles puts files back at their text before the fixes", async () => {
    const run = await fixUntilStable(workspace({ "README.md": "colour\n", "b.md": "colour\n" }), fakeReview);
    const back = revertFiles(run.workspace, run.files.filter((f) => f.path === "b.md"));
    expect(back.files.map((f) => (f.content.type === "text" ? f.content.text : ""))).toEqual(["color\n", "colour\n"]);
  });
});

describe("the closing line after fixes", () => {
  const error: Finding = { ruleId: "license/declared", severity: "error", title: "No license", message: [], path: "README.md", docsUrl: "" };
  const closing = (input: Partial<Parameters<typeof renderTerminal>[0]>) =>
    renderTerminal({ findings: [], fileCount: 2, reviewed: ["README.md", "LICENSE"], ...input }).trim().split("\n").at(-1);

  it("says what a dry run would leave, never that no problems were found", () => {
    expect(closing({ findings: [error], fixes: { mode: "dry-run", fixed: 3, files: 2 } })).toBe(
      "✖ After these fixes (3 in 2 files): 1 problem (1 error). Nothing was written; run with --fix to apply them.",
    );
    expect(closing({ fixes: { mode: "dry-run", fixed: 1, files: 1 } })).toBe(
      "✔ After these fixes (1 in 1 file): no problems in 2 files: README.md, LICENSE. Nothing was written; run with --fix to apply them.",
    );
  });

  it("after --fix, says what was fixed and what is left; a fix still offered was not applied", () => {
    expect(closing({ findings: [{ ...error, fix: fix(1, "license: mit") }], fixes: { mode: "applied", fixed: 2, files: 1 } })).toBe(
      "✖ Fixed 2 problems in 1 file; 1 problem left (1 error) · 1 not applied",
    );
    // Nothing to fix: the usual words.
    expect(closing({ fixes: { mode: "applied", fixed: 0, files: 0 } })).toBe("✔ No problems found in 2 files: README.md, LICENSE.");
  });
});

describe("unifiedDiff", () => {
  it("shows a change with three lines of context, as diff -u does", () => {
    const before = "---\nlicense: mit\nlibrary_name: peft\ntags:\n- lora\n---\n\n# M\n\nText.\n";
    const after = before.replace("- lora\n", "- lora\nbase_model: org/base\n");
    expect(unifiedDiff("README.md", before, after)).toBe(
      [
        "--- a/README.md",
        "+++ b/README.md",
        "@@ -3,6 +3,7 @@",
        " library_name: peft",
        " tags:",
        " - lora",
        "+base_model: org/base",
        " ---",
        " ",
        " # M",
        "",
      ].join("\n"),
    );
  });

  it("gives distant changes a hunk each, and near ones one hunk", () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const before = `${lines.join("\n")}\n`;
    const far = before.replace("line 2\n", "LINE 2\n").replace("line 18\n", "LINE 18\n");
    expect(unifiedDiff("f", before, far).match(/^@@.*$/gm)).toEqual(["@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@"]);
    // As GNU diff -u: six unchanged lines between two changes still make one hunk, seven make two.
    const near = before.replace("line 2\n", "LINE 2\n").replace("line 9\n", "LINE 9\n");
    expect(unifiedDiff("f", before, near).match(/^@@.*$/gm)).toEqual(["@@ -1,12 +1,12 @@"]);
    const apart = before.replace("line 2\n", "LINE 2\n").replace("line 10\n", "LINE 10\n");
    expect(unifiedDiff("f", before, apart).match(/^@@.*$/gm)).toEqual(["@@ -1,5 +1,5 @@", "@@ -7,7 +7,7 @@"]);
  });

  it("marks a last line without a line break, names an empty side by the line before, and is empty when nothing changed", () => {
    expect(unifiedDiff("f", "a\nb", "a\nc")).toBe("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
    expect(unifiedDiff("f", "", "x\n")).toBe("--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n");
    expect(unifiedDiff("f", "a\n", "a\n")).toBe("");
  });

  it("shows control characters of the file and its name as escapes, so the diff cannot act on a terminal", () => {
    const out = unifiedDiff("a\u001b[31m.md", "x\u001b[2J\n", "y\u202e\n");
    expect(out).toBe("--- a/a\\x1b[31m.md\n+++ b/a\\x1b[31m.md\n@@ -1 +1 @@\n-x\\x1b[2J\n+y\\u202e\n");
  });

  it("is a patch that turns the old text into the new (random texts)", () => {
    const text = fc.array(fc.constantFrom("a\n", "b\n", "c\r\n", "d", "\n"), { maxLength: 30 }).map((l) => l.join(""));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = unifiedDiff("f", before, after, 2);
        expect(applyPatch(before, diff)).toBe(after);
      }),
      seeded(300),
    );
  });
});

/** A minimal unified-diff applier for the property test: hunks in order, context checked. */
function applyPatch(before: string, diff: string): string {
  if (diff === "") return before;
  const old = splitLines(before).map((l) => ({ text: l.replace(/\r\n$|\n$/, ""), eol: l.endsWith("\r\n") ? "\r\n" : l.endsWith("\n") ? "\n" : "" }));
  const rows = diff.split("\n").slice(2, -1);
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const header = /^@@ -(\d+)(?:,(\d+))? /.exec(row);
    if (header) {
      const count = header[2] === undefined ? 1 : Number(header[2]);
      const start = count === 0 ? Number(header[1]) : Number(header[1]) - 1;
      while (at < start) out.push(old[at]!.text + old[at++]!.eol);
      continue;
    }
    const noEol = rows[i + 1] === "\\ No newline at end of file";
    if (row.startsWith("\\")) continue;
    const body = row.slice(1);
    if (row[0] === "+") {
      // The eol of an added line: the test's texts have CRLF only after a "c".
      out.push(body + (noEol ? "" : body.endsWith("c") ? "\r\n" : "\n"));
    } else {
      expect(old[at]?.text).toBe(body);
      if (row[0] === " ") out.push(old[at]!.text + old[at]!.eol);
      at++;
    }
  }
  while (at < old.length) out.push(old[at]!.text + old[at++]!.eol);
  return out.join("");
}
