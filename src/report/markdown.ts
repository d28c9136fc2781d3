import { renderParts, type Text } from "../core/text.js";

/** The longest user value shown in a comment before it is cut. */
const MAX_CODE_LENGTH = 120;

/**
 * Unicode's bidirectional controls (embeddings, overrides, isolates, marks).
 * An unclosed override in a value reverses the rest of the paragraph it sits
 * in, Cardinal's words after the code span included (the "Trojan Source"
 * trick), so a value could make a finding read differently from what it says.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A value on one line, without control characters: what code spans, escaped words and annotations hold. */
export function oneLine(value: string): string {
  return (
    value
      .replace(/\r\n|\r|\n|\u2028|\u2029/g, " ")
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "\uFFFD")
      .replace(BIDI_CONTROLS, "\uFFFD")
  );
}

/** `value` cut to `max` characters with an ellipsis, never between the halves of a surrogate pair. */
function cutValue(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max - 1;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end)}…`;
}

/**
 * A user-controlled value as a markdown code span. Inside a code span GitHub
 * renders no HTML, no links and no @mentions, so this is the one safe way
 * to show text from a pull request. Line breaks become spaces (a code span
 * cannot hold them), control and bidirectional characters become U+FFFD, and
 * long values are cut. The fence is one backtick longer than the longest run
 * in the value, so no run inside can close it; a value that starts or ends
 * with a backtick, or starts and ends with a space, is padded with one space
 * each side, which CommonMark strips again. A value of spaces only cannot be
 * shown as such in a code span (it renders as one space): it says "(blank)".
 */
export function inlineCode(value: string): string {
  const v = cutValue(oneLine(value), MAX_CODE_LENGTH);
  if (v === "") return "(empty)";
  if (v.trim() === "") return "(blank)";
  const longestRun = Math.max(0, ...Array.from(v.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = v.startsWith("`") || v.endsWith("`") || (v.startsWith(" ") && v.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${v}${pad}${fence}`;
}

/** Cardinal's prose is trusted markdown; values go through `inlineCode`. */
export function renderText(message: Text): string {
  return renderParts(message, { prose: (v) => v, code: inlineCode, quoted: escapeMarkdown });
}

/**
 * Text from elsewhere shown outside a code span (a rule's title, a parser's
 * message that quotes the file): escapes markdown and HTML, keeps it on one
 * line, and breaks what GitHub links in the rendered text.
 *
 * A backslash escape only reaches the markdown parser: GitHub finds
 * @mentions and issue references (`#1`, `owner/repo#1`, `GH-1`) in the
 * text *after* rendering, where `\@` and `\#` are plain `@` and `#` again. A
 * zero-width space after `@`, and between `#` or `GH-` and a number, breaks
 * those patterns. Bare addresses (`https://…`, `www.…`) are autolinked by
 * the parser, so their `:` and `.` are escaped. Without line breaks no block
 * (list, heading, table, rule) can start inside the text; a list marker or
 * ordered-list number at its very start is escaped, as the text may open a
 * line.
 */
export function escapeMarkdown(value: string): string {
  return oneLine(value)
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (ch) => `\\${ch}`)
    .replace(/#(?=\d)/g, "#\u200b")
    .replace(/\b(gh)-(?=\d)/gi, "$1-\u200b")
    .replace(/@/g, "@\u200b")
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(/^(\s*)([-=])/, "$1\\$2")
    .replace(/^(\s*\d+)\./, "$1\\.")
    .replace(/&/g, "&amp;");
}

/**
 * Text shown (not applied) in a fenced block, such as a fix's replacement
 * in the comment: its lines stay, but bidirectional and other control
 * characters become U+FFFD, so what the reader sees is what the text holds.
 */
export function visibleLines(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must show
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g, "\uFFFD")
      .replace(BIDI_CONTROLS, "\uFFFD")
  );
}

/** Markdown for a fenced block whose content may contain backticks. */
export function fencedBlock(content: string, info = ""): string {
  const longestRun = Math.max(2, ...Array.from(content.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  return `${fence}${info}\n${content}\n${fence}`;
}
