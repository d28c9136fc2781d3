import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "distinct keys", files: { "README.md": "---\nlicense: mit\ntags: [a, b]\n---\n" } },
    { name: "same key in different mappings", files: { "README.md": "---\nlicense: mit\nmodel-index:\n- name: a\n  results: []\n- name: b\n  results: []\n---\n" } },
  ],
  invalid: [
    {
      name: "license written twice",
      files: { "README.md": "---\nlicense: mit\ntags: [a]\nlicense: apache-2.0\n---\n# Model\n" },
      findings: [{ line: 4, column: 1, message: "The key `license` is written again at line 4 (first at line 2)." }],
    },
    {
      name: "duplicate inside a nested mapping",
      files: { "README.md": "---\nlicense: mit\nco2_eq_emissions:\n  emissions: 1\n  emissions: 2\n---\n" },
      findings: [{ line: 5, message: "The key `emissions` is written again at line 5." }],
    },
  ],
});
