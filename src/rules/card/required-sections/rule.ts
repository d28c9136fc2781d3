import { defineRule } from "../../../core/rule.js";
import { joinText, prose, text, trusted } from "../../../core/text.js";
import { cardLabel, type CardKind } from "../../../parse/card.js";
import { bodyReviewable, hasProse, normaliseTitle, parseBody } from "../../../parse/sections.js";

/**
 * Sections a card should have when `required_sections` does not say.
 * Each entry lists alternative titles separated by `|`; the first names the
 * entry in messages. The model entries follow the headings of huggingface_hub's
 * model card template ("Uses", "Bias, Risks, and Limitations", "Training
 * Details" / "Training Data", "Evaluation") and of the cards the transformers
 * Trainer writes ("Intended uses & limitations", "Training and evaluation data").
 */
export const DEFAULT_REQUIRED_SECTIONS: Readonly<Record<CardKind, readonly string[]>> = {
  model: [
    "Uses|Intended uses|Intended use|Model use|Evaluated use|Usage|How to use|Use cases|Direct use|Get started|Getting started|Quick start|Quickstart|Inference",
    "Limitations|Bias|Risks|Ethical considerations|Out-of-scope use|Caveats|Safety",
    "Training data|Training|Fine-tuning|Finetuning|Pretraining|Datasets|Dataset|Data",
    "Evaluation|Results|Benchmarks|Benchmark|Performance|Metrics|Eval",
  ],
  dataset: [
    "Dataset structure|Structure|Data fields|Fields|Data instances|Data splits|Splits|Schema|Format|Columns|Features",
    "Dataset creation|Creation|Source data|Sources|Source|Data collection|Collection|Curation|Methodology|Provenance|Annotations",
  ],
};

interface Requirement {
  /** The entry's first alternative, as written. */
  readonly name: string;
  /** Normalised alternatives, each padded with spaces for whole-word matching. */
  readonly alternatives: readonly string[];
}

function requirement(entry: string): Requirement | undefined {
  const parts = entry.split("|").map((p) => p.trim());
  const alternatives = parts.map(normaliseTitle).filter((a) => a !== "").map((a) => ` ${a} `);
  if (alternatives.length === 0) return undefined;
  return { name: parts.find((p) => normaliseTitle(p) !== "") ?? entry, alternatives };
}

/**
 * Whether most headings hold no Latin letter: titles in Chinese, Japanese, Korean, Cyrillic, Arabic …,
 * which the default section names (English) cannot match.
 */
function unreadableHeadings(titles: readonly string[]): boolean {
  const worded = titles.filter((t) => /\p{L}/u.test(t));
  if (worded.length === 0) return false;
  const latin = worded.filter((t) => /\p{Script=Latin}/u.test(t)).length;
  return latin * 2 < worded.length;
}

export default defineRule({
  meta: {
    id: "card/required-sections",
    title: "Card is missing expected sections",
    description:
      "A model card has sections on its uses, its limitations, its training data and its evaluation, and a dataset card on its structure and its sources, or the sections set in `required_sections`.",
    why:
      "These are the questions every reader of a card has: what is it for, where does it fail, what was it trained on and how well does it work. The Hub's own card template and the model card paper put them first. A card without them leaves users to guess, and guessing about limitations is how models get misused.",
    defaultSeverity: "notice",
  },
  async check({ cards, config, report, checkpoint }) {
    for (const card of cards) {
      await checkpoint();
      if (!bodyReviewable(card)) continue;
      const configured = config.required_sections[card.kind] !== undefined;
      const entries = config.required_sections[card.kind] ?? DEFAULT_REQUIRED_SECTIONS[card.kind];
      const required = entries.map(requirement).filter((r): r is Requirement => r !== undefined);
      if (required.length === 0) continue;
      // A card with no prose at all is reported once, by card/has-description.
      if (!hasProse(card)) continue;

      const body = parseBody(card);
      // Headings in a script Cardinal's names are not written in (抗压背锅吧风格 … 训练参数, 免责声明):
      // it cannot tell which topics they cover, so it says nothing, unless the sections were configured.
      if (!configured && unreadableHeadings(body.sections.map((s) => s.title))) continue;
      const titles = body.sections.map((s) => ` ${normaliseTitle(s.title)} `);
      const missing = required.filter((r) => !r.alternatives.some((alt) => titles.some((t) => t.includes(alt))));
      if (missing.length === 0) continue;

      const named = missing.map((r) => text`${r.name}`);
      const names = named.length > 1 ? joinText([joinText(named.slice(0, -1), ", "), named.slice(-1)[0] ?? []], " and ") : joinText(named, "");
      report({
        path: card.path,
        line: body.sections[0]?.line ?? body.line,
        message: text`This ${trusted(cardLabel(card))} has no ${prose(missing.length === 1 ? "section" : "sections")} on ${names}.`,
        hint: text`Add a heading for each, for example ${`## ${missing[0]?.name ?? ""}`}, with what you know under it; if a topic does not apply, say so in one sentence. A heading counts when its title contains one of the names listed for the section${prose(configured ? " in `required_sections`" : " (the rule's documentation lists them)")}.`,
      });
    }
  },
});
