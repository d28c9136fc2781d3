import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { missingReferences, SOURCE_WORDS } from "../../../parse/hub-lookups.js";

export default defineRule({
  meta: {
    id: "hub/dataset-exists",
    title: "Dataset not found on the Hub",
    description: "Every dataset a card names (`datasets`, evaluation results, links) exists on the Hub.",
    why:
      "The Hub links a model to its training and evaluation data by dataset id. A misspelled or wrong id (a missing namespace, wrong case, an old name) shows nothing, or someone else's dataset, and readers cannot check what the model learned from.",
    defaultSeverity: "error",
  },
  async check({ cards, hub, report }) {
    if (!hub) return;
    for (const r of await missingReferences(hub, cards, "dataset")) {
      report({
        path: r.card.path,
        line: r.line,
        column: r.column,
        message: text`The dataset ${r.id} ${trusted(SOURCE_WORDS[r.source])} was not found on the Hub: it does not exist, or it is private.`,
        hint: prose("Check the id against the dataset's page on the Hub (`huggingface.co/datasets/<namespace>/<name>`), including the namespace and the case of each letter."),
      });
    }
  },
});
