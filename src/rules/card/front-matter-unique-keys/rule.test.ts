import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const HINT = "Keep one entry for the key; to give several values, use a list under a single key.";

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "distinct keys", files: { "README.md": "---\nlicense: mit\ntags: [a, b]\n---\n" } },
    { name: "same key in different mappings", files: { "README.md": "---\nlicense: mit\nmodel-index:\n- name: a\n  results: []\n- name: b\n  results: []\n---\n" } },
    { name: "a card with no metadata block has no keys to repeat", files: { "README.md": "# Model\n\nlicense: mit\nlicense: mit\n", "model.safetensors": { content: { type: "not-fetched" } } } },
    { name: "MODEL_CARD.md is not read by the Hub", files: { "MODEL_CARD.md": "---\nlicense: mit\nlicense: apache-2.0\n---\n# Model\n" } },
  ],
  invalid: [
    {
      name: "license written twice",
      files: { "README.md": "---\nlicense: mit\ntags: [a]\nlicense: apache-2.0\n---\n# Model\n" },
      findings: [{ line: 4, column: 1, message: "The key `license` is written again at line 4 (first at line 2).", hint: HINT }],
    },
    {
      name: "a key repeated after other keys points at its own first place, not at the first key",
      files: { "README.md": "---\nlicense: mit\ntags: [a]\npipeline_tag: fill-mask\ntags: [b]\n---\n" },
      findings: [{ line: 5, column: 1, message: "The key `tags` is written again at line 5 (first at line 3)." }],
    },
    {
      name: "a key written three times: each repetition points at the first",
      files: { "README.md": "---\nlicense: mit\nlicense: apache-2.0\ntags: [a]\nlicense: other\n---\n" },
      findings: [
        { line: 3, column: 1, message: "The key `license` is written again at line 3 (first at line 2)." },
        { line: 5, column: 1, message: "The key `license` is written again at line 5 (first at line 2)." },
      ],
    },
    {
      name: "duplicate inside a nested mapping",
      files: { "README.md": "---\nlicense: mit\nco2_eq_emissions:\n  emissions: 1\n  emissions: 2\n---\n" },
      findings: [{ line: 5, column: 3, message: "The key `emissions` is written again at line 5.", hint: HINT }],
    },
    {
      name: "a nested key named like a top-level key is not compared with it",
      files: { "README.md": "---\nlicense: mit\nco2_eq_emissions:\n  license: a\n  license: b\n---\n" },
      findings: [{ line: 5, column: 3, message: "The key `license` is written again at line 5." }],
    },
    {
      name: "a quoted key is the same key, named without its quotes",
      files: { "README.md": "---\nlicense: mit\n\"license\": apache-2.0\n---\n" },
      findings: [{ line: 3, column: 1, message: "The key `license` is written again at line 3 (first at line 2)." }],
    },
    {
      name: "a space before the colon is not part of the key",
      files: { "README.md": "---\nlicense: mit\nlicense : apache-2.0\n---\n" },
      findings: [{ line: 3, column: 1, message: "The key `license` is written again at line 3 (first at line 2)." }],
    },
    {
      name: "both on one line of a flow mapping: no line to point back to",
      files: { "README.md": "---\n{license: mit, license: apache-2.0}\n---\n" },
      findings: [{ line: 2, column: 16, message: "The key `license` is written again at line 2." }],
    },
    {
      name: "a nested key with a space before the colon",
      files: { "README.md": "---\nlicense: mit\nco2_eq_emissions:\n  emissions : 1\n  emissions : 2\n---\n" },
      findings: [{ line: 5, column: 3, message: "The key `emissions` is written again at line 5." }],
    },
    {
      name: "in a flow mapping, the key repeated is the one named, not the first of the line",
      files: { "README.md": "---\n{license: mit, tags: [a], tags: [b]}\n---\n" },
      findings: [{ line: 2, column: 27, message: "The key `tags` is written again at line 2." }],
    },
    {
      name: "a top-level key that is a list does not stop the others from being compared",
      files: { "README.md": "---\nlicense: mit\n? [a, b]\n: 1\nlicense: apache-2.0\n---\n" },
      findings: [{ line: 5, column: 1, message: "The key `license` is written again at line 5 (first at line 2)." }],
    },
    {
      name: "a repeated key inside an item of a top-level list",
      files: { "README.md": "---\n- a: 1\n  a: 2\n---\n" },
      findings: [{ line: 3, column: 3, message: "The key `a` is written again at line 3." }],
    },
  ],
});
