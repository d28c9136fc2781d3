/**
 * The JobQueue on Redis, through BullMQ. A webhook becomes a stored job at
 * once (the delivery is answered without waiting for the review); workers
 * of any replica, or of a separate `cardinal-worker` process, run it.
 *
 * - One job per pull request at a time across replicas: a worker takes a
 *   per-pull-request lock in Redis (SET NX PX, renewed while it runs) and
 *   puts a job back for a moment when another worker holds it.
 * - The newest head wins: each `add` records the pull request's newest
 *   head sha; a job for an older one is dropped when it starts, and does
 *   not publish when a newer push came in while it ran.
 * - Duplicates: the job id is derived from the pull request state (and the
 *   delivery, for a review someone asked for), so a second copy of a
 *   waiting job is not stored.
 * - Retries with exponential backoff for what GitHub may answer next time
 *   (5xx, rate limits, no connection); anything else fails at once.
 * - A worker killed mid-review: BullMQ finds the job stalled once its lock
 *   lapses and another worker runs it again; publishing is idempotent per
 *   head sha (publish.ts), so GitHub sees one check run and one comment.
 */
import { createHash, randomUUID } from "node:crypto";
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { JobControl, JobProcessor, JobQueue, QueuedJob } from "./job-queue.js";

/** Turns a job's data into JSON and back (the back may need I/O: a fresh GitHub token). */
export interface JobCodec<T> {
  encode(data: T): unknown;
  decode(stored: unknown, attempt: number): Promise<T>;
}

export interface QueueLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface RedisQueueOptions<T> {
  /** The connection for adding jobs and the locks. */
  readonly redis: Redis;
  /** Key prefix of everything Cardinal stores (default "cardinal"). */
  readonly prefix?: string;
  readonly name?: string;
  /** What a job is, in log lines ("review" by default; "default-branch" for the sweep's queue). */
  readonly noun?: string;
  readonly codec: JobCodec<T>;
  readonly log: QueueLog;
  /** The worker of this process, or undefined to only add jobs (a replica with CARDINAL_WORKER_CONCURRENCY=0). */
  readonly worker?: {
    readonly processor: JobProcessor<T>;
    /** A fresh connection for the worker (BullMQ blocks on it). */
    readonly connection: Redis;
    /** Jobs run at once by this process (default 4). */
    readonly concurrency?: number;
  };
  /** How long a job's lock, and a pull request's lock, lasts without renewal (default 30 s). */
  readonly lockMs?: number;
  /** How often workers look for stalled jobs (default 15 s). */
  readonly stalledIntervalMs?: number;
  /** Tries per job (default 4). */
  readonly attempts?: number;
  /** The first retry's delay; each next one doubles it (default 2 s). */
  readonly backoffMs?: number;
}

/** Failures GitHub may not repeat: server errors, rate limits, timeouts, no connection. */
export function isTransient(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number") return status >= 500 || status === 429 || (status === 403 && hasRetryAfter(error));
  // No HTTP status: the request did not get an answer (connection refused, reset, timeout).
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === "string" || (error instanceof Error && /fetch failed|socket|ECONN|ETIMEDOUT|timeout/i.test(error.message));
}

function hasRetryAfter(error: unknown): boolean {
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  return headers?.["retry-after"] !== undefined || headers?.["x-ratelimit-remaining"] === "0";
}

interface StoredJob {
  readonly key: string;
  readonly headSha: string;
  readonly data: unknown;
  /** false: not dropped for a newer head (absent in jobs stored before it existed: true). */
  readonly newestWins?: boolean;
}

/** Deletes the key only when it still holds our token; renews it the same way. */
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/** A day: how long a pull request's newest head is remembered. */
const HEAD_TTL_MS = 24 * 60 * 60 * 1000;

export class RedisJobQueue<T> implements JobQueue<T> {
  readonly durable = true;
  private readonly queue: Queue;
  private readonly worker: Worker | undefined;
  private readonly prefix: string;
  private readonly lockMs: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly noun: string;

  constructor(private readonly options: RedisQueueOptions<T>) {
    this.prefix = options.prefix ?? "cardinal";
    const name = options.name ?? "reviews";
    this.lockMs = options.lockMs ?? 30_000;
    this.attempts = options.attempts ?? 4;
    this.backoffMs = options.backoffMs ?? 2_000;
    const noun = options.noun ?? "review";
    this.noun = noun;
    this.queue = new Queue(name, { connection: options.redis, prefix: `${this.prefix}:bull` });
    this.queue.on("error", (error) => options.log.warn({ err: error }, "the review queue could not reach Redis"));
    if (options.worker) {
      const { processor, connection, concurrency = 4 } = options.worker;
      this.worker = new Worker(name, (job, token) => this.process(job, token, processor), {
        connection,
        prefix: `${this.prefix}:bull`,
        concurrency,
        lockDuration: this.lockMs,
        stalledInterval: options.stalledIntervalMs ?? 15_000,
        // A job whose worker died twice in a row is more likely the cause than the victim.
        maxStalledCount: 2,
      });
      this.worker.on("error", (error) => options.log.warn({ err: error }, "the review worker could not reach Redis"));
      this.worker.on("stalled", (jobId) =>
        options.log.warn({ job: jobId }, `a ${noun} job stalled (the worker running it stopped); it is queued again and another worker takes it over`),
      );
      this.worker.on("failed", (job, error) => {
        if (!job) return;
        const left = this.attempts - job.attemptsMade;
        if (error instanceof UnrecoverableError || left <= 0) {
          options.log.error({ job: job.id, pr: (job.data as StoredJob).key, err: error }, `${noun} job failed for good; its check run says so`);
        } else {
          options.log.warn({ job: job.id, pr: (job.data as StoredJob).key, err: error, retriesLeft: left }, `${noun} job failed; it will be tried again`);
        }
      });
    }
  }

  private key(kind: string, pullRequest: string): string {
    return `${this.prefix}:${kind}:${pullRequest}`;
  }

  async add(job: QueuedJob<T>): Promise<void> {
    const { redis } = this.options;
    const newestWins = job.newestWins !== false;
    if (newestWins) await redis.set(this.key("head", job.key), job.headSha, "PX", HEAD_TTL_MS);
    const stored: StoredJob = { key: job.key, headSha: job.headSha, data: this.options.codec.encode(job.data), ...(newestWins ? {} : { newestWins }) };
    // BullMQ ids may not contain ":"; a hash of the pull request state is one id per state.
    const jobId = createHash("sha256").update(JSON.stringify([job.key, job.dedupeId])).digest("hex").slice(0, 32);
    await this.queue.add("review", stored, {
      jobId,
      attempts: this.attempts,
      backoff: { type: "exponential", delay: this.backoffMs },
      removeOnComplete: true,
      removeOnFail: { age: 24 * 60 * 60, count: 1000 },
    });
  }

  /** Runs one job under its pull request's lock. */
  private async process(job: Job, token: string | undefined, processor: JobProcessor<T>): Promise<void> {
    const { redis, codec, log } = this.options;
    const stored = job.data as StoredJob;
    const headKey = this.key("head", stored.key);
    const stillNewest = async () => {
      if (stored.newestWins === false) return true;
      const newest = await redis.get(headKey);
      return newest === null || newest === stored.headSha;
    };
    const attempt = job.attemptsMade + 1;
    if (!(await stillNewest())) {
      await processor.superseded(await codec.decode(stored.data, attempt));
      return;
    }
    const lockKey = this.key("lock", stored.key);
    const lockToken = `${job.id ?? "?"}:${token ?? randomUUID()}`;
    const taken = (await redis.set(lockKey, lockToken, "PX", this.lockMs, "NX")) === "OK" || (await redis.get(lockKey)) === lockToken;
    if (!taken) {
      // Another worker reviews this pull request: try again in a moment (not counted as an attempt).
      await job.moveToDelayed(Date.now() + 250 + Math.floor(Math.random() * 250), token);
      throw new DelayedError();
    }
    const renew = setInterval(() => {
      redis.eval(RENEW, 1, lockKey, lockToken, String(this.lockMs)).catch(() => undefined);
    }, Math.max(100, Math.floor(this.lockMs / 3)));
    try {
      const data = await codec.decode(stored.data, attempt);
      const control: JobControl = {
        attempt,
        isFinal: (error) => !isTransient(error) || attempt >= this.attempts,
        stillNewest,
      };
      log.info({ job: job.id, pr: stored.key, attempt }, attempt > 1 ? `${this.noun} job tried again` : `${this.noun} job started`);
      try {
        await processor.run(data, control);
      } catch (error) {
        if (!isTransient(error) && attempt < this.attempts) throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
        throw error;
      }
    } finally {
      clearInterval(renew);
      await redis.eval(RELEASE, 1, lockKey, lockToken).catch(() => undefined);
    }
  }

  /** Jobs waiting, delayed or running (for the readiness answer and the tests). */
  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts("waiting", "delayed", "active", "failed");
  }

  async close(graceMs = 25_000): Promise<void> {
    if (this.worker) {
      let timer: NodeJS.Timeout | undefined;
      const finished = this.worker.close().then(() => true);
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      });
      const clean = await Promise.race([finished, timedOut]);
      clearTimeout(timer);
      if (!clean) {
        this.options.log.warn({ graceMs }, "reviews still running at the end of the shutdown grace; their jobs will be taken over by another worker");
        await this.worker.close(true).catch(() => undefined);
      }
    }
    await this.queue.close().catch(() => undefined);
  }
}
