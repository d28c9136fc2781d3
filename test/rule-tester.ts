/**
 * ESLint-style tester for Cardinal rules: each rule lists `valid` cases
 * (no finding from this rule) and `invalid` cases (exactly these findings,
 * by rule id, line and message).
 */
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/core/config.js";
import { review } from "../src/core/engine.js";
import { resolveConfigText } from "../src/parse/config-file.js";
import type { HubClient, HubLookup, HubRepoInfo, HubRepoType, HubSecurityLookup } from "../src/core/hub.js";
import type { ByteSource } from "../src/core/bytes.js";
import type { RepoFiles } from "../src/core/repo.js";
import type { Rule } from "../src/core/rule.js";
import { plain } from "../src/core/text.js";
import type { FileContent, FileStatus, Finding, Severity, Workspace, WorkspaceFile } from "../src/core/types.js";
import { RULE_IDS } from "../src/rules/index.js";

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
  line?: number;
  column?: number;
  /** A substring of the plain message, or a pattern it must match. */
  message: string | RegExp;
  title?: string | RegExp;
  hint?: string | RegExp;
  /** The finding's severity when the report lowered it (`Report.atMost`); otherwise the rule's default. */
  severity?: Severity;
}

export interface InvalidCase extends TestCase {
  findings: ExpectedFinding[];
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

/** Runs one rule over a test case and returns that rule's findings. */
export async function runRule(rule: Rule, testCase: TestCase): Promise<Finding[]> {
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
  return result.findings.filter((f) => f.ruleId === rule.meta.id);
}

function matches(actual: string, expected: string | RegExp): boolean {
  return typeof expected === "string" ? actual.includes(expected) : expected.test(actual);
}

export function ruleTester(rule: Rule, cases: { valid: TestCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it("has at least one valid and one invalid case", () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });

    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, async () => {
        const findings = await runRule(rule, testCase);
        expect(findings.map((f) => `${f.path}:${f.line ?? "-"} ${plain(f.message)}`)).toEqual([]);
      });
    }

    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, async () => {
        const findings = await runRule(rule, testCase);
        const summary = findings.map((f) => `${f.path}:${f.line ?? "-"} ${plain(f.message)}`);
        expect(findings, `findings were:\n${summary.join("\n")}`).toHaveLength(testCase.findings.length);
        testCase.findings.forEach((want, i) => {
          const got = findings[i] as Finding;
          expect(got.ruleId).toBe(rule.meta.id);
          expect(got.severity).toBe(want.severity ?? rule.meta.defaultSeverity);
          expect(got.docsUrl).toMatch(new RegExp(`/docs/rules/${rule.meta.id}\\.md$`));
          if (want.path !== undefined) expect(got.path).toBe(want.path);
          if (want.line !== undefined) expect(got.line, summary[i]).toBe(want.line);
          if (want.column !== undefined) expect(got.column).toBe(want.column);
          expect(matches(plain(got.message), want.message), `message: ${plain(got.message)}`).toBe(true);
          if (want.title !== undefined) expect(matches(got.title, want.title), `title: ${got.title}`).toBe(true);
          if (want.hint !== undefined) {
            expect(got.hint, "expected a hint").toBeDefined();
            expect(matches(plain(got.hint ?? []), want.hint), `hint: ${plain(got.hint ?? [])}`).toBe(true);
          }
        });
      });
    }
  });
}
