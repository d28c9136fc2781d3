import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../core/config.js";
import { review } from "../../../core/engine.js";
import { defineRule } from "../../../core/rule.js";
import { plain } from "../../../core/text.js";
import { corpusCard, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

describe("cardinal/internal-error as reported by the engine", () => {
  const broken = defineRule({
    meta: { id: "test/broken", title: "t", description: "d", why: "w", defaultSeverity: "error" },
    check() {
      throw new Error("boom");
    },
  });
  const workspace = { source: "folder" as const, files: [{ path: "README.md", status: "unchanged" as const, content: { type: "text" as const, text: "# x\n" } }] };

  it("turns a throwing rule into a notice and keeps going", async () => {
    const result = await review({ workspace, config: defaultConfig(), rules: [broken, rule] });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.ruleId).toBe("cardinal/internal-error");
    expect(result.findings[0]?.severity).toBe("notice");
    expect(plain(result.findings[0]?.message ?? [])).toContain("`test/broken` stopped with an internal error: `boom`");
  });

  it("reports nothing by itself", async () => {
    expect(await runRule(rule, { name: "clean", files: { "README.md": "---\nlicense: mit\n---\n" } })).toEqual([]);
    expect(await runRule(rule, { name: "real card", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } })).toEqual([]);
  });

  it("can be switched off", async () => {
    const config = { ...defaultConfig(), rules: { "cardinal/internal-error": "off" as const } };
    const result = await review({ workspace, config, rules: [broken] });
    expect(result.findings).toEqual([]);
  });
});
