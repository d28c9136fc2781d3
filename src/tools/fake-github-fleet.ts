/**
 * A fake GitHub on 127.0.0.1 for several app replicas at once (the Redis
 * tests and the burst benchmark): many repositories, pull requests and
 * installations, what Cardinal writes kept per pull request and head sha.
 * It can listen on several ports (one per replica, so a request says which
 * replica sent it), answer after a latency, hold chosen requests, and it
 * counts what GitHub's documented limits are about: requests in flight at
 * once, and content-creating requests per minute.
 *
 * Replicas reach it as a GitHub Enterprise Server: GHE_HOST=127.0.0.1:port
 * and GHE_PROTOCOL=http (REST under /api/v3, GraphQL at /api/graphql).
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { answerGraphql, type FakeCheckRun, type FakeComment, type GraphqlRequestBody } from "./fake-github-graphql.js";

export const FLEET_APP_SLUG = "cardinal-fleet";
const BOT = { login: `${FLEET_APP_SLUG}[bot]`, type: "Bot" } as const;

export interface FleetPullRequest {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  readonly installation: number;
  /** The head now (what GitHub would say the pull request's head is). */
  head: string;
  /** path → text, at every head (the test changes the sha, not the files). */
  readonly files: Record<string, string>;
  readonly author: string;
}

/** A repository of an installation, for the install sweep: its default branch's files at `head`. */
export interface FleetRepository {
  readonly id: number;
  readonly owner: string;
  readonly repo: string;
  readonly installation: number;
  readonly defaultBranch: string;
  readonly head: string;
  readonly files: Record<string, string>;
  readonly archived?: boolean;
  readonly private?: boolean;
}

export interface FleetCheckRun extends FakeCheckRun {
  readonly head_sha: string;
  readonly repo: string;
  readonly port: number;
}

export interface FleetComment extends FakeComment {
  readonly pr: string;
  readonly port: number;
}

export interface FleetRequest {
  readonly method: string;
  readonly path: string;
  readonly port: number;
  readonly body: Record<string, unknown>;
}

/** A request matcher for `hold` and `waitFor`. */
export type RequestMatch = (request: FleetRequest) => boolean;

export interface FakeGitHubFleet {
  /** One base per port: `127.0.0.1:port` for GHE_HOST. */
  readonly hosts: readonly string[];
  readonly ports: readonly number[];
  readonly pulls: Map<string, FleetPullRequest>;
  readonly checkRuns: FleetCheckRun[];
  readonly comments: FleetComment[];
  /** Comments ever created (a deleted duplicate still counts here). */
  readonly commentsCreated: FleetComment[];
  readonly requests: FleetRequest[];
  readonly stats: {
    /** Requests in flight at once, at most (GitHub: no more than 100). */
    maxInFlight: number;
    /** Content-creating requests in the busiest minute, for the busiest installation (GitHub: 80). */
    contentCreatingPerMinute: () => number;
    /** The same, every installation together. */
    contentCreatingPerMinuteAll: () => number;
    byRoute: Map<string, number>;
  };
  addPull(pr: Omit<FleetPullRequest, "head"> & { head: string }): FleetPullRequest;
  /** A repository the installation lists (GET /installation/repositories), with its default branch. */
  addRepository(repo: Omit<FleetRepository, "id" | "defaultBranch"> & { readonly id?: number; readonly defaultBranch?: string }): FleetRepository;
  readonly repositories: Map<string, FleetRepository>;
  /** An `installation.created` webhook payload for the installation. */
  installationPayload(installation: number, account: string): Record<string, unknown>;
  /** A `pull_request` webhook payload for the pull request at its head (or at `sha`). */
  payload(pr: FleetPullRequest, action: string, sha?: string): Record<string, unknown>;
  setLatency(ms: number): void;
  /** Requests matching are not answered until `release` (or never: the sender may be killed meanwhile). */
  hold(match: RequestMatch): { readonly arrived: Promise<FleetRequest>; release(): void };
  /** Requests matching are answered `status` (with GitHub's error shape) instead, `times` times. */
  fail(match: RequestMatch, status: number, times?: number): void;
  /** Resolves with the first request (already seen or later) that matches. */
  waitFor(match: RequestMatch, timeoutMs: number, what: string): Promise<FleetRequest>;
  close(): Promise<void>;
}

export const pullKey = (owner: string, repo: string, number: number): string => `${owner}/${repo}#${number}`;

function blobSha(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Requests GitHub counts as creating content (its secondary limit: 80 a minute). */
function createsContent(method: string, path: string): boolean {
  return method === "POST" && /\/(issues\/\d+\/comments|pulls\/\d+\/reviews|check-runs|issues\/\d+\/labels)$/.test(path);
}

/** The most of `times` (ascending, ms) in any 60 s window. */
function busiestMinute(times: readonly number[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= 60_000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

export async function startFakeGitHubFleet(options: { readonly ports?: number } = {}): Promise<FakeGitHubFleet> {
  const pulls = new Map<string, FleetPullRequest>();
  const repositories = new Map<string, FleetRepository>();
  const checkRuns: FleetCheckRun[] = [];
  const comments: FleetComment[] = [];
  const commentsCreated: FleetComment[] = [];
  const requests: FleetRequest[] = [];
  const blobs = new Map<string, string>();
  const byRoute = new Map<string, number>();
  const contentTimes: number[] = [];
  const contentByInstallation = new Map<string, number[]>();
  let inFlight = 0;
  let maxInFlight = 0;
  let latency = 0;
  let nextId = 1;
  const holds: { match: RequestMatch; arrive: (r: FleetRequest) => void; released: Promise<void>; release: () => void }[] = [];
  const waiters: { match: RequestMatch; resolve: (r: FleetRequest) => void }[] = [];
  const failures: { match: RequestMatch; status: number; left: number }[] = [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(status === 204 ? undefined : JSON.stringify(body));
  };

  const runsOf = (repo: string, sha: string) => checkRuns.filter((r) => r.repo === repo && r.head_sha === sha);

  async function answer(req: IncomingMessage, port: number): Promise<[number, unknown]> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const p = decodeURIComponent(url.pathname).replace(/^\/api\/v3(?=\/)/, "").replace(/^\/api(?=\/graphql$)/, "");
    const body = method === "GET" ? {} : await readJson(req);
    const request: FleetRequest = { method, path: p, port, body };
    requests.push(request);
    const route = `${method} ${p.replace(/\/\d+(?=\/|$)/g, "/:n").replace(/\/[0-9a-f]{40}(?=\/|$)/g, "/:sha").replace(/^\/repos\/[^/]+\/[^/]+/, "/repos/:o/:r")}`;
    byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(request)) waiter.resolve(request);
      else waiters.push(waiter);
    }
    const hold = holds.find((h) => h.match(request));
    if (hold) {
      hold.arrive(request);
      await hold.released;
      // The sender went away while held (killed): GitHub never got this request.
      if (req.socket.destroyed) return [499, { message: "client closed the connection" }];
    }
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const failure = failures.find((f) => f.left > 0 && f.match(request));
    if (failure) {
      failure.left--;
      return [failure.status, { message: failure.status === 404 ? "Not Found" : "Server Error", documentation_url: "https://docs.github.com/rest" }];
    }
    if (createsContent(method, p)) {
      contentTimes.push(Date.now());
      // The installation, from the token the fake handed out for it.
      const installation = /ghs_fleet(\d+)/.exec(String(req.headers.authorization ?? ""))?.[1] ?? "?";
      contentByInstallation.set(installation, [...(contentByInstallation.get(installation) ?? []), Date.now()]);
    }

    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(p)) {
      return [201, { token: `ghs_fleet${p.split("/")[3]}`, expires_at: "2099-01-01T00:00:00Z", permissions: {}, repository_selection: "all" }];
    }
    if (method === "GET" && p === "/app") return [200, { id: 1, slug: FLEET_APP_SLUG, name: "Cardinal (fleet)" }];
    if (method === "GET" && p === "/installation/repositories") {
      // The installation, from the token the fake handed out for it.
      const installation = Number(/ghs_fleet(\d+)/.exec(String(req.headers.authorization ?? ""))?.[1] ?? NaN);
      const listed = [...repositories.values()].filter((r) => r.installation === installation);
      const page = Number(url.searchParams.get("page") ?? "1");
      const perPage = Number(url.searchParams.get("per_page") ?? "30");
      const slice = listed.slice((page - 1) * perPage, page * perPage).map((r) => ({
        id: r.id,
        name: r.repo,
        full_name: `${r.owner}/${r.repo}`,
        owner: { login: r.owner, type: "Organization" },
        private: r.private === true,
        archived: r.archived === true,
        disabled: false,
        default_branch: r.defaultBranch,
      }));
      return [200, { total_count: listed.length, repositories: slice }];
    }
    if (method === "POST" && p === "/graphql") {
      const vars = ((body as { variables?: Record<string, unknown> }).variables ?? {}) as Record<string, unknown>;
      const owner = String(vars["owner"] ?? "");
      const repo = String(vars["repo"] ?? "");
      const prOf = (n: number) => pulls.get(pullKey(owner, repo, n));
      return [
        200,
        answerGraphql(body as unknown as GraphqlRequestBody, {
          config: () => undefined,
          comments: (n) => comments.filter((c) => c.pr === pullKey(owner, repo, n)),
          checkRuns: (sha) => runsOf(`${owner}/${repo}`, sha),
          blob: (sha) => blobs.get(sha),
          file: (_commit, path) => (repositories.get(`${owner}/${repo}`) ?? [...pulls.values()].find((pr) => pr.owner === owner && pr.repo === repo))?.files[path],
          pullRequestHead: (n) => prOf(n)?.head,
        }),
      ];
    }
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(p);
    if (!m) return [404, { message: `the fleet's fake GitHub does not answer ${method} ${p}` }];
    const [, owner = "", repo = "", rest = ""] = m;
    const full = `${owner}/${repo}`;
    const page = Number(url.searchParams.get("page") ?? "1");
    const list = (items: unknown[]): [number, unknown] => [200, page > 1 ? [] : items];
    let n: RegExpExecArray | null;
    if ((n = /^\/pulls\/(\d+)$/.exec(rest)) && method === "GET") {
      const pr = pulls.get(pullKey(owner, repo, Number(n[1])));
      return pr ? [200, (payloadOf(pr, "opened")["pull_request"] as unknown)] : [404, { message: "Not Found" }];
    }
    if ((n = /^\/pulls\/(\d+)\/files$/.exec(rest)) && method === "GET") {
      const pr = pulls.get(pullKey(owner, repo, Number(n[1])));
      if (!pr) return [404, { message: "Not Found" }];
      return list(
        Object.entries(pr.files).map(([filename, text]) => {
          const lines = text.replace(/\n$/, "").split("\n");
          return { sha: blobSha(text), filename, status: "added", additions: lines.length, deletions: 0, changes: lines.length, patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}` };
        }),
      );
    }
    if ((n = /^\/git\/ref\/heads\/(.+)$/.exec(rest)) && method === "GET") {
      const branch = repositories.get(full);
      if (!branch || branch.defaultBranch !== n[1]) return [404, { message: "Not Found" }];
      return [200, { ref: `refs/heads/${branch.defaultBranch}`, object: { sha: branch.head, type: "commit" } }];
    }
    if ((n = /^\/git\/trees\/(.+)$/.exec(rest)) && method === "GET") {
      const pr = repositories.get(full) ?? [...pulls.values()].find((x) => x.owner === owner && x.repo === repo);
      const tree = Object.entries(pr?.files ?? {}).map(([path, text]) => ({ path, mode: "100644", type: "blob", sha: blobSha(text), size: text.length }));
      return [200, { sha: n[1], truncated: false, tree }];
    }
    if (/^\/contents\//.test(rest) && method === "GET") return [404, { message: "Not Found" }];
    if ((n = /^\/commits\/([^/]+)\/check-runs$/.exec(rest)) && method === "GET") {
      const runs = runsOf(full, n[1] ?? "");
      return [200, { total_count: runs.length, check_runs: runs }];
    }
    if (rest === "/check-runs" && method === "POST") {
      const output = (body["output"] ?? {}) as { title?: string; summary?: string; annotations?: unknown[] };
      const run: FleetCheckRun = {
        id: nextId++,
        name: String(body["name"] ?? ""),
        status: String(body["status"] ?? "completed"),
        conclusion: typeof body["conclusion"] === "string" ? body["conclusion"] : null,
        output: { title: output.title ?? null, summary: output.summary ?? null, annotations_count: output.annotations?.length ?? 0 },
        app: { slug: FLEET_APP_SLUG },
        head_sha: String(body["head_sha"] ?? ""),
        repo: full,
        port,
      };
      checkRuns.push(run);
      return [201, run];
    }
    if ((n = /^\/check-runs\/(\d+)$/.exec(rest)) && method === "PATCH") {
      const run = checkRuns.find((r) => r.id === Number(n?.[1]));
      if (!run) return [404, { message: "Not Found" }];
      const output = (body["output"] ?? {}) as { annotations?: unknown[] };
      Object.assign(run.output, { annotations_count: run.output.annotations_count + (output.annotations?.length ?? 0) });
      return [200, run];
    }
    if ((n = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const key = pullKey(owner, repo, Number(n[1]));
      if (method === "GET") return list(comments.filter((c) => c.pr === key).map(({ id, body: text, user }) => ({ id, body: text, user })));
      if (method === "POST") {
        const comment: FleetComment = { id: nextId++, body: String(body["body"] ?? ""), user: BOT, pr: key, port };
        comments.push(comment);
        commentsCreated.push(comment);
        return [201, { id: comment.id, body: comment.body, user: BOT }];
      }
    }
    if ((n = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const index = comments.findIndex((c) => c.id === Number(n?.[1]));
      if (index < 0) return [404, { message: "Not Found" }];
      if (method === "DELETE") {
        comments.splice(index, 1);
        return [204, undefined];
      }
      if (method === "PATCH") {
        const old = comments[index] as FleetComment;
        comments[index] = { ...old, body: String(body["body"] ?? "") };
        return [200, { id: old.id, body: comments[index]?.body, user: BOT }];
      }
    }
    if (/^\/pulls\/\d+\/(reviews|comments)$/.test(rest) && method === "GET") return list([]);
    if (/^\/pulls\/\d+\/reviews$/.test(rest) && method === "POST") return [200, { id: nextId++, user: BOT, state: "COMMENTED", commit_id: body["commit_id"] }];
    if (/^\/issues\/\d+\/labels$/.test(rest) && method === "POST") return [200, []];
    return [404, { message: `the fleet's fake GitHub does not answer ${method} ${p}` }];
  }

  function payloadOf(pr: FleetPullRequest, action: string, sha = pr.head): Record<string, unknown> {
    const repository = { id: 1, name: pr.repo, full_name: `${pr.owner}/${pr.repo}`, owner: { login: pr.owner, type: "Organization" }, default_branch: "main", private: false };
    const user = { login: pr.author, id: 7, type: "User" };
    return {
      action,
      number: pr.number,
      pull_request: {
        number: pr.number,
        state: "open",
        title: `Release ${pr.repo} #${pr.number}`,
        draft: false,
        changed_files: Object.keys(pr.files).length,
        author_association: "CONTRIBUTOR",
        labels: [],
        user,
        head: { sha, ref: `release-${pr.number}`, repo: repository },
        base: { sha: "0".repeat(40), ref: "main", repo: repository },
      },
      repository,
      installation: { id: pr.installation },
      sender: user,
    };
  }

  const servers: Server[] = [];
  const ports: number[] = [];
  for (let i = 0; i < (options.ports ?? 1); i++) {
    const server = createServer((req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const port = (req.socket.localPort ?? 0);
      answer(req, port)
        .then(([status, body]) => send(res, status, body), (error: unknown) => send(res, 500, { message: String(error) }))
        .finally(() => inFlight--);
    });
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    servers.push(server);
    ports.push((server.address() as AddressInfo).port);
  }

  return {
    hosts: ports.map((port) => `127.0.0.1:${port}`),
    ports,
    pulls,
    checkRuns,
    comments,
    commentsCreated,
    requests,
    stats: {
      get maxInFlight() {
        return maxInFlight;
      },
      contentCreatingPerMinute: () => Math.max(0, ...[...contentByInstallation.values()].map(busiestMinute)),
      contentCreatingPerMinuteAll: () => busiestMinute(contentTimes),
      byRoute,
    },
    addPull(pr) {
      const entry: FleetPullRequest = { ...pr };
      for (const text of Object.values(pr.files)) blobs.set(blobSha(text), text);
      pulls.set(pullKey(pr.owner, pr.repo, pr.number), entry);
      return entry;
    },
    payload: payloadOf,
    repositories,
    addRepository(repo) {
      const entry: FleetRepository = { ...repo, id: repo.id ?? 10_000 + repositories.size, defaultBranch: repo.defaultBranch ?? "main" };
      for (const text of Object.values(repo.files)) blobs.set(blobSha(text), text);
      repositories.set(`${repo.owner}/${repo.repo}`, entry);
      return entry;
    },
    installationPayload(installation, account) {
      return {
        action: "created",
        installation: { id: installation, account: { login: account, type: "Organization" }, repository_selection: "all" },
        repositories: [...repositories.values()].filter((r) => r.installation === installation).map((r) => ({ id: r.id, name: r.repo, full_name: `${r.owner}/${r.repo}`, private: r.private === true })),
        sender: { login: "octo-admin", id: 5, type: "User" },
      };
    },
    setLatency(ms) {
      latency = ms;
    },
    hold(match) {
      let arrive!: (r: FleetRequest) => void;
      const arrived = new Promise<FleetRequest>((resolve) => (arrive = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const entry = { match, arrive, released, release: () => undefined as void };
      entry.release = () => {
        holds.splice(holds.indexOf(entry), 1);
        release();
      };
      holds.push(entry);
      return { arrived, release: () => entry.release() };
    },
    fail(match, status, times = Infinity) {
      failures.push({ match, status, left: times });
    },
    waitFor(match, timeoutMs, what) {
      const seen = requests.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the fake GitHub saw no ${what} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ match, resolve: (r) => (clearTimeout(timer), resolve(r)) });
      });
    },
    async close() {
      for (const h of [...holds]) h.release();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
