import type { Redis } from "ioredis";
import type { SharedCache } from "./shared-cache.js";

/**
 * The SharedCache on Redis: one key per entry under `prefix`, its TTL kept
 * by Redis (PX), `claim` a SET NX so that exactly one replica takes a key.
 * Redis's own eviction bounds the memory (see docs/deployment.md).
 */
export function redisCache(redis: Redis, prefix = "cardinal:"): SharedCache {
  const view = (base: string): SharedCache => ({
    async get<T>(key: string): Promise<T | undefined> {
      const json = await redis.get(base + key);
      return json === null ? undefined : (JSON.parse(json) as T);
    },
    async set(key, value, ttlMs) {
      if (ttlMs > 0) await redis.set(base + key, JSON.stringify(value ?? null), "PX", Math.ceil(ttlMs));
    },
    async claim(key, ttlMs) {
      return (await redis.set(base + key, "1", "PX", Math.ceil(ttlMs), "NX")) === "OK";
    },
    async delete(key) {
      await redis.del(base + key);
    },
    namespace: (inner) => view(`${base}${inner}:`),
  });
  return view(prefix);
}
