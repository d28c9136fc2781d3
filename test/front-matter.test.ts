import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HUB_YAML_BLOCK, keyLines, parseFrontMatter } from "../src/parse/front-matter.js";

const DIR = new URL("./fixtures/hf-tests/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DIR), "utf8");

interface RegexCase {
  input: string;
  expected_match: boolean | null;
  got_match_python: boolean;
  group2_yaml?: unknown;
  body_after_match?: string;
  test: string;
}

describe("the Hub's front-matter regex (huggingface_hub TestRegexYamlBlock)", () => {
  const { cases } = JSON.parse(read("13_regex_yaml_block_cases.json")) as { cases: RegexCase[] };
  for (const c of cases.filter((c) => !c.input.includes("...(+"))) {
    it(c.test, () => {
      const fm = parseFrontMatter(c.input);
      expect(fm.status === "present").toBe(c.got_match_python);
      if (fm.status === "present") {
        expect(fm.data ?? null).toEqual(c.group2_yaml ?? null);
        expect(c.input.slice(fm.block.bodyOffset)).toBe(c.body_after_match);
      }
    });
  }

  it("does not backtrack on `---` followed by 200,000 newlines", () => {
    const input = `---${"\n".repeat(200_000)}`;
    expect(HUB_YAML_BLOCK.test(input)).toBe(false);
    expect(parseFrontMatter(input)).toMatchObject({ status: "absent", reason: "unclosed" });
  });
});

describe("real cards from huggingface_hub's tests", () => {
  const cards = readdirSync(DIR).filter((f) => /^\d\d_.*\.md$/.test(f));
  it("has the twelve card fixtures", () => expect(cards).toHaveLength(12));

  for (const name of cards) {
    const expected = JSON.parse(read(name.replace(/\.md$/, ".expected.json"))) as {
      pyyaml_parse_with_REGEX_YAML_BLOCK: { metadata_block_found: boolean; data?: unknown; error?: string; text_starts?: string };
    };
    const want = expected.pyyaml_parse_with_REGEX_YAML_BLOCK;
    it(name, () => {
      const source = read(name);
      const fm = parseFrontMatter(source);
      expect(fm.status === "present").toBe(want.metadata_block_found);
      if (fm.status !== "present") return;
      if (want.error) {
        expect(fm.isMapping).toBe(false);
        return;
      }
      expect(fm.isMapping).toBe(true);
      expect(fm.syntaxErrors).toEqual([]);
      if (name.startsWith("12_")) {
        // YAML 1.1 (PyYAML) reads `language: no` as false; YAML 1.2 keeps the string.
        expect(fm.data).toEqual({ ...(want.data as object), language: "no" });
      } else {
        expect(fm.data ?? {}).toEqual(want.data);
      }
      if (want.text_starts !== undefined) expect(source.slice(fm.block.bodyOffset)).toMatch(new RegExp(`^${escape(want.text_starts.slice(0, 20))}`));
    });
  }
});

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("line numbers are lines of the whole file", () => {
  it("counts the fence and leading blank lines", () => {
    const fm = parseFrontMatter("\n\n---\nlicense: mit\ntags:\n  - a\n---\n# T\n");
    expect(fm.status).toBe("present");
    if (fm.status !== "present") return;
    expect(fm.block).toMatchObject({ openLine: 3, yamlLine: 4, closeLine: 7, bodyLine: 8 });
    expect(keyLines(fm, "tags")).toEqual({ line: 5, endLine: 6, column: 1 });
    expect(keyLines(fm, "missing")).toBeUndefined();
  });

  it("CRLF: the closing fence line", () => {
    const fm = parseFrontMatter(read("06_sample_windows_line_breaks.md"));
    expect(fm.status).toBe("present");
    if (fm.status === "present") expect(read("06_sample_windows_line_breaks.md").split("\r\n")[fm.block.closeLine - 1]).toBe("---");
  });

  it("notices a byte-order mark (the Hub's JS regex accepts it; Python's does not)", () => {
    const fm = parseFrontMatter("\uFEFF---\nlicense: mit\n---\n");
    expect(fm).toMatchObject({ status: "present", bom: true });
  });
});

describe("why metadata is absent", () => {
  it.each([
    ["# Title\n", "none"],
    ["", "none"],
    ["---\n---\nbody\n", "empty"],
    ["---\nlicense: mit\n", "unclosed"],
    ["<!-- x -->\n---\nlicense: mit\n---\n", "text-before"],
    ["# Title\n---\nsome prose\n---\n", "none"],
  ])("%j → %s", (source, reason) => {
    expect(parseFrontMatter(source)).toMatchObject({ status: "absent", reason });
  });

  it("gives the misplaced block's line and keys", () => {
    expect(parseFrontMatter("Intro\n\n---\nlicense: mit\ntags: [a]\n---\n")).toEqual({
      status: "absent",
      reason: "text-before",
      line: 1,
      blockLine: 3,
      blockKeys: ["license", "tags"],
    });
  });
});
