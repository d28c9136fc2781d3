import { isMap, isScalar } from "yaml";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { yamlPosition } from "../../../parse/front-matter.js";
import { beforeAny } from "../../../core/strings.js";

export default defineRule({
  meta: {
    id: "card/front-matter-unique-keys",
    title: "A metadata key appears twice",
    description: "No key appears twice in the same mapping of a card's metadata.",
    why:
      "When a key is written twice, tools disagree on what the card says: Python's huggingface_hub silently keeps the last value, while JavaScript YAML parsers reject the whole block. A reviewer reading the first value may approve a license or dataset that the Hub never shows.",
    defaultSeverity: "error",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (!card.hubCard) continue; // only the Hub's README.md has metadata anything reads
      const fm = card.frontMatter;
      if (fm.status !== "present") continue;
      const top = fm.document.contents;
      for (const dup of fm.duplicateKeys) {
        const keyText = beforeAny(card.lines.lineText(dup.line).trim(), ":");
        // For a top-level key, point at where it first appears.
        let firstLine: number | undefined;
        if (isMap(top)) {
          const first = top.items.find((p) => isScalar(p.key) && String(p.key.value) === keyText);
          const range = first && isScalar(first.key) ? first.key.range : undefined;
          if (range) firstLine = yamlPosition(fm, range[0]).line;
        }
        const earlier = firstLine !== undefined && firstLine !== dup.line ? text` (first at line ${firstLine})` : [];
        report({
          path: card.path,
          line: dup.line,
          column: dup.column,
          message: text`The key ${keyText} is written again at line ${dup.line}${earlier}.`,
          hint: prose("Keep one entry for the key; to give several values, use a list under a single key."),
        });
      }
    }
  },
});
