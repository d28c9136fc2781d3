/**
 * ByteSource for a pull request: ranges of the weight files it adds or
 * changes, read at its head commit, within a byte budget and a time limit
 * per review.
 *
 * - A Git LFS object (the PR's diff shows a pointer) is read with HTTP range
 *   requests. Its download address comes from the LFS Batch API (git-lfs,
 *   docs/api/batch.md): `POST {repo}.git/info/lfs/objects/batch` with
 *   `Accept`/`Content-Type: application/vnd.git-lfs+json` and
 *   `{"operation":"download","transfers":["basic"],"objects":[{oid,size}]}`;
 *   each object answers `actions.download.{href, header}` or an `error`
 *   whose code 404 means the object is not on the server (410: removed).
 *   The GET of `href` with those headers and `Range: bytes=a-b` returns only
 *   those bytes (206), as git-lfs itself asks when it resumes a download
 *   (tq/basic_download.go); a server that ignores the range (200) is read
 *   only up to what was asked and then cut off. GitHub's LFS endpoint for
 *   `github.com/o/r` is `https://github.com/o/r.git/info/lfs` (git-lfs,
 *   docs/api/server-discovery.md), and an installation token authenticates
 *   HTTP Git access as the password of user `x-access-token` (GitHub docs,
 *   "Authenticating as a GitHub App installation"; the app's `contents:
 *   read` permission covers it).
 * - A plain Git blob is read whole through the contents API at the head sha,
 *   only when it is at most `maxBlobBytes` (the contents API's JSON gives
 *   the size first), then served from memory.
 *
 * Every failure is a reason a finding can quote, never a guess: "the LFS
 * object is not on the server", "the review's byte budget (256 MB) is
 * spent", "the LFS server did not answer within 20 s".
 */
import { LRUCache } from "lru-cache";
import type { ByteRead, ByteSource } from "../../core/bytes.js";
import { SAFETENSORS_FIRST_READ } from "../../parse/safetensors.js";
import type { WorkspaceFile } from "../../core/types.js";
import { rawBytes } from "./graphql.js";
import type { Octokit, RepoRef } from "./pull-request.js";

/** Bytes one pull request review may read inside weight files (LFS ranges and blobs together). */
export const PR_BYTE_BUDGET = 256 * 1024 * 1024;
/** Largest plain Git blob read through GitHub (a weight file committed without LFS). */
export const PR_MAX_BLOB_BYTES = 16 * 1024 * 1024;
/** Objects asked in one LFS batch request. */
const LFS_BATCH_OBJECTS = 100;
/** Range requests in flight at once for one review. */
const CONCURRENT_READS = 4;
/** Time all of a review's weight reads may take together. */
export const PR_BYTES_TIMEOUT_MS = 20_000;

export interface PullRequestByteSourceOptions {
  readonly octokit: Octokit;
  /** Where the files can be read: the base repository, then a fork's. */
  readonly sources: readonly RepoRef[];
  readonly headSha: string;
  /** The review's files: which are LFS pointers (oid, size) and which plain blobs. */
  readonly files: readonly WorkspaceFile[];
  /** The installation token, sent to the base repository's LFS endpoint (undefined: ask anonymously). */
  readonly token?: () => Promise<string | undefined>;
  /** The LFS server of a repository (default: from the API's base URL, `https://github.com/o/r.git/info/lfs`). */
  readonly lfsUrl?: (repo: RepoRef) => string;
  readonly budget?: number;
  readonly maxBlobBytes?: number;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** Ranges of LFS objects read by earlier reviews of the same repository (see `lfsRangeCache`). */
  readonly cache?: LfsRangeCache;
}

/**
 * Ranges of Git LFS objects already read, by repository, oid and range. An
 * LFS object is named by the SHA-256 of its bytes, so a range read once is
 * the same range for ever: a push to a pull request whose weights did not
 * change (most pushes) reads nothing from LFS again, nor does a second pull
 * request that adds the same files. Kept per repository (a review is
 * answered only from what its own repository's LFS store gave), bounded in
 * bytes, forgotten after an hour. One per process; failures are not kept.
 */
export interface LfsRangeCache {
  get(key: string): { readonly bytes: Uint8Array; readonly size: number } | undefined;
  set(key: string, value: { readonly bytes: Uint8Array; readonly size: number }): void;
  /** Reads under way (a prefetch the review then waits for instead of asking again). */
  readonly inFlight: Map<string, Promise<ByteRead>>;
}

/** Bytes of LFS ranges a process keeps (a safetensors header is a few KB to a few hundred KB). */
export const LFS_RANGE_CACHE_BYTES = 32 * 1024 * 1024;
const LFS_RANGE_CACHE_TTL_MS = 60 * 60 * 1000;

export function lfsRangeCache(maxBytes = LFS_RANGE_CACHE_BYTES): LfsRangeCache {
  const entries = new LRUCache<string, { readonly bytes: Uint8Array; readonly size: number }>({
    maxSize: maxBytes,
    sizeCalculation: (value, key) => Math.max(1, value.bytes.length + key.length),
    ttl: LFS_RANGE_CACHE_TTL_MS,
  });
  return {
    inFlight: new Map(),
    get: (key) => entries.get(key),
    set: (key, value) => {
      // A range larger than the whole cache is not kept (lru-cache would refuse it anyway).
      if (value.bytes.length < maxBytes) entries.set(key, value);
    },
  };
}

/** What a review read, for logs and benchmarks. */
export interface ByteSourceStats {
  /** Bytes received, every file together. */
  readonly bytes: number;
  /** Bytes received per path. */
  readonly byPath: ReadonlyMap<string, number>;
  /** HTTP requests sent (LFS batch, LFS ranges, contents API). */
  readonly requests: number;
}

export interface PullRequestByteSource extends ByteSource {
  stats(): ByteSourceStats;
}

function amount(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${Number((n / (1024 * 1024 * 1024)).toFixed(1))} GB`;
  if (n >= 1024 * 1024) return `${Math.round(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** The web host of a GitHub API base URL: api.github.com → github.com; `https://ghe/api/v3` → `https://ghe`. */
export function webBaseOf(apiBaseUrl: string): string {
  const url = new URL(apiBaseUrl);
  if (url.hostname === "api.github.com") return "https://github.com";
  let path = url.pathname;
  while (path.endsWith("/")) path = path.slice(0, -1);
  if (path.endsWith("/api/v3")) path = path.slice(0, -"/api/v3".length);
  return `${url.origin}${path}`;
}

/** The LFS server of `repo` under a web base: `{base}/{owner}/{repo}.git/info/lfs`. */
export function lfsServer(base: string, repo: RepoRef): string {
  let root = base;
  while (root.endsWith("/")) root = root.slice(0, -1);
  return `${root}/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}.git/info/lfs`;
}

class ReadFailure extends Error {}

interface Download {
  readonly href: string;
  readonly header: Readonly<Record<string, string>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A download action from a batch answer for `oid`, or the reason there is none. */
export function downloadFromBatch(body: unknown, oid: string): Download | string {
  const objects = isRecord(body) && Array.isArray(body["objects"]) ? body["objects"] : undefined;
  const object = objects?.find((o): o is Record<string, unknown> => isRecord(o) && o["oid"] === oid);
  if (!object) return "the LFS server did not answer for this object";
  const error = object["error"];
  if (isRecord(error)) {
    const code = error["code"];
    if (code === 404) return "the LFS object is not on the server";
    if (code === 410) return "the LFS object was removed from the server";
    return `the LFS server refused to give the object (${typeof code === "number" ? code : "an error"})`;
  }
  const actions = object["actions"];
  const download = isRecord(actions) ? actions["download"] : undefined;
  if (!isRecord(download) || typeof download["href"] !== "string") return "the LFS server gave no download address for the object";
  let href: URL;
  try {
    href = new URL(download["href"]);
  } catch {
    return "the LFS server gave a download address Cardinal could not read";
  }
  if (href.protocol !== "https:" && href.protocol !== "http:") return "the LFS server gave a download address that is not HTTP";
  const header: Record<string, string> = {};
  if (isRecord(download["header"])) for (const [k, v] of Object.entries(download["header"])) if (typeof v === "string") header[k] = v;
  return { href: href.toString(), header };
}

export function pullRequestByteSource(options: PullRequestByteSourceOptions): PullRequestByteSource {
  const budget = options.budget ?? PR_BYTE_BUDGET;
  const maxBlobBytes = options.maxBlobBytes ?? PR_MAX_BLOB_BYTES;
  const timeoutMs = options.timeoutMs ?? PR_BYTES_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? globalThis.fetch;
  const byPath = new Map(options.files.map((f) => [f.path, f] as const));
  const base = options.sources[0];
  const lfsUrl =
    options.lfsUrl ??
    ((repo: RepoRef) => lfsServer(webBaseOf((options.octokit.request.endpoint.DEFAULTS as { baseUrl?: string }).baseUrl ?? "https://api.github.com"), repo));
  const started = now();
  let active = 0;
  const waiting: (() => void)[] = [];
  /** At most CONCURRENT_READS transfers at once, first come first served. */
  async function slot<T>(task: () => Promise<T>): Promise<T> {
    if (active >= CONCURRENT_READS) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  }
  let spent = 0;
  let requests = 0;
  const received = new Map<string, number>();
  const downloads = new Map<string, Promise<Download>>();
  const blobs = new Map<string, Promise<{ bytes: Uint8Array; size: number }>>();

  const count = (path: string, n: number) => {
    spent += n;
    received.set(path, (received.get(path) ?? 0) + n);
  };

  /** A signal for one request: whatever is left of the review's time for reading weights. */
  const signal = (): AbortSignal => {
    const left = timeoutMs - (now() - started);
    if (left <= 0) throw new ReadFailure(`the review's time for reading weights (${seconds(timeoutMs)}) is up`);
    return AbortSignal.timeout(left);
  };
  const timedOut = (what: string) => `${what} did not answer within ${seconds(timeoutMs)}`;

  /**
   * Download addresses for `objects`, in one batch request (git-lfs clients
   * send up to 100 objects a request): each oid's promise settles with its
   * address or the reason it has none.
   */
  async function batch(objects: readonly { oid: string; size: number }[], from = 0): Promise<Map<string, Download | string>> {
    let lastReason = "the LFS server could not be reached";
    for (let at = from; at < options.sources.length; at++) {
      const source = options.sources[at] as RepoRef;
      const token = source === base ? await options.token?.() : undefined;
      let response: Response;
      try {
        requests++;
        response = await doFetch(`${lfsUrl(source)}/objects/batch`, {
          method: "POST",
          headers: {
            accept: "application/vnd.git-lfs+json",
            "content-type": "application/vnd.git-lfs+json",
            ...(token ? { authorization: `Basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}` } : {}),
          },
          body: JSON.stringify({ operation: "download", transfers: ["basic"], objects }),
          signal: signal(),
          // The token goes to the repository's LFS endpoint and nowhere else.
          redirect: "manual",
        });
      } catch (error) {
        if (error instanceof ReadFailure) throw error;
        throw new ReadFailure((error as { name?: string }).name === "TimeoutError" ? timedOut("the LFS server") : "the LFS server could not be reached");
      }
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        lastReason = "the LFS server redirected elsewhere, where Cardinal does not send its token";
        continue;
      }
      if (response.status === 404 || response.status === 401 || response.status === 403) {
        await response.body?.cancel().catch(() => undefined);
        lastReason = response.status === 404 ? "the LFS object is not on the server" : `the LFS server refused Cardinal's token (${response.status})`;
        continue; // a fork's LFS store may hold it
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new ReadFailure(`the LFS server answered ${response.status}`);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ReadFailure("the LFS server sent an answer Cardinal could not read");
      }
      const answers = new Map(objects.map(({ oid }) => [oid, downloadFromBatch(body, oid)] as const));
      // Objects this repository's LFS store lacks may be in the next source's (a fork's).
      const missing = objects.filter(({ oid }) => typeof answers.get(oid) === "string");
      if (missing.length === 0 || at === options.sources.length - 1) return answers;
      const rest = await batch(missing, at + 1).catch(() => new Map<string, Download | string>());
      for (const [oid, answer] of rest) if (typeof answer !== "string") answers.set(oid, answer);
      return answers;
    }
    throw new ReadFailure(lastReason);
  }

  /** The download of `oid`: asked together with every other LFS object of the review not asked yet. */
  function downloadOf(oid: string): Promise<Download> {
    if (!downloads.has(oid)) {
      const pending = options.files.flatMap((f) =>
        f.content.type === "lfs-pointer" && f.status !== "removed" && !downloads.has(f.content.oid) ? [{ oid: f.content.oid, size: f.content.size }] : [],
      );
      const unique = [...new Map([...pending, ...(pending.some((p) => p.oid === oid) ? [] : [{ oid, size: 0 }])].map((o) => [o.oid, o])).values()];
      for (let i = 0; i < unique.length; i += LFS_BATCH_OBJECTS) {
        const chunk = unique.slice(i, i + LFS_BATCH_OBJECTS);
        const answers = batch(chunk);
        for (const { oid: each } of chunk) {
          const download = answers.then((m) => {
            const answer = m.get(each) ?? "the LFS server did not answer for this object";
            if (typeof answer === "string") throw new ReadFailure(answer);
            return answer;
          });
          download.catch(() => undefined); // an object no check asks for must not fail the process
          downloads.set(each, download);
        }
      }
    }
    const download = downloads.get(oid) as Promise<Download>;
    return download;
  }

  /** Reads at most `length` bytes of a body, then stops the transfer. */
  async function readAtMost(response: Response, skip: number, length: number, path: string): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    let got = 0;
    let skipped = 0;
    const reader = response.body?.getReader();
    if (!reader) return out.subarray(0, 0);
    try {
      while (got < length) {
        const { done, value } = await reader.read();
        if (done || !value) break;
        let chunk = value;
        count(path, chunk.length);
        if (skipped < skip) {
          const drop = Math.min(skip - skipped, chunk.length);
          skipped += drop;
          chunk = chunk.subarray(drop);
        }
        const take = Math.min(chunk.length, length - got);
        out.set(chunk.subarray(0, take), got);
        got += take;
        if (spent > budget) throw new ReadFailure(`the review's byte budget (${amount(budget)}) is spent`);
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return out.subarray(0, got);
  }

  async function readLfs(path: string, oid: string, size: number, offset: number, length: number): Promise<ByteRead> {
    const want = Math.max(0, Math.min(length, size - offset));
    if (want === 0) return { ok: true, bytes: new Uint8Array(0), size };
    const { href, header } = await downloadOf(oid);
    let response: Response;
    try {
      requests++;
      response = await doFetch(href, { headers: { ...header, range: `bytes=${offset}-${offset + want - 1}` }, signal: signal(), redirect: "follow" });
    } catch (error) {
      if (error instanceof ReadFailure) throw error;
      throw new ReadFailure((error as { name?: string }).name === "TimeoutError" ? timedOut("the LFS storage") : "the LFS storage could not be reached");
    }
    if (response.status === 404) throw new ReadFailure("the LFS object is not on the server");
    if (response.status === 416) return { ok: true, bytes: new Uint8Array(0), size };
    if (response.status !== 206 && response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new ReadFailure(`the LFS storage answered ${response.status}`);
    }
    // 200: the whole object came; only what was asked is read, the rest is never downloaded.
    const bytes = await readAtMost(response, response.status === 200 ? offset : 0, want, path);
    return { ok: true, bytes, size };
  }

  async function fetchBlob(path: string): Promise<{ bytes: Uint8Array; size: number }> {
    let last: unknown;
    for (const source of options.sources) {
      try {
        requests++;
        const { data } = await options.octokit.rest.repos.getContent({ ...source, path, ref: options.headSha, request: { signal: signal() } });
        if (Array.isArray(data) || data.type !== "file") throw new ReadFailure("it is a folder or a link, not a file");
        if (data.size > maxBlobBytes) {
          throw new ReadFailure(`it is a Git blob of ${amount(data.size)}, over the ${amount(maxBlobBytes)} Cardinal reads through GitHub (commit it through Git LFS)`);
        }
        if (spent + data.size > budget) throw new ReadFailure(`the review's byte budget (${amount(budget)}) is spent`);
        let bytes: Uint8Array;
        if (data.encoding === "base64" && (data.content !== "" || data.size === 0)) bytes = Buffer.from(data.content, "base64");
        else {
          requests++;
          const raw = await options.octokit.rest.repos.getContent({ ...source, path, ref: options.headSha, mediaType: { format: "raw" }, request: { signal: signal() } });
          bytes = rawBytes(raw.data as unknown) ?? new Uint8Array(0);
        }
        count(path, bytes.length);
        return { bytes, size: bytes.length };
      } catch (error) {
        if (error instanceof ReadFailure) throw error;
        last = error;
        if ((error as { status?: unknown }).status !== 404) break;
      }
    }
    const status = (last as { status?: unknown } | undefined)?.status;
    if ((last as { name?: string } | undefined)?.name === "AbortError" || (last as { name?: string } | undefined)?.name === "TimeoutError") throw new ReadFailure(timedOut("GitHub"));
    throw new ReadFailure(status === 404 ? `GitHub found no file at commit ${options.headSha.slice(0, 7)}` : `GitHub answered ${typeof status === "number" ? status : "with an error"}`);
  }

  return {
    async read(path, offset, length): Promise<ByteRead> {
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
        return { ok: false, reason: `the range ${offset}+${length} is not a valid byte range` };
      }
      const file = byPath.get(path);
      if (!file) return { ok: false, reason: "Cardinal reads only the weight files the pull request adds or changes" };
      if (file.status === "removed") return { ok: false, reason: "the pull request removes it" };
      try {
        if (file.content.type === "lfs-pointer") {
          const { oid, size } = file.content;
          const key = base ? JSON.stringify([base.owner.toLowerCase(), base.repo.toLowerCase(), oid, size, offset, length]) : undefined;
          const cache = key !== undefined ? options.cache : undefined;
          const known = cache?.get(key as string);
          if (known) return { ok: true, bytes: known.bytes, size: known.size };
          // A prefetch of the same range is on its way: its answer, unless it failed (then this review asks itself).
          const pending = cache?.inFlight.get(key as string);
          if (pending) {
            const answer = await pending;
            if (answer.ok) return answer;
          }
          if (spent + Math.min(length, Math.max(0, size - offset)) > budget) return { ok: false, reason: `the review's byte budget (${amount(budget)}) is spent` };
          const reading = slot(() => readLfs(path, oid, size, offset, length));
          if (cache && key !== undefined) {
            const tracked = reading.catch((): ByteRead => ({ ok: false, reason: "reading it failed" }));
            cache.inFlight.set(key, tracked);
            void tracked.finally(() => {
              if (cache.inFlight.get(key) === tracked) cache.inFlight.delete(key);
            });
          }
          const read = await reading;
          if (read.ok && cache && key !== undefined) cache.set(key, { bytes: read.bytes, size: read.size });
          return read;
        }
        if (file.content.type === "not-fetched" || file.content.type === "binary") {
          let blob = blobs.get(path);
          if (!blob) {
            blob = fetchBlob(path);
            blobs.set(path, blob);
          }
          const { bytes, size } = await blob;
          return { ok: true, bytes: bytes.subarray(offset, offset + length), size };
        }
        return { ok: false, reason: "its bytes are not a weight file Cardinal can read" };
      } catch (error) {
        return { ok: false, reason: error instanceof ReadFailure ? error.message : "reading it failed" };
      }
    },
    stats: () => ({ bytes: spent, byPath: new Map(received), requests }),
  };
}

/** How the app reads weight bytes in pull requests (HandlerOptions.weightBytes). */
export interface WeightBytesOptions {
  /** Web base under which LFS servers live (`{base}/{owner}/{repo}.git/info/lfs`); default from the API's base URL. */
  readonly lfsBaseUrl?: string;
  /** Bytes per review (default PR_BYTE_BUDGET). */
  readonly budget?: number;
  readonly fetch?: typeof fetch;
  /** LFS ranges earlier reviews of this process read (the app passes one `lfsRangeCache`). */
  readonly cache?: LfsRangeCache;
}

/**
 * The app's setting from the environment: CARDINAL_WEIGHT_BYTES=off reads no
 * weight bytes at all (content checks stay silent); CARDINAL_WEIGHT_BYTES_BUDGET_MB
 * sets the per-review budget; CARDINAL_LFS_URL the LFS web base (GitHub
 * Enterprise Server behind another host, or a test's fake).
 */
export function weightBytesFromEnv(env: Readonly<Record<string, string | undefined>>): WeightBytesOptions | false {
  if (env["CARDINAL_WEIGHT_BYTES"]?.trim().toLowerCase() === "off") return false;
  const rawBudget = env["CARDINAL_WEIGHT_BYTES_BUDGET_MB"]?.trim();
  let budget: number | undefined;
  if (rawBudget) {
    if (!/^\d+$/.test(rawBudget) || Number(rawBudget) <= 0) {
      throw new RangeError(`CARDINAL_WEIGHT_BYTES_BUDGET_MB must be a whole number of megabytes above 0, got ${JSON.stringify(rawBudget)}`);
    }
    budget = Number(rawBudget) * 1024 * 1024;
  }
  const lfsBaseUrl = env["CARDINAL_LFS_URL"]?.trim() || undefined;
  if (lfsBaseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(lfsBaseUrl);
    } catch {
      throw new TypeError("CARDINAL_LFS_URL is not a URL");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new TypeError("CARDINAL_LFS_URL must be an http(s) URL");
    if (url.username || url.password) throw new TypeError("CARDINAL_LFS_URL must not carry credentials");
  }
  return { ...(budget !== undefined ? { budget } : {}), ...(lfsBaseUrl !== undefined ? { lfsBaseUrl } : {}) };
}

/** Safetensors files whose header a prefetch reads, at most, per pull request. */
const PREFETCH_FILES = 8;

/**
 * Starts reading the first range of the pull request's safetensors LFS
 * objects (what the header checks ask first) as soon as the file list is
 * known, beside the snapshot query, into the process's range cache: the
 * review's own reads then find them there, or wait for them, instead of
 * adding the LFS batch and range round trips after the snapshot. Only with
 * a cache; never throws; a failed prefetch leaves the review to ask itself.
 */
export function prefetchWeightHeaders(octokit: Octokit, sources: readonly RepoRef[], headSha: string, files: readonly WorkspaceFile[], options: WeightBytesOptions): void {
  if (!options.cache) return;
  const pointers = files.filter((f) => f.status !== "removed" && f.content.type === "lfs-pointer" && /\.safetensors$/i.test(f.path)).slice(0, PREFETCH_FILES);
  if (pointers.length === 0) return;
  const source = reviewByteSource(octokit, sources, headSha, pointers, options);
  for (const f of pointers) source.read(f.path, 0, SAFETENSORS_FIRST_READ).catch(() => undefined);
}

/** The ByteSource of one pull request review, with the installation's token for the base repository's LFS server. */
export function reviewByteSource(
  octokit: Octokit,
  sources: readonly RepoRef[],
  headSha: string,
  files: readonly WorkspaceFile[],
  options: WeightBytesOptions,
): PullRequestByteSource {
  const token = async () => {
    try {
      const auth = (await octokit.auth({ type: "installation" })) as { token?: unknown } | undefined;
      return typeof auth?.token === "string" ? auth.token : undefined;
    } catch {
      return undefined; // asked anonymously: a public repository's LFS objects still answer
    }
  };
  return pullRequestByteSource({
    octokit,
    sources,
    headSha,
    files,
    token,
    ...(options.lfsBaseUrl !== undefined ? { lfsUrl: (repo: RepoRef) => lfsServer(options.lfsBaseUrl as string, repo) } : {}),
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
  });
}
