import { defineRule } from "../../../core/rule.js";
import { prose, quoted, text, type Text, trusted } from "../../../core/text.js";
import { MAX_YAML_ALIASES } from "../../../parse/front-matter.js";
import type { LineIndex } from "../../../parse/lines.js";

/** Advice for the yaml library's error codes that newcomers meet most. */
const HINTS: Record<string, string> = {
  TAB_AS_INDENT:
    "Indent with spaces: YAML does not allow tabs for indentation, and PyYAML, which huggingface_hub reads cards with, refuses a tab at the start of a line.",
  BAD_INDENT: "Check the indentation here, and that every `[` and `{` is closed on the same block.",
  BLOCK_AS_IMPLICIT_KEY: "A value that contains `: ` must be quoted, for example `description: \"a: b\"`.",
  MULTILINE_IMPLICIT_KEY: "A key must fit on one line; quote a value that spans lines or use `|` for a block of text.",
  UNEXPECTED_TOKEN: "Quote values that start with `@`, a backtick, `*`, `&`, `!`, `%`, `[` or `{`.",
  MISSING_CHAR: "A quote or bracket is not closed.",
  BAD_SCALAR_START: "Quote values that start with `@`, a backtick or `%`.",
};

/**
 * A line without its quoted strings ("…" with backslash escapes, '…'), in one
 * pass; an unclosed quote runs to the end of the line.
 */
function withoutQuoted(line: string): string {
  let out = "";
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quote === undefined) {
      if (c === '"' || c === "'") quote = c;
      else out += c;
    } else if (quote === '"' && c === "\\") i++;
    else if (c === quote) quote = undefined;
  }
  return out;
}

/** The last line between `from` and `to` (exclusive) that opens more `open` brackets than it closes. */
function unclosedBracketLine(lines: LineIndex, from: number, to: number, open: "[" | "{"): number | undefined {
  const close = open === "[" ? "]" : "}";
  for (let line = Math.min(to, lines.lineCount); line >= from; line--) {
    // Brackets inside quotes do not count.
    const value = withoutQuoted(lines.lineText(line));
    const balance = value.split(open).length - value.split(close).length;
    if (balance > 0) return line;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: "card/front-matter-valid-yaml",
    title: "Metadata block is not valid YAML",
    description: "The metadata block of a card parses as YAML.",
    why:
      "The Hub refuses a push whose card metadata does not parse (\"Invalid YAML in README.md\"), and a card that reaches the Hub with broken metadata shows a \"YAML Metadata Error\" instead of its license and task.",
    defaultSeverity: "error",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (!card.hubCard) continue; // only the Hub's README.md has metadata anything reads
      const fm = card.frontMatter;
      if (fm.status !== "present" || fm.prose) continue; // prose after a horizontal rule: card/front-matter-present
      const [first, ...rest] = fm.syntaxErrors;
      if (first) {
        const more: Text = rest.length > 0 ? prose(rest.length === 1 ? " (1 more error follows from it or comes after it.)" : ` (${rest.length} more errors follow from it or come after it.)`) : [];
        // The parser notices an unclosed `[` or `{` only where the next entry starts;
        // point at the line that opened it instead.
        const flow = /^Flow (sequence|map)/.exec(first.message)?.[1];
        const bracket = flow === "sequence" ? "[" : "{";
        const opened = flow ? unclosedBracketLine(card.lines, fm.block.yamlLine, first.line, bracket) : undefined;
        if (opened !== undefined) {
          report({
            path: card.path,
            line: opened,
            message: text`The ${bracket} on line ${opened} is never closed: ${card.lines.lineText(opened).trim()}${more}`,
            hint: prose(
              bracket === "["
                ? "Close the list with `]` on the same line, or write one item per line starting with `- `."
                : "Close the mapping with `}`.",
            ),
          });
          continue;
        }
        report({
          path: card.path,
          line: first.line,
          column: first.column,
          message: text`${quoted(first.message)} at line ${first.line}, column ${first.column}: ${card.lines.lineText(first.line).trim()}${more}`,
          hint: trusted(HINTS[first.code] ?? "Fix the YAML at this line; quoting the value often helps."),
        });
      } else if (fm.dataError?.code === "UNRESOLVED_ALIAS") {
        const name = fm.dataError.message;
        report({
          path: card.path,
          line: fm.dataError.line,
          column: fm.dataError.column,
          title: "Metadata uses an alias with no anchor",
          message: text`The metadata uses the alias ${`*${name}`} at line ${fm.dataError.line}, but no anchor ${`&${name}`} is set before it, so the metadata cannot be read.`,
          hint: text`Put ${`&${name}`} on the value the alias should repeat, before the alias, or write the value out instead of ${`*${name}`}.`,
        });
      } else if (fm.dataError) {
        report({
          path: card.path,
          line: fm.block.yamlLine,
          title: "Metadata uses too many YAML aliases",
          message: text`The metadata expands more than ${MAX_YAML_ALIASES} aliases (\`*name\`), the pattern of a YAML \"billion laughs\" attack, so Cardinal did not read it.`,
          hint: prose("Write the values out instead of repeating them through anchors and aliases."),
        });
      }
    }
  },
});
