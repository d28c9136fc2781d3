import { readFileSync } from "node:fs";
import path from "node:path";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { docsUrl } from "../src/core/docs.js";
import type { RuleMeta } from "../src/core/rule.js";
import { text } from "../src/core/text.js";
import type { Finding } from "../src/core/types.js";
import { buildSarif, renderSarif, sarifRuleName, sarifUri } from "../src/report/sarif.js";
import { RULES } from "../src/rules/index.js";

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "fixtures/sarif-schema-2.1.0.json"), "utf8")) as object;
// The schema is JSON Schema draft-04, which Ajv 8 reads through ajv-draft-04 (CommonJS: the class is `.default`).
const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

/** Schema errors of a SARIF log, as readable strings (none when valid). */
function schemaErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

const metas: RuleMeta[] = RULES.map((r) => r.meta);

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: "card/front-matter-valid-yaml",
    severity: "error",
    title: "Metadata block is not valid YAML",
    message: text`The ${"["} on line 3 is never closed`,
    path: "README.md",
    line: 3,
    docsUrl: docsUrl("card/front-matter-valid-yaml"),
    ...overrides,
  };
}

const sarif = (findings: Finding[]) => buildSarif({ findings, rules: metas, version: "1.2.3", docsUrl: (id) => docsUrl(id), informationUri: "https://github.com/cardinal-app/cardinal" });

describe("SARIF 2.1.0 renderer", () => {
  it("an empty review is a valid log with every rule described", () => {
    const log = sarif([]);
    expect(schemaErrors(log)).toEqual([]);
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: "Cardinal", version: "1.2.3", semanticVersion: "1.2.3" });
    expect(driver.rules.map((r) => r.id)).toEqual(metas.map((m) => m.id));
    expect(log.runs[0]!.results).toEqual([]);
  });

  it("describes a rule: name, descriptions, help, docs link and default level", () => {
    const meta = metas.find((m) => m.id === "card/front-matter-valid-yaml")!;
    const rule = sarif([]).runs[0]!.tool.driver.rules.find((r) => r.id === meta.id)!;
    expect(rule).toEqual({
      id: meta.id,
      name: "CardFrontMatterValidYaml",
      shortDescription: { text: meta.title },
      fullDescription: { text: meta.description },
      help: { text: expect.stringContaining(meta.why), markdown: expect.stringContaining(`[the rule's page](${docsUrl(meta.id)})`) },
      helpUri: docsUrl(meta.id),
      defaultConfiguration: { level: "error" },
    });
    const notices = sarif([]).runs[0]!.tool.driver.rules.filter((r) => r.defaultConfiguration.level === "note");
    expect(notices.length).toBe(metas.filter((m) => m.defaultSeverity === "notice").length);
  });

  it("a finding: rule id and index, level, plain message with its hint, location", () => {
    const log = sarif([
      finding({ hint: text`Close the list with ${"]"}.`, column: 7 }),
      finding({ ruleId: "weights/prefer-safetensors", severity: "notice", path: "dir with space/model.bin", line: 2, endLine: 4, message: text`Pickle` }),
    ]);
    expect(schemaErrors(log)).toEqual([]);
    const [first, second] = log.runs[0]!.results;
    expect(first).toEqual({
      ruleId: "card/front-matter-valid-yaml",
      ruleIndex: metas.findIndex((m) => m.id === "card/front-matter-valid-yaml"),
      level: "error",
      message: { text: "The `[` on line 3 is never closed\n\nHow to fix: Close the list with `]`." },
      locations: [{ physicalLocation: { artifactLocation: { uri: "README.md" }, region: { startLine: 3, startColumn: 7 } } }],
    });
    expect(second).toMatchObject({
      level: "note",
      locations: [{ physicalLocation: { artifactLocation: { uri: "dir%20with%20space/model.bin" }, region: { startLine: 2, endLine: 4 } } }],
    });
  });

  it("a finding about the pull request as a whole has no location; one without a line has no region", () => {
    const log = sarif([finding({ path: "", line: undefined }), finding({ line: undefined })]);
    expect(schemaErrors(log)).toEqual([]);
    const [whole, file] = log.runs[0]!.results;
    expect(whole).not.toHaveProperty("locations");
    expect(file!.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: "README.md" } } }]);
  });

  it("a fix becomes a replacement of its lines", () => {
    const log = sarif([finding({ line: 6, fix: { line: 6, endLine: 7, replacement: "base_model: a/b\n---" } })]);
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results[0]!.fixes).toEqual([
      {
        description: { text: "Replace lines 6–7" },
        artifactChanges: [
          {
            artifactLocation: { uri: "README.md" },
            replacements: [{ deletedRegion: { startLine: 6, endLine: 7 }, insertedContent: { text: "base_model: a/b\n---" } }],
          },
        ],
      },
    ]);
  });

  it("a rule the registry does not know gets no index, and the log stays valid", () => {
    const log = sarif([finding({ ruleId: "custom/unknown" })]);
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results[0]).not.toHaveProperty("ruleIndex");
  });

  it("the validator does reject a broken log", () => {
    const log = sarif([finding({})]) as unknown as { runs: { results: { level: string }[] }[] };
    log.runs[0]!.results[0]!.level = "fatal";
    expect(schemaErrors(log).length).toBeGreaterThan(0);
  });

  it("renders as pretty JSON ending in a newline", () => {
    const input = { findings: [finding({})], rules: metas, version: "1.2.3", docsUrl: (id: string) => docsUrl(id) };
    expect(renderSarif(input)).toBe(`${JSON.stringify(buildSarif(input), null, 2)}\n`);
  });

  it("names and URIs", () => {
    expect(sarifRuleName("license/compatible-with-base-model")).toBe("LicenseCompatibleWithBaseModel");
    expect(sarifUri("models/a b/README.md")).toBe("models/a%20b/README.md");
    expect(sarifUri("models/ü#1.md")).toBe("models/%C3%BC%231.md");
  });
});
