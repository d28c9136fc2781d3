import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = "---\nlicense: apache-2.0\n---\n# M\n";

ruleTester(rule, {
  valid: [
    { name: "real card coqui-xtts-v2 (test/fixtures/corpus)", files: { "README.md": corpusCard("coqui-xtts-v2") } },
    { name: "policy not set (the default)", files: { "README.md": card }, repo: {} },
    { name: "required and present", config: { license_file: "required" }, files: { "README.md": card, LICENSE: "terms" }, repo: {} },
    { name: "required, but the card declares no license: license/declared's", config: { license_file: "required" }, files: { "README.md": "---\ntags: [a]\n---\n# M\n" }, repo: {} },
    { name: "optional (said in so many words)", config: { license_file: "optional" }, files: { "README.md": card }, repo: {} },
    { name: "required, present in the repository", config: { license_file: "required" }, files: { "m/README.md": card }, repo: { "m/LICENSE.md": "terms" } },
  ],
  invalid: [
    {
      name: "required and missing",
      config: { license_file: "required" },
      files: { "models/a/README.md": card },
      repo: { "LICENSE": "root terms" },
      findings: [{ line: 2, column: 10, message: "The card declares `apache-2.0`, but there is no LICENSE file in `models/a`.", hint: "Add the license's text as `LICENSE` beside the card." }],
    },
    {
      name: "required and missing in a folder review without a repository port: the folder's files are all there",
      config: { license_file: "required" },
      files: { "m/README.md": "---\nlicense:\n- mit\n- apache-2.0\n---\n# M\n" },
      findings: [{ line: 3, column: 3, message: "The card declares `mit`, but there is no LICENSE file in `m`." }],
    },
    {
      name: "required and missing at the root: the root is named in words, not as a path",
      config: { license_file: "required" },
      files: { "README.md": card },
      repo: {},
      findings: [{ line: 2, message: "The card declares `apache-2.0`, but there is no LICENSE file in the repository root." }],
    },
  ],
});
