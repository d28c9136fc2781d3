/**
 * Issue 20: a broken entry of the configuration falls back alone. Before,
 * a section was validated as one value, so one mistyped level in `rules:`
 * threw away every override in it, and `review: {bots: "yes"}` reset
 * `drafts` too, while the finding said one setting fell back.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SKIP_LABELS, defaultConfig, resolveConfig, type ConfigProblem } from "../src/core/config.js";
import { plain } from "../src/core/text.js";
import { resolveConfigText } from "../src/parse/config-file.js";
import { RULE_IDS } from "../src/rules/index.js";

function words(problem: ConfigProblem): string {
  return typeof problem.message === "string" ? problem.message : plain(problem.message);
}

/** Each problem as `key: words (effect)`. */
function described(raw: unknown): string[] {
  return resolveConfig(raw, RULE_IDS).problems.map((p) => `${p.key}: ${words(p)} (${p.effect ?? "setting"})`);
}

describe("configuration: a broken entry falls back alone", () => {
  it("rules: the good overrides are kept and only the bad level is named", () => {
    const raw = { rules: { "license/known-id": "off", "card/known-keys": "off", "card/required-sections": "warn" } };
    const { config, problems } = resolveConfig(raw, RULE_IDS);
    expect(config.rules).toEqual({ "license/known-id": "off", "card/known-keys": "off" });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.key).toBe("rules.card/required-sections");
    expect(problems[0]?.path).toEqual(["rules", "card/required-sections"]);
    expect(words(problems[0]!)).toBe("`rules.card/required-sections` must be off, notice, warning or error, not `warn`");
  });

  it("rules: an unknown id and a bad level next to good entries", () => {
    const raw = { rules: { "card/known-keys": "notice", "card/made-up": "off", "license/known-id": 3 } };
    const { config } = resolveConfig(raw, RULE_IDS);
    expect(config.rules).toEqual({ "card/known-keys": "notice" });
    expect(described(raw)).toEqual([
      "rules.license/known-id: `rules.license/known-id` must be off, notice, warning or error, not `3` (setting)",
      "rules.card/made-up: `rules.card/made-up`: there is no rule with this id (setting)",
    ]);
  });

  it("review: drafts is kept, only bots falls back", () => {
    const raw = { review: { drafts: true, bots: "yes" } };
    const { config } = resolveConfig(raw, RULE_IDS);
    expect(config.review).toEqual({ drafts: true, bots: false, ignore_authors: [], skip_labels: [...DEFAULT_SKIP_LABELS] });
    expect(described(raw)).toEqual(["review.bots: `review.bots` must be true or false, not `yes` (setting)"]);
  });

  it("review: an unknown key costs nothing but itself", () => {
    const raw = { review: { drafts: true, draft: true, skip_title: "^WIP" } };
    const { config } = resolveConfig(raw, RULE_IDS);
    expect(config.review.drafts).toBe(true);
    expect(config.review.skip_title).toBe("^WIP");
    expect(described(raw)).toEqual(['review.draft: `review.draft`: unknown key; did you mean "drafts"? (setting)']);
  });

  it("review: a bad regular expression and a bad label fall back, the rest stays", () => {
    const raw = { review: { bots: true, skip_title: "(", skip_labels: ["wip", "", "hold"], ignore_authors: ["dependabot"] } };
    const { config } = resolveConfig(raw, RULE_IDS);
    expect(config.review).toEqual({ drafts: false, bots: true, ignore_authors: ["dependabot"], skip_labels: ["wip", "hold"] });
    expect(described(raw)).toEqual([
      "review.skip_labels.1: `review.skip_labels.1` must be a label name of 1 to 50 characters, not an empty text (entry)",
      "review.skip_title: `review.skip_title` is not a valid regular expression (setting)",
    ]);
  });

  it("paths: a bad pattern is left out of its list, the others apply", () => {
    const raw = { include: ["models/**", ""], exclude: ["legacy/**", 7, "old/**"], cards: { model: ["docs/*.md", ""], dataset: ["data/*.md"] } };
    const { config, problems } = resolveConfig(raw, RULE_IDS);
    expect(config.include).toEqual(["models/**"]);
    expect(config.exclude).toEqual(["legacy/**", "old/**"]);
    expect(config.cards).toEqual({ model: ["docs/*.md"], dataset: ["data/*.md"] });
    expect(problems.map((p) => [p.key, p.effect])).toEqual([
      ["include.1", "entry"],
      ["exclude.1", "entry"],
      ["cards.model.1", "entry"],
    ]);
  });

  it("required_sections: one bad list falls back, the other stays", () => {
    const raw = { required_sections: { model: ["Usage", "Limitations"], dataset: "Usage" } };
    const { config } = resolveConfig(raw, RULE_IDS);
    expect(config.required_sections).toEqual({ model: ["Usage", "Limitations"] });
    expect(described(raw)).toEqual(["required_sections.dataset: `required_sections.dataset` must be a list of section headings, not `Usage` (setting)"]);
  });

  it("repositories: a bad name pattern is left out, the others apply", () => {
    const raw = { repositories: ["models-*", "x".repeat(101), "!models-old"], sweep: false };
    const { config } = resolveConfig(raw, RULE_IDS);
    expect(config.repositories).toEqual(["models-*", "!models-old"]);
    expect(config.sweep).toBe(false);
    expect(described(raw).map((p) => p.split(":")[0])).toEqual(["repositories.1"]);
  });

  it("dashboard: a bad title falls back, enabled and labels stay", () => {
    const raw = { dashboard: { enabled: true, title: "", labels: ["health"] } };
    const { config } = resolveConfig(raw, RULE_IDS);
    expect(config.dashboard).toEqual({ enabled: true, labels: ["health"] });
    expect(described(raw)).toEqual(["dashboard.title: `dashboard.title` must be an issue title of 1 to 200 characters, not an empty text (setting)"]);
  });

  it("dashboard: an unknown key and a bad label next to a good setting", () => {
    const raw = { dashboard: { enabled: false, titl: "Health", labels: ["a", ""] } };
    const { config } = resolveConfig(raw, RULE_IDS);
    expect(config.dashboard).toEqual({ enabled: false, labels: ["a"] });
    expect(described(raw)).toEqual([
      "dashboard.labels.1: `dashboard.labels.1` must be a label name of 1 to 50 characters, not an empty text (entry)",
      'dashboard.titl: `dashboard.titl`: unknown key; did you mean "title"? (setting)',
    ]);
  });

  it("dashboard: neither true, false nor a mapping falls back whole", () => {
    const { config } = resolveConfig({ dashboard: "yes" }, RULE_IDS);
    expect(config.dashboard).toBe(false);
    expect(described({ dashboard: "yes" })).toEqual(["dashboard: `dashboard` must be true, false, or a mapping with `enabled`, `title` and `labels`, not `yes` (setting)"]);
  });

  it("a section of the wrong kind still falls back whole, and the other sections apply", () => {
    const raw = { rules: ["card/known-keys"], review: "yes", comment: "always", hub: false };
    const { config } = resolveConfig(raw, RULE_IDS);
    expect(config.rules).toEqual({});
    expect(config.review).toEqual(defaultConfig().review);
    expect(config.comment).toBe("always");
    expect(config.hub).toBe(false);
  });

  it("in a file: each problem at the line of the key that fell back", () => {
    const source = ["rules:", "  license/known-id: off", "  card/required-sections: warn", "review:", "  drafts: true", "  bots: yes", ""].join("\n");
    const resolved = resolveConfigText(source, RULE_IDS);
    expect(resolved.config.rules).toEqual({ "license/known-id": "off" });
    expect(resolved.config.review.drafts).toBe(true);
    expect(resolved.problems.map((p) => [p.key, p.line])).toEqual([
      ["rules.card/required-sections", 3],
      ["review.bots", 6],
    ]);
  });

  it("many bad entries: the good ones survive and the listing is capped", () => {
    const rules: Record<string, string> = { "card/known-keys": "off" };
    for (let i = 0; i < 60; i++) rules[`card/required-sections${"x".repeat(i)}`] = "loud";
    const { config, problems } = resolveConfig({ rules }, RULE_IDS);
    expect(config.rules).toEqual({ "card/known-keys": "off" });
    expect(problems.length).toBeLessThanOrEqual(21);
    expect(problems.at(-1)?.key).toBe("rules");
  });
});
