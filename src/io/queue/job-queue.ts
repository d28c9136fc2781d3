/**
 * The JobQueue port: reviews of pull requests as jobs, one at a time per
 * pull request, the newest head winning. In one process the queue is a
 * chain of promises per pull request (`MemoryJobQueue`, the default);
 * across replicas it is BullMQ on Redis (io/queue/redis-queue.ts) when
 * `REDIS_URL` is set. The handlers only see this interface.
 */

/** One job: the review of one pull request state. */
export interface QueuedJob<T> {
  /** The pull request (`owner/repo#number`): jobs with the same key never run at once. */
  readonly key: string;
  /** Its head commit: a job whose head is no longer the newest one seen for its key is dropped. */
  readonly headSha: string;
  /** What makes two jobs the same (the pull request state, and the delivery for a requested review). */
  readonly dedupeId: string;
  readonly data: T;
  /**
   * false: the job neither records its head as the newest nor is dropped for
   * a newer one (a sweep's job, which reads the branch's head when it runs).
   * Default true.
   */
  readonly newestWins?: boolean;
}

/** What a running job may ask of the queue. */
export interface JobControl {
  /** The try this is, from 1. */
  readonly attempt: number;
  /**
   * Whether a failure with `error` ends the job for good (no retry left,
   * or not worth one): only then does the review publish its failure.
   */
  isFinal(error: unknown): boolean;
  /** Whether the job's head is still the newest one seen (checked again before publishing). */
  stillNewest(): Promise<boolean>;
}

/** Runs jobs: `run` for a job whose head is the newest, `superseded` for one dropped unrun. */
export interface JobProcessor<T> {
  run(data: T, control: JobControl): Promise<void>;
  superseded(data: T): Promise<void> | void;
}

export interface JobQueue<T> {
  /**
   * Queues a job. In one process the promise settles when the job has run
   * (or was dropped), with the job's own outcome; on Redis it resolves as
   * soon as the job is stored, and a worker (of any replica) runs it.
   */
  add(job: QueuedJob<T>): Promise<void>;
  /** Whether `add` waits for the job to run (in one process) or only for it to be stored. */
  readonly durable: boolean;
  /** Stops taking jobs; running ones finish within `graceMs`, waiting ones stay queued. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Runs one job per pull request at a time, in arrival order, and drops a
 * job whose head sha is no longer the newest one seen for that pull
 * request (a newer push is queued behind it and will publish the final
 * state). Jobs are attempted once: a failure is final.
 */
export class MemoryJobQueue<T> implements JobQueue<T> {
  readonly durable = false;
  private readonly tails = new Map<string, Promise<void>>();
  private readonly newestHead = new Map<string, string>();

  constructor(private readonly processor: JobProcessor<T>) {}

  async add(job: QueuedJob<T>): Promise<void> {
    const { key, headSha } = job;
    const newestWins = job.newestWins !== false;
    if (newestWins) this.newestHead.set(key, headSha);
    const previous = this.tails.get(key) ?? Promise.resolve();
    const control: JobControl = {
      attempt: 1,
      isFinal: () => true,
      stillNewest: () => Promise.resolve(true),
    };
    const next = previous.then(async () => {
      if (newestWins && this.newestHead.get(key) !== headSha) return this.processor.superseded(job.data);
      await this.processor.run(job.data, control);
    });
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      await next;
    } finally {
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
        this.newestHead.delete(key);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.tails.values());
  }
}
