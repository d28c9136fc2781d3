import { defineRule } from "../../../core/rule.js";
import { closest } from "../../../core/suggest.js";
import { prose, text } from "../../../core/text.js";
import { asStrings } from "../../../parse/card-schema.js";
import { entry, lineFix, metadataOf } from "../../../parse/metadata.js";

const RELATIONS = ["adapter", "merge", "quantized", "finetune"] as const;

export default defineRule({
  meta: {
    id: "card/base-model-relation-valid",
    title: "Base model relation does not fit",
    description: "`base_model_relation` is adapter, merge, quantized or finetune, and agrees with the number of base models.",
    why:
      "The Hub places a model in its base model's tree (adapters, fine-tunes, quantizations, merges) from `base_model_relation`. An unknown value is refused, a relation without a base model has nothing to point at, and a merge of one model or an adapter of several puts the model on the wrong branch.",
    defaultSeverity: "error",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (card.kind !== "model" || !metadataOf(card)) continue;
      const relation = entry(card, "base_model_relation");
      if (!relation || typeof relation.value !== "string") continue;
      const value = relation.value;
      const bases = asStrings(entry(card, "base_model")?.value);

      if (!(RELATIONS as readonly string[]).includes(value)) {
        const meant = closest(value.replace(/[-_ ]/g, ""), RELATIONS) ?? (/^(fine-?tun|ft$)/i.test(value) ? "finetune" : undefined);
        const fix = meant ? lineFix(card, relation.line, value, meant) : undefined;
        report({
          path: card.path,
          line: relation.line,
          column: relation.column,
          message: text`${value} is not a base model relation the Hub knows${meant ? text`; did you mean ${meant}?` : prose(".")}`,
          hint: prose("Use one of `adapter`, `merge`, `quantized` or `finetune`, or remove the key and let the Hub infer it."),
          ...(fix ? { fix } : {}),
        });
        continue;
      }
      if (bases.length === 0) {
        report({
          path: card.path,
          line: relation.line,
          column: relation.column,
          message: text`base_model_relation is ${value}, but the card names no ${"base_model"}.`,
          hint: prose("Add `base_model:` with the id of the model this one was made from."),
        });
      } else if (value === "merge" && bases.length < 2) {
        report({
          path: card.path,
          line: relation.line,
          column: relation.column,
          message: text`base_model_relation is ${"merge"}, but only one base model is listed.`,
          hint: prose("List every merged model under `base_model`, or use the relation that fits one base (`finetune`, `adapter`, `quantized`)."),
        });
      } else if (value !== "merge" && bases.length > 1) {
        report({
          path: card.path,
          line: relation.line,
          column: relation.column,
          // The Hub documents `base_model` as "a list of one or more" and asks two or more only of merges: not an error.
          atMost: "notice",
          message: text`base_model_relation is ${value}, but ${bases.length} base models are listed. The Hub allows several base models for any relation; a model made by combining several is usually a merge.`,
          hint: text`If the weights combine several models, use ${"merge"}; if it was made from one of them, keep only that one in ${"base_model"}; otherwise this is fine.`,
        });
      }
    }
  },
});
