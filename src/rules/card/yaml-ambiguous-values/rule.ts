import { isScalar, visit, type Scalar } from "yaml";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { yamlPosition } from "../../../parse/front-matter.js";
import { lineFix, metadataOf } from "../../../parse/metadata.js";

/** Plain scalars that YAML 1.1 (PyYAML, used by huggingface_hub) reads as true or false. */
const YAML11_BOOLEANS = /^(yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

export default defineRule({
  meta: {
    id: "card/yaml-ambiguous-values",
    title: "Value means true/false to some YAML readers",
    description: "Unquoted `yes`, `no`, `on` and `off` values in card metadata are quoted, so every tool reads them as text.",
    why:
      "Card metadata is read by two kinds of YAML parser: the Hub and JavaScript tools read `no` as the text \"no\", but Python's huggingface_hub (YAML 1.1) reads it as false. `language: no` (Norwegian) then becomes `language: false` in every Python tool that loads the card.",
    defaultSeverity: "warning",
  },
  check({ cards, report }) {
    for (const card of cards) {
      const fm = metadataOf(card);
      if (!fm) continue;
      visit(fm.document, {
        Scalar(key, node: Scalar, path) {
          if (key === "key" || node.type !== "PLAIN" || typeof node.value !== "string" || !YAML11_BOOLEANS.test(node.value)) {
            return;
          }
          const range = node.range;
          if (!range) return;
          const { line, column } = yamlPosition(fm, range[0]);
          const parentPair = [...path].reverse().find((p) => typeof p === "object" && p !== null && "key" in p) as
            | { key: unknown }
            | undefined;
          const owner = parentPair && isScalar(parentPair.key) ? String(parentPair.key.value) : undefined;
          const value = node.value;
          const fix = lineFix(card, line, value, `"${value}"`);
          report({
            path: card.path,
            line,
            column,
            message:
              owner === "language" && value.toLowerCase() === "no"
                ? text`${value} is read as false by huggingface_hub and other YAML 1.1 readers, so the card loses its Norwegian language tag there.`
                : text`${value}${owner ? text` (under ${owner})` : []} is text for the Hub but true/false for huggingface_hub and other YAML 1.1 readers.`,
            hint:
              owner === "language" && value.toLowerCase() === "no"
                ? prose("Quote it (`\"no\"`), or use `nb` (Bokmål) or `nn` (Nynorsk).")
                : prose("Put the value in quotes. If you meant true/false, write `true` or `false`."),
            ...(fix ? { fix } : {}),
          });
        },
      });
    }
  },
});
