/** The declared license values of a card, each with its position, for the license rules. */
import type { Card } from "./card.js";
import { matchesShape } from "./card-schema.js";
import { entry, items, metadataOf, type Located } from "./metadata.js";

export function licenseValues(card: Card): (Located & { value: string })[] {
  if (!metadataOf(card)) return [];
  const e = entry(card, "license");
  if (!e || e.value === null || !matchesShape("strings", e.value)) return [];
  return items(card, e).filter((i): i is Located & { value: string } => typeof i.value === "string");
}
