/**
 * An in-process GitHub for the benchmarks: one set of persistent nock
 * interceptors that route every REST and GraphQL call the app may make to a
 * small stateful fake (pull request files, file contents and blobs, check
 * runs, comments, reviews; GraphQL answered by the same fake the tests use,
 * lib/tools/fake-github-graphql.js). Every request that reaches api.github.com is counted
 * here, by interception, whatever the app's own code believes it sent.
 */
import { createHash, generateKeyPairSync } from "node:crypto";
import { setTimeout } from "node:timers";
import { readFileSync } from "node:fs";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { answerGraphql, operationName } from "../lib/tools/fake-github-graphql.js";

export const API = "https://api.github.com";
export const OWNER = "acme-ai";
export const REPO = "tiny-llm";
export const INSTALLATION_ID = 48151623;
export const BOT_SLUG = "cardinal-bench";

const privateKey = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

/** Retry and throttling off, as in the tests: a benchmark must not sleep. */
const BenchOctokit = ProbotOctokit.defaults((options) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...options?.throttle, enabled: false },
}));

export async function createProbot(app) {
  const probot = new Probot({ appId: 123, privateKey, logLevel: "fatal", Octokit: BenchOctokit });
  await probot.load(app);
  return probot;
}

/** The minimum a review bot must do: list the files, write one comment. */
export function baselineApp(app) {
  app.on(["pull_request.opened", "pull_request.synchronize"], async (context) => {
    const files = await context.octokit.paginate(context.octokit.rest.pulls.listFiles, context.pullRequest({ per_page: 100 }));
    await context.octokit.rest.issues.createComment(
      context.issue({ body: `Reviewed ${files.length} files at \`${context.payload.pull_request.head.sha.slice(0, 7)}\`.` }),
    );
  });
}

export function webhook(file) {
  const data = JSON.parse(readFileSync(new URL(`../test/fixtures/webhooks/${file}`, import.meta.url), "utf8"));
  delete data._source;
  return data;
}

const notFound = { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" };

function contentsJson(path, bytes, ref) {
  return {
    type: "file",
    encoding: "base64",
    size: bytes.length,
    name: path.slice(path.lastIndexOf("/") + 1),
    path,
    // GitHub sends an empty content for files over 1 MB; the app then asks for the raw media type.
    content: bytes.length > 1024 * 1024 ? "" : bytes.toString("base64").replace(/(.{60})/g, "$1\n"),
    sha: "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
    url: `${API}/repos/${OWNER}/${REPO}/contents/${path}?ref=${ref}`,
    html_url: `https://github.com/${OWNER}/${REPO}/blob/${ref}/${path}`,
    download_url: `https://raw.githubusercontent.com/${OWNER}/${REPO}/${ref}/${path}`,
  };
}

/** Git's blob sha of a text: the same text, the same sha, as on GitHub. */
export function gitBlobSha(text) {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

function prFile(filename, patch, sha, blob) {
  const lines = patch ? patch.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++")).length : 0;
  return {
    sha: blob,
    filename,
    status: "added",
    additions: lines,
    deletions: 0,
    changes: lines,
    blob_url: `https://github.com/${OWNER}/${REPO}/blob/${sha}/${filename}`,
    raw_url: `https://github.com/${OWNER}/${REPO}/raw/${sha}/${filename}`,
    contents_url: `${API}/repos/${OWNER}/${REPO}/contents/${encodeURIComponent(filename)}?ref=${sha}`,
    ...(patch !== undefined ? { patch } : {}),
  };
}

/**
 * The fake GitHub. `setPull(number, { files, contents })` describes a PR:
 * `files` are `{ path, patch? }`, `contents` maps path → text (also the
 * repository's files at the head sha). State per PR (comments, check runs,
 * reviews) is kept until `dropPull`.
 */
export function installGitHub() {
  const pulls = new Map();
  const blobs = new Map();
  const counter = { total: 0, byRoute: new Map(), unknown: [] };
  let nextId = 1000;

  const pullState = (number) => {
    const state = pulls.get(number);
    if (!state) throw new Error(`bench: no fake PR #${number}`);
    return state;
  };

  function count(route) {
    counter.total++;
    counter.byRoute.set(route, (counter.byRoute.get(route) ?? 0) + 1);
  }

  function comment(id, body) {
    return {
      id,
      body,
      user: { login: `${BOT_SLUG}[bot]`, id: 9_000_001, type: "Bot" },
      created_at: "2026-03-01T09:00:00Z",
      updated_at: "2026-03-01T09:00:00Z",
      html_url: `https://github.com/${OWNER}/${REPO}/pull/1#issuecomment-${id}`,
      author_association: "NONE",
    };
  }

  const stateAt = (sha) => [...pulls.values()].find((s) => s.sha === sha);
  const graphqlState = {
    config: () => undefined,
    comments: (number) => pulls.get(number)?.comments ?? [],
    checkRuns: (sha) =>
      [...pulls.values()].flatMap((s) =>
        s.checkRuns
          .filter((r) => r.head_sha === sha)
          .map((r) => ({ ...r, output: { title: r.output?.title ?? null, summary: r.output?.summary ?? null, annotations_count: r.output?.annotations?.length ?? 0 } })),
      ),
    blob: (sha) => blobs.get(sha),
    file: (commit, path) => stateAt(commit)?.contents.get(path),
  };

  function route(method, uri, body, headers) {
    const url = new URL(uri, API);
    const p = decodeURIComponent(url.pathname);
    const q = url.searchParams;
    let m;
    const repoBase = `/repos/${OWNER}/${REPO}`;
    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(p)) {
      count("POST access_tokens");
      return [201, { token: "ghs_bench", expires_at: "2099-01-01T00:00:00Z", permissions: {}, repository_selection: "all" }];
    }
    if (method === "GET" && p === "/app") {
      count("GET /app");
      return [200, { id: 123, slug: BOT_SLUG, name: "Cardinal (bench)", owner: { login: OWNER, type: "Organization" }, permissions: {}, events: [] }];
    }
    if (method === "GET" && /\/contents\/\.github\/cardinal\.ya?ml$/.test(p)) {
      count("GET config");
      return [404, notFound];
    }
    if (p === "/graphql" && method === "POST") {
      const operation = operationName(body?.query ?? "") ?? "(unnamed)";
      count(`POST graphql ${operation}`);
      const answer = answerGraphql(body, graphqlState);
      if (answer.data === null) counter.unknown.push(`POST /graphql ${operation}`);
      return [200, answer];
    }
    if ((m = /^\/(?:repos\/[^/]+\/[^/]+|repositories\/\d+)\/pulls\/(\d+)\/files$/.exec(p)) && method === "GET") {
      count("GET pulls/files");
      const state = pullState(Number(m[1]));
      const perPage = Number(q.get("per_page") ?? 30);
      const page = Number(q.get("page") ?? 1);
      const slice = state.files
        .slice((page - 1) * perPage, page * perPage)
        .map((f) => prFile(f.path, f.patch, state.sha, gitBlobSha(state.contents.get(f.path) ?? f.patch ?? f.path)));
      const last = Math.max(1, Math.ceil(state.files.length / perPage));
      const headers = {};
      if (page < last) {
        const link = (n) => `${API}/repositories/712345678/pulls/${m[1]}/files?per_page=${perPage}&page=${n}`;
        headers.Link = `<${link(page + 1)}>; rel="next", <${link(last)}>; rel="last"`;
      }
      return [200, slice, headers];
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/.exec(p)) && method === "GET") {
      count("GET pull");
      return [200, pullState(Number(m[1])).payload.pull_request];
    }
    if ((m = new RegExp(`^${repoBase}/contents/(.+)$`).exec(p)) && method === "GET") {
      count("GET contents");
      const ref = q.get("ref") ?? "";
      const state = [...pulls.values()].find((s) => s.sha === ref) ?? [...pulls.values()].at(-1);
      const text = state?.contents.get(m[1]);
      if (text === undefined) return [404, notFound];
      const bytes = Buffer.from(text, "utf8");
      if (/raw/.test(String(headers.accept ?? ""))) return [200, text, { "Content-Type": "text/plain; charset=utf-8" }];
      return [200, contentsJson(m[1], bytes, ref)];
    }
    if ((m = new RegExp(`^${repoBase}/git/trees/([^/]+)$`).exec(p)) && method === "GET") {
      count("GET git/trees");
      const state = [...pulls.values()].find((s) => s.sha === m[1]) ?? [...pulls.values()].at(-1);
      const paths = new Set([...(state?.contents.keys() ?? []), ...(state?.files.map((f) => f.path) ?? [])]);
      return [200, { sha: m[1], truncated: false, tree: [...paths].map((path) => ({ path, mode: "100644", type: "blob", sha: "f".repeat(40), size: 100 })) }];
    }
    if ((m = new RegExp(`^${repoBase}/commits/([^/]+)/check-runs$`).exec(p)) && method === "GET") {
      count("GET check-runs");
      const runs = [...pulls.values()].flatMap((s) => s.checkRuns.filter((r) => r.head_sha === m[1]));
      return [200, { total_count: runs.length, check_runs: runs }];
    }
    if (p === `${repoBase}/check-runs` && method === "POST") {
      count("POST check-runs");
      const run = { id: nextId++, ...body, app: { id: 123, slug: BOT_SLUG }, pull_requests: [] };
      const state = [...pulls.values()].find((s) => s.sha === body.head_sha);
      state?.checkRuns.push(run);
      return [201, run];
    }
    if ((m = new RegExp(`^${repoBase}/check-runs/(\\d+)$`).exec(p)) && method === "PATCH") {
      count("PATCH check-runs");
      for (const s of pulls.values()) {
        const run = s.checkRuns.find((r) => r.id === Number(m[1]));
        if (run) {
          Object.assign(run, body);
          return [200, run];
        }
      }
      return [404, notFound];
    }
    if ((m = new RegExp(`^${repoBase}/issues/(\\d+)/comments$`).exec(p))) {
      const state = pullState(Number(m[1]));
      if (method === "GET") {
        count("GET issues/comments");
        return [200, state.comments];
      }
      if (method === "POST") {
        count("POST issues/comments");
        const c = comment(nextId++, body.body);
        state.comments.push(c);
        return [201, c];
      }
    }
    if ((m = new RegExp(`^${repoBase}/issues/comments/(\\d+)$`).exec(p))) {
      const id = Number(m[1]);
      for (const s of pulls.values()) {
        const i = s.comments.findIndex((c) => c.id === id);
        if (i === -1) continue;
        if (method === "PATCH") {
          count("PATCH issues/comments");
          s.comments[i] = { ...s.comments[i], body: body.body };
          return [200, s.comments[i]];
        }
        if (method === "DELETE") {
          count("DELETE issues/comments");
          s.comments.splice(i, 1);
          return [204, ""];
        }
      }
      count(`${method} issues/comments (missing)`);
      return [404, notFound];
    }
    if ((m = new RegExp(`^${repoBase}/pulls/(\\d+)/reviews$`).exec(p))) {
      const state = pullState(Number(m[1]));
      if (method === "GET") {
        count("GET pulls/reviews");
        return [200, state.reviews];
      }
      if (method === "POST") {
        count("POST pulls/reviews");
        const r = { id: nextId++, user: { login: `${BOT_SLUG}[bot]`, type: "Bot" }, body: body.body, state: "COMMENTED", commit_id: body.commit_id };
        state.reviews.push(r);
        return [200, r];
      }
    }
    if ((m = new RegExp(`^${repoBase}/pulls/(\\d+)/comments$`).exec(p)) && method === "GET") {
      count("GET pulls/comments");
      return [200, []];
    }
    if ((m = new RegExp(`^${repoBase}/issues/(\\d+)/labels$`).exec(p)) && method === "POST") {
      count("POST labels");
      return [200, (body.labels ?? []).map((name, i) => ({ id: i, name, color: "ededed", default: false }))];
    }
    count(`${method} (unknown)`);
    counter.unknown.push(`${method} ${p}`);
    return [404, notFound];
  }

  // Simulated network latency per request (ms), 0 by default; `setLatency` changes it between runs.
  let latency = 0;
  const reply = (method) =>
    function (uri, body, callback) {
      const parsed = typeof body === "string" && body.startsWith("{") ? JSON.parse(body) : body;
      const answer = route(method, uri, parsed, this.req.headers);
      if (latency === 0) callback(null, answer);
      else setTimeout(() => callback(null, answer), latency);
    };
  const scope = nock(API).persist();
  for (const method of ["get", "post", "patch", "put", "delete"]) scope[method](() => true).query(true).reply(reply(method.toUpperCase()));

  return {
    counter,
    setLatency: (ms) => {
      latency = ms;
    },
    /** Requests counted so far; `since(mark)` gives the ones after a mark. */
    mark: () => ({ total: counter.total, byRoute: new Map(counter.byRoute) }),
    since(mark) {
      const byRoute = {};
      for (const [k, v] of counter.byRoute) {
        const d = v - (mark.byRoute.get(k) ?? 0);
        if (d > 0) byRoute[k] = d;
      }
      return { total: counter.total - mark.total, byRoute };
    },
    setPull(number, { files, contents, sha, payload }) {
      const previous = pulls.get(number);
      for (const text of Object.values(contents)) blobs.set(gitBlobSha(text), text);
      pulls.set(number, {
        files,
        contents: new Map(Object.entries(contents)),
        sha,
        payload,
        checkRuns: previous?.checkRuns ?? [],
        comments: previous?.comments ?? [],
        reviews: previous?.reviews ?? [],
      });
    },
    dropPull: (number) => pulls.delete(number),
    stop() {
      scope.persist(false);
      nock.cleanAll();
    },
  };
}
