import { isMap, isScalar } from "yaml";
import { DATASET_CARD_KEYS, MODEL_CARD_KEYS, intendedKey } from "./card-schema.js";
import { dirname, type PathKind } from "./classify.js";
import { parseFrontMatter, type FrontMatter } from "./front-matter.js";
import { LineIndex } from "./lines.js";

export type CardKind = "model" | "dataset";

const MODEL_KEYS = new Set(MODEL_CARD_KEYS);
const DATASET_KEYS = new Set(DATASET_CARD_KEYS);
const DATASET_ONLY = new Set(DATASET_CARD_KEYS.filter((k) => !MODEL_KEYS.has(k)));
const MODEL_ONLY = new Set(MODEL_CARD_KEYS.filter((k) => !DATASET_KEYS.has(k)));

/** Kinds that mean "a model lives in this folder". */
const MODEL_FILE_KINDS: ReadonlySet<PathKind> = new Set(["weights", "weights-index", "model-config", "adapter-config"]);

export interface CardCandidate {
  readonly path: string;
  readonly kind: PathKind;
  /** The file's text; undefined when it is binary, too large or removed. */
  readonly text: string | undefined;
}

export interface CardHints {
  /** Paths of every relevant file known, with their kinds (to see model files beside a README). */
  readonly siblings: ReadonlyMap<string, PathKind>;
}

export interface Card {
  readonly path: string;
  readonly kind: CardKind;
  readonly text: string;
  readonly lines: LineIndex;
  readonly frontMatter: FrontMatter;
  /**
   * Why Cardinal reviews this file as a card: its path (a card file name or
   * a configured card path), its metadata, or model files beside it.
   */
  readonly recognisedBy: "path" | "metadata" | "model-files";
}

/**
 * Decides whether a file is a model card, a dataset card or neither, and
 * parses its metadata once. A README.md that carries no card metadata and
 * has no model files beside it is a project README, not a card.
 */
export function recogniseCard(candidate: CardCandidate, hints: CardHints): Card | undefined {
  const { path, kind, text } = candidate;
  if (text === undefined) return undefined;
  if (kind !== "readme" && kind !== "model-card" && kind !== "dataset-card") return undefined;

  const frontMatter = parseFrontMatter(text);
  const keys = metadataKeys(frontMatter);
  const make = (cardKind: CardKind, recognisedBy: Card["recognisedBy"]): Card => ({
    path,
    kind: cardKind,
    text,
    lines: new LineIndex(text),
    frontMatter,
    recognisedBy,
  });

  if (kind === "model-card") return make("model", "path");
  if (kind === "dataset-card") return make("dataset", "path");

  // Misspelled card keys (`licence`) still say "this is a card".
  const cardKeys = keys
    .map((k) => (MODEL_KEYS.has(k) || DATASET_KEYS.has(k) ? k : intendedKey(k)))
    .filter((k): k is string => k !== undefined && (MODEL_KEYS.has(k) || DATASET_KEYS.has(k)));
  if (cardKeys.length > 0) {
    const onlyShared = !cardKeys.some((k) => MODEL_ONLY.has(k) || DATASET_ONLY.has(k));
    const datasetish =
      cardKeys.some((k) => DATASET_ONLY.has(k)) ||
      (inDatasetFolder(path) && !cardKeys.some((k) => MODEL_ONLY.has(k))) ||
      // Only shared keys (`license`, `tags`): the text tells a dataset card by how it is loaded or titled.
      (onlyShared && /\bload_dataset\(|^#\s*Dataset Card\b/m.test(text));
    return make(datasetish ? "dataset" : "model", "metadata");
  }

  const folder = dirname(path);
  for (const [other, otherKind] of hints.siblings) {
    if (dirname(other) === folder && MODEL_FILE_KINDS.has(otherKind)) return make("model", "model-files");
  }
  return undefined;
}

function inDatasetFolder(path: string): boolean {
  return dirname(path)
    .split("/")
    .some((segment) => /^datasets?$/i.test(segment));
}

/** Top-level metadata keys, read even from YAML that does not parse. */
export function metadataKeys(frontMatter: FrontMatter): string[] {
  if (frontMatter.status === "absent") return [...(frontMatter.blockKeys ?? [])];
  const contents = frontMatter.document.contents;
  if (isMap(contents)) {
    return contents.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key));
  }
  // Broken YAML: fall back to `key:` at the start of a line.
  const keys: string[] = [];
  for (const match of frontMatter.block.yaml.matchAll(/^([A-Za-z_][\w-]*)[ \t]*:/gm)) {
    if (match[1]) keys.push(match[1]);
  }
  return keys;
}

/** A display name for a card kind. */
export function cardLabel(card: Pick<Card, "kind">): string {
  return card.kind === "model" ? "model card" : "dataset card";
}
