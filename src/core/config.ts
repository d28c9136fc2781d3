import { z } from "zod";
import { closest } from "./suggest.js";
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
  readonly message: string;
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
      for (const issue of result.error.issues) {
        const path = [key, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
        if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) path.push(issue.keys[0]);
        problems.push({ key: path.join("."), path, message: describeIssue(issue) });
      }
      config[key] = schema.parse(undefined);
    }
  }

  for (const key of Object.keys(input)) {
    if (!(key in sections)) {
      const guess = closest(key, Object.keys(sections));
      problems.push({ key, path: [key], message: `unknown key${guess ? `; did you mean "${guess}"?` : ""}` });
    }
  }

  const rules = config["rules"] as Record<string, RuleSetting>;
  for (const id of Object.keys(rules)) {
    if (!knownRuleIds.includes(id)) {
      const guess = closest(id, knownRuleIds);
      problems.push({
        key: `rules.${id}`,
        path: ["rules", id],
        message: `there is no rule with this id${guess ? `; did you mean "${guess}"?` : ""}`,
      });
      delete rules[id];
    }
  }

  return { config: config as Config, problems };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return `unknown ${issue.keys.length === 1 ? "key" : "keys"} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  if (issue.code === "invalid_value") {
    return `must be one of ${issue.values.map((v) => `"${String(v)}"`).join(", ")}`;
  }
  return issue.message.replace(/^Invalid input: /, "").replace(/^expected/, "must be");
}

/** The severity a rule runs at under this configuration, or "off". */
export function ruleSetting(config: Config, ruleId: string, defaultSeverity: Severity): RuleSetting {
  return config.rules[ruleId] ?? defaultSeverity;
}
