import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { missingReferences, SOURCE_WORDS } from "../../../parse/hub-lookups.js";

export default defineRule({
  meta: {
    id: "hub/model-exists",
    title: "Model not found on the Hub",
    description: "The models a card names as `base_model` or `new_version` exist on the Hub.",
    why:
      "The Hub builds a model's family tree (fine-tunes, adapters, quantizations) and points old versions to new ones by model id. A wrong id breaks the tree, hides the base model's license and terms from users, and sends people to a page that does not exist.",
    defaultSeverity: "error",
  },
  async check({ cards, hub, report }) {
    if (!hub) return;
    for (const r of await missingReferences(hub, cards, "model")) {
      report({
        path: r.card.path,
        line: r.line,
        column: r.column,
        message: text`The model ${r.id} ${trusted(SOURCE_WORDS[r.source])} was not found on the Hub: it does not exist, or it is private.`,
        hint: prose("Copy the id from the model's page on the Hub (`huggingface.co/<namespace>/<name>`); ids are `namespace/name`, with the exact case."),
      });
    }
  },
});
