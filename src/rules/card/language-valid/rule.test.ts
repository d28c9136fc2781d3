import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import { plain } from "../../../core/text.js";
import rule, { judgeLanguage } from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "real card google-flan-t5-large (test/fixtures/corpus)", files: { "README.md": corpusCard("google-flan-t5-large") } },
    { name: "ISO 639-1", files: card("language: en") },
    { name: "no language key", files: card("license: mit") },
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
    {
      name: "empty",
      files: card("license: mit\nlanguage:"),
      findings: [{ line: 3, column: 1, title: "Language has no value", message: "`language` is present but empty, so the Hub drops it.", hint: "Add the language codes (for example `- en`) or remove the key." }],
    },
    {
      name: "each item at its own line and column",
      files: card("language:\n- en\n-   EN\n- fre"),
      output: "---\nlanguage:\n- en\n-   en\n- fr\n---\n# Model\n",
      findings: [
        { line: 4, column: 5, message: "`EN` is not a language code the Hub knows: codes are lower case." },
        { line: 5, column: 3, message: "`fre` is an old or bibliographic code that the Hub does not accept." },
      ],
    },
    {
      name: "no fix when the value appears twice on its line",
      files: card("language: [en-US, en-US]"),
      output: null,
      findings: [
        { line: 2, column: 12, message: "`en-US` carries a region or script; the Hub's language field takes only the language code." },
        { line: 2, column: 19, message: "`en-US` carries a region or script; the Hub's language field takes only the language code." },
      ],
    },
    {
      name: "an ad-hoc value, with the hint",
      files: card("language: noinfo"),
      findings: [{ line: 2, column: 11, message: "`noinfo` is not an ISO 639-1 or ISO 639-3 code.", hint: "Use a two- or three-letter ISO 639 code (`en`, `fr`, `yue`), `code` for programming languages, or `multilingual`." }],
    },
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

describe("card/language-valid verdicts", () => {
  const verdict = (value: string) => {
    const v = judgeLanguage(value);
    return v && { message: plain(v.message), hint: plain(v.hint), replacement: v.replacement };
  };

  it.each(["en", "yue", "code", "multilingual", "no"])("%s is a Hub language", (value) => {
    expect(judgeLanguage(value)).toBeUndefined();
  });

  it.each(["python", "javascript", "java", "c++", "sql", "lean", "lean4", "rust", "go", "Rust"])("%s is a programming language", (value) => {
    expect(verdict(value)).toEqual({
      message: `\`${value}\` is a programming language, not a human language.`,
      hint: `Use \`code\` for programming languages, and add \`${value}\` to \`tags\`.`,
      replacement: "code",
    });
  });

  it.each([
    ["es-419", "es", "es-419"],
    ["zh-Hant", "zh", "zh-Hant"],
    ["yue_HK", "yue", "yue-HK"],
    ["EN-us", "en", "EN-us"],
  ])("%s carries a region or a script", (value, base, bcp47) => {
    expect(verdict(value)).toEqual({
      message: `\`${value}\` carries a region or script; the Hub's language field takes only the language code.`,
      hint: `Write \`${base}\` here, and keep \`${bcp47}\` under \`language_bcp47\` if the variant matters.`,
      replacement: base,
    });
  });

  it.each(["1en-US", "en-US1", "e-US", "xx-US", "en-USAAA", "en-", "en-U"])("%s is no language with a region", (value) => {
    expect(verdict(value)).toEqual({
      message: `\`${value}\` is not an ISO 639-1 or ISO 639-3 code.`,
      hint: "Use a two- or three-letter ISO 639 code (`en`, `fr`, `yue`), `code` for programming languages, or `multilingual`.",
      replacement: undefined,
    });
  });

  it.each([
    ["iw", "he"],
    ["Iw", "he"],
    ["ger", "de"],
  ])("%s is an old code of %s", (value, code) => {
    expect(verdict(value)).toEqual({ message: `\`${value}\` is an old or bibliographic code that the Hub does not accept.`, hint: `Write \`${code}\`.`, replacement: code });
  });

  it.each([
    ["Deutsch", "de"],
    ["français", "fr"],
    ["JAPANESE", "ja"],
  ])("%s is the name of %s", (value, code) => {
    expect(verdict(value)).toEqual({ message: `\`${value}\` is a language name; the Hub expects its ISO 639 code.`, hint: `Write \`${code}\`.`, replacement: code });
  });

  it("upper case is written in lower case", () => {
    expect(verdict("FR")).toEqual({ message: "`FR` is not a language code the Hub knows: codes are lower case.", hint: "Write `fr`.", replacement: "fr" });
  });
});
