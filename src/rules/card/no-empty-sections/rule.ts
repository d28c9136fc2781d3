import { defineRule } from "../../../core/rule.js";
import { joinText, prose, text, type Text, trusted } from "../../../core/text.js";
import { cardLabel } from "../../../parse/card.js";
import { bodyReviewable, hasProse, sections, type Section } from "../../../parse/sections.js";

/** How many empty sections the message names before "and N more". */
const SECTIONS_SHOWN = 5;

/**
 * "# Original model card: Meta's Llama 2 13B-chat": the heading a quantization's card puts above the
 * base model's card, whose own title (a heading of the same level) follows at once. It introduces the
 * rest of the file, and is not empty.
 */
const WRAPPER = /^original model card\b/i;

/** Empty sections that are not inside another empty section (their sub-sections are empty too). */
function outermostEmpty(all: readonly Section[]): Section[] {
  const out: Section[] = [];
  let coveredUntil = 0;
  for (const section of all) {
    if (section.line <= coveredUntil) continue;
    if (section.isEmpty && !WRAPPER.test(section.title.trim())) {
      out.push(section);
      coveredUntil = section.endLine;
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: "card/no-empty-sections",
    title: "Empty sections in the card",
    description: "Every heading of a card body has some text, a list, a table or code before the next heading of the same or a higher level.",
    why:
      "A heading with nothing under it promises information the card does not give: a reader who jumps to \"Evaluation\" or \"Limitations\" finds nothing there. Either the section was forgotten or it does not apply, and only the author knows which.",
    defaultSeverity: "notice",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (!bodyReviewable(card)) continue;
      // A card with no prose at all is reported once, by card/has-description.
      if (!hasProse(card)) continue;
      const empty = outermostEmpty(sections(card));
      const first = empty[0];
      if (!first) continue;

      const names: Text[] = empty.slice(0, SECTIONS_SHOWN).map((s) => {
        const subs = s.subsections === 0 ? "" : s.subsections === 1 ? ", with its sub-section" : `, with its ${s.subsections} sub-sections`;
        return text`${s.title || "(untitled)"} (line ${s.line}${trusted(subs)})`;
      });
      const more = empty.length > SECTIONS_SHOWN ? prose(` and ${empty.length - SECTIONS_SHOWN} more`) : prose("");
      const count = empty.length === 1 ? "1 section has" : `${empty.length} sections have`;
      report({
        path: card.path,
        line: first.line,
        message: text`${trusted(count)} nothing under the heading in this ${trusted(cardLabel(card))}: ${joinText(names, ", ")}${more}.`,
        hint: prose("Write what you know under each heading, or remove the headings that do not apply to this card."),
      });
    }
  },
});
