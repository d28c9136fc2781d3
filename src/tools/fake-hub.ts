/**
 * A local fake of the Hugging Face Hub's repository info API, for tests and
 * CLI demos. It answers the requests @huggingface/hub's modelInfo and
 * datasetInfo send:
 *
 *   GET /api/models/<ns>/<name>/revision/<rev>?expand=...   (and /api/models/<ns>/<name>)
 *   GET /api/datasets/<ns>/<name>/revision/<rev>?expand=...
 *   GET /api/models/<ns>/<name>?securityStatus=true   (the body with its `securityRepoStatus`)
 *
 * Ids resolve case-insensitively and the body carries the canonical id, as
 * the Hub does. Like the Hub, `expand` limits the body to `_id`, `id` and the
 * listed properties. Unknown ids answer 401 without an Authorization header
 * and 404 with one, both with `X-Error-Code: RepoNotFound`; private repos
 * answer 401 without one.
 *
 * As a script: `node lib/tools/fake-hub.js <fixtures.json>...` listens on
 * 127.0.0.1 (port 0, or --port N), prints its URL, and stops on SIGINT.
 * Fixture files hold `{ models?, datasets?, behaviours?, redirects? }`;
 * top-level keys starting with `_` (such as `_source`) are ignored.
 */
import { readFileSync, realpathSync } from "node:fs";
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

export type FakeHubRepo = Record<string, unknown>;

/** How the fake answers one repository, instead of (or before) its fixture. */
export interface FakeHubBehaviour {
  /** Answer with this status. 401/404 carry `X-Error-Code: RepoNotFound`, 403 `GatedRepo`. */
  readonly status?: number;
  /** `Retry-After` header (seconds or an HTTP date), e.g. with status 429. */
  readonly retryAfter?: number | string;
  /** Wait this long before sending the status line. */
  readonly delayMs?: number;
  /** `X-Error-Code` header, overriding the default for the status. */
  readonly errorCode?: string;
  /** Send this text as a 200 application/json body (e.g. malformed JSON). */
  readonly rawBody?: string;
  /** Close the connection without answering. */
  readonly drop?: boolean;
  /** Answer 401 RepoNotFound unless the request carries `Authorization: Bearer <token>`. */
  readonly requireToken?: string;
  /** Apply to the first N requests for the repo only, then answer normally. */
  readonly times?: number;
}

export interface FakeHubData {
  /** Model API bodies by canonical id. */
  readonly models?: Readonly<Record<string, FakeHubRepo>>;
  /** Dataset API bodies by canonical id. */
  readonly datasets?: Readonly<Record<string, FakeHubRepo>>;
  /**
   * Keyed by `<id>` for models and `datasets/<id>` for datasets (case-insensitive);
   * `*` applies to every repository that has no behaviour of its own (a Hub that is down).
   */
  readonly behaviours?: Readonly<Record<string, FakeHubBehaviour>>;
  /**
   * Renamed repos: `<old id>` or `datasets/<old id>` → new id; answered with
   * a 307 to the new id's path. A value starting with `http://` or
   * `https://` is sent as the Location as it is (a redirect to another site).
   */
  readonly redirects?: Readonly<Record<string, string>>;
}

export interface FakeHubRequest {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  readonly type?: "model" | "dataset";
  /** The id as asked for. */
  readonly id?: string;
  readonly authorization?: string;
}

export interface FakeHub {
  /** `http://127.0.0.1:<port>`, to pass as the Hub endpoint. */
  readonly url: string;
  /** Every request as `"<METHOD> <path?query>"`, in arrival order. */
  readonly requests: string[];
  /** Every request with its parsed repo and Authorization header. */
  readonly log: FakeHubRequest[];
  /** The most requests the fake was answering at the same time. */
  readonly maxInFlight: () => number;
  /** Requests open now: neither answered nor given up by the client. */
  readonly inFlight: () => number;
  close(): Promise<void>;
}

const REPO_PATH = /^\/api\/(models|datasets)\/(.+?)(?:\/revision\/([^/]+))?\/?$/;

function lowerKeys<T>(record: Readonly<Record<string, T>> | undefined): Map<string, { key: string; value: T }> {
  const map = new Map<string, { key: string; value: T }>();
  for (const [key, value] of Object.entries(record ?? {})) map.set(key.toLowerCase(), { key, value });
  return map;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse, status: number, errorCode = "RepoNotFound"): void {
  json(res, status, { error: "Repository not found" }, { "x-error-code": errorCode, "x-error-message": "Repository not found" });
}

/** The body the Hub sends for `expand`: `_id`, `id` and the listed properties. */
function expanded(repo: FakeHubRepo, canonicalId: string, expand: readonly string[], securityStatus = false): FakeHubRepo {
  const full: FakeHubRepo = { ...repo, id: canonicalId, ...("modelId" in repo && { modelId: canonicalId }) };
  // Like the Hub, the security scan (`securityRepoStatus`) comes only with `?securityStatus=true`.
  if (!securityStatus) delete full["securityRepoStatus"];
  if (expand.length === 0) return full;
  const body: FakeHubRepo = { _id: full["_id"], id: canonicalId };
  for (const key of expand) if (key in full) body[key] = full[key];
  return body;
}

/** Listens on 127.0.0.1 only; `port` 0 (the default) picks a free port. */
export async function startFakeHub(data: FakeHubData = {}, options: { readonly port?: number } = {}): Promise<FakeHub> {
  const repos = { model: lowerKeys(data.models), dataset: lowerKeys(data.datasets) };
  const behaviours = lowerKeys(data.behaviours);
  const redirects = lowerKeys(data.redirects);
  const used = new Map<string, number>();
  const requests: string[] = [];
  const log: FakeHubRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = REPO_PATH.exec(url.pathname);
    const authorization = req.headers.authorization;
    if (!match || req.method !== "GET") {
      log.push({ method: req.method ?? "GET", url: req.url ?? "/", ...(authorization && { authorization }) });
      json(res, 404, { error: "Sorry, we can't find the page you are looking for." });
      return;
    }
    const type = match[1] === "models" ? "model" : "dataset";
    const id = decodeURIComponent(match[2] ?? "");
    log.push({ method: "GET", url: req.url ?? "/", type, id, ...(authorization && { authorization }) });
    const prefixed = (type === "dataset" ? "datasets/" : "") + id.toLowerCase();

    const behaviour = behaviours.get(prefixed)?.value ?? behaviours.get("*")?.value;
    const count = (used.get(prefixed) ?? 0) + 1;
    used.set(prefixed, count);
    const active = behaviour && (behaviour.times === undefined || count <= behaviour.times) ? behaviour : undefined;

    const respond = () => {
      if (res.destroyed) return;
      if (active?.drop) {
        req.socket.destroy();
        return;
      }
      if (active?.requireToken !== undefined && authorization !== `Bearer ${active.requireToken}`) {
        notFound(res, 401);
        return;
      }
      if (active?.status !== undefined && active.status !== 200) {
        const status = active.status;
        const headers: Record<string, string> = {};
        if (active.retryAfter !== undefined) headers["retry-after"] = String(active.retryAfter);
        if (active.errorCode !== undefined) headers["x-error-code"] = active.errorCode;
        if (status === 401 || status === 404) {
          notFound(res, status, active.errorCode);
        } else if (status === 403) {
          json(
            res,
            403,
            { error: `Access to ${type} ${id} is restricted and you are not in the authorized list.` },
            { "x-error-code": "GatedRepo", ...headers },
          );
        } else if (status === 429) {
          json(res, 429, { error: "You have exceeded the rate limit for the Hub API. Please wait or log in." }, {
            ratelimit: `"api";r=0;t=${active.retryAfter ?? 60}`,
            ...headers,
          });
        } else if (status >= 500) {
          res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
          res.end(`${status} ${STATUS_CODES[status] ?? "Error"}`);
        } else {
          json(res, status, { error: STATUS_CODES[status] ?? "Error" }, headers);
        }
        return;
      }
      if (active?.rawBody !== undefined) {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(active.rawBody);
        return;
      }
      const renamed = redirects.get(prefixed)?.value;
      if (renamed !== undefined && /^https?:\/\//.test(renamed)) {
        res.writeHead(307, { location: renamed, "content-type": "text/plain; charset=utf-8" });
        res.end(`Temporary Redirect. Redirecting to ${renamed}`);
        return;
      }
      if (renamed !== undefined) {
        const target = url.pathname.replace(REPO_PATH, (_all, kind: string, _id: string, rev?: string) =>
          `/api/${kind}/${renamed}${rev ? `/revision/${rev}` : ""}`,
        );
        res.writeHead(307, { location: `${target}${url.search}`, "content-type": "text/plain; charset=utf-8" });
        res.end(`Temporary Redirect. Redirecting to ${target}`);
        return;
      }
      const found = repos[type].get(id.toLowerCase());
      if (!found) {
        notFound(res, authorization ? 404 : 401);
        return;
      }
      if (found.value["private"] === true && !authorization) {
        notFound(res, 401);
        return;
      }
      const expand = [...url.searchParams.getAll("expand"), ...url.searchParams.getAll("expand[]")];
      json(res, 200, expanded(found.value, found.key, expand, url.searchParams.get("securityStatus") === "true"));
    };

    if (active?.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        respond();
      }, active.delayMs);
      timers.add(timer);
    } else {
      respond();
    }
  }

  const server = createServer((req, res) => {
    requests.push(`${req.method ?? "GET"} ${req.url ?? "/"}`);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (!done) inFlight--;
      done = true;
    };
    res.on("finish", finish);
    res.on("close", finish);
    answer(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    log,
    maxInFlight: () => maxInFlight,
    inFlight: () => inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads and merges fixture files (`{ models?, datasets?, behaviours?, redirects? }`). */
export function loadFakeHubData(files: readonly string[]): FakeHubData {
  const merged = { models: {}, datasets: {}, behaviours: {}, redirects: {} } as Record<keyof FakeHubData, Record<string, never>>;
  for (const file of files) {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new TypeError(`${file}: expected a JSON object with models, datasets, behaviours or redirects`);
    }
    for (const key of ["models", "datasets", "behaviours", "redirects"] as const) {
      const part = (parsed as Record<string, unknown>)[key];
      if (part !== undefined) Object.assign(merged[key], part);
    }
  }
  return merged;
}

async function main(argv: readonly string[]): Promise<number> {
  const files: string[] = [];
  let port = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--port") port = Number(argv[++i]);
    else if (arg === "-h" || arg === "--help") {
      console.log("usage: node lib/tools/fake-hub.js [--port N] <fixtures.json>...");
      return 0;
    } else files.push(arg);
  }
  if (files.length === 0 || !Number.isInteger(port) || port < 0) {
    console.error("usage: node lib/tools/fake-hub.js [--port N] <fixtures.json>...");
    return 2;
  }
  const data = loadFakeHubData(files);
  const hub = await startFakeHub(data, { port });
  const counts = `${Object.keys(data.models ?? {}).length} models, ${Object.keys(data.datasets ?? {}).length} datasets`;
  console.log(hub.url);
  console.error(`fake Hub (${counts}) listening on ${hub.url}; try HF_ENDPOINT=${hub.url}. Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await hub.close();
  console.error(`fake Hub stopped after ${hub.requests.length} requests`);
  return 0;
}

function isMain(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
