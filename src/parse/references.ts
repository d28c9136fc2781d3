/**
 * The Hub repositories a card refers to, with where: `datasets`,
 * `base_model`, `new_version`, model-index `dataset.type`, and dataset
 * links in the card's text. Only well-formed ids are listed; malformed ones
 * are card/repo-ids-valid's findings.
 */
import { isMap, isSeq, type Node } from "yaml";
import type { Card } from "./card.js";
import { asStrings } from "./card-schema.js";
import { entry, field, items, metadataOf, type Located } from "./metadata.js";
import { checkRepoId } from "./repo-id.js";
import { trimEndChars } from "../core/strings.js";

export type ReferenceSource = "datasets" | "base_model" | "new_version" | "model-index" | "link";

export interface Reference {
  readonly type: "model" | "dataset";
  readonly id: string;
  readonly source: ReferenceSource;
  readonly line: number;
  readonly column: number;
}

/** Hub dataset addresses in text. Linear: no nested quantifiers. */
const DATASET_LINK = /https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/datasets\/([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)?)/g;

function fromEntry(card: Card, key: "datasets" | "base_model" | "new_version", type: "model" | "dataset"): Reference[] {
  const e = entry(card, key);
  if (!e || e.value === null || asStrings(e.value).length === 0) return [];
  return items(card, e).flatMap((item) =>
    typeof item.value === "string" && !checkRepoId(item.value, type)
      ? [{ type, id: item.value, source: key, line: item.line, column: item.column }]
      : [],
  );
}

function fromModelIndex(card: Card): Reference[] {
  const e = entry(card, "model-index");
  if (!e || !isSeq(e.node)) return [];
  const out: Reference[] = [];
  for (const model of items(card, e)) {
    if (!isMap(model.node)) continue;
    const results = field(card, model, "results");
    if (!results || !isSeq(results.node)) continue;
    for (const result of items(card, results)) {
      if (!isMap(result.node)) continue;
      const dataset = field(card, result as Located, "dataset");
      if (!dataset || !isMap(dataset.node as Node)) continue;
      const type = field(card, dataset, "type");
      if (type && typeof type.value === "string" && !checkRepoId(type.value, "dataset")) {
        out.push({ type: "dataset", id: type.value, source: "model-index", line: type.line, column: type.column });
      }
    }
  }
  return out;
}

function fromLinks(card: Card): Reference[] {
  const fm = card.frontMatter;
  const start = fm.status === "present" ? fm.block.bodyOffset : 0;
  const out: Reference[] = [];
  DATASET_LINK.lastIndex = 0;
  const body = card.text.slice(start);
  for (const match of body.matchAll(DATASET_LINK)) {
    const id = trimEndChars(match[1] ?? "", ".");
    if (!id || checkRepoId(id, "dataset")) continue;
    const { line, column } = card.lines.position(start + (match.index ?? 0));
    out.push({ type: "dataset", id, source: "link", line, column });
  }
  return out;
}

/** Every reference of a card, in file order. */
export function cardReferences(card: Card): Reference[] {
  const metadata = metadataOf(card)
    ? [
        ...fromEntry(card, "datasets", "dataset"),
        ...(card.kind === "model" ? [...fromEntry(card, "base_model", "model"), ...fromEntry(card, "new_version", "model")] : []),
        ...(card.kind === "model" ? fromModelIndex(card) : []),
      ]
    : [];
  return [...metadata, ...fromLinks(card)];
}
