/** The declared license values of a card, each with its position, for the license rules. */
import { hubLicense } from "../data/hf-licenses.js";
import type { Card } from "./card.js";
import { judgeLicenseId } from "./license-id.js";
import { matchesShape } from "./card-schema.js";
import { entry, items, metadataOf, type Located } from "./metadata.js";

export function licenseValues(card: Card): (Located & { value: string })[] {
  if (!metadataOf(card)) return [];
  const e = entry(card, "license");
  if (!e || e.value === null || !matchesShape("strings", e.value)) return [];
  return items(card, e).filter((i): i is Located & { value: string } => typeof i.value === "string");
}

/**
 * The Hub license ids a card means: its values that are Hub ids, and the
 * certain id of those that are not (`Apache 2.0` → `apache-2.0`), so that
 * the lineage and data checks judge what the author meant while
 * license/known-id asks for the spelling.
 */
export function effectiveLicenses(card: Card): { id: string; line: number; column: number }[] {
  return licenseValues(card).flatMap((v) => {
    if (hubLicense(v.value)) return [{ id: v.value, line: v.line, column: v.column }];
    const id = judgeLicenseId(v.value)?.id;
    return id ? [{ id, line: v.line, column: v.column }] : [];
  });
}
