/**
 * Cardinal's judgement measured on real releases (issue 19).
 *
 * Each folder of test/fixtures/releases/<slug>/ is a release copied byte for
 * byte from a public repository; test/fixtures/releases-expected/<slug>.yml
 * holds what a careful maintainer expects of it, written before Cardinal ran:
 * `expected` problems (with `core: true` for the ones that matter most, and
 * `in_copy: false` for one that lives in a file the copy leaves out),
 * `must_not_flag` facts, and `judged`: each error or warning Cardinal gave
 * that no expectation foresaw, judged true or false by a person, with why.
 *
 * Every folder is copied into a temporary directory (a Hub repo's root, no
 * repository around it) and reviewed as `cardinal check . --offline` would,
 * with the default configuration: the Hub is never asked, which is the
 * hardest case for lineage.
 *
 *   node lib/tools/accuracy.js            prints the table
 *   node lib/tools/accuracy.js --write    also writes docs/accuracy.md
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { review } from "../core/engine.js";
import { plain } from "../core/text.js";
import type { Finding } from "../core/types.js";
import { folderRepoFiles, loadFolder } from "../io/fs/workspace.js";
import { RULE_IDS, RULES } from "../rules/index.js";

export interface Expectation {
  readonly id: string;
  /** "" for a problem of the whole release. */
  readonly file: string;
  readonly line?: number;
  readonly severity: string;
  readonly what: string;
  readonly rule: string;
  readonly core: boolean;
  /**
   * false when the problem lives in a file the copy could not include (a
   * binary left out): it is recorded, but no run on the copy can see it, so
   * it counts neither for nor against recall.
   */
  readonly inCopy: boolean;
}

export interface Judgement {
  readonly rule: string;
  readonly file: string;
  readonly line?: number;
  /**
   * true: a real problem (nobody foresaw it); false: a false alarm;
   * "artifact": true of the copy but not of the release (a file the copy could
   * not include), counted neither way.
   */
  readonly verdict: boolean | "artifact";
  readonly why: string;
  /** The expectation this finding catches although its rule or line differs from the one foreseen. */
  readonly catches?: string;
}

export interface FolderExpectations {
  readonly slug: string;
  readonly kind: string;
  readonly expected: readonly Expectation[];
  readonly mustNotFlag: readonly string[];
  readonly judged: readonly Judgement[];
}

/** One error or warning, and what it was judged. */
export interface JudgedFinding {
  readonly slug: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly path: string;
  readonly line?: number;
  readonly message: string;
  /** `expected`: it is a foreseen problem; `true`/`false`: a person's judgement; `unjudged`: nobody said yet. */
  readonly verdict: "expected" | "true" | "false" | "artifact" | "unjudged";
  readonly why?: string;
}

export interface FolderResult {
  readonly slug: string;
  readonly findings: readonly JudgedFinding[];
  /** Notices too, for recall. */
  readonly all: readonly Finding[];
  readonly caught: readonly Expectation[];
  readonly missed: readonly Expectation[];
}

const LINE_SLACK = 3;

function near(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || b === undefined || Math.abs(a - b) <= LINE_SLACK;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function optionalLine(value: unknown): { line?: number } {
  return typeof value === "number" ? { line: value } : {};
}

/** Reads one expectations file; throws with the slug on a malformed entry. */
export function parseExpectations(text: string, slug: string): FolderExpectations {
  const data = asRecord(parseYaml(text));
  const expected = asList(data["expected"]).map((raw, i): Expectation => {
    const e = asRecord(raw);
    if (typeof e["id"] !== "string") throw new Error(`${slug}: expected[${i}] needs an id`);
    return {
      id: e["id"],
      // No file: a problem of the release as a whole, caught by a finding on any of its files.
      file: typeof e["file"] === "string" ? e["file"] : "",
      ...optionalLine(e["line"]),
      severity: String(e["severity"] ?? "notice"),
      what: String(e["what"] ?? ""),
      rule: String(e["rule"] ?? "none"),
      core: e["core"] === true,
      inCopy: e["in_copy"] !== false,
    };
  });
  const judged = asList(data["judged"]).map((raw, i): Judgement => {
    const j = asRecord(raw);
    const verdict = j["verdict"];
    if (typeof j["rule"] !== "string" || typeof j["file"] !== "string" || (typeof verdict !== "boolean" && verdict !== "artifact")) {
      throw new Error(`${slug}: judged[${i}] needs a rule, a file and a verdict (true, false or artifact)`);
    }
    return {
      rule: j["rule"],
      file: j["file"],
      ...optionalLine(j["line"]),
      verdict,
      why: String(j["why"] ?? ""),
      ...(typeof j["catches"] === "string" ? { catches: j["catches"] } : {}),
    };
  });
  return {
    slug,
    kind: String(data["kind"] ?? ""),
    expected,
    mustNotFlag: asList(data["must_not_flag"]).map(String),
    judged,
  };
}

/** Reviews one release folder offline, from a copy outside any repository. */
export async function reviewRelease(folder: string): Promise<readonly Finding[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), "cardinal-accuracy-"));
  try {
    const root = path.join(scratch, "release");
    await cp(folder, root, { recursive: true, verbatimSymlinks: true });
    const loaded = await loadFolder(["."], RULE_IDS, { cwd: root });
    const result = await review({
      workspace: loaded.workspace,
      repo: folderRepoFiles(loaded.root, loaded.boundary),
      config: loaded.configSource.config,
      configSource: { path: loaded.configSource.path, problems: loaded.configSource.problems },
      rules: RULES,
      ruleIds: RULE_IDS,
    });
    return result.findings;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Matches one folder's findings with its expectations and judgements. */
export function judgeFolder(expectations: FolderExpectations, findings: readonly Finding[]): FolderResult {
  const matchesExpectation = (f: Finding, e: Expectation) => e.rule === f.ruleId && (e.file === "" || e.file === f.path) && near(e.line, f.line);
  const judgementOf = (f: Finding) => expectations.judged.find((j) => j.rule === f.ruleId && j.file === f.path && near(j.line, f.line));
  const judgedFindings = findings
    .filter((f) => f.severity === "error" || f.severity === "warning")
    .map((f): JudgedFinding => {
      const base = {
        slug: expectations.slug,
        ruleId: f.ruleId,
        severity: f.severity,
        path: f.path,
        ...(f.line !== undefined ? { line: f.line } : {}),
        message: plain(f.message),
      };
      if (expectations.expected.some((e) => matchesExpectation(f, e))) return { ...base, verdict: "expected" };
      const judgement = judgementOf(f);
      if (judgement) return { ...base, verdict: judgement.verdict === "artifact" ? "artifact" : judgement.verdict ? "true" : "false", why: judgement.why };
      return { ...base, verdict: "unjudged" };
    });
  const caughtIds = new Set<string>();
  for (const e of expectations.expected) if (findings.some((f) => matchesExpectation(f, e))) caughtIds.add(e.id);
  for (const f of findings) {
    const judgement = judgementOf(f);
    if (judgement?.catches && judgement.verdict === true) caughtIds.add(judgement.catches);
  }
  return {
    slug: expectations.slug,
    findings: judgedFindings,
    all: findings,
    caught: expectations.expected.filter((e) => caughtIds.has(e.id)),
    missed: expectations.expected.filter((e) => !caughtIds.has(e.id)),
  };
}

export interface AccuracyReport {
  readonly folders: readonly FolderResult[];
  readonly expectations: readonly FolderExpectations[];
  /** Per rule: errors and warnings judged true (foreseen or not) and false. */
  readonly perRule: ReadonlyMap<string, { readonly truePositives: number; readonly falsePositives: number }>;
  readonly precision: number;
  readonly coreRecall: number;
  readonly coreCaught: number;
  readonly coreTotal: number;
  readonly unjudged: readonly JudgedFinding[];
}

/** Reviews every folder under `releases` against its expectations in `expectedDir`. */
export async function measureAccuracy(releases: string, expectedDir: string): Promise<AccuracyReport> {
  const slugs = (await readdir(releases, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const folders: FolderResult[] = [];
  const all: FolderExpectations[] = [];
  for (const slug of slugs) {
    const expectations = parseExpectations(await readFile(path.join(expectedDir, `${slug}.yml`), "utf8"), slug);
    all.push(expectations);
    folders.push(judgeFolder(expectations, await reviewRelease(path.join(releases, slug))));
  }
  const perRule = new Map<string, { truePositives: number; falsePositives: number }>();
  for (const f of folders.flatMap((r) => r.findings)) {
    const counts = perRule.get(f.ruleId) ?? { truePositives: 0, falsePositives: 0 };
    if (f.verdict === "false") counts.falsePositives++;
    else if (f.verdict === "expected" || f.verdict === "true") counts.truePositives++;
    perRule.set(f.ruleId, counts);
  }
  const tp = [...perRule.values()].reduce((n, c) => n + c.truePositives, 0);
  const fp = [...perRule.values()].reduce((n, c) => n + c.falsePositives, 0);
  const coreTotal = all.flatMap((e) => e.expected).filter((e) => e.core && e.inCopy).length;
  const coreCaught = folders.flatMap((r) => r.caught).filter((e) => e.core && e.inCopy).length;
  return {
    folders,
    expectations: all,
    perRule: new Map([...perRule].sort(([a], [b]) => a.localeCompare(b))),
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    coreRecall: coreTotal === 0 ? 1 : coreCaught / coreTotal,
    coreCaught,
    coreTotal,
    unjudged: folders.flatMap((r) => r.findings).filter((f) => f.verdict === "unjudged"),
  };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** docs/accuracy.md from a report. */
export function renderAccuracy(report: AccuracyReport): string {
  const tp = [...report.perRule.values()].reduce((n, c) => n + c.truePositives, 0);
  const fp = [...report.perRule.values()].reduce((n, c) => n + c.falsePositives, 0);
  const falseAlarms = report.folders.flatMap((r) => r.findings).filter((f) => f.verdict === "false");
  const missed = report.folders.flatMap((r) => r.missed.filter((e) => e.core && e.inCopy).map((e) => ({ slug: r.slug, e })));
  const unseen = report.folders.flatMap((r) => [...r.caught, ...r.missed].filter((e) => !e.inCopy).map((e) => ({ slug: r.slug, e })));
  const lines = [
    "<!-- Generated by `npm run accuracy -- --write` from test/fixtures/releases. Edit the expectations, not this page. -->",
    "",
    "# Accuracy on real releases",
    "",
    `Cardinal reviewed ${report.folders.length} release folders copied byte for byte from public repositories`,
    "(sources in [test/fixtures/releases/SOURCES.md](../test/fixtures/releases/SOURCES.md)), offline and with the",
    "default configuration. Each folder's expected problems and must-not-flag facts were written before",
    "Cardinal ran on it (test/fixtures/releases-expected/); every error and warning it gave that nobody",
    "foresaw was then judged true or false, with the reason, in the same file. `test/accuracy.test.ts` pins",
    "these figures.",
    "",
    "| measure | value |",
    "| --- | --- |",
    `| Precision of errors and warnings | ${percent(report.precision)} (${tp} true, ${fp} false) |`,
    `| Recall of core problems | ${percent(report.coreRecall)} (${report.coreCaught} of ${report.coreTotal}) |`,
    "",
    "## Per rule (errors and warnings)",
    "",
    "| rule | true | false |",
    "| --- | --- | --- |",
    ...[...report.perRule].map(([rule, c]) => `| \`${rule}\` | ${c.truePositives} | ${c.falsePositives} |`),
    "",
    "## False alarms",
    "",
    ...(falseAlarms.length === 0
      ? ["None."]
      : ["| folder | rule | file:line | why it is false |", "| --- | --- | --- | --- |", ...falseAlarms.map((f) => `| ${f.slug} | \`${f.ruleId}\` | ${cell(f.path)}:${f.line ?? "-"} | ${cell(f.why ?? "")} |`)]),
    "",
    "## Core problems missed",
    "",
    ...(missed.length === 0
      ? ["None."]
      : ["| folder | problem | rule that should catch it |", "| --- | --- | --- |", ...missed.map(({ slug, e }) => `| ${slug} | ${cell(e.what)} | ${e.rule === "none" ? "none yet" : `\`${e.rule}\``} |`)]),
    "",
    "## Problems the copies cannot show",
    "",
    "These live in files the copies leave out (binary weights); no run on the copy can see them, so they",
    "count neither for nor against recall.",
    "",
    ...(unseen.length === 0
      ? ["None."]
      : ["| folder | problem | rule that would catch it |", "| --- | --- | --- |", ...unseen.map(({ slug, e }) => `| ${slug} | ${cell(e.what)} | ${e.rule === "none" ? "none yet" : `\`${e.rule}\``} |`)]),
    "",
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const report = await measureAccuracy(path.join(repo, "test/fixtures/releases"), path.join(repo, "test/fixtures/releases-expected"));
  const page = renderAccuracy(report);
  if (process.argv.includes("--write")) await writeFile(path.join(repo, "docs/accuracy.md"), page);
  process.stdout.write(`${page}\n`);
  if (report.unjudged.length > 0) {
    process.stdout.write(`\n${report.unjudged.length} errors and warnings are not judged yet:\n`);
    for (const f of report.unjudged) process.stdout.write(`- ${f.slug}: ${f.severity} ${f.ruleId} ${f.path}:${f.line ?? "-"} ${f.message}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main();
}
