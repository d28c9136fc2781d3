import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "real card google-flan-t5-large (test/fixtures/corpus)", files: { "README.md": corpusCard("google-flan-t5-large") } },
    { name: "quoted no", files: card('language: "no"') },
    { name: "real booleans", files: card("inference: false\nviewer: true") },
    { name: "words that merely contain no", files: card("license: mit\ntags: [nothing, online]") },
    { name: "nb instead of no", files: card("language:\n- nb") },
  ],
  invalid: [
    {
      name: "language: no (Norwegian) becomes false in Python",
      files: card("license: mit\nlanguage: no"),
      output: "---\nlicense: mit\nlanguage: \"no\"\n---\n# Model\n",
      findings: [{ line: 3, column: 11, message: "`no` is read as false by huggingface_hub and other YAML 1.1 readers, so the card loses its Norwegian language tag there.", hint: "Quote it (`\"no\"`), or use `nb` (Bokmål) or `nn` (Nynorsk)." }],
    },
    {
      name: "in a list",
      files: card("language:\n- en\n- no"),
      output: "---\nlanguage:\n- en\n- \"no\"\n---\n# Model\n",
      findings: [{ line: 4, message: "`no` is read as false by huggingface_hub and other YAML 1.1 readers, so the card loses its Norwegian language tag there." }],
    },
    {
      name: "other keys",
      files: card("tags:\n- on\nextra_gated_prompt: Yes"),
      output: "---\ntags:\n- \"on\"\nextra_gated_prompt: \"Yes\"\n---\n# Model\n",
      findings: [
        { line: 3, message: "`on` (under `tags`) is text for the Hub but true/false for huggingface_hub and other YAML 1.1 readers." },
        { line: 4, message: "`Yes` (under `extra_gated_prompt`) is text for the Hub but true/false for huggingface_hub and other YAML 1.1 readers." },
      ],
    },
  ],
});

describe("card/yaml-ambiguous-values fix", () => {
  it("quotes the value", async () => {
    const [finding] = await runRule(rule, { name: "fix", files: card("language: no") });
    expect(finding?.fix).toEqual({ line: 2, endLine: 2, replacement: 'language: "no"' });
  });
});
