import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { hubLicense } from "../../../data/hf-licenses.js";
import { licenseFileFor } from "../../../parse/license-files.js";
import { CONFIDENT } from "../../../parse/license-text.js";
import { effectiveLicenses } from "../../../parse/license-values.js";

/** A changed copy at least this close to a known license is named as "likely" that license. */
const LIKELY = 0.8;

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
      if (!file || !match || match.id === "other") continue;
      if (match.confidence < CONFIDENT) {
        // Below the confidence to act on, only a recognisable copy that was changed is worth saying, and only as "likely".
        if (!match.copy || match.confidence < LIKELY) continue;
        const copy = prose(match.copy === "modified" ? "a modified copy" : "a partial copy");
        const same = ids.includes(match.id);
        context.report({
          path: card.path,
          line: first.line,
          column: first.column,
          atMost: same ? "notice" : "warning",
          title: same ? "LICENSE file is a changed copy of the card's license" : "LICENSE file and card likely disagree",
          message: same
            ? text`The card declares ${match.id}, and ${file.path} is likely ${copy} of that license (${prose(match.copy === "modified" ? "words are added inside it" : "much of its text is missing")}), so the card may not describe the terms the file sets.`
            : text`The card declares ${ids.join(", ")}, but ${file.path} is likely ${copy} of the ${match.id} license (${prose(`${Math.round(match.confidence * 100)}% match`)}), not the license the card names.`,
          hint:
            match.copy === "modified"
              ? text`If the release is under the file's own terms, declare ${"license: other"} with ${"license_name"} and ${`license_link: ${file.path}`}; if it is under ${match.id} as published, replace ${file.path} with the original text.`
              : text`Put the whole text of the license the card names in ${file.path}.`,
        });
        continue;
      }
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
