import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { review, type ReviewResult } from "../core/engine.js";
import { LineIndex } from "../parse/lines.js";
import type { Config, RuleSetting } from "../core/config.js";
import { RULE_SETTINGS } from "../core/config.js";
import { DEFAULT_DOCS_BASE, docsPath, docsUrl, localRunFromEnv } from "../core/docs.js";
import type { Rule, RuleMeta } from "../core/rule.js";
import { closest, suggestRuleId } from "../core/suggest.js";
import { renderComment } from "../report/comment.js";
import { renderJson } from "../report/json.js";
import { lineageGraph } from "../report/lineage-graph.js";
import { opennessLines } from "../report/openness.js";
import { renderRulePage } from "../report/rule-docs.js";
import { renderSarif } from "../report/sarif.js";
import { looksLikeDatasetCardDocument } from "../parse/classify.js";
import { ANSI_STYLE, hiddenPhrase, NO_STYLE, printable, renderTerminal } from "../report/terminal.js";
import { findRule, RULES, RULE_IDS } from "../rules/index.js";
import { folderRepoFiles, loadFolder, UsageError } from "../io/fs/workspace.js";
import { folderByteSource } from "../io/fs/byte-source.js";
import { DEFAULT_TIMEOUT_MS, HUB_FAILURES_BEFORE_STOP, hubClientFromEnv } from "../io/hub/client.js";
import { CLI_REVIEW_SECONDS, reviewPacing } from "../io/pacing.js";
import type { HubClient } from "../core/hub.js";
import type { Finding, Severity, Workspace } from "../core/types.js";
import { nodeOptionMessage, optionProblem } from "./args.js";
import { allDiffs, failureLines, fixFolder, fixSummary, jsonFixed, type FolderFixes } from "./fix.js";
import { progressLine, type ProgressLine } from "./progress.js";

const HELP = `Usage: cardinal check [path ...] [options]
       cardinal rules
       cardinal explain <rule-id>

Reviews model cards, dataset cards, licenses and model files in a folder,
with the same rules the Cardinal GitHub App runs on pull requests.

Commands:
  check [path ...]      Review folders or files (default: the current folder)
  rules                 List every rule with its default severity
  explain <rule-id>     Explain a rule: what it checks, why, how to fix it

Options:
  -f, --format <name>   Output format: text (default), json, sarif or markdown
                        (markdown: the pull request comment the app posts)
  -c, --config <file>   Configuration file (default: .github/cardinal.yml
                        at the repository root, if present)
      --rule <id>=<level>
                        Set a rule to off, error, warning or notice, on top
                        of the configuration file (repeatable)
  -q, --quiet           Report errors only
      --max-warnings <n>
                        Exit 1 when there are more than n warnings
      --offline         Skip the checks that ask the Hugging Face Hub
      --fix             Apply the fixes Cardinal is certain of to the files,
                        then report the problems that remain
      --fix-dry-run     Print the diff --fix would apply, without writing,
                        then the problems that would remain
  -v, --verbose         Explain why each finding matters
  -h, --help            Show this help
      --version         Print the version

Environment:
  HF_ENDPOINT           Hub address (default https://huggingface.co)
  HF_TOKEN              Hub token, for gated and private repositories
  CARDINAL_HUB_TIMEOUT_MS
                        How long one Hub request may take, in milliseconds
                        (default ${DEFAULT_TIMEOUT_MS}); after ${HUB_FAILURES_BEFORE_STOP} failed requests in a row,
                        Cardinal stops asking the Hub for the rest of the run
  NO_COLOR              Plain text output, without colours

Exit codes: 0 no errors (warnings allowed), 1 at least one error (or more
warnings than --max-warnings), 2 usage error.
`;

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Whether stdout is a terminal (colours). */
  readonly isTTY: boolean;
  /** Whether stderr is a terminal (the progress line on slow runs). */
  readonly stderrIsTTY?: boolean;
  /** The terminal's width, so that the progress line fits on one line. */
  readonly stderrColumns?: number;
  /** How long a run goes before the progress line appears (default PROGRESS_DELAY_MS). */
  readonly progressAfterMs?: number;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export const FORMATS = ["text", "json", "sarif", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

/** Skipped paths named one per line on stderr, then counted. */
export const MAX_NOTES = 20;

/** One line on stderr; names in it (a file, a path given) have their control characters shown as escapes. */
function say(io: Io, message: string): void {
  io.stderr(`cardinal: ${printable(message)}\n`);
}

/** A path for one line of stderr: a very long one (deep folders past the system's limit) keeps its two ends. */
function shortPath(p: string): string {
  return p.length <= 160 ? p : `${p.slice(0, 60)}…${p.slice(-60)} (${p.length} characters)`;
}

const RULES_URL = `${DEFAULT_DOCS_BASE}/README.md`;
const HOMEPAGE = "https://github.com/cardinal-app/cardinal";

/** The package root (lib/cli/ or src/cli/ is two levels down). */
const PACKAGE_ROOT = new URL("../../", import.meta.url);

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("package.json", PACKAGE_ROOT), "utf8")) as { version: string };
  return pkg.version;
}

class CliUsageError extends Error {}

/** `--rule id=level` values as configuration overrides; throws CliUsageError on a bad one. */
export function parseRuleOptions(values: readonly string[]): Record<string, RuleSetting> {
  const overrides: Record<string, RuleSetting> = {};
  for (const value of values) {
    const at = value.lastIndexOf("=");
    const id = at < 0 ? value : value.slice(0, at).trim();
    const level = at < 0 ? "" : value.slice(at + 1).trim();
    if (!RULE_IDS.includes(id)) {
      const guess = suggestRuleId(id, RULE_IDS);
      throw new CliUsageError(`--rule: there is no rule "${id}"${guess ? `; did you mean "${guess}"?` : ""}`);
    }
    if (!(RULE_SETTINGS as readonly string[]).includes(level)) {
      throw new CliUsageError(`--rule ${id}: the level must be one of ${RULE_SETTINGS.join(", ")}, as in --rule ${id}=warning`);
    }
    overrides[id] = level as RuleSetting;
  }
  return overrides;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new CliUsageError(`--max-warnings must be a whole number of 0 or more, got "${value}"`);
  return Number(value.trim());
}

/** The options, for parseArgs and for the words about a mistyped one (cli/args.ts). */
const OPTIONS = {
  format: { type: "string", short: "f", default: "text" },
  config: { type: "string", short: "c" },
  rule: { type: "string", multiple: true, default: [] },
  quiet: { type: "boolean", short: "q", default: false },
  "max-warnings": { type: "string" },
  verbose: { type: "boolean", short: "v", default: false },
  offline: { type: "boolean", default: false },
  fix: { type: "boolean", default: false },
  "fix-dry-run": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", default: false },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

/** A value for each option that takes one, for "--format needs a value, as in --format json". */
const OPTION_EXAMPLES = { format: "json", config: ".github/cardinal.yml", rule: "card/known-keys=off", "max-warnings": "0" };

/** The one line after a usage mistake, instead of the whole help. */
const HELP_HINT = "cardinal --help lists the commands and options\n";

const COMMANDS = ["check", "rules", "explain"];

/** Runs the CLI and returns the exit code; all output goes through `io`. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    const problem = optionProblem(argv, OPTIONS, OPTION_EXAMPLES);
    if (problem) throw new CliUsageError(problem);
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    say(io, error instanceof CliUsageError ? error.message : nodeOptionMessage(error));
    io.stderr(HELP_HINT);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === "rules") {
    for (const rule of RULES) {
      io.stdout(`${rule.meta.id.padEnd(34)} ${rule.meta.defaultSeverity.padEnd(8)} ${rule.meta.description}\n`);
    }
    return 0;
  }
  if (command === "explain") return explain(paths, io);
  if (command !== "check") {
    if (!command) {
      io.stderr(HELP);
      return 2;
    }
    const meant = closest(command, COMMANDS);
    say(io, `unknown command "${command}"${meant ? `; did you mean "${meant}"?` : ""}`);
    io.stderr(HELP_HINT);
    return 2;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    say(io, `unknown format "${values.format}"; use ${FORMATS.slice(0, -1).join(", ")} or ${FORMATS.at(-1)}`);
    return 2;
  }
  if (values.fix && values["fix-dry-run"]) {
    say(io, "--fix and --fix-dry-run cannot be used together: --fix-dry-run shows what --fix would write");
    return 2;
  }
  let overrides: Record<string, RuleSetting>;
  let maxWarnings: number | undefined;
  try {
    overrides = parseRuleOptions(values.rule);
    maxWarnings = parseMaxWarnings(values["max-warnings"]);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    say(io, error.message);
    return 2;
  }

  // A run that takes more than a moment (a big folder, a slow Hub) shows what it is doing.
  const progress = progressLine(io.stderr, {
    enabled: io.stderrIsTTY === true,
    ...(io.stderrColumns !== undefined ? { columns: io.stderrColumns } : {}),
    ...(io.progressAfterMs !== undefined ? { delayMs: io.progressAfterMs } : {}),
  });
  const terminal = io;
  io = { ...terminal, stderr: (s) => (progress.interrupt(), terminal.stderr(s)) };
  progress.set("cardinal: reading the files…");
  let loaded;
  try {
    loaded = await loadFolder(paths, RULE_IDS, { ...(values.config ? { config: values.config } : {}), cwd: io.cwd });
  } catch (error) {
    progress.stop();
    if (error instanceof UsageError) {
      say(io, error.message);
      return 2;
    }
    throw error;
  }
  const { workspace, configSource, root, boundary, skipped, notes } = loaded;
  for (const s of skipped) say(io, `${s} is not a card, license or model file; skipped`);
  for (const note of notes.slice(0, MAX_NOTES)) say(io, `skipped ${shortPath(note.path)}: ${note.reason}`);
  if (notes.length > MAX_NOTES) say(io, `and ${notes.length - MAX_NOTES} more paths skipped`);
  // --rule applies on top of the configuration file.
  const config: Config = { ...configSource.config, rules: { ...configSource.config.rules, ...overrides } };

  // The Hub is asked unless --offline or `hub: false` in the configuration says not to.
  const hubMode = values.offline ? "offline" : config.hub ? "on" : "off";
  let hub: HubClient | undefined;
  if (hubMode === "on") {
    try {
      // The token's owner reviews their own files: private repositories it can see are named as such.
      // One run, one outage: once the Hub has failed a few requests in a row, it is not asked again.
      hub = hubClientFromEnv(io.env, { showPrivate: true, stopMs: Infinity });
    } catch (error) {
      progress.stop();
      say(io, (error as Error).message);
      return 2;
    }
  }
  const status = reviewStatus(workspace.files.length, progress);
  const counted = hub ? status.hub(hub) : undefined;
  const reviewOnce = (files: Workspace) =>
    review({
      workspace: files,
      repo: folderRepoFiles(root, boundary),
      bytes: folderByteSource(root, { boundary }),
      ...(counted ? { hub: counted } : {}),
      config,
      configSource: { path: configSource.path, problems: configSource.problems },
      rules: status.rules(RULES),
      ruleIds: RULE_IDS,
      pacing: reviewPacing(CLI_REVIEW_SECONDS),
    });
  let fixes: FolderFixes<ReviewResult> | undefined;
  let result: ReviewResult;
  try {
    // --fix and --fix-dry-run: the findings reported are those of the fixed files.
    fixes = values.fix || values["fix-dry-run"] ? await fixFolder({ workspace, reviewOnce, root, boundary, dryRun: !values.fix }) : undefined;
    result = fixes?.result ?? (await reviewOnce(workspace));
  } finally {
    progress.stop();
  }
  const reviewed = fixes?.workspace ?? workspace;
  if (fixes) for (const line of failureLines(fixes)) say(io, line);
  if (fixes && format !== "text" && format !== "json") {
    if (fixes.dryRun) io.stderr(allDiffs(fixes));
    const { fixed, files } = fixSummary(fixes);
    const what = `${fixed} ${fixed === 1 ? "problem" : "problems"} in ${files} ${files === 1 ? "file" : "files"}`;
    say(io, files === 0 ? "nothing to fix" : fixes.dryRun ? `--fix would fix ${what}; nothing was written` : `fixed ${what}`);
  }

  const shown = values.quiet ? result.findings.filter((f) => f.severity === "error") : result.findings;
  const hidden = values.quiet ? { warnings: countOf(result.findings, "warning"), notices: countOf(result.findings, "notice") } : undefined;
  const ruleMeta = (id: string) => findRule(id)?.meta;
  if (format === "json") {
    io.stdout(renderJson(shown, result.files, { hub: hubMode, references: result.references ?? [] }, fixes ? jsonFixed(fixes) : undefined));
  } else if (format === "sarif") {
    io.stdout(
      renderSarif({
        findings: shown,
        rules: RULES.map((r) => r.meta),
        version: version(),
        docsUrl: (id) => docsUrl(id),
        informationUri: HOMEPAGE,
      }),
    );
  } else if (format === "markdown") {
    hubNote(hubMode, io);
    // The comment's local-run line, as the app would write it with the same environment.
    const { localRun, problems } = localRunFromEnv(io.env);
    for (const problem of problems) io.stderr(`cardinal: ${problem}\n`);
    quietNote(hidden, io);
    io.stdout(
      renderComment({
        findings: shown,
        ruleMeta,
        rulesUrl: RULES_URL,
        localRun,
        where: "folder",
        ...(hiddenPhrase(hidden) ? { leftOut: hiddenPhrase(hidden) } : {}),
        ...(config.openness
          ? { openness: opennessLines(result.files, result.references ?? []), lineage: lineageGraph(result.files, result.references ?? []) }
          : {}),
      }),
    );
  } else {
    hubNote(hubMode, io);
    const indexes = new Map<string, LineIndex>();
    const lineText = (p: string, line: number): string | undefined => {
      let index = indexes.get(p);
      if (!index) {
        const file = reviewed.files.find((f) => f.path === p);
        if (file?.content.type !== "text") return undefined;
        index = new LineIndex(file.content.text);
        indexes.set(p, index);
      }
      return index.lineText(line);
    };
    const color = io.isTTY && !("NO_COLOR" in io.env) && io.env["TERM"] !== "dumb";
    const relativeRoot = path.relative(io.cwd, root);
    if (relativeRoot !== "") say(io, `paths are relative to ${root}`);
    // The diff, then the findings as they would be after it (renderTerminal's blank line, or one here).
    if (fixes?.dryRun && fixes.files.length > 0) io.stdout(`${allDiffs(fixes)}${shown.length === 0 ? "\n" : ""}`);
    io.stdout(
      renderTerminal({
        findings: shown,
        fileCount: result.files.length,
        reviewed: result.files.map((f) => f.path),
        unreviewedCards: loaded.unreviewedCards.map((p) => ({ path: p, dataset: looksLikeDatasetCardDocument(p) })),
        lineText,
        style: color ? ANSI_STYLE : NO_STYLE,
        verbose: values.verbose,
        why: (id) => findRule(id)?.meta.why,
        ...(hidden ? { hidden } : {}),
        ...(fixes ? { fixes: fixSummary(fixes) } : {}),
      }),
    );
  }
  if (result.findings.some((f) => f.severity === "error")) return 1;
  const warnings = result.findings.filter((f) => f.severity === "warning").length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`cardinal: ${warnings} ${warnings === 1 ? "warning" : "warnings"}, more than --max-warnings ${maxWarnings} allows\n`);
    return 1;
  }
  return 0;
}

function countOf(findings: readonly Finding[], severity: Severity): number {
  return findings.filter((f) => f.severity === severity).length;
}

/** Markdown has no closing line: what --quiet left out is said on stderr. */
function quietNote(hidden: { warnings: number; notices: number } | undefined, io: Io): void {
  const phrase = hiddenPhrase(hidden);
  if (phrase) say(io, `--quiet left out ${phrase}`);
}

function hubNote(hubMode: string, io: Io): void {
  if (hubMode !== "on") {
    io.stderr(`cardinal: Hub checks skipped (${hubMode === "offline" ? "--offline" : "hub: false in the configuration"})\n`);
  }
}

/**
 * The progress line's words during the review: which rule runs, and how
 * many Hub lookups have been answered, e.g.
 * `cardinal: reviewing 3,433 files · rule 33/63 hub/dataset-exists · Hub 16/100`.
 */
function reviewStatus(fileCount: number, progress: ProgressLine): { rules(rules: readonly Rule[]): Rule[]; hub(client: HubClient): HubClient } {
  let rule = "";
  const lookups = { asked: 0, answered: 0 };
  const files = `${fileCount.toLocaleString("en-US")} ${fileCount === 1 ? "file" : "files"}`;
  const update = () =>
    progress.set(
      `cardinal: reviewing ${files}${rule}${lookups.asked > 0 ? ` · Hub ${lookups.answered.toLocaleString("en-US")}/${lookups.asked.toLocaleString("en-US")}` : ""}`,
    );
  update();
  return {
    rules: (rules) =>
      rules.map((r, i) => ({
        meta: r.meta,
        check: (context) => {
          rule = ` · rule ${i + 1}/${rules.length} ${r.meta.id}`;
          update();
          return r.check(context);
        },
      })),
    hub: (client) => ({
      ...(client.lookupsPerReview !== undefined ? { lookupsPerReview: client.lookupsPerReview } : {}),
      // The security scan goes through too: without it the scan rules (hub/base-model-files-safe,
      // hub/mirror-files-safe) had nothing to ask in the CLI.
      ...(client.securityStatus ? { securityStatus: client.securityStatus.bind(client) } : {}),
      async lookup(type, id) {
        lookups.asked++;
        update();
        try {
          return await client.lookup(type, id);
        } finally {
          lookups.answered++;
          update();
        }
      },
    }),
  };
}

/** The README prose inside a rule's generated docs page, when the page matches its template. */
export function readmeFromPage(meta: RuleMeta, page: string): string | undefined {
  const marker = "\u0000README\u0000";
  const [before, after] = renderRulePage(meta, marker).split(marker);
  if (before === undefined || after === undefined) return undefined;
  if (!page.startsWith(before) || !page.endsWith(after) || page.length < before.length + after.length) return undefined;
  return page.slice(before.length, page.length - after.length).trim();
}

/** `cardinal explain <rule-id>`: the rule's metadata, and its README from the shipped docs page. */
function explain(args: readonly string[], io: Io): number {
  const [id, ...rest] = args;
  if (id === undefined || rest.length > 0) {
    io.stderr("cardinal: explain takes one rule id, as in: cardinal explain card/front-matter-valid-yaml\n");
    return 2;
  }
  const rule = findRule(id);
  if (!rule) {
    const guess = suggestRuleId(id, RULE_IDS);
    say(io, `there is no rule "${id}"${guess ? `; did you mean "${guess}"?` : ""} (cardinal rules lists them all)`);
    return 2;
  }
  const { meta } = rule;
  const out = [
    `${meta.id} — ${meta.title}`,
    "",
    meta.description,
    "",
    `Default severity: ${meta.defaultSeverity}`,
    "",
    `Why it matters: ${meta.why}`,
    "",
  ];
  let readme: string | undefined;
  try {
    readme = readmeFromPage(meta, readFileSync(new URL(docsPath(meta.id), PACKAGE_ROOT), "utf8"));
  } catch {
    readme = undefined;
  }
  if (readme) out.push(readme, "");
  out.push(`Docs: ${docsUrl(meta.id)}`, "");
  io.stdout(out.join("\n"));
  return 0;
}
