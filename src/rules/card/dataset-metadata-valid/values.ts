/**
 * Helpers of card/dataset-metadata-valid: near misses of enumerated values,
 * the certain one-line fix that replaces a value, and alias resolution.
 */
import { isScalar, parseDocument, type Scalar } from "yaml";
import type { Fix } from "../../../core/types.js";
import { closest, editDistance } from "../../../core/suggest.js";
import type { Card } from "../../../parse/card.js";
import { sourceText, type Located } from "../../../parse/metadata.js";
import { trimStartChars } from "../../../core/strings.js";

export interface NearMiss {
  /** The value probably meant. */
  readonly suggestion: string;
  /** Same value but for case, or one edit away from exactly one candidate. */
  readonly certain: boolean;
}

/** The allowed value closest to `value`, and whether Cardinal is sure it was meant. */
export function nearMiss(value: string, candidates: readonly string[]): NearMiss | undefined {
  const lower = value.toLowerCase();
  const sameCase = candidates.filter((c) => c.toLowerCase() === lower);
  if (sameCase.length === 1 && sameCase[0] !== undefined) return { suggestion: sameCase[0], certain: true };
  const oneEdit = candidates.filter((c) => editDistance(lower, c.toLowerCase()) <= 1);
  if (oneEdit.length === 1 && oneEdit[0] !== undefined) return { suggestion: oneEdit[0], certain: true };
  // Spaces around `<` and the like: a clear match, but not a one-edit fix.
  const squeezed = lower.replace(/\s+/g, "");
  const spaced = candidates.find((c) => c.toLowerCase() === squeezed);
  if (spaced) return { suggestion: spaced, certain: false };
  const near = closest(value, candidates);
  return near === undefined ? undefined : { suggestion: near, certain: false };
}

/** Text a plain (unquoted) YAML scalar can hold and read back unchanged. */
function plainSafe(value: string): boolean {
  if (value === "" || /^\s|\s$|[\r\n]/.test(value)) return false;
  const doc = parseDocument(value, { logLevel: "silent" });
  return doc.errors.length === 0 && isScalar(doc.contents) && (doc.contents as Scalar).value === value;
}

/** What sits before a value alone on its line: indentation, list dashes, a plain key. */
const LINE_PREFIX = /^[ \t]*(?:-[ \t]+)*(?:[A-Za-z_][\w-]*[ \t]*:[ \t]+)?$/;
/** What may follow it: nothing but spaces, or spaces then a comment. */
function isLineSuffix(after: string): boolean {
  const rest = trimStartChars(after, " \t");
  return rest === "" || (rest.startsWith("#") && rest.length < after.length);
}

/**
 * The whole line with the scalar at `located` replaced by `replacement`, in
 * the same quoting style; undefined when the value does not sit alone on
 * its line (a flow list, a multi-line scalar) or would change meaning.
 */
export function replaceValueFix(card: Card, located: Located, replacement: string): Fix | undefined {
  const node = located.node;
  if (!isScalar(node) || located.endLine !== located.line) return undefined;
  const source = sourceText(card, located);
  if (source === undefined || source === "") return undefined;
  const lineText = card.lines.lineText(located.line);
  const start = located.column - 1;
  if (lineText.slice(start, start + source.length) !== source) return undefined;
  const before = lineText.slice(0, start);
  const after = lineText.slice(start + source.length);
  if (!LINE_PREFIX.test(before) || !isLineSuffix(after)) return undefined;

  let written: string;
  if (node.type === "QUOTE_DOUBLE") written = JSON.stringify(replacement);
  else if (node.type === "QUOTE_SINGLE") written = `'${replacement.replace(/'/g, "''")}'`;
  else if (node.type === "PLAIN" && plainSafe(replacement)) written = replacement;
  else return undefined;
  return { line: located.line, endLine: located.line, replacement: `${before}${written}${after}` };
}
