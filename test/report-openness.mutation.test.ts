/**
 * report/openness.ts: the words for each kind of license (which ones may be
 * called open, open source or OSI-approved), and the lines a review's cards
 * and the Hub's datasets give.
 */
import { describe, expect, it } from "vitest";
import type { FileFacts } from "../src/core/engine.js";
import type { HubReference } from "../src/core/hub.js";
import { licenseSummary, opennessLines, renderOpenness } from "../src/report/openness.js";

describe("licenseSummary", () => {
  it.each([
    ["mit", "weights", "open source (OSI-approved) — any use, with attribution"],
    ["apache-2.0", "data", "open source (OSI-approved) — any use, with attribution"],
    ["odc-by", "data", "open (an open data license) — any use, with attribution"],
    ["cdla-permissive-2.0", "data", "open (an open data license) — any use, with attribution"],
    ["odbl", "data", "open (an open data license), share-alike — derivatives keep the same license"],
    ["cdla-sharing-1.0", "data", "open (an open data license), share-alike — derivatives keep the same license"],
    ["mpl-2.0", "weights", "open source (OSI-approved), copyleft — derivatives keep the same license"],
    ["llama3.1", "data", "open data with use restrictions — not open source (OSI)"],
    ["openrail", "data", "open data with use-based restrictions (RAIL) that derivatives must carry — not open source (OSI)"],
    ["cc-by-nd-4.0", "weights", "no derivatives may be shared — not open"],
    // The Model Openness Tool does not call it open: never "open source", even with the OSI in its notes.
    ["etalab-2.0", "weights", "permissive terms — any use"],
    ["unknown", "weights", undefined],
    ["not-a-license", "weights", undefined],
  ] as const)("%s (%s)", (id, subject, summary) => {
    expect(licenseSummary(id, subject)).toBe(summary);
  });
});

describe("opennessLines", () => {
  const card = (over: Partial<FileFacts>): FileFacts => ({ path: "README.md", kind: "model-card", status: "added", storage: "text", ...over });

  it("speaks of a dataset card's data, and of nothing for files that are not cards", () => {
    expect(
      opennessLines(
        [
          card({ path: "data/README.md", kind: "dataset-card", licenses: ["cc-by-4.0"] }),
          card({ path: "LICENSE", kind: "license", licenses: ["mit"] }),
          card({ path: "m/README.md", licenses: ["llama3.1"] }),
        ],
        [],
      ),
    ).toEqual([
      "The dataset card `data/README.md` declares `cc-by-4.0`: open (an open data license) — any use, with attribution.",
      "The model card `m/README.md` declares `llama3.1`: open weights with use restrictions — not open source (OSI).",
    ]);
  });

  it("leaves out licenses it has no words for, and says each line once", () => {
    expect(opennessLines([card({ licenses: ["unknown", "mit", "mit"] }), card({ licenses: ["mit"] })], [])).toEqual([
      "The model card `README.md` declares `mit`: open source (OSI-approved) — any use, with attribution.",
    ]);
    expect(opennessLines([card({})], [])).toEqual([]);
  });

  it("describes a training dataset only from a found answer of the Hub about a dataset of that id, by its canonical name", () => {
    const refs: HubReference[] = [
      { type: "model", id: "a/data", status: "found", licenses: ["mit"] },
      { type: "dataset", id: "b/data", status: "unavailable", licenses: ["mit"] },
      { type: "dataset", id: "c/data", status: "found", canonicalId: "C/Data", licenses: ["cc-by-nc-4.0", "unknown"] },
      { type: "dataset", id: "d/data", status: "found" },
    ];
    expect(opennessLines([card({ datasets: ["a/data", "b/data", "c/data", "d/data", "e/data"] })], refs)).toEqual([
      "Trained on `C/Data` under `cc-by-nc-4.0`: non-commercial use only — not open.",
    ]);
    expect(opennessLines([card({ datasets: ["x/y"] })], [{ type: "dataset", id: "x/y", status: "found", licenses: ["cc-by-4.0"] }])).toEqual([
      "Trained on `x/y` under `cc-by-4.0`: open (an open data license) — any use, with attribution.",
    ]);
  });
});

describe("the subject of restricted licenses", () => {
  const card = (over: Partial<FileFacts>): FileFacts => ({ path: "README.md", kind: "dataset-card", status: "added", storage: "text", ...over });

  it("is the data of a dataset card and of a training dataset, the weights of a model card", () => {
    expect(
      opennessLines(
        [card({ licenses: ["llama3.1"] }), card({ path: "m/README.md", kind: "model-card", datasets: ["x/y"] })],
        [{ type: "dataset", id: "x/y", status: "found", licenses: ["openrail"] }],
      ),
    ).toEqual([
      "The dataset card `README.md` declares `llama3.1`: open data with use restrictions — not open source (OSI).",
      "Trained on `x/y` under `openrail`: open data with use-based restrictions (RAIL) that derivatives must carry — not open source (OSI).",
    ]);
  });
});

describe("renderOpenness", () => {
  it("folds the lines into a details block", () => {
    expect(renderOpenness(["One.", "Two."])).toBe("<details><summary>What these licenses allow</summary>\n\n- One.\n- Two.\n\n</details>");
    expect(renderOpenness([])).toBe("");
  });
});
