import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { cardLabel } from "../../../parse/card.js";
import { bodyReviewable, MIN_PROSE_WORDS, parseBody } from "../../../parse/sections.js";

export default defineRule({
  meta: {
    id: "card/has-description",
    title: "Card has no description",
    description: `A card has some prose below its metadata (at least ${MIN_PROSE_WORDS} words outside headings, code, links, badges and template placeholders).`,
    why:
      "The card is the model's or dataset's page on the Hub. Metadata fills the tags and the license, but only the text tells people what the model does, what data it was trained on and how to use it. A page with nothing but tags, badges or an empty template gets skipped by users and cannot be judged by reviewers.",
    defaultSeverity: "warning",
  },
  async check({ cards, report, checkpoint }) {
    for (const card of cards) {
      await checkpoint();
      if (!bodyReviewable(card)) continue;
      const body = parseBody(card);
      if (body.proseWords >= MIN_PROSE_WORDS) continue;

      const label = cardLabel(card);
      const what = card.kind === "model" ? "the model" : "the dataset";
      const has: string[] = [];
      if (body.sections.length > 0) has.push("headings");
      if (body.placeholders.length > 0) has.push("template placeholders");
      if (body.blocks.some((b) => b.type === "code")) has.push("code");

      let message;
      if (body.isBlank) {
        message =
          card.frontMatter.status === "present"
            ? text`This ${trusted(label)} is only metadata: nothing follows the block that ends at line ${card.frontMatter.block.closeLine}.`
            : text`This ${trusted(label)} is empty.`;
      } else if (has.length > 0) {
        message = text`This ${trusted(label)} has ${trusted(listed(has))} but no sentence that describes ${prose(what)}.`;
      } else {
        message = text`This ${trusted(label)} has no sentence that describes ${prose(what)}, only links, images or a few words.`;
      }
      report({
        path: card.path,
        line: Math.min(body.line, card.lines.lineCount),
        message,
        hint:
          card.kind === "model"
            ? prose("Below the metadata, write a few sentences: what the model does, what it was trained on, how to use it and where it falls short.")
            : prose("Below the metadata, write a few sentences: what the data is, where it comes from, how it is structured and what it should not be used for."),
      });
    }
  },
});

function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}`;
}
