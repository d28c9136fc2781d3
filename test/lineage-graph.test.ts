import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FileFacts } from "../src/core/engine.js";
import type { HubReference } from "../src/core/hub.js";
import { renderComment } from "../src/report/comment.js";
import { GRAPH_MAX_CARDS, GRAPH_MAX_SOURCES, lineageGraph, mermaidText } from "../src/report/lineage-graph.js";
import { seeded } from "./helpers/property.js";

const card = (path: string, facts: Partial<FileFacts> = {}): FileFacts => ({ path, kind: "model-card", status: "added", storage: "text", ...facts });
const found = (type: "model" | "dataset", id: string, licenses: string[]): HubReference => ({ type, id, status: "found", licenses });

/** The lines between the fences. */
function body(graph: string): string[] {
  const lines = graph.split("\n");
  const open = lines.indexOf("```mermaid");
  const close = lines.indexOf("```", open + 1);
  expect(open).toBeGreaterThan(-1);
  expect(close).toBe(lines.length - 1);
  return lines.slice(open + 1, close);
}

describe("lineageGraph", () => {
  it("draws each base model and dataset into the card, with licenses, the restrictive ones marked", () => {
    const graph = lineageGraph(
      [card("models/ft/README.md", { licenses: ["llama3"], baseModels: ["meta-llama/Meta-Llama-3-8B"], datasets: ["tatsu-lab/alpaca", "stanfordnlp/imdb"] })],
      [found("model", "meta-llama/Meta-Llama-3-8B", ["llama3"]), found("dataset", "tatsu-lab/alpaca", ["cc-by-nc-4.0"]), found("dataset", "stanfordnlp/imdb", ["apache-2.0"])],
    );
    expect(graph).toBe(
      [
        "**Lineage**: what each card builds on, with its license (⚠️ restricts use or derivatives).",
        "",
        "```mermaid",
        "flowchart LR",
        '  n0["models/ft/README.md<br/>⚠️ llama3"]',
        '  n1["meta-llama/Meta-Llama-3-8B<br/>⚠️ llama3"]',
        '  n2["tatsu-lab/alpaca<br/>⚠️ cc-by-nc-4.0"]',
        '  n3["stanfordnlp/imdb<br/>apache-2.0"]',
        "  n1 -->|base model| n0",
        "  n2 -->|dataset| n0",
        "  n3 -->|dataset| n0",
        "  classDef restrictive stroke:#bc4c00,stroke-width:2px",
        "  class n0,n1,n2 restrictive",
        "```",
      ].join("\n"),
    );
  });

  it("says what the Hub could not tell, and draws a base two cards share once", () => {
    const graph = lineageGraph(
      [
        card("a/README.md", { baseModels: ["org/base", "org/missing"] }),
        card("b/README.md", { licenses: ["mit"], baseModels: ["ORG/base", "org/slow", "org/bare"] }),
        card("c/README.md", { licenses: ["mit"] }),
        { path: "d/README.md", kind: "dataset-card", status: "added", storage: "text", datasets: ["x/y"] },
      ],
      [
        found("model", "org/base", ["apache-2.0"]),
        { type: "model", id: "org/missing", status: "not-found" },
        { type: "model", id: "org/slow", status: "unavailable" },
        found("model", "org/bare", []),
      ],
    );
    expect(body(graph)).toEqual([
      "flowchart LR",
      '  n0["a/README.md<br/>no license declared"]',
      '  n1["org/base<br/>apache-2.0"]',
      '  n2["org/missing<br/>not found on the Hub"]',
      '  n3["b/README.md<br/>mit"]',
      '  n4["org/slow<br/>license not verified"]',
      '  n5["org/bare<br/>no license on the Hub"]',
      "  n1 -->|base model| n0",
      "  n2 -->|base model| n0",
      "  n1 -->|base model| n3",
      "  n4 -->|base model| n3",
      "  n5 -->|base model| n3",
    ]);
    expect(graph.split("\n")[0]).toBe("**Lineage**: what each card builds on, with its license.");
  });

  it("is empty when no model card names a base model or a dataset", () => {
    expect(lineageGraph([card("README.md", { licenses: ["mit"] })], [])).toBe("");
    expect(lineageGraph([], [])).toBe("");
  });

  it("stays small: a few sources per card and a few cards, the rest counted", () => {
    const bases = Array.from({ length: GRAPH_MAX_SOURCES + 4 }, (_, i) => `org/m${i}`);
    const many = body(lineageGraph([card("README.md", { baseModels: bases })], []));
    expect(many.filter((l) => l.includes("-->|base model|"))).toHaveLength(GRAPH_MAX_SOURCES);
    expect(many).toContain(`  n${GRAPH_MAX_SOURCES + 1}["#8230; and 4 more"]`);
    const cards = Array.from({ length: GRAPH_MAX_CARDS + 2 }, (_, i) => card(`m${i}/README.md`, { baseModels: ["org/base"] }));
    const graph = lineageGraph(cards, []);
    expect(graph.split("\n")[0]).toBe(`**Lineage**: what each card builds on, with its license. The graph shows ${GRAPH_MAX_CARDS} of the ${GRAPH_MAX_CARDS + 2} cards.`);
    expect(body(graph).filter((l) => l.includes("-->"))).toHaveLength(GRAPH_MAX_CARDS);
  });

  it("writes user text so it can only be a label: quotes, brackets, HTML, backticks and line breaks become entity codes", () => {
    expect(mermaidText('a"]; click n0 "https://evil"')).toBe("a#34;#93;#59; click n0 #34;https://evil#34;");
    expect(mermaidText("<img src=x>```\n#35;")).toBe("#60;img src#61;x#62;#96;#96;#96;#10;#35;35#59;");
    expect(mermaidText("x".repeat(100))).toBe(`${"x".repeat(79)}#8230;`);
  });

  it("gives every line of the block a fixed shape, whatever the card and the Hub say (random names)", () => {
    const name = fc.string({ unit: "binary", maxLength: 40 });
    fc.assert(
      fc.property(name, name, name, fc.array(name, { maxLength: 3 }), (path, base, dataset, licenses) => {
        const graph = lineageGraph([card(path, { licenses, baseModels: [base], datasets: [dataset] })], [found("model", base, licenses), found("dataset", dataset, licenses)]);
        for (const line of body(graph)) {
          expect(line).toMatch(/^(flowchart LR| {2}n\d+\["[^"`<>\n\r]*(<br\/>[^"`<>\n\r]*)?"\]| {2}n\d+ -->\|(base model|dataset)\| n\d+| {2}classDef restrictive [^\n]+| {2}class n\d+(,n\d+)* restrictive)$/u);
        }
      }),
      seeded(150),
    );
  });
});

describe("the comment", () => {
  it("shows the graph before the licenses' text, which stays for readers without Mermaid", () => {
    const files = [card("models/ft/README.md", { licenses: ["apache-2.0"], baseModels: ["org/base"] })];
    const body = renderComment({
      findings: [{ ruleId: "card/has-description", severity: "warning", title: "No description", message: [], path: "models/ft/README.md", docsUrl: "https://example.test/r" }],
      ruleMeta: () => undefined,
      rulesUrl: "https://example.test/rules",
      openness: ["Weights in `models/ft/README.md` under `apache-2.0`: open source (OSI-approved) — any use, with attribution."],
      lineage: lineageGraph(files, [found("model", "org/base", ["apache-2.0"])]),
    });
    const graphAt = body.indexOf("```mermaid\nflowchart LR\n");
    const textAt = body.indexOf("<details><summary>What these licenses allow</summary>");
    expect(graphAt).toBeGreaterThan(-1);
    expect(textAt).toBeGreaterThan(graphAt);
    expect(body).toContain("- Weights in `models/ft/README.md` under `apache-2.0`");
  });
});
