/**
 * Test helpers for Cardinal's GitHub handlers: a real Probot with retry and
 * throttling switched off, webhook fixtures, and nock mocks for the REST calls
 * the app makes. Every mock answers with GitHub's documented response shape,
 * trimmed to what the app reads.
 */
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { pino } from "pino";
import type { EmitterWebhookEvent, EmitterWebhookEventName } from "@octokit/webhooks";
import nock from "nock";
import { afterEach, beforeEach } from "vitest";
import { allowFakeHub } from "./fake-hub.js";
import { createHash } from "node:crypto";
import { Probot, ProbotOctokit, type ApplicationFunction } from "probot";
import { answerGraphql, operationName, type FakeCheckRun, type FakeComment, type GraphqlRequestBody } from "../../src/tools/fake-github-graphql.js";

export const API = "https://api.github.com";

/**
 * Handler tests mock GitHub's REST and GraphQL answers, not its LFS servers:
 * unless a test serves LFS itself (useFakeLfs in helpers/fake-lfs.ts sets
 * CARDINAL_WEIGHT_BYTES and CARDINAL_LFS_URL), the app reads no weight bytes.
 */
process.env["CARDINAL_WEIGHT_BYTES"] ??= "off";
export const OWNER = "acme-ai";
export const REPO = "tiny-llm";
export const FORK_OWNER = "contrib-lee";
export const INSTALLATION_ID = 48151623;
export const PR_NUMBER = 7;
export const HEAD_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
export const BOT_SLUG = "cardinal-test";
export const BOT_LOGIN = `${BOT_SLUG}[bot]`;
export const MARKER = "<!-- cardinal:guidance -->";

export const privateKey = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

/**
 * Function form on purpose: Probot layers its own throttle options over the
 * object form, which leaves throttling on (toolchain.md, pitfall P2).
 */
export const TestOctokit: typeof ProbotOctokit = ProbotOctokit.defaults(
  (options: { throttle?: Record<string, unknown> } & Record<string, unknown>) => ({
    ...options,
    retry: { enabled: false },
    throttle: { ...options?.throttle, enabled: false },
  }),
);

/** A fresh Probot with the app loaded (the app caches per instance: delivery ids, bot identity). */
export async function createProbot(app: ApplicationFunction): Promise<Probot> {
  const probot = new Probot({ appId: 123, privateKey, logLevel: "fatal", Octokit: TestOctokit });
  await probot.load(app);
  return probot;
}

/** A log line as pino writes it (JSON), with its level and message. */
export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

/**
 * A Probot (app not loaded) whose log lines are kept in memory: `raw` as
 * written, `lines` parsed. `level` defaults to info; trace also keeps
 * Octokit's request logs.
 */
export function createLoggingProbot(
  options: { readonly level?: string; readonly Octokit?: typeof ProbotOctokit; readonly secret?: string } = {},
): { probot: Probot; lines: LogLine[]; raw: string[] } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) {
        if (line.trim() === "") continue;
        raw.push(line);
        lines.push(JSON.parse(line) as LogLine);
      }
      done();
    },
  });
  const probot = new Probot({
    appId: 123,
    privateKey,
    log: pino({ level: options.level ?? "info" }, stream),
    Octokit: options.Octokit ?? TestOctokit,
    ...(options.secret === undefined ? {} : { secret: options.secret }),
  });
  return { probot, lines, raw };
}

/** A JSON fixture without its `_source` note, parsed afresh each call so a test may change it freely. */
function readFixture(file: string): Record<string, unknown> {
  const data = JSON.parse(readFileSync(new URL(`../fixtures/webhooks/${file}`, import.meta.url), "utf8")) as Record<string, unknown>;
  delete data["_source"];
  return data;
}

/** A webhook payload fixture, typed for `probot.receive`. */
export function fixture<E extends EmitterWebhookEventName>(file: string): EmitterWebhookEvent<E>["payload"] {
  return readFixture(file) as unknown as EmitterWebhookEvent<E>["payload"];
}

/**
 * The same pull request event with another title: a new pull request state,
 * so Cardinal reviews it again (a second delivery of the same state is not
 * reviewed twice).
 */
export function retitled<P extends { pull_request: { title: string } }>(payload: P, title: string): P {
  return { ...payload, pull_request: { ...payload.pull_request, title } };
}

/** A REST response fixture (GET /pulls/N for the fork PR). */
export function pullFixture(file: string): Record<string, unknown> {
  return readFixture(file);
}

/**
 * Requests that matched no interceptor. The app swallows some failures on
 * purpose (a content fetch becomes "file could not be fetched", GET /app
 * falls back to the marker), so an unexpected request would not always make
 * `probot.receive` reject; this list catches those too.
 */
export function trackUnmatched(): { readonly requests: string[]; stop(): void } {
  const requests: string[] = [];
  const listener = (req: { method?: string; path?: string; href?: string; url?: string }) => {
    // Requests to the loopback fake Hub are let through on purpose (helpers/fake-hub.ts).
    if (/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(req.href ?? req.url ?? "")) return;
    requests.push(`${req.method ?? "?"} ${req.href ?? req.url ?? req.path ?? "?"}`);
  };
  nock.emitter.on("no match", listener);
  return { requests, stop: () => nock.emitter.removeListener("no match", listener) };
}

export const api = (): nock.Scope => nock(API);

/** Installation token for the webhook's installation (minted once per Probot instance). */
export function mockToken(scope: nock.Scope, installationId = INSTALLATION_ID): nock.Scope {
  return scope
    .post(`/app/installations/${installationId}/access_tokens`)
    .matchHeader("authorization", /^bearer eyJ/i)
    .reply(201, {
      token: "ghs_cardinalTestInstallationToken",
      expires_at: "2099-01-01T00:00:00Z",
      permissions: { checks: "write", contents: "read", issues: "write", metadata: "read", pull_requests: "write" },
      repository_selection: "all",
    });
}

/** GET /app with the app's JWT: who Cardinal is (its slug gives the bot login). */
export function mockApp(scope: nock.Scope, slug = BOT_SLUG): nock.Scope {
  return scope
    .get("/app")
    .matchHeader("authorization", /^bearer eyJ/i)
    .reply(200, {
      id: 123,
      slug,
      node_id: "A_kwHOBc",
      name: "Cardinal (test)",
      owner: { login: OWNER, id: 91234567, type: "Organization" },
      permissions: { checks: "write", contents: "read", issues: "write", metadata: "read", pull_requests: "write" },
      events: ["check_run", "issue_comment", "pull_request"],
    });
}

/** No `.github/cardinal.yml` in the repository nor in the owner's `.github` repository. */
export function mockNoConfig(scope: nock.Scope, owner = OWNER, repo = REPO): nock.Scope {
  const notFound = { message: "Not Found", documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content", status: "404" };
  return scope
    .get(`/repos/${owner}/${repo}/contents/.github%2Fcardinal.yml`)
    .reply(404, notFound)
    .get(`/repos/${owner}/.github/contents/.github%2Fcardinal.yml`)
    .reply(404, notFound);
}

/** `.github/cardinal.yml` in the repository, served with the raw media type as Probot asks. */
export function mockConfig(scope: nock.Scope, yaml: string, owner = OWNER, repo = REPO): nock.Scope {
  return scope
    .get(`/repos/${owner}/${repo}/contents/.github%2Fcardinal.yml`)
    .matchHeader("accept", /raw/)
    .reply(200, yaml, { "Content-Type": "text/plain; charset=utf-8" });
}

export interface PrFile {
  sha: string;
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  additions: number;
  deletions: number;
  changes: number;
  blob_url: string;
  raw_url: string;
  contents_url: string;
  patch?: string;
  previous_filename?: string;
}

/** The blob sha the fake gives a file of the PR (derived from its path, so the snapshot mock can find it). */
export function blobSha(filename: string): string {
  return createHash("sha1").update(`blob:${filename}`).digest("hex");
}

/** One entry of GET /pulls/N/files. `patch` is the unified diff GitHub includes for text changes. */
export function prFile(filename: string, options: { status?: PrFile["status"]; patch?: string } = {}): PrFile {
  const lines = options.patch?.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++")).length ?? 0;
  const encoded = encodeURIComponent(filename);
  return {
    sha: blobSha(filename),
    filename,
    status: options.status ?? "added",
    additions: lines,
    deletions: 0,
    changes: lines,
    blob_url: `https://github.com/${OWNER}/${REPO}/blob/${HEAD_SHA}/${filename}`,
    raw_url: `https://github.com/${OWNER}/${REPO}/raw/${HEAD_SHA}/${filename}`,
    contents_url: `${API}/repos/${OWNER}/${REPO}/contents/${encoded}?ref=${HEAD_SHA}`,
    ...(options.patch !== undefined ? { patch: options.patch } : {}),
  };
}

/** The diff of a newly added Git LFS pointer, as GitHub shows it in `patch`. */
export function lfsPointerPatch(size: number, oid = "a".repeat(64)): string {
  return `@@ -0,0 +1,3 @@\n+version https://git-lfs.github.com/spec/v1\n+oid sha256:${oid}\n+size ${size}`;
}

/**
 * GET /repos/o/r/pulls/N/files, one page. With `next`, the response carries
 * GitHub's Link header pointing at the next page (octokit follows it verbatim).
 */
export function mockListFiles(
  scope: nock.Scope,
  files: readonly PrFile[],
  options: { page?: number; next?: number; last?: number; number?: number } = {},
): nock.Scope {
  const number = options.number ?? PR_NUMBER;
  const query: Record<string, string> = { per_page: "100" };
  if (options.page !== undefined && options.page > 1) query["page"] = String(options.page);
  const pageUrl = (page: number) => `${API}/repositories/712345678/pulls/${number}/files?per_page=100&page=${page}`;
  const headers: Record<string, string> = {};
  if (options.next !== undefined) {
    const last = options.last ?? options.next;
    headers["Link"] = `<${pageUrl(options.next)}>; rel="next", <${pageUrl(last)}>; rel="last"`;
  }
  const path = options.page !== undefined && options.page > 1 ? `/repositories/712345678/pulls/${number}/files` : `/repos/${OWNER}/${REPO}/pulls/${number}/files`;
  return scope.get(path).query(query).reply(200, [...files], headers);
}

/** A file's JSON from the contents API: base64 with a line break every 60 characters, as GitHub sends it. */
export function contentsJson(path: string, text: string, owner = OWNER, repo = REPO) {
  const bytes = Buffer.from(text, "utf8");
  const base64 = bytes.toString("base64").replace(/(.{60})/g, "$1\n");
  const name = path.slice(path.lastIndexOf("/") + 1);
  return {
    type: "file",
    encoding: "base64",
    size: bytes.length,
    name,
    path,
    content: base64,
    sha: "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
    url: `${API}/repos/${owner}/${repo}/contents/${path}?ref=${HEAD_SHA}`,
    git_url: `${API}/repos/${owner}/${repo}/git/blobs/e69de29bb2d1d6434b8b29ae775ad8c2e48c5391`,
    html_url: `https://github.com/${owner}/${repo}/blob/${HEAD_SHA}/${path}`,
    download_url: `https://raw.githubusercontent.com/${owner}/${repo}/${HEAD_SHA}/${path}`,
  };
}

/** The path segment of the contents API: octokit encodes the `{path}` parameter, slashes included. */
export function contentsPath(path: string, owner = OWNER, repo = REPO): string {
  return `/repos/${owner}/${repo}/contents/${encodeURIComponent(path)}`;
}

/** GET /repos/o/r/contents/<path>?ref=<head sha> answering the file's text. */
export function mockContent(
  scope: nock.Scope,
  path: string,
  text: string,
  options: { owner?: string; repo?: string; ref?: string } = {},
): nock.Scope {
  const owner = options.owner ?? OWNER;
  const repo = options.repo ?? REPO;
  return scope
    .get(contentsPath(path, owner, repo))
    .query({ ref: options.ref ?? HEAD_SHA })
    .reply(200, contentsJson(path, text, owner, repo));
}

/** GET /commits/<sha>/check-runs, filtered to Cardinal's latest runs. */
export function mockListCheckRuns(scope: nock.Scope, runs: readonly Record<string, unknown>[] = [], sha = HEAD_SHA): nock.Scope {
  return scope
    .get(`/repos/${OWNER}/${REPO}/commits/${sha}/check-runs`)
    .query({ check_name: "Cardinal", filter: "latest", per_page: "100" })
    .reply(200, { total_count: runs.length, check_runs: runs });
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  title: string;
  message: string;
}

export interface CheckRunBody {
  name: string;
  head_sha: string;
  status: string;
  conclusion: string;
  external_id: string;
  completed_at: string;
  output: { title: string; summary: string; text?: string; annotations?: Annotation[] };
}

/** POST /check-runs; pushes each request body into `into`. */
export function mockCreateCheckRun(scope: nock.Scope, into: CheckRunBody[], id = 40123456790): nock.Scope {
  return scope
    .post(`/repos/${OWNER}/${REPO}/check-runs`, (body: CheckRunBody) => {
      into.push(body);
      return true;
    })
    .reply(201, (_uri: string, body: nock.Body) => ({ id, ...(body as object), app: { id: 123, slug: BOT_SLUG } }));
}

/** A check run as GET /commits/<sha>/check-runs lists it, built from what Cardinal posted. */
export function listedCheckRun(posted: CheckRunBody, id = 40123456790): Record<string, unknown> {
  return {
    id,
    name: posted.name,
    head_sha: posted.head_sha,
    external_id: posted.external_id,
    status: posted.status,
    conclusion: posted.conclusion,
    started_at: posted.completed_at,
    completed_at: posted.completed_at,
    output: {
      title: posted.output.title,
      summary: posted.output.summary,
      text: posted.output.text ?? null,
      annotations_count: posted.output.annotations?.length ?? 0,
      annotations_url: `${API}/repos/${OWNER}/${REPO}/check-runs/${id}/annotations`,
    },
    app: { id: 123, slug: BOT_SLUG, name: "Cardinal (test)" },
    pull_requests: [],
  };
}

export interface IssueComment {
  id: number;
  body: string;
  user: { login: string; id: number; type: string };
  created_at: string;
  updated_at: string;
  html_url: string;
  author_association: string;
}

export function comment(id: number, body: string, user: { login: string; type?: string } = { login: BOT_LOGIN, type: "Bot" }): IssueComment {
  return {
    id,
    body,
    user: { login: user.login, id: 10_000 + id, type: user.type ?? "User" },
    created_at: "2026-03-01T09:00:00Z",
    updated_at: "2026-03-01T09:00:00Z",
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}#issuecomment-${id}`,
    author_association: user.type === "Bot" ? "NONE" : "MEMBER",
  };
}

/** GET /issues/N/comments (one page). */
export function mockListComments(scope: nock.Scope, comments: readonly IssueComment[], number = PR_NUMBER): nock.Scope {
  return scope.get(`/repos/${OWNER}/${REPO}/issues/${number}/comments`).query({ per_page: "100" }).reply(200, [...comments]);
}

/** POST /issues/N/comments; pushes each body into `into`. */
export function mockCreateComment(scope: nock.Scope, into: string[], number = PR_NUMBER): nock.Scope {
  return scope
    .post(`/repos/${OWNER}/${REPO}/issues/${number}/comments`, (body: { body: string }) => {
      into.push(body.body);
      return true;
    })
    .reply(201, (_uri: string, body: nock.Body) => comment(900, (body as { body: string }).body));
}

/** PATCH /issues/comments/<id>; pushes each body into `into`. */
export function mockUpdateComment(scope: nock.Scope, id: number, into: string[]): nock.Scope {
  return scope
    .patch(`/repos/${OWNER}/${REPO}/issues/comments/${id}`, (body: { body: string }) => {
      into.push(body.body);
      return true;
    })
    .reply(200, (_uri: string, body: nock.Body) => comment(id, (body as { body: string }).body));
}

/** DELETE /issues/comments/<id>. */
export function mockDeleteComment(scope: nock.Scope, id: number): nock.Scope {
  return scope.delete(`/repos/${OWNER}/${REPO}/issues/comments/${id}`).reply(204);
}

/**
 * What every first review in a fresh Probot costs besides the review itself:
 * the installation token and GET /app for the bot login.
 */
export function mockReviewStart(scope: nock.Scope): nock.Scope {
  return mockApp(mockToken(scope));
}

export interface SnapshotOptions {
  /** The PR's files by path (their blobs, found by `blobSha(path)`). */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** Files of the repository at the head sha, beyond the PR's (`.gitattributes`, a LICENSE…). */
  readonly repo?: Readonly<Record<string, string | Uint8Array>>;
  /** `.github/cardinal.yml` on the default branch; `orgConfig` the owner's `.github` repository's. */
  readonly config?: string;
  readonly orgConfig?: string;
  readonly comments?: readonly FakeComment[];
  /** Check runs on the head commit, in the REST shape (`listedCheckRun`). */
  readonly checkRuns?: readonly Record<string, unknown>[];
  /** false: the base repository cannot see the head commit (a fork's). */
  readonly headVisible?: boolean;
  readonly sha?: string;
  /** The pull request's head commit now, when a newer push than the reviewed one exists. */
  readonly pullRequestHead?: string;
  /** Files on the default branch (asked for as `branch:path`, such as a contributing guide). */
  readonly onDefaultBranch?: Readonly<Record<string, string>>;
}

/** The fake GitHub the GraphQL mocks answer from. */
function graphqlState(options: SnapshotOptions) {
  const files = options.files ?? {};
  const blobs = new Map(Object.entries(files).map(([path, text]) => [blobSha(path), text]));
  const sha = options.sha ?? HEAD_SHA;
  return {
    config: (owner: string, name: string) =>
      owner === OWNER && name === REPO ? options.config : owner === OWNER && name === ".github" ? options.orgConfig : undefined,
    comments: () => options.comments ?? [],
    checkRuns: () => (options.checkRuns ?? []) as unknown as FakeCheckRun[],
    blob: (s: string) => blobs.get(s),
    file: (commit: string, path: string) => (commit === sha ? (files[path] ?? options.repo?.[path]) : options.onDefaultBranch?.[path]),
    commitVisible: () => options.headVisible ?? true,
    ...(options.pullRequestHead ? { pullRequestHead: () => options.pullRequestHead } : {}),
  };
}

/**
 * POST /graphql for the review's snapshot (CardinalSnapshot): the config, the
 * comments, the check runs on the head commit, the PR's file texts and the
 * prefetched repository paths, answered by the shared fake
 * (src/tools/fake-github-graphql.ts). Each query it answers is pushed into `into`.
 */
export function mockSnapshot(scope: nock.Scope, options: SnapshotOptions = {}, into: GraphqlRequestBody[] = []): nock.Scope {
  return mockGraphql(scope, "CardinalSnapshot", options, into);
}

/** POST /graphql for a later lookup of repository paths (CardinalRepoFiles) or blobs (CardinalBlobs). */
export function mockGraphql(
  scope: nock.Scope,
  operation: "CardinalSnapshot" | "CardinalRepoFiles" | "CardinalBlobs",
  options: SnapshotOptions = {},
  into: GraphqlRequestBody[] = [],
): nock.Scope {
  const state = graphqlState(options);
  return scope
    .post("/graphql", (body: GraphqlRequestBody) => operationName(body.query) === operation)
    .reply(200, (_uri: string, body: nock.Body) => {
      into.push(body as unknown as GraphqlRequestBody);
      return answerGraphql(body as unknown as GraphqlRequestBody, state);
    });
}

/**
 * GET /repos/o/r/git/trees/<sha>?recursive=true: the repository's files at
 * the head sha, which Cardinal reads only when GraphQL refuses its lookups.
 */
export function mockTree(scope: nock.Scope, paths: readonly string[], sha = HEAD_SHA, owner = OWNER, repo = REPO): nock.Scope {
  return scope
    .get(`/repos/${owner}/${repo}/git/trees/${sha}`)
    .query({ recursive: "true" })
    .reply(200, {
      sha,
      truncated: false,
      tree: paths.map((path) => ({ path, mode: "100644", type: "blob", sha: "f".repeat(40), size: 100 })),
    });
}

/**
 * The repository around a PR that adds `models/x/` with LFS weights: the
 * root `.gitattributes` that sends safetensors through LFS, a root README and
 * the folder's model card. Pass as `repo` to `mockSnapshot`.
 */
export const REPO_WITH_LFS: Readonly<Record<string, string>> = {
  ".gitattributes": "*.safetensors filter=lfs diff=lfs merge=lfs -text\n",
  "README.md": "# tiny-llm\n",
  "models/x/README.md": "---\nlicense: mit\n---\n# x\n",
};

/** POST /issues/N/labels; pushes each requested label list into `into`. */
export function mockAddLabels(scope: nock.Scope, into: string[][], number = PR_NUMBER): nock.Scope {
  return scope
    .post(`/repos/${OWNER}/${REPO}/issues/${number}/labels`, (body: { labels: string[] }) => {
      into.push(body.labels);
      return true;
    })
    .reply(200, (_uri: string, body: nock.Body) =>
      (body as { labels: string[] }).labels.map((name, i) => ({
        id: 6011220000 + i,
        node_id: `LA_kwDOKnvNTs8AAAAB${i}`,
        url: `${API}/repos/${OWNER}/${REPO}/labels/${encodeURIComponent(name)}`,
        name,
        color: "ededed",
        default: false,
        description: null,
      })),
    );
}

/**
 * GET /collaborators/<user>/permission. `role` is GitHub's `role_name`
 * (admin, maintain, write, triage, read); `permission` is the older field,
 * which folds maintain into write and triage into read. null answers 404
 * (the user is not a collaborator).
 */
export function mockPermission(scope: nock.Scope, username: string, role: "admin" | "maintain" | "write" | "triage" | "read" | null): nock.Scope {
  const path = `/repos/${OWNER}/${REPO}/collaborators/${username}/permission`;
  if (role === null) {
    return scope.get(path).reply(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user", status: "404" });
  }
  const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
  return scope.get(path).reply(200, {
    permission,
    role_name: role,
    user: { login: username, id: 4400000 + username.length, type: "User", site_admin: false, permissions: { admin: role === "admin", maintain: role === "maintain" || role === "admin", push: permission !== "read", triage: true, pull: true } },
  });
}

/** GET /pulls/N answering the given pull request object (the REST shape matches the webhook's `pull_request`). */
export function mockGetPull(scope: nock.Scope, pull: Record<string, unknown>, number = PR_NUMBER): nock.Scope {
  return scope.get(`/repos/${OWNER}/${REPO}/pulls/${number}`).reply(200, pull);
}

/** A pull request review as GET /pulls/N/reviews lists it. */
export function review(id: number, commitId: string, user: { login: string; type?: string } = { login: BOT_LOGIN, type: "Bot" }, body = "Cardinal suggests a fix you can apply with one click. <!-- cardinal:suggestions -->"): Record<string, unknown> {
  return {
    id,
    node_id: `PRR_kwDOKnvNTs5${id}`,
    user: { login: user.login, id: 20_000 + id, type: user.type ?? "User" },
    body,
    state: "COMMENTED",
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}#pullrequestreview-${id}`,
    pull_request_url: `${API}/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`,
    author_association: user.type === "Bot" ? "NONE" : "MEMBER",
    submitted_at: "2026-03-01T09:00:00Z",
    commit_id: commitId,
  };
}

/** GET /pulls/N/reviews (one page). */
export function mockListReviews(scope: nock.Scope, reviews: readonly Record<string, unknown>[], number = PR_NUMBER): nock.Scope {
  return scope.get(`/repos/${OWNER}/${REPO}/pulls/${number}/reviews`).query({ per_page: "100" }).reply(200, [...reviews]);
}

export interface ReviewCommentInput {
  path: string;
  line: number;
  start_line?: number;
  side: string;
  start_side?: string;
  body: string;
}

/** A review comment as GET /pulls/N/comments lists it; `line` null once the comment is outdated. */
export function reviewComment(
  id: number,
  posted: ReviewCommentInput,
  options: { line?: number | null; user?: { login: string; type?: string } } = {},
): Record<string, unknown> {
  const user = options.user ?? { login: BOT_LOGIN, type: "Bot" };
  return {
    id,
    pull_request_review_id: 80_000 + id,
    path: posted.path,
    line: options.line === undefined ? posted.line : options.line,
    original_line: posted.line,
    side: posted.side,
    body: posted.body,
    commit_id: HEAD_SHA,
    original_commit_id: HEAD_SHA,
    diff_hunk: "@@ -0,0 +1,2 @@",
    user: { login: user.login, id: 20_000 + id, type: user.type ?? "User" },
    created_at: "2026-03-01T09:00:00Z",
    updated_at: "2026-03-01T09:00:00Z",
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}#discussion_r${id}`,
    author_association: user.type === "Bot" ? "NONE" : "MEMBER",
  };
}

/** GET /pulls/N/comments: the review comments (one page). */
export function mockListReviewComments(scope: nock.Scope, comments: readonly Record<string, unknown>[], number = PR_NUMBER): nock.Scope {
  return scope.get(`/repos/${OWNER}/${REPO}/pulls/${number}/comments`).query({ per_page: "100" }).reply(200, [...comments]);
}

export interface ReviewBody {
  commit_id: string;
  event: string;
  body: string;
  comments: ReviewCommentInput[];
}

/** POST /pulls/N/reviews; pushes each request body into `into`. `status` 422 answers as GitHub does for a line outside the diff. */
export function mockCreateReview(scope: nock.Scope, into: ReviewBody[], options: { status?: 200 | 422; number?: number } = {}): nock.Scope {
  const number = options.number ?? PR_NUMBER;
  const interceptor = scope.post(`/repos/${OWNER}/${REPO}/pulls/${number}/reviews`, (body: ReviewBody) => {
    into.push(body);
    return true;
  });
  if (options.status === 422) {
    return interceptor.reply(422, {
      message: "Unprocessable Entity",
      errors: ["Pull request review thread line must be part of the diff and Pull request review thread diff hunk can't be blank"],
      documentation_url: "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request",
      status: "422",
    });
  }
  return interceptor.reply(200, (_uri: string, body: nock.Body) => review(81_000, (body as ReviewBody).commit_id));
}

/**
 * The network rules every handler test runs under: nock blocks the network
 * (the loopback fake Hub stays reachable when asked), requests that match no
 * mock are recorded, and every mock is cleared after each test.
 */
export function useNockSandbox(options: { readonly fakeHub?: boolean } = {}): { readonly requests: readonly string[] } {
  let tracker: ReturnType<typeof trackUnmatched> | undefined;
  beforeEach(() => {
    nock.disableNetConnect();
    if (options.fakeHub) allowFakeHub();
    tracker = trackUnmatched();
  });
  afterEach(() => {
    tracker?.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });
  return {
    get requests() {
      return tracker?.requests ?? [];
    },
  };
}
