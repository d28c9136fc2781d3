/**
 * The infrastructure ports in one process: the in-memory SharedCache and
 * job queue, the shared pull request states over any SharedCache, what a
 * queue counts as a transient GitHub failure, and the Redis settings read
 * from the environment.
 */
import { describe, expect, it } from "vitest";
import { memoryCache } from "../src/io/cache/shared-cache.js";
import { SharedReviewedStates } from "../src/io/github/shared-states.js";
import { redisSettingsFromEnv } from "../src/io/github/infrastructure.js";
import { MemoryJobQueue, type JobProcessor } from "../src/io/queue/job-queue.js";
import { isTransient } from "../src/io/queue/redis-queue.js";
import { redactRedisUrl } from "../src/io/redis/connection.js";

describe("memoryCache", () => {
  it("keeps JSON copies until their TTL, claims a key once, and namespaces keys", async () => {
    let now = 1_000;
    const cache = memoryCache({ max: 10, now: () => now });
    const value = { paths: ["README.md"] };
    await cache.set("a", value, 100);
    value.paths.push("LICENSE");
    expect(await cache.get("a")).toEqual({ paths: ["README.md"] });
    expect(await cache.claim("lock", 50)).toBe(true);
    expect(await cache.claim("lock", 50)).toBe(false);
    expect(await cache.namespace("x").get("a")).toBeUndefined();
    await cache.namespace("x").set("a", 1, 100);
    expect(await cache.namespace("x").get("a")).toBe(1);
    now += 100;
    expect(await cache.get("a")).toBeUndefined();
    expect(await cache.claim("lock", 50)).toBe(true);
    await cache.delete("lock");
    expect(await cache.claim("lock", 50)).toBe(true);
  });
});

describe("SharedReviewedStates", () => {
  it("lets one claim of a state through until it settles, remembers a published state, and lets a requested review run", async () => {
    const states = new SharedReviewedStates(memoryCache({ max: 100 }));
    expect(await states.claim("o/r#1", "s1")).toBe(true);
    expect(await states.claim("o/r#1", "s1")).toBe(false);
    expect(await states.claim("o/r#1", "s1", true)).toBe(true);
    await states.settle("o/r#1", "s1", false);
    expect(await states.claim("o/r#1", "s1")).toBe(true);
    await states.settle("o/r#1", "s1", true);
    expect(await states.claim("o/r#1", "s1")).toBe(false);
    expect(await states.claim("o/r#1", "s2")).toBe(true);
  });
});

describe("MemoryJobQueue", () => {
  it("runs one job per key at a time and drops those a newer head overtook", async () => {
    const ran: string[] = [];
    const dropped: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const processor: JobProcessor<string> = {
      async run(data) {
        ran.push(data);
        if (data === "a1") await gate;
      },
      superseded: (data) => void dropped.push(data),
    };
    const queue = new MemoryJobQueue(processor);
    const add = (key: string, sha: string) => queue.add({ key, headSha: sha, dedupeId: sha, data: sha });
    const first = add("a", "a1");
    await expect.poll(() => ran).toEqual(["a1"]);
    // a1 runs; a2 and a3 wait behind it, and b1 (another pull request) does not.
    const later = [add("a", "a2"), add("a", "a3")];
    await add("b", "b1");
    expect(ran).toEqual(["a1", "b1"]);
    release();
    await Promise.all([first, ...later]);
    expect(ran).toEqual(["a1", "b1", "a3"]);
    expect(dropped).toEqual(["a2"]);
  });

  it("a job that does not take part in newest-wins is neither dropped nor drops the others", async () => {
    const ran: string[] = [];
    const dropped: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new MemoryJobQueue<string>({
      async run(data) {
        ran.push(data);
        if (data === "push1") await gate;
      },
      superseded: (data) => void dropped.push(data),
    });
    const first = queue.add({ key: "r", headSha: "1", dedupeId: "push1", data: "push1" });
    await expect.poll(() => ran).toEqual(["push1"]);
    const later = [
      queue.add({ key: "r", headSha: "", dedupeId: "sweep", data: "sweep", newestWins: false }),
      queue.add({ key: "r", headSha: "2", dedupeId: "push2", data: "push2" }),
      queue.add({ key: "r", headSha: "", dedupeId: "sweep-again", data: "sweep-again", newestWins: false }),
    ];
    release();
    await Promise.all([first, ...later]);
    expect(ran).toEqual(["push1", "sweep", "push2", "sweep-again"]);
    expect(dropped).toEqual([]);
  });
});

describe("isTransient", () => {
  it("retries what GitHub may answer differently next time, and nothing else", () => {
    expect(isTransient(Object.assign(new Error("Bad gateway"), { status: 502 }))).toBe(true);
    expect(isTransient(Object.assign(new Error("slow down"), { status: 429 }))).toBe(true);
    expect(isTransient(Object.assign(new Error("limit"), { status: 403, response: { headers: { "retry-after": "30" } } }))).toBe(true);
    expect(isTransient(Object.assign(new Error("fetch failed"), { cause: { code: "ECONNREFUSED" } }))).toBe(true);
    expect(isTransient(Object.assign(new Error("Not Found"), { status: 404 }))).toBe(false);
    expect(isTransient(Object.assign(new Error("Forbidden"), { status: 403 }))).toBe(false);
    expect(isTransient(Object.assign(new Error("Validation Failed"), { status: 422 }))).toBe(false);
    expect(isTransient(new TypeError("Cannot read properties of undefined"))).toBe(false);
  });
});

describe("redisSettingsFromEnv", () => {
  it("takes the defaults, and names a malformed variable with what it takes", () => {
    expect(redisSettingsFromEnv({})).toEqual({
      settings: { concurrency: 4, lockMs: 30_000, stalledIntervalMs: 15_000, attempts: 4, backoffMs: 2_000, graceMs: 25_000 },
      problems: [],
    });
    expect(redisSettingsFromEnv({ CARDINAL_WORKER_CONCURRENCY: "0", CARDINAL_JOB_LOCK_MS: "500", CARDINAL_JOB_ATTEMPTS: "two" })).toEqual({
      settings: { concurrency: 0, lockMs: 30_000, stalledIntervalMs: 15_000, attempts: 4, backoffMs: 2_000, graceMs: 25_000 },
      problems: [
        'CARDINAL_JOB_LOCK_MS must be a whole number of at least 1000, got "500": correct it or unset it (default 30000).',
        'CARDINAL_JOB_ATTEMPTS must be a whole number of at least 1, got "two": correct it or unset it (default 4).',
      ],
    });
  });

  it("never shows a Redis password in a log line", () => {
    expect(redactRedisUrl("redis://:s3cret@redis.internal:6379/0")).toBe("redis://:***@redis.internal:6379/0");
    expect(redactRedisUrl("not a url")).toBe("(a REDIS_URL that is not a URL)");
  });
});
