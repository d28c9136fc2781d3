import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus)", files: { "README.md": corpusCard("facebook-bart-large-mnli") } },
    { name: "text-generation", files: card("pipeline_tag: text-generation") },
    { name: "image-text-to-text", files: card("pipeline_tag: image-text-to-text") },
    { name: "no pipeline tag", files: card("tags: [a]") },
    { name: "a number or a list is card/metadata-types' concern", files: card("pipeline_tag: [magic]") },
    { name: "dataset cards are not checked", files: { "README.md": "---\ntask_categories: [text-classification]\npipeline_tag: magic\n---\n" } },
  ],
  invalid: [
    { name: "conversational (old)", files: card("pipeline_tag: conversational"), output: "---\nlicense: mit\npipeline_tag: text-generation\n---\n# Model\n",
      findings: [{ line: 3, message: "`conversational` is not a Hub task: `conversational` is now a tag on text-generation models, not a pipeline.", hint: "Write `text-generation`." }] },
    { name: "text2text-generation (old)", files: card("pipeline_tag: text2text-generation"), output: "---\nlicense: mit\npipeline_tag: text-generation\n---\n# Model\n",
      findings: [{ line: 3, message: "`text2text-generation` is not a Hub task: text2text-generation is now a kind of text-generation." }] },
    { name: "an old name in another case", files: card("pipeline_tag: NER"), output: "---\nlicense: mit\npipeline_tag: token-classification\n---\n# Model\n",
      findings: [{ line: 3, column: 15, message: "`NER` is not a Hub task: named-entity recognition is a kind of token-classification.", hint: "Write `token-classification`." }] },
    { name: "a Hub task in upper case", files: card("pipeline_tag: Fill-Mask"), output: "---\nlicense: mit\npipeline_tag: fill-mask\n---\n# Model\n",
      findings: [{ line: 3, message: "`Fill-Mask` is not a Hub task. Did you mean `fill-mask`?", hint: "Write `fill-mask`." }] },
    { name: "no fix when the value appears twice on its line", files: card("pipeline_tag: conversational # conversational"), output: null,
      findings: [{ line: 3, message: "`conversational` is not a Hub task: `conversational` is now a tag on text-generation models, not a pipeline." }] },
    { name: "typo", files: card("pipeline_tag: text-clasification"), output: "---\nlicense: mit\npipeline_tag: text-classification\n---\n# Model\n",
      findings: [{ line: 3, message: "`text-clasification` is not a Hub task. Did you mean `text-classification`?" }] },
    { name: "underscores", files: card("pipeline_tag: fill_mask"), output: "---\nlicense: mit\npipeline_tag: fill-mask\n---\n# Model\n",
      findings: [{ line: 3, message: "`fill_mask` is not a Hub task. Did you mean `fill-mask`?" }] },
    { name: "unknown", files: card("pipeline_tag: magic"), findings: [{ line: 3, message: "`magic` is not one of the Hub's tasks.", hint: "Pick the task from the list on the Hub's models page (for example `text-generation`, `fill-mask`, `image-classification`)." }] },
  ],
});

describe("card/pipeline-tag-known fix", () => {
  it("replaces the value when certain", async () => {
    const [f] = await runRule(rule, { name: "fix", files: card("pipeline_tag: conversational") });
    expect(f?.fix).toEqual({ line: 3, endLine: 3, replacement: "pipeline_tag: text-generation" });
    const [g] = await runRule(rule, { name: "no fix", files: card("pipeline_tag: magic") });
    expect(g?.fix).toBeUndefined();
  });
});
