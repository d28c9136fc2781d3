import { describe, expect, it } from "vitest";
import { licenseSummary, opennessLines, renderOpenness } from "../src/report/openness.js";

describe("what licenses allow", () => {
  it.each([
    ["apache-2.0", "weights", "open source (OSI-approved) — any use, with attribution"],
    ["cc-by-4.0", "data", "open (an open data license) — any use, with attribution"],
    ["llama3.1", "weights", "open weights with use restrictions — not open source (OSI)"],
    ["creativeml-openrail-m", "weights", "open weights with use-based restrictions (RAIL) that derivatives must carry — not open source (OSI)"],
    ["cc-by-nc-4.0", "data", "non-commercial use only — not open"],
    ["gpl-3.0", "weights", "open source, copyleft — derivatives keep the same license"],
    ["other", "weights", "a custom license — read its terms"],
    ["Apache-2.0", "weights", undefined],
  ] as const)("%s (%s)", (id, subject, summary) => {
    expect(licenseSummary(id, subject)).toBe(summary);
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
      "Weights in `models/ft/README.md` under `llama3.1`: open weights with use restrictions — not open source (OSI).",
      "Trained on `tatsu-lab/alpaca` under `cc-by-nc-4.0`: non-commercial use only — not open.",
    ]);
    expect(renderOpenness(lines)).toMatch(/^<details><summary>What these licenses allow<\/summary>\n\n- Weights/);
    expect(renderOpenness([])).toBe("");
  });
});
