/**
 * Issue 20: the pure core reads no file at run time. `parse/license-text.ts`
 * read the SPDX texts through `createRequire` (a file read the I/O lint did
 * not see, since `node:module` was not on its list); the texts are now
 * imported at build time, and the lint refuses `node:module` in the core.
 */
import { ESLint } from "eslint";
import { describe, expect, it, vi } from "vitest";

// Any use of node:module in the code under test fails loudly.
vi.mock("node:module", () => ({
  createRequire: () => {
    throw new Error("the core asked node:module for a require at run time");
  },
}));

const { identifyLicense, REFERENCE_SPDX_IDS } = await import("../src/parse/license-text.js");
const { SPDX_TEXTS } = await import("../src/data/spdx-texts.js");
const { default: spdxList } = await import("spdx-license-list/full.js");

const MIT = (spdxList as Record<string, { licenseText: string }>)["MIT"]!.licenseText;

describe("the core reads no file at run time", () => {
  it("identifies an SPDX license with node:module unavailable", () => {
    expect(identifyLicense(MIT.replace("<year>", "2026").replace("<copyright holders>", "Acme AI"))).toMatchObject({ id: "mit", spdx: "MIT" });
  });

  it("the imported texts are exactly the references license-text.ts compares with, each the package's text", () => {
    expect([...SPDX_TEXTS.keys()].sort()).toEqual([...new Set(REFERENCE_SPDX_IDS)].sort());
    for (const [id, text] of SPDX_TEXTS) expect(text, id).toBe((spdxList as Record<string, { licenseText: string }>)[id]?.licenseText);
  });
});

describe("the I/O lint of the core", () => {
  const eslint = new ESLint();
  async function messages(code: string, filePath: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
  }

  it.each([
    ['import { createRequire } from "node:module";\nexport const r = createRequire;\n'],
    ['import { createRequire } from "module";\nexport const r = createRequire;\n'],
    ['import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n'],
  ])("refuses %s in src/parse", async (code) => {
    const found = await messages(code, "src/parse/example.ts");
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("stay free of I/O");
  });

  it("allows lru-cache in the core (a bounded cache is not I/O)", async () => {
    expect(await messages('import { LRUCache } from "lru-cache";\nexport const c = new LRUCache<string, string>({ max: 1 });\n', "src/parse/example.ts")).toEqual([]);
  });

  it("lets the I/O layer use node:module", async () => {
    expect(await messages('import { createRequire } from "node:module";\nexport const r = createRequire;\n', "src/io/example.ts")).toEqual([]);
  });
}, 60_000);
