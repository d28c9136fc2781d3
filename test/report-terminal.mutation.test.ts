/**
 * report/terminal.ts: the CLI's text report line by line: the finding rows
 * and their column of positions, the code frame and its caret, fix, hint and
 * verbose lines, the closing line in each of its forms, the note on files
 * that look like cards, and what control characters become.
 */
import { describe, expect, it } from "vitest";
import { text } from "../src/core/text.js";
import type { Finding } from "../src/core/types.js";
import { ANSI_STYLE, cardGlobs, hiddenPhrase, NO_STYLE, printable, renderTerminal, REVIEWED_NAMED, unreviewedCardsNote } from "../src/report/terminal.js";
import { finding } from "./helpers/findings.js";

describe("styles", () => {
  it("are ANSI escapes that reset only what they set, or nothing", () => {
    expect(ANSI_STYLE.bold("b")).toBe("\u001b[1mb\u001b[22m");
    expect(ANSI_STYLE.dim("d")).toBe("\u001b[2md\u001b[22m");
    expect(ANSI_STYLE.severity("e", "error")).toBe("\u001b[31me\u001b[39m");
    expect(ANSI_STYLE.severity("w", "warning")).toBe("\u001b[33mw\u001b[39m");
    expect(ANSI_STYLE.severity("n", "notice")).toBe("\u001b[36mn\u001b[39m");
    expect([NO_STYLE.bold("b"), NO_STYLE.dim("d"), NO_STYLE.severity("s", "error")]).toEqual(["b", "d", "s"]);
  });
});

describe("a report with findings", () => {
  it("groups rows by file, aligns positions, and closes with the counts", () => {
    const out = renderTerminal({
      findings: [
        finding({ severity: "error", line: 12, column: 5, title: "Bad", ruleId: "a/b" }),
        finding({ severity: "notice", line: undefined, title: "Note", ruleId: "c/d", message: text`Whole file.` }),
        finding({ path: "", line: undefined, title: "Review", ruleId: "e/f", message: text`All.` }),
        finding({ path: "x/README.md", line: 1 }),
      ],
      fileCount: 2,
    });
    expect(out).toBe(
      [
        "",
        "README.md",
        "  12:5  error    Bad  a/b",
        "        The key `lisence` is unknown.",
        "        notice   Note  c/d",
        "        Whole file.",
        "",
        "(all files)",
        "        warning  Review  e/f",
        "        All.",
        "",
        "x/README.md",
        "  1:1   warning  Unknown key  card/known-keys",
        "        The key `lisence` is unknown.",
        "",
        "✖ 4 problems (1 error, 2 warnings, 1 notice)",
        "",
      ].join("\n"),
    );
  });

  it("counts in the singular and plural, and marks a report without errors with ⚠", () => {
    const closing = (findings: Finding[]) => renderTerminal({ findings, fileCount: 1 }).split("\n").at(-2);
    expect(closing([finding()])).toBe("⚠ 1 problem (1 warning)");
    expect(closing([finding({ severity: "notice" }), finding({ severity: "notice" })])).toBe("⚠ 2 problems (2 notices)");
    expect(closing([finding({ severity: "error" }), finding({ severity: "error" }), finding(), finding()])).toBe("✖ 4 problems (2 errors, 2 warnings)");
  });

  it("styles the file, position, severity, rule and mark", () => {
    const out = renderTerminal({ findings: [finding({ severity: "error" })], fileCount: 1, style: ANSI_STYLE });
    expect(out.split("\n").slice(1, 3)).toEqual([
      "\u001b[1mREADME.md\u001b[22m",
      "  \u001b[2m3:1\u001b[22m  \u001b[31merror  \u001b[39m  Unknown key  \u001b[2mcard/known-keys\u001b[22m",
    ]);
    expect(out.split("\n").at(-2)).toBe("\u001b[31m✖\u001b[39m 1 problem (1 error)");
    expect(renderTerminal({ findings: [finding()], fileCount: 1, style: ANSI_STYLE }).split("\n").at(-2)).toBe("\u001b[33m⚠\u001b[39m 1 problem (1 warning)");
  });

  it("shows the source line with a caret under the column", () => {
    const lineText = (path: string, line: number) => (path === "README.md" && line === 3 ? "lisence: mit" : undefined);
    const out = renderTerminal({ findings: [finding({ column: 2 })], fileCount: 1, lineText });
    expect(out.split("\n").slice(2, 6)).toEqual(["  3:2  warning  Unknown key  card/known-keys", "       The key `lisence` is unknown.", "       │ 3 │ lisence: mit", "       │   │  ^"]);
  });

  it("pads the caret's gutter to the line number, and styles it", () => {
    const out = renderTerminal({ findings: [finding({ line: 120, column: 1 })], fileCount: 1, lineText: () => "x", style: ANSI_STYLE });
    expect(out.split("\n").slice(4, 6)).toEqual(["         \u001b[2m│ 120 │ \u001b[22mx", "         \u001b[2m│     │ \u001b[22m\u001b[33m^\u001b[39m"]);
  });

  it("shows no caret without a column, at column 0 or past the 160 characters shown", () => {
    const frame = (column: number | undefined, source = "x".repeat(200)) =>
      renderTerminal({ findings: [finding({ column })], fileCount: 1, lineText: () => source }).split("\n").slice(4, -3);
    expect(frame(undefined)).toEqual([`       │ 3 │ ${"x".repeat(159)}…`]);
    expect(frame(0)).toEqual([`       │ 3 │ ${"x".repeat(159)}…`]);
    expect(frame(161)).toEqual([`         │ 3 │ ${"x".repeat(159)}…`]);
    expect(frame(160)).toEqual([`         │ 3 │ ${"x".repeat(159)}…`, `         │   │ ${" ".repeat(159)}^`]);
    expect(frame(1, "x".repeat(160))).toEqual([`       │ 3 │ ${"x".repeat(160)}`, "       │   │ ^"]);
  });

  it("shows no frame for a blank or unknown line, or a finding without a line", () => {
    const frameLines = (f: Partial<Finding>, source: string | undefined) =>
      renderTerminal({ findings: [finding(f)], fileCount: 1, lineText: () => source }).split("\n").filter((l) => l.includes("│"));
    expect(frameLines({}, "   ")).toEqual([]);
    expect(frameLines({}, "")).toEqual([]);
    expect(frameLines({}, undefined)).toEqual([]);
    expect(frameLines({ line: undefined }, "x")).toEqual([]);
    let asked = 0;
    renderTerminal({ findings: [finding({ line: undefined })], fileCount: 1, lineText: () => String(++asked) });
    expect(asked).toBe(0);
  });

  it("shows the fix on one line, the hint, and with --verbose the rule's why and its page", () => {
    const out = renderTerminal({
      findings: [
        finding({ fix: { line: 3, endLine: 4, replacement: "license: mit\r\nx: 1\ny" }, hint: text`Rename it to ${"license"}.` }),
        finding({ ruleId: "other/rule", hint: text`` }),
      ],
      fileCount: 1,
      verbose: true,
      why: (id) => (id === "card/known-keys" ? "The Hub ignores unknown keys." : undefined),
    });
    expect(out.split("\n").slice(2, 12)).toEqual([
      "  3:1  warning  Unknown key  card/known-keys",
      "       The key `lisence` is unknown.",
      "       fix: license: mit ⏎ x: 1 ⏎ y",
      "       how to fix: Rename it to `license`.",
      "       why: The Hub ignores unknown keys.",
      "       https://docs.test/card/known-keys.md",
      "  3:1  warning  Unknown key  other/rule",
      "       The key `lisence` is unknown.",
      "       https://docs.test/card/known-keys.md",
      "",
    ]);
    expect(out.split("\n").at(-2)).toBe("⚠ 2 problems (2 warnings) · 1 fixable with --fix");
  });

  it("styles the fix, hint and verbose lines", () => {
    const out = renderTerminal({ findings: [finding({ fix: { line: 3, endLine: 3, replacement: "a" }, hint: text`h` })], fileCount: 1, verbose: true, why: () => "w", style: ANSI_STYLE });
    expect(out.split("\n").slice(4, 8)).toEqual([
      "       \u001b[1mfix:\u001b[22m a",
      "       \u001b[1mhow to fix:\u001b[22m h",
      "       \u001b[2mwhy: w\u001b[22m",
      "       \u001b[2mhttps://docs.test/card/known-keys.md\u001b[22m",
    ]);
  });

  it("without --verbose shows neither why nor page", () => {
    const out = renderTerminal({ findings: [finding()], fileCount: 1, why: () => "w" });
    expect(out).not.toContain("why: w");
    expect(out).not.toContain("https://docs.test");
  });

  it("keeps control characters out of a message, a source line, a fix and a hint, and shows them in a path", () => {
    const out = renderTerminal({
      findings: [
        finding({
          path: "a\u001b[2J.md",
          message: text`x\r\ny${"\u001b[31m"}\u202e`,
          hint: text`h\u0007\u0085`,
          fix: { line: 3, endLine: 3, replacement: "a\u009b\u200e" },
        }),
      ],
      fileCount: 1,
      lineText: () => "s\rt\u0000\u061c\u2066",
    });
    expect(out.split("\n").slice(1, 7)).toEqual([
      "a\\x1b[2J.md",
      "  3:1  warning  Unknown key  card/known-keys",
      "       x ⏎ y`\uFFFD[31m`\uFFFD",
      "       │ 3 │ s ⏎ t\uFFFD\uFFFD\uFFFD",
      "       fix: a\uFFFD\uFFFD",
      "       how to fix: h\uFFFD\uFFFD",
    ]);
    // Tabs stay.
    expect(renderTerminal({ findings: [finding({ message: text`a\tb` })], fileCount: 1 }).split("\n")[3]).toBe("       a\tb");
  });
});

describe("the closing line", () => {
  const closing = (input: Partial<Parameters<typeof renderTerminal>[0]>) => renderTerminal({ findings: [], fileCount: 2, ...input }).split("\n")[0];

  it("names the files reviewed, up to ten, and counts the rest", () => {
    expect(REVIEWED_NAMED).toBe(10);
    expect(closing({ fileCount: 1 })).toBe("✔ No problems found in 1 file.");
    expect(closing({ reviewed: ["README.md", "a\nb"] })).toBe("✔ No problems found in 2 files: README.md, a\\nb.");
    const names = Array.from({ length: 11 }, (_, i) => `f${i}`);
    expect(closing({ fileCount: 11, reviewed: names })).toBe(`✔ No problems found in 11 files: ${names.slice(0, 10).join(", ")} and 1 more.`);
    expect(closing({ fileCount: 10, reviewed: names.slice(0, 10) })).toBe(`✔ No problems found in 10 files: ${names.slice(0, 10).join(", ")}.`);
    expect(renderTerminal({ findings: [], fileCount: 1, style: ANSI_STYLE })).toBe("\u001b[1m✔\u001b[22m No problems found in 1 file.\n");
  });

  it("says no errors, not no problems, when --quiet left some out", () => {
    expect(closing({ hidden: { warnings: 1, notices: 0 } })).toBe("✔ No errors in 2 files. --quiet left out 1 warning.");
    expect(closing({ hidden: { warnings: 0, notices: 0 } })).toBe("✔ No problems found in 2 files.");
    expect(closing({ hidden: { warnings: 2, notices: 3 }, fixes: { mode: "applied", fixed: 1, files: 1 } })).toBe(
      "✔ Fixed 1 problem in 1 file; no errors left in 2 files. --quiet left out 2 warnings and 3 notices.",
    );
    expect(closing({ hidden: { warnings: 0, notices: 1 }, fixes: { mode: "dry-run", fixed: 2, files: 2 } })).toBe(
      "✔ After these fixes (2 in 2 files): no errors in 2 files. --quiet left out 1 notice. Nothing was written; run with --fix to apply them.",
    );
    expect(closing({ fixes: { mode: "applied", fixed: 3, files: 2 } })).toBe("✔ Fixed 3 problems in 2 files; no problems left in 2 files.");
    expect(closing({ fixes: { mode: "dry-run", fixed: 0, files: 0 } })).toBe("✔ No problems found in 2 files.");
  });

  it("with findings, counts those --quiet hid, those still fixable, and what a dry run would leave", () => {
    const fixable = finding({ fix: { line: 3, endLine: 3, replacement: "x" } });
    const last = (input: Partial<Parameters<typeof renderTerminal>[0]>) => renderTerminal({ findings: [fixable, finding()], fileCount: 1, ...input }).split("\n").at(-2);
    expect(last({ hidden: { warnings: 0, notices: 2 } })).toBe("⚠ 2 problems (2 warnings) · 1 fixable with --fix · --quiet left out 2 notices");
    expect(last({ fixes: { mode: "dry-run", fixed: 1, files: 1 } })).toBe("⚠ After these fixes (1 in 1 file): 2 problems (2 warnings) · 1 not applied. Nothing was written; run with --fix to apply them.");
    expect(last({ fixes: { mode: "applied", fixed: 0, files: 0 } })).toBe("⚠ 2 problems (2 warnings) · 1 not applied");
    expect(last({ fixes: { mode: "applied", fixed: 2, files: 1 } })).toBe("⚠ Fixed 2 problems in 1 file; 2 problems left (2 warnings) · 1 not applied");
    expect(renderTerminal({ findings: [finding()], fileCount: 1, fixes: { mode: "dry-run", fixed: 1, files: 1 } }).split("\n").at(-2)).toBe(
      "⚠ After these fixes (1 in 1 file): 1 problem (1 warning). Nothing was written; run with --fix to apply them.",
    );
  });
});

describe("hiddenPhrase", () => {
  it("names warnings and notices in the singular or plural, or nothing", () => {
    expect(hiddenPhrase(undefined)).toBe("");
    expect(hiddenPhrase({ warnings: 0, notices: 0 })).toBe("");
    expect(hiddenPhrase({ warnings: 1, notices: 1 })).toBe("1 warning and 1 notice");
    expect(hiddenPhrase({ warnings: 0, notices: 4 })).toBe("4 notices");
  });
});

describe("files that look like cards", () => {
  it("get one glob per folder of two or more Markdown files, and their own path otherwise, escaped", () => {
    expect(cardGlobs(["docs/a.md", "docs/b.md", "notes/x.md", "top.md", "other.md", "mixed/a.md", "mixed/b.txt"])).toEqual([
      "docs/*.md",
      "notes/x.md",
      "top.md",
      "other.md",
      "mixed/a.md",
      "mixed/b.txt",
    ]);
    expect(cardGlobs(["we*ird (1)/a.md", "we*ird (1)/b.md"])).toEqual(["we\\*ird \\(1\\)/*.md"]);
    expect(cardGlobs(["x/[a]{b}?!+@|\\.md"])).toEqual(["x/\\[a\\]\\{b\\}\\?\\!\\+\\@\\|\\\\.md"]);
    expect(cardGlobs(["a/b/c.md", "a/b/d.md", "a/e.md"])).toEqual(["a/b/*.md", "a/e.md"]);
  });

  it("are named, with the configuration that would review them as model and dataset cards", () => {
    expect(unreviewedCardsNote([])).toBe("");
    expect(
      unreviewedCardsNote([
        { path: "docs/a.md", dataset: false },
        { path: "docs/b.md", dataset: false },
        { path: "data/c\u001b.md", dataset: true },
      ]),
    ).toBe(
      [
        "",
        "3 files look like a card but were not reviewed (not a card file name):",
        "  docs/a.md",
        "  docs/b.md",
        "  data/c\\x1b.md",
        "To review them as cards (their text: placeholders, description, sections), add to .github/cardinal.yml:",
        "  cards:",
        "    model:",
        '      - "docs/*.md"',
        "    dataset:",
        '      - "data/c\\u001b.md"',
        "",
      ].join("\n"),
    );
    expect(unreviewedCardsNote([{ path: "notes.md", dataset: true }]).split("\n").slice(1, 2)).toEqual(["1 file looks like a card but was not reviewed (not a card file name):"]);
    expect(unreviewedCardsNote([{ path: "notes.md", dataset: true }])).not.toContain("model:");
  });

  it("follow the report, with findings or without", () => {
    const cards = [{ path: "notes.md", dataset: false }];
    const note = unreviewedCardsNote(cards);
    expect(renderTerminal({ findings: [], fileCount: 1, unreviewedCards: cards })).toBe(`✔ No problems found in 1 file.\n${note}`);
    expect(renderTerminal({ findings: [finding()], fileCount: 1, unreviewedCards: cards }).endsWith(`⚠ 1 problem (1 warning)\n${note}`)).toBe(true);
  });
});

describe("printable", () => {
  it("shows line breaks and tabs by name, other controls and bidi characters by code", () => {
    expect(printable("a\nb\rc\td")).toBe("a\\nb\\rc\\td");
    expect(printable("\u0000\u001f\u007f\u009f")).toBe("\\x00\\x1f\\x7f\\x9f");
    expect(printable("\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069")).toBe("\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a\\u202e\\u2066\\u2069");
    expect(printable("plain é 字 \u00a0")).toBe("plain é 字 \u00a0");
  });
});
