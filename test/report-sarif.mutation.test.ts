/**
 * report/sarif.ts beyond the schema (test/sarif.test.ts): each descriptor's
 * help to the character, the optional driver fields, regions whose end or
 * column is missing or out of order, and a one-line fix.
 */
import { describe, expect, it } from "vitest";
import type { RuleMeta } from "../src/core/rule.js";
import { text } from "../src/core/text.js";
import type { Finding } from "../src/core/types.js";
import { buildSarif, SARIF_SCHEMA_URI, sarifRuleName, sarifUri } from "../src/report/sarif.js";

const meta: RuleMeta = {
  id: "card/front-matter-valid-yaml",
  title: "Metadata block is not valid YAML",
  description: "The metadata block parses as YAML.",
  why: "The Hub ignores metadata it cannot parse.",
  defaultSeverity: "warning",
};
const notice: RuleMeta = { ...meta, id: "weights/prefer-safetensors", defaultSeverity: "notice" };

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: meta.id,
  severity: "warning",
  title: meta.title,
  message: text`Line ${"x"}`,
  path: "README.md",
  line: 3,
  docsUrl: "https://docs.test/x.md",
  ...over,
});

const log = (findings: Finding[], over: { version?: string; informationUri?: string } = {}) =>
  buildSarif({ findings, rules: [meta, notice], version: over.version ?? "1.2.3", docsUrl: (id) => `https://docs.test/${id}.md`, ...(over.informationUri ? { informationUri: over.informationUri } : {}) });
const results = (findings: Finding[]) => log(findings).runs[0]!.results;

describe("the log", () => {
  it("names its schema, one run in UTF-16 columns, and the driver with each rule described", () => {
    const sarif = log([], { informationUri: "https://cardinal.test" });
    expect(sarif.$schema).toBe(SARIF_SCHEMA_URI);
    expect(SARIF_SCHEMA_URI).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(sarif.runs[0]!.columnKind).toBe("utf16CodeUnits");
    expect(sarif.runs[0]!.tool.driver).toEqual({
      name: "Cardinal",
      version: "1.2.3",
      semanticVersion: "1.2.3",
      informationUri: "https://cardinal.test",
      rules: [
        {
          id: meta.id,
          name: "CardFrontMatterValidYaml",
          shortDescription: { text: meta.title },
          fullDescription: { text: meta.description },
          help: {
            text: "The Hub ignores metadata it cannot parse. How to fix: see https://docs.test/card/front-matter-valid-yaml.md",
            markdown: "The Hub ignores metadata it cannot parse.\n\n**How to fix:** see [the rule's page](https://docs.test/card/front-matter-valid-yaml.md).",
          },
          helpUri: "https://docs.test/card/front-matter-valid-yaml.md",
          defaultConfiguration: { level: "warning" },
        },
        expect.objectContaining({ id: notice.id, name: "WeightsPreferSafetensors", defaultConfiguration: { level: "note" } }),
      ],
    });
  });

  it("gives a semantic version only for a version that starts like one, and no home page unless given", () => {
    const driver = log([], { version: "dev" }).runs[0]!.tool.driver;
    expect(driver).not.toHaveProperty("semanticVersion");
    expect(driver).not.toHaveProperty("informationUri");
    expect(log([], { version: "1.2" }).runs[0]!.tool.driver).not.toHaveProperty("semanticVersion");
    expect(log([], { version: "v1.2.3" }).runs[0]!.tool.driver).not.toHaveProperty("semanticVersion");
    expect(log([], { version: "10.20.30-rc.1" }).runs[0]!.tool.driver.semanticVersion).toBe("10.20.30-rc.1");
  });
});

describe("a result", () => {
  it("points at its rule by index, in registry order, and has each severity's level", () => {
    const [a, b, c] = results([finding({ ruleId: notice.id, severity: "notice" }), finding({ severity: "error" }), finding()]);
    expect(a).toMatchObject({ ruleId: notice.id, ruleIndex: 1, level: "note" });
    expect(b).toMatchObject({ ruleId: meta.id, ruleIndex: 0, level: "error" });
    expect(c).toMatchObject({ ruleIndex: 0, level: "warning" });
  });

  it("has a message without a hint section when there is no hint, or an empty one", () => {
    expect(results([finding()])[0]!.message).toEqual({ text: "Line `x`" });
    expect(results([finding({ hint: text`` })])[0]!.message).toEqual({ text: "Line `x`" });
  });

  it("keeps an end line only past the start line, and a column when there is one", () => {
    const region = (f: Partial<Finding>) => results([finding(f)])[0]!.locations![0]!.physicalLocation.region;
    expect(region({})).toEqual({ startLine: 3 });
    expect(region({ endLine: 3 })).toEqual({ startLine: 3 });
    expect(region({ endLine: 2 })).toEqual({ startLine: 3 });
    expect(region({ endLine: 5, column: 0 })).toEqual({ startLine: 3, endLine: 5, startColumn: 0 });
    expect(region({ column: 4 })).toEqual({ startLine: 3, startColumn: 4 });
    // The log object carries no field it has no value for.
    expect(Object.keys(region({}) ?? {})).toEqual(["startLine"]);
  });

  it("turns a one-line fix into a replacement of that line", () => {
    expect(results([finding({ path: "a b/README.md", fix: { line: 3, endLine: 3, replacement: "license: mit" } })])[0]).toEqual({
      ruleId: meta.id,
      ruleIndex: 0,
      level: "warning",
      message: { text: "Line `x`" },
      locations: [{ physicalLocation: { artifactLocation: { uri: "a%20b/README.md" }, region: { startLine: 3 } } }],
      fixes: [
        {
          description: { text: "Replace line 3" },
          artifactChanges: [
            { artifactLocation: { uri: "a%20b/README.md" }, replacements: [{ deletedRegion: { startLine: 3, endLine: 3 }, insertedContent: { text: "license: mit" } }] },
          ],
        },
      ],
    });
  });

  it("has no fix without one", () => {
    expect(results([finding()])[0]).not.toHaveProperty("fixes");
  });
});

describe("names and addresses", () => {
  it("capitalises each word between slashes and dashes, skipping empty ones", () => {
    expect(sarifRuleName("card/front-matter-valid-yaml")).toBe("CardFrontMatterValidYaml");
    expect(sarifRuleName("-a//b--c-")).toBe("ABC");
    expect(sarifRuleName("x")).toBe("X");
  });

  it("encodes each segment of a path, keeping the slashes", () => {
    expect(sarifUri("a/b c/d?e#f")).toBe("a/b%20c/d%3Fe%23f");
  });
});
