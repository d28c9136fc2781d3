import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { cardLabel } from "../../../parse/card.js";

export default defineRule({
  meta: {
    id: "card/front-matter-present",
    title: "No metadata block at the top of the card",
    description: "A model or dataset card starts with a YAML metadata block between `---` lines that the Hub can find.",
    why:
      "The Hub reads a model's license, task, library, datasets and base model only from a YAML block at the very top of the card. Without it the model has no license on its page, cannot be found by task or library, and the Hub shows \"empty or missing yaml metadata\".",
    defaultSeverity: "warning",
  },
  check({ cards, report }) {
    for (const card of cards) {
      // Only the Hub's README.md needs a metadata block; MODEL_CARD.md in a code repository reaches no Hub page.
      if (!card.hubCard) continue;
      const fm = card.frontMatter;
      if (fm.status === "present" && fm.prose) {
        report({
          path: card.path,
          line: fm.block.openLine,
          endLine: fm.block.closeLine,
          title: "Card opens with a horizontal rule, not metadata",
          message: text`Line ${fm.block.openLine} is ${"---"} followed by text, not ${"key: value"} lines. In Markdown that is a horizontal rule, but the Hub reads a ${"---"} at the top of the file as the start of a metadata block, so it takes lines ${fm.block.yamlLine}–${fm.block.closeLine - 1} for YAML metadata (which they are not) and the card has no metadata.`,
          hint: prose(
            "Keep the text as text: write the rule as `***` (or delete it), or add a real metadata block above it (a `---` line, keys such as `license:`, and a closing `---` line).",
          ),
        });
        continue;
      }
      if (fm.status === "present") {
        // A block with nothing but blank lines or comments: the Hub sees no metadata.
        if (fm.data == null && fm.syntaxErrors.length === 0 && !fm.dataError) {
          report({
            path: card.path,
            line: fm.block.openLine,
            title: "Metadata block is empty",
            message: text`The metadata block at lines ${fm.block.openLine}–${fm.block.closeLine} holds no keys.`,
            hint: prose("Add at least the `license` of the model between the two `---` lines."),
          });
        }
        continue;
      }
      const label = cardLabel(card);
      switch (fm.reason) {
        case "none":
          report({
            path: card.path,
            line: 1,
            message: text`This ${trusted(label)} has no metadata block, so the Hub sees no ${trusted(card.kind === "model" ? "license, task or datasets" : "license, task categories or languages")} for it.`,
            hint: text`Add a block at line 1: a line with ${"---"}, keys such as ${"license:"} and ${card.kind === "model" ? "pipeline_tag:" : "task_categories:"}, and a closing ${"---"} line.`,
          });
          break;
        case "text-before":
          report({
            path: card.path,
            line: fm.line,
            title: "Metadata block is not at the top of the file",
            message: fm.blockInvalid
              ? text`The block at line ${fm.blockLine ?? "?"} looks like card metadata, but line ${fm.line} comes before it, so the Hub ignores the whole block. Moved to the top, it would not parse as YAML either: check its indentation (each key at the start of its line, list items under it).`
              : text`The block at line ${fm.blockLine ?? "?"} looks like card metadata, but line ${fm.line} comes before it, so the Hub ignores the whole block.`,
            hint: fm.blockInvalid
              ? prose("Move the metadata block to the very top of the file (only blank lines may come before it), and write each key at the start of a line with its `- ` items under it.")
              : prose("Move the metadata block to the very top of the file; only blank lines may come before it."),
          });
          break;
        case "unclosed":
          report({
            path: card.path,
            line: fm.line,
            title: "Metadata block is never closed",
            message: text`The metadata block opened at line ${fm.line} has no closing \`---\` line, so the Hub reads no metadata at all.`,
            hint: prose("Add a line with only `---` after the last metadata line."),
          });
          break;
        case "rule":
          report({
            path: card.path,
            line: fm.line,
            title: "Card opens with a horizontal rule, not metadata",
            message: text`Line ${fm.line} is ${"---"} followed by text. In Markdown that is a horizontal rule, but the Hub reads a ${"---"} at the top of the file as the start of a metadata block, so this ${trusted(label)} has no metadata: no license, task or datasets.`,
            hint: prose(
              "Keep the text as text: write the rule as `***` (or delete it), or add a real metadata block above it (a `---` line, keys such as `license:`, and a closing `---` line).",
            ),
          });
          break;
        case "empty":
          report({
            path: card.path,
            line: fm.line,
            title: "Metadata block is empty",
            message: text`The metadata block at line ${fm.line} has nothing between its \`---\` lines.`,
            hint: prose("Add at least the `license` of the model between the two `---` lines."),
          });
          break;
      }
    }
  },
});
