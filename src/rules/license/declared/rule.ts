import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import type { RuleContext } from "../../../core/rule.js";
import { cardLabel, type Card } from "../../../parse/card.js";
import { basename, dirname, foldersUp } from "../../../parse/classify.js";
import { licenseFileFor, licenseFileIn, type LicenseFile } from "../../../parse/license-files.js";
import { CONFIDENT, type LicenseMatch } from "../../../parse/license-text.js";
import { appendMetadataLine, entries, entry, lineFix, metadataOf, prependMetadataBlock } from "../../../parse/metadata.js";
import { asStrings, intendedKey, KNOWN_KEYS, valueFitsKey } from "../../../parse/card-schema.js";
import { familyFromName } from "../../../parse/lineage.js";

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
      if (!fm) {
        const absent = card.frontMatter.status === "absent" ? card.frontMatter : undefined;
        // No block, or one the Hub ignores (text before it) that names no license either.
        const misplaced = absent?.reason === "text-before" && !(absent.blockKeys ?? []).includes("license");
        if (card.hubCard && (absent?.reason === "none" || misplaced)) await withoutMetadata(card, context, misplaced);
        continue; // otherwise a broken block: card/front-matter-present and the YAML rules
      }
      const license = entry(card, "license");
      if (license && license.value !== null) continue;
      // `licenses:` (the old name) or `licence:` with a value: card/known-keys offers the rename, one finding for one problem.
      if (!license && entries(card).some((e) => !KNOWN_KEYS.has(e.key) && e.value !== null && intendedKey(e.key) === "license" && valueFitsKey(card.kind, "license", e.value))) continue;
      const file = await licenseFileFor(card.path, context);
      const match = identified(file);
      // With the LICENSE file identified, the fix is certain: declare that license.
      const fix = match
        ? license
          ? lineFix(card, license.keyLine, card.lines.lineText(license.keyLine), `license: ${match.id}`)
          : appendMetadataLine(card, `license: ${match.id}`)
        : undefined;
      // A base model whose name says its family: its license is the likely one, not a generic example.
      const named = match || file ? undefined : asStrings(entry(card, "base_model")?.value).map((id) => ({ id, family: familyFromName(id) })).find((b) => b.family);
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
            : named?.family
              ? text`The ${"base_model"} ${named.id} is, by its name, ${trusted(named.family.family)}, released under ${trusted(named.family.terms)}: a model made from it usually keeps those terms. If it does, add ${`license: ${named.family.license}`}${named.family.licenseName ? text` with ${`license_name: ${named.family.licenseName}`}${named.family.licenseLink ? text` and ${`license_link: ${named.family.licenseLink}`}` : []}` : []}; otherwise add the Hub id of the license you release it under.`
              : prose("Add `license:` with a Hub license id (for example `apache-2.0`, `mit`, `cc-by-4.0`), and for a license of your own `license: other` with `license_name` and `license_link`."),
        ...(fix ? { fix } : {}),
      });
    }
  },
});

/** The license of a LICENSE file, when Cardinal is sure which one it is. */
function identified(file: LicenseFile | undefined): LicenseMatch | undefined {
  return file?.match && file.match.confidence >= CONFIDENT && file.match.id !== "other" ? file.match : undefined;
}

/**
 * A Hub card with no metadata block, or with a misplaced one (`misplaced`)
 * that names no license. card/front-matter-present says where the block
 * is wrong; this says what that costs for the license, from the evidence
 * at hand: the LICENSE file beside the card (identified, then the fix is
 * certain, or not), the text's own mention of a license, or no LICENSE in
 * the card's folder or any folder above it and no mention at all.
 */
async function withoutMetadata(card: Card, context: RuleContext, misplaced: boolean): Promise<void> {
  const label = cardLabel(card);
  const noBlock = misplaced ? "its metadata block, which the Hub ignores where it stands, names no license either" : "it has no metadata block";
  const file = await licenseFileFor(card.path, context);
  const match = identified(file);
  if (file && match) {
    context.report({
      path: card.path,
      line: 1,
      message: text`The ${trusted(label)} declares no ${"license"} (${trusted(noBlock)}), although ${file.path} is the ${match.id} license.`,
      hint: misplaced
        ? text`Move the metadata block to the top of the file and add ${`license: ${match.id}`} to it.`
        : text`Start the file with a metadata block that declares it: ${"---"}, ${`license: ${match.id}`}, ${"---"}.`,
      // A new block above a misplaced one would leave two: the fix is certain only with none.
      ...(misplaced ? {} : { fix: prependMetadataBlock(card, `license: ${match.id}`) }),
    });
    return;
  }
  if (file) {
    // A LICENSE Cardinal cannot name: the gap is certain, the id to declare is not.
    context.report({
      path: card.path,
      line: 1,
      message: text`The ${trusted(label)} declares no ${"license"} (${trusted(noBlock)}), although ${file.path} is in the repository.`,
      hint: misplaced
        ? text`Move the metadata block to the top of the file and add ${"license:"} with the Hub id of the license in ${file.path} (or ${"license: other"} with ${"license_name"} and ${`license_link: ${basename(file.path)}`}).`
        : text`Start the file with a metadata block that declares the license in ${file.path}: ${"---"}, ${"license:"} with its Hub id (or ${"license: other"} with ${"license_name"} and ${`license_link: ${basename(file.path)}`}), ${"---"}.`,
    });
    return;
  }
  const spoken = licenseMention(card.text);
  if (spoken !== undefined) {
    // The text speaks of a license; its words are not an id, but the Hub reads only the metadata.
    context.report({
      path: card.path,
      line: 1,
      message: text`The ${trusted(label)} ${trusted(misplaced ? "has no metadata block the Hub reads, and the misplaced one names no license" : "has no metadata block")}, so the license its text speaks of (line ${trusted(String(card.lines.position(spoken).line))}) is not declared: the Hub shows no license for it.`,
      hint: prose(
        misplaced
          ? "Move the metadata block to the top of the file and add `license:` with the license's Hub id (or `license: other` with `license_name` and `license_link`)."
          : "Start the file with a metadata block that declares it: `---`, `license:` with the license's Hub id (or `license: other` with `license_name` and `license_link`), `---`.",
      ),
    });
    return;
  }
  // In a pull request without the rest of the repository, a LICENSE above the card cannot be seen.
  if (!context.repo && context.workspace.source !== "folder") return;
  for (const dir of foldersUp(dirname(card.path)).slice(1)) {
    if (await licenseFileIn(dir, context)) return;
  }
  context.report({
    path: card.path,
    line: 1,
    message: text`The ${trusted(label)} declares no license anywhere: ${trusted(noBlock)}, no LICENSE file is in its folder or above it, and its text does not mention one.`,
    hint: prose(
      misplaced
        ? "Say what users may do with it: move the metadata block to the top of the file and add `license:` with a Hub license id such as `apache-2.0`; for a license the Hub does not list, `license: other` with `license_name` and `license_link`."
        : "Say what users may do with it: start the file with a metadata block (`---`, `license:` with a Hub license id such as `apache-2.0`, `---`); for a license the Hub does not list, `license: other` with `license_name` and `license_link`.",
    ),
  });
}

/**
 * Where the text first speaks of a license ("license", "licence", "licensed"),
 * outside `<!-- … -->` comments (a template's hidden `License: Unknown` line
 * is not the author's word): an offset, or undefined.
 */
function licenseMention(text: string): number | undefined {
  const word = /licen[cs]/gi;
  let at = 0;
  for (;;) {
    const open = text.indexOf("<!--", at);
    const end = open === -1 ? text.length : open;
    word.lastIndex = at;
    const found = word.exec(text);
    if (found && found.index < end) return found.index;
    if (open === -1) return undefined;
    const close = text.indexOf("-->", open + 4);
    if (close === -1) return undefined;
    at = close + 3;
  }
}
