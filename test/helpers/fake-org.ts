/**
 * A fake GitHub API on 127.0.0.1 for one organisation of many repositories:
 * what the default-branch jobs read (installation repositories 100 a page
 * with Link headers, refs, recursive trees, blobs by GraphQL, raw contents)
 * and write (check runs, issues). Every request is recorded with the
 * repository it was made for, so tests assert the cost per repository.
 * Answers follow GitHub's documented shapes, trimmed to what Cardinal reads.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRepo {
  readonly id: number;
  readonly name: string;
  private: boolean;
  archived: boolean;
  defaultBranch: string;
  /** No commits at all: refs and trees answer 409 as GitHub does. */
  empty: boolean;
  /** Path → text (weights are LFS pointer texts). */
  files: Map<string, string>;
  headSha: string;
}

export interface FakeIssue {
  readonly number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason: string | null;
  labels: string[];
  readonly user: { login: string; type: string };
}

export interface FakeCheckRun {
  readonly id: number;
  readonly repo: string;
  readonly head_sha: string;
  readonly conclusion: string;
  readonly title: string;
  readonly summary: string;
  readonly external_id?: string;
  readonly annotations: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** `owner/name` the request was about, or "" (installation listing, tokens, GET /app). */
  readonly repo: string;
}

export interface FakeOrg {
  readonly url: string;
  readonly owner: string;
  readonly repos: Map<string, FakeRepo>;
  readonly issues: Map<string, FakeIssue[]>;
  readonly checkRuns: FakeCheckRun[];
  readonly requests: RecordedRequest[];
  /** The organisation's `.github/cardinal.yml` in `owner/.github` (undefined: none). */
  orgConfig: string | undefined;
  /** Answer issue writes with 403, as GitHub does for an installation without Issues write. */
  issuesForbidden: boolean;
  /** Issue lists leave out issues created less than this many list calls ago (GitHub's read-after-write lag). */
  listLag: number;
  /** The most requests the fake was answering at one moment. */
  readonly maxInFlight: number;
  /** Requests counted per repository. */
  requestsFor(repo: string): number;
  /** Sets a repository's files as of a new commit; returns the commit sha. */
  push(repo: string, files: Record<string, string | null>): string;
  addRepo(repo: Partial<FakeRepo> & { name: string }): FakeRepo;
  close(): Promise<void>;
}

export const APP_SLUG = "cardinal-test";
export const APP_LOGIN = `${APP_SLUG}[bot]`;

export function shaOf(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4900",
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    ...headers,
  });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

let commitCounter = 0;
function newSha(): string {
  commitCounter++;
  return shaOf(`commit ${commitCounter} ${Math.random()}`);
}

export async function startFakeOrg(owner: string, options: { readonly installationId: number }): Promise<FakeOrg> {
  const repos = new Map<string, FakeRepo>();
  const issues = new Map<string, FakeIssue[]>();
  const checkRuns: FakeCheckRun[] = [];
  const requests: RecordedRequest[] = [];
  const createdAtList = new Map<string, number>(); // `repo#number` → list calls seen when it was created
  let listCalls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let nextId = 1000;
  let url = "";

  const blobs = new Map<string, string>(); // sha → text

  const org: FakeOrg = {
    get url() {
      return url;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    owner,
    repos,
    issues,
    checkRuns,
    requests,
    orgConfig: undefined,
    issuesForbidden: false,
    listLag: 0,
    requestsFor: (repo) => requests.filter((r) => r.repo === repo).length,
    push(name, files) {
      const repo = repos.get(name);
      if (!repo) throw new Error(`no repository ${name}`);
      for (const [path, text] of Object.entries(files)) {
        if (text === null) repo.files.delete(path);
        else repo.files.set(path, text);
      }
      repo.empty = false;
      repo.headSha = newSha();
      return repo.headSha;
    },
    addRepo(spec) {
      const repo: FakeRepo = {
        id: spec.id ?? nextId++,
        name: spec.name,
        private: spec.private ?? false,
        archived: spec.archived ?? false,
        defaultBranch: spec.defaultBranch ?? "main",
        empty: spec.empty ?? false,
        files: spec.files ?? new Map(),
        headSha: spec.headSha ?? newSha(),
      };
      repos.set(repo.name, repo);
      return repo;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const repoJson = (r: FakeRepo) => ({
    id: r.id,
    node_id: `R_${r.id}`,
    name: r.name,
    full_name: `${owner}/${r.name}`,
    private: r.private,
    owner: { login: owner, id: 91234567, type: "Organization" },
    html_url: `https://github.com/${owner}/${r.name}`,
    archived: r.archived,
    disabled: false,
    default_branch: r.defaultBranch,
    size: r.empty ? 0 : 120,
  });
  const issueJson = (repo: string, i: FakeIssue) => ({
    id: i.number * 7919,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason,
    labels: i.labels.map((name) => ({ name })),
    user: i.user,
    html_url: `https://github.com/${owner}/${repo}/issues/${i.number}`,
  });

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    void (async () => {
      const parsed = new URL(req.url ?? "/", "http://127.0.0.1");
      const path = decodeURIComponent(parsed.pathname);
      const method = req.method ?? "GET";
      const body = method === "GET" ? {} : await readBody(req);
      const repoMatch = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
      let repoKey = repoMatch ? `${repoMatch[1]}/${repoMatch[2]}` : "";
      if (path === "/graphql") {
        const vars = (body["variables"] ?? {}) as Record<string, unknown>;
        repoKey = `${String(vars["owner"])}/${String(vars["repo"])}`;
      }
      requests.push({ method, path: `${path}${parsed.search}`, repo: repoKey });

      if (method === "POST" && path === `/app/installations/${options.installationId}/access_tokens`) {
        return send(res, 201, { token: "ghs_fakeOrgInstallationToken", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
      }
      if (method === "GET" && path === "/app") {
        return send(res, 200, { id: 123, slug: APP_SLUG, name: "Cardinal (test)", owner: { login: owner } });
      }
      if (method === "GET" && path === "/installation/repositories") {
        const perPage = Number(parsed.searchParams.get("per_page") ?? 30);
        const page = Number(parsed.searchParams.get("page") ?? 1);
        const all = [...repos.values()];
        const slice = all.slice((page - 1) * perPage, page * perPage);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const links: string[] = [];
        if (page < last) links.push(`<${url}/installation/repositories?per_page=${perPage}&page=${page + 1}>; rel="next"`, `<${url}/installation/repositories?per_page=${perPage}&page=${last}>; rel="last"`);
        return send(res, 200, { total_count: all.length, repository_selection: "all", repositories: slice.map(repoJson) }, links.length ? { link: links.join(", ") } : {});
      }
      if (path === "/graphql" && method === "POST") {
        const vars = (body["variables"] ?? {}) as Record<string, unknown>;
        const query = String(body["query"] ?? "");
        if (!query.includes("query CardinalBlobs")) return send(res, 200, { data: null, errors: [{ message: "fake-org answers only CardinalBlobs" }] });
        const repository: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(vars)) {
          if (!/^b\d+$/.test(k)) continue;
          const text = blobs.get(String(v));
          repository[k] = text === undefined ? null : { __typename: "Blob", byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
        }
        return send(res, 200, { data: { repository } });
      }
      if (!repoMatch) return send(res, 404, { message: `fake-org: no route ${method} ${path}` });
      const [, o, name, rest = ""] = repoMatch;
      if (o !== owner) return send(res, 404, { message: "Not Found" });
      if (name === ".github" && method === "GET" && rest === "/contents/.github/cardinal.yml") {
        if (org.orgConfig === undefined) return send(res, 404, { message: "Not Found" });
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        return res.end(org.orgConfig);
      }
      const repo = repos.get(name ?? "");
      if (!repo) return send(res, 404, { message: "Not Found" });
      const full = `${owner}/${repo.name}`;

      let m: RegExpExecArray | null;
      if (method === "GET" && (m = /^\/git\/ref\/heads\/(.+)$/.exec(rest))) {
        if (repo.empty) return send(res, 409, { message: "Git Repository is empty." });
        if (m[1] !== repo.defaultBranch) return send(res, 404, { message: "Not Found" });
        return send(res, 200, { ref: `refs/heads/${repo.defaultBranch}`, object: { sha: repo.headSha, type: "commit" } });
      }
      if (method === "GET" && (m = /^\/git\/trees\/([0-9a-f]{40})$/.exec(rest))) {
        if (repo.empty) return send(res, 409, { message: "Git Repository is empty." });
        const tree = [...repo.files].map(([p, text]) => {
          const sha = shaOf(`blob ${text}`);
          blobs.set(sha, text);
          return { path: p, mode: "100644", type: "blob", sha, size: Buffer.byteLength(text) };
        });
        return send(res, 200, { sha: shaOf(`tree ${m[1]}`), tree, truncated: false });
      }
      if (method === "GET" && (m = /^\/contents\/(.+)$/.exec(rest))) {
        const text = repo.files.get(m[1] ?? "");
        if (text === undefined) return send(res, 404, { message: "Not Found" });
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        return res.end(text);
      }
      if (method === "GET" && (m = /^\/commits\/([0-9a-f]{40})\/check-runs$/.exec(rest))) {
        const runs = checkRuns.filter((c) => c.repo === full && c.head_sha === m?.[1]);
        const latest = runs.length > 0 ? [runs[runs.length - 1]!] : [];
        return send(res, 200, {
          total_count: latest.length,
          check_runs: latest.map((c) => ({
            id: c.id,
            head_sha: c.head_sha,
            status: "completed",
            conclusion: c.conclusion,
            app: { slug: APP_SLUG },
            output: { title: c.title, summary: c.summary, annotations_count: c.annotations },
          })),
        });
      }
      if (method === "POST" && rest === "/check-runs") {
        const output = (body["output"] ?? {}) as { title?: string; summary?: string; annotations?: unknown[] };
        const run: FakeCheckRun = {
          id: nextId++,
          repo: full,
          head_sha: String(body["head_sha"]),
          conclusion: String(body["conclusion"]),
          title: output.title ?? "",
          summary: output.summary ?? "",
          ...(typeof body["external_id"] === "string" ? { external_id: body["external_id"] } : {}),
          annotations: output.annotations?.length ?? 0,
        };
        checkRuns.push(run);
        return send(res, 201, { id: run.id });
      }
      if (method === "PATCH" && /^\/check-runs\/\d+$/.test(rest)) return send(res, 200, {});
      const list = issues.get(full) ?? [];
      issues.set(full, list);
      if (method === "GET" && rest === "/issues") {
        listCalls++;
        const creator = parsed.searchParams.get("creator");
        const visible = list.filter((i) => (!creator || i.user.login === creator) && listCalls - (createdAtList.get(`${full}#${i.number}`) ?? -Infinity) > org.listLag);
        return send(res, 200, visible.map((i) => issueJson(repo.name, i)));
      }
      if (org.issuesForbidden && method !== "GET" && rest.startsWith("/issues")) {
        return send(res, 403, { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest/issues/issues#create-an-issue", status: "403" });
      }
      if (method === "POST" && rest === "/issues") {
        const issue: FakeIssue = {
          number: list.length + 1,
          title: String(body["title"]),
          body: String(body["body"] ?? ""),
          state: "open",
          state_reason: null,
          labels: (body["labels"] as string[] | undefined) ?? [],
          user: { login: APP_LOGIN, type: "Bot" },
        };
        list.push(issue);
        createdAtList.set(`${full}#${issue.number}`, listCalls);
        return send(res, 201, issueJson(repo.name, issue));
      }
      if ((m = /^\/issues\/(\d+)$/.exec(rest))) {
        const issue = list.find((i) => i.number === Number(m?.[1]));
        if (!issue) return send(res, 404, { message: "Not Found" });
        if (method === "PATCH") {
          if (typeof body["title"] === "string") issue.title = body["title"];
          if (typeof body["body"] === "string") issue.body = body["body"];
          if (body["state"] === "open" || body["state"] === "closed") {
            issue.state = body["state"];
            issue.state_reason = typeof body["state_reason"] === "string" ? body["state_reason"] : body["state"] === "open" ? "reopened" : "completed";
          }
        }
        return send(res, 200, issueJson(repo.name, issue));
      }
      return send(res, 404, { message: `fake-org: no route ${method} ${path}` });
    })().catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return org;
}
