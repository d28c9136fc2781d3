import { describe, expect, it } from "vitest";
import { ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
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
      findings: [
        { line: 3, message: "`en-US` carries a region", hint: "Write `en` here, and keep `en-US` under `language_bcp47`" },
        { line: 4, message: "`zh_CN` carries a region", hint: "keep `zh-CN` under `language_bcp47`" },
      ],
    },
    { name: "upper case", files: card("language: EN"), findings: [{ line: 2, message: "codes are lower case", hint: "Write `en`." }] },
    { name: "a language name", files: card("language: English"), findings: [{ line: 2, message: "`English` is a language name", hint: "Write `en`." }] },
    { name: "bibliographic code", files: card("language: [fre]"), findings: [{ line: 2, message: "`fre` is an old or bibliographic code", hint: "Write `fr`." }] },
    { name: "a programming language", files: card("language: python"), findings: [{ line: 2, message: "programming language", hint: "Use `code`" }] },
    { name: "an ad-hoc value", files: card("language:\n- noinfo"), findings: [{ line: 3, message: "`noinfo` is not an ISO 639-1 or ISO 639-3 code." }] },
    { name: "empty", files: card("license: mit\nlanguage:"), findings: [{ line: 3, title: "Language has no value", message: "present but empty" }] },
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
