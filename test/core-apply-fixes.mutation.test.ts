/**
 * src/core/apply-fixes.ts at its edges: which fixes overlap, which are well
 * formed, the line break a fix is written with, the byte order mark, the
 * counts --fix reports, and the passes of fixUntilStable.
 */
import { describe, expect, it } from "vitest";
import { applyFixes, fixesOverlap, fixUntilStable, isWellFormed, MAX_FIX_PASSES, revertFiles, selectFixes } from "../src/core/apply-fixes.js";
import type { Finding, Fix, Workspace, WorkspaceFile } from "../src/core/types.js";

const fix = (line: number, replacement: string, endLine = line): Fix => ({ line, endLine, replacement });

describe("fixesOverlap", () => {
  it("two fixes overlap when they share a line, even only their first or last", () => {
    expect(fixesOverlap(fix(1, "", 3), fix(3, "", 4))).toBe(true);
    expect(fixesOverlap(fix(3, "", 4), fix(1, "", 3))).toBe(true);
    expect(fixesOverlap(fix(2, ""), fix(2, ""))).toBe(true);
    expect(fixesOverlap(fix(1, "", 5), fix(2, "", 3))).toBe(true);
  });

  it("neighbouring fixes do not", () => {
    expect(fixesOverlap(fix(1, "", 2), fix(3, "", 4))).toBe(false);
    expect(fixesOverlap(fix(3, "", 4), fix(1, "", 2))).toBe(false);
  });
});

describe("isWellFormed", () => {
  it("a fix names whole line numbers from 1, in order, within the file", () => {
    expect(isWellFormed(fix(1, ""), 1)).toBe(true);
    expect(isWellFormed(fix(2, "", 3), 3)).toBe(true);
    expect(isWellFormed(fix(5, "", 5))).toBe(true);
    expect(isWellFormed(fix(0, ""), 3)).toBe(false);
    expect(isWellFormed(fix(2, "", 1), 3)).toBe(false);
    expect(isWellFormed(fix(2, "", 4), 3)).toBe(false);
    expect(isWellFormed(fix(1.5, "", 2), 3)).toBe(false);
    expect(isWellFormed(fix(1, "", 2.5), 3)).toBe(false);
  });
});

describe("selectFixes", () => {
  it("keeps the order given, gives way to an earlier fix, applies repeats together and drops malformed ones", () => {
    const items = [
      { id: "a", fix: fix(2, "A", 3) },
      { id: "bad", fix: fix(9, "X") },
      { id: "b", fix: fix(3, "B") },
      { id: "a-again", fix: fix(2, "A", 3) },
      { id: "c", fix: fix(1, "C") },
      { id: "other-text", fix: fix(2, "Z", 3) },
    ];
    const { chosen, repeats, deferred } = selectFixes(items, (i) => i.fix, 4);
    expect(chosen.map((i) => i.id)).toEqual(["a", "c"]);
    expect(repeats.map((i) => i.id)).toEqual(["a-again"]);
    expect(deferred.map((i) => i.id)).toEqual(["b", "other-text"]);
  });

  it("a repeat must have the same lines and text: the same start is not enough", () => {
    const { repeats, deferred } = selectFixes([fix(1, "A", 2), fix(1, "A", 3), fix(2, "A")], (f) => f);
    expect(repeats).toEqual([]);
    expect(deferred).toHaveLength(2);
  });
});

describe("applyFixes", () => {
  it("fixes given last-first are applied at their own lines", () => {
    expect(applyFixes("a\nb\nc\nd\n", [fix(4, "D"), fix(1, "A"), fix(3, "C")])).toEqual({ text: "A\nb\nC\nD\n", changed: 3, deferred: 0 });
  });

  it("a fix of several lines replaces them all", () => {
    expect(applyFixes("a\nb\nc\n", [fix(1, "x", 2)])).toEqual({ text: "x\nc\n", changed: 1, deferred: 0 });
  });

  it("a fix's line breaks become the break that ends its lines: CR, CRLF, LF", () => {
    expect(applyFixes("a\rb\r", [fix(1, "x\ny")]).text).toBe("x\ry\rb\r");
    expect(applyFixes("a\r\nb\n", [fix(1, "x\ny")]).text).toBe("x\r\ny\r\nb\n");
    expect(applyFixes("a\nb\r\n", [fix(1, "x\r\ny\rz")]).text).toBe("x\ny\nz\nb\r\n");
  });

  it("at the end of a file, the file's first break; a file without any breaks gets LF", () => {
    expect(applyFixes("a\r\nb", [fix(2, "x\ny")]).text).toBe("a\r\nx\r\ny");
    expect(applyFixes("a\rb", [fix(2, "x\ny")]).text).toBe("a\rx\ry");
    expect(applyFixes("ab", [fix(1, "x\ny")]).text).toBe("x\ny");
  });

  it("the byte order mark stays once, and only at the start of the file", () => {
    expect(applyFixes("\uFEFFa\nb\n", [fix(1, "\uFEFFx")]).text).toBe("\uFEFFx\nb\n");
    expect(applyFixes("\uFEFFa\nb\n", [fix(2, "y")]).text).toBe("\uFEFFa\ny\n");
    expect(applyFixes("a\nb\n", [fix(1, "x")]).text).toBe("x\nb\n");
  });

  it("counts the fixes that change the text (a repeat with its fix), and the deferred ones", () => {
    expect(applyFixes("a\nb\n", [fix(1, "a"), fix(2, "B"), fix(2, "B"), fix(2, "C")])).toEqual({ text: "a\nB\n", changed: 2, deferred: 1 });
    expect(applyFixes("a\nb\n", [fix(1, "a"), fix(1, "a")])).toEqual({ text: "a\nb\n", changed: 0, deferred: 0 });
  });
});

const ws = (files: Record<string, string>, extra: WorkspaceFile[] = []): Workspace => ({
  source: "folder",
  files: [...Object.entries(files).map(([path, text]): WorkspaceFile => ({ path, status: "unchanged", size: text.length, content: { type: "text", text } })), ...extra],
});
const textOf = (w: Workspace, path: string) => {
  const f = w.files.find((x) => x.path === path);
  return f?.content.type === "text" ? f.content.text : undefined;
};
const finding = (path: string, f?: Fix): Finding => ({ ruleId: "test/fix", severity: "error", title: "T", message: [], path, line: f?.line ?? 1, ...(f ? { fix: f } : {}), docsUrl: "" });

describe("fixUntilStable", () => {
  it("applies each file's own fixes, skips findings without one and files that are not text", async () => {
    const binary: WorkspaceFile = { path: "w.bin", status: "unchanged", content: { type: "binary" } } as WorkspaceFile;
    const review = (w: Workspace) =>
      Promise.resolve({
        findings: [
          ...(textOf(w, "a.md") === "x\n" ? [finding("a.md", fix(1, "y"))] : []),
          finding("b.md"),
          ...(textOf(w, "c.md") === "1\n2\n" ? [finding("c.md", fix(2, "two")), finding("c.md", fix(1, "one"))] : []),
          finding("w.bin", fix(1, "nope")),
        ],
      });
    const run = await fixUntilStable(ws({ "a.md": "x\n", "b.md": "b\n", "c.md": "1\n2\n" }, [binary]), review);
    expect(run.passes).toBe(1);
    expect(run.files).toEqual([
      { path: "a.md", before: "x\n", after: "y\n", fixes: 1 },
      { path: "c.md", before: "1\n2\n", after: "one\ntwo\n", fixes: 2 },
    ]);
    expect(run.workspace.files[3]).toBe(binary);
    expect(run.workspace.files[1]).toMatchObject({ path: "b.md", size: 2 });
  });

  it("a fix that changes nothing ends the passes, and a file fixed back to its text is not listed", async () => {
    let reviews = 0;
    const review = (w: Workspace) => {
      reviews++;
      const t = textOf(w, "a.md");
      return Promise.resolve({ findings: [finding("a.md", fix(1, t === "x\n" ? "y" : t === "y\n" ? "x" : "same"))] });
    };
    const run = await fixUntilStable(ws({ "a.md": "x\n" }), review, 2);
    expect(run.passes).toBe(2);
    expect(reviews).toBe(3);
    expect(textOf(run.workspace, "a.md")).toBe("x\n");
    expect(run.files).toEqual([]);

    const same = await fixUntilStable(ws({ "a.md": "same\n" }), review);
    expect(same.passes).toBe(0);
    expect(same.files).toEqual([]);
  });

  it("counts fixes over every pass and keeps the text from before the first", async () => {
    const review = (w: Workspace) => {
      const t = textOf(w, "a.md") ?? "";
      return Promise.resolve({ findings: t.length < 4 ? [finding("a.md", fix(1, `${t.trimEnd()}+`))] : [] });
    };
    const run = await fixUntilStable(ws({ "a.md": "x\n" }), review);
    expect(run.passes).toBe(2);
    expect(run.files).toEqual([{ path: "a.md", before: "x\n", after: "x++\n", fixes: 2 }]);
    expect(MAX_FIX_PASSES).toBe(10);
  });

  it("with a bound of 0, reviews once and applies nothing", async () => {
    const run = await fixUntilStable(ws({ "a.md": "x\n" }), () => Promise.resolve({ findings: [finding("a.md", fix(1, "y"))] }), 0);
    expect(run.passes).toBe(0);
    expect(textOf(run.workspace, "a.md")).toBe("x\n");
  });
});

describe("revertFiles", () => {
  it("nothing to revert: the same workspace", () => {
    const w = ws({ "a.md": "x\n" });
    expect(revertFiles(w, [])).toBe(w);
  });

  it("a reverted file has its old text and its size in bytes again; the others stay", () => {
    const w = ws({ "a.md": "new\n", "b.md": "b\n" });
    const back = revertFiles(w, [{ path: "a.md", before: "é\n", after: "new\n", fixes: 1 }]);
    expect(back.files[0]).toEqual({ path: "a.md", status: "unchanged", size: 3, content: { type: "text", text: "é\n" } });
    expect(back.files[1]).toBe(w.files[1]);
  });
});
