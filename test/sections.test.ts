import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../src/parse/front-matter.js";
import { LineIndex } from "../src/parse/lines.js";
import {
  findPlaceholders,
  hasProse,
  normaliseTitle,
  parseBody,
  placeholdersInLine,
  sections,
  type Section,
} from "../src/parse/sections.js";

const card = (text: string) => ({ text, frontMatter: parseFrontMatter(text) });
const outline = (list: readonly Section[]) => list.map((s) => `${s.depth} ${s.title} @${s.line}-${s.endLine}`);
const CRLF = (text: string) => text.replace(/\n/g, "\r\n");
const CR = (text: string) => text.replace(/\n/g, "\r");

const SAMPLE = [
  "---", // 1
  "license: mit", // 2
  "---", // 3
  "", // 4
  "# Tiny", // 5
  "", // 6
  "A small model.", // 7
  "", // 8
  "## Uses", // 9
  "", // 10
  "```sh", // 11
  "# not a heading", // 12
  "```", // 13
  "", // 14
  "Limitations", // 15
  "-----------", // 16
  "", // 17
  "### Known issues", // 18
  "<!-- none yet -->", // 19
  "", // 20
  "Training", // 21
  "========", // 22
  "", // 23
  "On UD.", // 24
  "",
].join("\n");

describe("sections", () => {
  const expected = [
    "1 Tiny @5-20",
    "2 Uses @9-14",
    "2 Limitations @15-20",
    "3 Known issues @18-20",
    "1 Training @21-24",
  ];

  it("finds ATX and setext headings at their file lines, after the front matter", () => {
    expect(outline(sections(card(SAMPLE)))).toEqual(expected);
  });

  it("gives the same lines with CRLF line breaks", () => {
    expect(outline(sections(card(CRLF(SAMPLE))))).toEqual(expected);
  });

  it("gives the same lines with CR line breaks (no front matter: the Hub's regex needs LF after the closing fence)", () => {
    const noFrontMatter = SAMPLE.replace("---\nlicense: mit\n---\n", "\n\n\n");
    expect(outline(sections(card(noFrontMatter)))).toEqual(expected);
    expect(outline(sections(card(CR(noFrontMatter))))).toEqual(expected);
  });

  it("does not read the front matter as a rule and a setext heading", () => {
    const titles = sections(card("---\nlicense: mit\n---\n# Title\n")).map((s) => s.title);
    expect(titles).toEqual(["Title"]);
  });

  it("does not read a misplaced metadata block (text above it) as a heading", () => {
    const text = "<!-- generated -->\n---\nlicense: mit\n---\n# Model\n";
    expect(parseFrontMatter(text)).toMatchObject({ status: "absent", reason: "text-before" });
    expect(outline(sections(card(text)))).toEqual(["1 Model @5-5"]);
  });

  it("reads a card without front matter from line 1, byte-order mark included", () => {
    expect(outline(sections(card("\uFEFF# Title\n\nText.\n")))).toEqual(["1 Title @1-3"]);
    expect(outline(sections(card("Intro.\n\n## Part\n")))).toEqual(["2 Part @3-3"]);
  });

  it("ignores headings in fenced code (``` and ~~~), indented code, lists and blockquotes", () => {
    const text = "# A\n\n~~~\n# no\n~~~\n\n    # no\n\n- # no\n\n> # no\n\n````md\n```\n# no\n```\n````\n## B\n";
    expect(outline(sections(card(text)))).toEqual(["1 A @1-18", "2 B @18-18"]);
  });

  it("counts content lines: comments, rules and link definitions are not content, code is", () => {
    const list = sections(card(SAMPLE));
    const byTitle = Object.fromEntries(list.map((s) => [s.title, s]));
    expect(byTitle["Uses"]).toMatchObject({ contentLines: 3, isEmpty: false, subsections: 0 });
    expect(byTitle["Known issues"]).toMatchObject({ contentLines: 0, isEmpty: true });
    expect(byTitle["Limitations"]).toMatchObject({ contentLines: 0, isEmpty: true, subsections: 1 });
    expect(byTitle["Tiny"]).toMatchObject({ contentLines: 4, isEmpty: false, subsections: 3 });

    const other = sections(card("# A\n\n---\n\n[ref]: https://example.com\n\n<!--\nmulti-line\n-->\n# B\n\n![img](x.png)\n"));
    expect(other.map((s) => [s.title, s.isEmpty])).toEqual([
      ["A", true],
      ["B", false],
    ]);
  });

  it("gives plain-text titles", () => {
    const text = [
      "# **Bold** and _em_ ##",
      "## [Link](https://x.org) `code` ![alt](i.png)",
      "## Q&amp;A <sup>new</sup> \\*",
      "## Model Sources [optional]",
    ].join("\n");
    expect(sections(card(text)).map((s) => s.title)).toEqual(["Bold and em", "Link code alt", "Q&A new *", "Model Sources [optional]"]);
  });

  it("a heading with no text has an empty title", () => {
    expect(sections(card("#\n\ntext\n")).map((s) => [s.title, s.line])).toEqual([["", 1]]);
  });

  it("the last section ends at the last line of text", () => {
    expect(sections(card("# A\ntext\n\n\n"))[0]?.endLine).toBe(4);
    expect(sections(card("# A\ntext"))[0]?.endLine).toBe(2);
  });

  it("the heading lines of huggingface_hub's test cards are right", () => {
    const dir = new URL("./fixtures/hf-tests/", import.meta.url);
    const files = readdirSync(dir).filter((f) => /^\d\d_.*\.md$/.test(f));
    let seen = 0;
    for (const file of files) {
      const text = readFileSync(new URL(file, dir), "utf8");
      const lines = new LineIndex(text);
      for (const section of sections(card(text))) {
        expect(lines.lineText(section.line), file).toMatch(/^ {0,3}#{1,6}(\s|$)/);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(5);
    const windows = readFileSync(new URL("06_sample_windows_line_breaks.md", dir), "utf8");
    expect(outline(sections(card(windows)))).toEqual(["1 Hello old Windows line breaks @11-11"]);
  });
});

describe("blocks", () => {
  it("have file lines with any line break, front matter or not", () => {
    const noFrontMatter = SAMPLE.replace("---\nlicense: mit\n---\n", "\n\n\n");
    for (const text of [SAMPLE, CRLF(SAMPLE), noFrontMatter, CR(noFrontMatter)]) {
      const body = parseBody(card(text));
      expect(body.line).toBe(text === SAMPLE || text === CRLF(SAMPLE) ? 4 : 1);
      expect(body.blocks.map((b) => `${b.type}@${b.line}-${b.endLine}`)).toEqual([
        "heading@5-5",
        "paragraph@7-7",
        "heading@9-9",
        "code@11-13",
        "heading@15-16",
        "heading@18-18",
        "html@19-19",
        "heading@21-22",
        "paragraph@24-24",
      ]);
    }
  });

  it("stay on their lines where marked trims an HTML block", () => {
    const body = parseBody(card("<!-- c -->\n\t\n# A\n\ntext\n"));
    expect(body.blocks.map((b) => `${b.type}@${b.line}`)).toEqual(["html@1", "heading@3", "paragraph@5"]);
  });

  it("a block on every line of random markdown starts where its text is", () => {
    const pieces = ["# H", "text", "", "   ", "    code", "```", "~~~", "- item", "> quote", "<div>", "<!-- c -->", "<!--", "-->", "---", "===", "| a | b |", "|---|---|", "[x]: http://a", "\t", "Setext"];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 2000; n++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)] as string);
      const eol = ["\n", "\r\n", "\r"][n % 3] as string;
      const text = (n % 2 === 0 ? `---${eol}license: mit${eol}---${eol}` : "") + lines.join(eol) + eol;
      const index = new LineIndex(text);
      for (const block of parseBody(card(text)).blocks) {
        const rawLines = block.raw.split("\n");
        const first = rawLines.findIndex((l) => l.trim() !== "");
        expect(index.lineText(block.line + first).trim(), JSON.stringify(text)).toBe((rawLines[first] ?? "").trim());
      }
    }
  });
});

describe("placeholders", () => {
  it("finds [More Information Needed] with or without brackets, in any case", () => {
    const found = findPlaceholders(
      card("---\nlicense: mit\n---\n- **License:** [More Information Needed]\n- **Type:** more information needed.\n\nMORE INFORMATION NEEDED\n\n| a | [ More Information Needed ] |\n"),
    );
    expect(found.map((p) => [p.line, p.kind, p.text])).toEqual([
      [4, "more-information-needed", "[More Information Needed]"],
      [5, "more-information-needed", "more information needed"],
      [7, "more-information-needed", "MORE INFORMATION NEEDED"],
      [9, "more-information-needed", "[ More Information Needed ]"],
    ]);
  });

  it("leaves the phrase alone inside a sentence", () => {
    expect(placeholdersInLine("Ask us if more information needed, or read the paper.")).toEqual([]);
  });

  it("finds unrendered Jinja, counting a marker with a default value once", () => {
    const found = placeholdersInLine('- **License:** {{ license | default("[More Information Needed]", true)}} {% if x %}');
    expect(found.map((p) => [p.kind, p.text])).toEqual([
      ["jinja", '{{ license | default("[More Information Needed]", true)}}'],
      ["jinja", "{% if x %}"],
    ]);
    expect(placeholdersInLine("{{card_data}}").map((p) => p.kind)).toEqual(["jinja"]);
  });

  it("does not take LaTeX or other braces for Jinja", () => {
    expect(placeholdersInLine("$\\frac{{a}}{b}$, $x^{{2}}$, a{{b}}, {{ {a} }}, {{1}}")).toEqual([]);
  });

  it("finds the template's stock text when it is visible", () => {
    const found = placeholdersInLine("# Model Card for Model ID");
    expect(found.map((p) => [p.kind, p.text])).toEqual([["template-text", "Model Card for Model ID"]]);
    expect(placeholdersInLine("Provide a quick summary of what the model is/does.")).toHaveLength(1);
    expect(
      placeholdersInLine(
        "Users (both direct and downstream) should be made aware of the risks, biases and limitations of the model. More information needed for further recommendations.",
      ).map((p) => p.text),
    ).toEqual(["More information needed for further recommendations"]);
  });

  it("skips code, inline code and HTML comments, also across lines and inside lists", () => {
    const text = [
      "# A", // 1
      "<!-- Provide a quick summary of what the model is/does. -->", // 2
      "<!--", // 3
      "[More Information Needed]", // 4
      "-->", // 5
      "", // 6
      "```", // 7
      "{{ name }}", // 8
      "```", // 9
      "", // 10
      "Use `{{ name }}` and ``[More Information Needed]``.", // 11
      "", // 12
      "- step", // 13
      "  ```jinja", // 14
      "  {% for m in messages %}", // 15
      "  ```", // 16
      "- [More Information Needed]", // 17
      "", // 18
      "<pre>", // 19
      "{{ x }}", // 20
      "</pre>", // 21
      "", // 22
      "text <!-- {{ hidden }} --> {{ shown }}", // 23
    ].join("\n");
    expect(findPlaceholders(card(text)).map((p) => [p.line, p.text])).toEqual([
      [17, "[More Information Needed]"],
      [23, "{{ shown }}"],
    ]);
  });

  it("reports lines of a CRLF card with front matter", () => {
    const text = CRLF("---\nlicense: mit\n---\n\n# Model Card for Model ID\n\n## Uses\n\n[More Information Needed]\n");
    expect(findPlaceholders(card(text)).map((p) => p.line)).toEqual([5, 9]);
  });
});

describe("prose", () => {
  it("counts words outside headings, code, links, badges and placeholders", () => {
    expect(parseBody(card("# A long title with words\n\n```\ncode words here\n```\n")).proseWords).toBe(0);
    expect(parseBody(card("[![Badge](https://x/b.svg)](https://x) [docs](#docs) https://x.org/page\n")).proseWords).toBe(0);
    expect(parseBody(card("- **License:** [More Information Needed]\n\n**BibTeX:**\n")).proseWords).toBe(0);
    expect(parseBody(card("See [the paper](https://arxiv.org/abs/1) for details.\n")).proseWords).toBe(5);
    expect(hasProse(card("---\nlicense: mit\n---\nA small model.\n"))).toBe(true);
    expect(hasProse(card("---\nlicense: mit\n---\n这是一个中文分词模型。\n"))).toBe(true);
    expect(hasProse(card("---\nlicense: mit\n---\nTODO\n"))).toBe(false);
  });

  it("knows a body that is only whitespace and comments", () => {
    expect(parseBody(card("---\nlicense: mit\n---\n\n<!-- later -->\n\n")).isBlank).toBe(true);
    expect(parseBody(card("---\nlicense: mit\n---\n# A\n")).isBlank).toBe(false);
  });
});

describe("normaliseTitle", () => {
  it("lowercases and turns punctuation into single spaces", () => {
    expect(normaliseTitle("Bias, Risks, and Limitations")).toBe("bias risks and limitations");
    expect(normaliseTitle("  🚀 How-to  use (quick)! ")).toBe("how to use quick");
    expect(normaliseTitle("Données d'entraînement")).toBe("données d entraînement");
  });
});

describe("a 5 MB card", () => {
  it("is read correctly: every section, its lines, and the placeholders", () => {
    const unit = "## Section\n\nSome text with **bold** and a [link](https://example.com).\n\n- item: [More Information Needed]\n\n```py\n# not a heading\n```\n\n";
    const unitLines = 10;
    const repeats = Math.ceil((5 * 1024 * 1024) / unit.length);
    const text = CRLF(`---\nlicense: mit\n---\n# Big\n\n${unit.repeat(repeats)}`);
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);

    const body = parseBody(card(text));
    expect(body.sections).toHaveLength(repeats + 1);
    expect(body.sections[1]).toMatchObject({ title: "Section", line: 6, endLine: 6 + unitLines - 1, contentLines: 5 });
    const last = body.sections[repeats] as Section;
    expect(last.line).toBe(6 + (repeats - 1) * unitLines);
    expect(last.endLine).toBe(new LineIndex(text).lineCount - 1);
    expect(body.placeholders).toHaveLength(repeats);
    expect(body.placeholders[repeats - 1]?.line).toBe(last.line + 4);
  }, 60_000);

  it("with hostile lines (unclosed brackets, tags, braces, backticks) gives sane results", () => {
    const size = 5 * 1024 * 1024;
    const fill = (s: string) => s.repeat(Math.ceil(size / 5 / s.length));
    const text = [
      "# Start",
      fill("["),
      fill("![x"),
      fill("<a "),
      fill("{{ a `"),
      fill("[x](#a) ![i](u) <b>t</b> `c` "),
      "## End",
      "",
    ].join("\n\n");
    const body = parseBody(card(text));
    expect(outline(body.sections)).toEqual(["1 Start @1-14", "2 End @13-14"]);
    expect(body.placeholders).toHaveLength(0);
    expect(body.proseWords).toBeGreaterThan(0);
  }, 60_000);
});
