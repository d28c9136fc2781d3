import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { hubLicense } from "../../../data/hf-licenses.js";
import { licenseFileFor } from "../../../parse/license-files.js";
import { CONFIDENT } from "../../../parse/license-text.js";
import { effectiveLicenses } from "../../../parse/license-values.js";

export default defineRule({
  meta: {
    id: "license/file-matches-card",
    title: "LICENSE file and card disagree",
    description: "The LICENSE file beside a card holds the license the card declares.",
    why:
      "When the card says one license and the LICENSE file another, nobody knows which terms apply: the Hub and search filters show the card's, lawyers read the file. One of the two is wrong.",
    defaultSeverity: "error",
  },
  async check(context) {
    for (const card of context.cards) {
      await context.checkpoint();
      const declared = effectiveLicenses(card);
      const first = declared[0];
      if (!first) continue;
      const ids = declared.map((d) => d.id);
      // A custom or unknown license cannot be compared with a text.
      if (ids.some((id) => id === "other" || id === "unknown" || hubLicense(id)?.umbrella)) continue;
      const file = await licenseFileFor(card.path, context);
      const match = file?.match;
      if (!file || !match || match.confidence < CONFIDENT || match.id === "other") continue;
      if (ids.includes(match.id)) continue;
      context.report({
        path: card.path,
        line: first.line,
        column: first.column,
        message: text`The card declares ${ids.join(", ")}, but ${file.path} is the ${match.id} license (${prose(`${Math.round(match.confidence * 100)}% match`)}).`,
        hint: text`Make them agree: if the release is under ${match.id}, write ${`license: ${match.id}`}; otherwise replace ${file.path} with the text of the license the card names.`,
      });
    }
  },
});
