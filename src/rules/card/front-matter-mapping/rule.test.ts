import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const WEIGHTS = { content: { type: "not-fetched" as const } };

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "mapping", files: { "README.md": "---\nlicense: mit\n---\n" } },
    { name: "YAML that does not parse is another rule's finding", files: { "MODEL_CARD.md": "---\n- [a\n---\n" } },
    { name: "a block of only comments", files: { "README.md": "---\n# nothing yet\n---\n", "model.safetensors": WEIGHTS } },
    { name: "prose after `---` is card/front-matter-present's horizontal rule", files: { "README.md": "---\nhello\n---\n", "model.safetensors": WEIGHTS } },
    { name: "a README.md whose YAML does not parse is another rule's finding", files: { "README.md": "---\n- [a\n---\n", "model.safetensors": WEIGHTS } },
    { name: "a card with no metadata block", files: { "README.md": "# Model\n\n- a list in the text\n", "model.safetensors": WEIGHTS } },
    { name: "MODEL_CARD.md is not read by the Hub", files: { "MODEL_CARD.md": "---\n- a\n---\n# Model\n" } },
  ],
  invalid: [
    {
      name: "a list at the top level",
      files: { "README.md": "---\n- license: mit\n- tags: [a]\n---\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 2, message: "The metadata block is a list, not a mapping of keys to values.", hint: "Write each entry as `key: value` at the start of a line, for example `license: apache-2.0`; don't start lines with `- `." }],
    },
    {
      name: "a single value",
      files: { "README.md": "---\n|\n  license: mit\n---\n# Model\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 2, message: "The metadata block is a single value, not a mapping of keys to values." }],
    },
    {
      name: "a README.md that opens with a YAML list is a card even without a card key",
      files: { "README.md": "---\n- name: tiny\n- size: 1M\n---\n# Tiny\n" },
      findings: [{ line: 2, message: "The metadata block is a list, not a mapping of keys to values." }],
    },
  ],
});

describe("card/front-matter-mapping: the lines a finding covers", () => {
  it("from the first line of YAML to the last, after blank lines", async () => {
    const [f] = await runRule(rule, { name: "list", files: { "README.md": "\n---\n- license: mit\n- tags: [a]\n- x\n---\n", "model.safetensors": WEIGHTS } });
    expect([f?.line, f?.endLine]).toEqual([3, 5]);
  });
  it("a one-line block covers that line", async () => {
    const [f] = await runRule(rule, { name: "list", files: { "README.md": "---\n- license: mit\n---\n", "model.safetensors": WEIGHTS } });
    expect([f?.line, f?.endLine]).toEqual([2, 2]);
  });
});
