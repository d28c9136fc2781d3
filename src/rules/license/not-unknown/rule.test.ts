import { ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [{ name: "a license", files: { "README.md": "---\nlicense: mit\n---\n" } }],
  invalid: [{ name: "unknown", files: { "README.md": "---\nlicense: unknown\n---\n" }, findings: [{ line: 2, message: "declared as `unknown`", hint: "base model's license" }] }],
});
