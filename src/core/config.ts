import picomatch from "picomatch";
import { z } from "zod";
import { closest, suggestRuleId } from "./suggest.js";
import { joinText, text, trusted, type Text } from "./text.js";
import type { Severity } from "./types.js";

/** Where repository configuration lives (on the default branch for the app). */
export const CONFIG_FILE = "cardinal.yml";
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;

export const RULE_SETTINGS = ["off", "error", "warning", "notice"] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

/** Labels that make Cardinal skip a pull request, unless `review.skip_labels` says otherwise. */
export const DEFAULT_SKIP_LABELS = ["cardinal: skip"] as const;
/** `review.skip_title` is a regular expression; longer ones are refused (they are tested on every pull request). */
export const SKIP_TITLE_MAX_LENGTH = 200;
/** The dashboard issue's title when `dashboard.title` does not set one. */
export const DEFAULT_DASHBOARD_TITLE = "Cardinal: release health";
/** GitHub allows 256 characters in an issue title; Cardinal keeps room for nothing else, but refuses longer. */
export const DASHBOARD_TITLE_MAX_LENGTH = 200;
/** The longest `welcome` text accepted (it shares the comment with the findings). */
export const WELCOME_MAX_LENGTH = 3000;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const dashboardMapping = z
  .object({
    enabled: z.boolean().default(true),
    title: z.string().min(1).max(DASHBOARD_TITLE_MAX_LENGTH).optional(),
    labels: z.array(z.string().min(1).max(50)).max(10).optional(),
  })
  .strict();

/**
 * Each top-level key is validated on its own, and within it each entry: a
 * mistake costs only the entry it is in (a setting falls back to its
 * default, an item of a list is left out) and is reported; the rest of the
 * configuration still applies.
 */
const sections = {
  _extends: z.string().optional(),
  rules: z.record(z.string(), z.enum(RULE_SETTINGS)).default({}),
  include: z.array(z.string().min(1)).default([]),
  exclude: z.array(z.string().min(1)).default([]),
  cards: z
    .object({
      model: z.array(z.string().min(1)).default([]),
      dataset: z.array(z.string().min(1)).default([]),
    })
    .strict()
    .default({ model: [], dataset: [] }),
  review: z
    .object({
      drafts: z.boolean().default(false),
      bots: z.boolean().default(false),
      ignore_authors: z.array(z.string().min(1)).default([]),
      skip_labels: z.array(z.string().min(1).max(50)).default([...DEFAULT_SKIP_LABELS]),
      skip_title: z
        .string()
        .min(1)
        .max(SKIP_TITLE_MAX_LENGTH, `must be at most ${SKIP_TITLE_MAX_LENGTH} characters`)
        .refine(compiles, "is not a valid regular expression")
        .optional(),
    })
    .strict()
    .default({ drafts: false, bots: false, ignore_authors: [], skip_labels: [...DEFAULT_SKIP_LABELS] }),
  required_sections: z
    .object({
      model: z.array(z.string().min(1)).optional(),
      dataset: z.array(z.string().min(1)).optional(),
    })
    .strict()
    .default({}),
  comment: z.enum(["findings", "always", "never"]).default("findings"),
  hub: z.boolean().default(true),
  openness: z.boolean().default(true),
  /** Post Cardinal's certain fixes as one-click suggestions in a pull request review. */
  suggestions: z.boolean().default(true),
  license_file: z.enum(["optional", "required"]).default("optional"),
  /** true: Cardinal's welcome for first-time contributors; a string: your own (markdown, {author} and {repo}); false: none. */
  welcome: z.union([z.boolean(), z.string().min(1).max(WELCOME_MAX_LENGTH)]).default(true),
  /** A label added to a first-time contributor's pull request when it is opened. */
  first_time_label: z.string().min(1).max(50).optional(),
  /**
   * Text files over this many bytes are reported, not read. 2 MB holds the largest real cards (a few
   * hundred KB with their evaluation tables) and keeps the slowest review of one file under a second.
   */
  max_file_size: z
    .number()
    .int()
    .positive()
    .max(100 * 1024 * 1024)
    .default(2 * 1024 * 1024),
  /** Review every repository's default branch when the app is installed (the install sweep); false: only pushes and pull requests. */
  sweep: z.boolean().default(true),
  /** Repository names (globs, `!` to leave out) whose default branch is reviewed on install and push; empty: every repository. */
  repositories: z.array(z.string().min(1).max(100)).default([]),
  /** The release health dashboard: one issue per repository. true, false, or a mapping with its title and labels. */
  dashboard: z.union([z.boolean(), dashboardMapping]).default(false),
} as const;

/**
 * The schema a section's value is checked against key by key, when it is
 * not the section's own: `dashboard:` written as a mapping is checked as the
 * mapping, so that a bad title is a problem of `dashboard.title` (and only
 * the title falls back) rather than of the whole union.
 */
function entrySchema(key: keyof Sections, value: unknown): z.ZodType {
  if (key === "dashboard" && isMapping(value)) return dashboardMapping;
  return sections[key];
}

type Sections = typeof sections;

/** The whole configuration as one schema (for the JSON Schema file and the generated reference). */
export const configSchema = z.object(sections).strict();
export type Config = { [K in keyof Sections]: z.output<Sections[K]> };

export interface ConfigProblem {
  /** Dotted path of the offending key, e.g. `review.drafts`. */
  readonly key: string;
  /** The same path as segments, to find the key's line in the file. */
  readonly path: readonly (string | number)[];
  /**
   * What is wrong, as a whole sentence that names the key where there is
   * one ("`review.drafts` must be true or false, not `yes`"). Text keeps
   * the file's own keys and values apart as code; a plain string is words
   * from elsewhere (a YAML parser's or the config loader's error, which may
   * quote the file) and is shown escaped.
   */
  readonly message: Text | string;
  /** The 1-based line in the configuration file, when the file's text is at hand. */
  readonly line?: number;
  /**
   * What Cardinal did about it: used this setting's default (the usual), left
   * this item of a list out (`entry`), applied none of the file (it could not
   * be read, or is not valid YAML), or nothing (a note).
   */
  readonly effect?: "setting" | "entry" | "file" | "note";
}

/**
 * What each setting must be, in the words of docs/configuration.md. Paths
 * use `*` for any list index or rule id. A problem says what the setting
 * must be and what it is instead, never the schema library's words
 * ("must be record, received array").
 */
const EXPECTED: Readonly<Record<string, string>> = {
  _extends: "the name of a repository to extend (`.github`, or `owner/repo`)",
  rules: "a mapping of rule ids to levels (off, notice, warning, error)",
  "rules.*": "off, notice, warning or error",
  include: "a list of path patterns (globs such as `models/**`)",
  "include.*": "a path pattern (a glob such as `models/**`)",
  exclude: "a list of path patterns (globs such as `legacy/**`)",
  "exclude.*": "a path pattern (a glob such as `legacy/**`)",
  cards: "a mapping with `model` and `dataset`, each a list of path patterns",
  "cards.model": "a list of path patterns (globs such as `docs/*.md`)",
  "cards.model.*": "a path pattern (a glob such as `docs/*.md`)",
  "cards.dataset": "a list of path patterns (globs such as `data/*.md`)",
  "cards.dataset.*": "a path pattern (a glob such as `data/*.md`)",
  review: "a mapping of review settings (drafts, bots, ignore_authors, skip_labels, skip_title)",
  "review.drafts": "true or false",
  "review.bots": "true or false",
  "review.ignore_authors": "a list of GitHub logins",
  "review.ignore_authors.*": "a GitHub login",
  "review.skip_labels": "a list of label names",
  "review.skip_labels.*": "a label name of 1 to 50 characters",
  "review.skip_title": `a regular expression of at most ${SKIP_TITLE_MAX_LENGTH} characters`,
  required_sections: "a mapping with `model` and `dataset`, each a list of section headings",
  "required_sections.model": "a list of section headings",
  "required_sections.model.*": "a section heading",
  "required_sections.dataset": "a list of section headings",
  "required_sections.dataset.*": "a section heading",
  comment: "findings, always or never",
  hub: "true or false",
  openness: "true or false",
  suggestions: "true or false",
  license_file: "optional or required",
  welcome: `true, false, or your own welcome text (at most ${WELCOME_MAX_LENGTH} characters)`,
  first_time_label: "a label name of 1 to 50 characters",
  max_file_size: `a whole number of bytes from 1 to ${100 * 1024 * 1024} (100 MB)`,
  sweep: "true or false",
  repositories: "a list of repository name patterns (globs such as `models-*`, `!` to leave one out)",
  "repositories.*": "a repository name pattern of 1 to 100 characters (a glob such as `models-*`)",
  dashboard: "true, false, or a mapping with `enabled`, `title` and `labels`",
  "dashboard.enabled": "true or false",
  "dashboard.title": `an issue title of 1 to ${DASHBOARD_TITLE_MAX_LENGTH} characters`,
  "dashboard.labels": "a list of at most 10 label names",
  "dashboard.labels.*": "a label name of 1 to 50 characters",
};

/** Sections that hold entries: left empty, they take their default. */
const COLLECTIONS: ReadonlySet<string> = new Set(["rules", "include", "exclude", "cards", "review", "required_sections", "repositories"]);

/** The keys each nested section knows, for "did you mean" on a misspelled one. */
const NESTED_KEYS: Readonly<Record<string, readonly string[]>> = {
  cards: ["model", "dataset"],
  review: ["drafts", "bots", "ignore_authors", "skip_labels", "skip_title"],
  required_sections: ["model", "dataset"],
  dashboard: ["enabled", "title", "labels"],
};

/** The EXPECTED entry for a path: list indices and rule ids become `*`. */
function expectedAt(path: readonly (string | number)[]): string | undefined {
  const pattern = path.map((segment, i) => (typeof segment === "number" || (i === 1 && path[0] === "rules") ? "*" : segment)).join(".");
  return EXPECTED[pattern];
}

/** The value at `path` in the raw configuration, if there is one. */
function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let value = raw;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** What a value is, for "…, not <this>": its kind for a collection, the value itself (as code) for a scalar. */
function describeValue(value: unknown): Text {
  if (value === null || value === undefined) return trusted("an empty value");
  if (Array.isArray(value)) return trusted("a list");
  if (typeof value === "object") return trusted("a mapping");
  const shown = String(value);
  if (typeof value === "string" && shown === "") return trusted("an empty text");
  return text`${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown}`;
}

/**
 * Unknown keys, unknown rule ids and invalid values are reported one by one
 * up to this many per place (top level, each section); the rest are counted
 * in one more problem. A configuration with 55,000 made-up rule ids is one
 * mistake, not 55,000 findings, and naming the likely intended id for each
 * would cost tens of seconds.
 */
export const MAX_LISTED_PROBLEMS = 20;

/** The problem that stands for those past MAX_LISTED_PROBLEMS. */
function moreProblems(key: string, path: readonly (string | number)[], count: number, what: string): ConfigProblem {
  const more = trusted(`and ${count} more ${what} (only the first ${MAX_LISTED_PROBLEMS} are listed)`);
  return { key, path, message: key === "(top level)" ? more : text`${key}: ${more}` };
}

/** The configuration a review runs with, as the config rule reports it. */
export interface ConfigSource {
  /** The file, relative to the repository root (or as given to the CLI's --config). */
  readonly path: string;
  readonly problems: readonly ConfigProblem[];
  /**
   * Set when the file is not the reviewed repository's own: the organisation's
   * (`acme/.github:.github/cardinal.yml`). Lines are then named in the message,
   * since an annotation at `path` would point into the wrong file.
   */
  readonly origin?: string;
}

export interface ResolvedConfig {
  readonly config: Config;
  readonly problems: readonly ConfigProblem[];
}

export function defaultConfig(): Config {
  return resolveConfig({}, []).config;
}

/**
 * Validates raw configuration (parsed YAML, or Probot's merged object).
 * Unknown keys and unknown rule ids are problems, with the likely intended
 * name when there is one.
 */
export function resolveConfig(raw: unknown, knownRuleIds: readonly string[]): ResolvedConfig {
  const problems: ConfigProblem[] = [];
  const input: Record<string, unknown> = {};

  if (raw === null || raw === undefined) {
    // No file: all defaults.
  } else if (typeof raw !== "object" || Array.isArray(raw)) {
    problems.push({
      key: "(top level)",
      path: [],
      message: text`The configuration must be a mapping of settings (such as ${trusted("`rules:` or `exclude:`")}), not ${describeValue(raw)}`,
      effect: "file",
    });
  } else {
    Object.assign(input, raw);
  }

  const config: Record<string, unknown> = {};
  for (const key of Object.keys(sections) as (keyof Sections)[]) {
    // An empty collection (`rules:` with every entry commented out) is no entries, not a mistake.
    const value = input[key] === null && COLLECTIONS.has(key) ? undefined : input[key];
    const resolved = resolveSection(key, value);
    config[key] = resolved.data;
    const listed = resolved.issues.slice(0, MAX_LISTED_PROBLEMS);
    for (const { issue, effect } of listed) {
      const path = [key, ...issuePath(issue)];
      if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) path.push(issue.keys[0]);
      problems.push({ key: path.join("."), path, message: describeIssue(issue, path, valueAt(input, path)), ...(effect === "entry" ? { effect } : {}) });
    }
    if (resolved.issues.length > MAX_LISTED_PROBLEMS) {
      problems.push(moreProblems(key, [key], resolved.issues.length - MAX_LISTED_PROBLEMS, "problems"));
    }
  }

  const unknownKeys = Object.keys(input).filter((key) => !Object.hasOwn(sections, key));
  for (const key of unknownKeys.slice(0, MAX_LISTED_PROBLEMS)) {
    const guess = closest(key, Object.keys(sections));
    problems.push({ key, path: [key], message: guess ? text`${key}: unknown key; did you mean ${trusted(`"${guess}"`)}?` : text`${key}: unknown key` });
  }
  if (unknownKeys.length > MAX_LISTED_PROBLEMS) {
    problems.push(moreProblems("(top level)", [], unknownKeys.length - MAX_LISTED_PROBLEMS, "unknown keys"));
  }

  // One pass over the ids: a Set lookup each, a suggestion only for those listed.
  const known = new Set(knownRuleIds);
  const rules: Record<string, RuleSetting> = {};
  let unknownRules = 0;
  for (const [id, setting] of Object.entries(config["rules"] as Record<string, RuleSetting>)) {
    if (known.has(id)) {
      rules[id] = setting;
      continue;
    }
    unknownRules++;
    if (unknownRules > MAX_LISTED_PROBLEMS) continue;
    const guess = suggestRuleId(id, knownRuleIds);
    problems.push({
      key: `rules.${id}`,
      path: ["rules", id],
      message: guess
        ? text`${`rules.${id}`}: there is no rule with this id; did you mean ${trusted(`"${guess}"`)}?`
        : text`${`rules.${id}`}: there is no rule with this id`,
    });
  }
  if (unknownRules > MAX_LISTED_PROBLEMS) {
    problems.push(moreProblems("rules", ["rules"], unknownRules - MAX_LISTED_PROBLEMS, "unknown rule ids"));
  }
  config["rules"] = rules;

  return { config: config as Config, problems };
}

type Segment = string | number;

function issuePath(issue: z.core.$ZodIssue): Segment[] {
  return issue.path.map((p) => (typeof p === "number" ? p : String(p)));
}

/**
 * A copy of `value` without what is at each of `paths`: a key of a mapping,
 * an item of a list. One pass over each container along the paths (the input
 * is the caller's, and 5,000 unknown keys are taken out at once), and keys
 * are defined, never assigned, so `__proto__` stays a key.
 */
function removeAll(value: unknown, paths: readonly (readonly Segment[])[]): unknown {
  const drop = new Set<string>();
  const nested = new Map<string, Segment[][]>();
  for (const [head, ...rest] of paths) {
    if (head === undefined) return undefined;
    const key = String(head);
    if (rest.length === 0) drop.add(key);
    else nested.set(key, [...(nested.get(key) ?? []), rest]);
  }
  const kept = (key: string, item: unknown) => {
    const inner = nested.get(key);
    return inner ? removeAll(item, inner) : item;
  };
  if (Array.isArray(value)) return (value as unknown[]).flatMap((item, i) => (drop.has(String(i)) ? [] : [kept(String(i), item)]));
  if (!isMapping(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (drop.has(key)) continue;
    Object.defineProperty(copy, key, { value: kept(key, item), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

interface SectionIssue {
  readonly issue: z.core.$ZodIssue;
  /** `entry`: the item of a list was left out; otherwise the setting took its default. */
  readonly effect: "setting" | "entry";
}

/**
 * A section's value, with each entry that has a problem taken out (so that
 * it takes its default, or is left out of its list) and the rest kept. A
 * problem with the section as a whole (a list where a mapping belongs) costs
 * the whole section. Taking entries out cannot make new problems in these
 * schemas, but the passes are bounded all the same.
 */
function resolveSection(key: keyof Sections, raw: unknown): { data: unknown; issues: SectionIssue[] } {
  const issues: SectionIssue[] = [];
  let value = raw;
  for (let pass = 0; pass < 3; pass++) {
    const result = entrySchema(key, value).safeParse(value);
    if (result.success) return { data: result.data, issues };
    const removals: Segment[][] = [];
    let whole = false;
    for (const issue of result.error.issues) {
      const path = issuePath(issue);
      const targets = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...path, k]) : [path];
      const effect = path.length > 0 && typeof path[path.length - 1] === "number" && issue.code !== "unrecognized_keys" ? "entry" : "setting";
      issues.push({ issue, effect });
      for (const target of targets) {
        if (target.length === 0) whole = true;
        else removals.push(target);
      }
    }
    if (whole) break;
    value = removeAll(value, removals);
  }
  return { data: sections[key].parse(undefined), issues };
}

function describeIssue(issue: z.core.$ZodIssue, path: readonly (string | number)[], value: unknown): Text | string {
  const key = path.join(".");
  if (issue.code === "unrecognized_keys") {
    // The file's own keys: code, and only the first few of a long list.
    const known = NESTED_KEYS[String(path[0])] ?? [];
    const [first] = issue.keys;
    if (issue.keys.length === 1 && first !== undefined) {
      const guess = closest(first, known);
      return guess ? text`${key}: unknown key; did you mean ${trusted(`"${guess}"`)}?` : text`${key}: unknown key`;
    }
    const shown = issue.keys.slice(0, MAX_LISTED_PROBLEMS).map((k) => text`${k}`);
    const rest = issue.keys.length - shown.length;
    const parent = path.slice(0, -1).join(".");
    return text`${parent}: unknown keys ${joinText(shown, ", ")}${trusted(rest > 0 ? ` and ${rest} more` : "")}`;
  }
  // A refinement's message is Cardinal's own ("is not a valid regular expression").
  if (issue.code === "custom") return text`${key} ${trusted(issue.message)}`;
  const expected = expectedAt(path);
  if (expected !== undefined) return text`${key} must be ${trusted(expected)}, not ${describeValue(value)}`;
  // A path the table does not know (a schema change without its words): zod's, shown escaped.
  return `${key}: ${issue.message.replace(/^Invalid input: /, "").replace(/^expected/, "must be")}`;
}

/** The severity a rule runs at under this configuration, or "off". */
export function ruleSetting(config: Config, ruleId: string, defaultSeverity: Severity): RuleSetting {
  return config.rules[ruleId] ?? defaultSeverity;
}

/** The dashboard as the app uses it, whichever form `dashboard:` took. */
export interface DashboardSettings {
  readonly enabled: boolean;
  readonly title: string;
  readonly labels: readonly string[];
}

export function dashboardSettings(config: Pick<Config, "dashboard">): DashboardSettings {
  const setting = config.dashboard;
  if (typeof setting === "boolean") return { enabled: setting, title: DEFAULT_DASHBOARD_TITLE, labels: [] };
  return { enabled: setting.enabled, title: setting.title ?? DEFAULT_DASHBOARD_TITLE, labels: setting.labels ?? [] };
}

/**
 * Whether `repositories:` covers a repository (its name, without the owner;
 * compared case-insensitively, as GitHub does). Empty covers every one; a
 * pattern starting with `!` leaves out what it matches, and a list of only
 * such patterns covers the rest.
 */
export function coversRepository(config: Pick<Config, "repositories">, name: string): boolean {
  const patterns = config.repositories;
  if (patterns.length === 0) return true;
  const lower = name.toLowerCase();
  const matches = (glob: string) => picomatch.isMatch(lower, glob.toLowerCase(), { dot: true });
  const positive = patterns.filter((p) => !p.startsWith("!"));
  const negative = patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1));
  if (negative.some(matches)) return false;
  return positive.length === 0 || positive.some(matches);
}
