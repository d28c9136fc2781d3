import { ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const WEIGHTS = { content: { type: "not-fetched" as const } };

ruleTester(rule, {
  valid: [
    { name: "README.md", files: { "README.md": "---\nlicense: mit\n---\n# Model\n", "model.safetensors": WEIGHTS } },
    { name: "a lower-case project readme is not a card", files: { "readme.md": "# My library\n\nInstall it.\n" } },
    { name: "MODEL_CARD.md in a code repository is not meant as the Hub card", files: { "MODEL_CARD.md": "# Card\n" } },
    {
      name: "a readme.md beside README.md is another document",
      files: { "README.md": "---\nlicense: mit\n---\n", "readme.md": "---\nlicense: mit\n---\n", "model.safetensors": WEIGHTS },
    },
  ],
  invalid: [
    {
      name: "readme.md with dataset card metadata",
      files: { "readme.md": "---\nlicense: mit\ntask_categories: [token-classification]\n---\n# Data\n" },
      findings: [{ path: "readme.md", line: 1, message: "This dataset card is named `readme.md`", hint: "Rename the file to `README.md`" }],
    },
    {
      name: "Readme.md beside weights, in a folder",
      files: { "models/tiny/Readme.md": "# Tiny\n\nA small model.\n", "models/tiny/model.safetensors": WEIGHTS },
      findings: [{ path: "models/tiny/Readme.md", message: "exactly `README.md`", hint: "models/tiny/README.md" }],
    },
  ],
});
