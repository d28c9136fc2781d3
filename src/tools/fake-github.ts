/**
 * A fake GitHub API on 127.0.0.1 that serves a folder as one pull request
 * adding every file of it, for `npm run replay` (src/tools/replay.ts). It
 * answers every request a review of that pull request sends (REST and the
 * GraphQL queries, the latter through fake-github-graphql.ts) and keeps what
 * Cardinal writes: check runs, the comment, a suggestions review, labels.
 *
 * A request it has no answer for gets a 404 whose message names it, and is
 * recorded in `unknown`, so the replay can say in one line which route is
 * missing here instead of leaving the app's error to explain it.
 */
import { createHash } from "node:crypto";
import { readFileSync, realpathSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { glob } from "tinyglobby";
import { IGNORED_DIRECTORIES } from "../io/fs/workspace.js";
import { answerGraphql, type FakeComment, type FakeGraphqlState, type GraphqlRequestBody } from "./fake-github-graphql.js";

export const FAKE_OWNER = "local";
export const FAKE_REPO = "model-release";
export const FAKE_PR = 1;
export const FAKE_HEAD_SHA = "0000000000000000000000000000000000000001";
export const FAKE_BASE_SHA = "0000000000000000000000000000000000000000";
export const FAKE_DEFAULT_BRANCH = "main";
/** The app's slug; its comments are written by `cardinal-local[bot]`. */
export const FAKE_APP_SLUG = "cardinal-local";
const BOT = { login: `${FAKE_APP_SLUG}[bot]`, type: "Bot" } as const;

/** One annotation of a check run, as Cardinal sends it. */
export interface PostedAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly annotation_level: string;
  readonly title?: string;
}

/** Something Cardinal wrote to the fake GitHub, in the order it arrived. */
export type Posted =
  | {
      readonly kind: "check-run";
      /** `created` for POST, `updated` for a PATCH (more annotations). */
      readonly action: "created" | "updated";
      readonly conclusion?: string;
      readonly title?: string;
      readonly summary?: string;
      readonly annotations: readonly PostedAnnotation[];
    }
  | { readonly kind: "comment"; readonly action: "created" | "updated" | "deleted"; readonly body: string }
  | { readonly kind: "review"; readonly body: string; readonly comments: readonly { path: string; line: number; body: string }[] }
  | { readonly kind: "labels"; readonly labels: readonly string[] };

export interface FakeGitHub {
  /** Base URL for Octokit (`--base-url` of `probot receive`). */
  readonly url: string;
  /** The folder's files, as the pull request lists them. */
  readonly files: readonly string[];
  /** The `pull_request.opened` webhook payload of the pull request, by a first-time contributor. */
  readonly payload: Record<string, unknown>;
  readonly posted: readonly Posted[];
  /** `METHOD /path` of each request the fake had no answer for. */
  readonly unknown: readonly string[];
  close(): Promise<void>;
}

export interface FakeGitHubOptions {
  /** Routes (`METHOD /path`) to treat as unknown, to see what the replay says of a route it lacks. */
  readonly unknownRoutes?: readonly string[];
}

/** A request body the fake could not read as JSON: answered 400 with this message. */
class BadBody extends Error {}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new BadBody(`the body of ${req.method ?? "?"} ${req.url ?? "?"} is not a JSON object`);
}

/** A unified diff of a new small text file, as GitHub's `patch` field has it. */
function patchOf(bytes: Buffer): string | undefined {
  if (bytes.length > 4096 || bytes.includes(0)) return undefined;
  const lines = bytes.toString("utf8").replace(/\n$/, "").split("\n");
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;
}

/** Git's blob sha of some bytes, as GitHub lists it with a pull request's files. */
function blobSha(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

function lineCount(bytes: Buffer): number {
  if (bytes.length === 0 || bytes.includes(0)) return 0;
  return bytes.toString("utf8").replace(/\n$/, "").split("\n").length;
}

/**
 * Starts the fake for `folder` (which must be a readable directory). The
 * folder's `.github/cardinal.yml` doubles as the configuration on the
 * default branch, so that a replay can try a configuration; nothing else is
 * on the default branch (the pull request adds every file).
 */
export async function startFakeGitHub(folder: string, options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const root = realpathSync(folder);
  const files = (await glob("**/*", { cwd: root, dot: true, onlyFiles: true, ignore: IGNORED_DIRECTORIES })).sort();
  const posted: Posted[] = [];
  const unknown: string[] = [];
  const comments: FakeComment[] = [];
  let nextId = 1;

  /** A file of the folder, or undefined outside it or when absent. */
  const readInFolder = (file: string): Buffer | undefined => {
    const absolute = path.resolve(root, file);
    if (absolute !== root && !absolute.startsWith(`${root}${path.sep}`)) return undefined;
    if (!statSync(absolute, { throwIfNoEntry: false })?.isFile()) return undefined;
    return readFileSync(absolute);
  };
  const bytesOf = new Map<string, Buffer>();
  const bySha = new Map<string, string>();
  for (const file of files) {
    const bytes = readFileSync(path.join(root, file));
    bytesOf.set(file, bytes);
    bySha.set(blobSha(bytes), file);
  }
  const config = () => readInFolder(".github/cardinal.yml")?.toString("utf8");

  const graphql: FakeGraphqlState = {
    config: (owner, name) => (owner === FAKE_OWNER && name === FAKE_REPO ? config() : undefined),
    comments: () => comments,
    checkRuns: () => [],
    blob: (sha) => {
      const file = bySha.get(sha);
      return file === undefined ? undefined : bytesOf.get(file);
    },
    file: (commit, file) => {
      if (commit === FAKE_HEAD_SHA) return bytesOf.get(file);
      if (commit === FAKE_DEFAULT_BRANCH && file === ".github/cardinal.yml") return config();
      return undefined;
    },
  };

  const repoPrefix = `/repos/${FAKE_OWNER}/${FAKE_REPO}`;
  const repository = {
    id: 1,
    name: FAKE_REPO,
    full_name: `${FAKE_OWNER}/${FAKE_REPO}`,
    owner: { login: FAKE_OWNER, type: "User" },
    default_branch: FAKE_DEFAULT_BRANCH,
  };
  const pullRequest = {
    number: FAKE_PR,
    state: "open",
    title: `Release ${path.basename(root)}`,
    draft: false,
    changed_files: files.length,
    author_association: "FIRST_TIME_CONTRIBUTOR",
    labels: [],
    user: { login: "new-contributor", type: "User" },
    head: { sha: FAKE_HEAD_SHA, ref: "release", repo: repository },
    base: { sha: FAKE_BASE_SHA, ref: FAKE_DEFAULT_BRANCH, repo: repository },
  };
  const listedFiles = () =>
    files.map((filename) => {
      const bytes = bytesOf.get(filename) ?? Buffer.alloc(0);
      const patch = patchOf(bytes);
      const lines = lineCount(bytes);
      return {
        sha: blobSha(bytes),
        filename,
        status: "added",
        additions: lines,
        deletions: 0,
        changes: lines,
        ...(patch ? { patch } : {}),
      };
    });
  const restComment = (c: FakeComment) => ({ id: c.id, body: c.body, user: c.user });

  /** The answer to one request; false when the fake does not know the route. */
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const p = url.pathname;
    if (options.unknownRoutes?.includes(`${method} ${p}`)) return false;
    const page = Number(url.searchParams.get("page") ?? "1");
    const reply = (status: number, body: unknown): true => {
      send(res, status, body);
      return true;
    };
    /** A list: everything on page 1 (no Link header, so Octokit asks no further). */
    const list = (items: readonly unknown[]) => reply(200, page > 1 ? [] : items);

    if (method === "GET" && p === "/app") return reply(200, { id: 1, slug: FAKE_APP_SLUG, name: "Cardinal (replay)" });
    if (method === "POST" && p === "/graphql") return reply(200, answerGraphql((await readJson(req)) as unknown as GraphqlRequestBody, graphql));

    // The Git LFS Batch API (git-lfs docs/api/batch.md), at the web host as on github.com: a folder
    // holds LFS pointers, not the objects, so every object answers 404 ("not on the server").
    if (method === "POST" && p === `/${FAKE_OWNER}/${FAKE_REPO}.git/info/lfs/objects/batch`) {
      const body = await readJson(req);
      const objects = Array.isArray(body["objects"]) ? (body["objects"] as { oid?: unknown; size?: unknown }[]) : [];
      res.writeHead(200, { "content-type": "application/vnd.git-lfs+json" });
      res.end(JSON.stringify({ transfer: "basic", objects: objects.map((o) => ({ oid: o.oid, size: o.size, error: { code: 404, message: "Object does not exist" } })) }));
      return true;
    }

    // Reads of the pull request and its repository.
    if (method === "GET" && p === `${repoPrefix}/pulls/${FAKE_PR}`) return reply(200, pullRequest);
    if (method === "GET" && p === `${repoPrefix}/pulls/${FAKE_PR}/files`) return list(listedFiles());
    if (method === "GET" && p === `${repoPrefix}/git/trees/${FAKE_HEAD_SHA}`) {
      const tree = files.map((file) => ({ path: file, mode: "100644", type: "blob", sha: blobSha(bytesOf.get(file) ?? Buffer.alloc(0)), size: bytesOf.get(file)?.length ?? 0 }));
      return reply(200, { sha: FAKE_HEAD_SHA, truncated: false, tree });
    }
    if (method === "GET" && p.startsWith(`/repos/${FAKE_OWNER}/`) && p.includes("/contents/")) {
      const file = decodeURIComponent(p.slice(p.indexOf("/contents/") + "/contents/".length));
      const ref = url.searchParams.get("ref");
      // Without a ref GitHub reads the default branch (Probot's config); with the head sha, the pull request's files.
      const bytes = !p.startsWith(`${repoPrefix}/contents/`)
        ? undefined
        : ref === FAKE_HEAD_SHA
          ? bytesOf.get(file)
          : file === ".github/cardinal.yml" && (ref === null || ref === FAKE_DEFAULT_BRANCH)
            ? readInFolder(file)
            : undefined;
      if (!bytes) return reply(404, { message: "Not Found" });
      if ((req.headers.accept ?? "").includes("raw")) {
        res.writeHead(200, { "content-type": "application/vnd.github.raw" });
        res.end(bytes);
        return true;
      }
      return reply(200, { type: "file", encoding: "base64", size: bytes.length, name: path.posix.basename(file), path: file, content: bytes.toString("base64") });
    }
    if (method === "GET" && p === `${repoPrefix}/commits/${FAKE_HEAD_SHA}/check-runs`) return reply(200, { total_count: 0, check_runs: [] });

    // The check run.
    if (method === "POST" && p === `${repoPrefix}/check-runs`) {
      const body = await readJson(req);
      posted.push(checkRunPosted("created", body));
      return reply(201, { id: nextId++, head_sha: FAKE_HEAD_SHA, name: body["name"], status: "completed" });
    }
    const checkRunId = new RegExp(`^${repoPrefix}/check-runs/(\\d+)$`).exec(p)?.[1];
    if (method === "PATCH" && checkRunId !== undefined) {
      posted.push(checkRunPosted("updated", await readJson(req)));
      return reply(200, { id: Number(checkRunId) });
    }

    // The sticky comment.
    if (method === "GET" && p === `${repoPrefix}/issues/${FAKE_PR}/comments`) return list(comments.map(restComment));
    if (method === "POST" && p === `${repoPrefix}/issues/${FAKE_PR}/comments`) {
      const body = String((await readJson(req))["body"] ?? "");
      const comment = { id: nextId++, body, user: BOT };
      comments.push(comment);
      posted.push({ kind: "comment", action: "created", body });
      return reply(201, restComment(comment));
    }
    const commentId = new RegExp(`^${repoPrefix}/issues/comments/(\\d+)$`).exec(p)?.[1];
    if (commentId !== undefined && (method === "PATCH" || method === "DELETE")) {
      const index = comments.findIndex((c) => c.id === Number(commentId));
      if (index < 0) return reply(404, { message: "Not Found" });
      if (method === "DELETE") {
        posted.push({ kind: "comment", action: "deleted", body: comments[index]?.body ?? "" });
        comments.splice(index, 1);
        res.writeHead(204).end();
        return true;
      }
      const body = String((await readJson(req))["body"] ?? "");
      comments[index] = { id: Number(commentId), body, user: BOT };
      posted.push({ kind: "comment", action: "updated", body });
      return reply(200, restComment({ id: Number(commentId), body, user: BOT }));
    }

    // The suggestions review, and the first-time contributor's label.
    if (method === "GET" && p === `${repoPrefix}/pulls/${FAKE_PR}/reviews`) return list([]);
    if (method === "GET" && p === `${repoPrefix}/pulls/${FAKE_PR}/comments`) return list([]);
    if (method === "POST" && p === `${repoPrefix}/pulls/${FAKE_PR}/reviews`) {
      const body = await readJson(req);
      const reviewComments = Array.isArray(body["comments"]) ? (body["comments"] as { path: string; line: number; body: string }[]) : [];
      posted.push({ kind: "review", body: String(body["body"] ?? ""), comments: reviewComments });
      return reply(200, { id: nextId++, commit_id: body["commit_id"], user: BOT, state: "COMMENTED" });
    }
    if (method === "POST" && p === `${repoPrefix}/issues/${FAKE_PR}/labels`) {
      const labels = (await readJson(req))["labels"];
      const names = Array.isArray(labels) ? labels.map(String) : [];
      posted.push({ kind: "labels", labels: names });
      return reply(200, names.map((name, i) => ({ id: i + 1, name, color: "ededed", default: false, description: null })));
    }
    return false;
  }

  const server = createServer((req, res) => {
    answer(req, res).then(
      (known) => {
        if (known) return;
        const route = `${req.method ?? "GET"} ${new URL(req.url ?? "/", "http://127.0.0.1").pathname}`;
        unknown.push(route);
        send(res, 404, { message: `The replay's fake GitHub does not answer ${route}` });
      },
      (error: unknown) => {
        if (error instanceof BadBody) return send(res, 400, { message: error.message });
        send(res, 500, { message: `The replay's fake GitHub failed: ${error instanceof Error ? error.message : String(error)}` });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    payload: {
      action: "opened",
      number: FAKE_PR,
      pull_request: pullRequest,
      repository,
      installation: { id: 1 },
      sender: pullRequest.user,
    },
    posted,
    unknown,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function checkRunPosted(action: "created" | "updated", body: Record<string, unknown>): Posted {
  const output = (body["output"] ?? {}) as { title?: string; summary?: string; annotations?: PostedAnnotation[] };
  return {
    kind: "check-run",
    action,
    ...(typeof body["conclusion"] === "string" ? { conclusion: body["conclusion"] } : {}),
    ...(typeof output.title === "string" ? { title: output.title } : {}),
    ...(typeof output.summary === "string" ? { summary: output.summary } : {}),
    annotations: Array.isArray(output.annotations) ? output.annotations : [],
  };
}
