import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus)", files: { "README.md": corpusCard("facebook-bart-large-mnli") } },
    { name: "a license", files: { "README.md": "---\nlicense: mit\n---\n" } },
    { name: "unknown in the text is not the metadata", files: { "README.md": "---\nlicense: mit\n---\nLicense: unknown\n" } },
    { name: "a license_name of unknown is not the license", files: { "README.md": "---\nlicense: other\nlicense_name: unknown\n---\n" } },
  ],
  invalid: [{ name: "unknown", files: { "README.md": "---\nlicense: unknown\n---\n" }, findings: [{ line: 2, message: "The license is declared as `unknown`.", hint: "Find the license the weights or data were released under (for a fine-tune, the base model's license usually applies) and declare its id." }] },
    {
      name: "unknown as one item of a list",
      files: { "README.md": "---\nlicense:\n- mit\n- unknown\n---\n" },
      findings: [{ path: "README.md", line: 4, column: 3, message: "The license is declared as `unknown`." }],
    },
  ],
});
