import { fileExists } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { cardLabel } from "../../../parse/card.js";
import { dirname } from "../../../parse/classify.js";
import { entry, metadataOf } from "../../../parse/metadata.js";

const LICENSE_FILES = ["LICENSE", "LICENSE.md", "LICENSE.txt"];

export default defineRule({
  meta: {
    id: "license/declared",
    title: "No license declared",
    description: "Every model and dataset card declares a `license` in its metadata.",
    why:
      "Without a declared license nobody may legally use, share or build on the weights or data, and the Hub shows no license on the page, so careful users skip the model. The license in the card is what the Hub, search filters and downstream tools read; a LICENSE file alone is not enough.",
    defaultSeverity: "warning",
  },
  async check(context) {
    for (const card of context.cards) {
      if (!metadataOf(card)) continue; // no metadata at all: card/front-matter-present
      const license = entry(card, "license");
      if (license && license.value !== null) continue;
      const dir = dirname(card.path);
      let licenseFile: string | undefined;
      for (const name of LICENSE_FILES) {
        const candidate = dir ? `${dir}/${name}` : name;
        if ((await fileExists(context, candidate)) === true) {
          licenseFile = candidate;
          break;
        }
      }
      const fm = card.frontMatter;
      context.report({
        path: card.path,
        line: license?.keyLine ?? (fm.status === "present" ? fm.block.openLine : 1),
        message: license
          ? text`The ${prose(cardLabel(card))} has a ${"license"} key with no value.`
          : text`The ${prose(cardLabel(card))} declares no ${"license"}${licenseFile ? text`, although ${licenseFile} is in the repository` : []}.`,
        hint: licenseFile
          ? text`Add ${"license:"} with the Hub id of the license in ${licenseFile} (for example ${"apache-2.0"}, ${"mit"}, ${"llama3.1"}), or ${"license: other"} with ${"license_name"} and ${"license_link: LICENSE"}.`
          : prose("Add `license:` with a Hub license id (for example `apache-2.0`, `mit`, `cc-by-4.0`), and for a license of your own `license: other` with `license_name` and `license_link`."),
      });
    }
  },
});
