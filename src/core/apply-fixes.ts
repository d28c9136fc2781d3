import { LineIndex } from "../parse/lines.js";
import type { Finding, Fix, Workspace, WorkspaceFile } from "./types.js";

/**
 * Applying the fixes findings carry (`cardinal check --fix`), as pure text
 * work. The pull request's one-click suggestions come from the same `Fix`
 * data and the same overlap rule (report/suggestions.ts), so what the CLI
 * writes is what the comment offers.
 */

/** How many times --fix reviews and fixes again before it stops (ESLint's bound). */
export const MAX_FIX_PASSES = 10;

/** Whether two fixes replace at least one common line. */
export function fixesOverlap(a: Fix, b: Fix): boolean {
  return a.line <= b.endLine && b.line <= a.endLine;
}

function sameFix(a: Fix, b: Fix): boolean {
  return a.line === b.line && a.endLine === b.endLine && a.replacement === b.replacement;
}

/** Whether a fix names lines that exist (`lineCount` lines, when known). */
export function isWellFormed(fix: Fix, lineCount = Infinity): boolean {
  return Number.isInteger(fix.line) && Number.isInteger(fix.endLine) && fix.line >= 1 && fix.endLine >= fix.line && fix.endLine <= lineCount;
}

export interface FixSelection<T> {
  /** Fixes to apply together: none overlaps another. */
  readonly chosen: readonly T[];
  /** Exact repeats of a chosen fix (two findings, one edit): applied with it. */
  readonly repeats: readonly T[];
  /** Fixes overlapping an earlier chosen one: left for the next pass, when the lines are reviewed again. */
  readonly deferred: readonly T[];
}

/**
 * The fixes that can be applied in one pass, taken in the order given (the
 * findings' order): a fix that overlaps one already chosen is deferred, the
 * later one giving way, and one that names lines the file does not have is
 * dropped.
 */
export function selectFixes<T>(items: readonly T[], fixOf: (item: T) => Fix, lineCount = Infinity): FixSelection<T> {
  const chosen: T[] = [];
  const repeats: T[] = [];
  const deferred: T[] = [];
  for (const item of items) {
    const fix = fixOf(item);
    if (!isWellFormed(fix, lineCount)) continue;
    const clash = chosen.find((c) => fixesOverlap(fixOf(c), fix));
    if (clash === undefined) chosen.push(item);
    else if (sameFix(fixOf(clash), fix)) repeats.push(item);
    else deferred.push(item);
  }
  return { chosen, repeats, deferred };
}

/** The line break at `offset` ("" at the end of the text). */
function breakAt(text: string, offset: number): string {
  if (text.startsWith("\r\n", offset)) return "\r\n";
  const ch = text[offset];
  return ch === "\r" || ch === "\n" ? ch : "";
}

/** The first line break of a text, or LF when it has none. */
function firstBreak(text: string): string {
  const at = text.search(/[\r\n]/);
  return at === -1 ? "\n" : breakAt(text, at);
}

export interface AppliedFixes {
  /** The text with the fixes applied. */
  readonly text: string;
  /** Fixes that changed the text (repeats of one included). */
  readonly changed: number;
  /** Fixes left out because they overlap an earlier one. */
  readonly deferred: number;
}

/**
 * Applies non-overlapping fixes to a file's text: each replaces its lines
 * (`line`..`endLine`, line breaks after `endLine` kept). A fix's own line
 * breaks are written in the file's: the break that ends the replaced lines,
 * or the file's first one when they end the file. A byte order mark that
 * starts the file stays. Overlapping fixes: the later ones are deferred.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const index = new LineIndex(text);
  const { chosen, repeats, deferred } = selectFixes(fixes, (f) => f, index.lineCount);
  const edits = chosen
    .map((fix) => {
      const start = index.offsetOf(fix.line);
      const end = index.offsetOf(fix.endLine) + index.lineText(fix.endLine).length;
      const eol = breakAt(text, end) || firstBreak(text);
      let replacement = fix.replacement.split(/\r\n|\r|\n/).join(eol);
      if (start === 0 && text.startsWith("\uFEFF") && !replacement.startsWith("\uFEFF")) replacement = `\uFEFF${replacement}`;
      return { fix, start, end, replacement };
    })
    .sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  let changed = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
    if (text.slice(edit.start, edit.end) !== edit.replacement) {
      changed += 1 + repeats.filter((r) => sameFix(r, edit.fix)).length;
    }
  }
  out += text.slice(at);
  return { text: out, changed, deferred: deferred.length };
}

/** A file --fix changed: its text before and after, and how many fixes went into it. */
export interface FixedFile {
  readonly path: string;
  readonly before: string;
  readonly after: string;
  readonly fixes: number;
}

export interface FixRun<R> {
  /** The workspace with every fix applied. */
  readonly workspace: Workspace;
  /** The review of that workspace: the findings that remain. */
  readonly result: R;
  /** The files that changed, by path. */
  readonly files: readonly FixedFile[];
  /** Times the fixes were applied. */
  readonly passes: number;
}

function withText(file: WorkspaceFile, text: string): WorkspaceFile {
  return { ...file, size: new TextEncoder().encode(text).length, content: { type: "text", text } };
}

/**
 * Reviews, applies the fixes, and reviews again, until a review offers no
 * fix that changes anything or `maxPasses` passes have been applied. Each
 * pass re-reads the fixed text, so a fix deferred for overlapping another
 * is offered again at its new lines. Pure: `reviewOnce` is the engine with
 * its inputs bound. The result's findings are those of the fixed workspace.
 */
export async function fixUntilStable<R extends { readonly findings: readonly Finding[] }>(
  workspace: Workspace,
  reviewOnce: (workspace: Workspace) => Promise<R>,
  maxPasses = MAX_FIX_PASSES,
): Promise<FixRun<R>> {
  const originals = new Map<string, string>();
  const counts = new Map<string, number>();
  let current = workspace;
  let passes = 0;
  let result = await reviewOnce(current);
  while (passes < maxPasses) {
    const byPath = new Map<string, Fix[]>();
    for (const finding of result.findings) {
      if (!finding.fix) continue;
      const list = byPath.get(finding.path) ?? [];
      list.push(finding.fix);
      byPath.set(finding.path, list);
    }
    let any = false;
    const files = current.files.map((file) => {
      const fixes = byPath.get(file.path);
      if (!fixes || file.content.type !== "text") return file;
      const applied = applyFixes(file.content.text, fixes);
      if (applied.changed === 0 || applied.text === file.content.text) return file;
      any = true;
      if (!originals.has(file.path)) originals.set(file.path, file.content.text);
      counts.set(file.path, (counts.get(file.path) ?? 0) + applied.changed);
      return withText(file, applied.text);
    });
    if (!any) break;
    current = { ...current, files };
    passes++;
    result = await reviewOnce(current);
  }
  const fixed: FixedFile[] = [];
  for (const file of current.files) {
    const before = originals.get(file.path);
    if (before === undefined || file.content.type !== "text" || file.content.text === before) continue;
    fixed.push({ path: file.path, before, after: file.content.text, fixes: counts.get(file.path) ?? 0 });
  }
  return { workspace: current, result, files: fixed, passes };
}

/** The workspace with some files back at their text before the fixes (those that could not be written). */
export function revertFiles(workspace: Workspace, files: readonly FixedFile[]): Workspace {
  if (files.length === 0) return workspace;
  const before = new Map(files.map((f) => [f.path, f.before]));
  return {
    ...workspace,
    files: workspace.files.map((file) => {
      const text = before.get(file.path);
      return text === undefined ? file : withText(file, text);
    }),
  };
}
