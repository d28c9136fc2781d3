/**
 * Git's wildmatch (wildmatch.c, with WM_PATHNAME), as gitattributes uses it,
 * without backtracking. A pattern compiles to a short list of tokens which
 * are run as a set of states over the path's UTF-8 bytes (Git compares
 * bytes, so `?` is one byte): each byte of the path visits each state at
 * most once, so a match costs at most path length × pattern length steps,
 * whatever the pattern. Git has no extglob and no braces, so `*(a)` is a
 * star, a literal `(`, `a` and `)`, and `{a,b}` is five literal characters.
 *
 * - `*` matches any run of bytes except `/`; `?` one byte except `/`;
 * - `[...]` one byte of a class (ranges, `[:alpha:]` and the like, `!` or
 *   `^` to negate, `\` to escape), never `/`;
 * - `**` matches across `/` only as a whole segment: a leading `**\/`, a
 *   middle `/**\/` (zero or more folders) and a trailing `/**`; anywhere else
 *   it is `*`;
 * - `\x` is a literal `x`; a pattern ending in a lone `\`, an unclosed `[`
 *   or an unknown `[:name:]` never matches, as in Git.
 */

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const STAR = 0x2a;

/** Token kinds. */
const LIT = 0; // one given byte
const ONE = 1; // `?`: any byte but `/`
const CLASS = 2; // `[...]`: a byte of a set, never `/`
const STAR_SEGMENT = 3; // `*`: any run without `/`
const STAR_ALL = 4; // a trailing `/**` or a lone `**`: anything
const FOLDERS = 5; // `**/`: nothing, or any run ending in `/`

export interface Wildmatch {
  /** The pattern as written. */
  readonly pattern: string;
  /** Set when the pattern has no wildcard: the one path it matches. */
  readonly literal?: string;
  /** Whether the pattern can match anything at all (false: unclosed `[`, trailing `\`). */
  readonly valid: boolean;
  /**
   * Whether the UTF-8 bytes of a path match. `meter`, when given, is
   * charged one step per state visited, so a caller can bound the total work.
   */
  test(subject: Uint8Array, meter?: StepMeter): boolean;
}

/** Work done by matches, counted by the caller. */
export interface StepMeter {
  steps: number;
}

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Whether `path` matches `pattern`, Git's way (WM_PATHNAME). */
export function wildmatch(pattern: string, path: string): boolean {
  return compileWildmatch(pattern).test(utf8(path));
}

/** POSIX classes as Git's wildmatch knows them (ASCII only, as Git's sane_ctype). */
const NAMED_CLASSES: Record<string, (b: number) => boolean> = {
  alnum: (b) => isDigit(b) || isAlpha(b),
  alpha: (b) => isAlpha(b),
  blank: (b) => b === 0x20 || b === 0x09,
  cntrl: (b) => b < 0x20 || b === 0x7f,
  digit: (b) => isDigit(b),
  graph: (b) => b > 0x20 && b < 0x7f,
  lower: (b) => b >= 0x61 && b <= 0x7a,
  print: (b) => b >= 0x20 && b < 0x7f,
  punct: (b) => b > 0x20 && b < 0x7f && !isDigit(b) && !isAlpha(b),
  space: (b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d,
  upper: (b) => b >= 0x41 && b <= 0x5a,
  xdigit: (b) => isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66),
};

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

function isAlpha(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

const NEVER: Omit<Wildmatch, "pattern"> = { valid: false, test: () => false };

/**
 * Compiles a pattern once; `test` then runs in O(path × pattern) at worst.
 * Classes are kept as 256-bit sets, eight words each, in one array.
 */
export function compileWildmatch(pattern: string): Wildmatch {
  const p = utf8(pattern);
  const kinds: number[] = [];
  const bytes: number[] = [];
  const classWords: number[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i] as number;
    if (c === STAR) {
      const start = i;
      while (p[i] === STAR) i++;
      const run = i - start;
      const afterSlash = start === 0 || p[start - 1] === SLASH;
      if (run >= 2 && afterSlash && i === p.length) {
        kinds.push(STAR_ALL);
        bytes.push(0);
      } else if (run >= 2 && afterSlash && p[i] === SLASH) {
        kinds.push(FOLDERS);
        bytes.push(0);
        i++; // the slash belongs to `**/`
      } else if (run >= 2 && afterSlash && p[i] === BACKSLASH && p[i + 1] === SLASH) {
        // `**\/`: Git lets the star cross slashes here, but has no zero-folder shortcut.
        kinds.push(STAR_ALL);
        bytes.push(0);
      } else {
        kinds.push(STAR_SEGMENT);
        bytes.push(0);
      }
      continue;
    }
    if (c === 0x3f /* ? */) {
      kinds.push(ONE);
      bytes.push(0);
      i++;
      continue;
    }
    if (c === 0x5b /* [ */) {
      const parsed = parseClass(p, i + 1, classWords);
      if (parsed === undefined) return { pattern, ...NEVER };
      kinds.push(CLASS);
      bytes.push(parsed.index);
      i = parsed.end;
      continue;
    }
    if (c === BACKSLASH) {
      if (i + 1 >= p.length) return { pattern, ...NEVER };
      kinds.push(LIT);
      bytes.push(p[i + 1] as number);
      i += 2;
      continue;
    }
    kinds.push(LIT);
    bytes.push(c);
    i++;
  }
  const kind = Uint8Array.from(kinds);
  const arg = Int32Array.from(bytes);
  const sets = Uint32Array.from(classWords);
  if (kinds.every((k) => k === LIT)) {
    const literal = Uint8Array.from(bytes);
    return { pattern, valid: true, literal: new TextDecoder().decode(literal), test: (subject) => sameBytes(subject, literal, 0) };
  }
  // `*.safetensors`: a star, then bytes without a slash. The most common pattern by far.
  if (kinds[0] === STAR_SEGMENT && kinds.length > 1 && kinds.slice(1).every((k, j) => k === LIT && bytes[j + 1] !== SLASH)) {
    const suffix = Uint8Array.from(bytes.slice(1));
    return {
      pattern,
      valid: true,
      test: (subject) => subject.length >= suffix.length && subject.indexOf(SLASH) === -1 && sameBytes(subject, suffix, subject.length - suffix.length),
    };
  }
  return { pattern, valid: true, test: (subject, meter) => run(kind, arg, sets, subject, meter) };
}

/** Whether `subject` from `at` to its end is `bytes`. */
function sameBytes(subject: Uint8Array, bytes: Uint8Array, at: number): boolean {
  if (subject.length - at !== bytes.length) return false;
  for (let j = 0; j < bytes.length; j++) if (subject[at + j] !== bytes[j]) return false;
  return true;
}

/**
 * One `[...]` from just after the `[`, Git's way: the first byte (after `!`
 * or `^`) is always a member, even `]`; `a-z` is a range unless `-` comes
 * first or last; `[:name:]` is a named class; `\` escapes. Appends the set
 * (negation applied) to `words` and returns its index, or undefined for an
 * unclosed class or an unknown name (Git then matches nothing).
 */
function parseClass(p: Uint8Array, from: number, words: number[]): { index: number; end: number } | undefined {
  const set = new Uint32Array(8);
  const add = (b: number) => {
    set[b >>> 5] = (set[b >>> 5] as number) | (1 << (b & 31));
  };
  let i = from;
  const negated = p[i] === 0x21 /* ! */ || p[i] === 0x5e; /* ^ */
  if (negated) i++;
  let prev = -1; // the last single byte, which a `-` can start a range from
  let first = true;
  for (;;) {
    if (i >= p.length) return undefined;
    let c = p[i] as number;
    if (c === 0x5d /* ] */ && !first) break;
    first = false;
    if (c === BACKSLASH) {
      i++;
      if (i >= p.length) return undefined;
      c = p[i] as number;
      add(c);
      prev = c;
      i++;
      continue;
    }
    if (c === 0x2d /* - */ && prev !== -1 && i + 1 < p.length && p[i + 1] !== 0x5d) {
      i++;
      let hi = p[i] as number;
      if (hi === BACKSLASH) {
        i++;
        if (i >= p.length) return undefined;
        hi = p[i] as number;
      }
      for (let b = prev; b <= hi; b++) add(b);
      prev = -1;
      i++;
      continue;
    }
    if (c === 0x5b /* [ */ && p[i + 1] === 0x3a /* : */) {
      let j = i + 2;
      while (j < p.length && p[j] !== 0x5d) j++;
      if (j >= p.length) return undefined;
      if (j - (i + 2) >= 1 && p[j - 1] === 0x3a) {
        const name = j - 1 - (i + 2) <= 6 ? new TextDecoder().decode(p.subarray(i + 2, j - 1)) : "";
        const test = Object.hasOwn(NAMED_CLASSES, name) ? NAMED_CLASSES[name] : undefined;
        if (!test) return undefined;
        for (let b = 0; b < 256; b++) if (test(b)) add(b);
        prev = -1;
        i = j + 1;
        continue;
      }
      // No closing `:]`: the `[` is an ordinary member.
    }
    add(c);
    prev = c;
    i++;
  }
  const index = words.length / 8;
  for (let w = 0; w < 8; w++) words.push(negated ? ~(set[w] as number) >>> 0 : (set[w] as number));
  return { index, end: i + 1 };
}

/**
 * Scratch space for run(), grown to the longest pattern seen and reused:
 * a review matches thousands of paths, and fresh arrays per match cost
 * more than the match. Generation stamps stand in for clearing.
 */
let scratch = { a: new Int32Array(64), b: new Int32Array(64), member: new Uint32Array(64), entered: new Uint32Array(64) };
let generation = 0;

/** The state-set simulation: states are token positions, `n` (past the last token) accepts. */
function run(kind: Uint8Array, arg: Int32Array, sets: Uint32Array, subject: Uint8Array, meter: StepMeter | undefined): boolean {
  const n = kind.length;
  if (scratch.a.length < n + 1 || generation > 0xfffffff0 - subject.length) {
    const size = Math.max(n + 1, scratch.a.length);
    scratch = { a: new Int32Array(size), b: new Int32Array(size), member: new Uint32Array(size), entered: new Uint32Array(size) };
    generation = 0;
  }
  let current = scratch.a;
  let next = scratch.b;
  // member[s] === gen: s is in the set being built; entered[s] === gen: its skips were followed.
  const { member, entered } = scratch;
  let gen = ++generation;
  let size = 0;
  const add = (s: number) => {
    if (member[s] === gen) return;
    member[s] = gen;
    next[size++] = s;
  };
  // Entering a state also enters what it can skip to: past a star, past `**/`.
  const enter = (s: number) => {
    while (entered[s] !== gen) {
      entered[s] = gen;
      add(s);
      if (s === n) return;
      const k = kind[s] as number;
      if (k !== STAR_SEGMENT && k !== STAR_ALL && k !== FOLDERS) return;
      s++;
    }
  };
  enter(0);
  let count = size;
  [current, next] = [next, current];
  for (let t = 0; t < subject.length; t++) {
    const b = subject[t] as number;
    gen = ++generation;
    size = 0;
    if (meter) meter.steps += count;
    for (let j = 0; j < count; j++) {
      const s = current[j] as number;
      if (s === n) continue;
      switch (kind[s]) {
        case LIT:
          if (b === arg[s]) enter(s + 1);
          break;
        case ONE:
          if (b !== SLASH) enter(s + 1);
          break;
        case CLASS: {
          const at = (arg[s] as number) * 8 + (b >>> 5);
          if (b !== SLASH && ((sets[at] as number) & (1 << (b & 31))) !== 0) enter(s + 1);
          break;
        }
        case STAR_SEGMENT:
          if (b !== SLASH) enter(s);
          break;
        case STAR_ALL:
          enter(s);
          break;
        case FOLDERS:
          // Inside the run before the slash: stay, and a slash may end it.
          add(s);
          if (b === SLASH) enter(s + 1);
          break;
      }
    }
    if (size === 0) return false;
    count = size;
    [current, next] = [next, current];
  }
  for (let j = 0; j < count; j++) if (current[j] === n) return true;
  return false;
}
