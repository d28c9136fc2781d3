import picomatch from "picomatch";
import { recogniseCard, type Card } from "../parse/card.js";
import { asStrings } from "../parse/card-schema.js";
import { classifyPath, type PathKind } from "../parse/classify.js";
import { identifyLicenseText } from "../parse/license-files.js";
import { CONFIDENT } from "../parse/license-text.js";
import { weightFacts } from "../parse/weights.js";
import { CONFIG_PATH, ruleSetting, type Config, type ConfigSource } from "./config.js";
import { docsUrl } from "./docs.js";
import { recordingHub, type HubClient, type HubReference } from "./hub.js";
import type { ByteSource } from "./bytes.js";
import type { RepoFiles } from "./repo.js";
import { code, joinText, prose, proseOf, text, trusted, type Text, type TextPart } from "./text.js";
import type { Rule, ReviewFile, RuleContext } from "./rule.js";
import type { Finding, Report, Severity, Workspace } from "./types.js";

/** What Cardinal recognised in one file: the `files` entries of the JSON output. */
export interface FileFacts {
  readonly path: string;
  readonly kind: string;
  readonly status: string;
  readonly storage: string;
  readonly size?: number;
  /** Cards: whether the Hub finds a metadata block, and its top-level keys. */
  readonly metadata?: "present" | "absent" | "invalid";
  readonly keys?: readonly string[];
  /** Cards: what the metadata declares (absent when the card does not say). */
  readonly licenses?: readonly string[];
  readonly datasets?: readonly string[];
  readonly baseModels?: readonly string[];
  readonly pipelineTag?: string;
  readonly libraryName?: string;
  readonly languages?: readonly string[];
  /**
   * License files: the license identified, and how sure (0–1). `id` only at
   * the confidence Cardinal acts on (CONFIDENT); below it the nearest license
   * is `closest`, never `id`. `copy` says the text is a modified or truncated
   * copy of that license.
   */
  readonly identified?: {
    readonly id?: string;
    readonly closest?: string;
    readonly spdx?: string;
    readonly confidence: number;
    readonly copy?: "modified" | "truncated";
  };
  /** Weights: format, whether loading it unpickles, whether it is stored as an LFS pointer. */
  readonly format?: string;
  readonly pickle?: boolean;
  readonly lfs?: boolean;
}

export interface ReviewInput {
  readonly workspace: Workspace;
  readonly config: Config;
  readonly configSource?: ConfigSource;
  readonly rules: readonly Rule[];
  /** Every registered rule id, when `rules` is a subset (the rule tester). */
  readonly ruleIds?: readonly string[];
  /** Base address of the rule docs pages. */
  readonly docsBase?: string;
  /** The rest of the repository, for rules that look beyond the workspace. */
  readonly repo?: RepoFiles;
  /** The Hub; absent when Hub checks are off. */
  readonly hub?: HubClient;
  /** Byte ranges of weight files, for checks that look inside them; absent: they stay silent. */
  readonly bytes?: ByteSource;
  /** The review's time limit and turns on the event loop, from the door; absent: unlimited, never yields. */
  readonly pacing?: ReviewPacing;
}

/**
 * Time, as the door sees it: the engine reads no clock, it asks. Checked
 * between rules and between files (RuleContext.checkpoint).
 */
export interface ReviewPacing {
  /** True once the review has used its time: the engine stops and says so (cardinal/review-time-limit). */
  exhausted(): boolean;
  /** True when the review has held the event loop long enough; absent: always. */
  shouldYield?(): boolean;
  /** Lets other work run (webhook deliveries, `/ping`): resolves on a later turn of the event loop. */
  yieldToEventLoop?(): Promise<void>;
  /** The limit, for the finding's message. */
  readonly limitSeconds?: number;
}

/** Thrown by a checkpoint when the review's time is up; caught by the engine. */
class OutOfTime extends Error {}

/** Rule id under which the engine reports a review stopped at its time limit. */
export const TIME_LIMIT_ID = "cardinal/review-time-limit";

export interface ReviewResult {
  readonly findings: readonly Finding[];
  readonly files: readonly FileFacts[];
  /** Rules that ran (not switched off). */
  readonly rulesRun: number;
  /** What the Hub said about each repository the rules looked up; absent when Hub checks were off. */
  readonly references?: readonly HubReference[];
}

export interface PathFilter {
  (path: string): boolean;
}

/** `include` / `exclude` globs from configuration as one predicate. */
export function pathFilter(config: Pick<Config, "include" | "exclude">): PathFilter {
  const include = config.include.length > 0 ? picomatch(config.include, { dot: true }) : () => true;
  const exclude = config.exclude.length > 0 ? picomatch(config.exclude, { dot: true }) : () => false;
  return (path) => path === CONFIG_PATH || (include(path) && !exclude(path));
}

/** The kind of a path, with configured card globs taken into account. */
export function pathKind(path: string, config: Pick<Config, "cards">): PathKind {
  const kind = classifyPath(path);
  if (kind === "other" || kind === "readme") {
    if (config.cards.model.length > 0 && picomatch.isMatch(path, config.cards.model, { dot: true })) return "model-card";
    if (config.cards.dataset.length > 0 && picomatch.isMatch(path, config.cards.dataset, { dot: true })) {
      return "dataset-card";
    }
  }
  return kind;
}

/** Whether Cardinal reads this path at all. */
export function isRelevantPath(path: string, config: Config, filter: PathFilter = pathFilter(config)): boolean {
  return pathKind(path, config) !== "other" && filter(path);
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/**
 * Runs the enabled rules over a workspace. Pure: everything it needs is in
 * the input, and a rule that throws becomes a finding, never a crash.
 */
export async function review(input: ReviewInput): Promise<ReviewResult> {
  const { workspace, config, rules, pacing } = input;
  const checkpoint = (): Promise<void> | void => {
    if (!pacing) return;
    if (pacing.exhausted()) throw new OutOfTime("review time limit");
    if (pacing.yieldToEventLoop && (pacing.shouldYield?.() ?? true)) return pacing.yieldToEventLoop();
  };
  /** A checkpoint that only yields: for the work that must finish (the files' facts). */
  const breather = (): Promise<void> | void => {
    if (pacing?.yieldToEventLoop && (pacing.shouldYield?.() ?? true)) return pacing.yieldToEventLoop();
  };
  const filter = pathFilter(config);
  const files: ReviewFile[] = workspace.files
    .filter((f) => filter(f.path))
    .map((f) => ({ ...f, kind: pathKind(f.path, config) }))
    .filter((f) => f.kind !== "other");

  const hub = input.hub ? recordingHub(input.hub) : undefined;
  const findings: Finding[] = [];
  const internalErrors = ruleSetting(config, INTERNAL_ERROR_ID, "notice");
  let rulesRun = 0;
  /** Set when the time limit stopped the review: the rule it stopped in, and those that never started. */
  let stopped: { during?: string; notStarted: string[]; whileReading?: boolean } | undefined;
  let cards: Card[] = [];
  try {
    cards = await recogniseCards(files, checkpoint);
  } catch (error) {
    if (!(error instanceof OutOfTime)) throw error;
    stopped = { notStarted: [], whileReading: true };
  }

  for (const rule of rules) {
    const setting = ruleSetting(config, rule.meta.id, rule.meta.defaultSeverity);
    if (setting === "off") continue;
    if (!stopped) {
      try {
        await checkpoint();
      } catch (error) {
        if (!(error instanceof OutOfTime)) throw error;
        stopped = { notStarted: [] };
      }
    }
    if (stopped) {
      // The engine's own rules have nothing left to do.
      if (rule.meta.id !== TIME_LIMIT_ID && rule.meta.id !== INTERNAL_ERROR_ID) stopped.notStarted.push(rule.meta.id);
      continue;
    }
    rulesRun++;
    const make = (ruleId: string, severity: Severity, title: string, { atMost, ...report }: Report): Finding => ({
      ...report,
      ruleId,
      // A report may lower its finding below the configured severity (weaker evidence), never raise it.
      severity: atMost !== undefined && SEVERITY_ORDER[atMost] > SEVERITY_ORDER[severity] ? atMost : severity,
      title: report.title ?? title,
      docsUrl: docsUrl(ruleId, input.docsBase),
    });
    const context: RuleContext = {
      workspace,
      files,
      cards,
      config,
      ruleIds: input.ruleIds ?? rules.map((r) => r.meta.id),
      configSource: input.configSource ?? { path: CONFIG_PATH, problems: [] },
      ...(input.repo ? { repo: input.repo } : {}),
      ...(input.bytes ? { bytes: input.bytes } : {}),
      ...(hub ? { hub: hub.client } : {}),
      hubFailures: () => hub?.failures() ?? [],
      checkpoint,
      report: (report) => findings.push(make(rule.meta.id, setting, rule.meta.title, report)),
    };
    const before = findings.length;
    try {
      await rule.check(context);
      findings.splice(before, findings.length - before, ...coalesce(findings.slice(before)));
    } catch (error) {
      if (error instanceof OutOfTime) {
        // What the rule found before the limit stands; the finding below says it did not finish.
        findings.splice(before, findings.length - before, ...coalesce(findings.slice(before)));
        stopped = { during: rule.meta.id, notStarted: [] };
        continue;
      }
      if (internalErrors === "off") continue;
      findings.push(
        make(INTERNAL_ERROR_ID, internalErrors, "Cardinal could not finish a check", {
          path: files[0]?.path ?? CONFIG_PATH,
          message: text`The rule ${rule.meta.id} stopped with an internal error: ${errorMessage(error)}. The other checks ran. Please report this to the Cardinal maintainers.`,
        }),
      );
    }
  }

  if (stopped) {
    const setting = ruleSetting(config, TIME_LIMIT_ID, "warning");
    if (setting !== "off") findings.push(timeLimitFinding(stopped, setting, input));
  }

  findings.sort(compareFindings);
  const cardsByPath = new Map(cards.map((c) => [c.path, c] as const));
  const facts: FileFacts[] = [];
  for (const f of files) {
    await breather();
    facts.push(factsOf(f, cardsByPath.get(f.path)));
  }
  return {
    findings,
    files: facts,
    rulesRun,
    ...(hub ? { references: hub.references() } : {}),
  };
}

function timeLimitFinding(
  stopped: { readonly during?: string; readonly notStarted: readonly string[]; readonly whileReading?: boolean },
  severity: Severity,
  input: ReviewInput,
): Finding {
  const limit = input.pacing?.limitSeconds;
  const after = limit !== undefined ? prose(` after ${limit} seconds`) : [];
  const unfinished = [...(stopped.during ? [stopped.during] : []), ...stopped.notStarted];
  const named = joinText(unfinished.slice(0, 5).map((id) => [code(id)]), ", ");
  const more = unfinished.length > 5 ? prose(` and ${unfinished.length - 5} more`) : [];
  return {
    ruleId: TIME_LIMIT_ID,
    severity,
    title: "Review stopped at its time limit",
    path: "",
    message: [
      ...text`Cardinal stopped this review${after}${stopped.whileReading ? prose(", while it was still reading the cards") : []}. `,
      ...(unfinished.length > 0
        ? [...text`${trusted(`${unfinished.length} check${unfinished.length === 1 ? " did" : "s did"}`)} not finish: `, ...named, ...more, ...prose(".")]
        : prose("Every check had finished.")),
      ...prose(" The findings above are what it found until then, so a clean result does not cover the rest."),
    ],
    hint: prose("Split the change into smaller pull requests, or run Cardinal's command-line tool on one folder of the branch at a time (`cardinal check <folder>`)."),
    docsUrl: docsUrl(TIME_LIMIT_ID, input.docsBase),
  };
}

/** More findings than this with the same title and hint in one file become one finding. */
export const SIMILAR_FINDINGS_LIMIT = 3;

/**
 * One mistake repeated down a list (52 locale codes under `multilinguality`)
 * is one problem to a reader: past SIMILAR_FINDINGS_LIMIT, findings of a rule
 * in one file with the same title, hint and message pattern become the first
 * of them, which then names the other lines.
 */
function coalesce(ruleFindings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of ruleFindings) {
    // Same rule, file, title and hint, and the same message once values and numbers are set aside.
    const shape = f.message.map((p) => proseOf(p)?.replace(/\d+/g, "#") ?? "·");
    // The shards of one checkpoint count as one file.
    const file = f.path.replace(/-\d{5}-of-(\d{5})\./, "-*-of-$1.");
    const key = JSON.stringify([file, f.title, f.hint ?? null, shape]);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    const [first, ...rest] = group;
    if (!first) continue;
    if (rest.length < SIMILAR_FINDINGS_LIMIT) {
      out.push(...group);
      continue;
    }
    const sameFile = rest.every((f) => f.path === first.path);
    // 19,999, not 19999: a count is read, not copied.
    const count = rest.length.toLocaleString("en-US");
    const times = sameFile ? `${count} more time${rest.length === 1 ? "" : "s"}` : `in ${count} more files`;
    // Line numbers are Cardinal's words; file names come from the pull request, so they are code.
    const places: TextPart[] = sameFile
      ? rest.flatMap((f) => (f.line === undefined ? [] : trusted(String(f.line))))
      : rest.map((f) => code(f.path.slice(f.path.lastIndexOf("/") + 1)));
    const shown = joinText(places.slice(0, 8).map((p) => [p]), ", ");
    const more = places.length > 8 ? ", …" : "";
    const where: Text =
      places.length === 0
        ? []
        : sameFile
          ? [...trusted(` (line${places.length === 1 ? "" : "s"} `), ...shown, ...trusted(`${more})`)]
          : [...prose(" ("), ...shown, ...trusted(`${more})`)];
    out.push({ ...first, message: [...first.message, ...trusted(` The same problem appears ${times}`), ...where, ...prose(".")] });
  }
  return out;
}

/** Rule id under which the engine reports a rule that threw. */
export const INTERNAL_ERROR_ID = "cardinal/internal-error";

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function recogniseCards(files: readonly ReviewFile[], checkpoint: () => Promise<void> | void): Promise<Card[]> {
  const siblings = new Map(files.filter((f) => f.status !== "removed").map((f) => [f.path, f.kind] as const));
  const cards: Card[] = [];
  for (const file of files) {
    if (file.status === "removed") continue;
    await checkpoint();
    const card = recogniseCard(
      { path: file.path, kind: file.kind, text: file.content.type === "text" ? file.content.text : undefined },
      { siblings },
    );
    if (card) cards.push(card);
  }
  return cards;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.path.localeCompare(b.path) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

function factsOf(file: ReviewFile, card: Card | undefined): FileFacts {
  const base = {
    path: file.path,
    kind: card ? `${card.kind}-card` : file.kind,
    status: file.status,
    storage: file.content.type,
    ...(file.size !== undefined ? { size: file.size } : {}),
  };
  if (file.kind === "weights") {
    const weights = weightFacts(file.path, file.head);
    // In a PR a weight file is either a pointer or plain bytes; a local file's bytes say nothing about LFS.
    const lfs =
      file.content.type === "lfs-pointer" ? true : file.status !== "unchanged" && file.content.type === "not-fetched" ? false : undefined;
    return { ...base, format: weights.format, pickle: weights.pickle, ...(lfs !== undefined ? { lfs } : {}) };
  }
  if (file.kind === "license" && file.content.type === "text") {
    const match = identifyLicenseText(file.content);
    return match
      ? {
          ...base,
          identified: {
            ...(match.confidence >= CONFIDENT ? { id: match.id } : { closest: match.id }),
            ...(match.spdx ? { spdx: match.spdx } : {}),
            confidence: Math.round(match.confidence * 1000) / 1000,
            ...(match.copy ? { copy: match.copy } : {}),
          },
        }
      : base;
  }
  if (!card) return base;
  const fm = card.frontMatter;
  if (fm.status === "absent") return { ...base, metadata: "absent" };
  const invalid = fm.syntaxErrors.length > 0 || fm.dataError !== undefined || !fm.isMapping;
  const data = fm.data;
  const record = data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const list = (key: string) => {
    const values = asStrings(record[key]);
    return values.length > 0 ? values : undefined;
  };
  const single = (key: string) => (typeof record[key] === "string" ? record[key] : undefined);
  const declared = {
    licenses: list("license"),
    datasets: list("datasets"),
    baseModels: list("base_model"),
    pipelineTag: single("pipeline_tag"),
    libraryName: single("library_name"),
    languages: list("language"),
  };
  const facts = Object.fromEntries(Object.entries(declared).filter(([, v]) => v !== undefined));
  return { ...base, metadata: invalid ? "invalid" : "present", keys: Object.keys(record), ...facts };
}

/** Counts by severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
