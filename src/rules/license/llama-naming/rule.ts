import { defineRule } from "../../../core/rule.js";
import { text, trusted } from "../../../core/text.js";
import { asStrings } from "../../../parse/card-schema.js";
import { effectiveLicenses } from "../../../parse/license-values.js";
import { lineage, namedBases } from "../../../parse/lineage.js";
import { entry, metadataOf } from "../../../parse/metadata.js";
import { checkRepoId } from "../../../parse/repo-id.js";
import { trimChars, trimEndChars } from "../../../core/strings.js";

/**
 * Llama licenses that bind derivative model names, and the words the name
 * must begin with: "Llama 3" for Llama 3 (its license, section 1.b.i, in
 * meta-llama/llama-models `models/llama3/LICENSE`), "Llama" for 3.1 and later.
 */
const NAMING = new Map<string, { readonly prefix: string; readonly test: RegExp }>([
  ["llama3", { prefix: "Llama 3", test: /^\W*(meta[-_ ])?llama[-_ ]?3/i }],
  ...["llama3.1", "llama3.2", "llama3.3", "llama4"].map((id) => [id, { prefix: "Llama", test: /^\W*(meta[-_ ])?llama/i }] as const),
]);

/** The model's name as the card shows it: its first `# ` heading. */
function title(card: Parameters<typeof metadataOf>[0]): { name: string; line: number } | undefined {
  const fm = card.frontMatter;
  const start = fm.status === "present" ? fm.block.bodyLine : 1;
  let fence = false;
  for (let line = start; line <= Math.min(card.lines.lineCount, start + 200); line++) {
    const value = card.lines.lineText(line);
    if (/^\s*(```|~~~)/.test(value)) fence = !fence;
    // `# Name` or `# Name #`: the heading's text without the closing hashes.
    // Emphasis around the whole heading (`# **Name**`) is not part of the name.
    const name = fence || !/^#\s/.test(value) ? "" : trimChars(trimEndChars(value.slice(1), " \t#").trim(), "*_").trim();
    if (name) return { name, line };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: "license/llama-naming",
    title: "Llama derivative not named Llama",
    description: "A model derived from Llama 3 or later has a name that begins as its license requires (\"Llama 3\" for Llama 3, \"Llama\" from 3.1 on).",
    why:
      "The Llama 3 community license requires a model built from Llama 3 to include \"Llama 3\" at the beginning of its name, and the Llama 3.1, 3.2, 3.3 and 4 licenses require \"Llama\" there. A release that does not breaks the license it depends on.",
    defaultSeverity: "warning",
  },
  async check({ cards, hub, report }) {
    for (const card of cards) {
      if (card.kind !== "model" || !metadataOf(card)) continue;
      let license = effectiveLicenses(card).map((v) => v.id).find((l) => NAMING.has(l));
      /** Set when only a base model's name says the family: the message says so. */
      let namedBy: string | undefined;
      if (!license) {
        const bases = asStrings(entry(card, "base_model")?.value).filter((id) => !checkRepoId(id, "model"));
        const ancestors = hub && bases.length > 0 ? await lineage(hub, bases) : undefined;
        license = ancestors?.flatMap((a) => a.info.licenses).find((l) => NAMING.has(l));
        if (!license) {
          // The Hub's declared license replaces the name; a base it did not answer for is judged by its name.
          const named = namedBases(bases, ancestors).find((n) => NAMING.has(n.named.license));
          license = named?.named.license;
          namedBy = named?.id;
        }
      }
      if (!license) continue;
      const heading = title(card);
      // A sentence-like heading ("Finetune Llama 3.1 2x faster!") is a banner, not the model's name.
      if (!heading || heading.name.split(/\s+/).length > 6 || /[,!?]/.test(heading.name)) continue;
      const naming = NAMING.get(license);
      if (!naming || naming.test.test(heading.name)) continue;
      report({
        path: card.path,
        line: heading.line,
        message: namedBy
          ? text`The model is named ${heading.name}. Its base model's name (${namedBy}) says ${license}, and that license requires the name of a model built from Llama to begin with ${trusted(`"${naming.prefix}"`)}.`
          : text`The model is named ${heading.name}, but the ${license} license requires the name of a model built from Llama to begin with ${trusted(`"${naming.prefix}"`)}.`,
        hint: trusted(`Rename the model (and its card's title) to begin with "${naming.prefix}", for example "${naming.prefix === "Llama" ? "Llama-3.1-8B-MyTune" : "Llama-3-8B-MyTune"}".`),
      });
    }
  },
});
