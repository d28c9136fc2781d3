import { describe, expect, it } from "vitest";
import { HUB_LICENSES } from "../src/data/hf-licenses.js";
import { licenseSummary, opennessLines, renderOpenness } from "../src/report/openness.js";

describe("what licenses allow", () => {
  it.each([
    ["apache-2.0", "weights", "open source (OSI-approved) — any use, with attribution"],
    ["cc-by-4.0", "data", "open (an open data license) — any use, with attribution"],
    ["llama3.1", "weights", "open weights with use restrictions — not open source (OSI)"],
    ["creativeml-openrail-m", "weights", "open weights with use-based restrictions (RAIL) that derivatives must carry — not open source (OSI)"],
    ["cc-by-nc-4.0", "data", "non-commercial use only — not open"],
    ["gpl-3.0", "weights", "open source (OSI-approved), copyleft — derivatives keep the same license"],
    ["cc-by-sa-4.0", "data", "open (an open data license), share-alike — derivatives keep the same license"],
    ["lgpl-lr", "data", "copyleft terms — derivatives keep the same license"],
    // Not OSI-approved, so never called so (spec drift 2026-12: OpenMDW is "Not Submitted"; wtfpl and
    // bsd-3-clause-clear are FSF-only).
    ["openmdw-1.0", "weights", "open (OpenMDW, a permissive license for models, data and weights) — any use, keeping its notices"],
    ["openmdw-1.1", "weights", "open (OpenMDW, a permissive license for models, data and weights) — any use, keeping its notices"],
    ["wtfpl", "weights", "permissive, a free software license (FSF), not OSI-approved — any use"],
    ["bsd-3-clause-clear", "weights", "permissive, a free software license (FSF), not OSI-approved — any use"],
    ["cc0-1.0", "data", "open (a public-domain dedication) — any use"],
    ["unlicense", "weights", "open source (OSI-approved) — any use"],
    ["other", "weights", "a custom license — read its terms"],
    ["Apache-2.0", "weights", undefined],
  ] as const)("%s (%s)", (id, subject, summary) => {
    expect(licenseSummary(id, subject)).toBe(summary);
  });

  it("says OSI-approved only of licenses the OSI approved (per the Hub license table's notes)", () => {
    for (const license of HUB_LICENSES) {
      const summary = licenseSummary(license.id, "weights") ?? "";
      if (summary.includes("OSI-approved") && !summary.includes("not OSI-approved")) expect(license.notes, license.id).toMatch(/\bOSI\b/);
    }
  });

  it("one line per license of a card, and per training dataset the Hub described", () => {
    const lines = opennessLines(
      [
        { path: "models/ft/README.md", kind: "model-card", status: "added", storage: "text", licenses: ["llama3.1"], datasets: ["tatsu-lab/alpaca", "unseen/data"] },
        { path: "LICENSE", kind: "license", status: "added", storage: "text" },
      ],
      [{ type: "dataset", id: "tatsu-lab/alpaca", status: "found", licenses: ["cc-by-nc-4.0"] }],
    );
    expect(lines).toEqual([
      "The model card `models/ft/README.md` declares `llama3.1`: open weights with use restrictions — not open source (OSI).",
      "Trained on `tatsu-lab/alpaca` under `cc-by-nc-4.0`: non-commercial use only — not open.",
    ]);
    expect(renderOpenness(lines)).toMatch(/^<details><summary>What these licenses allow<\/summary>\n\n- The model card/);
    expect(renderOpenness([])).toBe("");
  });
});
