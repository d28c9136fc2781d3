import { existsSync } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";
import { parse as parseYaml } from "yaml";
import { CONFIG_PATH, resolveConfig, type Config, type ConfigProblem } from "../../core/config.js";
import { isRelevantPath, pathFilter, pathKind } from "../../core/engine.js";
import type { RepoFiles } from "../../core/repo.js";
import type { FileContent, Workspace, WorkspaceFile } from "../../core/types.js";
import { decodeContent, LFS_POINTER_MAX_BYTES } from "../../parse/bytes.js";
import { needsText } from "../../parse/classify.js";
import { MAX_YAML_ALIASES } from "../../parse/front-matter.js";

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

/** Bytes of a weight file kept for format detection. */
const WEIGHT_HEAD_BYTES = 256;

async function readHead(absolute: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(absolute, "r");
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The whole folder at its current state, listed once and only when a rule asks. */
export function folderRepoFiles(root: string): RepoFiles {
  let listing: Promise<ReadonlySet<string>> | undefined;
  return {
    async existing(paths) {
      listing ??= glob("**/*", { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: IGNORED_DIRECTORIES }).then(
        (found) => new Set(found.map(toPosix)),
      );
      const all = await listing;
      return new Set(paths.filter((p) => all.has(p)));
    },
    async read(relative) {
      const absolute = path.join(root, relative);
      if (!absolute.startsWith(root)) return undefined;
      try {
        const info = await stat(absolute);
        if (!info.isFile() || info.size > 1024 * 1024) return undefined;
        const content = decodeContent(await readFile(absolute));
        return content.type === "text" ? content.text : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

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
  readonly workspace: Workspace;
  readonly configSource: FolderConfig;
  /** Paths given on the command line that Cardinal does not review. */
  readonly skipped: readonly string[];
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

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/**
 * Reads `.github/cardinal.yml` (or `--config`), the same file the app reads
 * from the default branch. Organisation defaults (`_extends`) exist only on
 * GitHub; locally the key is reported as not applied.
 */
export async function loadFolderConfig(
  root: string,
  knownRuleIds: readonly string[],
  explicit?: string,
): Promise<FolderConfig> {
  const candidates = explicit
    ? [path.resolve(explicit)]
    : [path.join(root, CONFIG_PATH), path.join(root, CONFIG_PATH.replace(/\.yml$/, ".yaml"))];
  for (const file of candidates) {
    let source: string;
    try {
      source = await readFile(file, "utf8");
    } catch (error) {
      if (explicit) throw new UsageError(`cannot read the configuration file ${explicit}: ${(error as Error).message}`);
      continue;
    }
    const shown = explicit ?? toPosix(path.relative(root, file));
    let raw: unknown;
    try {
      raw = parseYaml(source, { maxAliasCount: MAX_YAML_ALIASES, logLevel: "silent" });
    } catch (error) {
      const first = ((error as Error).message.split("\n")[0] ?? "").trim();
      const resolved = resolveConfig({}, knownRuleIds);
      return {
        config: resolved.config,
        path: shown,
        found: true,
        problems: [{ key: "(file)", path: [], message: `the file is not valid YAML (${first}); all defaults apply` }],
      };
    }
    const resolved = resolveConfig(raw, knownRuleIds);
    const problems = [...resolved.problems];
    if (resolved.config._extends) {
      problems.push({
        key: "_extends",
        path: ["_extends"],
        message: "organisation defaults are read only by the GitHub App; the local check used this file alone",
      });
    }
    return { config: resolved.config, path: shown, found: true, problems };
  }
  return { config: resolveConfig({}, knownRuleIds).config, path: CONFIG_PATH, found: false, problems: [] };
}

async function readRelevant(absolute: string, relative: string, config: Config): Promise<WorkspaceFile> {
  const info = await stat(absolute);
  const kind = pathKind(relative, config);
  const base = { path: relative, status: "unchanged" as const, size: info.size };
  if (!needsText(kind)) {
    // Weights: read the first bytes (format, or an LFS pointer when Git LFS did not
    // check the file out); never the whole checkpoint.
    const head = await readHead(absolute, Math.min(info.size, LFS_POINTER_MAX_BYTES));
    if (info.size <= LFS_POINTER_MAX_BYTES) {
      const content = decodeContent(head);
      if (content.type === "lfs-pointer") return { ...base, size: content.size, content };
      if (content.type === "lfs-pointer-invalid") return { ...base, content };
    }
    return { ...base, content: { type: "not-fetched" }, head: head.subarray(0, WEIGHT_HEAD_BYTES) };
  }
  if (info.size > config.max_file_size) {
    return { ...base, content: { type: "too-large", limit: config.max_file_size } };
  }
  const content: FileContent = decodeContent(await readFile(absolute));
  return content.type === "lfs-pointer" ? { ...base, size: content.size, content } : { ...base, content };
}

/** Builds a workspace from folders and files on disk (the CLI's door). */
export async function loadFolder(
  targets: readonly string[],
  knownRuleIds: readonly string[],
  options: { readonly config?: string; readonly cwd?: string } = {},
): Promise<FolderWorkspace> {
  const cwd = options.cwd ?? process.cwd();
  const absoluteTargets = (targets.length > 0 ? targets : ["."]).map((t) => path.resolve(cwd, t));
  for (const target of absoluteTargets) {
    if (!existsSync(target)) throw new UsageError(`no such file or folder: ${path.relative(cwd, target) || target}`);
  }
  const first = absoluteTargets[0] ?? cwd;
  const firstDir = (await stat(first)).isDirectory() ? first : path.dirname(first);
  // Paths are repository-relative, as on GitHub; outside a repository, relative to
  // the current folder when the target is inside it.
  const insideCwd = !path.relative(cwd, firstDir).startsWith("..");
  const root = findRepositoryRoot(firstDir) ?? (insideCwd ? cwd : firstDir);
  const configSource = await loadFolderConfig(root, knownRuleIds, options.config);
  const config = configSource.config;
  const filter = pathFilter(config);

  const relativePaths = new Set<string>();
  const skipped: string[] = [];
  for (const target of absoluteTargets) {
    const rel = toPosix(path.relative(root, target));
    if (rel.startsWith("..")) throw new UsageError(`${target} is outside the repository at ${root}`);
    if ((await stat(target)).isDirectory()) {
      const found = await glob("**/*", {
        cwd: target,
        dot: true,
        onlyFiles: true,
        followSymbolicLinks: false,
        ignore: IGNORED_DIRECTORIES,
      });
      for (const entry of found) {
        const relative = toPosix(path.relative(root, path.join(target, entry)));
        if (isRelevantPath(relative, config, filter)) relativePaths.add(relative);
      }
    } else if (isRelevantPath(rel, config, filter)) {
      relativePaths.add(rel);
    } else {
      skipped.push(rel);
    }
  }

  const files: WorkspaceFile[] = [];
  for (const relative of [...relativePaths].sort()) {
    try {
      files.push(await readRelevant(path.join(root, relative), relative, config));
    } catch (error) {
      files.push({ path: relative, status: "unchanged", content: { type: "unavailable", reason: (error as Error).message } });
    }
  }
  return { root, workspace: { source: "folder", files }, configSource, skipped };
}
