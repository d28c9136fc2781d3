import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { judgeLicenseId } from "../../../parse/license-id.js";
import { licenseValues } from "../../../parse/license-values.js";
import { entry, lineFix } from "../../../parse/metadata.js";

/** Addresses of license texts whose Hub id is certain. */
const KNOWN_LINKS: readonly [RegExp, string][] = [
  [/apache\.org\/licenses\/LICENSE-2\.0/i, "apache-2.0"],
  [/opensource\.org\/licenses\/MIT/i, "mit"],
  [/creativecommons\.org\/licenses\/by\/4\.0/i, "cc-by-4.0"],
  [/creativecommons\.org\/licenses\/by-sa\/4\.0/i, "cc-by-sa-4.0"],
  [/creativecommons\.org\/licenses\/by-nc\/4\.0/i, "cc-by-nc-4.0"],
  [/creativecommons\.org\/licenses\/by-nc-sa\/4\.0/i, "cc-by-nc-sa-4.0"],
  [/creativecommons\.org\/licenses\/by-nc-nd\/4\.0/i, "cc-by-nc-nd-4.0"],
  [/(ai\.meta\.com|llama\.meta\.com)\/llama\/license/i, "llama2"],
  [/llama\.meta\.com\/llama3\/license/i, "llama3"],
  [/llama\.meta\.com\/llama3_1\/license/i, "llama3.1"],
  [/llama\.meta\.com\/llama3_2\/license/i, "llama3.2"],
  [/llama\.meta\.com\/llama3_3\/license/i, "llama3.3"],
  [/ai\.google\.dev\/gemma\/terms/i, "gemma"],
];

export default defineRule({
  meta: {
    id: "license/other-is-known",
    title: "A known license declared as other",
    description: "A license that has a Hub id is declared with that id, not as `license: other`.",
    why:
      "With its own id the license is shown by name, found by the Hub's license filter, and understood by tools that check licenses. As `other` it is just a name and a link.",
    defaultSeverity: "warning",
  },
  check({ cards, report }) {
    for (const card of cards) {
      const other = licenseValues(card).find((v) => v.value === "other");
      if (!other) continue;
      const name = entry(card, "license_name");
      const link = entry(card, "license_link");
      const byName = typeof name?.value === "string" ? judgeLicenseId(name.value)?.id ?? undefined : undefined;
      const nameIsId = typeof name?.value === "string" && judgeLicenseId(name.value) === undefined && name.value !== "other" && name.value !== "unknown";
      const byLink = typeof link?.value === "string" ? KNOWN_LINKS.find(([re]) => re.test(link.value as string))?.[1] : undefined;
      const id = (nameIsId ? (name?.value as string) : undefined) ?? byName ?? byLink;
      if (!id) continue;
      const fix = lineFix(card, other.line, "other", id);
      report({
        path: card.path,
        line: other.line,
        column: other.column,
        message: text`The license is declared as ${"other"}, but its ${prose(byLink && !byName && !nameIsId ? "link points to" : "name is")} the Hub license ${id}.`,
        hint: text`Write ${`license: ${id}`}, and remove ${"license_name"} and ${"license_link"}.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
