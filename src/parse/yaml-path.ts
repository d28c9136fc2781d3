import { isMap, isScalar, isSeq, type LineCounter, type Node, type Document } from "yaml";

/**
 * The 1-based line of the deepest node along `path` in a YAML document
 * (a key's line for mapping entries), or undefined when not even the first
 * segment exists.
 */
export function lineOfPath(
  document: Document.Parsed,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
): number | undefined {
  let node: unknown = document.contents;
  let line: number | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const range = (pair.key as Node | null)?.range;
      if (range) line = lineCounter.linePos(range[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      if (item.range) line = lineCounter.linePos(item.range[0]).line;
      node = item;
    } else {
      break;
    }
  }
  return line;
}
