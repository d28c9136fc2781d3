import { countBySeverity } from "../core/engine.js";
import { plain, saysSomething } from "../core/text.js";
import type { Finding, Severity } from "../core/types.js";
import { groupByPath } from "./group.js";

/** ANSI styling, or none. The CLI decides (TTY, NO_COLOR); the renderer stays pure. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(s: string, severity: Severity): string;
}

export const NO_STYLE: Style = { bold: (s) => s, dim: (s) => s, severity: (s) => s };

export const ANSI_STYLE: Style = {
  bold: (s) => `\u001b[1m${s}\u001b[22m`,
  dim: (s) => `\u001b[2m${s}\u001b[22m`,
  severity: (s, severity) => `\u001b[${severity === "error" ? 31 : severity === "warning" ? 33 : 36}m${s}\u001b[39m`,
};

export interface TerminalInput {
  readonly findings: readonly Finding[];
  /** Number of files reviewed, for the closing line. */
  readonly fileCount: number;
  /** A line of a reviewed file, for the code frame. */
  readonly lineText?: (path: string, line: number) => string | undefined;
  readonly style?: Style;
  /** Print the rule's "why" under each finding. */
  readonly verbose?: boolean;
  readonly why?: (ruleId: string) => string | undefined;
  /** The paths reviewed, named in the closing line when nothing was found. */
  readonly reviewed?: readonly string[];
  /** Markdown files that look like cards but were not reviewed, with whether each reads as a dataset card. */
  readonly unreviewedCards?: readonly { readonly path: string; readonly dataset: boolean }[];
  /** Findings left out by `--quiet`, counted in the closing line so that it never claims more than it checked. */
  readonly hidden?: { readonly warnings: number; readonly notices: number };
  /** Set after `--fix` or `--fix-dry-run`: the findings are those of the fixed files. */
  readonly fixes?: FixSummary;
}

/** What `--fix` wrote, or `--fix-dry-run` would write. */
export interface FixSummary {
  /** `applied`: the fixed files were written; `dry-run`: nothing was written. */
  readonly mode: "applied" | "dry-run";
  /** Problems fixed (or that would be), in how many files. */
  readonly fixed: number;
  readonly files: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The start of the closing line after fixes, or "" when nothing was fixed. */
function fixedPrefix(fixes: FixSummary | undefined): string {
  if (!fixes || fixes.fixed === 0) return "";
  return fixes.mode === "applied"
    ? `Fixed ${plural(fixes.fixed, "problem")} in ${plural(fixes.files, "file")}; `
    : `After these fixes (${fixes.fixed} in ${plural(fixes.files, "file")}): `;
}

/** The end of the closing line after a dry run. */
function dryRunNote(fixes: FixSummary | undefined): string {
  return fixes?.mode === "dry-run" && fixes.fixed > 0 ? " Nothing was written; run with --fix to apply them." : "";
}

/** "1 warning and 2 notices", or "" when there are none. */
export function hiddenPhrase(hidden: TerminalInput["hidden"]): string {
  if (!hidden) return "";
  const parts = [hidden.warnings ? plural(hidden.warnings, "warning") : "", hidden.notices ? plural(hidden.notices, "notice") : ""].filter(Boolean);
  return parts.join(" and ");
}

/** How many reviewed files the "No problems found" line names before "and N more". */
export const REVIEWED_NAMED = 10;

/** A path as a glob that matches only itself (picomatch's special characters escaped). */
function literalGlob(path: string): string {
  return path.replace(/[\\*?[\]{}()!+@|]/g, "\\$&");
}

/**
 * Globs for the `cards:` setting: a folder's Markdown files as `folder/*.md`
 * when two or more of them are listed, otherwise each path as it is.
 */
export function cardGlobs(paths: readonly string[]): string[] {
  const byFolder = new Map<string, string[]>();
  for (const p of paths) {
    const slash = p.lastIndexOf("/");
    const dir = slash === -1 ? "" : p.slice(0, slash);
    const list = byFolder.get(dir) ?? [];
    list.push(p);
    byFolder.set(dir, list);
  }
  const globs: string[] = [];
  for (const [dir, list] of byFolder) {
    if (list.length >= 2 && dir !== "" && list.every((p) => p.endsWith(".md"))) globs.push(`${literalGlob(dir)}/*.md`);
    else globs.push(...list.map(literalGlob));
  }
  return globs;
}

/**
 * The lines that name the Markdown files Cardinal took for cards by their
 * look but did not review, and the configuration that would review them.
 */
export function unreviewedCardsNote(files: readonly { readonly path: string; readonly dataset: boolean }[]): string {
  if (files.length === 0) return "";
  const out = [
    "",
    `${files.length === 1 ? "1 file looks" : `${files.length} files look`} like a card but ${files.length === 1 ? "was" : "were"} not reviewed (not a card file name):`,
    ...files.map((f) => `  ${printable(f.path)}`),
    "To review them as cards (their text: placeholders, description, sections), add to .github/cardinal.yml:",
    "  cards:",
  ];
  for (const [key, dataset] of [["model", false], ["dataset", true]] as const) {
    const paths = files.filter((f) => f.dataset === dataset).map((f) => f.path);
    if (paths.length === 0) continue;
    out.push(`    ${key}:`, ...cardGlobs(paths).map((g) => `      - ${printable(JSON.stringify(g))}`));
  }
  out.push("");
  return out.join("\n");
}

/** Terminal characters that could move the cursor or recolour the screen. */
function safe(value: string): string {
  // Line breaks too: the renderer adds its own, and one inside a value could forge a line of output.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return value.replace(/\r\n|\r|\n/g, " ⏎ ").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "\uFFFD");
}

/** Characters that act on a terminal or reorder text: C0 and C1 controls, DEL, bidi controls, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A file name (or any one-line value) for a terminal: each control character shown as a
 * visible escape (`\n`, `\x1b`, `\u202e`), so the name can neither move the cursor,
 * recolour the screen, nor start a line of its own, and the reader still sees what it is.
 */
export function printable(value: string): string {
  return value.replace(UNPRINTABLE, (c) => {
    const named = NAMED_ESCAPES[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** A linter-style report: file, then `line:col  severity  title  rule-id`, detail, fix. */
export function renderTerminal(input: TerminalInput): string {
  const style = input.style ?? NO_STYLE;
  const { findings } = input;
  const note = unreviewedCardsNote(input.unreviewedCards ?? []);
  if (findings.length === 0) {
    const reviewed = input.reviewed ?? [];
    const named = reviewed.slice(0, REVIEWED_NAMED).map(printable).join(", ");
    const more = reviewed.length > REVIEWED_NAMED ? ` and ${reviewed.length - REVIEWED_NAMED} more` : "";
    const which = reviewed.length > 0 ? `: ${named}${more}` : "";
    const prefix = fixedPrefix(input.fixes);
    const files = `${input.fileCount} ${input.fileCount === 1 ? "file" : "files"}${which}`;
    const hidden = hiddenPhrase(input.hidden);
    // With --quiet hiding warnings, "no problems" would be untrue: say what was checked, and what was left out.
    const state =
      prefix === ""
        ? `${hidden ? "No errors" : "No problems found"} in ${files}`
        : input.fixes?.mode === "applied"
          ? `no ${hidden ? "errors" : "problems"} left in ${files}`
          : `no ${hidden ? "errors" : "problems"} in ${files}`;
    return `${style.bold("✔")} ${prefix}${state}.${hidden ? ` --quiet left out ${hidden}.` : ""}${dryRunNote(input.fixes)}\n${note}`;
  }
  const out: string[] = [];
  const positions = findings.map((f) => (f.line === undefined ? "" : `${f.line}:${f.column ?? 1}`));
  const posWidth = Math.max(...positions.map((p) => p.length));
  const indent = " ".repeat(2 + posWidth + 2);
  let i = 0;
  for (const [path, group] of groupByPath(findings)) {
    out.push("", style.bold(path === "" ? "(all files)" : printable(path)));
    for (const f of group) {
      const pos = positions[i++] ?? "";
      const sev = style.severity(f.severity.padEnd(7), f.severity);
      out.push(`  ${style.dim(pos.padEnd(posWidth))}  ${sev}  ${f.title}  ${style.dim(f.ruleId)}`);
      out.push(`${indent}${safe(plain(f.message))}`);
      const source = f.line !== undefined ? input.lineText?.(f.path, f.line) : undefined;
      if (source !== undefined && source.trim() !== "") {
        const gutter = `│ ${f.line} │ `;
        out.push(`${indent}${style.dim(gutter)}${safe(source.length > 160 ? `${source.slice(0, 159)}…` : source)}`);
        if (f.column !== undefined && f.column > 0 && f.column <= 160) {
          const pad = " ".repeat(String(f.line).length);
          out.push(`${indent}${style.dim(`│ ${pad} │ `)}${" ".repeat(f.column - 1)}${style.severity("^", f.severity)}`);
        }
      }
      if (f.fix) out.push(`${indent}${style.bold("fix:")} ${safe(f.fix.replacement.split(/\r?\n/).join(" ⏎ "))}`);
      if (saysSomething(f.hint)) out.push(`${indent}${style.bold("how to fix:")} ${safe(plain(f.hint))}`);
      if (input.verbose) {
        const why = input.why?.(f.ruleId);
        if (why) out.push(`${indent}${style.dim(`why: ${why}`)}`);
        out.push(`${indent}${style.dim(f.docsUrl)}`);
      }
    }
  }
  const counts = countBySeverity(findings);
  const parts = [
    counts.error ? `${counts.error} error${counts.error === 1 ? "" : "s"}` : "",
    counts.warning ? `${counts.warning} warning${counts.warning === 1 ? "" : "s"}` : "",
    counts.notice ? `${counts.notice} notice${counts.notice === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  const fixable = findings.filter((f) => f.fix).length;
  const mark = counts.error ? style.severity("✖", "error") : style.severity("⚠", "warning");
  const prefix = fixedPrefix(input.fixes);
  const problems = `${plural(findings.length, "problem")}${prefix !== "" && input.fixes?.mode === "applied" ? " left" : ""} (${parts.join(", ")})`;
  // After --fix a fix still offered is one that could not be applied (a file not written, or the bound of passes).
  const fixHint = fixable === 0 ? "" : input.fixes ? ` · ${fixable} not applied` : ` · ${fixable} fixable with --fix`;
  const hidden = hiddenPhrase(input.hidden);
  const quiet = hidden ? ` · --quiet left out ${hidden}` : "";
  const dryRun = dryRunNote(input.fixes);
  out.push("", `${mark} ${prefix}${problems}${fixHint}${quiet}${dryRun === "" ? "" : `.${dryRun}`}`, "");
  return out.join("\n") + note;
}
