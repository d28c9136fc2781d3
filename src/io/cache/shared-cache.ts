import { LRUCache } from "lru-cache";

/**
 * The SharedCache port: small JSON values with a time to live, shared by
 * every review a deployment runs. One process keeps them in an LRU
 * (`memoryCache`, the default); replicas share them in Redis
 * (`redisCache`, io/cache/redis-cache.ts) when `REDIS_URL` is set. Nothing
 * in core, parse, rules or report knows which one runs.
 *
 * Values go through JSON in both, so a reader never gets the writer's
 * object: what one replica reads is exactly what another would.
 */
export interface SharedCache {
  /** The value under `key`, or undefined when absent or expired. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds. */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  /**
   * Takes `key` for `ttlMs` if nobody holds it: true for the one caller
   * that took it, false for every other (atomic across replicas).
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** A view whose keys all start with `prefix:`. */
  namespace(prefix: string): SharedCache;
}

export interface MemoryCacheOptions {
  /** Most entries kept (least recently used go first). */
  readonly max: number;
  /** The clock, in ms (default Date.now): lets tests move time. */
  readonly now?: () => number;
}

/** The in-process SharedCache: one bounded LRU whose entries carry their own expiry. */
export function memoryCache(options: MemoryCacheOptions): SharedCache {
  const now = options.now ?? Date.now;
  const entries = new LRUCache<string, { json: string; expiresAt: number }>({ max: options.max });
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (now() >= entry.expiresAt) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const view = (prefix: string): SharedCache => ({
    get: <T>(key: string) => {
      const entry = live(prefix + key);
      return Promise.resolve(entry === undefined ? undefined : (JSON.parse(entry.json) as T));
    },
    set: (key, value, ttlMs) => {
      if (ttlMs > 0) entries.set(prefix + key, { json: JSON.stringify(value ?? null), expiresAt: now() + ttlMs });
      return Promise.resolve();
    },
    claim: (key, ttlMs) => {
      if (live(prefix + key) !== undefined) return Promise.resolve(false);
      entries.set(prefix + key, { json: "true", expiresAt: now() + ttlMs });
      return Promise.resolve(true);
    },
    delete: (key) => {
      entries.delete(prefix + key);
      return Promise.resolve();
    },
    namespace: (inner) => view(`${prefix}${inner}:`),
  });
  return view("");
}
