import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../core/config.js";
import { review, type ReviewPacing } from "../../../core/engine.js";
import { defineRule } from "../../../core/rule.js";
import { plain, prose } from "../../../core/text.js";
import { corpusCard, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

describe("cardinal/review-time-limit as reported by the engine", () => {
  const files = Array.from({ length: 5 }, (_, i) => ({ path: `m${i}/README.md`, status: "added" as const, content: { type: "text" as const, text: "---\nlicense: mit\n---\n# x\n" } }));
  const workspace = { source: "pull-request" as const, files };
  /** Reports one finding per card, checkpointing between cards. */
  const perCard = defineRule({
    meta: { id: "test/per-card", title: "t", description: "d", why: "w", defaultSeverity: "notice" },
    async check(context) {
      for (const card of context.cards) {
        await context.checkpoint();
        context.report({ path: card.path, message: prose("seen") });
      }
    },
  });
  const later = defineRule({
    meta: { id: "test/later", title: "t", description: "d", why: "w", defaultSeverity: "notice" },
    check(context) {
      context.report({ path: "m0/README.md", message: prose("later") });
    },
  });
  /** A budget that runs out after `calls` questions. */
  const after = (calls: number): ReviewPacing & { asked: number } => {
    const pacing = { asked: 0, exhausted: () => ++pacing.asked > calls };
    return pacing;
  };

  it("a budget that is out from the start: no check runs, one warning says so", async () => {
    const result = await review({ workspace, config: defaultConfig(), rules: [perCard, later, rule], pacing: { exhausted: () => true, limitSeconds: 30 } });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ ruleId: "cardinal/review-time-limit", severity: "warning", path: "" });
    const message = plain(result.findings[0]?.message ?? []);
    expect(message).toContain("stopped this review after 30 seconds, while it was still reading the cards");
    expect(message).toContain("2 checks did not finish: `test/per-card`, `test/later`");
    expect(result.rulesRun).toBe(0);
    expect(result.files).toHaveLength(5); // the files' facts are still complete
  });

  it("a budget that runs out inside a rule: its findings so far stand, the rest are named", async () => {
    // 5 cards read, then 1 check before the rule, then 2 cards: exhausted at the 9th question.
    const result = await review({ workspace, config: defaultConfig(), rules: [perCard, later, rule], pacing: after(8) });
    expect(result.findings.filter((f) => f.ruleId === "test/per-card")).toHaveLength(2);
    expect(result.findings.some((f) => f.ruleId === "test/later")).toBe(false);
    const limit = result.findings.find((f) => f.ruleId === "cardinal/review-time-limit");
    expect(plain(limit?.message ?? [])).toContain("2 checks did not finish: `test/per-card`, `test/later`");
  });

  it("yields to the event loop when the door says it is time, and not otherwise", async () => {
    let yields = 0;
    const pacing: ReviewPacing = { exhausted: () => false, shouldYield: () => true, yieldToEventLoop: () => new Promise((r) => setImmediate(() => (yields++, r()))) };
    const result = await review({ workspace, config: defaultConfig(), rules: [perCard, later], pacing });
    expect(result.findings).toHaveLength(6);
    expect(yields).toBeGreaterThanOrEqual(5 + 2 + 5); // cards read, before each rule, between cards
    yields = 0;
    await review({ workspace, config: defaultConfig(), rules: [perCard, later], pacing: { ...pacing, shouldYield: () => false } });
    expect(yields).toBe(0);
  });

  it("reports nothing by itself, and can be switched off", async () => {
    expect(await runRule(rule, { name: "clean", files: { "README.md": "---\nlicense: mit\n---\n" } })).toEqual([]);
    expect(await runRule(rule, { name: "real card", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } })).toEqual([]);
    const config = { ...defaultConfig(), rules: { "cardinal/review-time-limit": "off" as const } };
    const result = await review({ workspace, config, rules: [perCard], pacing: { exhausted: () => true } });
    expect(result.findings).toEqual([]);
  });
});
