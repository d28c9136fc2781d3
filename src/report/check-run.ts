import type { FileFacts } from "../core/engine.js";
import type { RuleMeta } from "../core/rule.js";
import { renderParts, saysSomething, type Text } from "../core/text.js";
import type { Finding, Severity } from "../core/types.js";
import { countPhrase, renderGroups, whySection } from "./group.js";
import { inlineCode, oneLine } from "./markdown.js";

/** The check run's name, one per head sha. */
export const CHECK_NAME = "Cardinal";

/** GitHub's limits for check run output. */
export const OUTPUT_LIMIT = 65_535;
export const ANNOTATIONS_PER_REQUEST = 50;
const TITLE_LIMIT = 255;
const ANNOTATION_MESSAGE_LIMIT = 60_000;

export type Conclusion = "success" | "failure" | "neutral" | "skipped";

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  title: string;
  message: string;
}

export interface CheckRunOutput {
  readonly conclusion: Conclusion;
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  /** All annotations; the publisher sends them 50 at a time. */
  readonly annotations: readonly Annotation[];
}

export interface CheckRunInput {
  readonly findings: readonly Finding[];
  readonly files: readonly FileFacts[];
  readonly ruleMeta: (id: string) => RuleMeta | undefined;
  /** The heading of findings about the review as a whole (default "This pull request"; a default branch's review says "All files"). */
  readonly whole?: string;
}

const LEVEL: Record<Severity, Annotation["annotation_level"]> = {
  error: "failure",
  warning: "warning",
  notice: "notice",
};

/** Rule whose findings mean "the Hub could not be asked": the verdict is then neutral, not green. */
export const HUB_UNREACHABLE_ID = "hub/unreachable";

export function conclusionOf(findings: readonly Finding[]): Conclusion {
  if (findings.some((f) => f.severity === "error")) return "failure";
  return findings.some((f) => f.ruleId === HUB_UNREACHABLE_ID) ? "neutral" : "success";
}

function cut(value: string, limit: number): string {
  return value.length <= limit ? value : `${value.slice(0, limit - 1)}…`;
}

/**
 * A message as an annotation's plain text. GitHub shows annotations as text,
 * not markdown, but a line break in a value could still start a line that
 * reads like Cardinal's own ("Rule: …", "How to fix: …"), and a bidi control
 * could reorder the words: values are kept on one line, in backticks, without
 * control or bidi characters, and so are quoted words.
 */
export function annotationText(message: Text): string {
  return renderParts(message, { prose: (v) => v, code: (v) => `\`${oneLine(v)}\``, quoted: oneLine });
}

export function toAnnotation(f: Finding): Annotation | undefined {
  if (f.path === "") return undefined;
  const line = f.line ?? 1;
  const endLine = Math.max(line, f.endLine ?? line);
  const message = [annotationText(f.message), saysSomething(f.hint) ? `How to fix: ${annotationText(f.hint)}` : "", `Rule: ${f.ruleId} — ${f.docsUrl}`]
    .filter(Boolean)
    .join("\n\n");
  return {
    path: f.path,
    start_line: line,
    end_line: endLine,
    // Columns are allowed only on single-line annotations.
    ...(f.column !== undefined && endLine === line
      ? { start_column: f.column, end_column: Math.max(f.column, f.endColumn ?? f.column) }
      : {}),
    annotation_level: LEVEL[f.severity],
    title: cut(oneLine(f.title), TITLE_LIMIT),
    message: cut(message, ANNOTATION_MESSAGE_LIMIT),
  };
}

/** The check run for a review: verdict, summary grouped by file, annotations. */
export function renderCheckRun(input: CheckRunInput): CheckRunOutput {
  const { findings, files } = input;
  const annotations = findings.flatMap((f) => toAnnotation(f) ?? []);
  const text = filesTable(files);

  if (findings.length === 0) {
    return {
      conclusion: "success",
      title: files.length === 0 ? "Nothing to review" : "No problems found",
      summary:
        files.length === 0
          ? "This pull request changes no model cards, dataset cards, licenses or model files."
          : `Cardinal reviewed ${files.length} ${files.length === 1 ? "file" : "files"} and found nothing to fix.`,
      ...(text ? { text } : {}),
      annotations,
    };
  }

  const intro = `Cardinal found **${countPhrase(findings)}**. Each item says what is wrong and how to fix it; the rule link explains more.`;
  const why = whySection(findings, input.ruleMeta);
  const budget = { left: OUTPUT_LIMIT - 1_000 - intro.length - why.length };
  const groups = renderGroups(findings, budget, "Every finding is also an annotation on its file.", input.whole);
  return {
    conclusion: conclusionOf(findings),
    title: countPhrase(findings).replace(/^./, (c) => c.toUpperCase()),
    summary: cut([intro, groups, "", why].join("\n"), OUTPUT_LIMIT),
    ...(text ? { text } : {}),
    annotations,
  };
}

/** A skipped review (draft, bot author): says why, and how to get a review. */
export function renderSkipped(reason: string): CheckRunOutput {
  return { conclusion: "skipped", title: "Review skipped", summary: reason, annotations: [] };
}

/**
 * A path as a code span in a table cell. GitHub splits table rows at every
 * pipe not preceded by a backslash, even inside code spans, so each pipe is
 * escaped; a backslash right before a pipe would make the escape itself
 * literal (`\\|` ends the cell), so it becomes U+29F5 (⧵) in the table.
 */
function tableCode(path: string): string {
  return inlineCode(path.replace(/\\(?=\|)/g, "\u29f5")).replace(/\|/g, "\\|");
}

/** Which files Cardinal recognised, as a table (the check run's details). */
function filesTable(files: readonly FileFacts[]): string {
  if (files.length === 0) return "";
  const rows = ["| File | Recognised as | Metadata |", "| --- | --- | --- |"];
  let length = rows.join("\n").length;
  for (const f of files) {
    const row = `| ${tableCode(f.path)} | ${f.kind}${f.storage === "text" || f.storage === "not-fetched" ? "" : ` (${f.storage})`} | ${f.metadata ?? ""} |`;
    if (length + row.length + 200 > OUTPUT_LIMIT) {
      rows.push(`\n_…and ${files.length - (rows.length - 2)} more files._`);
      break;
    }
    rows.push(row);
    length += row.length + 1;
  }
  return ["### Files reviewed", "", ...rows].join("\n");
}
