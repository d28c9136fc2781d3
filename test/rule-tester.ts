/**
 * ESLint-style tester for Cardinal rules, as strict as ESLint's RuleTester.
 * Each rule lists `valid` cases (the rule finishes and reports nothing) and
 * `invalid` cases (exactly these findings, each by its line and its exact
 * message, and the exact text the fixes produce). A case fails when the
 * rule threw (the engine's `cardinal/internal-error`) or did not finish,
 * when a finding carries a fix the case does not assert, when the fixed
 * text is reported again as before (a fix that repairs nothing, or that
 * `--fix` would apply forever), and when an expected finding leaves its
 * line out. test/rule-tester.meta.test.ts proves each.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyFixes, isWellFormed } from "../src/core/apply-fixes.js";
import { LineIndex } from "../src/parse/lines.js";
import { resolveConfig } from "../src/core/config.js";
import { review } from "../src/core/engine.js";
import { resolveConfigText } from "../src/parse/config-file.js";
import type { HubClient, HubLookup, HubRepoInfo, HubRepoType, HubSecurityLookup } from "../src/core/hub.js";
import type { ByteSource } from "../src/core/bytes.js";
import type { RepoFiles } from "../src/core/repo.js";
import type { Rule } from "../src/core/rule.js";
import { plain } from "../src/core/text.js";
import type { FileContent, FileStatus, Finding, Fix, Severity, Workspace, WorkspaceFile } from "../src/core/types.js";
import { RULE_IDS } from "../src/rules/index.js";

const CORPUS = path.resolve(import.meta.dirname, "fixtures/corpus");

export type FileSpec = string | { content: FileContent; status?: FileStatus; size?: number; head?: Uint8Array };

export interface TestCase {
  /** Shown as the test's name. */
  name: string;
  files: Record<string, FileSpec>;
  /** Raw configuration, as written in `.github/cardinal.yml`. */
  config?: unknown;
  /** Or the configuration file's text, parsed as the CLI and the app parse it (problems with lines). */
  configText?: string;
  /** Where that file came from when it is not the repository's own (the organisation's `.github`). */
  configOrigin?: string;
  /** Review the files as a pull request (status "added") rather than a folder. */
  pullRequest?: boolean;
  /** Extra workspace fields (e.g. `truncated`). */
  workspace?: Partial<Workspace>;
  /**
   * The repository beyond the workspace, path → text (or null for a binary
   * file): gives rules a RepoFiles port. Workspace files are part of it too.
   */
  repo?: Record<string, string | null>;
  /**
   * What the Hub answers, by `model:<id>` or `dataset:<id>`; any other lookup
   * is not found (404). Without it, Hub checks are off.
   */
  hub?: Record<string, HubLookup>;
  /**
   * The bytes of files, for rules that read ranges (a ByteSource): path →
   * bytes, or a string, the reason a read of that path fails. Without it,
   * the review has no ByteSource; a path not listed fails with "no bytes".
   */
  bytes?: Record<string, Uint8Array | string>;
  /** Extra Hub client methods (securityStatus) beside `hub`'s lookups. */
  hubSecurity?: Record<string, HubSecurityLookup>;
}

/** A found repository, as the Hub client reports it. */
export function found(type: HubRepoType, id: string, info: Partial<HubRepoInfo> = {}): HubLookup {
  return {
    status: "found",
    info: { id, type, private: false, gated: false, disabled: false, licenses: [], baseModels: [], tags: [], ...info },
  };
}

export interface ExpectedFinding {
  path?: string;
  /**
   * The finding's line, always given: `null` for a finding about the whole
   * file or the change (one with no line). A tester that let the line go
   * unchecked passed rules that pointed at the wrong line.
   */
  line: number | null;
  column?: number;
  /** The plain message, exactly (not a part of it). */
  message: string;
  /** The finding's headline, exactly, when the rule refines its title. */
  title?: string;
  /** The plain hint, exactly. */
  hint?: string;
  /** The finding's severity when the report lowered it (`Report.atMost`); otherwise the rule's default. */
  severity?: Severity;
}

export interface InvalidCase extends TestCase {
  findings: ExpectedFinding[];
  /**
   * What the findings' fixes make of the files, applied once as `cardinal
   * check --fix` and the one-click suggestions apply them: the fixed text of
   * the one file fixed, or path → fixed text when several are. Required when
   * any finding carries a fix (as ESLint's RuleTester requires `output`);
   * `null` asserts that none does.
   */
  output?: string | Record<string, string> | null;
}

function toFile(path: string, spec: FileSpec, pullRequest: boolean): WorkspaceFile {
  const status: FileStatus = pullRequest ? "added" : "unchanged";
  if (typeof spec === "string") return { path, status, size: Buffer.byteLength(spec), content: { type: "text", text: spec } };
  return {
    path,
    status: spec.status ?? status,
    ...(spec.size !== undefined ? { size: spec.size } : {}),
    ...(spec.head ? { head: spec.head } : {}),
    content: spec.content,
  };
}

/**
 * Runs one rule over a test case through the engine and returns every
 * finding of the review: the rule's own, and the engine's about the rule
 * (an internal error when it threw, the time limit when it did not finish).
 */
export async function reviewWith(rule: Rule, testCase: TestCase): Promise<Finding[]> {
  const resolved = testCase.configText !== undefined ? resolveConfigText(testCase.configText, RULE_IDS) : resolveConfig(testCase.config ?? {}, RULE_IDS);
  const pullRequest = testCase.pullRequest ?? false;
  const workspace: Workspace = {
    source: pullRequest ? "pull-request" : "folder",
    files: Object.entries(testCase.files).map(([path, spec]) => toFile(path, spec, pullRequest)),
    ...testCase.workspace,
  };
  const repo: RepoFiles | undefined = testCase.repo
    ? {
        existing: async (paths) => {
          const all = new Set([...Object.keys(testCase.repo ?? {}), ...workspace.files.filter((f) => f.status !== "removed").map((f) => f.path)]);
          return new Set(paths.filter((p) => all.has(p)));
        },
        read: async (path) => testCase.repo?.[path] ?? undefined,
      }
    : undefined;
  const hubAnswers = testCase.hub;
  const security = testCase.hubSecurity;
  const hub: HubClient | undefined = hubAnswers
    ? {
        lookup: async (type, id) => hubAnswers[`${type}:${id}`] ?? { status: "not-found", httpStatus: 404 },
        ...(security ? { securityStatus: async (id: string) => security[id] ?? { status: "not-found", httpStatus: 404 } } : {}),
      }
    : undefined;
  const byteMap = testCase.bytes;
  const bytes: ByteSource | undefined = byteMap
    ? {
        read: async (path, offset, length) => {
          const entry = byteMap[path];
          if (entry === undefined) return { ok: false, reason: "no bytes were given for it" };
          if (typeof entry === "string") return { ok: false, reason: entry };
          return { ok: true, bytes: entry.subarray(offset, offset + length), size: entry.length };
        },
      }
    : undefined;
  const result = await review({
    workspace,
    ...(repo ? { repo } : {}),
    ...(hub ? { hub } : {}),
    ...(bytes ? { bytes } : {}),
    config: resolved.config,
    configSource: { path: ".github/cardinal.yml", problems: resolved.problems, ...(testCase.configOrigin ? { origin: testCase.configOrigin } : {}) },
    rules: [rule],
    ruleIds: RULE_IDS,
  });
  return [...result.findings];
}

const summarise = (f: Finding): string => `${f.ruleId} ${f.path}:${f.line ?? "-"} ${plain(f.message)}`;

/** Fails when the engine had to report on the rule itself (it threw, or ran out of time): such a case proves nothing. */
function assertRuleFinished(rule: Rule, findings: readonly Finding[]): void {
  const other = findings.filter((f) => f.ruleId !== rule.meta.id);
  const lines = other.map(summarise);
  expect(lines, `${rule.meta.id} did not finish cleanly:\n${lines.join("\n")}`).toEqual([]);
}

/**
 * The rule's findings over a test case. Fails the test when the rule threw
 * or did not finish: the engine's `cardinal/internal-error` must never pass
 * for "no finding".
 */
export async function runRule(rule: Rule, testCase: TestCase): Promise<Finding[]> {
  const findings = await reviewWith(rule, testCase);
  assertRuleFinished(rule, findings);
  return findings;
}

/** A card from the corpus of real Hub cards (test/fixtures/corpus; provenance in its SOURCES.md), by slug. */
export function corpusCard(slug: string): string {
  return readFileSync(path.join(CORPUS, slug, "README.md"), "utf8");
}

/** The text of a text file of a test case. */
function textOf(testCase: TestCase, file: string): string | undefined {
  const spec = testCase.files[file];
  if (typeof spec === "string") return spec;
  return spec?.content.type === "text" ? spec.content.text : undefined;
}

/**
 * The text of each file the findings' fixes change, applied once (in the
 * findings' order, an overlapping fix deferred), as `--fix` applies them.
 * Fails on a fix that names lines the file does not have.
 */
export function fixedOutput(testCase: TestCase, findings: readonly Finding[]): Record<string, string> {
  const byPath = new Map<string, Fix[]>();
  for (const f of findings) if (f.fix) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f.fix]);
  const out: Record<string, string> = {};
  for (const [file, fixes] of byPath) {
    const before = textOf(testCase, file);
    expect(before, `a fix for ${file}, which is not a text file of the case`).toBeDefined();
    const lines = new LineIndex(before ?? "").lineCount;
    for (const fix of fixes) expect(isWellFormed(fix, lines), `a fix of lines ${fix.line}-${fix.endLine} in ${file}, which has ${lines}`).toBe(true);
    out[file] = applyFixes(before ?? "", fixes).text;
  }
  return out;
}

/** A valid case: the rule finishes and reports nothing. */
export async function checkValid(rule: Rule, testCase: TestCase): Promise<void> {
  const findings = await reviewWith(rule, testCase);
  assertRuleFinished(rule, findings);
  const lines = findings.map(summarise);
  expect(lines, `a valid case, but the rule reported:\n${lines.join("\n")}`).toEqual([]);
}

/** An invalid case: the rule finishes and reports exactly these findings, in this order, and its fixes write exactly `output`. */
export async function checkInvalid(rule: Rule, testCase: InvalidCase): Promise<void> {
  const all = await reviewWith(rule, testCase);
  assertRuleFinished(rule, all);
  const findings = all.filter((f) => f.ruleId === rule.meta.id);
  const summary = findings.map(summarise);
  expect(testCase.findings.length, "an invalid case expects at least one finding").toBeGreaterThan(0);
  expect(findings, `findings were:\n${summary.join("\n")}`).toHaveLength(testCase.findings.length);
  testCase.findings.forEach((want, i) => {
    const got = findings[i] as Finding;
    const where = `finding ${i + 1}: ${summary[i]}`;
    expect(got.severity, where).toBe(want.severity ?? rule.meta.defaultSeverity);
    expect(got.docsUrl).toMatch(new RegExp(`/docs/rules/${rule.meta.id}\\.md$`));
    if (want.path !== undefined) expect(got.path, where).toBe(want.path);
    expect(want.line, `${where}: an expected finding must pin its line (null when it has none)`).not.toBeUndefined();
    expect(got.line ?? null, where).toBe(want.line);
    if (want.column !== undefined) expect(got.column, where).toBe(want.column);
    expect(typeof want.message, `${where}: the expected message must be its exact text`).toBe("string");
    expect(plain(got.message), where).toBe(want.message);
    if (want.title !== undefined) expect(got.title, where).toBe(want.title);
    if (want.hint !== undefined) {
      expect(got.hint, `${where}: expected a hint`).toBeDefined();
      expect(plain(got.hint ?? []), where).toBe(want.hint);
    }
  });
  const output = fixedOutput(testCase, findings);
  const fixed = Object.keys(output);
  if (testCase.output === undefined) {
    expect(fixed, `the findings carry fixes: the case must give its output, which is:\n${JSON.stringify(output, null, 2)}`).toEqual([]);
  } else if (testCase.output === null) {
    expect(fixed, "no finding should carry a fix").toEqual([]);
  } else if (typeof testCase.output === "string") {
    expect(fixed, "the output names one fixed file").toHaveLength(1);
    expect(output[fixed[0] ?? ""]).toBe(testCase.output);
  } else {
    expect(output).toEqual(testCase.output);
  }
  if (fixed.length > 0) await assertFixesSettle(rule, testCase, findings, output);
}

/**
 * Reviews the fixed files again: what a fix repaired is no longer reported
 * (the rule's findings on the fixed text are fewer), and no fix is offered
 * again, so `--fix` ends rather than loops.
 */
async function assertFixesSettle(rule: Rule, testCase: TestCase, before: readonly Finding[], output: Record<string, string>): Promise<void> {
  const files = { ...testCase.files, ...output };
  const after = (await runRule(rule, { ...testCase, files })).filter((f) => f.ruleId === rule.meta.id);
  const summary = after.map(summarise).join("\n");
  expect(after.length, `after the fixes, the rule still reports:\n${summary}`).toBeLessThan(before.length);
  const again = after.filter((f) => f.fix && output[f.path] !== undefined && applyFixes(output[f.path] ?? "", [f.fix]).text !== output[f.path]);
  expect(again.map(summarise), "a fix is offered again on the fixed text").toEqual([]);
}

export function ruleTester(rule: Rule, cases: { valid: TestCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it("has at least one valid and one invalid case", () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });

    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => checkValid(rule, testCase));
    }

    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => checkInvalid(rule, testCase));
    }
  });
}
