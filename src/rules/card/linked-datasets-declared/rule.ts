import { defineRule } from "../../../core/rule.js";
import { text } from "../../../core/text.js";
import type { Card } from "../../../parse/card.js";
import { asStrings } from "../../../parse/card-schema.js";
import { entry, metadataOf } from "../../../parse/metadata.js";
import { cardReferences } from "../../../parse/references.js";
import { sections } from "../../../parse/sections.js";

/**
 * Words that say a dataset was used to train the model: a training verb
 * ("trained", "fine-tuned", "tuned with DPO", "distilled") followed within a
 * few words by "on", "with", "using" or "from"; or "training data/set/corpus".
 * Two linear steps instead of one pattern with a gap, which would backtrack.
 */
const TRAINING_VERB = /\b(?:(?:pre-?|re-?)?train(?:ed|ing)?|(?:fine-?|instruction-?)?tun(?:ed|ing)|finetun(?:ed|ing)|distill(?:ed|ing))\b/gi;
const TRAINING_PREPOSITION = /\b(?:on|with|using|from)\b/i;
const TRAINING_NOUN = /\btraining\s(?:data|set|corpus|dataset|mixture)\b/i;
/** How far after the verb its preposition may come ("tuned with DPO on the"). */
const PREPOSITION_WITHIN = 24;

function saysTrainedOn(line: string): boolean {
  if (TRAINING_NOUN.test(line)) return true;
  TRAINING_VERB.lastIndex = 0;
  for (let m = TRAINING_VERB.exec(line); m !== null; m = TRAINING_VERB.exec(line)) {
    const after = m.index + m[0].length;
    if (TRAINING_PREPOSITION.test(line.slice(after, after + PREPOSITION_WITHIN))) return true;
  }
  return false;
}

/** Section titles under which every dataset is training data. */
const TRAINING_SECTION = /\b(?:train|training|fine-?tun|finetun|pre-?train|datasets? used|data used)/i;

/** Whether the text around a link says the model was trained on it: its line, or the section it is in. */
function inTrainingContext(card: Card, line: number): boolean {
  if (saysTrainedOn(card.lines.lineText(line))) return true;
  // The innermost section holding the line decides: "Evaluation" under "Training" is not training.
  let inner: { title: string; depth: number } | undefined;
  for (const s of sections(card)) {
    if (s.line <= line && line <= s.endLine && (!inner || s.depth > inner.depth)) inner = s;
  }
  return inner !== undefined && TRAINING_SECTION.test(inner.title);
}

export default defineRule({
  meta: {
    id: "card/linked-datasets-declared",
    title: "Training dataset is not in the metadata",
    description:
      "Hub datasets that a model card's text says the model was trained on (a link beside \"trained on\", or in a Training section) are also listed under `datasets`.",
    why:
      "The Hub only connects a model to datasets listed in `datasets`: that list makes the \"Datasets used to train\" box and the dataset's \"Models trained on this\" page. A training dataset mentioned only as a link in the text stays invisible to both. A dataset merely used in an example (`load_dataset` in an evaluation snippet, \"you can test it on …\") is not training data and is not reported.",
    defaultSeverity: "notice",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (card.kind !== "model" || !metadataOf(card)) continue;
      const refs = cardReferences(card);
      const declared = new Set([
        ...asStrings(entry(card, "datasets")?.value).map((d) => d.toLowerCase()),
        ...refs.filter((r) => r.source === "model-index").map((r) => r.id.toLowerCase()),
      ]);
      const seen = new Set<string>();
      for (const link of refs.filter((r) => r.source === "link")) {
        const key = link.id.toLowerCase();
        if (declared.has(key) || seen.has(key) || !inTrainingContext(card, link.line)) continue;
        seen.add(key);
        report({
          path: card.path,
          line: link.line,
          column: link.column,
          message: text`The card says the model was trained on the dataset ${link.id}, but ${"datasets"} in its metadata does not list it.`,
          hint: text`Add ${`- ${link.id}`} under ${"datasets"}, so that the Hub links the model to its training data.`,
        });
      }
    }
  },
});
