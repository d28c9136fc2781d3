/**
 * Looking up a card's references on the Hub, for the hub/* rules: each
 * distinct repository once per rule (the client shares requests and caches
 * across rules and reviews), all in parallel.
 */
import type { HubClient, HubLookup } from "../core/hub.js";
import type { Card } from "./card.js";
import { cardReferences, type Reference } from "./references.js";

export interface ResolvedReference extends Reference {
  readonly card: Card;
  readonly lookup: HubLookup;
}

export async function resolveReferences(
  hub: HubClient,
  cards: readonly Card[],
  filter: (r: Reference) => boolean,
): Promise<ResolvedReference[]> {
  const refs = cards.flatMap((card) => cardReferences(card).filter(filter).map((r) => ({ ...r, card })));
  const distinct = new Map<string, Promise<HubLookup>>();
  for (const r of refs) {
    const key = `${r.type}:${r.id}`;
    if (!distinct.has(key)) distinct.set(key, hub.lookup(r.type, r.id));
  }
  const answers = new Map<string, HubLookup>();
  await Promise.all([...distinct].map(async ([key, p]) => answers.set(key, await p)));
  return refs.map((r) => ({ ...r, lookup: answers.get(`${r.type}:${r.id}`) as HubLookup }));
}

export const SOURCE_WORDS: Record<Reference["source"], string> = {
  datasets: "in `datasets`",
  base_model: "in `base_model`",
  new_version: "in `new_version`",
  "model-index": "in the evaluation results (`model-index`)",
  link: "in a link in the card",
};

/**
 * References of one type that the Hub does not know (hub/dataset-exists,
 * hub/model-exists). Every not-found answer is one case: whether the Hub
 * said 401, 403 or 404, and whether the repository is private, is not
 * something a finding may tell (the app reviews strangers' pull requests
 * with the operator's token).
 */
export async function missingReferences(hub: HubClient, cards: readonly Card[], type: "model" | "dataset"): Promise<ResolvedReference[]> {
  const resolved = await resolveReferences(hub, cards, (r) => r.type === type);
  return resolved.filter((ref) => ref.lookup.status === "not-found");
}
