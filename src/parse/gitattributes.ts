/**
 * `.gitattributes` as far as Git LFS is concerned: which files get
 * `filter=lfs`, read the way Git reads it (attr.c). A pattern without a slash
 * matches a file name at any depth below its `.gitattributes`; a pattern with
 * a slash matches the path relative to it (a leading `/` only anchors); a
 * pattern ending in `/` names folders, whose attributes files do not
 * inherit; later lines win, and a deeper `.gitattributes` wins over one above
 * it. Patterns are Git's wildmatch (./wildmatch.ts): no extglob, no braces.
 *
 * Each file is compiled once per review (lfsAttributes), the matching work
 * is metered, and a file too large to compile is reported, not read.
 */
import { dirname } from "./classify.js";
import { compileWildmatch, utf8, type StepMeter, type Wildmatch } from "./wildmatch.js";

/** Git ignores attribute lines of this many bytes or more (ATTR_MAX_LINE_LENGTH). */
export const GIT_MAX_ATTRIBUTES_LINE = 2048;
/** Larger `.gitattributes` files are not compiled; real ones are a few KB. */
export const GITATTRIBUTES_MAX_BYTES = 4 * 1024 * 1024;
/**
 * Wildmatch steps one review may spend deciding LFS for its weights. A
 * step is a few nanoseconds; real patterns take tens of steps per file.
 */
export const LFS_MATCH_STEP_LIMIT = 20_000_000;

export interface LfsAttribute {
  /** The `.gitattributes` file and line the setting comes from. */
  readonly source: string;
  readonly line: number;
  readonly pattern: string;
  /** true: `filter=lfs`; false: `-filter`, `!filter` or another filter. */
  readonly lfs: boolean;
}

interface LfsRule extends LfsAttribute {
  /** No slash in the pattern: matched against the file name alone. */
  readonly basename: boolean;
  readonly matcher: Wildmatch;
}

/** Why a `.gitattributes` could not decide, or what Git will ignore in it. */
export type GitattributesProblem =
  | { readonly kind: "too-large"; readonly source: string; readonly bytes: number; readonly limit: number }
  | { readonly kind: "too-complex"; readonly source: string; readonly limit: number }
  | { readonly kind: "long-lines"; readonly source: string; readonly lines: readonly number[] };

export interface CompiledGitattributes {
  readonly source: string;
  readonly dir: string;
  /** Set when the file was too large to compile: it decides nothing. */
  readonly tooLarge?: { readonly bytes: number; readonly limit: number };
  /** Lines Git ignores for their length. */
  readonly longLines: readonly number[];
  /** Patterns without wildcards, by the name or path they match: the last line for each. */
  readonly names: ReadonlyMap<string, LfsRule>;
  readonly paths: ReadonlyMap<string, LfsRule>;
  /** Patterns with wildcards, by line, each pattern only at its last line (an earlier one can never win). */
  readonly wild: readonly LfsRule[];
}

const BLANK = " \t\r\n";

function isBlank(ch: string | undefined): boolean {
  return ch !== undefined && BLANK.includes(ch);
}

/** Git's attr_name_valid: letters, digits, `-`, `.`, `_`, not starting with `-`. */
function validAttributeName(name: string): boolean {
  if (name === "" || name.startsWith("-")) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = c === 0x2d || c === 0x2e || c === 0x5f || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!ok) return false;
  }
  return true;
}

/** Splits at blanks, without a regex. */
function words(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || isBlank(text[i])) {
      if (start !== -1) out.push(text.slice(start, i));
      start = -1;
    } else if (start === -1) start = i;
  }
  return out;
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 0x5c, '"': 0x22 };

/** Git's unquote_c_style for a `"quoted pattern"`: the pattern and the rest of the line, or undefined when malformed. */
function unquote(line: string): { pattern: string; rest: string } | undefined {
  const bytes: number[] = [];
  for (let i = 1; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '"') return { pattern: new TextDecoder().decode(Uint8Array.from(bytes)), rest: line.slice(i + 1) };
    if (ch !== "\\") {
      bytes.push(...utf8(ch));
      continue;
    }
    const next = line[++i];
    if (next === undefined) return undefined;
    if (Object.hasOwn(C_ESCAPES, next)) bytes.push(C_ESCAPES[next] as number);
    else if (next >= "0" && next <= "3" && /^[0-7]{2}$/.test(line.slice(i + 1, i + 3))) {
      bytes.push(parseInt(line.slice(i, i + 3), 8));
      i += 2;
    } else return undefined;
  }
  return undefined;
}

/** The LFS setting of one line, or undefined when the line says nothing about `filter` (or Git would skip it). */
function parseLine(raw: string): { pattern: string; lfs: boolean } | undefined {
  let start = 0;
  while (isBlank(raw[start])) start++;
  const line = raw.slice(start);
  if (line === "" || line.startsWith("#")) return undefined;
  let pattern: string;
  let rest: string;
  const quoted = line.startsWith('"') ? unquote(line) : undefined;
  if (quoted) ({ pattern, rest } = quoted);
  else {
    let end = 0;
    while (end < line.length && !isBlank(line[end])) end++;
    pattern = line.slice(0, end);
    rest = line.slice(end);
  }
  // Macro definitions ("[attr]name ...") are not patterns; negative patterns Git ignores.
  if (pattern.startsWith("[attr]") || pattern.startsWith("!") || pattern === "") return undefined;
  let lfs: boolean | undefined;
  for (const attr of words(rest)) {
    const unset = attr.startsWith("-") || attr.startsWith("!");
    const eq = attr.indexOf("=");
    const name = unset ? attr.slice(1) : eq === -1 ? attr : attr.slice(0, eq);
    if (!validAttributeName(name)) return undefined; // Git drops the whole line
    if (name === "filter") lfs = !unset && eq !== -1 && attr.slice(eq + 1) === "lfs";
  }
  return lfs === undefined ? undefined : { pattern, lfs };
}

/** Reads one `.gitattributes` once: every line that sets `filter`, compiled. */
export function compileGitattributes(text: string, source: string): CompiledGitattributes {
  const dir = dirname(source);
  const names = new Map<string, LfsRule>();
  const paths = new Map<string, LfsRule>();
  const wild = new Map<string, LfsRule>();
  const longLines: number[] = [];
  // UTF-16 length is at most the UTF-8 length: a text this long is too large without encoding it.
  const bytes = text.length > GITATTRIBUTES_MAX_BYTES ? text.length : utf8(text).length;
  if (bytes > GITATTRIBUTES_MAX_BYTES) {
    return { source, dir, tooLarge: { bytes, limit: GITATTRIBUTES_MAX_BYTES }, longLines, names, paths, wild: [] };
  }
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let lineNumber = 0;
  for (let from = 0; from <= body.length; ) {
    const nl = body.indexOf("\n", from);
    const end = nl === -1 ? body.length : nl;
    const raw = body.slice(from, end);
    from = end + 1;
    lineNumber++;
    if (raw.length >= GIT_MAX_ATTRIBUTES_LINE || (raw.length * 3 >= GIT_MAX_ATTRIBUTES_LINE && utf8(raw).length >= GIT_MAX_ATTRIBUTES_LINE)) {
      longLines.push(lineNumber);
      continue;
    }
    const parsed = parseLine(raw);
    if (!parsed) continue;
    const { pattern, lfs } = parsed;
    // "models/" names a folder: files inside do not inherit its attributes.
    if (pattern.endsWith("/")) continue;
    const basename = !pattern.includes("/");
    const glob = !basename && pattern.startsWith("/") ? pattern.slice(1) : pattern;
    const matcher = compileWildmatch(glob);
    if (!matcher.valid) continue;
    const rule: LfsRule = { source, line: lineNumber, pattern, lfs, basename, matcher };
    if (matcher.literal !== undefined) (basename ? names : paths).set(matcher.literal, rule);
    else {
      const key = `${basename ? "n" : "p"}${glob}`;
      wild.delete(key); // keep insertion order = line order of the last occurrence
      wild.set(key, rule);
    }
  }
  return { source, dir, longLines, names, paths, wild: [...wild.values()] };
}

/** What the `.gitattributes` files say about one path. */
export type LfsDecision =
  | { readonly decided: true; readonly attribute: LfsAttribute | undefined }
  /** A file that applies could not be read to the end: no verdict. */
  | { readonly decided: false; readonly problem: GitattributesProblem };

export interface LfsAttributes {
  decide(path: string): LfsDecision;
  /** Files too large or too complex to decide with, and lines Git ignores. */
  problems(): GitattributesProblem[];
  /** How many `.gitattributes` files were compiled (each at most once). */
  readonly compiled: number;
}

/**
 * The `.gitattributes` files of a review, each compiled on first use and
 * kept for every later path; matching shares one step meter.
 */
export function lfsAttributes(
  files: readonly { readonly path: string; readonly text: string }[],
  options: { readonly stepLimit?: number } = {},
): LfsAttributes {
  const stepLimit = options.stepLimit ?? LFS_MATCH_STEP_LIMIT;
  const meter: StepMeter = { steps: 0 };
  const byDir = new Map<string, { path: string; text: string }>();
  for (const f of files) byDir.set(dirname(f.path), f);
  const compiled = new Map<string, CompiledGitattributes>();
  const exhausted = new Set<string>();
  const compile = (dir: string): CompiledGitattributes | undefined => {
    let c = compiled.get(dir);
    if (c) return c;
    const f = byDir.get(dir);
    if (!f) return undefined;
    c = compileGitattributes(f.text, f.path);
    compiled.set(dir, c);
    return c;
  };
  return {
    get compiled() {
      return compiled.size;
    },
    decide(path) {
      // Deepest folder first: the first file with a matching line decides.
      const dirs: string[] = [];
      for (let d = dirname(path); ; d = dirname(d)) {
        if (byDir.has(d)) dirs.push(d);
        if (d === "") break;
      }
      for (const dir of dirs) {
        const file = compile(dir);
        if (!file) continue;
        if (file.tooLarge) return { decided: false, problem: { kind: "too-large", source: file.source, ...file.tooLarge } };
        const relative = dir === "" ? path : path.slice(dir.length + 1);
        const name = relative.slice(relative.lastIndexOf("/") + 1);
        let best: LfsRule | undefined;
        for (const r of [file.names.get(name), file.paths.get(relative)]) if (r && (!best || r.line > best.line)) best = r;
        let subject: Uint8Array | undefined;
        let nameBytes: Uint8Array | undefined;
        for (let i = file.wild.length - 1; i >= 0; i--) {
          const rule = file.wild[i] as LfsRule;
          if (best && rule.line < best.line) break;
          if (meter.steps > stepLimit) {
            exhausted.add(file.source);
            return { decided: false, problem: { kind: "too-complex", source: file.source, limit: stepLimit } };
          }
          meter.steps += 8; // the call itself
          subject ??= utf8(relative);
          nameBytes ??= subject.subarray(subject.lastIndexOf(0x2f) + 1);
          if (rule.matcher.test(rule.basename ? nameBytes : subject, meter)) {
            best = rule;
            break;
          }
        }
        if (best) return { decided: true, attribute: { source: best.source, line: best.line, pattern: best.pattern, lfs: best.lfs } };
      }
      return { decided: true, attribute: undefined };
    },
    problems() {
      const out: GitattributesProblem[] = [];
      for (const file of compiled.values()) {
        if (file.tooLarge) out.push({ kind: "too-large", source: file.source, ...file.tooLarge });
        else if (exhausted.has(file.source)) out.push({ kind: "too-complex", source: file.source, limit: stepLimit });
        if (file.longLines.length > 0) out.push({ kind: "long-lines", source: file.source, lines: file.longLines });
      }
      return out;
    },
  };
}

/**
 * Whether a path is stored with Git LFS according to the given
 * `.gitattributes` files, and the line that decides it. One path only: for
 * many, compile once with lfsAttributes.
 */
export function lfsAttributeFor(path: string, files: readonly { readonly path: string; readonly text: string }[]): LfsAttribute | undefined {
  const decision = lfsAttributes(files).decide(path);
  return decision.decided ? decision.attribute : undefined;
}
