import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { judgeLicenseId, splitExpression } from "../../../parse/license-id.js";
import { licenseValues } from "../../../parse/license-values.js";
import { lineFix } from "../../../parse/metadata.js";

export default defineRule({
  meta: {
    id: "license/known-id",
    title: "License is not a Hub license id",
    description: "Every `license` value is one of the Hub's license ids, written exactly (`apache-2.0`, not `Apache-2.0` or `Apache 2.0`).",
    why:
      "The Hub accepts only its own lower-case license ids and refuses a push with anything else (\"license\" must be one of [apache-2.0, mit, …]). SPDX spellings, prose and `-or-later` suffixes are all refused.",
    defaultSeverity: "error",
  },
  check({ cards, report }) {
    for (const card of cards) {
      for (const item of licenseValues(card)) {
        const parts = splitExpression(item.value);
        if (parts) {
          const ids = parts.map((p) => judgeLicenseId(p)?.id ?? (judgeLicenseId(p) === undefined ? p : undefined));
          const certain = ids.every((id): id is string => id !== undefined);
          report({
            path: card.path,
            line: item.line,
            column: item.column,
            message: text`${item.value} is an SPDX expression; the Hub takes license ids, several of them as a list.`,
            hint: certain ? text`Write ${"license:"} as a list: ${ids.map((id) => `- ${id}`).join(" / ")}.` : prose("Write each license's Hub id as an item of a `license:` list."),
          });
          continue;
        }
        const verdict = judgeLicenseId(item.value);
        if (!verdict) continue;
        const fix = verdict.id ? lineFix(card, item.line, item.value, verdict.id) : undefined;
        report({
          path: card.path,
          line: item.line,
          column: item.column,
          message: verdict.id
            ? text`${item.value} is not a Hub license id; the Hub's id for it is ${verdict.id}${verdict.note ? text` (${trusted(verdict.note)})` : []}.`
            : text`${item.value} is not one of the Hub's license ids${verdict.guess ? text`; did you mean ${verdict.guess}?` : prose(".")}`,
          hint: verdict.id
            ? text`Write ${verdict.id}.`
            : prose("Use an id from the Hub's license list (docs: repositories-licenses), or `other` with `license_name` and `license_link` for a license that is not on it."),
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});
