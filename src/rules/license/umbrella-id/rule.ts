import { hubLicense } from "../../../data/hf-licenses.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { licenseValues } from "../../../parse/license-values.js";

const CHOICES: Record<string, string> = {
  openrail: "`creativeml-openrail-m`, `bigscience-openrail-m`, `bigcode-openrail-m`, `openrail++` or `bigscience-bloom-rail-1.0`",
  bsd: "`bsd-2-clause`, `bsd-3-clause` or `bsd-3-clause-clear`",
  cc: "the exact Creative Commons license, such as `cc-by-4.0`, `cc-by-sa-4.0` or `cc-by-nc-4.0`",
  gpl: "`gpl-2.0` or `gpl-3.0`",
  lgpl: "`lgpl-2.1`, `lgpl-3.0` or `lgpl-lr`",
  gfdl: "the exact GFDL version",
};

export default defineRule({
  meta: {
    id: "license/umbrella-id",
    title: "License names a family, not a license",
    description: "A `license` names one exact license (`cc-by-4.0`), not a family id (`cc`, `openrail`, `bsd`, `gpl`, `lgpl`, `gfdl`).",
    why:
      "Family ids are accepted by the Hub, but they do not say which terms apply: `cc` could forbid commercial use or not, `openrail` covers licenses with different use restrictions. Users cannot tell what they may do.",
    defaultSeverity: "notice",
  },
  check({ cards, report }) {
    for (const card of cards) {
      for (const item of licenseValues(card)) {
        if (!hubLicense(item.value)?.umbrella) continue;
        report({
          path: card.path,
          line: item.line,
          column: item.column,
          message: text`${item.value} names a family of licenses, not the exact one.`,
          hint: prose(`Use the exact id: ${CHOICES[item.value] ?? "the exact version"}.`),
        });
      }
    }
  },
});
