import { defineRule } from "../../../core/rule.js";

/**
 * Reported by the engine, not by this check: when another rule throws, the
 * review goes on and this finding says which check did not finish.
 */
export default defineRule({
  meta: {
    id: "cardinal/internal-error",
    title: "Cardinal could not finish a check",
    description: "Every enabled check ran to the end.",
    why:
      "A check that stops on an unexpected input must not take the whole review down with it, and must not pass silently either. This notice says which check did not finish, so that a clean result is not mistaken for a complete one.",
    defaultSeverity: "notice",
  },
  check() {
    // The engine reports for this rule; see core/engine.ts.
  },
});
