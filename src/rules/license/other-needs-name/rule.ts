import { fileExists } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { cardLabel } from "../../../parse/card.js";
import { dirname } from "../../../parse/classify.js";
import { slugLicenseName } from "../../../parse/license-id.js";
import { licenseValues } from "../../../parse/license-values.js";
import { entry, lineFix } from "../../../parse/metadata.js";

const NAME_SHAPE = /^[a-z0-9][a-z0-9.-]*$/;

export default defineRule({
  meta: {
    id: "license/other-needs-name",
    title: "Custom license without a name or link",
    description: "A card with `license: other` names its license in `license_name` (lower case, hyphenated) and points to its text with `license_link` (an address, or a LICENSE file in the repository).",
    why:
      "For `license: other` the Hub shows only what `license_name` and `license_link` say. Without them the page reads \"License: other\" with nothing to read, so nobody can know the terms.",
    defaultSeverity: "warning",
  },
  async check(context) {
    for (const card of context.cards) {
      const other = licenseValues(card).find((v) => v.value === "other");
      if (!other) continue;
      const name = entry(card, "license_name");
      const link = entry(card, "license_link");

      const noName = !name || typeof name.value !== "string" || name.value === "";
      const noLink = !link || typeof link.value !== "string" || link.value === "";
      if (noName && noLink) {
        // One problem, one finding: the license is not named and not linked.
        context.report({
          path: card.path,
          line: other.line,
          message: text`The ${trusted(cardLabel(card))} declares ${"license: other"} with neither a ${"license_name"} nor a ${"license_link"}: nobody can tell which license it is or read its terms.`,
          hint: prose(
            "Add `license_name:` with a short lower-case id for the license (for example `coqui-public-model-license`) and `license_link:` with the address of its text, or `LICENSE` with the text in a LICENSE file beside the card.",
          ),
        });
        continue;
      }
      if (noName) {
        context.report({
          path: card.path,
          line: other.line,
          message: text`The ${trusted(cardLabel(card))} declares ${"license: other"} but no ${"license_name"}.`,
          hint: prose("Add `license_name:` with a short lower-case id for the license, for example `coqui-public-model-license`."),
        });
      } else if (!NAME_SHAPE.test(name.value)) {
        const slug = slugLicenseName(name.value);
        const fix = slug ? lineFix(card, name.line, name.value, slug) : undefined;
        context.report({
          path: card.path,
          line: name.line,
          column: name.column,
          message: text`${"license_name"} is ${name.value}; the Hub expects a short lower-case id with hyphens.`,
          hint: slug ? text`Write ${slug}.` : prose("Use lower-case letters, digits, `.` and `-`."),
          ...(fix ? { fix } : {}),
        });
      }

      if (!link || typeof link.value !== "string" || link.value === "") {
        context.report({
          path: card.path,
          line: other.line,
          message: text`The ${trusted(cardLabel(card))} declares ${"license: other"} but no ${"license_link"} to the license's text.`,
          hint: prose("Add `license_link: LICENSE` with the text in a LICENSE file beside the card, or the address of the license's text."),
        });
        continue;
      }
      const value = link.value;
      if (/^https?:\/\//i.test(value)) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
        context.report({
          path: card.path,
          line: link.line,
          column: link.column,
          message: text`${"license_link"} is ${value}, which is neither an https address nor a file in the repository.`,
          hint: prose("Use an `https://` address or the path of a LICENSE file in the repository."),
        });
        continue;
      }
      const dir = dirname(card.path);
      const target = value.replace(/^\.\//, "");
      const path = target.startsWith("/") ? target.slice(1) : dir ? `${dir}/${target}` : target;
      if ((await fileExists(context, path)) === false) {
        context.report({
          path: card.path,
          line: link.line,
          column: link.column,
          message: text`${"license_link"} points to ${value}, but there is no ${path} in the repository.`,
          hint: prose("Add the license's text at that path, or fix the link."),
        });
      }
    }
  },
});
