/**
 * The engine's clock (core/engine.ts ReviewPacing): a time limit per
 * review, and turns on the event loop so that one slow review does not hold
 * up webhook deliveries, `/ping` or other reviews in the same process.
 */
import { performance } from "node:perf_hooks";
import type { ReviewPacing } from "../core/engine.js";

/** A review in the GitHub App stops after this long (cardinal/review-time-limit). */
export const APP_REVIEW_SECONDS = 30;
/** The CLI reviews on one machine for one user: more room, still an end. */
export const CLI_REVIEW_SECONDS = 120;
/** How long the engine may run before it lets other work in. */
export const REVIEW_SLICE_MS = 50;

export function reviewPacing(limitSeconds: number, sliceMs = REVIEW_SLICE_MS, now: () => number = () => performance.now()): ReviewPacing {
  const deadline = now() + limitSeconds * 1000;
  let sliceStart = now();
  return {
    limitSeconds,
    exhausted: () => now() >= deadline,
    shouldYield: () => now() - sliceStart >= sliceMs,
    yieldToEventLoop: () =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          sliceStart = now();
          resolve();
        }),
      ),
  };
}
