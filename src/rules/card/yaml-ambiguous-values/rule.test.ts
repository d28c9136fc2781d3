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
    { name: "keys are not values", files: card("license: mit\nwidget:\n- no: 1\n  on: 2") },
    { name: "single-quoted and block values are not plain", files: card("license: mit\ntags:\n- 'no'\nextra_gated_prompt: >\n  yes\n") },
    { name: "a README without metadata is not read", files: { "README.md": "# Model\n\nlanguage: no\n" } },
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
        { line: 3, column: 3, message: "`on` (under `tags`) is text for the Hub but true/false for huggingface_hub and other YAML 1.1 readers.", hint: "Put the value in quotes. If you meant true/false, write `true` or `false`." },
        { line: 4, message: "`Yes` (under `extra_gated_prompt`) is text for the Hub but true/false for huggingface_hub and other YAML 1.1 readers." },
      ],
    },
    {
      name: "NO under language is Norwegian too; off under language is not",
      files: card("language:\n- NO\n- off"),
      output: "---\nlanguage:\n- \"NO\"\n- \"off\"\n---\n# Model\n",
      findings: [
        { line: 3, message: "`NO` is read as false by huggingface_hub and other YAML 1.1 readers, so the card loses its Norwegian language tag there.", hint: "Quote it (`\"no\"`), or use `nb` (Bokmål) or `nn` (Nynorsk)." },
        { line: 4, message: "`off` (under `language`) is text for the Hub but true/false for huggingface_hub and other YAML 1.1 readers.", hint: "Put the value in quotes. If you meant true/false, write `true` or `false`." },
      ],
    },
    {
      name: "no under another key is no language",
      files: card("license: mit\nextra_gated_prompt: no"),
      output: "---\nlicense: mit\nextra_gated_prompt: \"no\"\n---\n# Model\n",
      findings: [{ line: 3, message: "`no` (under `extra_gated_prompt`) is text for the Hub but true/false for huggingface_hub and other YAML 1.1 readers." }],
    },
    {
      name: "the innermost key names the value",
      files: card("license: mit\nwidget:\n- text: off"),
      output: "---\nlicense: mit\nwidget:\n- text: \"off\"\n---\n# Model\n",
      findings: [{ line: 4, column: 9, message: "`off` (under `text`) is text for the Hub but true/false for huggingface_hub and other YAML 1.1 readers." }],
    },
    {
      name: "no fix when the value appears twice on its line",
      files: card("license: mit\ntags: [on, on]"),
      output: null,
      findings: [
        { line: 3, column: 8, message: "`on` (under `tags`) is text for the Hub but true/false for huggingface_hub and other YAML 1.1 readers." },
        { line: 3, column: 12, message: "`on` (under `tags`) is text for the Hub but true/false for huggingface_hub and other YAML 1.1 readers." },
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
