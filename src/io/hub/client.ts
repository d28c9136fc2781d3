/**
 * The Hugging Face Hub client behind the HubClient port: @huggingface/hub's
 * modelInfo/datasetInfo with a per-request timeout, a bound on requests in
 * flight, in-flight de-duplication and an LRU cache whose entries live
 * longer for answers than for errors.
 *
 * Create one client per process and share it: the cache, the concurrency
 * bound and the rate-limit pause belong to the client.
 *
 * The token never leaves this module except as the Authorization header of
 * a request to the configured endpoint: reasons are fixed phrases and never
 * carry an error message, a URL or a header.
 */
import { datasetInfo, HubApiError, modelInfo } from "@huggingface/hub";
import { LRUCache } from "lru-cache";
import type { HubClient, HubLookup, HubRepoInfo, HubRepoType } from "../../core/hub.js";
import { isRepoId } from "../../parse/repo-id.js";
import { trimEndChars } from "../../core/strings.js";

export const DEFAULT_HUB_ENDPOINT = "https://huggingface.co";
export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_CONCURRENCY = 8;

export interface HubCacheOptions {
  /** Most answers kept (default 2000). */
  readonly max?: number;
  /** How long a found repository is remembered (default 1 h). */
  readonly foundTtlMs?: number;
  /** How long a not-found answer is remembered (default 10 min). */
  readonly notFoundTtlMs?: number;
  /** How long an error (timeout, 5xx, network) is remembered (default 30 s; 0 = not at all). */
  readonly unavailableTtlMs?: number;
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
}

export interface HubClientStats {
  /** HTTP requests started (a redirect followed by fetch counts once). */
  readonly requests: number;
  /** Lookups answered from the cache. */
  readonly cacheHits: number;
  /** Lookups that joined a request already in flight for the same (type, id). */
  readonly coalesced: number;
  /** Lookups answered "unavailable" without a request because the Hub asked us to wait (429). */
  readonly rateLimited: number;
  /** Answers in the cache now (expired ones may still be counted). */
  readonly cached: number;
}

export interface CardinalHubClient extends HubClient {
  /** Whether a token is configured and will be sent. */
  readonly authenticated: boolean;
  /** The endpoint in use, without a trailing slash. */
  readonly endpoint: string;
  stats(): HubClientStats;
  /** Forgets every cached answer and any rate-limit pause; counters stay. */
  clear(): void;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const MAX_RATE_LIMIT_PAUSE_MS = 10 * MINUTE;

interface CacheEntry {
  readonly value: HubLookup;
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

function rateLimitReason(seconds: number | undefined): string {
  return seconds === undefined
    ? "the Hub rate limit was reached (429)"
    : `the Hub rate limit was reached (429); retry after ${seconds} s`;
}

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
  const info: HubRepoInfo = {
    id: optionalString(entry.name) ?? askedId,
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
  const token = options.token?.trim();
  const accessToken = token?.startsWith("hf_") ? token : undefined;
  const timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, "timeoutMs");
  const concurrency = Math.floor(positive(options.concurrency, DEFAULT_CONCURRENCY, "concurrency"));
  const baseFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const ttl = {
    found: nonNegative(options.cache?.foundTtlMs, HOUR, "cache.foundTtlMs"),
    "not-found": nonNegative(options.cache?.notFoundTtlMs, 10 * MINUTE, "cache.notFoundTtlMs"),
    unavailable: nonNegative(options.cache?.unavailableTtlMs, 30_000, "cache.unavailableTtlMs"),
  };
  const cache = new LRUCache<string, CacheEntry>({ max: Math.floor(positive(options.cache?.max, 2000, "cache.max")) });
  const inFlight = new Map<string, Promise<HubLookup>>();
  const slots = new Slots(concurrency);
  let pausedUntil = 0;
  const counters = { requests: 0, cacheHits: 0, coalesced: 0, rateLimited: 0 };

  const keyOf = (type: HubRepoType, id: string) => `${type}:${id}`;

  function remember(key: string, value: HubLookup, ttlMs: number): void {
    if (ttlMs > 0) cache.set(key, { value, expiresAt: now() + ttlMs });
  }

  function cached(key: string): HubLookup | undefined {
    const entry = cache.get(key);
    if (!entry) return undefined;
    if (now() >= entry.expiresAt) {
      cache.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async function request(type: HubRepoType, id: string): Promise<{ result: HubLookup; ttlMs: number }> {
    // Checked once a slot is free, so requests queued behind a 429 wait too.
    const pauseLeft = pausedUntil - now();
    if (pauseLeft > 0) {
      counters.rateLimited++;
      return {
        result: { status: "unavailable", reason: rateLimitReason(Math.ceil(pauseLeft / 1000)) },
        ttlMs: Math.min(ttl.unavailable, pauseLeft),
      };
    }
    const signal = AbortSignal.timeout(timeoutMs);
    let lastResponse: Response | undefined;
    const timedFetch: typeof fetch = async (input, init) => {
      counters.requests++;
      const response = await baseFetch(input, { ...init, signal });
      lastResponse = response;
      return response;
    };
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
      return { result: { status: "found", info: toRepoInfo(type, id, entry) }, ttlMs: ttl.found };
    } catch (error) {
      return failure(error, signal, lastResponse);
    }
  }

  function failure(error: unknown, signal: AbortSignal, response: Response | undefined): { result: HubLookup; ttlMs: number } {
    const unavailable = (reason: string, ttlMs = ttl.unavailable) => ({
      result: { status: "unavailable" as const, reason },
      ttlMs,
    });
    if (signal.aborted) return unavailable(`the Hub did not answer in ${formatDuration(timeoutMs)}`);
    if (error instanceof HubApiError) {
      const status = error.statusCode;
      if (status === 401 || status === 403 || status === 404) {
        return { result: { status: "not-found", httpStatus: status }, ttlMs: ttl["not-found"] };
      }
      if (status === 429) {
        const seconds = response ? retryAfterSeconds(response.headers, now()) : undefined;
        // Every lookup of this client waits out the Retry-After, not only this id.
        const waitMs = Math.min((seconds ?? 0) * 1000, MAX_RATE_LIMIT_PAUSE_MS);
        if (waitMs > 0) pausedUntil = Math.max(pausedUntil, now() + waitMs);
        return unavailable(rateLimitReason(seconds));
      }
      return unavailable(`the Hub answered ${status}`);
    }
    if (error instanceof SyntaxError) return unavailable("the Hub sent an answer Cardinal could not read");
    return unavailable("the Hub could not be reached");
  }

  async function lookup(type: HubRepoType, id: string): Promise<HubLookup> {
    const key = keyOf(type, id);
    const hit = cached(key);
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

    const promise = slots
      .run(() => request(type, id))
      .then(({ result, ttlMs }) => {
        remember(key, result, ttlMs);
        if (result.status === "found" && result.info.id !== id) {
          // The Hub's own spelling answers later lookups of the canonical id too.
          const canonical = keyOf(type, result.info.id);
          if (!cache.has(canonical)) remember(canonical, result, ttlMs);
        }
        return result;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  }

  return {
    lookup,
    authenticated: accessToken !== undefined,
    endpoint,
    stats: () => ({ ...counters, cached: cache.size }),
    clear() {
      cache.clear();
      pausedUntil = 0;
    },
  };
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
