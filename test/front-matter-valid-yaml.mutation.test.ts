/**
 * card/front-matter-valid-yaml, finding by finding: the exact line, column,
 * message and hint for each kind of YAML mistake, and the cards it leaves
 * alone. Beside the rule's own tester cases; written from the mutants those
 * let live.
 */
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/core/config.js";
import { review } from "../src/core/engine.js";
import { plain } from "../src/core/text.js";
import rule from "../src/rules/card/front-matter-valid-yaml/rule.js";

interface Seen {
  line: number | undefined;
  column: number | undefined;
  title: string;
  message: string;
  hint: string;
}

async function findings(text: string, path = "README.md", config: unknown = {}): Promise<Seen[]> {
  const result = await review({
    workspace: { source: "folder", files: [{ path, status: "unchanged", content: { type: "text", text } }] },
    config: resolveConfig(config, [rule.meta.id]).config,
    rules: [rule],
  });
  return result.findings.map((f) => ({
    line: f.line,
    column: f.column,
    title: f.title,
    message: plain(f.message),
    hint: plain(f.hint ?? []),
  }));
}

const card = (...yaml: string[]) => ["---", "license: mit", ...yaml, "---", "# Model", ""].join("\n");
const TITLE = "Metadata block is not valid YAML";

describe("each parser error, with its advice", () => {
  it.each([
    [
      "a tab as indentation",
      card("a:", "\tb: 1"),
      4,
      1,
      "Tabs are not allowed as indentation at line 4, column 1: `b: 1`",
      "Indent with spaces: YAML does not allow tabs for indentation, and PyYAML, which huggingface_hub reads cards with, refuses a tab at the start of a line.",
    ],
    [
      "a mapping item out of line",
      card("a:", "    b: 1", "  c: 2"),
      5,
      1,
      "All mapping items must start at the same column at line 5, column 1: `c: 2`",
      "Check the indentation here, and that every `[` and `{` is closed on the same block.",
    ],
    [
      "a colon inside a value",
      card("library_name: a: b"),
      3,
      15,
      "Nested mappings are not allowed in compact mappings at line 3, column 15: `library_name: a: b`",
      'A value that contains `: ` must be quoted, for example `description: "a: b"`.',
    ],
    [
      "a key over two lines",
      card("foo bar", "baz: 1"),
      3,
      1,
      "Implicit keys need to be on a single line at line 3, column 1: `foo bar`",
      "A key must fit on one line; quote a value that spans lines or use `|` for a block of text.",
    ],
    [
      "a stray closing bracket",
      card("tags: [a]]"),
      3,
      10,
      'Unexpected flow-seq-end token in YAML stream: "]" at line 3, column 10: `tags: [a]]`',
      "Quote values that start with `@`, a backtick, `*`, `&`, `!`, `%`, `[` or `{`.",
    ],
    [
      "an unclosed quote",
      card('x: "abc'),
      3,
      8,
      'Missing closing "quote at line 3, column 8: `x: "abc`',
      "A quote or bracket is not closed.",
    ],
    [
      "a value starting with @",
      card("x: @abc"),
      3,
      4,
      "Plain value cannot start with reserved character @ at line 3, column 4: `x: @abc`",
      "Quote values that start with `@`, a backtick or `%`.",
    ],
    [
      "an error without advice of its own",
      card("x: &a &b 1"),
      3,
      7,
      "A node can have at most one anchor at line 3, column 7: `x: &a &b 1`",
      "Fix the YAML at this line; quoting the value often helps.",
    ],
  ])("%s", async (_, text, line, column, message, hint) => {
    expect(await findings(text)).toEqual([{ line, column, title: TITLE, message, hint }]);
  });

  it("reports the first error only, counting the others", async () => {
    const [two] = await findings(card("a:", "\tb: 1", "c:", "\td: 2", "e:", "\tf: 1"));
    expect(two?.message).toBe("Tabs are not allowed as indentation at line 4, column 1: `b: 1` (2 more errors follow from it or come after it.)");
    const [one] = await findings(card("a:", "\tb: 1", "c:", "\td: 2"));
    expect(one?.message).toMatch(/^Tabs are not allowed as indentation at line 4, column 1: `b: 1` \(1 more error [a-z]/);
  });
});

describe("an unclosed bracket is reported where it opens", () => {
  it("a list, with the list's advice", async () => {
    expect(await findings(card("tags: [nlp, text", "pipeline_tag: fill-mask"))).toEqual([
      {
        line: 3,
        column: undefined,
        title: TITLE,
        message: "The `[` on line 3 is never closed: `tags: [nlp, text`",
        hint: "Close the list with `]` on the same line, or write one item per line starting with `- `.",
      },
    ]);
  });

  it("a mapping, with the mapping's advice", async () => {
    expect(await findings(card("x: {a: 1, b: 2"))).toEqual([
      { line: 3, column: undefined, title: TITLE, message: "The `{` on line 3 is never closed: `x: {a: 1, b: 2`", hint: "Close the mapping with `}`." },
    ]);
  });

  it("on the first line of the metadata", async () => {
    const [found] = await findings("---\ntags: [a\nlicense: mit\n---\n");
    expect(found).toMatchObject({ line: 2, message: "The `[` on line 2 is never closed: `tags: [a`" });
  });

  it("the last line that opens more than it closes, above the error", async () => {
    const [found] = await findings(card("x: [a, [b]", "y: 1"));
    expect(found).toMatchObject({ line: 3, message: "The `[` on line 3 is never closed: `x: [a, [b]`" });
    const [below] = await findings(card("a: [1", "b: [2]", "c: 3"));
    expect(below).toMatchObject({ line: 3 });
  });

  it("not counting brackets inside double or single quotes, escapes included", async () => {
    const [escaped] = await findings(card('x: ["a\\"]", b', "y: 1"));
    expect(escaped).toMatchObject({ line: 3, message: 'The `[` on line 3 is never closed: `x: ["a\\"]", b`' });
    const [single] = await findings(card("x: ['a]', b", "y: 1"));
    expect(single).toMatchObject({ line: 3, message: "The `[` on line 3 is never closed: `x: ['a]', b`" });
    const [mapping] = await findings(card('widget_note: "[x"', "inference: {parameters: {temperature: 0.7}", "library_name: x"));
    expect(mapping).toMatchObject({ line: 4, message: "The `{` on line 4 is never closed: `inference: {parameters: {temperature: 0.7}`" });
  });

  it("not past the line the parser stopped at, whatever the card's text says below", async () => {
    const [found] = await findings("---\nlicense: mit\ntags: [a\npipeline_tag: x\n---\n# Model [draft\n");
    expect(found).toMatchObject({ line: 3 });
  });

  it("a quoted value closes where its quote does", async () => {
    // Line 4's brackets balance once "x y" is read as one string: the unclosed one is on line 3.
    const [found] = await findings(card("tags: [a", 'b: ["x y"]', "c: 1"));
    expect(found).toMatchObject({ line: 3, message: "The `[` on line 3 is never closed: `tags: [a`" });
  });

  it("quotes the line without its indentation", async () => {
    const [found] = await findings(card("a:", "  b: [x", "  c: 1"));
    expect(found?.message).toBe("The `[` on line 4 is never closed: `b: [x`");
  });

  it("counting the errors that follow", async () => {
    const [found] = await findings(card("x: [a, {b: 1]"));
    expect(found?.message).toMatch(/^The `\{` on line 3 is never closed: `x: \[a, \{b: 1\]` \(1 more error [a-z]/);
  });
});

describe("what the rule leaves alone", () => {
  it("valid metadata", async () => {
    expect(await findings(card("tags: [a, b]", "x: '[not a list'"))).toEqual([]);
  });

  it("a card that is not the Hub's README.md", async () => {
    expect(await findings(card("tags: [a"), "docs/card.md", { cards: { model: ["docs/*.md"] } })).toEqual([]);
  });

  it("a README whose block is prose after a horizontal rule", async () => {
    expect(await findings("---\nSome words: here [and\nmore words\n---\n# Title\n")).toEqual([]);
  });

  it("a card without metadata", async () => {
    expect(await findings("# Model\n\nlicense: mit\n", "README.md", { cards: { model: ["README.md"] } })).toEqual([]);
  });
});

describe("an alias bomb", () => {
  it("is named as such, at the first line of the metadata", async () => {
    const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, prev] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"]] as const) {
      lol.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    expect(await findings(["---", ...lol, "---", ""].join("\n"), "README.md", { cards: { model: ["README.md"] } })).toEqual([
      {
        line: 2,
        column: undefined,
        title: "Metadata uses too many YAML aliases",
        message: 'The metadata expands more than 100 aliases (`*name`), the pattern of a YAML "billion laughs" attack, so Cardinal did not read it.',
        hint: "Write the values out instead of repeating them through anchors and aliases.",
      },
    ]);
  });
});
