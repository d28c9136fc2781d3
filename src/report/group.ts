import { countBySeverity } from "../core/engine.js";
import type { RuleMeta } from "../core/rule.js";
import type { Finding, Severity } from "../core/types.js";
import { saysSomething } from "../core/text.js";
import { escapeMarkdown, fencedBlock, inlineCode, renderText, visibleLines } from "./markdown.js";

export const SEVERITY_ICON: Record<Severity, string> = { error: "❌", warning: "⚠️", notice: "ℹ️" };

/** "2 errors, 1 warning" — or "no problems". */
export function countPhrase(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  const parts: string[] = [];
  const add = (n: number, word: string) => {
    if (n > 0) parts.push(`${n} ${word}${n === 1 ? "" : "s"}`);
  };
  add(counts.error, "error");
  add(counts.warning, "warning");
  add(counts.notice, "notice");
  return parts.length > 0 ? parts.join(", ") : "no problems";
}

/** Findings grouped by file, files in first-seen order (findings arrive sorted). */
export function groupByPath(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.path);
    if (list) list.push(f);
    else groups.set(f.path, [f]);
  }
  return groups;
}

export function lineLabel(f: Finding): string {
  if (f.line === undefined) return "";
  if (f.endLine !== undefined && f.endLine !== f.line) return `lines ${f.line}–${f.endLine}`;
  return `line ${f.line}`;
}

/** One finding as a markdown list item (comment and check-run summary). */
export function findingItem(f: Finding): string {
  const where = lineLabel(f);
  const head = `- ${SEVERITY_ICON[f.severity]} **${escapeMarkdown(f.title)}**${where ? ` (${where})` : ""} · [${inlineCode(f.ruleId)}](${f.docsUrl})`;
  const lines = [head, `  ${renderText(f.message)}`];
  if (saysSomething(f.hint)) lines.push(`  **How to fix:** ${renderText(f.hint)}`);
  if (f.fix) {
    const where = f.fix.line === f.fix.endLine ? `line ${f.fix.line}` : `lines ${f.fix.line}–${f.fix.endLine}`;
    lines.push(`  Replace ${where} with:`, ...fencedBlock(visibleLines(f.fix.replacement), "yaml").split("\n").map((l) => `  ${l}`));
  }
  return lines.join("\n");
}

/** Heading of a file group; findings about the review as a whole have no path, and `whole` names them. */
export function groupHeading(path: string, whole = "This pull request"): string {
  return path === "" ? `#### ${whole}` : `#### ${inlineCode(path)}`;
}

export interface Budget {
  /** Characters still free. */
  left: number;
}

/**
 * Renders file groups until the budget runs out; then one line says how
 * many findings were left out and where to see them all.
 */
export function renderGroups(findings: readonly Finding[], budget: Budget, overflowNote: string, whole?: string): string {
  const out: string[] = [];
  let shown = 0;
  const reserve = 200;
  outer: for (const [path, group] of groupByPath(findings)) {
    const heading = groupHeading(path, whole);
    let headingDone = false;
    for (const f of group) {
      const item = findingItem(f);
      const cost = item.length + 1 + (headingDone ? 0 : heading.length + 2);
      if (cost > budget.left - reserve) break outer;
      if (!headingDone) {
        out.push("", heading, "");
        headingDone = true;
      }
      out.push(item);
      budget.left -= cost;
      shown++;
    }
  }
  if (shown < findings.length) {
    const rest = findings.length - shown;
    out.push("", `_…and ${rest} more finding${rest === 1 ? "" : "s"}. ${overflowNote}_`);
  }
  return out.join("\n");
}

/** "Why these checks matter": one line per rule that reported. */
export function whySection(findings: readonly Finding[], meta: (id: string) => RuleMeta | undefined): string {
  const ids = [...new Set(findings.map((f) => f.ruleId))];
  const lines = ids.flatMap((id) => {
    const m = meta(id);
    return m ? [`- [${inlineCode(id)}](${findings.find((f) => f.ruleId === id)?.docsUrl ?? ""}): ${m.why}`] : [];
  });
  if (lines.length === 0) return "";
  return ["<details><summary>Why these checks matter</summary>", "", ...lines, "", "</details>"].join("\n");
}
