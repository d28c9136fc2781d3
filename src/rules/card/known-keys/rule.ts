import { defineRule } from "../../../core/rule.js";
import { text } from "../../../core/text.js";
import { intendedKey, KNOWN_KEYS, RENAMED_KEYS, valueFitsKey } from "../../../parse/card-schema.js";

import { entries, lineFix, metadataOf } from "../../../parse/metadata.js";

export default defineRule({
  meta: {
    id: "card/known-keys",
    title: "Metadata key looks misspelled",
    description: "Top-level metadata keys are spelled as the Hub expects (`license`, not `licence`).",
    why:
      "The Hub accepts unknown keys without a word, so a misspelled key is simply ignored: `licence: mit` leaves the model without a license on its page, and `dataset:` links no training data.",
    defaultSeverity: "warning",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (!metadataOf(card)) continue;
      const all = entries(card);
      const present = new Set(all.map((e) => e.key));
      for (const e of all) {
        if (KNOWN_KEYS.has(e.key)) continue;
        const meant = intendedKey(e.key);
        // A value of another shape was meant for some other key of the author's own.
        if (!meant || !valueFitsKey(card.kind, meant, e.value)) continue;
        const renamed = RENAMED_KEYS[e.key] === meant;
        const title = renamed ? { title: "Old metadata key" } : {};
        if (present.has(meant)) {
          report({
            path: card.path,
            line: e.keyLine,
            column: e.keyColumn,
            ...title,
            message: renamed
              ? text`${e.key} is the old name of ${meant}, which this card also has; the Hub reads only ${meant} and ignores ${e.key}.`
              : text`${e.key} looks like a misspelling of ${meant}, which this card also has; the Hub ignores ${e.key}.`,
            hint: text`Merge the values into ${meant} and remove ${e.key}.`,
          });
          continue;
        }
        const fix = lineFix(card, e.keyLine, `${e.key}:`, `${meant}:`);
        report({
          path: card.path,
          line: e.keyLine,
          column: e.keyColumn,
          ...title,
          message: renamed
            ? text`${e.key} is the old name of ${meant} (the datasets library renamed it in 2022); the Hub reads only ${meant} and ignores ${e.key}.`
            : text`The Hub does not know the key ${e.key}, so it ignores it. Did you mean ${meant}?`,
          hint: text`Rename the key to ${meant}.`,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});
