import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import { intendedKey } from "../../../parse/card-schema.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "Hub keys", files: card("license: mit\ndatasets: [a]\nmodel-index: []\nbase_model: x/y") },
    { name: "keys from popular tools are tolerated", files: card("license: mit\nmodel_creator: Meta\nmodel_type: llama\nquantized_by: someone\nprompt_template: '{prompt}'") },
    { name: "an unknown key with no close match is allowed", files: card("license: mit\nmy_project_id: 42") },
    // The value says what the key is: a mapping of splits is no `datasets` list, a list of mappings no `license`.
    { name: "a `dataset:` mapping is the author's own key, not `datasets`", files: card("license: mit\ndataset:\n  name: squad\n  split: train") },
    { name: "a `licence:` list of mappings is not a license", files: card("license: mit\nlicence:\n- {name: a, url: b}") },
  ],
  invalid: [
    {
      name: "the datasets library's old names are said to be old names, not misspellings (datasets#4607)",
      files: { "README.md": "---\nlanguages:\n- en\nlicenses:\n- unknown\n---\n# CLUTRR\n" },
      findings: [
        {
          line: 2,
          title: "Old metadata key",
          message: "`languages` is the old name of `language` (the datasets library renamed it in 2022); the Hub reads only `language` and ignores `languages`.",
        },
        {
          line: 4,
          title: "Old metadata key",
          message: "`licenses` is the old name of `license` (the datasets library renamed it in 2022); the Hub reads only `license` and ignores `licenses`.",
        },
      ],
      output: "---\nlanguage:\n- en\nlicense:\n- unknown\n---\n# CLUTRR\n",
    },
    {
      name: "an old name beside the new one: merge them",
      files: { "README.md": "---\nlanguage: en\nlanguages:\n- fr\n---\n# x\n" },
      output: null,
      findings: [{ line: 3, title: "Old metadata key", message: "`languages` is the old name of `language`, which this card also has; the Hub reads only `language` and ignores `languages`.", hint: "Merge the values into `language` and remove `languages`." }],
    },
    {
      name: "licence → license, with a fix",
      files: card("licence: mit\ntags: [a]"),
      output: "---\nlicense: mit\ntags: [a]\n---\n# Model\n",
      findings: [{ line: 2, column: 1, title: "Metadata key looks misspelled", message: "The Hub does not know the key `licence`, so it ignores it. Did you mean `license`?", hint: "Rename the key to `license`." }],
    },
    {
      name: "no fix when the key's text appears twice on its line",
      files: card('licence: "licence: mit"'),
      output: null,
      findings: [{ line: 2, message: "The Hub does not know the key `licence`, so it ignores it. Did you mean `license`?" }],
    },
    {
      name: "dataset → datasets",
      files: card("license: mit\ndataset:\n- squad"),
      output: "---\nlicense: mit\ndatasets:\n- squad\n---\n# Model\n",
      findings: [{ line: 3, message: "The Hub does not know the key `dataset`, so it ignores it. Did you mean `datasets`?" }],
    },
    {
      name: "a typo: pipline_tag",
      files: card("pipline_tag: fill-mask"),
      output: "---\npipeline_tag: fill-mask\n---\n# Model\n",
      findings: [{ line: 2, message: "The Hub does not know the key `pipline_tag`, so it ignores it. Did you mean `pipeline_tag`?" }],
    },
    {
      name: "wrong case and dash: Library-Name",
      files: card("Library-Name: transformers"),
      output: "---\nlibrary_name: transformers\n---\n# Model\n",
      findings: [{ line: 2, message: "The Hub does not know the key `Library-Name`, so it ignores it. Did you mean `library_name`?" }],
    },
    {
      name: "the intended key is also present",
      files: card("license: mit\nlicence: apache-2.0"),
      output: null,
      findings: [{ line: 3, column: 1, title: "Metadata key looks misspelled", message: "`licence` looks like a misspelling of `license`, which this card also has; the Hub ignores `licence`.", hint: "Merge the values into `license` and remove `licence`." }],
    },
  ],
});

describe("card/known-keys fixes", () => {
  it("renames the key on its line", async () => {
    const [finding] = await runRule(rule, { name: "fix", files: card("licence: mit") });
    expect(finding?.fix).toEqual({ line: 2, endLine: 2, replacement: "license: mit" });
  });

  it("does not guess between two equally close keys", () => {
    expect(intendedKey("tagz")).toBe("tags");
    expect(intendedKey("abc")).toBeUndefined();
    expect(intendedKey("model_typ")).toBe("model_type");
  });
});
