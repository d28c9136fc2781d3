import { defineRule } from "../../../core/rule.js";
import type { HubFailure } from "../../../core/hub.js";
import { joinText, prose, text, trusted } from "../../../core/text.js";
import { CONFIG_PATH } from "../../../core/config.js";
import type { Card } from "../../../parse/card.js";
import { cardReferences, type Reference } from "../../../parse/references.js";

/** Ids named in the notice about repositories left unchecked; the rest are counted. */
export const LIMITED_IDS_SHOWN = 5;

/** Runs after every rule that asks the Hub (it is last in the registry). */
export default defineRule({
  meta: {
    id: "hub/unreachable",
    title: "Could not verify with the Hub",
    description: "Says which references Cardinal could not verify because the Hub did not answer, or because the review named too many.",
    why:
      "When the Hub times out, is down or limits Cardinal's requests, the review still finishes, but the checks that need the Hub could not run for those repositories. Cardinal says so, and marks the check run neutral rather than green, instead of passing them silently.",
    defaultSeverity: "notice",
  },
  check({ cards, hubFailures, report }) {
    const failures = hubFailures();
    if (failures.length === 0) return;
    // Where each reference first appears, computed once (a card can name thousands).
    const places = new Map<string, { card: Card; ref: Reference }>();
    for (const card of cards) {
      for (const ref of cardReferences(card)) {
        const key = `${ref.type}:${ref.id}`;
        if (!places.has(key)) places.set(key, { card, ref });
      }
    }
    const at = (failure: HubFailure) => {
      const place = places.get(`${failure.type}:${failure.id}`);
      return place ? { path: place.card.path, line: place.ref.line, column: place.ref.column } : { path: CONFIG_PATH };
    };

    const limited = failures.filter((f) => f.limited);
    for (const failure of failures) {
      if (failure.limited) continue;
      report({
        ...at(failure),
        message: text`Could not verify the ${trusted(failure.type)} ${failure.id}: ${trusted(failure.reason)}.`,
        hint: prose("Nothing to change in the pull request for this. Re-run the check later; Cardinal asks the Hub again."),
      });
    }
    const [first] = limited;
    if (!first) return;
    // One notice for all of them: a card listing 3,000 ids gets one line, not 2,900.
    const shown = joinText(limited.slice(0, LIMITED_IDS_SHOWN).map((f) => text`${f.id}`), ", ");
    const rest = limited.length - LIMITED_IDS_SHOWN;
    const count = limited.length.toLocaleString("en-US");
    report({
      ...at(first),
      title: "Too many repositories to verify with the Hub",
      message: text`Did not verify ${trusted(count)} more repositor${trusted(limited.length === 1 ? "y" : "ies")}: ${trusted(first.reason)}. Not checked: ${shown}${trusted(rest > 0 ? ` and ${rest.toLocaleString("en-US")} more` : "")}.`,
      hint: prose("Nothing to change if the card means to name them all; Cardinal leaves the ones past the limit unverified. If the list is generated, check that it names what you meant."),
    });
  },
});
