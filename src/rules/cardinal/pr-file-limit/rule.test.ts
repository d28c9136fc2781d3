import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "every file listed", pullRequest: true, files: { "README.md": "# x\n" } }],
  invalid: [
    {
      name: "GitHub listed 3,000 of 4,200 files",
      pullRequest: true,
      files: {},
      workspace: { truncated: { listed: 3000, total: 4200 } },
      findings: [
        {
          line: null,
          path: "",
          message: "This pull request changes 4200 files; GitHub lists only the first 3000, and Cardinal reviewed those.",
          hint: "Split the release into smaller pull requests, or run Cardinal's command-line tool on the branch (`cardinal check .`) to review every file.",
        },
      ],
    },
  ],
});
