import { z } from "zod";
import { closest } from "./suggest.js";
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

/**
 * Each top-level key is validated on its own, so a mistake in one key costs
 * only that key (it falls back to its default) and is reported; the rest of
 * the configuration still applies.
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
} as const;

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
   * What is wrong. Text keeps the file's own keys and values apart as code;
   * a plain string is words from elsewhere (a YAML parser's or the config
   * loader's error, which may quote the file) and is shown escaped.
   */
  readonly message: Text | string;
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
  return { key, path, message: trusted(`and ${count} more ${what} (only the first ${MAX_LISTED_PROBLEMS} are listed)`) };
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
    problems.push({ key: "(top level)", path: [], message: "the configuration must be a mapping of keys to values" });
  } else {
    Object.assign(input, raw);
  }

  const config: Record<string, unknown> = {};
  for (const key of Object.keys(sections) as (keyof Sections)[]) {
    const schema: z.ZodType = sections[key];
    const result = schema.safeParse(input[key]);
    if (result.success) {
      config[key] = result.data;
    } else {
      const { issues } = result.error;
      for (const issue of issues.slice(0, MAX_LISTED_PROBLEMS)) {
        const path = [key, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
        if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) path.push(issue.keys[0]);
        problems.push({ key: path.join("."), path, message: describeIssue(issue) });
      }
      if (issues.length > MAX_LISTED_PROBLEMS) problems.push(moreProblems(key, [key], issues.length - MAX_LISTED_PROBLEMS, "problems"));
      config[key] = schema.parse(undefined);
    }
  }

  const unknownKeys = Object.keys(input).filter((key) => !Object.hasOwn(sections, key));
  for (const key of unknownKeys.slice(0, MAX_LISTED_PROBLEMS)) {
    const guess = closest(key, Object.keys(sections));
    problems.push({ key, path: [key], message: guess ? text`unknown key; did you mean ${trusted(`"${guess}"`)}?` : text`unknown key` });
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
    const guess = closest(id, knownRuleIds);
    problems.push({
      key: `rules.${id}`,
      path: ["rules", id],
      message: guess ? text`there is no rule with this id; did you mean ${trusted(`"${guess}"`)}?` : text`there is no rule with this id`,
    });
  }
  if (unknownRules > MAX_LISTED_PROBLEMS) {
    problems.push(moreProblems("rules", ["rules"], unknownRules - MAX_LISTED_PROBLEMS, "unknown rule ids"));
  }
  config["rules"] = rules;

  return { config: config as Config, problems };
}

function describeIssue(issue: z.core.$ZodIssue): Text | string {
  if (issue.code === "unrecognized_keys") {
    // The file's own keys: code, and only the first few of a long list.
    const shown = issue.keys.slice(0, MAX_LISTED_PROBLEMS).map((k) => text`${k}`);
    const rest = issue.keys.length - shown.length;
    return text`unknown ${trusted(issue.keys.length === 1 ? "key" : "keys")} ${joinText(shown, ", ")}${trusted(rest > 0 ? ` and ${rest} more` : "")}`;
  }
  if (issue.code === "invalid_value") {
    // The allowed values come from Cardinal's schema.
    return trusted(`must be one of ${issue.values.map((v) => `"${String(v)}"`).join(", ")}`);
  }
  // zod's own words for a type or size problem ("expected boolean, received string"): a string, so shown escaped.
  return issue.message.replace(/^Invalid input: /, "").replace(/^expected/, "must be");
}

/** The severity a rule runs at under this configuration, or "off". */
export function ruleSetting(config: Config, ruleId: string, defaultSeverity: Severity): RuleSetting {
  return config.rules[ruleId] ?? defaultSeverity;
}
