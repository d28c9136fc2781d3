/**
 * report/lineage-graph.ts at its bounds: how many licenses, sources and
 * cards are drawn before the rest is counted, the label's length, which
 * characters a label keeps, and which Hub answer a source takes.
 */
import { describe, expect, it } from "vitest";
import type { FileFacts } from "../src/core/engine.js";
import type { HubReference } from "../src/core/hub.js";
import { GRAPH_MAX_CARDS, GRAPH_MAX_SOURCES, isRestrictive, lineageGraph, mermaidText } from "../src/report/lineage-graph.js";

const card = (path: string, facts: Partial<FileFacts> = {}): FileFacts => ({ path, kind: "model-card", status: "added", storage: "text", ...facts });
const found = (type: "model" | "dataset", id: string, licenses: string[]): HubReference => ({ type, id, status: "found", licenses });
const block = (graph: string) => graph.split("\n").slice(3, -1);

describe("mermaidText", () => {
  it("keeps letters, digits, space, _ . / + , : - and writes every other character as its code point", () => {
    expect(mermaidText("Aa0_ ./+,:-")).toBe("Aa0_ ./+,:-");
    expect(mermaidText("é😀|#;&")).toBe("#233;#128512;#124;#35;#59;#38;");
    expect(mermaidText("")).toBe("");
  });

  it("keeps 80 characters, and cuts a longer label to 79 and an ellipsis, counting an emoji as one", () => {
    expect(mermaidText("x".repeat(80))).toBe("x".repeat(80));
    expect(mermaidText("x".repeat(81))).toBe(`${"x".repeat(79)}#8230;`);
    expect(mermaidText("😀".repeat(80))).toBe("#128512;".repeat(80));
  });
});

describe("isRestrictive", () => {
  it("marks community, RAIL, non-commercial and no-derivatives licenses", () => {
    expect(["llama3", "openrail", "cc-by-nc-4.0", "cc-by-nd-4.0"].map(isRestrictive)).toEqual([true, true, true, true]);
    expect(["mit", "gpl-3.0", "other", "nonsense"].map(isRestrictive)).toEqual([false, false, false, false]);
  });
});

describe("lineageGraph", () => {
  it("shows three licenses of a node and counts the rest, marking the line when any is restrictive", () => {
    const graph = lineageGraph([card("README.md", { licenses: ["mit", "apache-2.0", "bsd", "cc-by-nc-4.0"], datasets: ["d/x"] })], [found("dataset", "d/x", ["mit", "apache-2.0", "bsd"])]);
    expect(block(graph)).toEqual([
      "flowchart LR",
      '  n0["README.md<br/>⚠️ mit, apache-2.0, bsd +1"]',
      '  n1["d/x<br/>mit, apache-2.0, bsd"]',
      "  n1 -->|dataset| n0",
      "  classDef restrictive stroke:#bc4c00,stroke-width:2px",
      "  class n0 restrictive",
    ]);
  });

  it("marks only the license line, never the name, even when the name is the license", () => {
    const graph = lineageGraph([card("llama3", { licenses: ["llama3"], baseModels: ["b/m"] })], []);
    expect(block(graph)[1]).toBe('  n0["llama3<br/>⚠️ llama3"]');
  });

  it("declares no license for an empty list, and draws a card that names datasets only", () => {
    expect(block(lineageGraph([card("README.md", { licenses: [], datasets: ["d/x"] })], []))).toEqual([
      "flowchart LR",
      '  n0["README.md<br/>no license declared"]',
      '  n1["d/x<br/>license not verified"]',
      "  n1 -->|dataset| n0",
    ]);
  });

  it("draws no dataset card, nor a model card with empty lists", () => {
    expect(lineageGraph([card("d/README.md", { kind: "dataset-card", baseModels: ["a/b"] }), card("m/README.md", { baseModels: [], datasets: [] })], [])).toBe("");
  });

  it("takes the Hub's answer of the same type and id, else of the same id in another case", () => {
    const refs = [
      found("dataset", "org/base", ["cc-by-nc-4.0"]),
      found("model", "ORG/BASE", ["gpl-3.0"]),
      found("model", "org/base", ["mit"]),
    ];
    expect(block(lineageGraph([card("README.md", { baseModels: ["org/base"] })], refs))[2]).toBe('  n1["org/base<br/>mit"]');
    expect(block(lineageGraph([card("README.md", { baseModels: ["Org/Base"] })], refs))[2]).toBe('  n1["Org/Base<br/>gpl-3.0"]');
    expect(block(lineageGraph([card("README.md", { datasets: ["ORG/base"] })], refs))[2]).toBe('  n1["ORG/base<br/>⚠️ cc-by-nc-4.0"]');
  });

  it("takes the first answer of the same id in another case, not the first answer of the type", () => {
    const refs = [found("model", "a/other", ["mit"]), found("model", "ORG/BASE", ["gpl-3.0"])];
    expect(block(lineageGraph([card("README.md", { baseModels: ["org/base"] })], refs))[2]).toBe('  n1["org/base<br/>gpl-3.0"]');
  });

  it("says no license on the Hub for a found repository without a license list", () => {
    expect(block(lineageGraph([card("README.md", { baseModels: ["a/b"] })], [{ type: "model", id: "a/b", status: "found" }]))[2]).toBe('  n1["a/b<br/>no license on the Hub"]');
  });

  it("draws ids that differ in more than ASCII case as two nodes", () => {
    const lines = block(lineageGraph([card("README.md", { baseModels: ["x/ß", "x/SS"] })], []));
    expect(lines.filter((l) => l.includes("-->"))).toEqual(["  n1 -->|base model| n0", "  n2 -->|base model| n0"]);
  });

  it("counts the sources left out of each card in its own node, never marked", () => {
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}/m${i}`);
    const graph = lineageGraph([card("a/README.md", { baseModels: ids("a", 7) }), card("b/README.md", { baseModels: ids("b", 8) })], []);
    expect(graph.split("\n")[0]).toBe("**Lineage**: what each card builds on, with its license.");
    expect(block(graph).filter((l) => l.includes("more") || l.includes("-.->"))).toEqual([
      '  n7["#8230; and 1 more"]',
      '  n15["#8230; and 2 more"]',
      "  n7 -.-> n0",
      "  n15 -.-> n8",
    ]);
    expect(graph).not.toContain("restrictive");
  });

  it("keeps a base model and a dataset of the same name apart, and a card drawn once", () => {
    const graph = lineageGraph([card("README.md", { baseModels: ["x/y"], datasets: ["x/y"] })], []);
    expect(block(graph)).toEqual([
      "flowchart LR",
      '  n0["README.md<br/>no license declared"]',
      '  n1["x/y<br/>license not verified"]',
      '  n2["x/y<br/>license not verified"]',
      "  n1 -->|base model| n0",
      "  n2 -->|dataset| n0",
    ]);
  });

  it("draws six sources with no 'more' node, and counts a seventh in one dotted edge", () => {
    expect(GRAPH_MAX_SOURCES).toBe(6);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `o/m${i}`);
    expect(block(lineageGraph([card("README.md", { baseModels: ids(6) })], [])).filter((l) => l.includes("more") || l.includes("-.->"))).toEqual([]);
    const seven = block(lineageGraph([card("README.md", { baseModels: ids(4), datasets: ["d/0", "d/1", "d/2"] })], []));
    expect(seven.filter((l) => l.includes("more") || l.includes("-.->") || l.includes("d/2"))).toEqual(['  n7["#8230; and 1 more"]', "  n7 -.-> n0"]);
    expect(seven.filter((l) => l.includes("-->|dataset|"))).toEqual(["  n5 -->|dataset| n0", "  n6 -->|dataset| n0"]);
  });

  it("draws four cards without a note, and says how many of five it shows", () => {
    expect(GRAPH_MAX_CARDS).toBe(4);
    const cards = (n: number) => Array.from({ length: n }, (_, i) => card(`m${i}/README.md`, { baseModels: ["o/b"] }));
    expect(lineageGraph(cards(4), []).split("\n")[0]).toBe("**Lineage**: what each card builds on, with its license.");
    const five = lineageGraph(cards(5), []);
    expect(five.split("\n")[0]).toBe("**Lineage**: what each card builds on, with its license. The graph shows 4 of the 5 cards.");
    expect(five).not.toContain("m4/README.md");
  });
});
