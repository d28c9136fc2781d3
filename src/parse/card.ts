import { isMap, isScalar, isSeq } from "yaml";
import { DATASET_CARD_KEYS, MODEL_CARD_KEYS, intendedKey } from "./card-schema.js";
import { basename, dirname, type PathKind } from "./classify.js";
import { looksLikeMetadata, parseFrontMatter, type FrontMatter } from "./front-matter.js";
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
   * a configured card path), its metadata, model files beside it, or the
   * `dataset_infos.json` that the `datasets` library writes beside a dataset.
   */
  readonly recognisedBy: "path" | "metadata" | "model-files" | "dataset-files" | "front-matter";
  /**
   * Whether the Hub reads this file as the repository's card: only a
   * `README.md` does (hub-docs `docs/hub/model-cards.md`, "a Markdown file …
   * the README.md file"). A case variant (`readme.md`) counts, because it is
   * plainly meant as the Hub card and card/file-name tells to rename it.
   * Other card documents (MODEL_CARD.md in a code repository, a configured
   * card path) are reviewed for their text only: their metadata reaches no
   * Hub page, so metadata rules skip them.
   */
  readonly hubCard: boolean;
}

/** Whether a path is the file the Hub reads as a card (README.md, in any case). */
export function isHubCardPath(path: string): boolean {
  return basename(path).toLowerCase() === "readme.md";
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
    hubCard: isHubCardPath(path),
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
    if (dirname(other) !== folder) continue;
    // A diffusers pipeline keeps its weights in component folders; model_index.json sits beside the card.
    if (MODEL_FILE_KINDS.has(otherKind) || basename(other) === "model_index.json") return make("model", "model-files");
  }
  // `datasets` writes dataset_infos.json (older versions) or dataset_info.json beside a dataset it saves.
  for (const [other, otherKind] of hints.siblings) {
    if (dirname(other) === folder && otherKind === "dataset-info") return make("dataset", "dataset-files");
  }
  // A README.md that opens with a closed `---` block whose first line is
  // YAML-shaped (`key:` or `- item`) and which is a YAML list or indented
  // with tabs was meant as card metadata even with no card key in it: the
  // front-matter rules say what is wrong. A valid mapping of other keys
  // (Jekyll's `layout:`) is some other tool's, other broken text may be
  // prose, and `---` followed by prose is a horizontal rule.
  if (
    frontMatter.status === "present" &&
    (isSeq(frontMatter.document.contents) || frontMatter.syntaxErrors.some((e) => e.code === "TAB_AS_INDENT")) &&
    looksLikeMetadata(frontMatter.block.yaml)
  ) {
    return make(/^#\s*Dataset Card\b/m.test(text) || inDatasetFolder(path) ? "dataset" : "model", "front-matter");
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
