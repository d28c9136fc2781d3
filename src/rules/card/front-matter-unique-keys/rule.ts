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
      // The top-level keys and where each is written: a duplicate among them is compared with the first of its name.
      const topKeys = isMap(top)
        ? top.items.flatMap((p) => (isScalar(p.key) && p.key.range ? [{ key: String(p.key.value), at: yamlPosition(fm, p.key.range[0]) }] : []))
        : [];
      for (const dup of fm.duplicateKeys) {
        const own = topKeys.find((k) => k.at.line === dup.line && k.at.column === dup.column);
        const keyText = own?.key ?? beforeAny(card.lines.lineText(dup.line).trim(), ":").trimEnd();
        // A nested key's first place is in its own mapping, not at a top-level key of the same name.
        const first = own ? topKeys.find((k) => k.key === own.key) : undefined;
        const earlier = first && first.at.line !== dup.line ? text` (first at line ${first.at.line})` : [];
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
