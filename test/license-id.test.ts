import { describe, expect, it } from "vitest";
import { judgeLicenseId, slugLicenseName, splitExpression } from "../src/parse/license-id.js";

describe("declared license values → Hub ids", () => {
  it.each([
    ["Apache-2.0", "apache-2.0"],
    // The Hub's own id for OpenMDW for two months of 2025, renamed since.
    ["open-mdw", "openmdw-1.0"],
    ["OpenMDW-1.0", "openmdw-1.0"],
    ["Apache 2.0", "apache-2.0"],
    ["apache2", "apache-2.0"],
    ["Apache License, Version 2.0", "apache-2.0"],
    ["MIT", "mit"],
    ["MIT License", "mit"],
    ["cc-by-4", "cc-by-4.0"],
    ["CC BY-NC 4.0", "cc-by-nc-4.0"],
    ["CC-BY-SA-4.0", "cc-by-sa-4.0"],
    ["Creative Commons Attribution Non Commercial 4.0", "cc-by-nc-4.0"],
    ["GPL-3.0-or-later", "gpl-3.0"],
    ["gplv3", "gpl-3.0"],
    ["AGPL-3.0-only", "agpl-3.0"],
    ["llama 3", "llama3"],
    ["Llama3.1", "llama3.1"],
    ["BSD 3-Clause", "bsd-3-clause"],
    ["CC0", "cc0-1.0"],
    ["openrail++", undefined],
  ])("%j → %s", (value, id) => {
    const verdict = judgeLicenseId(value);
    if (id === undefined) expect(verdict).toBeUndefined();
    else expect(verdict?.id).toBe(id);
  });

  it("says when -or-later is dropped", () => {
    expect(judgeLicenseId("GPL-3.0-or-later")?.note).toContain("-or-later");
  });

  it("Hub ids need no verdict", () => {
    for (const id of ["mit", "apache-2.0", "llama3.1", "other", "unknown", "cc-by-nc-sa-4.0"]) expect(judgeLicenseId(id)).toBeUndefined();
  });

  it("guesses without certainty for far-off values", () => {
    expect(judgeLicenseId("my-own-license")?.id).toBeUndefined();
  });

  it("SPDX expressions and license names", () => {
    expect(splitExpression("MIT OR Apache-2.0")).toEqual(["MIT", "Apache-2.0"]);
    expect(splitExpression("mit")).toBeUndefined();
    expect(slugLicenseName("Coqui Public Model License 1.0")).toBe("coqui-public-model-license-1.0");
  });
});
