/**
 * Positions of metadata values in a card: rules ask for a key (or a path
 * into model-index) and get its value as data together with the file lines
 * of the key and of the value, so every finding points at the right line.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from "yaml";
import type { Fix } from "../core/types.js";
import type { Card } from "./card.js";
import { yamlPosition, type FrontMatter } from "./front-matter.js";

type PresentFrontMatter = Extract<FrontMatter, { status: "present" }>;

export interface Located<T = unknown> {
  /** The value as plain data. */
  readonly value: T;
  /** First and last file line of the value (of the key, for a mapping entry's key). */
  readonly line: number;
  readonly endLine: number;
  readonly column: number;
  /** The YAML node, for rules that need its style (quoted, flow …). */
  readonly node: Node | null;
}

export interface Entry extends Located {
  readonly key: string;
  /** Line of the key itself. */
  readonly keyLine: number;
  readonly keyColumn: number;
}

/**
 * The metadata of a card whose block parsed into a mapping, or undefined.
 * Only the Hub's card (README.md) has metadata that anything reads.
 */
export function metadataOf(card: Card): PresentFrontMatter | undefined {
  if (!card.hubCard) return undefined;
  const fm = card.frontMatter;
  if (fm.status !== "present" || fm.syntaxErrors.length > 0 || fm.dataError || !isMap(fm.document.contents)) return undefined;
  return fm;
}

function nodeLines(fm: PresentFrontMatter, node: Node | null, fallback: number): { line: number; endLine: number; column: number } {
  const range = node?.range;
  if (!range) return { line: fallback, endLine: fallback, column: 1 };
  const start = yamlPosition(fm, range[0]);
  // range[1] is the end of the value; step back over a trailing line break.
  const end = yamlPosition(fm, Math.max(range[0], range[1] - 1));
  return { line: start.line, endLine: Math.max(start.line, end.line), column: start.column };
}

function toData(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node) || isMap(node) || isSeq(node)) return node.toJSON();
  return node;
}

function pairKey(pair: Pair): string {
  return isScalar(pair.key) ? String((pair.key as Scalar).value) : String(pair.key);
}

/** A card's entries, worked out once per card object (every metadata rule asks; `toJSON` of each value is the cost). */
const entriesOfCard = new WeakMap<Card, readonly Entry[]>();

/** Every top-level entry of the metadata, in file order. */
export function entries(card: Card): Entry[] {
  let known = entriesOfCard.get(card);
  if (!known) {
    const fm = metadataOf(card);
    known = !fm || !isMap(fm.document.contents) ? [] : fm.document.contents.items.map((pair) => entryOf(fm, pair, fm.block.yamlLine));
    entriesOfCard.set(card, known);
  }
  return [...known];
}

function entryOf(fm: PresentFrontMatter, pair: Pair, fallback: number): Entry {
  const keyNode = isScalar(pair.key) ? (pair.key as Node) : null;
  const keyPos = nodeLines(fm, keyNode, fallback);
  const valueNode = (pair.value ?? null) as Node | null;
  const valuePos = valueNode?.range ? nodeLines(fm, valueNode, keyPos.line) : { line: keyPos.line, endLine: keyPos.line, column: keyPos.column };
  return {
    key: pairKey(pair),
    value: toData(pair.value),
    keyLine: keyPos.line,
    keyColumn: keyPos.column,
    line: valuePos.line,
    endLine: Math.max(valuePos.endLine, keyPos.line),
    column: valuePos.column,
    node: valueNode,
  };
}

/** One top-level entry, or undefined when the key is absent. */
export function entry(card: Card, key: string): Entry | undefined {
  return entries(card).find((e) => e.key === key);
}

/** The items of a sequence value (or the value itself when it is a single scalar). */
export function items(card: Card, located: Located): Located[] {
  const fm = metadataOf(card);
  if (!fm) return [];
  const node = located.node;
  if (isSeq(node)) {
    return node.items.map((item) => {
      const itemNode = (item ?? null) as Node | null;
      return { value: toData(item), node: itemNode, ...nodeLines(fm, itemNode, located.line) };
    });
  }
  return [located];
}

/** The entries of a mapping value. */
export function fields(card: Card, located: Located): Entry[] {
  const fm = metadataOf(card);
  const node = located.node;
  if (!fm || !isMap(node)) return [];
  return node.items.map((pair) => entryOf(fm, pair as Pair, located.line));
}

/** A field of a mapping value by key. */
export function field(card: Card, located: Located, key: string): Entry | undefined {
  return fields(card, located).find((e) => e.key === key);
}

/** True for a scalar written without quotes (plain style). */
export function isPlainScalar(node: Node | null): boolean {
  return isScalar(node) && (node.type === "PLAIN" || node.type === undefined);
}

/** The source text of a scalar as written in the file. */
export function sourceText(card: Card, located: Located): string | undefined {
  const fm = metadataOf(card);
  const range = located.node?.range;
  if (!fm || !range) return undefined;
  return fm.block.yaml.slice(range[0], range[1]);
}

/** Short description of a value's YAML type for messages: "a list", "a number" … */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "boolean") return "true/false";
  if (typeof value === "number") return "a number";
  return "text";
}

/**
 * A fix that replaces `search` with `replacement` on one line of the card,
 * when `search` appears there exactly once (otherwise the fix would not be
 * certain, and there is none).
 */
export function lineFix(card: Card, line: number, search: string, replacement: string): Fix | undefined {
  const current = card.lines.lineText(line);
  const at = current.indexOf(search);
  if (search === "" || at === -1 || current.indexOf(search, at + 1) !== -1) return undefined;
  return { line, endLine: line, replacement: current.slice(0, at) + replacement + current.slice(at + search.length) };
}

/** The card's line break: CRLF when it uses any, else LF. */
function eolOf(card: Card): string {
  return card.text.includes("\r\n") ? "\r\n" : "\n";
}

/** A fix that adds a line at the end of the metadata block (before the closing `---`). */
export function appendMetadataLine(card: Card, line: string): Fix | undefined {
  const fm = metadataOf(card);
  if (!fm) return undefined;
  const close = fm.block.closeLine;
  return { line: close, endLine: close, replacement: `${line}${eolOf(card)}${card.lines.lineText(close)}` };
}

/** A fix that starts a card that has no metadata block with one holding `line`. */
export function prependMetadataBlock(card: Card, line: string): Fix {
  const eol = eolOf(card);
  return { line: 1, endLine: 1, replacement: `---${eol}${line}${eol}---${eol}${card.lines.lineText(1)}` };
}

/** A located value with a YAML alias (`*name`) followed to what it stands for; other values as they are. */
export function deref<T extends Located>(card: Card, located: T): T {
  const node = located.node;
  const fm = metadataOf(card);
  if (!fm || !isAlias(node)) return located;
  const target = node.resolve(fm.document) ?? null;
  return { ...located, node: target, value: target ? (target.toJSON() as unknown) : null };
}
