import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { licenseValues } from "../../../parse/license-values.js";

export default defineRule({
  meta: {
    id: "license/not-unknown",
    title: "License declared as unknown",
    description: "A card does not declare `license: unknown`.",
    why:
      "`unknown` tells users that nobody checked the terms: they cannot know whether they may use, share or build on the model or data, so careful users and companies must skip it.",
    defaultSeverity: "warning",
  },
  check({ cards, report }) {
    for (const card of cards) {
      for (const item of licenseValues(card)) {
        if (item.value !== "unknown") continue;
        report({
          path: card.path,
          line: item.line,
          column: item.column,
          message: text`The license is declared as ${"unknown"}.`,
          hint: prose("Find the license the weights or data were released under (for a fine-tune, the base model's license usually applies) and declare its id."),
        });
      }
    }
  },
});
