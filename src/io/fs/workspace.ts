import { existsSync } from "node:fs";
import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";
import { CONFIG_PATH, resolveConfig, type Config, type ConfigProblem } from "../../core/config.js";
import { isRelevantPath, pathFilter, pathKind } from "../../core/engine.js";
import type { RepoFiles } from "../../core/repo.js";
import type { FileContent, RepositoryOrigin, Workspace, WorkspaceFile } from "../../core/types.js";
import { decodeContent, LFS_POINTER_MAX_BYTES } from "../../parse/bytes.js";
import { looksLikeCardDocument, needsText } from "../../parse/classify.js";
import { resolveConfigText } from "../../parse/config-file.js";
import { originOfGitConfig } from "../../parse/git-remote.js";
import { text } from "../../core/text.js";
import { errorReason, isInside, openRegular, readBounded, readRegular, Refused, type Boundary } from "./safe-read.js";

/** Folders never worth walking for model releases. */
export const IGNORED_DIRECTORIES = [
  "**/node_modules/**",
  "**/.git/**",
  "**/.venv/**",
  "**/venv/**",
  "**/__pycache__/**",
  "**/.tox/**",
  "**/.mypy_cache/**",
  "**/.pytest_cache/**",
  "**/.ipynb_checkpoints/**",
];

export class UsageError extends Error {}

/** Folder names never walked (IGNORED_DIRECTORIES as plain names). */
const IGNORED_NAMES = new Set(IGNORED_DIRECTORIES.map((glob) => glob.replace(/^\*\*\//, "").replace(/\/\*\*$/, "")));

/** Bytes of a weight file kept for format detection. */
const WEIGHT_HEAD_BYTES = 256;

/** The configuration file is small: anything larger is refused, not read. */
export const CONFIG_MAX_BYTES = 1024 * 1024;

/** A path Cardinal did not read, and why (named on stderr by the CLI). */
export interface SkippedPath {
  readonly path: string;
  readonly reason: string;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The whole folder at its current state, listed once and only when a rule asks. */
export function folderRepoFiles(root: string, boundary?: Boundary): RepoFiles {
  let listing: Promise<ReadonlySet<string>> | undefined;
  const all = () =>
    (listing ??= glob("**/*", { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: IGNORED_DIRECTORIES }).then(
      (found) => new Set(found.map(toPosix)),
    ));
  return {
    async existing(paths) {
      const files = await all();
      return new Set(paths.filter((p) => files.has(p)));
    },
    async filesUnder(dir) {
      const files = await all();
      if (dir === "") return [...files];
      const prefix = `${dir}/`;
      return [...files].filter((p) => p.startsWith(prefix));
    },
    async read(relative) {
      const absolute = path.join(root, relative);
      if (!isInside(absolute, root)) return undefined;
      try {
        const { bytes } = await readRegular(absolute, REPO_READ_MAX_BYTES, boundary);
        if (bytes.length > REPO_READ_MAX_BYTES) return undefined;
        const content = decodeContent(bytes);
        return content.type === "text" ? content.text : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Files a rule reads beside the reviewed ones (a `.gitattributes` above them): at most this many bytes. */
const REPO_READ_MAX_BYTES = 1024 * 1024;

export interface FolderConfig {
  readonly config: Config;
  /** Where the configuration came from, relative to the root (or as given). */
  readonly path: string;
  readonly found: boolean;
  readonly problems: readonly ConfigProblem[];
}

export interface FolderWorkspace {
  /** Absolute folder that paths are relative to (the repository root when there is one). */
  readonly root: string;
  /** The real path of the root (symbolic links resolved): nothing outside it is read. */
  readonly boundary: Boundary;
  readonly workspace: Workspace;
  readonly configSource: FolderConfig;
  /** Paths given on the command line that Cardinal does not review. */
  readonly skipped: readonly string[];
  /**
   * Paths Cardinal did not read and that no finding names: folders it could not walk
   * or did not follow, and weight files that are not regular files. (A card, license
   * or config that cannot be read is a `cardinal/file-unreadable` finding instead.)
   */
  readonly notes: readonly SkippedPath[];
  /**
   * Markdown files that look like model or dataset cards by name or place
   * (`MODEL_CARD_VISION.md`, `models/llama3.md`) but are not reviewed: not a
   * card file name, and no `cards:` setting includes them. Never read.
   */
  readonly unreviewedCards: readonly string[];
}

/** The nearest folder at or above `start` holding `.git`, else undefined. */
function findRepositoryRoot(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** More than any `.git/config` git writes; a larger one is not read. */
const GIT_CONFIG_MAX_BYTES = 1_000_000;

/**
 * The checkout's `origin` (a clone of a Hub model repository, or a GitHub
 * repository), from `.git/config`. A `.git` that is a file (a worktree, a
 * submodule) or a config that cannot be read gives none: the review goes on
 * without it.
 */
async function checkoutOrigin(repository: string, boundary: Boundary): Promise<RepositoryOrigin | undefined> {
  try {
    // Read like every other file: a regular file inside the repository, bounded.
    const { bytes } = await readRegular(path.join(repository, ".git", "config"), GIT_CONFIG_MAX_BYTES, boundary);
    return bytes.length > GIT_CONFIG_MAX_BYTES ? undefined : originOfGitConfig(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/**
 * Reads `.github/cardinal.yml` (or `--config`), the same file the app reads
 * from the default branch. Organisation defaults (`_extends`) exist only on
 * GitHub; locally the key is reported as not applied. The file goes through the
 * same reader as every other: a regular file, inside the repository (a `--config`
 * given by the user may be anywhere), at most CONFIG_MAX_BYTES.
 */
export async function loadFolderConfig(
  root: string,
  knownRuleIds: readonly string[],
  explicit?: string,
  options: { readonly cwd?: string; readonly boundary?: Boundary } = {},
): Promise<FolderConfig> {
  const candidates = explicit
    ? [path.resolve(options.cwd ?? process.cwd(), explicit)]
    : [path.join(root, CONFIG_PATH), path.join(root, CONFIG_PATH.replace(/\.yml$/, ".yaml"))];
  const defaults = (shown: string, message: string): FolderConfig => ({
    config: resolveConfig({}, knownRuleIds).config,
    path: shown,
    found: true,
    problems: [{ key: "(file)", path: [], message, effect: "file" }],
  });
  for (const file of candidates) {
    const shown = explicit ?? toPosix(path.relative(root, file));
    let bytes: Buffer;
    try {
      bytes = (await readRegular(file, CONFIG_MAX_BYTES, explicit ? undefined : options.boundary)).bytes;
    } catch (error) {
      const reason = error instanceof Refused ? error.message : errorReason(error);
      if (explicit) throw new UsageError(`cannot read the configuration file ${explicit}: ${reason}`);
      if (error instanceof Refused && (error.code === "ENOENT" || error.code === "ENOTDIR")) continue;
      return defaults(shown, `Cardinal did not read the file: ${reason}`);
    }
    if (bytes.length > CONFIG_MAX_BYTES) {
      const limit = `${CONFIG_MAX_BYTES / (1024 * 1024)} MB`;
      if (explicit) throw new UsageError(`cannot read the configuration file ${explicit}: it is larger than ${limit}`);
      return defaults(shown, `The file is larger than ${limit}, so Cardinal did not read it`);
    }
    // Invalid YAML applies none of the file; every problem has its line (parse/config-file.ts).
    const resolved = resolveConfigText(bytes.toString("utf8"), knownRuleIds);
    const problems = [...resolved.problems];
    if (resolved.config._extends) {
      const line = resolved.lineOf(["_extends"]);
      problems.push({
        key: "_extends",
        path: ["_extends"],
        message: text`${"_extends"}: organisation defaults are read only by the GitHub App; the local check used this file alone`,
        effect: "note",
        ...(line !== undefined ? { line } : {}),
      });
    }
    return { config: resolved.config, path: shown, found: true, problems };
  }
  return { config: resolveConfig({}, knownRuleIds).config, path: CONFIG_PATH, found: false, problems: [] };
}

/** One file as the rules see it; a path that may not be read becomes `unavailable` with the reason. */
async function readRelevant(absolute: string, relative: string, config: Config, boundary: Boundary): Promise<WorkspaceFile> {
  const kind = pathKind(relative, config);
  let opened;
  try {
    opened = await openRegular(absolute, boundary);
  } catch (error) {
    return { path: relative, status: "unchanged", content: { type: "unavailable", reason: refusal(error) } };
  }
  const { handle, size } = opened;
  const base = { path: relative, status: "unchanged" as const, size };
  try {
    if (!needsText(kind)) {
      // Weights: read the first bytes (format, or an LFS pointer when Git LFS did not
      // check the file out); never the whole checkpoint.
      const head = await readBounded(handle, Math.min(size, LFS_POINTER_MAX_BYTES) - 1);
      if (size <= LFS_POINTER_MAX_BYTES) {
        const content = decodeContent(head);
        if (content.type === "lfs-pointer") return { ...base, size: content.size, content };
        if (content.type === "lfs-pointer-invalid") return { ...base, content };
      }
      return { ...base, content: { type: "not-fetched" }, head: head.subarray(0, WEIGHT_HEAD_BYTES) };
    }
    const tooLarge = { ...base, content: { type: "too-large" as const, limit: config.max_file_size } };
    if (size > config.max_file_size) return tooLarge;
    // Bounded even if the file grew since it was typed: max_file_size + 1 bytes at most.
    const bytes = await readBounded(handle, config.max_file_size);
    if (bytes.length > config.max_file_size) return tooLarge;
    const content: FileContent = decodeContent(bytes);
    return content.type === "lfs-pointer" ? { ...base, size: content.size, content } : { ...base, content };
  } catch (error) {
    return { ...base, content: { type: "unavailable", reason: refusal(error) } };
  } finally {
    await handle.close();
  }
}

function refusal(error: unknown): string {
  return error instanceof Refused ? error.message : errorReason(error);
}

/**
 * Every relevant file below `start` (a real folder), without following symbolic links
 * to folders. Nothing is opened here: entries are typed from the listing. Folders that
 * cannot be listed, and links to folders, are noted; relevant names of any type are
 * returned, for readRelevant to read or refuse.
 */
async function walk(
  start: string,
  root: string,
  isRelevant: (relative: string) => boolean,
  notes: SkippedPath[],
  cardLike?: (relative: string) => boolean,
  unreviewed?: string[],
): Promise<string[]> {
  const found: string[] = [];
  const pending = [start];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const relDir = toPosix(path.relative(root, dir));
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true, encoding: "buffer" });
    } catch (error) {
      notes.push({ path: relDir || ".", reason: `the folder was not walked: ${errorReason(error)}` });
      continue;
    }
    for (const entry of entries) {
      let name: string;
      try {
        name = UTF8.decode(entry.name);
      } catch {
        const shown = [relDir, entry.name.toString("utf8")].filter(Boolean).join("/");
        notes.push({ path: shown, reason: "its name is not valid UTF-8, so Cardinal cannot name it; not read" });
        continue;
      }
      const absolute = path.join(dir, name);
      const relative = relDir ? `${relDir}/${name}` : name;
      if (entry.isDirectory()) {
        if (!IGNORED_NAMES.has(name)) pending.push(absolute);
        continue;
      }
      if (isRelevant(relative)) {
        found.push(relative);
      } else if (cardLike?.(relative)) {
        unreviewed?.push(relative);
      } else if (entry.isSymbolicLink()) {
        const target = await stat(absolute).catch(() => undefined);
        if (target?.isDirectory() && !IGNORED_NAMES.has(name)) {
          notes.push({ path: relative, reason: "it is a symbolic link to a folder, which Cardinal does not follow" });
        }
      }
    }
  }
  return found;
}

/** Builds a workspace from folders and files on disk (the CLI's door). */
export async function loadFolder(
  targets: readonly string[],
  knownRuleIds: readonly string[],
  options: { readonly config?: string; readonly cwd?: string } = {},
): Promise<FolderWorkspace> {
  const cwd = options.cwd ?? process.cwd();
  const given = targets.length > 0 ? targets : ["."];
  // Each target resolved once: its real path (symbolic links followed) and what it is.
  const resolved: { given: string; absolute: string; real: string; isDirectory: boolean }[] = [];
  for (const target of given) {
    const absolute = path.resolve(cwd, target);
    const shown = path.relative(cwd, absolute) || target;
    try {
      await lstat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(`no such file or folder: ${shown}`);
      throw new UsageError(`cannot read ${shown}: ${errorReason(error)}`);
    }
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") {
        const to = await readlink(absolute).catch(() => "?");
        throw new UsageError(`${shown} is a symbolic link to ${to}, which does not exist`);
      }
      throw new UsageError(`cannot read ${shown}: ${errorReason(error)}`);
    }
    const info = await stat(real).catch((error: unknown) => {
      throw new UsageError(`cannot read ${shown}: ${errorReason(error)}`);
    });
    resolved.push({ given: shown, absolute, real, isDirectory: info.isDirectory() });
  }
  const first = resolved[0]!;
  const firstDir = first.isDirectory ? first.absolute : path.dirname(first.absolute);
  // Paths are repository-relative, as on GitHub; outside a repository, relative to
  // the current folder when the target is inside it.
  const repository = findRepositoryRoot(firstDir);
  const insideCwd = isInside(firstDir, cwd);
  const root = repository ?? (insideCwd ? cwd : firstDir);
  // The root itself may be reached through a symbolic link (a home folder, macOS's /tmp):
  // it is resolved once, and its real path is the boundary nothing is read outside of.
  const boundary: Boundary = {
    real: await realpath(root),
    label: repository ? "the repository" : "the folder being checked",
  };

  const configSource = await loadFolderConfig(root, knownRuleIds, options.config, { cwd, boundary });
  const config = configSource.config;
  const filter = pathFilter(config);
  const isRelevant = (relative: string) => isRelevantPath(relative, config, filter);

  const relativePaths = new Set<string>();
  const skipped: string[] = [];
  const notes: SkippedPath[] = [];
  const unreviewedCards: string[] = [];
  // Excluded by the configuration means the user chose: not listed.
  const cardLike = (relative: string) => filter(relative) && looksLikeCardDocument(relative);
  for (const target of resolved) {
    const rel = toPosix(path.relative(root, target.absolute));
    if (!isInside(target.absolute, root)) throw new UsageError(`${target.given} is outside the repository at ${root}`);
    if (!isInside(target.real, boundary.real)) {
      throw new UsageError(
        `${target.given} leads to ${target.real} through a symbolic link, outside ${boundary.label} at ${root}; Cardinal reads only what is inside it`,
      );
    }
    if (target.isDirectory) {
      for (const relative of await walk(target.absolute, root, isRelevant, notes, cardLike, unreviewedCards)) relativePaths.add(relative);
    } else if (isRelevant(rel)) {
      relativePaths.add(rel);
    } else {
      skipped.push(rel);
    }
  }

  const files: WorkspaceFile[] = [];
  for (const relative of [...relativePaths].sort()) {
    const file = await readRelevant(path.join(root, relative), relative, config, boundary);
    files.push(file);
    // A card or license that cannot be read is a finding (cardinal/file-unreadable); a weight file is not.
    if (file.content.type === "unavailable" && !needsText(pathKind(relative, config))) {
      notes.push({ path: relative, reason: `${file.content.reason}; not read` });
    }
  }
  const origin = repository ? await checkoutOrigin(repository, boundary) : undefined;
  return { root, boundary, workspace: { source: "folder", files, ...(origin ? { repository: origin } : {}) }, configSource, skipped, notes, unreviewedCards: unreviewedCards.sort() };
}
