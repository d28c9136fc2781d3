import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { cardLabel } from "../../../parse/card.js";
import { licenseFileFor } from "../../../parse/license-files.js";
import { CONFIDENT } from "../../../parse/license-text.js";
import { appendMetadataLine, entry, lineFix, metadataOf } from "../../../parse/metadata.js";

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
      await context.checkpoint();
      const fm = metadataOf(card);
      if (!fm) continue; // no metadata at all: card/front-matter-present
      const license = entry(card, "license");
      if (license && license.value !== null) continue;
      const file = await licenseFileFor(card.path, context);
      const match = file?.match && file.match.confidence >= CONFIDENT && file.match.id !== "other" ? file.match : undefined;
      // With the LICENSE file identified, the fix is certain: declare that license.
      const fix = match
        ? license
          ? lineFix(card, license.keyLine, card.lines.lineText(license.keyLine), `license: ${match.id}`)
          : appendMetadataLine(card, `license: ${match.id}`)
        : undefined;
      context.report({
        path: card.path,
        line: license?.keyLine ?? fm.block.openLine,
        message: license
          ? text`The ${trusted(cardLabel(card))} has a ${"license"} key with no value.`
          : text`The ${trusted(cardLabel(card))} declares no ${"license"}${file ? text`, although ${file.path} is in the repository` : []}.`,
        hint: match
          ? text`${file?.path ?? "LICENSE"} is the ${match.id} license: add ${`license: ${match.id}`} to the metadata.`
          : file
            ? text`Add ${"license:"} with the Hub id of the license in ${file.path}, or ${"license: other"} with ${"license_name"} and ${"license_link: LICENSE"}.`
            : prose("Add `license:` with a Hub license id (for example `apache-2.0`, `mit`, `cc-by-4.0`), and for a license of your own `license: other` with `license_name` and `license_link`."),
        ...(fix ? { fix } : {}),
      });
    }
  },
});
