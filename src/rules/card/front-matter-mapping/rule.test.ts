import { ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const WEIGHTS = { content: { type: "not-fetched" as const } };

ruleTester(rule, {
  valid: [
    { name: "mapping", files: { "README.md": "---\nlicense: mit\n---\n" } },
    { name: "YAML that does not parse is another rule's finding", files: { "MODEL_CARD.md": "---\n- [a\n---\n" } },
    { name: "a block of only comments", files: { "MODEL_CARD.md": "---\n# nothing yet\n---\n" } },
  ],
  invalid: [
    {
      name: "a list at the top level",
      files: { "README.md": "---\n- license: mit\n- tags: [a]\n---\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 2, message: "The metadata block is a list, not a mapping" }],
    },
    {
      name: "a single value",
      files: { "MODEL_CARD.md": "---\nhello\n---\n# Model\n" },
      findings: [{ line: 2, message: "is a single value" }],
    },
  ],
});
