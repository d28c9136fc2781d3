import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
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
    { name: "an empty key: the Hub drops it", files: card("extra_gated_fields:\ntags: [a]") },
    { name: "a field written as a mapping with a known type", files: card("extra_gated_fields:\n  Name:\n    type: text\n  Born:\n    type: date_picker") },
    { name: "select options as text only, or as label and value only", files: card("extra_gated_fields:\n  A:\n    type: select\n    options: [x]\n  B:\n    type: select\n    options:\n    - {label: Y, value: y}") },
    { name: "a README without metadata is no card to check", files: { "README.md": "# Model\n\nextra_gated_fields: list\n" } },
  ],
  invalid: [
    {
      name: "a list, as in an old datasetcard.md example",
      files: card("extra_gated_fields:\n- Company: text\n- Country: country"),
      findings: [{ line: 3, message: "`extra_gated_fields` is a list; the Hub requires a mapping from each question to its field type.", hint: "Drop the `- ` before each question, so that each line reads `Question: type` under the key." }],
    },
    {
      name: "text in place of the mapping",
      files: card("extra_gated_fields: Company"),
      findings: [
        {
          line: 3,
          column: 1,
          message: "`extra_gated_fields` is text; the Hub requires a mapping from each question to its field type.",
          hint: "Write one `Question: type` line per field under the key, for example `Country: country`.",
        },
      ],
    },
    {
      name: "unknown field type, at its value",
      files: card("extra_gated_fields:\n  Email: email"),
      findings: [
        {
          line: 4,
          column: 10,
          message: "The field `Email` has type `email`, which the Hub does not know.",
          hint: "Use `text`, `checkbox`, `date_picker`, `country` or `ip_location`, or a mapping with `type: select` and `options`.",
        },
      ],
    },
    {
      name: "every known type passes, one unknown among them is reported",
      files: card("extra_gated_fields:\n  A: text\n  B: checkbox\n  C: date_picker\n  D: country\n  E: ip_location\n  F: select"),
      findings: [{ line: 9, column: 6, message: "The field `F` has type `select`, which the Hub does not know." }],
    },
    {
      name: "a field that is a number, a list or empty, at its question",
      files: card("extra_gated_fields:\n  Age: 3\n  Use: [a, b]\n  Name:\n  Ok: text"),
      findings: [
        {
          line: 4,
          column: 3,
          message: "The field `Age` is a number; it must be a field type or a mapping with `type`.",
          hint: "Write `Question: text`, or `type:` (and `options:` for `select`) indented under the question.",
        },
        { line: 5, column: 3, message: "The field `Use` is a list; it must be a field type or a mapping with `type`." },
        { line: 6, column: 3, message: "The field `Name` is empty; it must be a field type or a mapping with `type`." },
      ],
    },
    {
      name: "select without options, at its type",
      files: card("extra_gated_fields:\n  Use:\n    type: select"),
      findings: [
        {
          line: 5,
          column: 11,
          message: "The select field `Use` needs `options`: a list of choices (text, or `label` and `value`).",
          hint: "Add `options:` with one `- choice` per line under the field.",
        },
      ],
    },
    {
      name: "select with options that are empty or text, at the options",
      files: card("extra_gated_fields:\n  A:\n    type: select\n    options: []\n  B:\n    type: select\n    options: yes-or-no\n  C:\n    type: select\n    options: [~]"),
      findings: [
        { line: 6, column: 14, message: "The select field `A` needs `options`: a list of choices (text, or `label` and `value`)." },
        { line: 9, column: 14, message: "The select field `B` needs `options`: a list of choices (text, or `label` and `value`)." },
        { line: 12, column: 14, message: "The select field `C` needs `options`: a list of choices (text, or `label` and `value`)." },
      ],
    },
    {
      name: "select with a choice that has no value, no label, or is a number",
      files: card("extra_gated_fields:\n  C:\n    type: select\n    options:\n    - {label: Other}\n  D:\n    type: select\n    options:\n    - {value: other}\n  E:\n    type: select\n    options:\n    - x\n    - 3"),
      findings: [
        { line: 7, column: 5, message: "The select field `C` needs `options`: a list of choices (text, or `label` and `value`)." },
        { line: 11, column: 5, message: "The select field `D` needs `options`: a list of choices (text, or `label` and `value`)." },
        { line: 15, column: 5, message: "The select field `E` needs `options`: a list of choices (text, or `label` and `value`)." },
      ],
    },
    {
      name: "mapping without type, at its question",
      files: card("extra_gated_fields:\n  Use:\n    options: [a]"),
      findings: [
        {
          line: 4,
          column: 3,
          message: "The field `Use` has no `type`.",
          hint: "Give it `type:` with `text`, `checkbox`, `date_picker`, `country`, `ip_location` or `select`.",
        },
      ],
    },
    {
      name: "a type that is unknown or not text, at the type",
      files: card("extra_gated_fields:\n  Use:\n    type: radio\n  Age:\n    type: 3\n  Ok:\n    type: [text]"),
      findings: [
        { line: 5, column: 11, message: "The field `Use` has type `radio`, which the Hub does not know.", hint: "Give it `type:` with `text`, `checkbox`, `date_picker`, `country`, `ip_location` or `select`." },
        { line: 7, column: 11, message: "The field `Age` has type `3`, which the Hub does not know." },
        { line: 9, column: 11, message: "The field `Ok` has type `text`, which the Hub does not know." },
      ],
    },
  ],
});

describe("card/gated-fields-valid: the span of a value that is not a mapping", () => {
  it("a list is marked from its key to its last item", async () => {
    const [f] = await runRule(rule, { name: "span", files: card("extra_gated_fields:\n- Company: text\n- Country: country\ntags: [a]") });
    expect([f?.line, f?.endLine, f?.column]).toEqual([3, 5, 1]);
  });
});
