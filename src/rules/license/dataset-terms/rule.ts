import { categoryOf, datasetConcern } from "../../../data/license-compat.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { resolveReferences } from "../../../parse/hub-lookups.js";
import { effectiveLicenses } from "../../../parse/license-values.js";

const WHY: Record<string, string> = {
  "non-commercial": "its license forbids commercial use, and a model trained on it inherits that restriction in the view of most lawyers",
  "no-derivatives": "its license forbids sharing adapted material, which a model trained on it arguably is",
  "share-alike": "its license asks adapted material to be shared under the same terms",
};

export default defineRule({
  meta: {
    id: "license/dataset-terms",
    title: "Trained on data whose license the model's does not respect",
    description: "A permissively licensed model does not list training datasets under non-commercial, no-derivatives or share-alike licenses without saying so.",
    why:
      "Users read a permissive model license (apache-2.0, mit) as permission to use the model commercially. If its training data is non-commercial, no-derivatives or share-alike, that permission may not hold, and the card should say which data and why.",
    defaultSeverity: "warning",
  },
  async check({ cards, hub, report }) {
    if (!hub) return;
    for (const card of cards) {
      if (card.kind !== "model") continue;
      const declared = effectiveLicenses(card).map((v) => v.id);
      if (declared.length === 0 || !declared.every((id) => categoryOf(id) === "permissive")) continue;
      const seen = new Set<string>();
      for (const r of await resolveReferences(hub, [card], (ref) => ref.type === "dataset" && ref.source === "datasets")) {
        if (r.lookup.status !== "found" || seen.has(r.id)) continue;
        seen.add(r.id);
        const concerning = r.lookup.info.licenses.find((l) => datasetConcern(l));
        if (!concerning) continue;
        const concern = datasetConcern(concerning) ?? "non-commercial";
        report({
          path: card.path,
          line: r.line,
          column: r.column,
          message: text`The model is under ${declared.join(", ")}, but it lists the dataset ${r.lookup.info.id}, which is under ${concerning}: ${trusted(WHY[concern] ?? "")}.`,
          hint: prose("Check the dataset's terms: choose a model license that respects them, or say in the card why they do not apply (for example, data used only for evaluation)."),
        });
      }
    }
  },
});
