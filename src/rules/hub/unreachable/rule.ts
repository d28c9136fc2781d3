import { defineRule } from "../../../core/rule.js";
import { HUB_OUTAGE_KINDS, type HubFailure } from "../../../core/hub.js";
import { joinText, prose, text, trusted, type Text } from "../../../core/text.js";
import { CONFIG_PATH } from "../../../core/config.js";
import type { Card } from "../../../parse/card.js";
import { cardReferences, type Reference } from "../../../parse/references.js";

/** Ids named in a notice about many repositories left unchecked; the rest are counted. */
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
  check({ cards, hubFailures, report, workspace }) {
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
    const local = workspace.source === "folder";
    const again = local
      ? prose("Nothing to change in your files for this. Run the check again later; Cardinal asks the Hub again.")
      : prose("Nothing to change in the pull request for this. Re-run the check later; Cardinal asks the Hub again.");

    // The client stopped asking after failures in a row: one outage, one notice. The failures that
    // led to the stop, the lookups it answered, and those past the review's limit (they would not
    // have been answered either) are named together, in the stop's words.
    const stop = failures.find((f) => f.kind === "stopped");
    const outage = stop ? inCardOrder(failures.filter((f) => f.limited || f.kind === "stopped" || (f.kind !== undefined && HUB_OUTAGE_KINDS.has(f.kind))), places) : [];
    const inOutage = new Set(outage);
    for (const failure of failures) {
      if (failure.limited || inOutage.has(failure)) continue;
      report({
        ...at(failure),
        message: text`Could not verify the ${trusted(failure.type)} ${failure.id}: ${trusted(failure.reason)}.`,
        hint: again,
      });
    }
    const [firstDown] = outage;
    if (stop && firstDown) {
      report({
        ...at(firstDown),
        title: "Stopped asking the Hub",
        message:
          outage.length === 1
            ? text`Could not verify the ${trusted(firstDown.type)} ${firstDown.id}: ${trusted(stop.reason)}.`
            : text`Could not verify ${trusted(outage.length.toLocaleString("en-US"))} repositories: ${trusted(stop.reason)}. Not verified: ${idList(outage)}.`,
        hint: local
          ? prose(
              "Nothing to change in your files for this. Run the check again once the Hub answers; `--offline` skips the Hub checks, and `CARDINAL_HUB_TIMEOUT_MS` sets how long each request may take.",
            )
          : again,
      });
      return;
    }

    const limited = failures.filter((f) => f.limited);
    const [first] = limited;
    if (!first) return;
    // One notice for all of them: a card listing 3,000 ids gets one line, not 2,900.
    const count = limited.length.toLocaleString("en-US");
    report({
      ...at(first),
      title: "Too many repositories to verify with the Hub",
      message: text`Did not verify ${trusted(count)} more repositor${trusted(limited.length === 1 ? "y" : "ies")}: ${trusted(first.reason)}. Not checked: ${idList(limited)}.`,
      hint: prose("Nothing to change if the card means to name them all; Cardinal leaves the ones past the limit unverified. If the list is generated, check that it names what you meant."),
    });
  },
});

/** Failures in the order their references appear in the cards (answers arrive in any order). */
function inCardOrder(failures: readonly HubFailure[], places: ReadonlyMap<string, { card: Card; ref: Reference }>): HubFailure[] {
  const order = new Map<Card, number>();
  for (const { card } of places.values()) if (!order.has(card)) order.set(card, order.size);
  const rank = (f: HubFailure): [number, number, number] => {
    const place = places.get(`${f.type}:${f.id}`);
    return place ? [order.get(place.card) ?? 0, place.ref.line, place.ref.column] : [Infinity, 0, 0];
  };
  return failures
    .map((f) => ({ f, r: rank(f) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2])
    .map(({ f }) => f);
}

/** The first LIMITED_IDS_SHOWN ids, then how many more. */
function idList(failures: readonly HubFailure[]): Text {
  const shown = joinText(failures.slice(0, LIMITED_IDS_SHOWN).map((f) => text`${f.id}`), ", ");
  const rest = failures.length - LIMITED_IDS_SHOWN;
  return rest > 0 ? text`${shown}${trusted(` and ${rest.toLocaleString("en-US")} more`)}` : shown;
}
