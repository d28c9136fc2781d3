/**
 * Which license a LICENSE/COPYING file holds, with a confidence.
 *
 * Like GitHub's licensee: normalise the text (case, markdown, copyright lines,
 * quotes, dashes, line breaks), then try an exact match and a Dice coefficient
 * against the SPDX texts of the licenses the Hub knows (and of their near
 * relatives, so that MIT-0 is not taken for MIT). Dice is over sets of word
 * bigrams, so words added to a license (a "Modified MIT") lower the score; an
 * added clause (8+ new words in a row) or a new "commercial" restriction keeps
 * it below CONFIDENT.
 * A project preamble before the license, or notes after it, are cut off and
 * count at a quarter weight; the Apache/GPL "How to apply" appendix after "END OF
 * TERMS AND CONDITIONS" is ignored.
 *
 * AI licenses without an SPDX text (Llama, Gemma, the RAIL family, ...) are
 * identified by markers: their titles, version lines and defined terms
 * (`src/data/license-markers.ts`).
 *
 * Pure: the SPDX texts come from the `spdx-license-list` package, imported at
 * build time (`src/data/spdx-texts.ts`) and turned on first use (about 0.3 s)
 * into bigram fingerprints. Linear in the length of the
 * text (no backtracking regexes): a 35 KB GPL takes about 10 ms, 100 KB 10–30 ms.
 */
import { LRUCache } from "lru-cache";
import { HUB_LICENSES } from "../data/hf-licenses.js";
import { LICENSE_FINGERPRINTS } from "../data/license-fingerprints.js";
import { LICENSE_MARKERS } from "../data/license-markers.js";
import { SPDX_TEXTS } from "../data/spdx-texts.js";

export interface LicenseMatch {
  /** The Hub license id (`hf-licenses.ts`), e.g. `mit`, `apache-2.0`, `llama3.1`; `other` for an SPDX license the Hub has no id for. */
  readonly id: string;
  /** The SPDX id when the match is an SPDX text. */
  readonly spdx?: string;
  /** 0..1. */
  readonly confidence: number;
  readonly method: "exact" | "similarity" | "marker";
  /**
   * Set when the text is a known AI license's text with words added inside it
   * (`modified`: LLAMA-LATXA 3.1 adds a clause 1.b.v to the Llama 3.1 text) or
   * with much of it missing (`truncated`). Such a match is never CONFIDENT:
   * the file is "likely" that license, not that license.
   */
  readonly copy?: "modified" | "truncated";
}

/** At or above: certain enough to report a mismatch with the card's `license:`. */
export const CONFIDENT = 0.95;

/** Below this Dice score a text is not recognisably the license. */
const FLOOR = 0.5;
/** Words of a preamble before, or notes after, the license count this much. */
const OUTSIDE_WEIGHT = 0.25;
/** Candidates this close to the best are told apart by the words only one of them has. */
const TIE_MARGIN = 0.06;
/**
 * A run of this many new bigrams inside the license is an added clause (a
 * sentence of 8+ words), not a formatting or version difference: real LICENSE
 * files in test/fixtures/licenses differ from their SPDX text by runs of 5 at most.
 */
const INSERTION = 8;
/** Words left outside the matched license worth checking for a second license... */
const MIN_OTHER_WORDS = 40;
/** ...and the score at which they are one. */
const OTHER_LICENSE = 0.8;
/** Words that introduce a bundled component's license rather than the project's own. */
const NOTICE = /\b(?:third part(?:y|ies)|notices?|attributions?|acknowledge?ments?|bundles|bundled|portions|includes software)\b/;
/** Texts longer than this are cut (a LICENSE file is rarely over 100 KB). */
const MAX_CHARS = 512 * 1024;

/**
 * SPDX licenses without a Hub id that are compared too, so that a near
 * relative is not taken for a Hub license; value: the Hub family id, or `other`.
 */
const EXTRA_SPDX: Readonly<Record<string, string>> = {
  "0BSD": "other",
  "MIT-0": "other",
  X11: "other",
  "MIT-CMU": "other",
  "BSD-1-Clause": "bsd",
  "BSD-4-Clause": "bsd",
  "BSD-2-Clause-Patent": "bsd",
  "BSD-3-Clause-LBNL": "bsd",
  "Apache-1.0": "other",
  "Apache-1.1": "other",
  "MPL-1.1": "other",
  "GPL-1.0-only": "gpl",
  "LGPL-2.0-only": "lgpl",
  "AGPL-1.0-only": "other",
  "GFDL-1.1-only": "gfdl",
  "GFDL-1.2-only": "gfdl",
  "GFDL-1.3-only": "gfdl",
  "CC-BY-1.0": "cc",
  "CC-BY-SA-1.0": "cc",
  "CC-BY-SA-2.0": "cc",
  "CC-BY-SA-2.5": "cc",
  "CC-BY-ND-1.0": "cc",
  "CC-BY-ND-2.0": "cc",
  "CC-BY-ND-2.5": "cc",
  "CC-BY-ND-3.0": "cc",
  "CC-BY-NC-1.0": "cc",
  "CC-BY-NC-2.5": "cc",
  "CC-BY-NC-ND-1.0": "cc",
  "CC-BY-NC-ND-2.0": "cc",
  "CC-BY-NC-ND-2.5": "cc",
  "CC-BY-NC-SA-1.0": "cc",
  "CC-BY-NC-SA-2.5": "cc",
  "CC-PDDC": "other",
  "UPL-1.0": "other",
  "BlueOak-1.0.0": "other",
  "Artistic-1.0": "other",
  "EUPL-1.0": "other",
  "CDDL-1.0": "other",
  "MulanPSL-2.0": "other",
  "PSF-2.0": "other",
  "Python-2.0": "other",
  "O-UDA-1.0": "other",
  "AFL-2.1": "other",
  "OSL-2.1": "other",
  "Unicode-DFS-2016": "other",
};

/**
 * Other forms of a reference text that LICENSE files use: `from`/`to` keep the
 * tokens from the first phrase found (inclusive) to the first phrase found
 * after it (exclusive); `drop` removes a span.
 */
interface Cut {
  readonly from?: readonly string[];
  readonly to?: readonly string[];
  readonly drop?: readonly [string, string];
}
const CC4_CUTS: readonly Cut[] = [
  // The license alone, as copied from the deed page.
  { from: ["By exercising the Licensed Rights"], to: ["Creative Commons is not a party to its public licenses"] },
  // legalcode.txt without the "Using Creative Commons Public Licenses" considerations.
  { drop: ["Using Creative Commons Public Licenses", "By exercising the Licensed Rights"] },
];
const CC_OLD_CUTS: readonly Cut[] = [
  { from: ["THE WORK (AS DEFINED BELOW) IS PROVIDED"], to: ["Creative Commons Notice", "Creative Commons is not a party to this License"] },
];
function cutsFor(spdx: string): readonly Cut[] {
  if (spdx === "LGPL-3.0-only") return [{ to: ["GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007"] }];
  if (/^CC-BY(-[A-Z]+)*-4\.0$/.test(spdx)) return CC4_CUTS;
  if (/^CC-BY(-[A-Z]+)*-[123]\.\d$/.test(spdx)) return CC_OLD_CUTS;
  return [];
}

/** Words that restrict use; a text that has one its reference lacks is a modified license. */
const RESTRICTION_WORDS = ["commercial", "commercially", "noncommercial"];

// ---------------------------------------------------------------------------
// Normalisation

const SPELLING: ReadonlyMap<string, string> = new Map([
  ["licence", "license"],
  ["licences", "licenses"],
  ["licenced", "licensed"],
  ["licencing", "licensing"],
  ["sublicence", "sublicense"],
  ["https", "http"],
  ["organisation", "organization"],
  ["authorised", "authorized"],
  ["whilst", "while"],
]);

const ROMAN = new Set(["ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv"]);

/** Drops HTML comments with indexOf (no backtracking on unterminated ones). */
function dropComments(text: string): string {
  let start = text.indexOf("<!--");
  if (start < 0) return text;
  let out = "";
  let from = 0;
  while (start >= 0) {
    out += text.slice(from, start);
    const end = text.indexOf("-->", start + 4);
    if (end < 0) return out;
    from = end + 3;
    start = text.indexOf("<!--", from);
  }
  return out + text.slice(from);
}

const YEAR = /\b(?:1[89]|20)\d\d\b/;

/**
 * A copyright notice line ("Copyright (c) 2024 …", "© 2024 …", "All rights
 * reserved."). Not a list item "(c) You must retain …" (Apache 4(c)).
 */
function isCopyrightLine(line: string): boolean {
  const head = line.slice(0, 20).toLowerCase();
  if (!(head.startsWith("copyright") || head.startsWith("©") || head.startsWith("(c)") || head.startsWith("all rights"))) return false;
  const l = line.toLowerCase();
  if (l.startsWith("©")) return true;
  if (l.startsWith("(c)")) return /^\(c\)\s*(?:\d|copyright)/.test(l);
  if (/^all rights reserved\.?$/.test(l)) return true;
  if (!l.startsWith("copyright")) return false;
  const rest = l.slice(9).trimStart();
  if (/^(?:\(c\)|©|\d|[<[{:]|by\s)/.test(rest)) return true;
  return l.length <= 200 && YEAR.test(l);
}

/** A line without its markdown block markers (quotes, headings, bullets, leading emphasis). */
function stripBlock(raw: string): string {
  return raw.trim().replace(/^(?:>\s*)*(?:#{1,6}\s+|[-*+]\s+)?/, "").replace(/^[*_]+/, "");
}

const LETTER = /[\p{L}\p{N}]/u;
/** A letter or digit at `i` (ASCII fast path; other scripts by Unicode class). */
function isWordAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (Number.isNaN(c)) return false;
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  return LETTER.test(t[i] as string);
}
/** ' ’ ‘ ` ´ */
const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019 || c === 0x2018 || c === 96 || c === 0xb4;

/**
 * The words of one line, normalised: lower case, no punctuation or apostrophes,
 * markdown links and HTML tags reduced to their text, "&" as "and", "++" as
 * "plusplus", dots kept inside words ("2.0", "ai.google.dev"). One pass.
 */
function lineWords(line: string, out: string[]): void {
  let t = line.toLowerCase();
  // Markdown links [text](url) → text, and HTML tags; bounded parts, so linear.
  if (t.includes("](")) t = t.replace(/\[([^[\]]{0,300})\]\([^()\s]{0,500}\)/g, "$1");
  if (t.includes("<")) t = t.replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]{0,200})?\/?>/g, " ");
  const n = t.length;
  let i = 0;
  while (i < n) {
    if (!isWordAt(t, i)) {
      if (t.charCodeAt(i) === 38 /* & */) {
        out.push("and");
        if (t.startsWith("amp;", i + 1)) i += 4;
      }
      i++;
      continue;
    }
    let word = "";
    let from = i;
    while (i < n) {
      if (isWordAt(t, i)) {
        i++;
        continue;
      }
      const c = t.charCodeAt(i);
      if (c === 46 /* . */ && i + 1 < n && isWordAt(t, i + 1)) {
        i++;
        continue;
      }
      if (isApostrophe(c) && i + 1 < n && isWordAt(t, i + 1)) {
        word += t.slice(from, i);
        from = ++i;
        continue;
      }
      if (c === 43 /* + */ && t.charCodeAt(i + 1) === 43) {
        word += `${t.slice(from, i)}plusplus`;
        i += 2;
        from = i;
        continue;
      }
      break;
    }
    word += t.slice(from, i);
    out.push(SPELLING.get(word) ?? word);
  }
}

/** The words of a phrase or text, without line handling. */
function words(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) lineWords(line, out);
  return out;
}

/** A list number: one to three digits. */
function isSmallNumber(w: string): boolean {
  if (w.length > 3) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Words that carry the text: no list numbers, single letters or roman numerals. */
function contentWords(all: readonly string[]): string[] {
  return all.filter((w) => !(w.length === 1 || isSmallNumber(w) || ROMAN.has(w)));
}

/**
 * The places where licenses put their holder's name, made one token, so that
 * "IN NO EVENT SHALL ISC BE LIABLE" and "… SHALL THE AUTHOR BE LIABLE" agree:
 * a prefix, up to `gap` words, a suffix (the shortest such span).
 */
const HOLDER_SLOTS: readonly { readonly prefix: readonly string[]; readonly gap: number; readonly suffix: readonly string[] }[] = [
  { prefix: ["in", "no", "event", "shall"], gap: 10, suffix: ["be", "liable"] },
  { prefix: ["and"], gap: 6, suffix: ["disclaims", "all", "warranties"] },
  { prefix: ["neither", "the", "name", "of"], gap: 16, suffix: ["nor", "the", "names", "of"] },
  { prefix: ["neither", "the", "names", "of"], gap: 16, suffix: ["nor", "the", "names", "of"] },
  { prefix: ["provided", "by"], gap: 12, suffix: ["as", "is"] },
];
const HOLDER = "holder";
const SLOT_STARTS: ReadonlySet<string> = new Set(HOLDER_SLOTS.map((s) => s.prefix[0] as string));

function seqAt(tokens: readonly string[], at: number, seq: readonly string[]): boolean {
  if (at + seq.length > tokens.length) return false;
  for (let j = 0; j < seq.length; j++) if (tokens[at + j] !== seq[j]) return false;
  return true;
}

/** Linear: each position tries each slot's few gap lengths. */
function fillHolderSlots(tokens: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  scan: while (i < tokens.length) {
    if (!SLOT_STARTS.has(tokens[i] as string)) {
      out.push(tokens[i] as string);
      i++;
      continue;
    }
    for (const slot of HOLDER_SLOTS) {
      if (tokens[i] !== slot.prefix[0] || !seqAt(tokens, i, slot.prefix)) continue;
      const after = i + slot.prefix.length;
      for (let gap = 1; gap <= slot.gap; gap++) {
        if (seqAt(tokens, after + gap, slot.suffix)) {
          out.push(...slot.prefix, HOLDER, ...slot.suffix);
          i = after + gap + slot.suffix.length;
          continue scan;
        }
      }
    }
    out.push(tokens[i] as string);
    i++;
  }
  return out;
}

interface Normalised {
  /** All words, copyright lines included, for markers. */
  readonly all: readonly string[];
  /** Content words with holder slots filled, for similarity. */
  readonly content: readonly string[];
}

function normalise(text: string): Normalised {
  const capped = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const all: string[] = [];
  /** Word ranges of copyright lines: out of the content, but markers read them (SDXL's title shares its line). */
  const skip: [number, number][] = [];
  for (const raw of dropComments(capped).split(/\r\n|\r|\n/)) {
    const line = stripBlock(raw);
    if (line.length === 0) continue;
    const from = all.length;
    lineWords(line, all);
    if (isCopyrightLine(line) || /^spdx-license-identifier:/i.test(line)) skip.push([from, all.length]);
  }
  let kept: string[] = all;
  if (skip.length > 0) {
    kept = [];
    let at = 0;
    for (const [from, to] of skip) {
      for (let i = at; i < from; i++) kept.push(all[i] as string);
      at = to;
    }
    for (let i = at; i < all.length; i++) kept.push(all[i] as string);
  }
  return { all, content: fillHolderSlots(contentWords(kept)) };
}

/** A phrase as content words (for cutting reference texts). */
function phraseWords(phrase: string): string[] {
  return contentWords(words(phrase));
}

function indexOfSeq(hay: readonly string[], needle: readonly string[], from = 0): number {
  if (needle.length === 0) return -1;
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Reference fingerprints (built once, on first use)

const ANCHOR = 5;
const ANCHOR_TRIES = 30;
const END_OF_TERMS = ["end", "of", "terms", "and", "conditions"];

interface Reference {
  readonly id: string;
  readonly spdx: string;
  readonly tokens: readonly number[];
  readonly bigrams: ReadonlySet<number>;
  /** The reference ends at "end of terms and conditions"... */
  readonly endOfTerms: boolean;
  /** ...and its "How to apply" appendix follows: words a LICENSE file may have after the end. */
  readonly appendix: ReadonlySet<number>;
  /** The license itself forbids commercial use (CC NC), so a note saying so adds nothing. */
  readonly nonCommercial: boolean;
}

interface Library {
  readonly vocab: Map<string, number>;
  readonly refs: readonly Reference[];
  /** Bigram → indexes of the references that have it. */
  readonly index: Map<number, number[]>;
  readonly endOfTerms: readonly number[];
}

/**
 * Word ids stay below 2^15 so that a bigram key (a·2^15 + b) is a small integer,
 * which V8 hashes fast. The references use about 3,700 words; a text's other
 * words get the ids left, and share them by hash past that (over 28,000 new
 * words: a 100 KB file has a few thousand).
 */
const ID_LIMIT = 2 ** 15;
const bigramKey = (a: number, b: number): number => a * ID_LIMIT + b;

function hashWord(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function bigramSet(ids: readonly number[], from = 0, to = ids.length): Set<number> {
  const set = new Set<number>();
  for (let i = from + 1; i < to; i++) set.add(bigramKey(ids[i - 1] as number, ids[i] as number));
  return set;
}

/** The SPDX license each reference is built from, with its Hub id: the Hub's own, then the near relatives. */
const REFERENCE_SOURCES: readonly (readonly [spdx: string, id: string])[] = [
  ...HUB_LICENSES.flatMap((l) => (l.spdx ? [[l.spdx, l.id] as const] : [])),
  ...Object.entries(EXTRA_SPDX),
];

/** The SPDX ids whose texts the references need (`src/data/spdx-texts.ts` imports each). */
export const REFERENCE_SPDX_IDS: readonly string[] = REFERENCE_SOURCES.map(([spdx]) => spdx);

function applyCut(tokens: readonly string[], cut: Cut): string[] | undefined {
  let out = tokens.slice();
  if (cut.drop) {
    const a = indexOfSeq(out, phraseWords(cut.drop[0]));
    const b = a < 0 ? -1 : indexOfSeq(out, phraseWords(cut.drop[1]), a);
    if (b < 0) return undefined;
    out = [...out.slice(0, a), ...out.slice(b)];
  }
  if (cut.from) {
    const at = cut.from.map((p) => indexOfSeq(out, phraseWords(p))).find((i) => i >= 0);
    if (at === undefined) return undefined;
    out = out.slice(at);
  }
  if (cut.to) {
    const at = cut.to.map((p) => indexOfSeq(out, phraseWords(p), 1)).find((i) => i > 0);
    if (at === undefined) return undefined;
    out = out.slice(0, at);
  }
  return out;
}

let library: Library | undefined;

function buildLibrary(): Library {
  const vocab = new Map<string, number>();
  const idOf = (w: string): number => {
    let id = vocab.get(w);
    if (id === undefined) {
      id = vocab.size;
      vocab.set(w, id);
    }
    return id;
  };
  const refs: Reference[] = [];
  for (const [spdx, id] of REFERENCE_SOURCES) {
    const text = SPDX_TEXTS.get(spdx);
    if (text === undefined) continue;
    const base = normalise(text).content;
    const forms = [base, ...cutsFor(spdx).map((c) => applyCut(base, c))];
    for (const form of forms) {
      if (!form || form.length < 2) continue;
      const all = form.map(idOf);
      const end = indexOfSeq(form, END_OF_TERMS);
      const cut = end < 0 ? all.length : end + END_OF_TERMS.length;
      const ids = all.slice(0, cut);
      refs.push({
        id,
        spdx,
        tokens: ids,
        bigrams: bigramSet(ids),
        endOfTerms: end >= 0,
        appendix: bigramSet(all, cut - 1),
        nonCommercial: form.includes("noncommercial"),
      });
    }
  }
  const index = new Map<number, number[]>();
  refs.forEach((ref, i) => {
    for (const b of ref.bigrams) {
      const list = index.get(b);
      if (list) list.push(i);
      else index.set(b, [i]);
    }
  });
  if (vocab.size >= ID_LIMIT / 2) throw new Error(`license-text: ${vocab.size} reference words, too many for bigram keys`);
  return { vocab, refs, index, endOfTerms: END_OF_TERMS.map(idOf) };
}

function getLibrary(): Library {
  library ??= buildLibrary();
  return library;
}

// ---------------------------------------------------------------------------
// Similarity

interface Scored {
  readonly ref: Reference;
  readonly score: number;
  readonly exact: boolean;
  /** The input's bigrams inside the compared window. */
  readonly window: ReadonlySet<number>;
  /** The compared window of the input's content words: [start, end). */
  readonly start: number;
  readonly end: number;
  /** The text restricts use in words the reference does not have (a "Modified MIT"). */
  readonly restricted?: boolean;
  /** The longest run of words inside the window that the reference does not have: an added clause. */
  readonly inserted?: number;
  /** Outside the window the text holds another license too (code under one, weights under another). */
  readonly another?: boolean;
}

/** First and last positions of the input's 5-grams, by a numeric hash checked on lookup; built on demand. */
class Grams {
  private first?: Map<number, number>;
  private last?: Map<number, number>;
  constructor(private readonly ids: readonly number[]) {}
  /** A 30-bit FNV-1a hash (a small integer, fast in a Map); a collision only loses an anchor. */
  private static hash(ids: readonly number[], at: number): number {
    let h = 0x811c9dc5;
    for (let j = 0; j < ANCHOR; j++) h = Math.imul(h ^ (ids[at + j] as number), 0x01000193);
    return h & 0x3fffffff;
  }
  private build(): [Map<number, number>, Map<number, number>] {
    const first = new Map<number, number>();
    const last = new Map<number, number>();
    for (let i = 0; i + ANCHOR <= this.ids.length; i++) {
      const h = Grams.hash(this.ids, i);
      if (!first.has(h)) first.set(h, i);
      last.set(h, i);
    }
    this.first = first;
    this.last = last;
    return [first, last];
  }
  private check(at: number | undefined, gram: readonly number[]): number | undefined {
    if (at === undefined) return undefined;
    for (let j = 0; j < ANCHOR; j++) if (this.ids[at + j] !== gram[j]) return undefined;
    return at;
  }
  firstAt(gram: readonly number[]): number | undefined {
    const first = this.first ?? this.build()[0];
    return this.check(first.get(Grams.hash(gram, 0)), gram);
  }
  lastAt(gram: readonly number[]): number | undefined {
    const last = this.last ?? this.build()[1];
    return this.check(last.get(Grams.hash(gram, 0)), gram);
  }
}

/**
 * Where the license may start in the input: for each of the reference's first
 * 5-grams found, its position less its offset. The title can recur later (a
 * CC heading), and a preamble can quote it, so up to three starts, earliest first.
 */
function startsFor(ref: Reference, grams: Grams): number[] {
  const r = ref.tokens;
  const starts = new Set<number>();
  for (let k = 0; k + ANCHOR <= r.length && k < ANCHOR_TRIES; k++) {
    const at = grams.firstAt(r.slice(k, k + ANCHOR));
    if (at !== undefined) starts.add(Math.max(0, at - k));
  }
  return [...starts].sort((a, b) => a - b).slice(0, 3);
}

/** Where the license starting at `start` ends in the input: [start, end). */
function windowFor(ref: Reference, ids: readonly number[], grams: Grams, lib: Library, start: number): [number, number] {
  const r = ref.tokens;
  let end = ids.length;
  if (ref.endOfTerms) {
    const at = grams.firstAt(lib.endOfTerms);
    if (at !== undefined && at >= start) return [start, at + ANCHOR];
  }
  for (let k = 0; r.length - k - ANCHOR >= 0 && k < ANCHOR_TRIES; k++) {
    const at = grams.lastAt(r.slice(r.length - k - ANCHOR, r.length - k));
    if (at !== undefined && at >= start) {
      end = Math.min(ids.length, at + ANCHOR + k);
      break;
    }
  }
  return [start, end];
}

function intersection(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

function scoreWindow(ref: Reference, ids: readonly number[], start: number, end: number, all: ReadonlySet<number>): Scored {
  const window = start === 0 && end === ids.length ? all : bigramSet(ids, start, end);
  const shared = intersection(window, ref.bigrams);
  let outside = 0;
  if (window !== all) {
    const seen = new Set<number>();
    const count = (from: number, to: number) => {
      for (let i = from + 1; i < to; i++) {
        const b = bigramKey(ids[i - 1] as number, ids[i] as number);
        // After "end of terms and conditions", the license's own appendix is no addition.
        if (!window.has(b) && !ref.bigrams.has(b) && !ref.appendix.has(b) && !seen.has(b)) {
          seen.add(b);
          outside++;
        }
      }
    };
    count(0, start + 1);
    count(end - 1, ids.length);
  }
  const score = (2 * shared) / (window.size + ref.bigrams.size + OUTSIDE_WEIGHT * outside);
  const exact =
    end - start === ref.tokens.length && outside === 0 && ref.tokens.every((t, i) => ids[start + i] === t);
  return { ref, score: exact ? 1 : score, exact, window, start, end };
}

/** Of two close candidates, the one whose own words (those the other lacks) the text has more of. */
function ownShare(a: Reference, b: Reference, text: ReadonlySet<number>): number {
  let own = 0;
  let found = 0;
  for (const x of a.bigrams) {
    if (b.bigrams.has(x)) continue;
    own++;
    if (text.has(x)) found++;
  }
  return own === 0 ? 0 : found / own;
}

function similarity(content: readonly string[], nested = false): Scored | undefined {
  const lib = getLibrary();
  const local = new Map<string, number>();
  const spare = ID_LIMIT - lib.vocab.size;
  const ids = content.map((w) => {
    const known = lib.vocab.get(w);
    if (known !== undefined) return known;
    let id = local.get(w);
    if (id === undefined) {
      id = lib.vocab.size + (local.size < spare ? local.size : hashWord(w) % spare);
      local.set(w, id);
    }
    return id;
  });
  const all = bigramSet(ids);
  if (all.size === 0) return undefined;

  // Shared bigrams with every reference, through the inverted index.
  const shared = new Array<number>(lib.refs.length).fill(0);
  for (const b of all) {
    const list = lib.index.get(b);
    if (list) for (const i of list) shared[i] = (shared[i] ?? 0) + 1;
  }
  // Upper bound of any window's score: the share of the reference found.
  const order = lib.refs
    .map((ref, i) => {
      const s = shared[i] ?? 0;
      return { ref, shared: s, bound: (2 * s) / (s + ref.bigrams.size) };
    })
    .filter((c) => c.bound >= FLOOR)
    .sort((x, y) => y.bound - x.bound);

  const grams = new Grams(ids);
  const scored: Scored[] = [];
  let best = 0;
  for (const { ref, shared: common, bound } of order) {
    if (bound < best - TIE_MARGIN) break;
    let s = scoreWindow(ref, ids, 0, ids.length, all);
    // Look for a preamble or notes only when the text has words the reference lacks.
    if (!s.exact && all.size - common > 2) {
      const starts = startsFor(ref, grams);
      for (const from of starts.length > 0 ? starts : [0]) {
        const [start, end] = windowFor(ref, ids, grams, lib, from);
        if (start === 0 && end === ids.length) continue;
        const cut = scoreWindow(ref, ids, start, end, all);
        if (cut.score > s.score) s = cut;
      }
    }
    scored.push(s);
    best = Math.max(best, s.score);
  }
  if (scored.length === 0 || best < FLOOR) return undefined;

  // Best first; then settle near-ties by the words only one candidate has.
  scored.sort((x, y) => y.score - x.score);
  let winner = scored[0] as Scored;
  const close = scored.filter((s) => s !== winner && s.ref.spdx !== winner.ref.spdx && s.score >= winner.score - TIE_MARGIN);
  let ambiguous = false;
  for (const rival of close) {
    if (winner.exact) break;
    const mine = ownShare(winner.ref, rival.ref, winner.window);
    const theirs = ownShare(rival.ref, winner.ref, rival.window);
    if (theirs > mine + 0.15) {
      winner = rival;
    } else if (Math.abs(theirs - mine) <= 0.15 && rival.score > winner.score - 0.01) {
      ambiguous = true;
    }
  }
  const restricted = !winner.exact && !winner.ref.nonCommercial && addsRestriction(content, ids, winner.ref, winner.start, winner.end);
  const inserted = winner.exact ? 0 : longestInsertion(ids, winner);
  // What the window left out: another whole license (MIT for the code, CC-BY-NC for the weights)?
  let another = false;
  if (!nested && winner.score >= CONFIDENT - 0.05 && ids.length - (winner.end - winner.start) >= MIN_OTHER_WORDS) {
    const rest = [...content.slice(0, winner.start), ...content.slice(winner.end)];
    const other = similarity(rest, true);
    if (other !== undefined && other.ref.id !== winner.ref.id && other.score >= OTHER_LICENSE) {
      // Unless introduced as a notice for bundled third-party code.
      const intro = rest.slice(Math.max(0, other.start - 30), other.start).join(" ");
      another = !NOTICE.test(intro);
    }
  }
  return { ...winner, score: ambiguous ? Math.min(winner.score, CONFIDENT - 0.05) : winner.score, restricted, inserted, another };
}

/** The longest run of consecutive bigrams inside the window that the reference lacks. */
function longestInsertion(ids: readonly number[], s: Scored): number {
  let longest = 0;
  let run = 0;
  for (let i = s.start + 1; i < s.end; i++) {
    const b = bigramKey(ids[i - 1] as number, ids[i] as number);
    if (s.ref.bigrams.has(b) || s.ref.appendix.has(b)) run = 0;
    else longest = Math.max(longest, ++run);
  }
  return longest;
}

const RESTRICTION_SET: ReadonlySet<string> = new Set(RESTRICTION_WORDS);

/** Words that make a nearby "commercial" a restriction rather than a permission. */
const LIMITING: ReadonlySet<string> = new Set(["not", "no", "non", "only", "prohibited", "forbidden", "without", "restricted", "solely"]);

/**
 * Whether the text uses a restriction word ("commercial") where the reference
 * does not: an occurrence whose neighbours are not the reference's (Apache's
 * "commercial damages" is its own; MIT has no "commercial" at all). Inside the
 * license any such word counts; in a preamble or note only near a limiting
 * word ("not for commercial use", not "commercial use is welcome").
 */
function addsRestriction(content: readonly string[], ids: readonly number[], ref: Reference, start: number, end: number): boolean {
  const known = (b: number) => ref.bigrams.has(b) || ref.appendix.has(b);
  for (let i = 0; i < ids.length; i++) {
    if (!RESTRICTION_SET.has(content[i] as string)) continue;
    const id = ids[i] as number;
    const left = i > 0 ? known(bigramKey(ids[i - 1] as number, id)) : true;
    const right = i + 1 < ids.length ? known(bigramKey(id, ids[i + 1] as number)) : true;
    if (left && right) continue;
    if (i >= start && i < end) return true;
    for (let j = Math.max(0, i - 4); j <= Math.min(content.length - 1, i + 4); j++) if (LIMITING.has(content[j] as string)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Markers

/** A marker phrase: its words, and as a space-padded string to find in the text's. */
interface Phrase {
  readonly words: readonly string[];
  readonly text: string;
}

interface CompiledMarker {
  readonly id: string;
  readonly titles: readonly Phrase[];
  readonly versions: readonly Phrase[];
  readonly dated: readonly Phrase[];
  readonly terms: readonly Phrase[];
}

let markers: readonly CompiledMarker[] | undefined;

function getMarkers(): readonly CompiledMarker[] {
  const phrase = (p: string): Phrase => {
    const w = words(p);
    return { words: w, text: ` ${w.join(" ")} ` };
  };
  markers ??= LICENSE_MARKERS.map((m) => ({
    id: m.id,
    titles: m.titles.map(phrase),
    versions: (m.versions ?? []).map(phrase),
    dated: (m.dated ?? []).map(phrase),
    terms: (m.terms ?? []).map(phrase),
  }));
  return markers;
}

/** Title within this many characters of the start of the normalised text: the file's own title. */
const TOP = 400;

interface MarkerHit {
  readonly id: string;
  readonly confidence: number;
  /** Length of the longest phrase matched: the more specific marker wins a tie. */
  readonly specificity: number;
}

function markerMatch(all: readonly string[]): LicenseMatch | undefined {
  const vocabulary = new Set(all);
  let hay: string | undefined;
  /** Where the phrase is in the text, or -1; words checked first, so most phrases cost nothing. */
  const find = (p: Phrase): number => {
    if (!p.words.every((w) => vocabulary.has(w))) return -1;
    hay ??= ` ${all.join(" ")} `;
    return hay.indexOf(p.text);
  };
  const hits: MarkerHit[] = [];
  for (const m of getMarkers()) {
    let titleAt = -1;
    let specificity = 0;
    for (const t of m.titles) {
      const at = find(t);
      if (at < 0) continue;
      if (titleAt < 0 || at < titleAt) titleAt = at;
      specificity = Math.max(specificity, t.text.length);
    }
    let versionAt = -1;
    for (const v of m.versions) {
      const at = find(v);
      if (at < 0) continue;
      if (versionAt < 0 || at < versionAt) versionAt = at;
      specificity = Math.max(specificity, v.text.length);
    }
    if (titleAt < 0 && versionAt < 0) continue;
    // A title and a version line: certain. The file's own title (at the top), or a
    // version line (which other texts do not quote): enough. A title further down may be a mention.
    let confidence: number;
    if (titleAt >= 0 && versionAt >= 0) confidence = 0.99;
    else if (versionAt >= 0) confidence = 0.95;
    else confidence = titleAt <= TOP ? 0.95 : 0.8;
    if (m.dated.some((d) => find(d) >= 0)) confidence += 0.03;
    confidence += 0.02 * m.terms.filter((t) => find(t) >= 0).length;
    hits.push({ id: m.id, confidence: Math.min(0.99, confidence), specificity });
  }
  if (hits.length === 0) return undefined;
  hits.sort((a, b) => b.confidence - a.confidence || b.specificity - a.specificity);
  const [top, next] = hits as [MarkerHit, MarkerHit | undefined];
  // Two licenses with the same evidence (OpenMDW without its version line): not sure which.
  const tied = next !== undefined && next.confidence === top.confidence && next.specificity === top.specificity;
  return { id: top.id, confidence: tied ? Math.min(top.confidence, 0.8) : top.confidence, method: "marker" };
}

// ---------------------------------------------------------------------------

const round = (x: number): number => Math.round(x * 1000) / 1000;
/** Three decimals, never rounding a near match up to 1. */
const floor3 = (x: number): number => Math.floor(x * 1000) / 1000;

/** The license a LICENSE/COPYING text holds, or undefined when it is not recognisably any license. */
export function identifyLicense(text: string): LicenseMatch | undefined {
  const known = recent.get(text);
  if (known !== undefined) return known === NOT_A_LICENSE ? undefined : known;
  const match = identify(text);
  // A text over a quarter of the budget is not kept (it would push out the rest).
  if (text.length <= RECENT_CHARS / 4) recent.set(text, match ?? NOT_A_LICENSE);
  return match;
}

/** What `recent` keeps for a text that is no license (an LRU cache holds no undefined). */
const NOT_A_LICENSE = "none" as const;

/**
 * The last texts identified, with their answers: the same LICENSE text comes
 * back in every review of a pull request and in most repositories of an
 * organisation, and identifying it costs milliseconds. Bounded by the
 * characters held (least recently used out), so memory stays flat.
 */
const RECENT_CHARS = 2 * 1024 * 1024;
const recent = new LRUCache<string, LicenseMatch | typeof NOT_A_LICENSE>({ maxSize: RECENT_CHARS, sizeCalculation: (_, text) => Math.max(1, text.length) });

function identify(text: string): LicenseMatch | undefined {
  const { all, content } = normalise(text);
  const marker = markerMatch(all);
  const sim = content.length >= 3 ? similarity(content) : undefined;
  let simMatch: LicenseMatch | undefined;
  if (sim) {
    // A clause added to the license, words that restrict use where the reference has
    // none (a modified license), or a second license in the file: the match stands,
    // but not as grounds for a mismatch.
    const changed = sim.restricted || (sim.inserted ?? 0) >= INSERTION;
    const modified = changed || sim.another;
    const confidence = modified ? Math.min(sim.score, CONFIDENT - 0.05) : sim.score;
    simMatch = {
      id: sim.ref.id,
      spdx: sim.ref.spdx,
      confidence: sim.exact ? 1 : Math.min(0.999, floor3(confidence)),
      method: sim.exact ? "exact" : "similarity",
      // Words added inside the license (not a second license beside it): a modified copy.
      ...(changed && !sim.exact ? { copy: "modified" as const } : {}),
    };
  }
  if (marker && simMatch && marker.id !== simMatch.id && Math.min(marker.confidence, simMatch.confidence) >= 0.9) {
    // An SPDX license and an AI license in one file: say the likelier, but not confidently.
    const top = marker.confidence > simMatch.confidence ? marker : simMatch;
    return { ...top, confidence: round(Math.min(top.confidence, CONFIDENT - 0.05)) };
  }
  if (marker && (!simMatch || marker.confidence > simMatch.confidence)) {
    const copy = compareWithFingerprint(marker.id, content);
    // A modified or partial copy names the license, but is not it: below CONFIDENT, and said so.
    if (copy) return { ...marker, confidence: round(Math.min(marker.confidence, CONFIDENT - 0.05)), copy };
    return { ...marker, confidence: round(marker.confidence) };
  }
  return simMatch;
}

// ---------------------------------------------------------------------------
// Fingerprints of AI license texts (bigram hashes, never the texts)

/** One word bigram as a 32-bit FNV-1a hash, base 36. */
function bigramHash(a: string, b: string): string {
  return hashWord(`${a} ${b}`).toString(36);
}

/**
 * The fingerprint of a license text, as `src/data/license-fingerprints.ts`
 * stores it: the sorted, distinct hashes of its content-word bigrams.
 */
export function licenseFingerprint(text: string): string {
  const { content } = normalise(text);
  const set = new Set<string>();
  for (let i = 1; i < content.length; i++) set.add(bigramHash(content[i - 1] as string, content[i] as string));
  return [...set].sort().join(" ");
}

/** One set per license with a fingerprint: bounded by the data set, which the LRU's size says. */
const fingerprints = new LRUCache<string, ReadonlySet<string>>({ max: Math.max(1, LICENSE_FINGERPRINTS.length) });

function fingerprintOf(id: string): ReadonlySet<string> | undefined {
  const known = fingerprints.get(id);
  if (known) return known;
  const entry = LICENSE_FINGERPRINTS.find((f) => f.id === id);
  if (!entry) return undefined;
  const set = new Set(entry.bigrams.split(" "));
  fingerprints.set(id, set);
  return set;
}

/** A window of the text this long with this many of the license's bigrams is the license's own text. */
const DENSE = 25;
const DENSE_WINDOW = 30;
/** New bigrams inside the license's body that make it a modified copy (about a sentence and a half). */
const ADDED_WORDS = 12;
/** Below this share of the license's bigrams, the copy is partial; below FEW, the file only names the license. */
const COMPLETE = 0.85;
const FEW = 0.2;

/**
 * Whether a text identified by its markers is the license's text as published:
 * `modified` when new words sit inside its body (between the first and the
 * last stretch that is nearly all license, so a preamble or an appended
 * policy does not count), `truncated` when much of it is missing. Linear in
 * the text's length.
 */
function compareWithFingerprint(id: string, content: readonly string[]): "modified" | "truncated" | undefined {
  const ref = fingerprintOf(id);
  if (!ref || content.length < 2) return undefined;
  const n = content.length - 1;
  const hit = new Uint8Array(n);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const h = bigramHash(content[i] as string, content[i + 1] as string);
    if (ref.has(h)) {
      hit[i] = 1;
      seen.add(h);
    }
  }
  const coverage = seen.size / ref.size;
  // prefix[i]: matched bigrams before position i.
  const prefix = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] as number) + (hit[i] as number);
  const matchedIn = (from: number, to: number) => (prefix[Math.min(n, Math.max(0, to))] as number) - (prefix[Math.min(n, Math.max(0, from))] as number);
  // The license's body: from the first window that is nearly all license to the last one.
  let first = -1;
  for (let i = 0; i + DENSE_WINDOW <= n; i++) {
    if (matchedIn(i, i + DENSE_WINDOW) >= DENSE) {
      first = i;
      break;
    }
  }
  let last = -1;
  for (let j = n; j - DENSE_WINDOW >= 0; j--) {
    if (matchedIn(j - DENSE_WINDOW, j) >= DENSE) {
      last = j;
      break;
    }
  }
  // New words inside the body: an added clause (a sentence or more), not a reflowed line or a holder's name.
  if (first >= 0 && last > first && last - first - matchedIn(first, last) >= ADDED_WORDS) return "modified";
  if (coverage >= FEW && coverage < COMPLETE) return "truncated";
  return undefined;
}
