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
 * A string part is Cardinal's own markdown and reaches the comment as it is,
 * so the ways to make one are narrow: a literal (`prose`, the literal parts
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

export type TextPart = string | CodePart | QuotedPart;

/** A message: Cardinal's words and user values, in order. */
export type Text = readonly TextPart[];

/** Marks an interpolated value as user-controlled data. */
export function code(value: unknown): CodePart {
  return { code: String(value) };
}

/**
 * Tagged template for messages: literal parts stay prose, interpolations
 * become code parts, except numbers (safe, shown as prose) and values that
 * already are Text (so messages compose).
 *
 *   text`Unknown key ${key}; did you mean ${suggestion}?`
 */
export function text(strings: TemplateStringsArray, ...values: unknown[]): Text {
  const parts: TextPart[] = [];
  strings.forEach((literal, i) => {
    if (literal !== "") parts.push(literal);
    if (i < values.length) {
      const value = values[i];
      if (typeof value === "number") parts.push(String(value));
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
  return [value];
}

/**
 * Cardinal's own words composed at run time (a number formatted, a path
 * like `configs[2].data_files` built from fixed keys, a reason from one of
 * Cardinal's tables): shown as markdown, unescaped. Never pass anything that
 * contains a value read from the pull request, the repository or the Hub.
 */
export function trusted(value: string): Text {
  return [value];
}

export function isCodePart(value: unknown): value is CodePart {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "code" in value;
}

export function isQuotedPart(value: unknown): value is QuotedPart {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "quoted" in value;
}

function isText(value: unknown): value is Text {
  return Array.isArray(value) && value.every((p) => typeof p === "string" || isCodePart(p) || isQuotedPart(p));
}

/** Plain string form, with values in backticks (JSON output, logs, tests). */
export function plain(message: Text): string {
  return message.map((p) => (typeof p === "string" ? p : "code" in p ? `\`${p.code}\`` : p.quoted)).join("");
}

/** Joins several Text values with a prose separator. */
export function joinText(items: readonly Text[], separator: string): Text {
  const out: TextPart[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(separator);
    out.push(...item);
  });
  return out;
}
