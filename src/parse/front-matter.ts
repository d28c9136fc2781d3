import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { countLineBreaks } from "./lines.js";

/**
 * The Hub's front-matter regex, verbatim from huggingface_hub `repocard.py`
 * (declared there as the exact regex of the Hub server). No `m` flag: the
 * block must open at the very start of the file, after optional whitespace.
 * Lazy and anchored, so it stays linear on hostile input.
 */
export const HUB_YAML_BLOCK = /^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))/;

/** Aliases allowed when turning YAML into data; more means an alias bomb. */
export const MAX_YAML_ALIASES = 100;

export interface YamlProblem {
  /** The yaml library's error code, or ALIAS_LIMIT / UNRESOLVED_ALIAS (the message is the alias's name) / NOT_A_MAPPING. */
  readonly code: string;
  readonly message: string;
  /** 1-based line in the whole file. */
  readonly line: number;
  readonly column: number;
}

export interface FrontMatterBlock {
  /** Line of the opening `---` fence. */
  readonly openLine: number;
  /** Line of the closing `---` fence. */
  readonly closeLine: number;
  /** Line of the first YAML line (openLine + 1). */
  readonly yamlLine: number;
  /** The YAML text between the fences. */
  readonly yaml: string;
  /** Offset and line at which the markdown body starts. */
  readonly bodyOffset: number;
  readonly bodyLine: number;
}

/** Why the Hub finds no metadata in a file. */
export type AbsentReason =
  /** No `---` fence at the top at all. */
  | "none"
  /** A metadata-looking block exists, but text stands before it. */
  | "text-before"
  /** The opening fence is never closed. */
  | "unclosed"
  /** `---` directly followed by `---`. */
  | "empty"
  /**
   * A `---` on the first line followed by prose and never closed: a
   * Markdown horizontal rule, which the Hub's regex reads as the opening of
   * a metadata block that never ends.
   */
  | "rule";

export type FrontMatter =
  | {
      readonly status: "absent";
      readonly reason: AbsentReason;
      /** Line that explains the reason (the text before the block, the unclosed fence). */
      readonly line: number;
      /** For "text-before": where the misplaced block opens. With "unclosed" too: keys seen in the block. */
      readonly blockLine?: number;
      readonly blockKeys?: readonly string[];
      /** For "text-before": the misplaced block would not parse as YAML either. */
      readonly blockInvalid?: true;
    }
  | {
      readonly status: "present";
      readonly block: FrontMatterBlock;
      readonly document: Document.Parsed;
      /** Line counter of the YAML text; add `block.yamlLine - 1` for file lines. */
      readonly lineCounter: LineCounter;
      /** The YAML as data, or undefined when it could not be read safely. */
      readonly data: unknown;
      /** Syntax errors (duplicate keys are kept apart in `duplicateKeys`). */
      readonly syntaxErrors: readonly YamlProblem[];
      readonly duplicateKeys: readonly YamlProblem[];
      /** Set when the data could not be built (alias bomb). */
      readonly dataError?: YamlProblem;
      /** Top level is a mapping (or empty). */
      readonly isMapping: boolean;
      /** The file starts with a byte-order mark. */
      readonly bom: boolean;
      /**
       * The block is prose, not metadata: its first line is neither
       * `key: value` nor `- item`, and it does not read as a mapping. The
       * opening `---` was meant as a horizontal rule.
       */
      readonly prose: boolean;
    };

const FENCE_LINE = /^---[ \t]*$/;

/** Finds and reads the metadata block of a card the way the Hub does. */
export function parseFrontMatter(source: string): FrontMatter {
  const match = HUB_YAML_BLOCK.exec(source);
  if (!match) return explainAbsence(source);

  const opener = match[1] ?? "";
  const yamlText = match[2] ?? "";
  const closer = match[3] ?? "";
  const yamlOffset = match.index + opener.length;
  const openLine = countLineBreaks(opener); // the fence ends group 1, before its line break
  const yamlLine = openLine + 1;
  const closerBreak = /^(\r\n|\r|\n)/.exec(closer)?.[0].length ?? 1;
  const closeLine = 1 + countLineBreaks(source.slice(0, yamlOffset + yamlText.length + closerBreak));
  const bodyOffset = match.index + match[0].length;
  const bodyLine = 1 + countLineBreaks(source.slice(0, bodyOffset));

  // The yaml library knows CRLF and LF but not a lone CR: replace it one for
  // one so that offsets and line numbers stay those of the file.
  const normalised = yamlText.replace(/\r(?!\n)/g, "\n");
  const lineCounter = new LineCounter();
  const document = parseDocument(normalised, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: true,
    logLevel: "silent",
  });

  const toProblem = (code: string, message: string, offset: number): YamlProblem => {
    const pos = lineCounter.linePos(offset);
    return { code, message, line: pos.line + yamlLine - 1, column: pos.col };
  };

  const syntaxErrors: YamlProblem[] = [];
  const duplicateKeys: YamlProblem[] = [];
  for (const error of document.errors) {
    const problem = toProblem(error.code, firstLineOf(error.message), error.pos[0]);
    if (error.code === "DUPLICATE_KEY") duplicateKeys.push(problem);
    else syntaxErrors.push(problem);
  }

  let data: unknown;
  let dataError: YamlProblem | undefined;
  try {
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // `x: *nope` with no `&nope` before it: the yaml library throws when it resolves the alias.
    const unresolved = error instanceof ReferenceError ? /^Unresolved alias\b.*: (\S+)$/.exec(message)?.[1] : undefined;
    const at = unresolved === undefined ? -1 : yamlText.indexOf(`*${unresolved}`);
    dataError = unresolved !== undefined
      ? toProblem("UNRESOLVED_ALIAS", unresolved, at === -1 ? (document.contents?.range?.[0] ?? 0) : at)
      : toProblem("ALIAS_LIMIT", message, document.contents?.range?.[0] ?? 0);
    data = undefined;
  }

  const contents = document.contents;
  const isMapping = contents === null || isMap(contents) || (data === null && syntaxErrors.length === 0);

  return {
    status: "present",
    block: { openLine, closeLine, yamlLine, yaml: yamlText, bodyOffset, bodyLine },
    document,
    lineCounter,
    data,
    syntaxErrors,
    duplicateKeys,
    ...(dataError ? { dataError } : {}),
    isMapping,
    bom: source.charCodeAt(0) === 0xfeff,
    prose: !looksLikeMetadata(yamlText) && (syntaxErrors.length > 0 || !isMapping || data === null) && !isMapEmptyOk(yamlText),
  };
}

/** Only blank lines and comments: an empty block, not prose. */
function isMapEmptyOk(yamlText: string): boolean {
  return yamlText.split(/\r\n|\r|\n/).every((l) => l.trim() === "" || l.trim().startsWith("#"));
}

/**
 * Whether the first line of a block that is not blank or a comment is
 * YAML-shaped: `key: value`, `- item`, or a line that starts with a YAML
 * indicator (`[`, `{`, `!`, `&`, a quote, a lone `|` or `>`). Markdown's `* item`,
 * `> quote` and `| table |` are prose.
 */
export function looksLikeMetadata(yamlText: string): boolean {
  const first = yamlText.split(/\r\n|\r|\n/, 200).find((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  return first !== undefined && /^[ \t]*(?:-(?:[ \t]|$)|[{[!&"']|[|>][-+0-9]*[ \t]*$|[\w.-][\w .-]*:(?:[ \t]|$))/.test(first);
}

/** The yaml library appends " at line L, column C:" and a code frame; keep the sentence. */
function firstLineOf(message: string): string {
  const first = message.split("\n", 1)[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, "").trim();
}

/** How far down Cardinal looks for a misplaced metadata block. */
const MISPLACED_SEARCH_LINES = 40;

function explainAbsence(source: string): FrontMatter {
  const lines = source.split(/\r\n|\r|\n/, MISPLACED_SEARCH_LINES + 1);
  const firstContent = lines.findIndex((l) => l.trim() !== "");
  if (firstContent === -1) return { status: "absent", reason: "none", line: 1 };

  const first = lines[firstContent] ?? "";
  if (FENCE_LINE.test(first.replace(/^\uFEFF/, ""))) {
    // Opened at the top but not closed, or closed immediately.
    const next = lines.findIndex((l, i) => i > firstContent && FENCE_LINE.test(l));
    if (next === firstContent + 1) return { status: "absent", reason: "empty", line: firstContent + 1 };
    // Prose after the fence: a horizontal rule, not a metadata block left open.
    const rest = lines.slice(firstContent + 1).join("\n");
    if (/\S/.test(rest) && !looksLikeMetadata(rest) && !rest.split("\n").every((l) => l.trim() === "" || l.trim().startsWith("#"))) {
      return { status: "absent", reason: "rule", line: firstContent + 1 };
    }
    // Keys that follow the unclosed fence tell whether this was meant as card metadata.
    const keys = lines
      .slice(firstContent + 1)
      .flatMap((l) => /^([A-Za-z_][\w-]*)[ \t]*:/.exec(l)?.[1] ?? []);
    return { status: "absent", reason: "unclosed", line: firstContent + 1, blockKeys: keys };
  }

  // Something stands before a block that would otherwise be metadata.
  const open = lines.findIndex((l, i) => i > firstContent && FENCE_LINE.test(l));
  if (open !== -1) {
    const close = lines.findIndex((l, i) => i > open + 1 && FENCE_LINE.test(l));
    const blockText = close === -1 ? undefined : lines.slice(open + 1, close).join("\n");
    const keys = blockText === undefined ? undefined : metadataKeys(blockText);
    if (keys) {
      return { status: "absent", reason: "text-before", line: firstContent + 1, blockLine: open + 1, blockKeys: keys };
    }
    // A block that does not parse but is made of `key:` lines (three or more) is broken metadata, misplaced too.
    const lineKeys = blockText === undefined ? [] : [...blockText.matchAll(/^[ \t]*([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)/gm)].map((m) => m[1] ?? "");
    if (lineKeys.length >= 3) {
      return {
        status: "absent",
        reason: "text-before",
        line: firstContent + 1,
        blockLine: open + 1,
        blockKeys: lineKeys,
        blockInvalid: true,
      };
    }
  }
  return { status: "absent", reason: "none", line: 1 };
}

/** Top-level keys of a YAML mapping, or undefined when the text is not one. */
function metadataKeys(yamlText: string): string[] | undefined {
  if (!/^[A-Za-z_][\w-]*:/m.test(yamlText)) return undefined;
  const doc = parseDocument(yamlText, { logLevel: "silent" });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  return doc.contents.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key));
}

type PresentFrontMatter = Extract<FrontMatter, { status: "present" }>;

/** File position (1-based line and column) of an offset in the YAML text. */
export function yamlPosition(frontMatter: PresentFrontMatter, offset: number): { line: number; column: number } {
  const pos = frontMatter.lineCounter.linePos(offset);
  return { line: pos.line + frontMatter.block.yamlLine - 1, column: pos.col };
}

/** Lines (first and last) of a top-level key's entry, or undefined. */
export function keyLines(
  frontMatter: PresentFrontMatter,
  key: string,
): { line: number; endLine: number; column: number } | undefined {
  const contents = frontMatter.document.contents;
  if (!isMap(contents)) return undefined;
  const pair = contents.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
  if (!pair || !keyRange) return undefined;
  const start = yamlPosition(frontMatter, keyRange[0]);
  const valueEnd = (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? keyRange[1];
  const end = yamlPosition(frontMatter, Math.max(keyRange[0], valueEnd - 1));
  return { line: start.line, endLine: Math.max(start.line, end.line), column: start.column };
}
