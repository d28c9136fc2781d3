/**
 * report/markdown.ts, helper by helper: what a user value becomes in a code
 * span, in escaped prose, in a fenced block and on one line.
 */
import { describe, expect, it } from "vitest";
import { quoted, text } from "../src/core/text.js";
import { escapeMarkdown, fencedBlock, inlineCode, oneLine, renderText, visibleLines } from "../src/report/markdown.js";

describe("oneLine", () => {
  it("turns every kind of line break into a space", () => {
    expect(oneLine("a\r\nb\rc\nd\u2028e\u2029f")).toBe("a b c d e f");
  });

  it("replaces control and bidi characters, and keeps tabs", () => {
    expect(oneLine("a\u0000b\u0008c\u000bd\u000ce\u001ff\u007fg\u009fh")).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh");
    expect(oneLine("a\tb")).toBe("a\tb");
    expect(oneLine("x\u202ey\u2066z\u200f\u061c")).toBe("x\uFFFDy\uFFFDz\uFFFD\uFFFD");
    expect(oneLine("plain é 字")).toBe("plain é 字");
  });
});

describe("inlineCode", () => {
  it("fences a value with one backtick more than its longest run", () => {
    expect(inlineCode("abc")).toBe("`abc`");
    expect(inlineCode("a`b")).toBe("``a`b``");
    expect(inlineCode("a``b`c")).toBe("```a``b`c```");
  });

  it("pads a value that starts or ends with a backtick, or starts and ends with a space", () => {
    expect(inlineCode("`a")).toBe("`` `a ``");
    expect(inlineCode("a`")).toBe("`` a` ``");
    expect(inlineCode(" a ")).toBe("`  a  `");
    expect(inlineCode(" a")).toBe("` a`");
    expect(inlineCode("a ")).toBe("`a `");
  });

  it("says when a value is empty or blank", () => {
    expect(inlineCode("")).toBe("(empty)");
    expect(inlineCode("   ")).toBe("(blank)");
    expect(inlineCode("\n")).toBe("(blank)");
  });

  it("cuts a value past 120 characters with an ellipsis, never inside a surrogate pair", () => {
    expect(inlineCode("x".repeat(120))).toBe(`\`${"x".repeat(120)}\``);
    expect(inlineCode("x".repeat(121))).toBe(`\`${"x".repeat(119)}…\``);
    // An emoji whose halves would straddle the cut is dropped whole.
    const value = `${"x".repeat(118)}😀${"y".repeat(10)}`;
    expect(inlineCode(value)).toBe(`\`${"x".repeat(118)}…\``);
    const before = `${"x".repeat(117)}😀${"y".repeat(10)}`;
    expect(inlineCode(before)).toBe(`\`${"x".repeat(117)}😀…\``);
    // The first and the last high surrogates (U+10000, U+10FFFF).
    expect(inlineCode(`${"x".repeat(118)}\u{10000}${"y".repeat(10)}`)).toBe(`\`${"x".repeat(118)}…\``);
    expect(inlineCode(`${"x".repeat(118)}\u{10FFFF}${"y".repeat(10)}`)).toBe(`\`${"x".repeat(118)}…\``);
  });

  it("keeps the value on one line", () => {
    expect(inlineCode("a\nb")).toBe("`a b`");
  });
});

describe("escapeMarkdown", () => {
  it("escapes markdown punctuation and HTML", () => {
    expect(escapeMarkdown("\\`*_{}[]()#+!|<>~")).toBe("\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\#\\+\\!\\|\\<\\>\\~");
    expect(escapeMarkdown("a & b")).toBe("a &amp; b");
  });

  it("breaks mentions and issue references", () => {
    expect(escapeMarkdown("@octocat")).toBe("@\u200boctocat");
    expect(escapeMarkdown("see #12")).toBe("see \\#\u200b12");
    expect(escapeMarkdown("GH-7 and gh-8")).toBe("GH-\u200b7 and gh-\u200b8");
    expect(escapeMarkdown("ugh-9")).toBe("ugh-9");
  });

  it("breaks bare addresses", () => {
    expect(escapeMarkdown("https://x.test")).toBe("https\\://x.test");
    expect(escapeMarkdown("www.x.test")).toBe("www\\.x.test");
    expect(escapeMarkdown("awww.x")).toBe("awww.x");
  });

  it("escapes a list marker or a number at the start only", () => {
    expect(escapeMarkdown("- item")).toBe("\\- item");
    expect(escapeMarkdown("  = x")).toBe("  \\= x");
    expect(escapeMarkdown("12. item")).toBe("12\\. item");
    expect(escapeMarkdown("a - b 1. c")).toBe("a - b 1. c");
    expect(escapeMarkdown("v1. x")).toBe("v1. x");
  });

  it("keeps the text on one line", () => {
    expect(escapeMarkdown("a\n- b")).toBe("a - b");
  });
});

describe("renderText", () => {
  it("keeps prose, fences values and escapes quoted words", () => {
    expect(renderText(text`Key ${"a*b"} said ${quoted("*hi*")}.`)).toBe("Key `a*b` said \\*hi\\*.");
  });
});

describe("visibleLines", () => {
  it("keeps line breaks and shows control and bidi characters", () => {
    expect(visibleLines("a\nb\r\nc\td")).toBe("a\nb\r\nc\td");
    expect(visibleLines("a\u0000b\u2028c\u202ed\u007f")).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFD");
  });
});

describe("fencedBlock", () => {
  it("fences with three backticks, or one more than the longest run inside", () => {
    expect(fencedBlock("a: 1", "yaml")).toBe("```yaml\na: 1\n```");
    expect(fencedBlock("a ``` b")).toBe("````\na ``` b\n````");
    expect(fencedBlock("a `` b")).toBe("```\na `` b\n```");
  });
});
