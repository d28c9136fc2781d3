import type { FileFacts } from "../core/engine.js";
import { countBySeverity } from "../core/engine.js";
import { plain, saysSomething } from "../core/text.js";
import type { HubReference } from "../core/hub.js";
import type { Finding } from "../core/types.js";

/** Version of the JSON contract; bump on any incompatible change. */
export const JSON_FORMAT_VERSION = 1;

export interface JsonFinding {
  ruleId: string;
  severity: string;
  path: string;
  line: number;
  endLine?: number;
  column?: number;
  title: string;
  message: string;
  hint?: string;
  fix?: { line: number; endLine: number; replacement: string };
  docsUrl: string;
}

/** A file `--fix` changed (or `--fix-dry-run` would change). */
export interface JsonFixedFile {
  path: string;
  /** Problems the changes fix. */
  fixes: number;
  /** `written`; `dry-run` (nothing written); `failed` (not written: see `reason`). */
  status: "written" | "dry-run" | "failed";
  reason?: string;
  /** The unified diff of the change (dry run only). */
  diff?: string;
}

export interface JsonReport {
  version: number;
  findings: JsonFinding[];
  files: FileFacts[];
  /** Whether the Hub was asked: "on", "offline" (--offline) or "off" (configuration). */
  hub?: string;
  /** What the Hub said about each repository the cards refer to. */
  references?: HubReference[];
  /** Present after `--fix` or `--fix-dry-run`: the files changed; `findings` are then those that remain. */
  fixed?: JsonFixedFile[];
  summary: { errors: number; warnings: number; notices: number };
}

/** The machine-readable report (`--format json`): a stable contract. */
export function renderJson(
  findings: readonly Finding[],
  files: readonly FileFacts[],
  hub?: { readonly hub: string; readonly references: readonly HubReference[] },
  fixed?: readonly JsonFixedFile[],
): string {
  const counts = countBySeverity(findings);
  const report: JsonReport = {
    version: JSON_FORMAT_VERSION,
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      path: f.path,
      line: f.line ?? 1,
      ...(f.endLine !== undefined && f.endLine !== f.line ? { endLine: f.endLine } : {}),
      ...(f.column !== undefined ? { column: f.column } : {}),
      title: f.title,
      message: plain(f.message),
      ...(saysSomething(f.hint) ? { hint: plain(f.hint) } : {}),
      ...(f.fix ? { fix: { ...f.fix } } : {}),
      docsUrl: f.docsUrl,
    })),
    files: [...files],
    ...(hub ? { hub: hub.hub, references: [...hub.references] } : {}),
    ...(fixed ? { fixed: fixed.map((f) => ({ ...f })) } : {}),
    summary: { errors: counts.error, warnings: counts.warning, notices: counts.notice },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
