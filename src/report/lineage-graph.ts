/**
 * A model card's lineage as a picture: a small Mermaid flowchart (GitHub
 * renders ```mermaid blocks in comments) from each base model and training
 * dataset to the card, each node with its license, the licenses that
 * restrict use or derivatives marked. The text of "What these licenses
 * allow" stays beside it, for readers whose client shows no diagrams.
 *
 * Every label is user text (paths, repository ids, license ids from a card
 * or the Hub): each character outside a small safe set is written as a
 * Mermaid entity code (`#35;`), so a label can neither end its node, start
 * another statement, carry HTML or Markdown, nor close the fenced block.
 * Node ids are Cardinal's own (`n0`, `n1`, …).
 */
import type { FileFacts } from "../core/engine.js";
import type { HubReference } from "../core/hub.js";
import { categoryOf, type LicenseCategory } from "../data/license-compat.js";

/** Cards drawn; more cards are left to the text. */
export const GRAPH_MAX_CARDS = 4;
/** Base models and datasets drawn per card; the rest is one "… and N more" node. */
export const GRAPH_MAX_SOURCES = 6;
/** Longest label line kept (characters), then "…". */
const LABEL_MAX = 80;
/** License ids shown per node, then "+N". */
const LICENSES_SHOWN = 3;

/** License categories whose terms restrict use or what derivatives may do: marked in the graph. */
const RESTRICTIVE: ReadonlySet<LicenseCategory> = new Set(["community", "rail", "non-commercial", "no-derivatives"]);

export function isRestrictive(licenseId: string): boolean {
  return RESTRICTIVE.has(categoryOf(licenseId));
}

const MARK = "⚠️";

/** A label line with every character outside [A-Za-z0-9 ._/+,:-] (and `_`) as a Mermaid entity code. */
export function mermaidText(value: string): string {
  const chars = [...value];
  const kept = chars.length > LABEL_MAX ? [...chars.slice(0, LABEL_MAX - 1), "…"] : chars;
  return kept.map((c) => (/^[\w ./+,:-]$/.test(c) ? c : `#${c.codePointAt(0)};`)).join("");
}

interface Node {
  readonly id: string;
  readonly lines: readonly string[];
  readonly restrictive: boolean;
}

function licenseLine(ids: readonly string[]): { text: string; restrictive: boolean } {
  const shown = ids.slice(0, LICENSES_SHOWN).join(", ");
  const more = ids.length > LICENSES_SHOWN ? ` +${ids.length - LICENSES_SHOWN}` : "";
  return { text: `${shown}${more}`, restrictive: ids.some(isRestrictive) };
}

/** What the graph says of a base model or dataset's license, from what the Hub answered. */
function sourceLicense(ref: HubReference | undefined): { text: string; restrictive: boolean } {
  if (!ref || ref.status === "unavailable") return { text: "license not verified", restrictive: false };
  if (ref.status === "not-found") return { text: "not found on the Hub", restrictive: false };
  const licenses = ref.licenses ?? [];
  return licenses.length === 0 ? { text: "no license on the Hub", restrictive: false } : licenseLine(licenses);
}

function find(references: readonly HubReference[], type: "model" | "dataset", id: string): HubReference | undefined {
  const lower = id.toLowerCase();
  return references.find((r) => r.type === type && r.id === id) ?? references.find((r) => r.type === type && r.id.toLowerCase() === lower);
}

function label(node: Node): string {
  return node.lines.map((line, i) => (i === 1 && node.restrictive ? `${MARK} ${mermaidText(line)}` : mermaidText(line))).join("<br/>");
}

/**
 * The graph, as Markdown (a caption and a ```mermaid block), or "" when no
 * model card in `files` names a base model or a dataset.
 */
export function lineageGraph(files: readonly FileFacts[], references: readonly HubReference[]): string {
  const cards = files.filter((f) => f.kind === "model-card" && ((f.baseModels?.length ?? 0) > 0 || (f.datasets?.length ?? 0) > 0));
  if (cards.length === 0) return "";
  const nodes: Node[] = [];
  const byKey = new Map<string, Node>();
  const edges: string[] = [];
  const add = (key: string, lines: string[], restrictive: boolean): Node => {
    const known = byKey.get(key);
    if (known) return known;
    const node = { id: `n${nodes.length}`, lines, restrictive };
    nodes.push(node);
    byKey.set(key, node);
    return node;
  };
  for (const card of cards.slice(0, GRAPH_MAX_CARDS)) {
    const own = (card.licenses?.length ?? 0) > 0 ? licenseLine(card.licenses ?? []) : { text: "no license declared", restrictive: false };
    const target = add(`card:${card.path}`, [card.path, own.text], own.restrictive);
    const sources = [
      ...(card.baseModels ?? []).map((id) => ({ type: "model" as const, id, edge: "base model" })),
      ...(card.datasets ?? []).map((id) => ({ type: "dataset" as const, id, edge: "dataset" })),
    ];
    for (const source of sources.slice(0, GRAPH_MAX_SOURCES)) {
      const license = sourceLicense(find(references, source.type, source.id));
      const node = add(`${source.type}:${source.id.toLowerCase()}`, [source.id, license.text], license.restrictive);
      edges.push(`  ${node.id} -->|${source.edge}| ${target.id}`);
    }
    if (sources.length > GRAPH_MAX_SOURCES) {
      const rest = add(`more:${card.path}`, [`… and ${sources.length - GRAPH_MAX_SOURCES} more`], false);
      edges.push(`  ${rest.id} -.-> ${target.id}`);
    }
  }
  const restricted = nodes.filter((n) => n.restrictive).map((n) => n.id);
  const more = cards.length > GRAPH_MAX_CARDS ? ` The graph shows ${GRAPH_MAX_CARDS} of the ${cards.length} cards.` : "";
  return [
    `**Lineage**: what each card builds on, with its license${restricted.length > 0 ? ` (${MARK} restricts use or derivatives)` : ""}.${more}`,
    "",
    "```mermaid",
    "flowchart LR",
    ...nodes.map((n) => `  ${n.id}["${label(n)}"]`),
    ...edges,
    ...(restricted.length > 0 ? ["  classDef restrictive stroke:#bc4c00,stroke-width:2px", `  class ${restricted.join(",")} restrictive`] : []),
    "```",
  ].join("\n");
}
