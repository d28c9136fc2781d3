import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { cardLabel } from "../../../parse/card.js";
import { bodyReviewable, findPlaceholders } from "../../../parse/sections.js";

/** How many placeholder lines the message names before "and N more". */
const LINES_SHOWN = 5;

export default defineRule({
  meta: {
    id: "card/no-template-placeholders",
    title: "Template placeholders left in the card",
    description:
      "The card body has no text left from a card template: `[More Information Needed]`, unrendered `{{ … }}` or `{% … %}` markers, fill-in markers such as `[optional]`, `[Dataset Name]`, `<your-token>` or `your-username/…`, or the stock text of the huggingface_hub templates.",
    why:
      "Cards made from the Hugging Face template start with dozens of \"[More Information Needed]\" lines. Left in, they tell readers that nobody documented how the model was trained, what it is for or where it fails, and the card looks finished on the Hub when it is not. Unrendered `{{ … }}` markers mean the template was copied instead of filled in.",
    defaultSeverity: "warning",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (!bodyReviewable(card)) continue;
      const found = findPlaceholders(card);
      const first = found[0];
      if (!first) continue;

      const lines = [...new Set(found.map((p) => p.line))];
      const shown = lines.slice(0, LINES_SHOWN).join(", ");
      const more = lines.length > LINES_SHOWN ? prose(` and ${lines.length - LINES_SHOWN} more`) : prose("");
      const where = lines.length === 1 ? prose(`line ${shown}`) : prose(`lines ${shown}`);
      const count = found.length === 1 ? prose("1 placeholder") : prose(`${found.length} placeholders`);
      report({
        path: card.path,
        line: first.line,
        message: text`${count} left in this ${trusted(cardLabel(card))}: ${where}${more}. ${prose(found.length === 1 ? "It is" : "The first is")} ${first.text}.`,
        hint:
          first.kind === "jinja"
            ? prose(
                "Fill in the template before committing it (huggingface_hub's `ModelCard.from_template` renders `{{ … }}`), or replace each marker with the real text.",
              )
            : prose(
                "Replace each placeholder with what you know (the training data, the intended use, the evaluation), or delete the lines and sections that do not apply.",
              ),
      });
    }
  },
});
