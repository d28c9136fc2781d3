import type { Text } from "../core/text.js";

/** The longest user value shown in a comment before it is cut. */
const MAX_CODE_LENGTH = 120;

/**
 * A user-controlled value as a markdown code span. Inside a code span GitHub
 * renders no HTML, no links and no @mentions, so this is the one safe way
 * to show text from a pull request. Line breaks become spaces (a code span
 * cannot hold them) and long values are cut.
 */
export function inlineCode(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  let v = value.replace(/\r\n|\r|\n/g, " ").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "\uFFFD");
  if (v.length > MAX_CODE_LENGTH) v = `${v.slice(0, MAX_CODE_LENGTH - 1)}…`;
  if (v.trim() === "") return v === "" ? "(empty)" : "` `";
  const longestRun = Math.max(0, ...Array.from(v.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = v.startsWith("`") || v.endsWith("`") ? " " : "";
  return `${fence}${pad}${v}${pad}${fence}`;
}

/** Cardinal's prose is trusted markdown; values go through `inlineCode`. */
export function renderText(message: Text): string {
  return message
    .map((part) => (typeof part === "string" ? part : "code" in part ? inlineCode(part.code) : escapeMarkdown(part.quoted)))
    .join("");
}

/**
 * Text from elsewhere shown outside a code span (a rule's title, a login):
 * escapes markdown and HTML and breaks @mentions.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (ch) => `\\${ch}`)
    .replace(/@/g, "@\u200b")
    .replace(/&/g, "&amp;");
}

/** Markdown for a fenced block whose content may contain backticks. */
export function fencedBlock(content: string, info = ""): string {
  const longestRun = Math.max(2, ...Array.from(content.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  return `${fence}${info}\n${content}\n${fence}`;
}
