import { describe, expect, it } from "vitest";
import { ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "transformers", files: card("library_name: transformers") },
    { name: "peft and others", files: card("library_name: sentence-transformers") },
    { name: "an unknown name far from any library is not reported (the list grows)", files: card("library_name: my-inhouse-runtime") },
    { name: "dataset cards are not checked", files: { "DATASET_CARD.md": "---\nlibrary_name: pytorch\n---\n" } },
  ],
  invalid: [
    { name: "wrong case", files: card("library_name: Transformers"), findings: [{ line: 3, message: "Did you mean `transformers`?" }] },
    { name: "a typo", files: card("library_name: diffuser"), findings: [{ line: 3, message: "Did you mean `diffusers`?" }] },
    { name: "underscore for dash", files: card("library_name: sentence_transformers"), findings: [{ line: 3, message: "Did you mean `sentence-transformers`?" }] },
    {
      name: "a framework in its place",
      files: card("library_name: pytorch"),
      findings: [{ line: 3, message: "`pytorch` is a framework or file format", hint: "list `pytorch` under `tags`" }],
    },
  ],
});

describe("card/library-name-known fix", () => {
  it("replaces the value", async () => {
    const [f] = await runRule(rule, { name: "fix", files: card("library_name: Transformers") });
    expect(f?.fix).toEqual({ line: 3, endLine: 3, replacement: "library_name: transformers" });
  });
});
