/**
 * Which infrastructure a deployment runs on, from the environment:
 * without `REDIS_URL`, one process with its queue and memory in memory
 * (the embedded default); with it, replicas sharing Redis: BullMQ for the
 * reviews, the SharedCache for deliveries, pull request states, path
 * memory and the Hub's answers. Probot itself takes `REDIS_URL` for its
 * throttling (Bottleneck on Redis), so rate limits are shared as well.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Redis } from "ioredis";
import { redisCache } from "../cache/redis-cache.js";
import type { SharedCache } from "../cache/shared-cache.js";
import type { JobProcessor, JobQueue } from "../queue/job-queue.js";
import { RedisJobQueue, type JobCodec, type QueueLog } from "../queue/redis-queue.js";
import { checkRedis, openRedis, redactRedisUrl } from "../redis/connection.js";
import type { ReviewInfrastructure, ReviewJob } from "./handler.js";

export interface RedisSettings {
  /** Reviews this process runs at once; 0: it only queues them (workers run elsewhere). */
  readonly concurrency: number;
  /** A job's lock, renewed while it runs: how soon a killed worker's job is taken over. */
  readonly lockMs: number;
  readonly stalledIntervalMs: number;
  readonly attempts: number;
  readonly backoffMs: number;
  /** How long SIGTERM waits for running reviews before leaving them to other workers. */
  readonly graceMs: number;
}

/** The variables, their defaults, and the smallest value each takes. */
const SETTINGS: readonly [keyof RedisSettings, string, number, number][] = [
  ["concurrency", "CARDINAL_WORKER_CONCURRENCY", 4, 0],
  ["lockMs", "CARDINAL_JOB_LOCK_MS", 30_000, 1_000],
  ["stalledIntervalMs", "CARDINAL_STALLED_INTERVAL_MS", 15_000, 500],
  ["attempts", "CARDINAL_JOB_ATTEMPTS", 4, 1],
  ["backoffMs", "CARDINAL_JOB_BACKOFF_MS", 2_000, 0],
  ["graceMs", "CARDINAL_SHUTDOWN_GRACE_MS", 25_000, 0],
];

/** The queue's settings, or one problem per malformed variable (named, with what it takes). */
export function redisSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): { settings: RedisSettings; problems: string[] } {
  const problems: string[] = [];
  const settings = {} as Record<keyof RedisSettings, number>;
  for (const [field, name, fallback, min] of SETTINGS) {
    const raw = env[name]?.trim();
    if (!raw) {
      settings[field] = fallback;
      continue;
    }
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min) {
      problems.push(`${name} must be a whole number of at least ${min}, got ${JSON.stringify(raw)}: correct it or unset it (default ${fallback}).`);
      settings[field] = fallback;
    } else settings[field] = value;
  }
  return { settings, problems };
}

export interface InfrastructureLog extends QueueLog {
  info(fields: Record<string, unknown>, message: string): void;
  info(message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  warn(message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  error(message: string): void;
}

/** Replicas on one Redis: the ports, and what a deployment needs to run them (readiness, shutdown). */
export interface RedisInfrastructure extends ReviewInfrastructure {
  readonly settings: RedisSettings;
  /** Where it runs, without a password. */
  readonly address: string;
  /** Whether this process takes new work: Redis answers and no SIGTERM came. */
  readiness(): { ready: boolean; reason: string };
  /** Says "not ready", stops taking jobs, lets running ones finish within the grace, and closes the connections. */
  shutdown(queue?: JobQueue<ReviewJob>): Promise<void>;
  /** The queue the handlers were given (after `queue` was called). */
  readonly jobs: JobQueue<ReviewJob> | undefined;
  /**
   * The queue of default-branch jobs (install sweep, pushes, rechecks) on the
   * same Redis: durable, shared by the replicas, one job per repository at a
   * time, `concurrency` at once in this process (none in a replica that only
   * queues). Closed by `shutdown` with the review queue.
   */
  branchQueue<T>(processor: JobProcessor<T>, codec: JobCodec<T>, concurrency: number): JobQueue<T>;
  /**
   * Stores `value` under `field` of the record `key` (kept `ttlMs`) and says
   * how many fields the record holds now, in one atomic step: the tally of a
   * sweep that several replicas run.
   */
  record(key: string, field: string, value: string, ttlMs: number): Promise<number>;
  /** Every field of the record `key` (empty when there is none). */
  recorded(key: string): Promise<Record<string, string>>;
}

/**
 * Connects to `url` (after a PING, which throws a RedisStartError with the
 * reason when Redis does not answer) and builds the ports on it.
 * `worker: false` only queues jobs, whatever the concurrency says.
 */
export async function redisInfrastructure(
  url: string,
  log: InfrastructureLog,
  settings: RedisSettings,
  options: { readonly worker?: boolean } = {},
): Promise<RedisInfrastructure> {
  await checkRedis(url);
  const redis = openRedis(url, log, "state");
  const runsWorker = options.worker !== false && settings.concurrency > 0;
  const workerRedis: Redis | undefined = runsWorker ? openRedis(url, log, "worker") : undefined;
  const cache: SharedCache = redisCache(redis);
  let jobs: RedisJobQueue<ReviewJob> | undefined;
  /** What every queue of this replica shares: its log, and the job lock, stall check and retry settings. */
  const jobSettings = {
    log,
    lockMs: settings.lockMs,
    stalledIntervalMs: settings.stalledIntervalMs,
    attempts: settings.attempts,
    backoffMs: settings.backoffMs,
  };
  /** Closes the queues beside the review queue (and their worker connections). */
  const closers: ((graceMs: number) => Promise<void>)[] = [];
  let draining = false;
  return {
    settings,
    address: redactRedisUrl(url),
    cache,
    get jobs() {
      return jobs;
    },
    queue(processor, codec) {
      jobs = new RedisJobQueue<ReviewJob>({
        redis,
        codec,
        ...jobSettings,
        ...(workerRedis ? { worker: { processor, connection: workerRedis, concurrency: settings.concurrency } } : {}),
      });
      return jobs;
    },
    branchQueue<T>(processor: JobProcessor<T>, codec: JobCodec<T>, concurrency: number) {
      const connection = runsWorker && concurrency > 0 ? openRedis(url, log, "branch-worker") : undefined;
      const branches = new RedisJobQueue<T>({
        redis,
        name: "branches",
        noun: "default-branch",
        codec,
        ...jobSettings,
        ...(connection ? { worker: { processor, connection, concurrency } } : {}),
      });
      closers.push(async (graceMs) => {
        await branches.close(graceMs);
        connection?.disconnect();
      });
      return branches;
    },
    async record(key, field, value, ttlMs) {
      const full = `cardinal:${key}`;
      const answers = await redis.multi().hset(full, field, value).pexpire(full, ttlMs).hlen(full).exec();
      const count = answers?.[2]?.[1];
      return typeof count === "number" ? count : 0;
    },
    recorded: (key) => redis.hgetall(`cardinal:${key}`),
    readiness() {
      if (draining) return { ready: false, reason: "shutting down: no new reviews are taken" };
      if (redis.status !== "ready") return { ready: false, reason: `Redis is not connected (${redis.status})` };
      return { ready: true, reason: runsWorker ? `ready: queue and ${settings.concurrency} workers on Redis` : "ready: queueing reviews on Redis (no workers in this process)" };
    },
    async shutdown(queue) {
      draining = true;
      await Promise.all([(queue ?? jobs)?.close(settings.graceMs), ...closers.map((close) => close(settings.graceMs))]);
      redis.disconnect();
      workerRedis?.disconnect();
    },
  };
}

/** GET /ready: 200 while this process takes work, 503 with the reason otherwise (Kubernetes' readiness probe). */
export function readinessHandler(infrastructure: Pick<RedisInfrastructure, "readiness">) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/ready") return false;
    const { ready, reason } = infrastructure.readiness();
    res.writeHead(ready ? 200 : 503, { "content-type": "text/plain; charset=utf-8" }).end(`${reason}\n`);
    return true;
  };
}
