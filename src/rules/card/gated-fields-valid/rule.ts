import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { describeType, entry, field, fields, items, metadataOf } from "../../../parse/metadata.js";

const FIELD_TYPES = ["text", "checkbox", "date_picker", "country", "ip_location"];

export default defineRule({
  meta: {
    id: "card/gated-fields-valid",
    title: "Access form fields are not valid",
    description: "`extra_gated_fields` is a mapping from each question to a field type the Hub knows.",
    why:
      "For a gated model the Hub builds the access request form from `extra_gated_fields`. The Hub refuses a card where it is not a mapping (\"must be of type object\"), and a field of an unknown type cannot be shown, so people cannot request access.",
    defaultSeverity: "error",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (!metadataOf(card)) continue;
      const e = entry(card, "extra_gated_fields");
      if (!e || e.value === null) continue;
      if (typeof e.value !== "object" || Array.isArray(e.value)) {
        report({
          path: card.path,
          line: e.keyLine,
          endLine: e.endLine,
          column: e.keyColumn,
          message: text`${"extra_gated_fields"} is ${trusted(describeType(e.value))}; the Hub requires a mapping from each question to its field type.`,
          hint: prose(
            Array.isArray(e.value)
              ? "Drop the `- ` before each question, so that each line reads `Question: type` under the key."
              : "Write one `Question: type` line per field under the key, for example `Country: country`.",
          ),
        });
        continue;
      }
      for (const f of fields(card, e)) {
        const v = f.value;
        if (typeof v === "string") {
          if (!FIELD_TYPES.includes(v)) {
            report({
              path: card.path,
              line: f.line,
              column: f.column,
              message: text`The field ${f.key} has type ${v}, which the Hub does not know.`,
              hint: prose("Use `text`, `checkbox`, `date_picker`, `country` or `ip_location`, or a mapping with `type: select` and `options`."),
            });
          }
          continue;
        }
        if (typeof v !== "object" || v === null || Array.isArray(v)) {
          report({
            path: card.path,
            line: f.keyLine,
            column: f.keyColumn,
            message: text`The field ${f.key} is ${trusted(describeType(v))}; it must be a field type or a mapping with ${"type"}.`,
            hint: prose("Write `Question: text`, or `type:` (and `options:` for `select`) indented under the question."),
          });
          continue;
        }
        const type = field(card, f, "type");
        if (!type || (typeof type.value === "string" && ![...FIELD_TYPES, "select"].includes(type.value)) || typeof type.value !== "string") {
          report({
            path: card.path,
            line: type?.line ?? f.keyLine,
            column: type?.column ?? f.keyColumn,
            message: type
              ? text`The field ${f.key} has type ${String(type.value)}, which the Hub does not know.`
              : text`The field ${f.key} has no ${"type"}.`,
            hint: prose("Give it `type:` with `text`, `checkbox`, `date_picker`, `country`, `ip_location` or `select`."),
          });
          continue;
        }
        if (type.value === "select") {
          const options = field(card, f, "options");
          const valid =
            options &&
            Array.isArray(options.value) &&
            options.value.length > 0 &&
            items(card, options).every(
              (o) => typeof o.value === "string" || (typeof o.value === "object" && o.value !== null && "label" in o.value && "value" in o.value),
            );
          if (!valid) {
            report({
              path: card.path,
              line: options?.line ?? type.line,
              column: options?.column ?? type.column,
              message: text`The select field ${f.key} needs ${"options"}: a list of choices (text, or ${"label"} and ${"value"}).`,
              hint: prose("Add `options:` with one `- choice` per line under the field."),
            });
          }
        }
      }
    }
  },
});
