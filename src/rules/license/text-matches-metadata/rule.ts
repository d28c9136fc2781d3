import { defineRule } from "../../../core/rule.js";
import { trimEndChars } from "../../../core/strings.js";
import { prose, text } from "../../../core/text.js";
import { hubLicense } from "../../../data/hf-licenses.js";
import { judgeLicenseId } from "../../../parse/license-id.js";
import { effectiveLicenses } from "../../../parse/license-values.js";

/**
 * The "License" field of the Hub's model card template, as cards write it:
 * `- **License:** apache-2.0`, `**License**: Apache 2.0`, `License: [CC BY-SA 3.0](…)`.
 * The label, then the value (on the same line, or on the next when the label stands alone).
 */
const LABEL = /^ {0,3}(?:[-*+] {1,4})?(?:\*\*|__)?licen[cs]e(?: ?\(s\))?(?:\*\*|__)? ?:(?:\*\*|__)?/i;
/** `[text](url)`: the link's text and address. */
const LINK = /^\[([^\]]{0,200})\]\(\s*(\S{1,500})\s*\)/;
/** creativecommons.org/licenses/by-nc-nd/4.0, creativecommons.org/publicdomain/zero/1.0. */
const CC_URL = /creativecommons\.org\/(?:licenses\/([a-z-]{2,12})\/(\d\.\d)|publicdomain\/zero\/(1\.0))/i;

/** The Hub id a license field's value certainly names, with the words it was read from. */
function namedLicense(value: string): { id: string; shown: string; url?: string } | undefined {
  const trimmed = value.trim();
  const link = LINK.exec(trimmed);
  const shown = trimEndChars((link ? (link[1] ?? "") : trimmed).trim(), ". \t");
  const url = link?.[2] ?? (/^https?:\/\/\S+$/.test(trimmed) ? trimmed : undefined);
  const cc = url ? CC_URL.exec(url) : null;
  if (cc) {
    const id = cc[3] ? "cc0-1.0" : `cc-${(cc[1] ?? "").toLowerCase()}-${cc[2] ?? ""}`;
    if (hubLicense(id) && url) return { id, shown: shown || url, url };
  }
  if (shown === "" || shown.length > 80) return undefined;
  if (hubLicense(shown.toLowerCase()) && shown === shown.toLowerCase()) return { id: shown, shown };
  const verdict = judgeLicenseId(shown);
  return verdict?.id ? { id: verdict.id, shown } : undefined;
}

export default defineRule({
  meta: {
    id: "license/text-matches-metadata",
    title: "The card's text and metadata name different licenses",
    description:
      "The license a model card's \"License:\" field names in its text (`- **License:** …`, as the Hub's card template writes it) is the one its metadata declares.",
    why:
      "The Hub, its license filter and every tool read the metadata's `license`; people read the card's \"License:\" line. When the two disagree, one of them is wrong, and the difference can matter: a NoDerivatives license forbids sharing fine-tunes that a NonCommercial one allows.",
    defaultSeverity: "warning",
  },
  async check(context) {
    for (const card of context.cards) {
      await context.checkpoint();
      const declared = effectiveLicenses(card);
      const first = declared[0];
      if (!first || card.frontMatter.status !== "present") continue;
      const ids = declared.map((d) => d.id);
      // A custom, unknown or umbrella license cannot be compared with a name.
      if (ids.some((id) => id === "other" || id === "unknown" || hubLicense(id)?.umbrella)) continue;
      const start = card.frontMatter.block.bodyLine;
      let fence = false;
      for (let line = start; line <= card.lines.lineCount; line++) {
        const value = card.lines.lineText(line);
        if (/^\s*(```|~~~)/.test(value)) fence = !fence;
        const label = fence ? null : LABEL.exec(value);
        if (!label) continue;
        // The first License field is the card's; later ones speak of datasets or base models.
        const rest = value.slice(label[0].length).trim() || card.lines.lineText(line + 1).trim();
        const named = namedLicense(rest);
        if (named && !ids.includes(named.id)) {
          context.report({
            path: card.path,
            line,
            // A bare address is what the field shows: "(linked to" the same address) would say it twice.
            message: text`The metadata declares ${ids.join(", ")}, but the card's License field names ${named.shown}${named.url && named.url !== named.shown ? text` (linked to ${named.url})` : prose("")}, which is ${named.id}: the Hub shows the metadata's license, readers take the text's.`,
            hint: prose("Make the two agree: fix whichever is wrong, the `license:` line or the card's License field."),
          });
        }
        break;
      }
    }
  },
});
