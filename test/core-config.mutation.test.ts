/**
 * src/core/config.ts, setting by setting: what each section accepts, the
 * words of each problem (what the setting must be, and what it is instead),
 * the bounds on how many problems are listed, and the helpers the app reads
 * the configuration through (ruleSetting, dashboardSettings,
 * coversRepository). Written from the mutants config's own tests let live.
 */
import { describe, expect, it } from "vitest";
import {
  CONFIG_FILE,
  CONFIG_PATH,
  coversRepository,
  dashboardSettings,
  DEFAULT_DASHBOARD_TITLE,
  defaultConfig,
  MAX_LISTED_PROBLEMS,
  resolveConfig,
  ruleSetting,
  type ConfigProblem,
} from "../src/core/config.js";
import { plain } from "../src/core/text.js";
import { RULE_IDS } from "../src/rules/index.js";

function words(problem: ConfigProblem): string {
  return typeof problem.message === "string" ? problem.message : plain(problem.message);
}

/** Each problem as `key: words (effect)`. */
function described(raw: unknown): string[] {
  return resolveConfig(raw, RULE_IDS).problems.map((p) => `${p.key}: ${words(p)} (${p.effect ?? "setting"})`);
}

const DEFAULTS = {
  rules: {},
  include: [],
  exclude: [],
  cards: { model: [], dataset: [] },
  review: { drafts: false, bots: false, ignore_authors: [], skip_labels: ["cardinal: skip"] },
  required_sections: {},
  comment: "findings",
  hub: true,
  openness: true,
  suggestions: true,
  license_file: "optional",
  welcome: true,
  max_file_size: 2 * 1024 * 1024,
  sweep: true,
  repositories: [],
  dashboard: false,
};

describe("the defaults", () => {
  it("no file, or an empty one, is every default and no problem", () => {
    expect(CONFIG_FILE).toBe("cardinal.yml");
    expect(CONFIG_PATH).toBe(".github/cardinal.yml");
    expect(defaultConfig()).toEqual(DEFAULTS);
    expect(resolveConfig(undefined, RULE_IDS)).toEqual({ config: DEFAULTS, problems: [] });
    expect(resolveConfig(null, RULE_IDS)).toEqual({ config: DEFAULTS, problems: [] });
    expect(resolveConfig({}, RULE_IDS)).toEqual({ config: DEFAULTS, problems: [] });
  });

  it("every setting given a good value is kept as given", () => {
    const raw = {
      _extends: "acme/.github",
      rules: { "card/known-keys": "warning" },
      include: ["models/**"],
      exclude: ["legacy/**"],
      cards: { model: ["docs/*.md"], dataset: ["data/*.md"] },
      review: { drafts: true, bots: true, ignore_authors: ["dependabot"], skip_labels: ["wip"], skip_title: "^WIP" },
      required_sections: { model: ["Usage"], dataset: ["Sources"] },
      comment: "always",
      hub: false,
      openness: false,
      suggestions: false,
      license_file: "required",
      welcome: "Hi {author}",
      first_time_label: "first-timer",
      max_file_size: 100 * 1024 * 1024,
      sweep: false,
      repositories: ["models-*"],
      dashboard: { enabled: true, title: "Health", labels: ["health"] },
    };
    expect(resolveConfig(raw, RULE_IDS)).toEqual({ config: raw, problems: [] });
    expect(resolveConfig({ max_file_size: 1, welcome: "x".repeat(3000), first_time_label: "x".repeat(50) }, RULE_IDS).problems).toEqual([]);
  });

  it("an empty collection is no entries; an empty scalar is a mistake", () => {
    const { config, problems } = resolveConfig(
      { rules: null, include: null, exclude: null, cards: null, review: null, required_sections: null, repositories: null },
      RULE_IDS,
    );
    expect(config).toEqual(DEFAULTS);
    expect(problems).toEqual([]);
    expect(described({ comment: null, hub: null })).toEqual([
      "comment: `comment` must be findings, always or never, not an empty value (setting)",
      "hub: `hub` must be true or false, not an empty value (setting)",
    ]);
    expect(resolveConfig({ dashboard: null }, RULE_IDS).config.dashboard).toBe(false);
    expect(described({ dashboard: null })).toEqual([
      "dashboard: `dashboard` must be true, false, or a mapping with `enabled`, `title` and `labels`, not an empty value (setting)",
    ]);
  });
});

describe("the file as a whole", () => {
  it("a list, a text or a number is not a mapping: none of it applies, and the problem says what it is", () => {
    for (const [raw, what] of [
      [["rules"], "a list"],
      ["rules", "`rules`"],
      [5, "`5`"],
      ["", "an empty text"],
    ] as const) {
      const { config, problems } = resolveConfig(raw, RULE_IDS);
      expect(config).toEqual(DEFAULTS);
      expect(problems).toEqual([
        { key: "(top level)", path: [], message: expect.anything(), effect: "file" },
      ]);
      expect(words(problems[0]!)).toBe(`The configuration must be a mapping of settings (such as \`rules:\` or \`exclude:\`), not ${what}`);
    }
  });

  it("unknown keys: each named with its path, with the closest known key when there is one", () => {
    const { problems } = resolveConfig({ rulez: {}, exclud: [], zzzzzz: 1, hub: true }, RULE_IDS);
    expect(problems.map((p) => [p.key, p.path, words(p), p.effect])).toEqual([
      ["rulez", ["rulez"], '`rulez`: unknown key; did you mean "rules"?', undefined],
      ["exclud", ["exclud"], '`exclud`: unknown key; did you mean "exclude"?', undefined],
      ["zzzzzz", ["zzzzzz"], "`zzzzzz`: unknown key", undefined],
    ]);
  });

  it("a key an object has from its prototype is no setting", () => {
    expect(described({ toString: 1, constructor: 2 })).toEqual(["toString: `toString`: unknown key (setting)", "constructor: `constructor`: unknown key (setting)"]);
  });

  it("past 20 unknown keys, the rest are counted in one problem", () => {
    expect(MAX_LISTED_PROBLEMS).toBe(20);
    const raw = Object.fromEntries(Array.from({ length: 23 }, (_, i) => [`made_up_${i}`, 1]));
    const { problems } = resolveConfig(raw, RULE_IDS);
    expect(problems).toHaveLength(21);
    expect(problems.slice(0, 20).map((p) => p.key)).toEqual(Array.from({ length: 20 }, (_, i) => `made_up_${i}`));
    expect(problems[20]).toMatchObject({ key: "(top level)", path: [] });
    expect(words(problems[20]!)).toBe("and 3 more unknown keys (only the first 20 are listed)");

    const exactly = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`made_up_${i}`, 1]));
    expect(resolveConfig(exactly, RULE_IDS).problems).toHaveLength(20);
  });
});

describe("what each value is instead", () => {
  it("a mapping, a list, an empty text, a long text cut at 37 characters", () => {
    expect(described({ hub: {} })).toEqual(["hub: `hub` must be true or false, not a mapping (setting)"]);
    expect(described({ hub: [] })).toEqual(["hub: `hub` must be true or false, not a list (setting)"]);
    expect(described({ hub: "" })).toEqual(["hub: `hub` must be true or false, not an empty text (setting)"]);
    expect(described({ hub: "a".repeat(40) })).toEqual([`hub: \`hub\` must be true or false, not \`${"a".repeat(40)}\` (setting)`]);
    expect(described({ hub: "a".repeat(41) })).toEqual([`hub: \`hub\` must be true or false, not \`${"a".repeat(37)}...\` (setting)`]);
    expect(described({ hub: 0 })).toEqual(["hub: `hub` must be true or false, not `0` (setting)"]);
  });
});

describe("each setting's words", () => {
  it.each([
    [{ _extends: 3 }, "_extends: `_extends` must be the name of a repository to extend (`.github`, or `owner/repo`), not `3` (setting)"],
    [{ rules: [] }, "rules: `rules` must be a mapping of rule ids to levels (off, notice, warning, error), not a list (setting)"],
    [{ include: "models/**" }, "include: `include` must be a list of path patterns (globs such as `models/**`), not `models/**` (setting)"],
    [{ include: [""] }, "include.0: `include.0` must be a path pattern (a glob such as `models/**`), not an empty text (entry)"],
    [{ exclude: "x" }, "exclude: `exclude` must be a list of path patterns (globs such as `legacy/**`), not `x` (setting)"],
    [{ exclude: [""] }, "exclude.0: `exclude.0` must be a path pattern (a glob such as `legacy/**`), not an empty text (entry)"],
    [{ cards: [] }, "cards: `cards` must be a mapping with `model` and `dataset`, each a list of path patterns, not a list (setting)"],
    [{ cards: { model: "x" } }, "cards.model: `cards.model` must be a list of path patterns (globs such as `docs/*.md`), not `x` (setting)"],
    [{ cards: { model: [""] } }, "cards.model.0: `cards.model.0` must be a path pattern (a glob such as `docs/*.md`), not an empty text (entry)"],
    [{ cards: { dataset: "x" } }, "cards.dataset: `cards.dataset` must be a list of path patterns (globs such as `data/*.md`), not `x` (setting)"],
    [{ cards: { dataset: [""] } }, "cards.dataset.0: `cards.dataset.0` must be a path pattern (a glob such as `data/*.md`), not an empty text (entry)"],
    [{ review: [] }, "review: `review` must be a mapping of review settings (drafts, bots, ignore_authors, skip_labels, skip_title), not a list (setting)"],
    [{ review: { drafts: "no" } }, "review.drafts: `review.drafts` must be true or false, not `no` (setting)"],
    [{ review: { ignore_authors: "bot" } }, "review.ignore_authors: `review.ignore_authors` must be a list of GitHub logins, not `bot` (setting)"],
    [{ review: { ignore_authors: [""] } }, "review.ignore_authors.0: `review.ignore_authors.0` must be a GitHub login, not an empty text (entry)"],
    [{ review: { skip_labels: "wip" } }, "review.skip_labels: `review.skip_labels` must be a list of label names, not `wip` (setting)"],
    [{ review: { skip_labels: ["x".repeat(51)] } }, `review.skip_labels.0: \`review.skip_labels.0\` must be a label name of 1 to 50 characters, not \`${"x".repeat(37)}...\` (entry)`],
    [{ review: { skip_title: "" } }, "review.skip_title: `review.skip_title` must be a regular expression of at most 200 characters, not an empty text (setting)"],
    [{ review: { skip_title: "x".repeat(201) } }, `review.skip_title: \`review.skip_title\` must be a regular expression of at most 200 characters, not \`${"x".repeat(37)}...\` (setting)`],
    [{ required_sections: "Usage" }, "required_sections: `required_sections` must be a mapping with `model` and `dataset`, each a list of section headings, not `Usage` (setting)"],
    [{ required_sections: { model: "Usage" } }, "required_sections.model: `required_sections.model` must be a list of section headings, not `Usage` (setting)"],
    [{ required_sections: { model: [""] } }, "required_sections.model.0: `required_sections.model.0` must be a section heading, not an empty text (entry)"],
    [{ required_sections: { dataset: [""] } }, "required_sections.dataset.0: `required_sections.dataset.0` must be a section heading, not an empty text (entry)"],
    [{ comment: "sometimes" }, "comment: `comment` must be findings, always or never, not `sometimes` (setting)"],
    [{ openness: "yes" }, "openness: `openness` must be true or false, not `yes` (setting)"],
    [{ suggestions: "yes" }, "suggestions: `suggestions` must be true or false, not `yes` (setting)"],
    [{ license_file: "must" }, "license_file: `license_file` must be optional or required, not `must` (setting)"],
    [{ welcome: "" }, "welcome: `welcome` must be true, false, or your own welcome text (at most 3000 characters), not an empty text (setting)"],
    [{ welcome: 5 }, "welcome: `welcome` must be true, false, or your own welcome text (at most 3000 characters), not `5` (setting)"],
    [{ welcome: "x".repeat(3001) }, `welcome: \`welcome\` must be true, false, or your own welcome text (at most 3000 characters), not \`${"x".repeat(37)}...\` (setting)`],
    [{ first_time_label: "" }, "first_time_label: `first_time_label` must be a label name of 1 to 50 characters, not an empty text (setting)"],
    [{ first_time_label: "x".repeat(51) }, `first_time_label: \`first_time_label\` must be a label name of 1 to 50 characters, not \`${"x".repeat(37)}...\` (setting)`],
    [{ max_file_size: 0 }, "max_file_size: `max_file_size` must be a whole number of bytes from 1 to 104857600 (100 MB), not `0` (setting)"],
    [{ max_file_size: 1.5 }, "max_file_size: `max_file_size` must be a whole number of bytes from 1 to 104857600 (100 MB), not `1.5` (setting)"],
    [{ max_file_size: 104857601 }, "max_file_size: `max_file_size` must be a whole number of bytes from 1 to 104857600 (100 MB), not `104857601` (setting)"],
    [{ sweep: "no" }, "sweep: `sweep` must be true or false, not `no` (setting)"],
    [{ repositories: "models-*" }, "repositories: `repositories` must be a list of repository name patterns (globs such as `models-*`, `!` to leave one out), not `models-*` (setting)"],
    [{ repositories: [""] }, "repositories.0: `repositories.0` must be a repository name pattern of 1 to 100 characters (a glob such as `models-*`), not an empty text (entry)"],
    [{ dashboard: { enabled: "yes" } }, "dashboard.enabled: `dashboard.enabled` must be true or false, not `yes` (setting)"],
    [{ dashboard: { title: "x".repeat(201) } }, `dashboard.title: \`dashboard.title\` must be an issue title of 1 to 200 characters, not \`${"x".repeat(37)}...\` (setting)`],
    [{ dashboard: { labels: "health" } }, "dashboard.labels: `dashboard.labels` must be a list of at most 10 label names, not `health` (setting)"],
    [{ dashboard: { labels: Array.from({ length: 11 }, (_, i) => `l${i}`) } }, "dashboard.labels: `dashboard.labels` must be a list of at most 10 label names, not a list (setting)"],
    [{ dashboard: { labels: ["x".repeat(51)] } }, `dashboard.labels.0: \`dashboard.labels.0\` must be a label name of 1 to 50 characters, not \`${"x".repeat(37)}...\` (entry)`],
  ])("%j", (raw, expected) => {
    expect(described(raw)).toEqual([expected]);
  });

  it("a setting that falls back takes its default; a bad entry leaves its list", () => {
    const { config } = resolveConfig(
      { max_file_size: 0, welcome: "", comment: "x", dashboard: { labels: Array.from({ length: 11 }, (_, i) => `l${i}`) }, first_time_label: "", include: ["a", "", "b"] },
      RULE_IDS,
    );
    expect(config.max_file_size).toBe(2 * 1024 * 1024);
    expect(config.welcome).toBe(true);
    expect(config.comment).toBe("findings");
    expect(config.dashboard).toEqual({ enabled: true });
    expect(config.first_time_label).toBeUndefined();
    expect(config.include).toEqual(["a", "b"]);
  });

  it("a refinement's own words: an invalid regular expression", () => {
    expect(described({ review: { skip_title: "(" } })).toEqual(["review.skip_title: `review.skip_title` is not a valid regular expression (setting)"]);
    expect(resolveConfig({ review: { skip_title: "x".repeat(200) } }, RULE_IDS).config.review.skip_title).toBe("x".repeat(200));
  });
});

describe("unknown keys inside a section", () => {
  it("one: named, with the closest key of that section, or without a guess", () => {
    expect(described({ cards: { modell: [] } })).toEqual(['cards.modell: `cards.modell`: unknown key; did you mean "model"? (setting)']);
    expect(described({ required_sections: { datset: [] } })).toEqual(['required_sections.datset: `required_sections.datset`: unknown key; did you mean "dataset"? (setting)']);
    expect(described({ review: { zzzzzz: 1 } })).toEqual(["review.zzzzzz: `review.zzzzzz`: unknown key (setting)"]);
  });

  it("several: one problem at the first, naming them all; the known keys still apply", () => {
    const { config, problems } = resolveConfig({ review: { drafts: true, draft: 1, bot: 2, skipp: 3 } }, RULE_IDS);
    expect(config.review.drafts).toBe(true);
    expect(problems.map((p) => [p.key, p.path, words(p)])).toEqual([["review.draft", ["review", "draft"], "`review`: unknown keys `draft`, `bot`, `skipp`"]]);
  });

  it("exactly 20 of them are all named, with nothing counted", () => {
    const review = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 1]));
    expect(words(resolveConfig({ review }, RULE_IDS).problems[0]!)).toBe(`\`review\`: unknown keys ${Array.from({ length: 20 }, (_, i) => `\`k${i}\``).join(", ")}`);
  });

  it("past 20 of them, the rest are counted", () => {
    const review = Object.fromEntries(Array.from({ length: 22 }, (_, i) => [`k${i}`, 1]));
    const { problems } = resolveConfig({ review }, RULE_IDS);
    expect(problems).toHaveLength(1);
    expect(words(problems[0]!)).toBe(`\`review\`: unknown keys ${Array.from({ length: 20 }, (_, i) => `\`k${i}\``).join(", ")} and 2 more`);
  });
});

describe("the bound on problems per section", () => {
  it("past 20 bad entries in one section, the rest are counted in one problem named by the section", () => {
    const { config, problems } = resolveConfig({ include: ["ok", ...Array.from({ length: 23 }, () => "")] }, RULE_IDS);
    expect(config.include).toEqual(["ok"]);
    expect(problems).toHaveLength(21);
    expect(problems[19]?.key).toBe("include.20");
    expect(problems[20]).toMatchObject({ key: "include", path: ["include"] });
    expect(words(problems[20]!)).toBe("`include`: and 3 more problems (only the first 20 are listed)");
    expect(resolveConfig({ include: Array.from({ length: 20 }, () => "") }, RULE_IDS).problems).toHaveLength(20);
  });
});

describe("rule ids", () => {
  it("an unknown id: named, with the closest id when there is one; a known id keeps its level", () => {
    const { config, problems } = resolveConfig({ rules: { "card/known-key": "off", "zzz/qqq-xxx": "error", "card/known-keys": "notice" } }, RULE_IDS);
    expect(config.rules).toEqual({ "card/known-keys": "notice" });
    expect(problems.map((p) => [p.key, p.path, words(p), p.effect])).toEqual([
      ["rules.card/known-key", ["rules", "card/known-key"], '`rules.card/known-key`: there is no rule with this id; did you mean "card/known-keys"?', undefined],
      ["rules.zzz/qqq-xxx", ["rules", "zzz/qqq-xxx"], "`rules.zzz/qqq-xxx`: there is no rule with this id", undefined],
    ]);
  });

  it("past 20 unknown ids, the rest are counted", () => {
    const rules = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`made/up-${i}`, "off"]));
    const { config, problems } = resolveConfig({ rules }, RULE_IDS);
    expect(config.rules).toEqual({});
    expect(problems).toHaveLength(21);
    expect(problems[19]?.key).toBe("rules.made/up-19");
    expect(problems[20]).toMatchObject({ key: "rules", path: ["rules"] });
    expect(words(problems[20]!)).toBe("`rules`: and 5 more unknown rule ids (only the first 20 are listed)");
    const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`made/up-${i}`, "off"]));
    expect(resolveConfig({ rules: twenty }, RULE_IDS).problems).toHaveLength(20);
  });

  it("ruleSetting: the configured level, else the rule's default", () => {
    const { config } = resolveConfig({ rules: { "card/known-keys": "off" } }, RULE_IDS);
    expect(ruleSetting(config, "card/known-keys", "error")).toBe("off");
    expect(ruleSetting(config, "license/known-id", "warning")).toBe("warning");
  });
});

describe("dashboardSettings", () => {
  it("true or false: that, with the default title and no labels", () => {
    expect(DEFAULT_DASHBOARD_TITLE).toBe("Cardinal: release health");
    expect(dashboardSettings({ dashboard: false })).toEqual({ enabled: false, title: "Cardinal: release health", labels: [] });
    expect(dashboardSettings({ dashboard: true })).toEqual({ enabled: true, title: "Cardinal: release health", labels: [] });
  });

  it("a mapping: its own, with the defaults for what it leaves out", () => {
    expect(dashboardSettings({ dashboard: { enabled: false } })).toEqual({ enabled: false, title: "Cardinal: release health", labels: [] });
    expect(dashboardSettings({ dashboard: { enabled: true, title: "Health", labels: ["a"] } })).toEqual({ enabled: true, title: "Health", labels: ["a"] });
  });
});

describe("coversRepository", () => {
  const covers = (repositories: string[], name: string) => coversRepository({ repositories }, name);

  it("no patterns: every repository", () => {
    expect(covers([], "anything")).toBe(true);
  });

  it("positive patterns: only what they match, without case", () => {
    expect(covers(["models-*"], "Models-Llama")).toBe(true);
    expect(covers(["MODELS-*"], "models-llama")).toBe(true);
    expect(covers(["models-*"], "datasets-x")).toBe(false);
    expect(covers(["models-*", "data"], "data")).toBe(true);
    expect(covers(["*"], ".github")).toBe(true);
  });

  it("a pattern with ! leaves out what it matches, even when a positive one matches; only such patterns cover the rest", () => {
    expect(covers(["models-*", "!models-old"], "models-old")).toBe(false);
    expect(covers(["models-*", "!models-old"], "models-new")).toBe(true);
    expect(covers(["!models-old"], "anything")).toBe(true);
    expect(covers(["!models-old"], "Models-Old")).toBe(false);
    expect(covers(["!a", "!b"], "b")).toBe(false);
    expect(covers(["!old", "x"], "y")).toBe(false);
  });
});
