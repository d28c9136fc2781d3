import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { resolveReferences, SOURCE_WORDS } from "../../../parse/hub-lookups.js";

export default defineRule({
  meta: {
    id: "hub/repo-access",
    title: "Referenced repository is gated, private or disabled",
    description: "Says when a dataset or model a card names is gated, private or disabled on the Hub.",
    why:
      "Users of the model will need the same access: a gated base model asks every user to accept its terms, and a disabled or private repository cannot be reached at all. Saying so in the card avoids surprises, and gated terms usually bind derivatives too.",
    defaultSeverity: "notice",
  },
  async check({ cards, hub, report }) {
    if (!hub) return;
    for (const r of await resolveReferences(hub, cards, () => true)) {
      if (r.lookup.status !== "found") continue;
      const info = r.lookup.info;
      const what = r.type === "dataset" ? "dataset" : "model";
      if (info.disabled) {
        report({
          path: r.card.path,
          line: r.line,
          column: r.column,
          title: "Referenced repository is disabled",
          message: text`The ${prose(what)} ${info.id} ${trusted(SOURCE_WORDS[r.source])} is disabled on the Hub: nobody can download it.`,
          hint: prose("Point to a repository that is available, or explain in the card where the data or weights can be found."),
        });
      } else if (info.gated) {
        report({
          path: r.card.path,
          line: r.line,
          column: r.column,
          message: text`The ${prose(what)} ${info.id} ${trusted(SOURCE_WORDS[r.source])} is gated (${prose(info.gated === "manual" ? "access approved by hand" : "access granted on request")}): users must accept its terms to download it.`,
          hint: prose("Say so in the card, and check that the license of this release respects the gated repository's terms."),
        });
      } else if (info.private) {
        report({
          path: r.card.path,
          line: r.line,
          column: r.column,
          message: text`The ${prose(what)} ${info.id} ${trusted(SOURCE_WORDS[r.source])} is private: readers of the card cannot open it.`,
          hint: prose("Make it public, or describe the data in the card instead of linking to it."),
        });
      }
    }
  },
});
