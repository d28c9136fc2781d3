/**
 * The markdown body of a card: its blocks, its sections (headings and what
 * they hold), template placeholders left in it, and how much prose it has.
 *
 * Only the body is read: the text after the metadata block when the Hub finds
 * one, else the whole file (marked knows nothing of YAML front matter and
 * would read `---\nlicense: mit\n---` as a rule and a setext heading). Line
 * breaks are normalised to LF for marked, and every position is mapped back
 * to the 1-based lines of the original file (CRLF, CR or LF, as `LineIndex`
 * counts them).
 *
 * Everything here is linear in the size of the card: marked's block lexer,
 * then single passes over lines with `indexOf` and regexes that cannot
 * backtrack. Inline markdown is lexed only for headings.
 */
import { getDefaults, Lexer, type Token } from "marked";
import type { Card } from "./card.js";
import { countLineBreaks } from "./lines.js";

/** The parts of a card this module reads. */
export type CardSource = Pick<Card, "text" | "frontMatter">;

/** One top-level markdown block of the body (a marked token, blank space left out). */
export interface BodyBlock {
  /** marked's token type: `heading`, `paragraph`, `list`, `code`, `html`, `table`, `hr`, `def`… */
  readonly type: string;
  /** File line of the block's first line. */
  readonly line: number;
  /** File line of the block's last non-blank line. */
  readonly endLine: number;
  /** The block's source with LF line breaks. */
  readonly raw: string;
  /**
   * Lines that carry content: anything but whitespace and HTML comments.
   * Headings, thematic breaks (`---`) and link reference definitions carry
   * none; every non-blank line of a code block counts.
   */
  readonly contentLines: number;
  /** For headings: the level (1–6). */
  readonly depth?: number;
}

/** A heading and everything up to the next heading of the same or a higher level. */
export interface Section {
  /** Heading level, 1 (`#`, or `===` underline) to 6. */
  readonly depth: number;
  /** The heading as plain text: markup, links and HTML removed, whitespace collapsed. */
  readonly title: string;
  /** File line of the heading (its text line for a setext heading). */
  readonly line: number;
  /**
   * Last file line before the next heading of the same or a higher level,
   * or the last line of the file.
   */
  readonly endLine: number;
  /**
   * Lines of content in the section, sub-sections included, counted as in
   * `BodyBlock.contentLines`: blank lines, HTML comments, headings, `---`
   * rules and link definitions do not count. Placeholder text does count
   * (it is reported as a placeholder, not as an empty section).
   */
  readonly contentLines: number;
  /** `contentLines === 0`: nothing under the heading but blank lines, comments and empty sub-sections. */
  readonly isEmpty: boolean;
  /** Number of sub-sections (headings of a deeper level inside this one), at any depth. */
  readonly subsections: number;
}

export type PlaceholderKind = "more-information-needed" | "jinja" | "template-text";

/** Template text left in a card. */
export interface Placeholder {
  /** File line. */
  readonly line: number;
  readonly kind: PlaceholderKind;
  /** The text found, as written (shortened when long). */
  readonly text: string;
}

export interface CardBody {
  /** File line at which the body starts (after the metadata block). */
  readonly line: number;
  /** Last line of the file that can hold text (the empty line after a final line break is not counted). */
  readonly endLine: number;
  readonly blocks: readonly BodyBlock[];
  readonly sections: readonly Section[];
  /** Placeholders outside code and HTML comments, in order. */
  readonly placeholders: readonly Placeholder[];
  /**
   * Words of prose: visible text outside headings, code, comments, HTML tags,
   * images, link targets, in-page links (a table of contents), bare URLs,
   * template placeholders and template boilerplate, and lines that are only a
   * short label (`**License:**`). A line holding a placeholder gives none.
   */
  readonly proseWords: number;
  /** Nothing but whitespace and HTML comments below the metadata. */
  readonly isBlank: boolean;
}

/** How many words of prose make a description (see `CardBody.proseWords`). */
export const MIN_PROSE_WORDS = 3;

/* ------------------------------------------------------------------------ */
/* Template phrases                                                          */
/* ------------------------------------------------------------------------ */

/**
 * Stock text of huggingface_hub's card templates
 * (`src/huggingface_hub/templates/modelcard_template.md` and
 * `datasetcard_template.md`) that means "not filled in" when it is visible:
 * the default titles, the default recommendation, and the guidance that the
 * templates keep inside HTML comments (only reported once the comment
 * markers are gone; inside a comment it is invisible and harmless).
 * Lowercase; matched as substrings of a line.
 */
export const TEMPLATE_PHRASES: readonly string[] = [
  // Default titles when no model_id / pretty_name was given.
  "model card for model id",
  "dataset card for dataset name",
  // Default of bias_recommendations (model and dataset templates).
  "more information needed for further recommendations",
  // Guidance comments, model template.
  "provide a quick summary of what the model is/does",
  "provide a longer summary of what this model is",
  "provide the basic links for the model",
  "address questions around how the model is intended to be used",
  "this section is for the model use without fine-tuning",
  "this section is for the model use when fine-tuned for a task",
  "this section addresses misuse, malicious use, and uses that the",
  "this section is meant to convey both technical and sociotechnical limitations",
  "this section is meant to convey recommendations with respect to the bias, risk",
  "this should link to a dataset card",
  "this should link to a data card",
  "this relates heavily to the technical specifications",
  "this section provides information about throughput, start/end time",
  "this section describes the evaluation protocols and provides the results",
  "these are the things the evaluation is disaggregating by",
  "these are the evaluation metrics being used, ideally with a description of why",
  "relevant interpretability work for the model goes here",
  "total emissions (in grams of co2eq) and additional considerations",
  "if there is a paper or blog post introducing the",
  "if relevant, include terms and calculations in this section",
  // Guidance comments, dataset template.
  "provide a quick summary of the dataset",
  "provide a longer summary of what this dataset is",
  "provide the basic links for the dataset",
  "address questions around how the dataset is intended to be used",
  "this section provides a description of the dataset fields",
  "motivation for the creation of this dataset",
  "this section describes the source data (e.g.",
  "this section describes the data collection process",
  "this section describes the people or systems who originally created the data",
  "if the dataset contains annotations which are not part of the initial data collection",
  "this section describes the annotation process",
  "this section describes the people or systems who created the annotations",
  "state whether the dataset contains data that might be considered personal",
];

/**
 * Fixed sentences of the model template that are fine to keep but are not
 * the author's own words: a line holding one gives no prose.
 */
const TEMPLATE_BOILERPLATE: readonly string[] = [
  "use the code below to get started with the model",
  "carbon emissions can be estimated using the",
  "click to expand",
];

const MORE_INFO = "more information needed";

/**
 * Fill-in markers of card templates, matched in visible text only (code
 * blocks and code spans are hidden first, so a chat template's Jinja or a
 * `from_pretrained("your-username/…")` in an example does not count):
 * - `[Dataset Name]`, `[Needs More Information]`: the datasets library's
 *   old dataset card template (`templates/README.md`, "Dataset Card for
 *   [Dataset Name]"), still copied into many cards;
 * - `[optional]`: huggingface_hub's model and dataset card templates mark
 *   headings and fields with it ("## Model Sources [optional]",
 *   "**Shared by [optional]:**"), to be kept or deleted, never published;
 * - `<your-token>`, `<YOUR_USERNAME>`: angle-bracket slots;
 * - `your-username/my-model`: a repository id left for the reader's own.
 * A bracketed marker followed by `(` is link text, not a marker. `hint` is a
 * cheap substring that must be in the lowercased line before the pattern runs.
 */
const TEMPLATE_MARKERS: readonly { readonly hint: readonly string[]; readonly pattern: RegExp }[] = [
  {
    hint: ["[dataset name]", "[model name]", "[needs more information]", "[optional]", "[your name]"],
    pattern: /\[(?:dataset name|model name|needs more information|optional|your name)\](?!\()/gi,
  },
  { hint: ["<your"], pattern: /<your[-_][a-z0-9_-]{1,40}>/gi },
  { hint: ["your-", "your_"], pattern: /\byour[-_](?:user(?:name)?|org(?:ani[sz]ation)?|hf[-_]user(?:name)?|namespace|name|account)\/[\w.-]+/gi },
];

/* ------------------------------------------------------------------------ */
/* Public entry points                                                       */
/* ------------------------------------------------------------------------ */

const cache = new WeakMap<CardSource, CardBody>();

/** The body of a card, parsed once per card object. */
export function parseBody(card: CardSource): CardBody {
  let body = cache.get(card);
  if (!body) {
    body = analyse(card);
    cache.set(card, body);
  }
  return body;
}

/** The sections of a card's body, in order (nested sections follow their parent). */
export function sections(card: CardSource): readonly Section[] {
  return parseBody(card).sections;
}

/** Template placeholders left in a card's body, with their lines. */
export function findPlaceholders(card: CardSource): readonly Placeholder[] {
  return parseBody(card).placeholders;
}

/** Whether the body has enough prose to describe what the card is about. */
export function hasProse(card: CardSource): boolean {
  return parseBody(card).proseWords >= MIN_PROSE_WORDS;
}

/**
 * A heading title or a configured section name for comparison: lowercase,
 * every run of punctuation, symbols and spaces turned into one space.
 * "Bias, Risks, and Limitations" → "bias risks and limitations".
 */
export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Finds placeholders in one line of visible text (no comments, no code).
 * Exported for tests; `findPlaceholders` is the usual entry point.
 */
export function placeholdersInLine(line: string): { kind: PlaceholderKind; text: string; start: number; end: number }[] {
  return scanLine(line).found;
}

/* ------------------------------------------------------------------------ */
/* Analysis                                                                  */
/* ------------------------------------------------------------------------ */

interface Located {
  readonly token: Token;
  readonly line: number;
  readonly raw: string;
}

function analyse(card: CardSource): CardBody {
  const { text, frontMatter } = card;
  let offset = 0;
  let firstLine = 1;
  if (frontMatter.status === "present" && !frontMatter.prose) {
    offset = frontMatter.block.bodyOffset;
    firstLine = frontMatter.block.bodyLine;
  } else if (text.charCodeAt(0) === 0xfeff) {
    offset = 1; // a byte-order mark is not text, and would hide a heading on line 1
  }
  let source = text.slice(offset).replace(/\r\n?/g, "\n");
  if (frontMatter.status === "absent" && frontMatter.reason === "text-before" && frontMatter.blockLine !== undefined) {
    source = blankMisplacedBlock(source, frontMatter.blockLine);
  }
  const lastLine = lastTextLine(text);

  // Fresh defaults: options set globally elsewhere (marked.use) must not change what a card means.
  const lexer = new Lexer(getDefaults());
  const tokens = lexer.blockTokens(source);
  const located = locateTokens(source, tokens, firstLine);

  const blocks: BodyBlock[] = [];
  const placeholders: Placeholder[] = [];
  let proseWords = 0;
  let isBlank = true;

  for (const { token, line, raw } of located) {
    if (token.type === "space") continue;
    const commentFree = stripComments(raw);
    const contentLines = countContentLines(token, commentFree);
    if (commentFree.some((l) => l.trim() !== "")) isBlank = false;
    const endLine = line + countNewlines(raw.trimEnd());
    blocks.push({
      type: token.type,
      line,
      endLine,
      raw,
      contentLines,
      ...(token.type === "heading" ? { depth: (token as { depth: number }).depth } : {}),
    });

    if (isCode(token)) continue;
    const visible = hideCode(token, commentFree);
    const prose = PROSE_TYPES.has(token.type);
    visible.forEach((visibleLine, i) => {
      if (visibleLine.trim() === "") return;
      const { found, lower } = scanLine(visibleLine);
      for (const f of found) placeholders.push({ line: line + i, kind: f.kind, text: shorten(f.text) });
      if (prose && found.length === 0 && !hasBoilerplate(lower)) proseWords += countProseWords(visibleLine);
    });
  }

  return {
    line: firstLine,
    endLine: Math.max(lastLine, firstLine),
    blocks,
    sections: buildSections(blocks, located, lexer, Math.max(lastLine, firstLine)),
    placeholders,
    proseWords,
    isBlank,
  };
}

/** Token types whose text can be prose. */
const PROSE_TYPES: ReadonlySet<string> = new Set(["paragraph", "text", "list", "blockquote", "table", "html"]);

function isCode(token: Token): boolean {
  if (token.type === "code") return true;
  if (token.type === "html") return /^\s*<(?:pre|code|script|style|textarea)\b/i.test(token.raw);
  return false;
}

const FENCE_LINE = /^---[ \t]*$/;

/**
 * A metadata block with text above it is not metadata for the Hub, but it is
 * meant as metadata (card/front-matter-present reports it). Its lines are
 * blanked, line breaks kept, so that marked does not read `key: value` over
 * `---` as a setext heading.
 */
function blankMisplacedBlock(source: string, openLine: number): string {
  const lines = source.split("\n");
  const open = openLine - 1;
  if (!FENCE_LINE.test(lines[open] ?? "")) return source;
  for (let close = open + 2; close < lines.length; close++) {
    if (FENCE_LINE.test(lines[close] ?? "")) {
      for (let i = open; i <= close; i++) lines[i] = "";
      return lines.join("\n");
    }
  }
  return source;
}

/** Last line of the file that can hold text. */
function lastTextLine(text: string): number {
  const lines = 1 + countLineBreaks(text);
  const last = text.charCodeAt(text.length - 1);
  return text.length > 0 && (last === 10 || last === 13) ? lines - 1 : lines;
}

function countNewlines(value: string, from = 0, to = value.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (value.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * File lines of top-level tokens. Joining marked's `raw` strings gives back
 * the input almost always; where marked trimmed or re-joined a block (an
 * HTML block followed by whitespace, a merged paragraph), the raw text is
 * found again in the source near where it should be, so lines never drift.
 */
function locateTokens(source: string, tokens: readonly Token[], firstLine: number): Located[] {
  const out: Located[] = [];
  let pos = 0;
  let line = firstLine;
  for (const token of tokens) {
    const raw = token.raw;
    let start = pos;
    let end: number;
    if (source.startsWith(raw, pos)) {
      end = pos + raw.length;
    } else {
      const core = raw.trimEnd();
      if (!source.startsWith(core, pos)) {
        const probe = core.slice(0, 64);
        const windowEnd = Math.min(source.length, pos + raw.length + 256);
        const found = probe === "" ? -1 : source.slice(pos, windowEnd).indexOf(probe);
        if (found !== -1) start = pos + found;
      }
      end = Math.min(source.length, start + core.length);
      // Consume as many line breaks of trailing whitespace as the raw text had.
      let breaks = countNewlines(raw, core.length);
      while (end < source.length && breaks > 0) {
        const ch = source.charCodeAt(end);
        if (ch !== 10 && ch !== 32 && ch !== 9) break;
        if (ch === 10) breaks--;
        end++;
      }
    }
    line += countNewlines(source, pos, start);
    out.push({ token, line, raw: source.slice(start, end) });
    line += countNewlines(source, start, end);
    pos = end;
  }
  return out;
}

/** The block's lines with HTML comments removed (a comment may span lines). */
function stripComments(raw: string): string[] {
  const lines = trimTrailingNewlines(raw).split("\n");
  if (!raw.includes("<!--")) return lines;
  let inComment = false;
  return lines.map((line) => {
    let out = "";
    let i = 0;
    while (i <= line.length) {
      if (inComment) {
        const close = line.indexOf("-->", i);
        if (close === -1) break;
        i = close + 3;
        inComment = false;
      } else {
        const open = line.indexOf("<!--", i);
        if (open === -1) {
          out += line.slice(i);
          break;
        }
        out += line.slice(i, open);
        i = open + 4;
        inComment = true;
      }
    }
    return out;
  });
}

function trimTrailingNewlines(value: string): string {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 10) end--;
  return value.slice(0, end);
}

function countContentLines(token: Token, commentFree: readonly string[]): number {
  switch (token.type) {
    case "heading":
    case "hr":
    case "def":
    case "space":
      return 0;
    default:
      return commentFree.filter((l) => l.trim() !== "").length;
  }
}

const CONTAINER_PREFIX = /^[ \t>]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?[ \t>]*/;
const FENCE = /^(`{3,}|~{3,})/;

/**
 * Lines as a reader sees them as text: code fenced inside lists and
 * blockquotes blanked, and inline code spans removed.
 */
function hideCode(token: Token, lines: readonly string[]): string[] {
  const container = token.type === "list" || token.type === "blockquote";
  let fence: string | undefined;
  return lines.map((line) => {
    if (container) {
      const inner = line.replace(CONTAINER_PREFIX, "");
      const marker = FENCE.exec(inner)?.[1];
      if (fence !== undefined) {
        if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && inner.trim() === marker) {
          fence = undefined;
        }
        return "";
      }
      if (marker !== undefined) {
        fence = marker;
        return "";
      }
    }
    return line.includes("`") ? stripCodeSpans(line) : line;
  });
}

/** Removes inline code spans: a run of backticks up to the next run of the same length. */
function stripCodeSpans(line: string): string {
  const runs: { start: number; length: number }[] = [];
  for (let i = 0; i < line.length; ) {
    if (line.charCodeAt(i) === 96) {
      let j = i;
      while (j < line.length && line.charCodeAt(j) === 96) j++;
      runs.push({ start: i, length: j - i });
      i = j;
    } else {
      i++;
    }
  }
  // For each run, the index of the next run of the same length.
  const next: number[] = new Array<number>(runs.length).fill(-1);
  const lastByLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const run = runs[k] as { start: number; length: number };
    next[k] = lastByLength.get(run.length) ?? -1;
    lastByLength.set(run.length, k);
  }
  let out = "";
  let from = 0;
  for (let k = 0; k < runs.length; ) {
    const close = next[k] ?? -1;
    if (close === -1) {
      k++;
      continue;
    }
    const open = runs[k] as { start: number; length: number };
    const end = runs[close] as { start: number; length: number };
    out += line.slice(from, open.start) + " ";
    from = end.start + end.length;
    k = close + 1;
  }
  return out + line.slice(from);
}

/* ------------------------------------------------------------------------ */
/* Placeholders and prose in one line                                        */
/* ------------------------------------------------------------------------ */

interface LineScan {
  found: { kind: PlaceholderKind; text: string; start: number; end: number }[];
  /** The line with ASCII letters lowercased (offsets unchanged). */
  lower: string;
}

function scanLine(line: string): LineScan {
  const found: LineScan["found"] = [];
  // ASCII-only lowercasing keeps every offset where it was.
  const lower = line.replace(/[A-Z]+/g, (s) => s.toLowerCase());

  // Unrendered Jinja: {{ name … }} and {% … %}, on one line, not right
  // after a letter or LaTeX syntax (`\frac{{a}}{b}`, `x^{{2}}`).
  const jinja: { start: number; end: number }[] = [];
  if (line.includes("{{") || line.includes("{%")) {
    for (const [open, close, test] of JINJA) {
      let i = line.indexOf(open);
      while (i !== -1) {
        const j = line.indexOf(close, i + 2);
        if (j === -1) break;
        if (!/[A-Za-z\\{^_$]/.test(line[i - 1] ?? "") && test(line.slice(i + 2, j))) jinja.push({ start: i, end: j + 2 });
        i = line.indexOf(open, j + 2);
      }
    }
    jinja.sort((x, y) => x.start - y.start);
    for (const { start, end } of jinja) found.push({ kind: "jinja", text: line.slice(start, end), start, end });
  }
  // Text inside a Jinja marker (its default value) is part of that one placeholder.
  const inJinja = (start: number, end: number): boolean => {
    let lo = 0;
    let hi = jinja.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = jinja[mid] as { start: number; end: number };
      if (range.end <= start) lo = mid + 1;
      else if (range.start >= end) hi = mid - 1;
      else return true;
    }
    return false;
  };

  // [More Information Needed], or the bare phrase as a whole value.
  for (let i = lower.indexOf(MORE_INFO); i !== -1; i = lower.indexOf(MORE_INFO, i + MORE_INFO.length)) {
    let before = i - 1;
    while (before >= 0 && (lower[before] === " " || lower[before] === "\t")) before--;
    let after = i + MORE_INFO.length;
    while (after < lower.length && (lower[after] === " " || lower[after] === "\t")) after++;
    const bracketed = lower[before] === "[" || lower[after] === "]";
    const alone = after >= lower.length || ".!*_|)<]".includes(lower[after] as string);
    if (!bracketed && !alone) continue;
    const start = lower[before] === "[" ? before : i;
    const end = lower[after] === "]" ? after + 1 : i + MORE_INFO.length;
    if (inJinja(start, end)) continue;
    found.push({ kind: "more-information-needed", text: line.slice(start, end), start, end });
  }

  for (const phrase of TEMPLATE_PHRASES) {
    for (let i = lower.indexOf(phrase); i !== -1; i = lower.indexOf(phrase, i + phrase.length)) {
      if (inJinja(i, i + phrase.length)) continue;
      found.push({ kind: "template-text", text: line.slice(i, i + phrase.length), start: i, end: i + phrase.length });
    }
  }

  for (const marker of TEMPLATE_MARKERS) {
    if (!marker.hint.some((h) => lower.includes(h))) continue;
    marker.pattern.lastIndex = 0;
    for (let m = marker.pattern.exec(line); m !== null; m = marker.pattern.exec(line)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!inJinja(start, end)) found.push({ kind: "template-text", text: m[0], start, end });
    }
  }

  found.sort((x, y) => x.start - y.start);
  return { found, lower };
}

const JINJA: readonly (readonly [string, string, (inner: string) => boolean])[] = [
  // An expression starting with a name or a string, with no braces or backslashes (not LaTeX).
  ["{{", "}}", (inner) => /^-?[ \t]*["'A-Za-z_]/.test(inner) && !/[{}\\]/.test(inner)],
  ["{%", "%}", (inner) => inner.trim() !== ""],
];

function hasBoilerplate(lowered: string): boolean {
  return TEMPLATE_BOILERPLATE.some((phrase) => lowered.includes(phrase));
}

function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}

const WORD = /\p{L}[\p{L}\p{N}'’_-]*/gu;
/** Scripts written without spaces between words: each character counts as a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;

/** Words of prose in one visible, placeholder-free line. */
function countProseWords(line: string): number {
  const chunks = stripMarkup(line)
    .split(/[ \t]+/)
    .filter((chunk) => chunk !== "" && !chunk.includes("://") && !/^[(<]?www\./i.test(chunk));
  let words = 0;
  for (const chunk of chunks) words += (chunk.match(WORD)?.length ?? 0) + (chunk.match(UNSPACED)?.length ?? 0);
  // A short label such as "**License:**" or "Usage:" says nothing by itself.
  if (words <= 4 && endsAsLabel(chunks.join(" "))) return 0;
  return words;
}

/** Ends with ":" once trailing emphasis and spaces are ignored ("**License:**"). */
function endsAsLabel(value: string): boolean {
  let end = value.length;
  while (end > 0 && "*_ \t".includes(value[end - 1] as string)) end--;
  return end > 0 && value[end - 1] === ":";
}

/**
 * Removes HTML tags, images (with their alt text), link targets and in-page
 * links (a table of contents). One pass; every `indexOf` result is reused
 * until the scan moves past it, so a line full of `[` or `<` stays linear.
 */
function stripMarkup(line: string): string {
  // Most lines hold no markup at all: nothing to strip, no copy.
  if (!/[<[\]!]/.test(line)) return line;
  // One entry per kept character (or a space for a removed span); truncating
  // the array drops a link's text without copying what came before.
  const out: string[] = [];
  const opens: { at: number; image: boolean }[] = [];
  let nextGt = -2;
  let nextParen = -2;
  const find = (ch: string, from: number, cached: number): number =>
    cached === -1 || cached >= from ? cached : line.indexOf(ch, from);
  for (let i = 0; i < line.length; ) {
    const ch = line[i] as string;
    if (ch === "<" && /[A-Za-z/!]/.test(line[i + 1] ?? "")) {
      nextGt = find(">", i, nextGt);
      if (nextGt !== -1) {
        out.push(" ");
        i = nextGt + 1;
        continue;
      }
    } else if (ch === "!" && line[i + 1] === "[") {
      opens.push({ at: out.length, image: true });
      out.push("!", "[");
      i += 2;
      continue;
    } else if (ch === "[") {
      opens.push({ at: out.length, image: false });
    } else if (ch === "]" && line[i + 1] === "(" && opens.length > 0) {
      nextParen = find(")", i + 2, nextParen);
      if (nextParen !== -1) {
        const open = opens.pop() as { at: number; image: boolean };
        const target = line.slice(i + 2, nextParen).trim();
        if (open.image || target.startsWith("#")) out.length = open.at;
        out.push(" ");
        i = nextParen + 1;
        continue;
      }
    }
    out.push(ch);
    i++;
  }
  return out.join("");
}

/* ------------------------------------------------------------------------ */
/* Sections                                                                  */
/* ------------------------------------------------------------------------ */

function buildSections(blocks: readonly BodyBlock[], located: readonly Located[], lexer: Lexer, lastLine: number): Section[] {
  // Content lines before each block, to sum any range in constant time.
  const before: number[] = [0];
  for (const block of blocks) before.push((before[before.length - 1] ?? 0) + block.contentLines);

  const headingTokens = located.filter((l) => l.token.type === "heading");
  const headings = blocks
    .map((block, index) => ({ block, index }))
    .filter(({ block }) => block.type === "heading");

  interface Open {
    depth: number;
    title: string;
    line: number;
    index: number;
    headingOrdinal: number;
  }
  const result: (Section | undefined)[] = new Array<Section | undefined>(headings.length);
  const stack: Open[] = [];
  const close = (open: Open, endIndex: number, endLine: number, nextOrdinal: number) => {
    const contentLines = (before[endIndex] ?? 0) - (before[open.index + 1] ?? 0);
    result[open.headingOrdinal] = {
      depth: open.depth,
      title: open.title,
      line: open.line,
      endLine: Math.max(open.line, endLine),
      contentLines,
      isEmpty: contentLines === 0,
      subsections: nextOrdinal - open.headingOrdinal - 1,
    };
  };

  headings.forEach(({ block, index }, ordinal) => {
    const depth = block.depth ?? 1;
    while (stack.length > 0 && (stack[stack.length - 1] as Open).depth >= depth) {
      close(stack.pop() as Open, index, block.line - 1, ordinal);
    }
    const token = headingTokens[ordinal]?.token as { text?: string } | undefined;
    stack.push({ depth, title: headingTitle(lexer, token?.text ?? ""), line: block.line, index, headingOrdinal: ordinal });
  });
  while (stack.length > 0) close(stack.pop() as Open, blocks.length, lastLine, headings.length);
  return result.filter((s): s is Section => s !== undefined);
}

/** Headings longer than this are not given to marked's inline lexer. */
const MAX_INLINE_HEADING = 1000;

function headingTitle(lexer: Lexer, markdown: string): string {
  let plain: string;
  if (markdown.length <= MAX_INLINE_HEADING) {
    plain = inlineText(lexer.inlineTokens(markdown));
  } else {
    plain = stripMarkup(markdown).replace(/[*_`~\\]/g, "");
  }
  return decodeEntities(plain).replace(/\s+/g, " ").trim();
}

function inlineText(tokens: readonly Token[]): string {
  let out = "";
  for (const token of tokens) {
    switch (token.type) {
      case "html":
      case "checkbox":
        break;
      case "br":
        out += " ";
        break;
      case "image":
      case "codespan":
      case "escape":
        out += token.text;
        break;
      default: {
        const children = (token as { tokens?: Token[] }).tokens;
        if (children && children.length > 0) out += inlineText(children);
        else out += (token as { text?: string }).text ?? "";
      }
    }
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, name: string) => ENTITIES[name] ?? "");
}

/**
 * Whether a card's text can be judged at all: a metadata block that opens
 * but never closes turns the whole file into one shapeless body, and
 * card/front-matter-present already reports it.
 */
export function bodyReviewable(card: Card): boolean {
  const fm = card.frontMatter;
  return !(fm.status === "absent" && fm.reason === "unclosed");
}
