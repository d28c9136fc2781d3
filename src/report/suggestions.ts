import { fixesOverlap, isWellFormed } from "../core/apply-fixes.js";
import type { Finding, Fix } from "../core/types.js";
import { escapeMarkdown, fencedBlock, inlineCode } from "./markdown.js";

/** A changed file of a pull request and its unified diff, as GitHub lists it (`patch` is absent for large or binary files). */
export interface FilePatch {
  readonly path: string;
  readonly patch?: string | undefined;
}

/** One review comment, in the shape POST /pulls/N/reviews takes in `comments`. */
export interface SuggestionComment {
  readonly path: string;
  /** The last line of the fix (1-based, head side). */
  readonly line: number;
  /** The first line, only for a fix of several lines. */
  readonly start_line?: number;
  readonly side: "RIGHT";
  readonly start_side?: "RIGHT";
  readonly body: string;
}

/** Lines `start`..`end` (1-based, inclusive) of the new file that one hunk shows. */
export interface HunkRange {
  readonly start: number;
  readonly end: number;
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * The right-side (head) lines each hunk of a patch shows: context and added
 * lines advance the new file's line number, removed lines do not. A hunk
 * that shows no right-side line (a deletion only) gives no range.
 */
export function hunkRanges(patch: string | undefined): HunkRange[] {
  if (!patch) return [];
  const ranges: HunkRange[] = [];
  let start = 0;
  let next = 0;
  let expected = 0;
  let inHunk = false;
  const close = () => {
    if (inHunk && next > start) ranges.push({ start, end: next - 1 });
  };
  for (const line of patch.split(/\r?\n/)) {
    const header = HUNK_HEADER.exec(line);
    if (header) {
      close();
      start = Number(header[1]);
      next = start;
      expected = header[2] === undefined ? 1 : Number(header[2]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith("+") || line.startsWith(" ")) {
      next++;
    } else if (line === "" && next - start < expected) {
      // A context line whose single space was lost.
      next++;
    }
    // "-" lines and "\ No newline at end of file" leave the right side where it is.
  }
  close();
  return ranges;
}

/** The body of a suggestion: what it fixes, then GitHub's suggestion block. */
export function suggestionBody(finding: Finding, replacement: string): string {
  return `${escapeMarkdown(finding.title)} (${inlineCode(finding.ruleId)})\n\n${fencedBlock(replacement, "suggestion")}`;
}

/**
 * Review comments with one-click suggestions for the findings whose fix lies
 * entirely inside one hunk of its file's diff (GitHub refuses a review
 * comment outside the diff). Fixes elsewhere get none: the comment and the
 * check run still show them. A fix overlapping an earlier one in the same
 * file is left out, as applying both would conflict: the same rule, on the
 * same fix data, as `cardinal check --fix` (core/apply-fixes.ts).
 */
export function suggestionComments(findings: readonly Finding[], files: readonly FilePatch[]): SuggestionComment[] {
  const rangesByPath = new Map<string, HunkRange[]>();
  for (const file of files) rangesByPath.set(file.path, hunkRanges(file.patch));
  const taken = new Map<string, Fix[]>();
  const comments: SuggestionComment[] = [];
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix || !isWellFormed(fix)) continue;
    const ranges = rangesByPath.get(finding.path) ?? [];
    if (!ranges.some((r) => r.start <= fix.line && fix.endLine <= r.end)) continue;
    const used = taken.get(finding.path) ?? [];
    if (used.some((u) => fixesOverlap(u, fix))) continue;
    used.push(fix);
    taken.set(finding.path, used);
    comments.push({
      path: finding.path,
      line: fix.endLine,
      ...(fix.endLine > fix.line ? { start_line: fix.line, start_side: "RIGHT" as const } : {}),
      side: "RIGHT",
      body: suggestionBody(finding, fix.replacement),
    });
  }
  return comments;
}
