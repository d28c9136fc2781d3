/**
 * The Hugging Face Hub client behind the HubClient port: @huggingface/hub's
 * modelInfo/datasetInfo with a per-request timeout, a bound on requests in
 * flight, in-flight de-duplication and an LRU cache whose entries live
 * longer for answers than for errors.
 *
 * Create one client per process and share it: the concurrency bound and
 * the rate-limit pause belong to the client. Cached answers belong to a
 * scope: `client.scoped(id)` gives each GitHub installation a view whose
 * answers no other installation ever receives.
 *
 * The token never leaves this module except as the Authorization header of
 * a request to the configured endpoint: redirects are followed by hand and
 * only within the endpoint's origin, and reasons are fixed phrases that
 * never carry an error message, a URL or a header.
 *
 * Unless `showPrivate` is set, what only the token can see stays unsaid: a
 * private repository answers exactly as one that does not exist. The app
 * reviews strangers' pull requests with the operator's token, and a card
 * naming `acme/secret-model` must not tell its author whether it exists.
 */
import { datasetInfo, HubApiError, modelInfo } from "@huggingface/hub";
import { LRUCache } from "lru-cache";
import {
  HUB_LOOKUPS_PER_REVIEW,
  HUB_OUTAGE_KINDS,
  type HubClient,
  type HubLookup,
  type HubRepoInfo,
  type HubRepoType,
  type HubRepoFile,
  type HubSecurityLookup,
  type HubUnavailableKind,
} from "../../core/hub.js";
import { isRepoId } from "../../parse/repo-id.js";
import { trimEndChars } from "../../core/strings.js";
import type { SharedCache } from "../cache/shared-cache.js";

export const DEFAULT_HUB_ENDPOINT = "https://huggingface.co";
export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_CONCURRENCY = 8;
/** Redirects followed for one lookup (the Hub redirects a renamed repository once). */
export const MAX_REDIRECTS = 3;
/** The one reason given for every lookup a 429 held back, whatever the wait. */
export const RATE_LIMITED_REASON = "the Hub rate limit was reached (429)";
/**
 * Requests in a row that the Hub failed to answer (timeout, no connection,
 * 5xx, an answer that is not the Hub's) after which the client stops
 * asking: a firewalled CI would otherwise wait out one timeout per
 * reference (3,433 cards: more than 15 minutes of silence).
 */
export const HUB_FAILURES_BEFORE_STOP = 3;
/** How long the client then stops asking, unless told otherwise (the app: a minute, then it tries again). */
export const DEFAULT_STOP_MS = 60_000;

export interface HubCacheOptions {
  /** Most answers kept (default 2000). */
  readonly max?: number;
  /** How long a found repository is remembered (default 1 h). */
  readonly foundTtlMs?: number;
  /** How long a not-found answer is remembered (default 10 min). */
  readonly notFoundTtlMs?: number;
  /** How long an error (timeout, 5xx, network) is remembered (default 30 s; 0 = not at all). */
  readonly unavailableTtlMs?: number;
  /**
   * A cache shared with other replicas (Redis, when REDIS_URL is set): an
   * answer one replica got serves the others for the rest of its TTL. The
   * LRU above stays in front of it; a shared cache that does not answer is
   * a miss, never a failed lookup.
   */
  readonly shared?: SharedCache;
}

export interface HubClientOptions {
  /** Base URL of the Hub (default https://huggingface.co). */
  readonly endpoint?: string;
  /** A Hub access token; sent as a Bearer token only when it starts with `hf_`. */
  readonly token?: string;
  /** Per-request timeout, from the moment the request gets a slot (default 5000). */
  readonly timeoutMs?: number;
  /** Most requests in flight at once for this client (default 8). */
  readonly concurrency?: number;
  /** The fetch to use (default the global fetch). */
  readonly fetch?: typeof fetch;
  readonly cache?: HubCacheOptions;
  /** The clock for cache expiry and rate-limit pauses, in ms (default Date.now). */
  readonly now?: () => number;
  /**
   * Report private repositories the token can see as found and private, and
   * pass on the Hub's 401/403/404 as it came (default false). Only for the
   * token's owner reviewing their own files (the CLI): with it off, a
   * private repository, and every not-found answer, is `{ status:
   * "not-found", httpStatus: 404 }`, so nothing in a review differs
   * between "private but visible to the token" and "does not exist".
   */
  readonly showPrivate?: boolean;
  /** Most distinct repositories one review asks about (default 100, HUB_LOOKUPS_PER_REVIEW). */
  readonly lookupsPerReview?: number;
  /**
   * Failed requests in a row after which the client stops asking the Hub
   * (default HUB_FAILURES_BEFORE_STOP; 0 never stops). Lookups are then
   * answered `unavailable` (kind `stopped`) without a request.
   */
  readonly failuresBeforeStop?: number;
  /**
   * How long it stops asking (default 60 s); after that one more failure
   * stops it again, an answer resumes. `Infinity`: for the client's life
   * (the CLI, whose client lives for one run).
   */
  readonly stopMs?: number;
}

export interface HubClientStats {
  /** HTTP requests sent, every scope together (a redirect followed is a second request). */
  readonly requests: number;
  /** Lookups answered from the cache. */
  readonly cacheHits: number;
  /** Lookups that joined a request already in flight for the same (type, id). */
  readonly coalesced: number;
  /** Lookups answered "unavailable" without a request because the Hub asked us to wait (429). */
  readonly rateLimited: number;
  /** Lookups answered "unavailable" without a request because the Hub had failed too many requests in a row. */
  readonly stopped: number;
  /** Answers in the cache now (expired ones may still be counted). */
  readonly cached: number;
}

export interface CardinalHubClient extends HubClient {
  /** Whether a token is configured and will be sent. */
  readonly authenticated: boolean;
  /** The endpoint in use, without a trailing slash. */
  readonly endpoint: string;
  readonly lookupsPerReview: number;
  /**
   * A view with its own cached answers and requests in flight (the app: one
   * per installation, `scoped(String(installationId))`). Requests, the
   * concurrency bound, the rate-limit pause and the counters stay shared.
   */
  scoped(scope: string): CardinalHubClient;
  securityStatus(id: string): Promise<HubSecurityLookup>;
  /** Counters of the whole client, every scope together. */
  stats(): HubClientStats;
  /** Forgets every cached answer of every scope, any rate-limit pause and any stop after failures; counters stay. */
  clear(): void;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const MAX_RATE_LIMIT_PAUSE_MS = 10 * MINUTE;
/** Files of a repository's listing that Cardinal keeps: far more than a release holds, bounded for a repository of datasets' shards. */
const MAX_SIBLINGS = 20_000;

/** What the client answers: a repository lookup, or the Hub's security scan of a model's files. */
type Answer = HubLookup | HubSecurityLookup;
/** The answers that are the same for both: not found, or the Hub not answering. */
type NoAnswer = Extract<HubLookup, { status: "not-found" | "unavailable" }>;

interface CacheEntry {
  readonly value: Answer;
  readonly expiresAt: number;
}

/** A counting semaphore: at most `limit` holders at once, first come first served. */
class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be zero or more, got ${value}`);
  return value;
}

function normalizeEndpoint(endpoint: string | undefined): string {
  const raw = (endpoint ?? "").trim() || DEFAULT_HUB_ENDPOINT;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError("the Hub endpoint is not a URL");
  }
  // Not echoed: a URL with user:password@ would carry a secret into the message.
  if (url.username || url.password) throw new TypeError("the Hub endpoint must not carry credentials");
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new TypeError("the Hub endpoint must be an http(s) URL");
  if (url.search || url.hash) throw new TypeError("the Hub endpoint must not have a query or fragment");
  return trimEndChars(raw, "/");
}

/** "5 s", "1.5 s", "200 ms". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/**
 * Seconds to wait from a 429: `Retry-After` (seconds or an HTTP date), or
 * the `t=` of the IETF `RateLimit` header the Hub sends.
 */
export function retryAfterSeconds(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - nowMs) / 1000));
  }
  const rateLimit = headers.get("ratelimit");
  const t = rateLimit ? /(?:^|[;,\s])t=(\d+)/.exec(rateLimit) : null;
  return t?.[1] ? Number(t[1]) : undefined;
}

/** A redirect Cardinal does not follow; the lookup is then unavailable with this reason. */
class RedirectRefused extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter((v) => v !== "");
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function gatedValue(value: unknown): HubRepoInfo["gated"] {
  if (value === "auto" || value === "manual") return value;
  // Older payloads used `true` for what is now "auto".
  return value === true ? "auto" : false;
}

/** The fields of a modelInfo/datasetInfo result that Cardinal reads. */
export interface HubEntry {
  readonly name?: unknown;
  readonly private?: unknown;
  readonly gated?: unknown;
  readonly disabled?: unknown;
  readonly task?: unknown;
  readonly tags?: unknown;
  readonly cardData?: unknown;
}

/** Maps a @huggingface/hub result (remapped fields: `name` is the repo id) to HubRepoInfo. */
export function toRepoInfo(type: HubRepoType, askedId: string, entry: HubEntry): HubRepoInfo {
  const card = isRecord(entry.cardData) ? entry.cardData : {};
  const tags = stringList(entry.tags);
  const licenses = unique([
    ...stringList(card["license"]),
    ...tags.filter((t) => t.startsWith("license:")).map((t) => t.slice("license:".length)).filter((t) => t !== ""),
  ]);
  const licenseName = optionalString(card["license_name"]);
  const licenseLink = optionalString(card["license_link"]);
  const pipelineTag = type === "model" ? optionalString(entry.task) ?? optionalString(card["pipeline_tag"]) : undefined;
  // The Hub's spelling is offered as a fix and becomes a cache key: only a well-formed id is taken.
  const name = optionalString(entry.name);
  const info: HubRepoInfo = {
    id: name !== undefined && isRepoId(name) ? name : askedId,
    type,
    private: entry.private === true,
    gated: gatedValue(entry.gated),
    disabled: entry.disabled === true,
    licenses: Object.freeze(licenses),
    ...(licenseName !== undefined && { licenseName }),
    ...(licenseLink !== undefined && { licenseLink }),
    baseModels: Object.freeze(type === "model" ? unique(stringList(card["base_model"])) : []),
    ...(pipelineTag !== undefined && { pipelineTag }),
    tags: Object.freeze(tags),
  };
  return Object.freeze(info);
}

export function createHubClient(options: HubClientOptions = {}): CardinalHubClient {
  const endpoint = normalizeEndpoint(options.endpoint);
  const origin = new URL(endpoint).origin;
  const token = options.token?.trim();
  const accessToken = token?.startsWith("hf_") ? token : undefined;
  const timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, "timeoutMs");
  const concurrency = Math.floor(positive(options.concurrency, DEFAULT_CONCURRENCY, "concurrency"));
  const lookupsPerReview = Math.floor(positive(options.lookupsPerReview, HUB_LOOKUPS_PER_REVIEW, "lookupsPerReview"));
  const showPrivate = options.showPrivate === true;
  const failuresBeforeStop = Math.floor(nonNegative(options.failuresBeforeStop, HUB_FAILURES_BEFORE_STOP, "failuresBeforeStop"));
  const stopMs = options.stopMs === Infinity ? Infinity : positive(options.stopMs, DEFAULT_STOP_MS, "stopMs");
  const baseFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const ttl = {
    found: nonNegative(options.cache?.foundTtlMs, HOUR, "cache.foundTtlMs"),
    "not-found": nonNegative(options.cache?.notFoundTtlMs, 10 * MINUTE, "cache.notFoundTtlMs"),
    unavailable: nonNegative(options.cache?.unavailableTtlMs, 30_000, "cache.unavailableTtlMs"),
  };
  // One cache and one map of requests in flight for every scope; the scope is part of each key.
  const cache = new LRUCache<string, CacheEntry>({ max: Math.floor(positive(options.cache?.max, 2000, "cache.max")) });
  const inFlight = new Map<string, Promise<HubLookup>>();
  const securityInFlight = new Map<string, Promise<HubSecurityLookup>>();
  const shared = options.cache?.shared;

  /** An answer another replica stored, with the time it has left; undefined when absent or unreadable. */
  async function sharedAnswer(key: string): Promise<CacheEntry | undefined> {
    if (!shared) return undefined;
    try {
      const entry = await shared.get<CacheEntry>(key);
      return entry && typeof entry.expiresAt === "number" && entry.expiresAt > now() ? entry : undefined;
    } catch {
      return undefined;
    }
  }
  const slots = new Slots(concurrency);
  let pausedUntil = 0;
  // Requests in a row the Hub failed to answer, their distinct reasons, and the stop they led to.
  const outage = { failures: 0, reasons: new Set<string>(), stoppedUntil: 0, reason: "" };
  // Requests in flight, so that a stop also ends the ones already sent (nobody waits out their timeouts).
  const inFlightRequests = new Set<AbortController>();
  const counters = { requests: 0, cacheHits: 0, coalesced: 0, rateLimited: 0, stopped: 0 };
  // What the public is told of a repository it cannot see, whatever the Hub told the token.
  const notPublic = { result: { status: "not-found" as const, httpStatus: 404 }, ttlMs: ttl["not-found"] };

  function remember(key: string, value: Answer, ttlMs: number): void {
    if (ttlMs > 0) cache.set(key, { value, expiresAt: now() + ttlMs });
  }

  function cached(key: string): Answer | undefined {
    const entry = cache.get(key);
    if (!entry) return undefined;
    if (now() >= entry.expiresAt) {
      cache.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /**
   * Counts the Hub's failures in a row; at `failuresBeforeStop` the client
   * stops asking. Called before the request's slot is freed, so a lookup
   * waiting for that slot already sees the stop.
   */
  function observe(result: Answer): void {
    if (result.status !== "unavailable") {
      outage.failures = 0;
      outage.reasons.clear();
      return;
    }
    if (!result.kind || !HUB_OUTAGE_KINDS.has(result.kind)) return;
    outage.failures++;
    outage.reasons.add(result.reason);
    if (failuresBeforeStop === 0 || outage.failures < failuresBeforeStop || now() < outage.stoppedUntil) return;
    outage.stoppedUntil = now() + stopMs;
    const how = stopMs === Infinity ? "for the rest of this run" : `for ${formatDuration(stopMs)}`;
    outage.reason = `${outage.failures} requests in a row failed (${[...outage.reasons].join("; ")}), so Cardinal stopped asking the Hub ${how}`;
    for (const controller of inFlightRequests) controller.abort();
  }

  async function request<R extends Answer>(run: () => Promise<{ result: R; ttlMs: number }>): Promise<{ result: R | NoAnswer; ttlMs: number }> {
    // Checked once a slot is free, so requests queued behind a 429 wait too.
    const pauseLeft = pausedUntil - now();
    if (pauseLeft > 0) {
      counters.rateLimited++;
      return { result: { status: "unavailable", reason: RATE_LIMITED_REASON, kind: "rate-limited" }, ttlMs: Math.min(ttl.unavailable, pauseLeft) };
    }
    const stopLeft = outage.stoppedUntil - now();
    if (stopLeft > 0) {
      counters.stopped++;
      return { result: { status: "unavailable", reason: outage.reason, kind: "stopped" }, ttlMs: Math.min(ttl.unavailable, stopLeft) };
    }
    const answer = await run();
    observe(answer.result);
    return answer;
  }

  /**
   * The fetch one request uses: the shared signal, and redirects by hand, so
   * that the Authorization header, and the trust given to an answer, go to
   * the configured endpoint's origin and nowhere else.
   */
  function guardedFetch(signal: AbortSignal, seen: (response: Response) => void): typeof fetch {
    return async (input, init) => {
      let url = new URL(input instanceof Request ? input.url : input);
      for (let redirects = 0; ; redirects++) {
        counters.requests++;
        const response = await baseFetch(url, { ...init, signal, redirect: "manual" });
        seen(response);
        const location = response.status >= 300 && response.status < 400 ? response.headers.get("location") : null;
        if (location === null) return response;
        await response.body?.cancel().catch(() => undefined);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new RedirectRefused("the Hub sent a redirect Cardinal could not read");
        }
        if (next.origin !== origin) throw new RedirectRefused("the Hub redirected to another site, which Cardinal does not follow");
        if (redirects >= MAX_REDIRECTS) throw new RedirectRefused("the Hub redirected too many times");
        url = next;
      }
    };
  }

  async function ask(type: HubRepoType, id: string): Promise<{ result: HubLookup | NoAnswer; ttlMs: number }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const stopper = new AbortController();
    const signal = AbortSignal.any([timeout, stopper.signal]);
    inFlightRequests.add(stopper);
    let lastResponse: Response | undefined;
    const timedFetch = guardedFetch(signal, (response) => (lastResponse = response));
    const params = {
      name: id,
      hubUrl: endpoint,
      fetch: timedFetch,
      ...(accessToken !== undefined && { accessToken }),
    };
    try {
      const entry: HubEntry =
        type === "model"
          ? await modelInfo({ ...params, additionalFields: ["cardData", "tags", "disabled"] })
          : await datasetInfo({ ...params, additionalFields: ["cardData", "tags", "disabled"] });
      const info = toRepoInfo(type, id, entry);
      if (info.private && !showPrivate) return notPublic;
      return { result: { status: "found", info }, ttlMs: ttl.found };
    } catch (error) {
      if (stopper.signal.aborted && !timeout.aborted) return { result: { status: "unavailable", reason: outage.reason, kind: "stopped" }, ttlMs: ttl.unavailable };
      return failure(error, timeout, lastResponse);
    } finally {
      inFlightRequests.delete(stopper);
    }
  }

  /**
   * The Hub's security scan of a model's files: `GET /api/models/{id}?securityStatus=true`
   * (huggingface_hub `HfApi.model_info(securityStatus=True)`, returned as
   * `securityRepoStatus`: `scansDone` and `filesWithIssues`, each a `path`
   * and a `level`). Answered like a lookup: private or missing is not-found.
   */
  async function askSecurity(id: string): Promise<{ result: HubSecurityLookup | NoAnswer; ttlMs: number }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const stopper = new AbortController();
    const signal = AbortSignal.any([timeout, stopper.signal]);
    inFlightRequests.add(stopper);
    let lastResponse: Response | undefined;
    const timedFetch = guardedFetch(signal, (response) => (lastResponse = response));
    try {
      // blobs=true adds each LFS file's SHA-256 to `siblings` (huggingface_hub: model_info(files_metadata=True)).
      const url = `${endpoint}/api/models/${id}?securityStatus=true&blobs=true`;
      const response = await timedFetch(url, { headers: { accept: "application/json", ...(accessToken !== undefined ? { authorization: `Bearer ${accessToken}` } : {}) } });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new HubApiError(url, response.status);
      }
      const body: unknown = await response.json();
      if (!isRecord(body)) throw new SyntaxError("not an object");
      if (body["private"] === true && !showPrivate) return notPublic;
      const status = isRecord(body["securityRepoStatus"]) ? body["securityRepoStatus"] : {};
      const issues = Array.isArray(status["filesWithIssues"]) ? status["filesWithIssues"] : [];
      const filesWithIssues = Object.freeze(
        issues.flatMap((issue) =>
          isRecord(issue) && typeof issue["path"] === "string" && typeof issue["level"] === "string" ? [Object.freeze({ path: issue["path"], level: issue["level"] })] : [],
        ),
      );
      const files = Array.isArray(body["siblings"]) ? Object.freeze(repoFiles(body["siblings"])) : undefined;
      return { result: Object.freeze({ status: "found" as const, private: body["private"] === true, scansDone: status["scansDone"] === true, filesWithIssues, ...(files ? { files } : {}) }), ttlMs: ttl.found };
    } catch (error) {
      if (stopper.signal.aborted && !timeout.aborted) return { result: { status: "unavailable", reason: outage.reason, kind: "stopped" }, ttlMs: ttl.unavailable };
      return failure(error, timeout, lastResponse);
    } finally {
      inFlightRequests.delete(stopper);
    }
  }

  /** A repository's `siblings` as paths and LFS hashes; at most MAX_SIBLINGS of them (a repository can hold far more). */
  function repoFiles(siblings: readonly unknown[]): HubRepoFile[] {
    return siblings.slice(0, MAX_SIBLINGS).flatMap((sibling) => {
      if (!isRecord(sibling) || typeof sibling["rfilename"] !== "string") return [];
      const lfs = sibling["lfs"];
      const sha = isRecord(lfs) && typeof lfs["sha256"] === "string" && /^[0-9a-f]{64}$/i.test(lfs["sha256"]) ? lfs["sha256"].toLowerCase() : undefined;
      return [Object.freeze({ path: sibling["rfilename"], ...(sha ? { sha256: sha } : {}) })];
    });
  }

  function failure(error: unknown, signal: AbortSignal, response: Response | undefined): { result: NoAnswer; ttlMs: number } {
    const unavailable = (kind: HubUnavailableKind, reason: string) => ({ result: { status: "unavailable" as const, reason, kind }, ttlMs: ttl.unavailable });
    if (signal.aborted) return unavailable("timeout", `the Hub did not answer in ${formatDuration(timeoutMs)}`);
    if (error instanceof RedirectRefused) return unavailable("redirect-refused", error.message);
    if (error instanceof HubApiError) {
      const status = error.statusCode;
      if (status === 401 || status === 403 || status === 404) {
        if (!showPrivate) return notPublic;
        return { result: { status: "not-found", httpStatus: status }, ttlMs: ttl["not-found"] };
      }
      if (status === 429) {
        const seconds = response ? retryAfterSeconds(response.headers, now()) : undefined;
        // Every lookup of this client waits out the Retry-After, not only this id.
        const waitMs = Math.min((seconds ?? 0) * 1000, MAX_RATE_LIMIT_PAUSE_MS);
        if (waitMs > 0) pausedUntil = Math.max(pausedUntil, now() + waitMs);
        return unavailable("rate-limited", RATE_LIMITED_REASON);
      }
      return unavailable(status >= 500 ? "server-error" : "unexpected-answer", `the Hub answered ${status}`);
    }
    if (error instanceof SyntaxError) return unavailable("unexpected-answer", "the Hub sent an answer Cardinal could not read");
    return unavailable("no-connection", "the Hub could not be reached");
  }

  function view(scope: readonly string[]): CardinalHubClient {
    const keyOf = (type: HubRepoType, id: string) => JSON.stringify([...scope, type, id]);

    async function lookup(type: HubRepoType, id: string): Promise<HubLookup> {
      const key = keyOf(type, id);
      const hit = cached(key) as HubLookup | undefined;
      if (hit) {
        counters.cacheHits++;
        return hit;
      }
      const pending = inFlight.get(key);
      if (pending) {
        counters.coalesced++;
        return pending;
      }
      // An id that is not a Hub repo id cannot name a repository; it is not
      // sent either (ids go into the URL path unencoded).
      if (!isRepoId(id)) return { status: "not-found", httpStatus: 400 };

      const promise = sharedAnswer(key)
        .then(async (stored) => {
          if (stored) {
            counters.cacheHits++;
            cache.set(key, stored);
            return { result: stored.value as HubLookup, ttlMs: 0 };
          }
          const answer = await slots.run(() => request(() => ask(type, id)));
          if (shared && answer.ttlMs > 0) {
            shared.set(key, { value: answer.result, expiresAt: now() + answer.ttlMs }, answer.ttlMs).catch(() => undefined);
          }
          return answer;
        })
        .then(({ result, ttlMs }) => {
          remember(key, result, ttlMs);
          if (result.status === "found" && result.info.id !== id) {
            // The Hub's own spelling (checked by toRepoInfo) answers later lookups of the canonical id too.
            const canonical = keyOf(type, result.info.id);
            if (!cache.has(canonical)) remember(canonical, result, ttlMs);
          }
          return result;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
      return promise;
    }

    /** The Hub's security scan of a model's files, cached and bounded like a lookup (its own cache key). */
    async function securityStatus(id: string): Promise<HubSecurityLookup> {
      const key = JSON.stringify([...scope, "security", id]);
      const hit = cached(key) as HubSecurityLookup | undefined;
      if (hit) {
        counters.cacheHits++;
        return hit;
      }
      const pending = securityInFlight.get(key);
      if (pending) {
        counters.coalesced++;
        return pending;
      }
      if (!isRepoId(id)) return { status: "not-found", httpStatus: 400 };
      const promise = slots
        .run(() => request(() => askSecurity(id)))
        .then(({ result, ttlMs }) => {
          remember(key, result, ttlMs);
          return result;
        })
        .finally(() => securityInFlight.delete(key));
      securityInFlight.set(key, promise);
      return promise;
    }

    return {
      lookup,
      securityStatus,
      authenticated: accessToken !== undefined,
      endpoint,
      lookupsPerReview,
      scoped: (inner) => view([...scope, inner]),
      stats: () => ({ ...counters, cached: cache.size }),
      clear() {
        cache.clear();
        pausedUntil = 0;
        outage.failures = 0;
        outage.reasons.clear();
        outage.stoppedUntil = 0;
      },
    };
  }

  return view([]);
}

/**
 * A client configured from the environment: HF_ENDPOINT, HF_TOKEN (ignored
 * unless it starts with `hf_`) and CARDINAL_HUB_TIMEOUT_MS. Throws on a
 * malformed endpoint or timeout, naming the variable but not its token.
 */
export function hubClientFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  overrides: Omit<HubClientOptions, "endpoint" | "token" | "timeoutMs"> = {},
): CardinalHubClient {
  const rawTimeout = env["CARDINAL_HUB_TIMEOUT_MS"]?.trim();
  let timeoutMs: number | undefined;
  if (rawTimeout) {
    timeoutMs = Number(rawTimeout);
    if (!/^\d+$/.test(rawTimeout) || timeoutMs <= 0) {
      throw new RangeError(`CARDINAL_HUB_TIMEOUT_MS must be a whole number of milliseconds above 0, got ${JSON.stringify(rawTimeout)}`);
    }
  }
  const endpoint = env["HF_ENDPOINT"]?.trim() || undefined;
  const token = env["HF_TOKEN"]?.trim() || undefined;
  try {
    return createHubClient({
      ...overrides,
      ...(endpoint !== undefined && { endpoint }),
      ...(token !== undefined && { token }),
      ...(timeoutMs !== undefined && { timeoutMs }),
    });
  } catch (error) {
    if (error instanceof TypeError) throw new TypeError(`HF_ENDPOINT: ${error.message}`, { cause: error });
    throw error;
  }
}
