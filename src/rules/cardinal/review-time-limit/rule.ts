import { defineRule } from "../../../core/rule.js";

/**
 * Reported by the engine, not by this check: when the review's time limit
 * (set by the GitHub App and the CLI) runs out, the review ends with what it
 * found so far and this finding names the checks that did not finish.
 */
export default defineRule({
  meta: {
    id: "cardinal/review-time-limit",
    title: "Review stopped at its time limit",
    description: "The review finished within Cardinal's time limit.",
    why:
      "Files crafted to be slow to check (tens of thousands of cards, huge generated files) must not hold up every other review, or a CI job. Cardinal stops at its limit and says so, so that a clean result is not mistaken for a complete one.",
    defaultSeverity: "warning",
  },
  check() {
    // The engine reports for this rule; see core/engine.ts.
  },
});
