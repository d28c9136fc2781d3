import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { DATASET_KEY_SHAPES, MODEL_KEY_SHAPES, SHAPE_WORDS, matchesShape, type Shape } from "../../../parse/card-schema.js";
import { describeType, entries, items, metadataOf, type Entry } from "../../../parse/metadata.js";

/** Keys whose values a dedicated rule checks in more depth, shape included. */
const OWN_RULE = new Set([
  "extra_gated_fields", // card/gated-fields-valid
  "model-index", // card/model-index-valid
  // card/dataset-metadata-valid:
  "task_categories",
  "task_ids",
  "size_categories",
  "annotations_creators",
  "language_creators",
  "multilinguality",
  "source_datasets",
  "configs",
  "dataset_info",
]);

const EXAMPLES: Record<Shape, string> = {
  string: "`key: value`",
  strings: "`key: value`, or one item per line under the key: `- value`",
  boolean: "`key: true` or `key: false`",
  mapping: "one `name: value` per line, indented under the key",
  list: "one item per line under the key, each starting with `- `",
  "list-of-mappings": "one item per line under the key, each starting with `- name: value`",
  "number-or-mapping": "a number such as `key: 12.5`, or `name: value` lines indented under the key",
  "boolean-or-mapping": "`key: false`, or `parameters:` indented under the key",
  "mapping-or-list": "`name: value` lines indented under the key",
};

/**
 * The shapes a list takes item by item, with the kind of item each wants. A list
 * where a single value belongs (`pipeline_tag: [a, b]`) breaks the shape as a
 * whole, not by one of its items.
 */
const ITEM_KIND: Partial<Record<Shape, "string" | "mapping">> = { strings: "string", "list-of-mappings": "mapping", "mapping-or-list": "mapping" };

/** The first item of a list that breaks the shape, with its position in the list. */
function offendingItem(card: Parameters<typeof items>[0], e: Entry, shape: Shape) {
  const wanted = ITEM_KIND[shape];
  if (!wanted || !Array.isArray(e.value)) return undefined;
  const index = e.value.findIndex((v: unknown) =>
    wanted === "string" ? typeof v !== "string" : typeof v !== "object" || v === null || Array.isArray(v),
  );
  const item = index === -1 ? undefined : items(card, e)[index];
  return item ? { item, index } : undefined;
}

export default defineRule({
  meta: {
    id: "card/metadata-types",
    title: "Metadata value has the wrong type",
    description: "Each known metadata key holds the type of value the Hub expects (text, a list, a mapping, true/false).",
    why:
      "The Hub validates card metadata when you push: a key with the wrong type (for example `datasets` written as a mapping) is refused with \"YAML Metadata Error\", or silently ignored, so the model loses its datasets, license or task on its page.",
    defaultSeverity: "error",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (!metadataOf(card)) continue;
      const shapes = card.kind === "model" ? MODEL_KEY_SHAPES : DATASET_KEY_SHAPES;
      for (const e of entries(card)) {
        const shape = shapes[e.key];
        if (!shape || OWN_RULE.has(e.key) || e.value === null || matchesShape(shape, e.value)) continue;
        const offending = offendingItem(card, e, shape);
        if (offending) {
          const { item, index } = offending;
          report({
            path: card.path,
            line: item.line,
            column: item.column,
            message: text`Item ${index + 1} of ${e.key} is ${trusted(describeType(item.value))}; ${e.key} must be ${trusted(SHAPE_WORDS[shape])}.`,
            hint: prose(`Write it as ${EXAMPLES[shape]}. Quote values that contain \`: \` so they stay text.`),
          });
          continue;
        }
        report({
          path: card.path,
          line: e.keyLine,
          endLine: e.endLine,
          column: e.keyColumn,
          message: text`${e.key} must be ${trusted(SHAPE_WORDS[shape])}, but it is ${trusted(describeType(e.value))}.`,
          hint: prose(`Write it as ${EXAMPLES[shape]}.`),
        });
      }

      // `inference` is not judged beyond its shape: hub-docs removed both `inference: false` (46970364,
      // 2025-04-10) and `inference: parameters:` (379eaf6f, 2025-07-03); the key is a legacy no-op.
    }
  },
});
