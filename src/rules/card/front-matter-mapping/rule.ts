import { isSeq } from "yaml";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";

export default defineRule({
  meta: {
    id: "card/front-matter-mapping",
    title: "Metadata is not made of `key: value` entries",
    description: "The top level of a card's metadata block is a mapping (`key: value` lines).",
    why:
      "The Hub reads card metadata as named keys (`license: mit`). A block whose top level is a list or a single value is refused on push (\"must be of type object\") and gives the model no metadata.",
    defaultSeverity: "error",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (!card.hubCard) continue; // only the Hub's README.md has metadata anything reads
      const fm = card.frontMatter;
      if (fm.status !== "present" || fm.syntaxErrors.length > 0 || fm.isMapping || fm.prose) continue;
      const shape = isSeq(fm.document.contents) ? "a list" : "a single value";
      report({
        path: card.path,
        line: fm.block.yamlLine,
        endLine: Math.max(fm.block.yamlLine, fm.block.closeLine - 1),
        message: text`The metadata block is ${prose(shape)}, not a mapping of keys to values.`,
        hint: prose("Write each entry as `key: value` at the start of a line, for example `license: apache-2.0`; don't start lines with `- `."),
      });
    }
  },
});
