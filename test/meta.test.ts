import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { docsPath } from "../src/core/docs.js";
import { renderRuleIndex, renderRulePage, ruleSourceDir } from "../src/report/rule-docs.js";
import { RULES } from "../src/rules/index.js";

const root = path.resolve(import.meta.dirname, "..");
const read = (p: string) => readFileSync(path.join(root, p), "utf8");

describe("every registered rule is documented and tested", () => {
  it("rule ids are unique and read as domain/name", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const rule of RULES) {
    const { id } = rule.meta;
    describe(id, () => {
      const dir = ruleSourceDir(id);

      it("has rule.ts, rule.test.ts and README.md in its folder", () => {
        for (const file of ["rule.ts", "rule.test.ts", "README.md"]) {
          expect(existsSync(path.join(root, dir, file)), `${dir}/${file}`).toBe(true);
        }
      });

      it("its tests exercise it", () => {
        const test = read(`${dir}/rule.test.ts`);
        expect(test).toMatch(/import rule(, \{[^}]*\})? from "\.\/rule\.js"/);
        expect(test).toMatch(/ruleTester\(rule|runRule\(rule/);
      });

      it("its README says how to fix what it reports", () => {
        expect(read(`${dir}/README.md`)).toMatch(/^## How to fix$/m);
      });

      it("has complete metadata", () => {
        expect(rule.meta.title.length).toBeGreaterThan(5);
        expect(rule.meta.title).not.toMatch(/\.$/);
        expect(rule.meta.description).toMatch(/\.$/);
        expect(rule.meta.why).toMatch(/\.$/);
      });

      it("its docs page is generated and up to date (run `npm run docs`)", () => {
        const page = docsPath(id);
        expect(existsSync(path.join(root, page)), page).toBe(true);
        expect(read(page)).toBe(renderRulePage(rule.meta, read(`${dir}/README.md`)));
      });
    });
  }

  it("the rule index is up to date (run `npm run docs`)", () => {
    expect(read("docs/rules/README.md")).toBe(renderRuleIndex(RULES.map((r) => r.meta)));
  });

  it("no rule folder is left out of the registry", () => {
    const folders: string[] = [];
    const rulesDir = path.join(root, "src/rules");
    for (const domain of readdirSync(rulesDir)) {
      if (!statSync(path.join(rulesDir, domain)).isDirectory()) continue;
      for (const name of readdirSync(path.join(rulesDir, domain))) folders.push(`${domain}/${name}`);
    }
    expect(folders.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  it("no stale docs page is left behind", () => {
    const pages: string[] = [];
    const docsDir = path.join(root, "docs/rules");
    for (const domain of readdirSync(docsDir)) {
      if (!statSync(path.join(docsDir, domain)).isDirectory()) continue;
      for (const page of readdirSync(path.join(docsDir, domain))) pages.push(`${domain}/${page.replace(/\.md$/, "")}`);
    }
    expect(pages.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });
});

describe("the configuration's JSON Schema and reference", () => {
  it("schema/cardinal.schema.json is up to date (run `npm run docs`)", async () => {
    const { CONFIG_SCHEMA_PATH, renderConfigJsonSchema } = await import("../src/tools/generate-docs.js");
    expect(existsSync(path.join(root, CONFIG_SCHEMA_PATH)), CONFIG_SCHEMA_PATH).toBe(true);
    expect(read(CONFIG_SCHEMA_PATH)).toBe(renderConfigJsonSchema());
  });

  it("docs/configuration-reference.md is up to date (run `npm run docs`)", async () => {
    const { CONFIG_REFERENCE_PATH, renderConfigReference } = await import("../src/tools/generate-docs.js");
    expect(existsSync(path.join(root, CONFIG_REFERENCE_PATH)), CONFIG_REFERENCE_PATH).toBe(true);
    expect(read(CONFIG_REFERENCE_PATH)).toBe(renderConfigReference());
  });

  it("the schema accepts the defaults and real settings, and rejects typos and unknown rules", async () => {
    const { configJsonSchema } = await import("../src/tools/generate-docs.js");
    const { defaultConfig } = await import("../src/core/config.js");
    const { Ajv } = await import("ajv");
    const validate = new Ajv({ strict: false }).compile(configJsonSchema());
    const defaults = JSON.parse(JSON.stringify(defaultConfig())) as unknown;
    expect(validate(defaults), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ rules: { "card/front-matter-present": "off" }, review: { drafts: true }, hub: false })).toBe(true);
    expect(validate({ reviews: { drafts: true } })).toBe(false);
    expect(validate({ rules: { "card/front-matter-presnt": "off" } })).toBe(false);
    expect(validate({ rules: { "card/front-matter-present": "fatal" } })).toBe(false);
    expect(validate({ max_file_size: 0 })).toBe(false);
  });

  it("the reference lists every top-level key", async () => {
    const { renderConfigReference } = await import("../src/tools/generate-docs.js");
    const { configSchema } = await import("../src/core/config.js");
    const reference = renderConfigReference();
    for (const key of Object.keys(configSchema.shape)) expect(reference).toContain(`| \`${key}\` |`);
  });
});
