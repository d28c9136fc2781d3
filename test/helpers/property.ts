/**
 * Parameters for every fast-check property in the suite: a fixed seed (the
 * same cases on every run and every machine) and a fixed count, and on
 * failure a message that names the seed and how to run those cases again.
 * `CARDINAL_PROPERTY_SEED=<n>` runs another seed (to explore, or to repeat
 * one a failure printed).
 */
import fc from "fast-check";

/** The seed when none is given. Changing it changes every property's cases. */
export const DEFAULT_PROPERTY_SEED = 20_260_420;

function seedFromEnvironment(): number {
  const raw = process.env["CARDINAL_PROPERTY_SEED"];
  if (raw === undefined || raw === "") return DEFAULT_PROPERTY_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`CARDINAL_PROPERTY_SEED must be an integer, not ${JSON.stringify(raw)}`);
  return seed;
}

export const PROPERTY_SEED = seedFromEnvironment();

/** What a failed run says: fast-check's report, then the seed and the command that repeats it. */
export function failureMessage<T>(details: fc.RunDetails<T>): string {
  return `${fc.defaultReportMessage(details) ?? "the property failed"}\n\nProperty seed ${details.seed} (${details.numRuns} runs): repeat with CARDINAL_PROPERTY_SEED=${details.seed}`;
}

/** `numRuns` cases from the suite's seed; a failure throws with the seed in its message. */
export function seeded<T>(numRuns: number, seed = PROPERTY_SEED): fc.Parameters<T> {
  return {
    seed,
    numRuns,
    reporter(details) {
      if (details.failed) throw new Error(failureMessage(details));
    },
  };
}
