import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: llama3\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "real card mahmoodlab-conch (test/fixtures/corpus)", files: { "README.md": corpusCard("mahmoodlab-conch") } },
    {
      name: "the Hub's documented form",
      files: card(
        "extra_gated_fields:\n  Company: text\n  Country: country\n  I agree to the terms: checkbox\n  Date: date_picker\n  Purpose:\n    type: select\n    options:\n    - Research\n    - label: Other\n      value: other",
      ),
    },
    { name: "no gate", files: card("tags: [a]") },
  ],
  invalid: [
    {
      name: "a list, as in an old datasetcard.md example",
      files: card("extra_gated_fields:\n- Company: text\n- Country: country"),
      findings: [{ line: 3, message: "`extra_gated_fields` is a list; the Hub requires a mapping from each question to its field type.", hint: "Drop the `- ` before each question, so that each line reads `Question: type` under the key." }],
    },
    { name: "unknown field type", files: card("extra_gated_fields:\n  Email: email"), findings: [{ line: 4, message: "The field `Email` has type `email`, which the Hub does not know." }] },
    { name: "select without options", files: card("extra_gated_fields:\n  Use:\n    type: select"), findings: [{ line: 5, message: "The select field `Use` needs `options`: a list of choices (text, or `label` and `value`)." }] },
    { name: "mapping without type", files: card("extra_gated_fields:\n  Use:\n    options: [a]"), findings: [{ line: 4, message: "The field `Use` has no `type`." }] },
  ],
});
