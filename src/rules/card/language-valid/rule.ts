import { language, LANGUAGES_ISO_639_1 } from "@huggingface/languages";
import { defineRule } from "../../../core/rule.js";
import { prose, text, type Text } from "../../../core/text.js";
import { matchesShape } from "../../../parse/card-schema.js";
import { entry, items, lineFix, metadataOf } from "../../../parse/metadata.js";

/** Values the Hub accepts besides ISO 639 codes. */
const SPECIAL = new Set(["code", "multilingual"]);

/** ISO 639-2/B and withdrawn codes seen in cards, with the code the Hub knows. */
const REPLACED: Record<string, string> = {
  fre: "fr", ger: "de", chi: "zh", dut: "nl", cze: "cs", gre: "el", per: "fa", rum: "ro", slo: "sk", wel: "cy",
  arm: "hy", baq: "eu", bur: "my", geo: "ka", ice: "is", mac: "mk", mao: "mi", may: "ms", tib: "bo", alb: "sq",
  iw: "he", in: "id", ji: "yi", jw: "jv", mo: "ro",
};

/** English and native language names (lower case) → ISO 639-1 code. */
const BY_NAME = new Map<string, string>();
for (const [code, info] of Object.entries(LANGUAGES_ISO_639_1)) {
  BY_NAME.set(info.name.toLowerCase(), code);
  for (const native of info.nativeName.toLowerCase().split(/,\s*/)) if (!BY_NAME.has(native)) BY_NAME.set(native, code);
}

export function isHubLanguage(value: string): boolean {
  return SPECIAL.has(value) || language(value) !== null;
}

interface Verdict {
  readonly message: Text;
  readonly hint: Text;
  readonly replacement?: string;
}

export function judgeLanguage(value: string): Verdict | undefined {
  if (isHubLanguage(value)) return undefined;
  const lower = value.toLowerCase();
  if (isHubLanguage(lower)) {
    return { message: text`${value} is not a language code the Hub knows: codes are lower case.`, hint: text`Write ${lower}.`, replacement: lower };
  }
  const region = /^([A-Za-z]{2,3})[-_]([A-Za-z]{2,4}|\d{3})$/.exec(value);
  if (region?.[1] && isHubLanguage(region[1].toLowerCase())) {
    const base = region[1].toLowerCase();
    return {
      message: text`${value} carries a region or script; the Hub's language field takes only the language code.`,
      hint: text`Write ${base} here, and keep ${value.replace("_", "-")} under ${"language_bcp47"} if the variant matters.`,
      replacement: base,
    };
  }
  const replaced = REPLACED[lower];
  if (replaced) {
    return { message: text`${value} is an old or bibliographic code that the Hub does not accept.`, hint: text`Write ${replaced}.`, replacement: replaced };
  }
  const named = BY_NAME.get(lower);
  if (named) {
    return { message: text`${value} is a language name; the Hub expects its ISO 639 code.`, hint: text`Write ${named}.`, replacement: named };
  }
  if (["python", "javascript", "java", "c++", "sql", "lean", "lean4", "rust", "go"].includes(lower)) {
    return { message: text`${value} is a programming language, not a human language.`, hint: text`Use ${"code"} for programming languages, and add ${value} to ${"tags"}.`, replacement: "code" };
  }
  return {
    message: text`${value} is not an ISO 639-1 or ISO 639-3 code.`,
    hint: prose("Use a two- or three-letter ISO 639 code (`en`, `fr`, `yue`), `code` for programming languages, or `multilingual`."),
  };
}

export default defineRule({
  meta: {
    id: "card/language-valid",
    title: "Language is not a code the Hub accepts",
    description: "Every `language` value is an ISO 639-1 or ISO 639-3 code, or `code` / `multilingual`.",
    why:
      "The Hub refuses cards whose `language` values are not ISO 639 codes (region tags such as `en-US`, names such as `English`, ad-hoc values such as `noinfo`), and the language filters on the Hub only find models tagged with real codes.",
    defaultSeverity: "error",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (!metadataOf(card)) continue;
      const e = entry(card, "language");
      if (!e) continue;
      if (e.value === null) {
        report({
          path: card.path,
          line: e.keyLine,
          column: e.keyColumn,
          title: "Language has no value",
          message: text`${"language"} is present but empty, so the Hub drops it.`,
          hint: prose("Add the language codes (for example `- en`) or remove the key."),
        });
        continue;
      }
      if (!matchesShape("strings", e.value)) continue; // card/metadata-types reports the shape
      for (const item of items(card, e)) {
        const value = item.value as string;
        const verdict = judgeLanguage(value);
        if (!verdict) continue;
        const fix = verdict.replacement ? lineFix(card, item.line, value, verdict.replacement) : undefined;
        report({
          path: card.path,
          line: item.line,
          column: item.column,
          message: verdict.message,
          hint: verdict.hint,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});
