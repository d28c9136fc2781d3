import { describe, expect, it } from "vitest";
import { ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "text-generation", files: card("pipeline_tag: text-generation") },
    { name: "image-text-to-text", files: card("pipeline_tag: image-text-to-text") },
    { name: "no pipeline tag", files: card("tags: [a]") },
  ],
  invalid: [
    { name: "conversational (old)", files: card("pipeline_tag: conversational"), findings: [{ line: 3, message: "`conversational` is now a tag", hint: "Write `text-generation`." }] },
    { name: "text2text-generation (old)", files: card("pipeline_tag: text2text-generation"), findings: [{ message: "now a kind of text-generation" }] },
    { name: "typo", files: card("pipeline_tag: text-clasification"), findings: [{ line: 3, message: "Did you mean `text-classification`?" }] },
    { name: "underscores", files: card("pipeline_tag: fill_mask"), findings: [{ message: "Did you mean `fill-mask`?" }] },
    { name: "unknown", files: card("pipeline_tag: magic"), findings: [{ message: "`magic` is not one of the Hub's tasks.", hint: "Pick the task" }] },
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
