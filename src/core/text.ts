/**
 * Rich text for finding messages.
 *
 * Messages mix Cardinal's own words with values taken from the pull request
 * (a YAML key, a license id, a line of the card). Those values are
 * user-controlled: in a GitHub comment they could mention people, inject HTML
 * or links. Rules therefore never build message strings by concatenation;
 * they use the `text` tag, which keeps every interpolated value apart as a
 * `code` part. Each renderer then decides how to show a value safely (a code
 * span in markdown, plain text in a terminal).
 *
 * A prose part is Cardinal's own markdown and reaches the comment as it is,
 * so the ways to make one are narrow (and branded: a plain string is never one): a literal (`prose`, the literal parts
 * of `text`), a number, or `trusted`, which says at the call site that the
 * words were composed from Cardinal's own tables. A value from the pull
 * request or the Hub goes in as `code` (the default of `text`) or `quoted`.
 */

export interface CodePart {
  readonly code: string;
}

/** Text from elsewhere (a parser's message) shown as words, not as code. */
export interface QuotedPart {
  readonly quoted: string;
}

/**
 * The brand of Cardinal's own words. It is a symbol no parser, payload or
 * JSON document can produce, so that a plain string, a `string[]` or a
 * parsed `{prose: ...}` mapping is never taken for trusted markdown.
 */
const PROSE: unique symbol = Symbol("cardinal.prose");

/** Cardinal's own markdown, made only by `prose`, `trusted`, `text`'s literals and `joinText`'s separator. */
export interface ProsePart {
  readonly [PROSE]: true;
  readonly prose: string;
}

export type TextPart = ProsePart | CodePart | QuotedPart;

/** A message: Cardinal's words and user values, in order. */
export type Text = readonly TextPart[];

function prosePart(value: string): ProsePart {
  return Object.freeze({ [PROSE]: true as const, prose: value });
}

export function isProsePart(value: unknown): value is ProsePart {
  return typeof value === "object" && value !== null && (value as { [PROSE]?: unknown })[PROSE] === true && typeof (value as { prose?: unknown }).prose === "string";
}

/** The string of each kind of part, to render it: prose as it is, the others as the renderer shows values. */
export function renderParts(message: Text, render: { prose(value: string): string; code(value: string): string; quoted(value: string): string }): string {
  return message.map((p) => (isProsePart(p) ? render.prose(p.prose) : isCodePart(p) ? render.code(p.code) : render.quoted(unbranded(p)))).join("");
}

/** A part that is neither prose nor code: its words, to be shown escaped (an unbranded string among them). */
function unbranded(part: unknown): string {
  return isQuotedPart(part) ? part.quoted : String(part);
}

/** The last character of a message as a reader sees it (a code span ends with a backtick). */
export function lastCharacter(message: Text): string {
  const last = message[message.length - 1];
  if (last === undefined) return "";
  const shown = isProsePart(last) ? last.prose : isCodePart(last) ? "`" : unbranded(last);
  return shown.slice(-1);
}

/** The words of a prose part, or undefined for a value (to compare message shapes). */
export function proseOf(part: TextPart): string | undefined {
  return isProsePart(part) ? part.prose : undefined;
}

/** Marks an interpolated value as user-controlled data. */
export function code(value: unknown): CodePart {
  return { code: String(value) };
}

/**
 * Tagged template for messages: literal parts stay prose, interpolations
 * become code parts, except numbers (safe, shown as prose) and values that
 * already are Text (so messages compose). Only branded parts count as Text:
 * a `string[]` (a list from the card) becomes code, never markdown.
 *
 *   text`Unknown key ${key}; did you mean ${suggestion}?`
 */
export function text(strings: TemplateStringsArray, ...values: unknown[]): Text {
  const parts: TextPart[] = [];
  strings.forEach((literal, i) => {
    if (literal !== "") parts.push(prosePart(literal));
    if (i < values.length) {
      const value = values[i];
      if (typeof value === "number") parts.push(prosePart(String(value)));
      else if (isText(value)) parts.push(...value);
      else if (isCodePart(value) || isQuotedPart(value)) parts.push(value);
      else parts.push(code(value));
    }
  });
  return parts;
}

/** Words Cardinal did not write (a library's error message): escaped, not trusted. */
export function quoted(value: string): QuotedPart {
  return { quoted: value };
}

/**
 * Prose that contains no user-controlled value: only a string literal (or a
 * union of literals, `n === 1 ? "is" : "are"`) type-checks here. A string
 * built at run time is `string`, which is refused; words Cardinal composes
 * from its own tables go through `trusted`, values through `text` or `quoted`.
 */
export function prose<const S extends string>(value: string extends S ? never : S): Text {
  return [prosePart(value)];
}

/**
 * Cardinal's own words composed at run time (a number formatted, a path
 * like `configs[2].data_files` built from fixed keys, a reason from one of
 * Cardinal's tables): shown as markdown, unescaped. Never pass anything that
 * contains a value read from the pull request, the repository or the Hub.
 */
export function trusted(value: string): Text {
  return [prosePart(value)];
}

export function isCodePart(value: unknown): value is CodePart {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as { code?: unknown }).code === "string";
}

export function isQuotedPart(value: unknown): value is QuotedPart {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as { quoted?: unknown }).quoted === "string";
}

/** Text, part by part: a code or quoted part is data either way, but prose must carry the brand. */
export function isText(value: unknown): value is Text {
  return Array.isArray(value) && value.every((p) => isProsePart(p) || isCodePart(p) || isQuotedPart(p));
}

/** Plain string form, with values in backticks (JSON output, logs, tests). */
/** Whether a message or hint says anything: `[]` (an empty hint) says nothing, like no hint at all. */
export function saysSomething(message: Text | undefined): message is Text {
  return message !== undefined && message.length > 0;
}

export function plain(message: Text): string {
  return renderParts(message, { prose: (v) => v, code: (v) => `\`${v}\``, quoted: (v) => v });
}

/** Joins several Text values with a prose separator (a literal, like `prose`'s). */
export function joinText<const S extends string>(items: readonly Text[], separator: string extends S ? never : S): Text {
  const out: TextPart[] = [];
  const between = prosePart(separator);
  items.forEach((item, i) => {
    if (i > 0) out.push(between);
    out.push(...item);
  });
  return out;
}
