import { defineRule } from "../../../core/rule.js";
import { text } from "../../../core/text.js";
import { asStrings } from "../../../parse/card-schema.js";
import { entry, metadataOf } from "../../../parse/metadata.js";
import { cardReferences } from "../../../parse/references.js";

export default defineRule({
  meta: {
    id: "card/linked-datasets-declared",
    title: "Linked dataset is not in the metadata",
    description: "Hub datasets that a model card links to in its text are also listed under `datasets`.",
    why:
      "The Hub only connects a model to datasets listed in `datasets`: that list makes the \"Datasets used to train\" box and the dataset's \"Models trained on this\" page. A dataset mentioned only as a link in the text stays invisible to both.",
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
        if (declared.has(key) || seen.has(key)) continue;
        seen.add(key);
        report({
          path: card.path,
          line: link.line,
          column: link.column,
          message: text`The card links to the dataset ${link.id}, but ${"datasets"} in its metadata does not list it.`,
          hint: text`If the model was trained or evaluated on it, add ${`- ${link.id}`} under ${"datasets"}.`,
        });
      }
    }
  },
});
