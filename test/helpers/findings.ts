/** A finding for the report tests: a warning of card/known-keys on line 3 of README.md, changed by `over`. */
import { text } from "../../src/core/text.js";
import type { Finding } from "../../src/core/types.js";

export const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: "card/known-keys",
  severity: "warning",
  title: "Unknown key",
  message: text`The key ${"lisence"} is unknown.`,
  path: "README.md",
  line: 3,
  docsUrl: "https://docs.test/card/known-keys.md",
  ...over,
});
