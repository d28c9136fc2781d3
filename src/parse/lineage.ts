/**
 * A model's ancestry on the Hub: its base models, their base models, and so
 * on up to a depth bound, with each ancestor's declared licenses.
 */
import type { HubClient, HubRepoInfo } from "../core/hub.js";

export const MAX_LINEAGE_DEPTH = 4;

export interface Ancestor {
  readonly info: HubRepoInfo;
  /** The ids from the card's base model to this ancestor (the card's base first). */
  readonly path: readonly string[];
}

/** Ancestors reachable from `bases`, breadth first, each once; lookups the Hub cannot answer are skipped. */
export async function lineage(hub: HubClient, bases: readonly string[]): Promise<Ancestor[]> {
  const out: Ancestor[] = [];
  const seen = new Set<string>();
  let frontier: { id: string; path: string[] }[] = bases.map((id) => ({ id, path: [id] }));
  for (let depth = 0; depth < MAX_LINEAGE_DEPTH && frontier.length > 0; depth++) {
    const next: { id: string; path: string[] }[] = [];
    const found = await Promise.all(
      frontier
        .filter(({ id }) => !seen.has(id.toLowerCase()))
        .map(async (node) => {
          seen.add(node.id.toLowerCase());
          return { node, result: await hub.lookup("model", node.id) };
        }),
    );
    for (const { node, result } of found) {
      if (result.status !== "found") continue;
      out.push({ info: result.info, path: node.path });
      for (const parent of result.info.baseModels) next.push({ id: parent, path: [...node.path, parent] });
    }
    frontier = next;
  }
  return out;
}
