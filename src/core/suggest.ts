/** Past this difference in length, editDistance returns the difference itself. */
const EXACT_LENGTH_GAP = 16;

/**
 * Edit distance (Levenshtein) between two short strings. Callers only ask
 * whether a value is a few edits from a name; when the lengths differ by more
 * than EXACT_LENGTH_GAP the difference (a lower bound, already far beyond any
 * typo) is returned instead, so a megabyte-long YAML value costs linear time,
 * not length × candidates.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const gap = Math.abs(a.length - b.length);
  if (gap > EXACT_LENGTH_GAP) return gap;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `value`, when it is close enough to be a likely
 * typo: at most a third of the longer string's length, and at most 3 edits.
 */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  const needle = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.min(3, Math.floor(Math.max(value.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}

/**
 * The rule a possibly mistyped id most likely means: the rule of that name
 * in whatever domain (`known-keys`, or `license/known-keys`, means
 * `card/known-keys`), else the closest id, else the rule whose name is
 * closest (`front-matter-valid-yam`).
 */
export function suggestRuleId(value: string, ids: readonly string[]): string | undefined {
  const name = (value.toLowerCase().split("/").pop() ?? "").trim();
  if (name === "") return undefined;
  const sameName = ids.filter((id) => id.toLowerCase().endsWith(`/${name}`));
  if (sameName.length === 1) return sameName[0];
  const byId = closest(value, ids);
  if (byId) return byId;
  const names = new Map(ids.map((id) => [id.slice(id.indexOf("/") + 1), id] as const));
  const near = closest(name, names.keys());
  return near === undefined ? undefined : names.get(near);
}
