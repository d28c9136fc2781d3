import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "real card google-flan-t5-large (test/fixtures/corpus)", files: { "README.md": corpusCard("google-flan-t5-large") } },
    { name: "ISO 639-1", files: card("language: en") },
    { name: "a list with ISO 639-3 and specials", files: card("language:\n- en\n- yue\n- code\n- multilingual") },
    { name: "quoted no is Norwegian", files: card('language: "no"') },
    { name: "dataset card", files: { "DATASET_CARD.md": "---\nlanguage: [fr, de]\n---\n" } },
    { name: "a shape problem is left to card/metadata-types", files: card("language: {a: b}") },
  ],
  invalid: [
    {
      name: "region tag",
      files: card("language:\n- en-US\n- zh_CN"),
      output: "---\nlanguage:\n- en\n- zh\n---\n# Model\n",
      findings: [
        { line: 3, message: "`en-US` carries a region or script; the Hub's language field takes only the language code.", hint: "Write `en` here, and keep `en-US` under `language_bcp47` if the variant matters." },
        { line: 4, message: "`zh_CN` carries a region or script; the Hub's language field takes only the language code.", hint: "Write `zh` here, and keep `zh-CN` under `language_bcp47` if the variant matters." },
      ],
    },
    { name: "upper case", files: card("language: EN"), output: "---\nlanguage: en\n---\n# Model\n",
      findings: [{ line: 2, message: "`EN` is not a language code the Hub knows: codes are lower case.", hint: "Write `en`." }] },
    { name: "a language name", files: card("language: English"), output: "---\nlanguage: en\n---\n# Model\n",
      findings: [{ line: 2, message: "`English` is a language name; the Hub expects its ISO 639 code.", hint: "Write `en`." }] },
    { name: "bibliographic code", files: card("language: [fre]"), output: "---\nlanguage: [fr]\n---\n# Model\n",
      findings: [{ line: 2, message: "`fre` is an old or bibliographic code that the Hub does not accept.", hint: "Write `fr`." }] },
    { name: "a programming language", files: card("language: python"), output: "---\nlanguage: code\n---\n# Model\n",
      findings: [{ line: 2, message: "`python` is a programming language, not a human language.", hint: "Use `code` for programming languages, and add `python` to `tags`." }] },
    { name: "an ad-hoc value", files: card("language:\n- noinfo"), findings: [{ line: 3, message: "`noinfo` is not an ISO 639-1 or ISO 639-3 code." }] },
    { name: "empty", files: card("license: mit\nlanguage:"), findings: [{ line: 3, title: "Language has no value", message: "`language` is present but empty, so the Hub drops it." }] },
  ],
});

describe("card/language-valid fixes", () => {
  it("replaces the value on its line", async () => {
    const findings = await runRule(rule, { name: "fix", files: card("language:\n- en-US\n- English") });
    expect(findings.map((f) => f.fix)).toEqual([
      { line: 3, endLine: 3, replacement: "- en" },
      { line: 4, endLine: 4, replacement: "- en" },
    ]);
  });
});
