import type { Context } from "probot";
import type { Config } from "../../core/config.js";
import { isRelevantPath, pathFilter, pathKind } from "../../core/engine.js";
import type { AuthorAssociation, FileContent, FileStatus, PullRequestContext, Workspace, WorkspaceFile } from "../../core/types.js";
import { decodeContent, looksLikeLfsPointer, parseLfsPointer } from "../../parse/bytes.js";
import { needsText } from "../../parse/classify.js";
import type { FilePatch } from "../../report/suggestions.js";
import { rawBytes, type GraphqlBlob } from "./graphql.js";
import { fetchBlobs } from "./snapshot.js";

export type Octokit = Context["octokit"];

/** GitHub lists at most this many files of a pull request. */
export const PR_FILES_CAP = 3000;
/** Contents fetched at once for one review. */
const FETCH_CONCURRENCY = 6;

/** The parts of a `pull_request` payload Cardinal reads. */
export interface PullRequestPayload {
  number: number;
  title: string;
  draft?: boolean;
  changed_files?: number;
  author_association: string;
  user: { login: string; type: string } | null;
  /** The labels at the time of the event (absent from some trimmed payloads). */
  labels?: readonly { name: string }[];
  head: { sha: string; repo: { name: string; owner: { login: string } } | null };
  base: { sha: string; repo: { name: string; owner: { login: string }; default_branch?: string } };
}

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

const ASSOCIATIONS: readonly AuthorAssociation[] = [
  "OWNER",
  "MEMBER",
  "COLLABORATOR",
  "CONTRIBUTOR",
  "FIRST_TIME_CONTRIBUTOR",
  "FIRST_TIMER",
  "MANNEQUIN",
  "NONE",
];

export function pullRequestContext(pr: PullRequestPayload): PullRequestContext {
  const base = pr.base.repo;
  const head = pr.head.repo;
  const login = pr.user?.login ?? "ghost";
  const association = ASSOCIATIONS.find((a) => a === pr.author_association) ?? "NONE";
  return {
    owner: base.owner.login,
    repo: base.name,
    number: pr.number,
    title: pr.title,
    author: { login, isBot: pr.user?.type === "Bot" || login.endsWith("[bot]"), association },
    draft: pr.draft === true,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    fork: head === null || head.owner.login !== base.owner.login || head.name !== base.name,
  };
}

/** Where a PR's files can be read: the base repository, then the fork's (when it is one and still exists). */
export function pullRequestSources(pr: PullRequestPayload): RepoRef[] {
  const context = pullRequestContext(pr);
  const base: RepoRef = { owner: context.owner, repo: context.repo };
  return context.fork && pr.head.repo ? [base, { owner: pr.head.repo.owner.login, repo: pr.head.repo.name }] : [base];
}

function statusOf(status: string): FileStatus {
  switch (status) {
    case "added":
    case "copied":
      return "added";
    case "removed":
      return "removed";
    case "renamed":
      return "renamed";
    default:
      return "modified";
  }
}

/** The text a patch adds, for a small new file (an LFS pointer shows up this way). */
function addedText(patch: string | undefined): string | undefined {
  if (!patch) return undefined;
  const lines = patch.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++"));
  return lines.length > 0 && lines.length <= 5 ? `${lines.map((l) => l.slice(1)).join("\n")}\n` : undefined;
}

/** Runs `fn` over `items` with at most `limit` calls in flight. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function statusCode(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * Where to read a PR's files: the base repository, and for a fork also the
 * head repository, in case the fork's commits are not visible from the base.
 * Once the head repository has answered where the base did not, it is asked first.
 */
export class ContentSources {
  private preferHead = false;

  constructor(
    private readonly base: RepoRef,
    private readonly head: RepoRef | undefined,
  ) {}

  order(): RepoRef[] {
    if (!this.head) return [this.base];
    return this.preferHead ? [this.head, this.base] : [this.base, this.head];
  }

  headAnswered(source: RepoRef): void {
    if (source === this.head) this.preferHead = true;
  }
}

/**
 * Reads one file at the head sha. Small files come in the JSON response;
 * files over 1 MB come with an empty body there, and are fetched again with
 * the raw media type. Bytes are decoded only when they are text.
 */
async function fetchContent(
  octokit: Octokit,
  sources: ContentSources,
  path: string,
  ref: string,
  maxFileSize: number,
): Promise<{ content: FileContent; size?: number }> {
  const order = sources.order();
  let lastError: unknown;
  for (const source of order) {
    try {
      const { data } = await octokit.rest.repos.getContent({ ...source, path, ref });
      sources.headAnswered(source);
      if (Array.isArray(data) || data.type !== "file") {
        return { content: { type: "unavailable", reason: "it is a folder or a link, not a file" } };
      }
      if (data.size > maxFileSize) return { content: { type: "too-large", limit: maxFileSize }, size: data.size };
      let bytes: Uint8Array;
      if (data.encoding === "base64" && (data.content !== "" || data.size === 0)) {
        bytes = Buffer.from(data.content, "base64");
      } else {
        const raw = await octokit.rest.repos.getContent({ ...source, path, ref, mediaType: { format: "raw" } });
        const body: unknown = raw.data;
        bytes = rawBytes(body) ?? Buffer.from(String(body));
      }
      const content = decodeContent(bytes);
      return { content, size: content.type === "lfs-pointer" ? content.size : data.size };
    } catch (error) {
      lastError = error;
      if (statusCode(error) !== 404) break;
    }
  }
  const status = statusCode(lastError);
  const reason =
    status === 404
      ? `GitHub found no file at commit ${ref.slice(0, 7)}`
      : `GitHub answered ${status ?? "with an error"}${requestIdOf(lastError)}`;
  return { content: { type: "unavailable", reason } };
}

/** GitHub's `x-github-request-id` of a failed request, to trace it with GitHub support; undefined when absent. */
export function requestIdValue(error: unknown): string | undefined {
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } } | null)?.response?.headers;
  return headers?.["x-github-request-id"] || undefined;
}

/** " (request id X)" for a message, or "" without one. */
export function requestIdOf(error: unknown): string {
  const id = requestIdValue(error);
  return id ? ` (request id ${id})` : "";
}

/** A pull request's workspace, with the diff of every listed file (for suggestions on the diff's lines). */
export interface PullRequestWorkspace extends Workspace {
  readonly patches: readonly FilePatch[];
  /** Every file GitHub listed. */
  readonly listed: readonly ListedFile[];
  /** The paths whose text the review read. */
  readonly read: readonly string[];
}

/** One entry of GitHub's list of a PR's files (the fields Cardinal reads). */
export interface ListedFile {
  readonly filename: string;
  readonly status: string;
  /** The blob sha at the head commit. */
  readonly sha: string | null;
  readonly patch?: string | undefined;
  readonly previous_filename?: string | undefined;
}

/** GET /pulls/N/files, every page (GitHub stops at 3,000 files). */
export async function listPullRequestFiles(octokit: Octokit, pr: PullRequestPayload): Promise<ListedFile[]> {
  const { owner, repo } = pullRequestContext(pr);
  return octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pr.number, per_page: 100 });
}

/** The listed files whose text a review needs under `config`. */
function textFiles(listed: readonly ListedFile[], config: Config): ListedFile[] {
  const filter = pathFilter(config);
  return listed.filter((f) => statusOf(f.status) !== "removed" && isRelevantPath(f.filename, config, filter) && needsText(pathKind(f.filename, config)));
}

/**
 * Blob shas worth fetching before the configuration is known: the files a
 * review needs under `config` (the defaults, as a guess), and every Markdown
 * file, which a repository's `cards` globs may make a card.
 */
export function likelyTextBlobs(listed: readonly ListedFile[], config: Config): string[] {
  const likely = new Set(textFiles(listed, config));
  for (const f of listed) if (statusOf(f.status) !== "removed" && /\.(md|markdown)$/i.test(f.filename)) likely.add(f);
  return [...likely].flatMap((f) => (f.sha ? [f.sha] : []));
}

/** The Git LFS pointers a file list shows in its diffs (added or changed weights), before anything else is read. */
export function listedLfsPointers(listed: readonly ListedFile[]): WorkspaceFile[] {
  return listed.flatMap((f): WorkspaceFile[] => {
    const status = statusOf(f.status);
    if (status === "removed") return [];
    const added = addedText(f.patch);
    const pointer = added ? parseLfsPointer(added) : undefined;
    return pointer ? [{ path: f.filename, status, size: pointer.size, content: { type: "lfs-pointer", ...pointer } }] : [];
  });
}

/** A file's content from its GraphQL blob, or undefined when the blob cannot give it (then REST does). */
function fromBlob(blob: GraphqlBlob | null | undefined, maxFileSize: number): { content: FileContent; size?: number } | undefined {
  if (!blob || blob.__typename !== "Blob") return undefined;
  const size = blob.byteSize;
  if (size !== undefined && size > maxFileSize) return { content: { type: "too-large", limit: maxFileSize }, size };
  if (blob.isBinary || blob.isTruncated || typeof blob.text !== "string") return undefined;
  const content = decodeContent(Buffer.from(blob.text, "utf8"));
  return { content, ...(content.type === "lfs-pointer" ? { size: content.size } : size !== undefined ? { size } : {}) };
}

export interface LoadOptions {
  /** The file list, when the caller has it already. */
  readonly listed?: readonly ListedFile[];
  /** Blobs already fetched (by sha); the rest are asked in one GraphQL query, then through REST one by one. */
  readonly blobs?: ReadonlyMap<string, GraphqlBlob | null>;
  /** Blobs already fetched by path at the head sha (null: no file there). */
  readonly atHead?: ReadonlyMap<string, GraphqlBlob | null>;
  /** false: read every file through REST (GraphQL refused the snapshot). */
  readonly graphql?: boolean;
}

/**
 * Builds a workspace from a pull request: lists its files (up to GitHub's
 * 3,000), keeps the relevant ones by path, and reads only those that need
 * their text, at the head sha: from blobs fetched by sha (one GraphQL query
 * for many files), and through the contents API for what a blob cannot give
 * (binary data, text GraphQL cut short, a fork's commit the base cannot see).
 * Weights are judged from the diff alone.
 */
export async function loadPullRequest(
  octokit: Octokit,
  pr: PullRequestPayload,
  config: Config,
  options: LoadOptions = {},
): Promise<PullRequestWorkspace> {
  const context = pullRequestContext(pr);
  const base: RepoRef = { owner: context.owner, repo: context.repo };
  const listed = options.listed ?? (await listPullRequestFiles(octokit, pr));

  const filter = pathFilter(config);
  const relevant = listed.filter((f) => isRelevantPath(f.filename, config, filter));
  const [, head] = pullRequestSources(pr);
  const sources = new ContentSources(base, head);

  const blobs = new Map(options.blobs ?? []);
  const atHead = options.atHead ?? new Map<string, GraphqlBlob | null>();
  const blobOf = (f: ListedFile) => (f.sha ? blobs.get(f.sha) : undefined) ?? atHead.get(f.filename) ?? undefined;
  const needed = textFiles(relevant, config);
  // Asked already, found or not: a blob GraphQL did not find is read through REST below, not asked again.
  const asked = (f: ListedFile) => (f.sha !== null && blobs.has(f.sha)) || atHead.has(f.filename);
  const missing = needed.flatMap((f) => (f.sha && !asked(f) ? [f.sha] : []));
  if (missing.length > 0 && options.graphql !== false) {
    try {
      for (const [sha, blob] of await fetchBlobs(octokit, base, missing)) blobs.set(sha, blob);
    } catch {
      // Read these files through REST below.
    }
  }

  const files = await mapLimit(relevant, FETCH_CONCURRENCY, async (f): Promise<WorkspaceFile> => {
    const status = statusOf(f.status);
    const common = {
      path: f.filename,
      status,
      ...(status === "renamed" && f.previous_filename ? { previousPath: f.previous_filename } : {}),
    };
    if (status === "removed") return { ...common, content: { type: "removed" } };
    if (!needsText(pathKind(f.filename, config))) {
      // A weight file: an LFS pointer shows in the diff as three added lines.
      const added = addedText(f.patch);
      const pointer = added ? parseLfsPointer(added) : undefined;
      if (pointer) return { ...common, size: pointer.size, content: { type: "lfs-pointer", ...pointer } };
      if (added && looksLikeLfsPointer(added)) return { ...common, content: { type: "lfs-pointer-invalid", text: added } };
      return { ...common, content: { type: "not-fetched" } };
    }
    const { content, size } =
      fromBlob(blobOf(f), config.max_file_size) ??
      (await fetchContent(octokit, sources, f.filename, context.headSha, config.max_file_size));
    return { ...common, ...(size !== undefined ? { size } : {}), content };
  });

  const total = pr.changed_files ?? listed.length;
  return {
    source: "pull-request",
    files,
    pullRequest: context,
    // The base repository: the one a pull request would change, and the one that may mirror a Hub repository.
    repository: { host: "github.com", id: `${context.owner}/${context.repo}` },
    patches: listed.map((f) => ({ path: f.filename, patch: f.patch })),
    listed,
    read: needed.map((f) => f.filename),
    ...(listed.length >= PR_FILES_CAP && total > listed.length ? { truncated: { listed: listed.length, total } } : {}),
  };
}
