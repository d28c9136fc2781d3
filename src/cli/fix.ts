import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, chmod, chown, lstat, realpath, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { fixUntilStable, revertFiles, type FixedFile } from "../core/apply-fixes.js";
import type { Finding, Workspace } from "../core/types.js";
import type { JsonFixedFile } from "../report/json.js";
import { unifiedDiff } from "../report/diff.js";
import type { FixSummary } from "../report/terminal.js";
import { errorReason, isInside, readRegular, Refused, type Boundary } from "../io/fs/safe-read.js";

/**
 * Writing the files `cardinal check --fix` fixed. Each file is written only
 * when it is still the regular file Cardinal reviewed, inside the folder
 * being checked, and not reached through a symbolic link; the new text goes
 * to a temporary file beside it that then replaces it, with the old file's
 * mode (and owner, where the system allows), so an interrupted write never
 * leaves half a card and a hard link to a file elsewhere is not written into.
 */

export interface WriteOutcome {
  readonly path: string;
  readonly fixes: number;
  readonly written: boolean;
  /** Why the file was not written, in words for the user. */
  readonly reason?: string;
}

/** Refuses (throws Refused) unless `absolute` may be written; returns its mode and owner. */
async function checkWritable(absolute: string, root: string, boundary: Boundary, before: string) {
  if (!isInside(absolute, root)) throw new Refused(`it is outside ${boundary.label}`);
  let info;
  try {
    info = await lstat(absolute);
  } catch (error) {
    throw new Refused(errorReason(error));
  }
  if (info.isSymbolicLink()) throw new Refused("it is a symbolic link, and Cardinal does not write through one");
  if (!info.isFile()) throw new Refused("it is no longer a regular file");
  let folder: string;
  try {
    folder = await realpath(path.dirname(absolute));
  } catch (error) {
    throw new Refused(errorReason(error));
  }
  if (!isInside(folder, boundary.real)) throw new Refused(`it lies behind a symbolic link that leads outside ${boundary.label}`);
  const expected = Buffer.from(before, "utf8");
  const { bytes } = await readRegular(absolute, expected.length, boundary);
  if (!bytes.equals(expected)) throw new Refused("it changed on disk while Cardinal was reviewing it");
  try {
    await access(absolute, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Refused(code === "EACCES" || code === "EPERM" ? "permission denied (the file is read-only)" : errorReason(error));
  }
  return { mode: info.mode & 0o7777, uid: info.uid, gid: info.gid, folder };
}

async function writeOne(root: string, boundary: Boundary, file: FixedFile): Promise<WriteOutcome> {
  const absolute = path.join(root, ...file.path.split("/"));
  let temp: string | undefined;
  try {
    const { mode, uid, gid, folder } = await checkWritable(absolute, root, boundary, file.before);
    temp = path.join(folder, `.${path.basename(absolute)}.cardinal-${randomBytes(6).toString("hex")}.tmp`);
    await writeFile(temp, file.after, { encoding: "utf8", flag: "wx", mode });
    // The umask may have taken bits off the mode: set it exactly.
    await chmod(temp, mode);
    await chown(temp, uid, gid).catch(() => undefined);
    await rename(temp, path.join(folder, path.basename(absolute)));
    temp = undefined;
    return { path: file.path, fixes: file.fixes, written: true };
  } catch (error) {
    if (temp !== undefined) await unlink(temp).catch(() => undefined);
    const reason = error instanceof Refused ? error.message : errorReason(error);
    return { path: file.path, fixes: file.fixes, written: false, reason };
  }
}

/** Writes each fixed file; one that cannot be written is left as it was, with the reason. */
export async function writeFixedFiles(root: string, boundary: Boundary, files: readonly FixedFile[]): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const file of files) outcomes.push(await writeOne(root, boundary, file));
  return outcomes;
}

export interface FolderFixes<R> {
  /** The review of the files as they now are (or, in a dry run, would be). */
  readonly result: R;
  readonly workspace: Workspace;
  readonly dryRun: boolean;
  /** The files fixed and the unified diff of each. */
  readonly files: readonly (FixedFile & { readonly diff: string })[];
  /** What became of each file (a dry run writes nothing). */
  readonly outcomes: readonly WriteOutcome[];
}

/**
 * `--fix` and `--fix-dry-run`: fixes until stable, writes the fixed files
 * (unless a dry run), and when some could not be written reviews again with
 * those files as they are on disk, so the findings reported are true of it.
 */
export async function fixFolder<R extends { readonly findings: readonly Finding[] }>(options: {
  readonly workspace: Workspace;
  readonly reviewOnce: (workspace: Workspace) => Promise<R>;
  readonly root: string;
  readonly boundary: Boundary;
  readonly dryRun: boolean;
}): Promise<FolderFixes<R>> {
  const run = await fixUntilStable(options.workspace, options.reviewOnce);
  const files = run.files.map((f) => ({ ...f, diff: unifiedDiff(f.path, f.before, f.after) }));
  if (options.dryRun) {
    const outcomes = run.files.map((f) => ({ path: f.path, fixes: f.fixes, written: false }));
    return { result: run.result, workspace: run.workspace, dryRun: true, files, outcomes };
  }
  const outcomes = await writeFixedFiles(options.root, options.boundary, run.files);
  const failed = run.files.filter((_, i) => outcomes[i]?.written !== true);
  if (failed.length === 0) return { result: run.result, workspace: run.workspace, dryRun: false, files, outcomes };
  const workspace = revertFiles(run.workspace, failed);
  return { result: await options.reviewOnce(workspace), workspace, dryRun: false, files, outcomes };
}

/** One plain line for each file that could not be written. */
export function failureLines(fixes: FolderFixes<unknown>): string[] {
  return fixes.outcomes
    .filter((o) => !o.written && !fixes.dryRun)
    .map((o) => `${o.path} was not fixed: ${o.reason ?? "it could not be written"}. Nothing in it was changed.`);
}

/** The closing line's account of the fixes (terminal). */
export function fixSummary(fixes: FolderFixes<unknown>): FixSummary {
  const done = fixes.dryRun ? fixes.outcomes : fixes.outcomes.filter((o) => o.written);
  return { mode: fixes.dryRun ? "dry-run" : "applied", fixed: done.reduce((n, o) => n + o.fixes, 0), files: done.length };
}

/** The `fixed` list of the JSON report. */
export function jsonFixed(fixes: FolderFixes<unknown>): JsonFixedFile[] {
  return fixes.outcomes.map((o, i) => ({
    path: o.path,
    fixes: o.fixes,
    status: fixes.dryRun ? "dry-run" : o.written ? "written" : "failed",
    ...(!fixes.dryRun && !o.written ? { reason: o.reason ?? "it could not be written" } : {}),
    ...(fixes.dryRun ? { diff: fixes.files[i]?.diff ?? "" } : {}),
  }));
}

/** Every fixed file's diff, one after the other. */
export function allDiffs(fixes: FolderFixes<unknown>): string {
  return fixes.files.map((f) => f.diff).join("");
}
