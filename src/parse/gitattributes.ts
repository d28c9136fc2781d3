/**
 * `.gitattributes` as far as Git LFS is concerned: which files get
 * `filter=lfs`. Patterns follow gitattributes rules: a pattern without a
 * slash matches a file name at any depth below its `.gitattributes`; a
 * pattern with a slash matches the path relative to it; later lines win,
 * and a deeper `.gitattributes` wins over one above it.
 */
import picomatch from "picomatch";
import { dirname } from "./classify.js";

export interface LfsAttribute {
  /** The `.gitattributes` file and line the setting comes from. */
  readonly source: string;
  readonly line: number;
  readonly pattern: string;
  /** true: `filter=lfs`; false: `-filter`, `!filter` or another filter. */
  readonly lfs: boolean;
  readonly matches: (relativePath: string) => boolean;
}

export function parseGitattributes(text: string, source: string): LfsAttribute[] {
  const rules: LfsAttribute[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const [pattern, ...attrs] = line.split(/\s+/);
    if (!pattern || pattern.startsWith("!")) return; // negative patterns are not allowed in gitattributes
    let lfs: boolean | undefined;
    for (const attr of attrs) {
      if (attr === "filter=lfs") lfs = true;
      else if (attr === "-filter" || attr === "!filter" || attr.startsWith("filter=")) lfs = false;
    }
    if (lfs === undefined) return;
    const anchored = pattern.replace(/\/$/, "").includes("/");
    const glob = pattern.replace(/^\//, "");
    const test = picomatch(glob, { dot: true, basename: !anchored });
    rules.push({ source, line: i + 1, pattern, lfs, matches: (p) => test(p) });
  });
  return rules;
}

/**
 * Whether a path is stored with Git LFS according to the given
 * `.gitattributes` files, and the line that decides it.
 */
export function lfsAttributeFor(
  path: string,
  files: readonly { readonly path: string; readonly text: string }[],
): LfsAttribute | undefined {
  const applicable = files
    .map((f) => ({ dir: dirname(f.path), rules: parseGitattributes(f.text, f.path) }))
    .filter(({ dir }) => dir === "" || path.startsWith(`${dir}/`))
    .sort((a, b) => a.dir.length - b.dir.length);
  let decision: LfsAttribute | undefined;
  for (const { dir, rules } of applicable) {
    const relative = dir === "" ? path : path.slice(dir.length + 1);
    for (const rule of rules) if (rule.matches(relative)) decision = rule;
  }
  return decision;
}
