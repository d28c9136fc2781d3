/**
 * "Review a default branch": every relevant file of a repository at the head
 * of its default branch (not a diff), as the CLI reviews a folder, with the
 * verdict published as the `Cardinal` check run on that commit.
 *
 * Requests, for a repository with model files and its own (or no)
 * configuration: the branch's head commit (skipped when a push names it),
 * the whole tree (one recursive listing), one GraphQL query for the texts
 * (100 blobs a query), and the check run (a lookup of the latest run, then
 * one write unless the verdict is unchanged). A repository without relevant
 * files costs the first two; an empty one, the first.
 */
import { CONFIG_PATH, coversRepository, resolveConfig, type Config, type ConfigProblem } from "../../core/config.js";
import { isRelevantPath, pathFilter, pathKind, review, type ReviewResult } from "../../core/engine.js";
import type { HubClient } from "../../core/hub.js";
import type { RepoFiles } from "../../core/repo.js";
import type { FileContent, WorkspaceFile } from "../../core/types.js";
import { decodeContent, LFS_POINTER_MAX_BYTES } from "../../parse/bytes.js";
import { needsText } from "../../parse/classify.js";
import { resolveConfigText } from "../../parse/config-file.js";
import { renderCheckRun } from "../../report/check-run.js";
import { findRule, RULES, RULE_IDS } from "../../rules/index.js";
import { APP_REVIEW_SECONDS, reviewPacing } from "../pacing.js";
import { MAX_ALIASES_PER_QUERY, type GraphqlBlob } from "./graphql.js";
import { publishCheckRun, withRateLimitRetry, type CheckRunAction } from "./publish.js";
import type { Octokit, RepoRef } from "./pull-request.js";
import { fetchBlobs } from "./snapshot.js";

/** The most relevant files one default-branch review reads; the rest are named as left out. */
export const MAX_BRANCH_FILES = 500;
/** Text files read for rules beyond the reviewed ones stay small (as for pull requests). */
const MAX_READ_BYTES = 1024 * 1024;

/** A repository whose default branch is to be reviewed. */
export interface BranchTarget extends RepoRef {
  readonly defaultBranch: string;
  /** The commit to review, when the event names it (a push); otherwise the branch's head is asked. */
  readonly headSha?: string;
}

/** The configuration a default-branch review runs with, where it came from, and its problems. */
export interface BranchConfig {
  readonly config: Config;
  readonly problems: readonly ConfigProblem[];
  /** `owner/.github:.github/cardinal.yml` when the organisation's file applies. */
  readonly origin?: string;
}

export interface BranchReviewDeps {
  readonly octokit: Octokit;
  readonly hub?: HubClient | undefined;
  readonly docsBase?: string | undefined;
  readonly botLogin?: string | undefined;
  /** The organisation's configuration (its `.github` repository), read once and shared by every repository of a sweep. */
  readonly ownerConfig: (owner: string) => Promise<BranchConfig>;
}

export type BranchReview =
  | { readonly kind: "empty" }
  | { readonly kind: "skipped"; readonly reason: "sweep-off" | "not-covered"; readonly sha: string; readonly config: BranchConfig }
  | { readonly kind: "nothing"; readonly sha: string; readonly config: BranchConfig }
  | {
      readonly kind: "reviewed";
      readonly sha: string;
      readonly config: BranchConfig;
      readonly result: ReviewResult;
      readonly check: CheckRunAction;
      /** Relevant files left out past MAX_BRANCH_FILES, or because GitHub cut the tree short. */
      readonly leftOut?: { readonly files: number; readonly treeTruncated: boolean };
    };

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

interface TreeEntry {
  readonly path: string;
  readonly sha: string;
  readonly size?: number;
}

/** The branch's head commit, or undefined for a repository with no commits (GitHub answers 409, or 404 for the ref). */
export async function headCommit(octokit: Octokit, target: BranchTarget): Promise<string | undefined> {
  if (target.headSha) return target.headSha;
  try {
    const { data } = await withRateLimitRetry(() =>
      octokit.rest.git.getRef({ owner: target.owner, repo: target.repo, ref: `heads/${target.defaultBranch}` }),
    );
    return data.object.sha;
  } catch (error) {
    if (statusOf(error) === 409 || statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Every file (blob) of the commit's tree, in one recursive listing; `truncated` when GitHub cut it short. */
async function listTree(octokit: Octokit, repo: RepoRef, sha: string): Promise<{ files: TreeEntry[]; truncated: boolean } | undefined> {
  try {
    const { data } = await withRateLimitRetry(() => octokit.rest.git.getTree({ ...repo, tree_sha: sha, recursive: "true" }));
    const files = data.tree.flatMap((e): TreeEntry[] =>
      e.type === "blob" && typeof e.path === "string" && typeof e.sha === "string"
        ? [{ path: e.path, sha: e.sha, ...(typeof e.size === "number" ? { size: e.size } : {}) }]
        : [],
    );
    return { files, truncated: data.truncated === true };
  } catch (error) {
    if (statusOf(error) === 409) return undefined; // emptied between the two requests
    throw error;
  }
}

/** A file's content from its blob; undefined when the blob cannot give it (then the contents API does). */
function contentOf(blob: GraphqlBlob | null | undefined, maxFileSize: number): { content: FileContent; size?: number } | undefined {
  if (!blob || blob.__typename !== "Blob") return undefined;
  const size = blob.byteSize;
  if (size !== undefined && size > maxFileSize) return { content: { type: "too-large", limit: maxFileSize }, size };
  if (blob.isBinary || blob.isTruncated || typeof blob.text !== "string") return undefined;
  const content = decodeContent(Buffer.from(blob.text, "utf8"));
  return { content, ...(content.type === "lfs-pointer" ? { size: content.size } : size !== undefined ? { size } : {}) };
}

/** One file through the contents API with the raw media type (a blob GraphQL did not give). */
async function rawContent(octokit: Octokit, repo: RepoRef, path: string, sha: string, maxFileSize: number): Promise<{ content: FileContent; size?: number }> {
  try {
    const { data } = await withRateLimitRetry(() => octokit.rest.repos.getContent({ ...repo, path, ref: sha, mediaType: { format: "raw" } }));
    const body: unknown = data;
    const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : typeof body === "string" ? Buffer.from(body) : Buffer.isBuffer(body) ? body : undefined;
    if (!bytes) return { content: { type: "unavailable", reason: "GitHub answered with something other than the file's bytes" } };
    if (bytes.length > maxFileSize) return { content: { type: "too-large", limit: maxFileSize }, size: bytes.length };
    return { content: decodeContent(bytes), size: bytes.length };
  } catch (error) {
    return { content: { type: "unavailable", reason: `GitHub answered ${statusOf(error) ?? "with an error"}` } };
  }
}

/** Blobs by sha, or an empty map when GraphQL refused (texts are then read through REST). */
async function blobsBySha(octokit: Octokit, repo: RepoRef, shas: readonly string[]): Promise<Map<string, GraphqlBlob | null>> {
  if (shas.length === 0) return new Map();
  try {
    return await withRateLimitRetry(() => fetchBlobs(octokit, repo, shas));
  } catch {
    return new Map();
  }
}

/** The markdown files and small weights (likely Git LFS pointers) worth fetching before the configuration is known. */
function likelyBlobs(files: readonly TreeEntry[], config: Config): TreeEntry[] {
  const filter = pathFilter(config);
  return files.filter((f) => {
    if (f.path === CONFIG_PATH || /\.(md|markdown)$/i.test(f.path)) return true;
    if (!isRelevantPath(f.path, config, filter)) return false;
    return needsText(pathKind(f.path, config)) || (f.size ?? Infinity) <= LFS_POINTER_MAX_BYTES;
  });
}

/** The repository's own `.github/cardinal.yml` from its blob; `_extends` and unreadable text go through Probot's loader. */
async function ownConfig(octokit: Octokit, repo: RepoRef, blob: GraphqlBlob | null | undefined): Promise<BranchConfig> {
  const text = blob?.__typename === "Blob" && !blob.isTruncated && typeof blob.text === "string" ? blob.text : undefined;
  if (text !== undefined) {
    const resolved = resolveConfigText(text, RULE_IDS);
    const extendsOther = resolved.raw !== null && typeof resolved.raw === "object" && "_extends" in resolved.raw;
    if (!extendsOther) return { config: resolved.config, problems: resolved.problems };
  }
  return configThroughProbot(octokit, repo);
}

/** `.github/cardinal.yml` through Probot's config plugin (which follows `_extends` and the owner's `.github` repository). */
export async function configThroughProbot(octokit: Octokit, repo: RepoRef): Promise<BranchConfig> {
  try {
    const { config } = await octokit.config.get({ owner: repo.owner, repo: repo.repo, path: CONFIG_PATH });
    const resolved = resolveConfig(Object.keys(config).length === 0 ? undefined : config, RULE_IDS);
    return { config: resolved.config, problems: resolved.problems };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    const problem: ConfigProblem = { key: "(file)", path: [], message: `The configuration could not be read (${reason.trim()})`, effect: "file" };
    return { config: resolveConfig(undefined, RULE_IDS).config, problems: [problem] };
  }
}

/** The organisation's defaults: `owner/.github`'s `.github/cardinal.yml`, or Cardinal's own. */
export async function readOwnerConfig(octokit: Octokit, owner: string): Promise<BranchConfig> {
  const loaded = await configThroughProbot(octokit, { owner, repo: ".github" });
  return { ...loaded, origin: `${owner}/.github:${CONFIG_PATH}` };
}

/** The rest of the repository at the reviewed commit, answered from the tree already listed (texts read once, on demand). */
function treeRepoFiles(octokit: Octokit, repo: RepoRef, sha: string, tree: { files: readonly TreeEntry[]; truncated: boolean }, known: Map<string, GraphqlBlob | null>): RepoFiles {
  const byPath = new Map(tree.files.map((f) => [f.path, f]));
  const texts = new Map<string, Promise<string | undefined>>();
  return {
    async existing(paths) {
      if (tree.truncated && paths.some((p) => !byPath.has(p))) return undefined;
      return new Set(paths.filter((p) => byPath.has(p)));
    },
    read(path) {
      const entry = byPath.get(path);
      if (!entry || (entry.size ?? 0) > MAX_READ_BYTES) return Promise.resolve(undefined);
      let pending = texts.get(path);
      if (!pending) {
        pending = (async () => {
          const blob = known.get(entry.sha) ?? (await blobsBySha(octokit, repo, [entry.sha])).get(entry.sha);
          const fromBlob = contentOf(blob, MAX_READ_BYTES);
          const content = fromBlob?.content ?? (await rawContent(octokit, repo, path, sha, MAX_READ_BYTES)).content;
          return content.type === "text" ? content.text : undefined;
        })();
        texts.set(path, pending);
      }
      return pending;
    },
    async filesUnder(dir) {
      if (tree.truncated) return undefined;
      const prefix = dir === "" || dir.endsWith("/") ? dir : `${dir}/`;
      return tree.files.filter((f) => f.path.startsWith(prefix)).map((f) => f.path);
    },
  };
}

/** Whether a review of the default branch may run under this configuration. */
function skipReason(config: Config, repo: string, trigger: BranchTrigger): "sweep-off" | "not-covered" | undefined {
  if (trigger === "install" && !config.sweep) return "sweep-off";
  return coversRepository(config, repo) ? undefined : "not-covered";
}

/** Why the default branch is reviewed: the install sweep, a push, or someone asked (the dashboard's checkbox). */
export type BranchTrigger = "install" | "push" | "recheck";

/** The check run's external id for a default-branch review (a pull request's is `pr:N`). */
export function branchExternalId(branch: string): string {
  return `branch:${branch}`.slice(0, 200);
}

/**
 * Reviews the default branch of one repository and publishes its check run.
 * Never throws for a repository that simply has nothing to review; GitHub's
 * failures are thrown for the caller to log against the repository.
 */
export async function reviewDefaultBranch(target: BranchTarget, deps: BranchReviewDeps, trigger: BranchTrigger): Promise<BranchReview> {
  const { octokit } = deps;
  const repo: RepoRef = { owner: target.owner, repo: target.repo };
  const sha = await headCommit(octokit, target);
  if (!sha) return { kind: "empty" };
  const tree = await listTree(octokit, repo, sha);
  if (!tree) return { kind: "empty" };

  // Texts likely needed, and the repository's own configuration, in one query.
  const defaults = resolveConfig(undefined, RULE_IDS).config;
  const configEntry = tree.files.find((f) => f.path === CONFIG_PATH);
  const firstGuess = likelyBlobs(tree.files, defaults);
  // Other markdown is only a guess (a `cards:` glob may make it a card): it fills what is left of the first query.
  const likely = (f: TreeEntry) => f.path === CONFIG_PATH || isRelevantPath(f.path, defaults);
  const guessed = [...firstGuess.filter(likely), ...firstGuess.filter((f) => !likely(f))];
  const blobs = await blobsBySha(octokit, repo, guessed.slice(0, MAX_ALIASES_PER_QUERY).map((f) => f.sha));
  const branchConfig = configEntry ? await ownConfig(octokit, repo, blobs.get(configEntry.sha)) : await deps.ownerConfig(target.owner);
  const { config } = branchConfig;

  const skip = skipReason(config, target.repo, trigger);
  if (skip) return { kind: "skipped", reason: skip, sha, config: branchConfig };

  const filter = pathFilter(config);
  const relevantAll = tree.files.filter((f) => isRelevantPath(f.path, config, filter) && f.path !== CONFIG_PATH);
  if (relevantAll.length === 0) return { kind: "nothing", sha, config: branchConfig };
  const relevant = [...relevantAll].sort((a, b) => a.path.localeCompare(b.path)).slice(0, MAX_BRANCH_FILES);

  const needsBlob = (f: TreeEntry) => needsText(pathKind(f.path, config)) || (f.size ?? Infinity) <= LFS_POINTER_MAX_BYTES;
  const missing = relevant.filter((f) => needsBlob(f) && !blobs.has(f.sha) && (f.size ?? 0) <= config.max_file_size);
  for (const [blobSha, blob] of await blobsBySha(octokit, repo, missing.map((f) => f.sha))) blobs.set(blobSha, blob);

  const files: WorkspaceFile[] = [];
  for (const f of relevant) {
    const common = { path: f.path, status: "unchanged" as const };
    const kind = pathKind(f.path, config);
    if (!needsText(kind)) {
      // A weight file: its blob says whether it is a Git LFS pointer; large bytes are never fetched.
      const small = (f.size ?? Infinity) <= LFS_POINTER_MAX_BYTES ? contentOf(blobs.get(f.sha), LFS_POINTER_MAX_BYTES) : undefined;
      if (small && (small.content.type === "lfs-pointer" || small.content.type === "lfs-pointer-invalid")) {
        files.push({ ...common, ...(small.size !== undefined ? { size: small.size } : {}), content: small.content });
      } else {
        files.push({ ...common, ...(f.size !== undefined ? { size: f.size } : {}), content: { type: "not-fetched" } });
      }
      continue;
    }
    if ((f.size ?? 0) > config.max_file_size) {
      files.push({ ...common, ...(f.size !== undefined ? { size: f.size } : {}), content: { type: "too-large", limit: config.max_file_size } });
      continue;
    }
    const read = contentOf(blobs.get(f.sha), config.max_file_size) ?? (await rawContent(octokit, repo, f.path, sha, config.max_file_size));
    files.push({ ...common, ...(read.size !== undefined ? { size: read.size } : {}), content: read.content });
  }

  const result = await review({
    workspace: { source: "folder", files, repository: { host: "github.com", id: `${repo.owner}/${repo.repo}` } },
    repo: treeRepoFiles(octokit, repo, sha, tree, blobs),
    ...(deps.hub && config.hub ? { hub: deps.hub } : {}),
    config,
    configSource: {
      path: CONFIG_PATH,
      problems: branchConfig.problems,
      ...(branchConfig.origin !== undefined ? { origin: branchConfig.origin } : {}),
    },
    rules: RULES,
    ...(deps.docsBase ? { docsBase: deps.docsBase } : {}),
    pacing: reviewPacing(APP_REVIEW_SECONDS),
  });
  const output = renderCheckRun({ findings: result.findings, files: result.files, ruleMeta: (id) => findRule(id)?.meta, whole: "All files" });
  const check = await publishCheckRun(octokit, repo, sha, output, {
    externalId: branchExternalId(target.defaultBranch),
    ...(deps.botLogin ? { botLogin: deps.botLogin } : {}),
    ...(trigger === "recheck" ? { force: true } : {}),
  });
  const leftOutFiles = relevantAll.length - relevant.length;
  return {
    kind: "reviewed",
    sha,
    config: branchConfig,
    result,
    check,
    ...(leftOutFiles > 0 || tree.truncated ? { leftOut: { files: leftOutFiles, treeTruncated: tree.truncated } } : {}),
  };
}
