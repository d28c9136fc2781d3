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
      const fm = card.frontMatter;
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
            message: text`This ${trusted(label)} has no metadata block, so the Hub sees no license, task or datasets for it.`,
            hint: prose(
              "Add a block at line 1: a line with `---`, keys such as `license:` and `pipeline_tag:`, and a closing `---` line.",
            ),
          });
          break;
        case "text-before":
          report({
            path: card.path,
            line: fm.line,
            title: "Metadata block is not at the top of the file",
            message: text`The block at line ${fm.blockLine ?? "?"} looks like card metadata, but line ${fm.line} comes before it, so the Hub ignores the whole block.`,
            hint: prose("Move the metadata block to the very top of the file; only blank lines may come before it."),
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
