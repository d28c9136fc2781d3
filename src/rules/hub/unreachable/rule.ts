import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { CONFIG_PATH } from "../../../core/config.js";
import { cardReferences } from "../../../parse/references.js";

/** Runs after every rule that asks the Hub (it is last in the registry). */
export default defineRule({
  meta: {
    id: "hub/unreachable",
    title: "Could not verify with the Hub",
    description: "Says which references Cardinal could not verify because the Hub did not answer.",
    why:
      "When the Hub times out, is down or limits Cardinal's requests, the review still finishes, but the checks that need the Hub could not run for those repositories. Cardinal says so, and marks the check run neutral rather than green, instead of passing them silently.",
    defaultSeverity: "notice",
  },
  check({ cards, hubFailures, report }) {
    for (const failure of hubFailures()) {
      const card = cards.find((c) => cardReferences(c).some((r) => r.type === failure.type && r.id === failure.id));
      const where = card ? cardReferences(card).find((r) => r.type === failure.type && r.id === failure.id) : undefined;
      report({
        path: card?.path ?? CONFIG_PATH,
        ...(where ? { line: where.line, column: where.column } : {}),
        message: text`Could not verify the ${prose(failure.type)} ${failure.id}: ${trusted(failure.reason)}.`,
        hint: prose("Nothing to change in the pull request for this. Re-run the check later; Cardinal asks the Hub again."),
      });
    }
  },
});
