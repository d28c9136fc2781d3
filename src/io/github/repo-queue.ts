/**
 * The seam through which default-branch work is scheduled: reviews of a
 * default branch (install sweep, push, dashboard recheck) and the dashboard
 * updates that follow them. One job per repository at a time, so two pushes
 * that race never write two dashboards; at most `concurrency` jobs at once
 * across repositories, so an installation of 300 repositories is swept at a
 * pace GitHub's secondary limits accept.
 *
 * This in-process implementation forgets its jobs when the process stops.
 * With REDIS_URL the default-branch jobs go on the JobQueue on Redis
 * instead (BullMQ; install-handler.ts, `redisBranchJobs`): a job is a
 * repository and a trigger, and reads everything else from GitHub again.
 */
export interface RepoJobQueue {
  /**
   * Runs `job` after every job queued earlier under `key`. With `latestWins`,
   * a job still waiting when a newer `latestWins` job of the same key arrives
   * is dropped (`superseded`): the newer one reads the newer state anyway.
   */
  run(key: string, job: () => Promise<void>, options?: { readonly latestWins?: boolean }): Promise<"done" | "superseded">;
  /** Jobs queued or running now. */
  readonly pending: number;
}

/** Default branch jobs run at once in one process (GitHub asks for at most 100 concurrent requests per app). */
export const DEFAULT_REPO_CONCURRENCY = 4;

export class InProcessRepoQueue implements RepoJobQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly newest = new Map<string, number>();
  private readonly waiters: (() => void)[] = [];
  private running = 0;
  private queued = 0;
  private ticket = 0;

  constructor(private readonly concurrency: number = DEFAULT_REPO_CONCURRENCY) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a whole number from 1, not ${concurrency}`);
  }

  get pending(): number {
    return this.queued;
  }

  async run(key: string, job: () => Promise<void>, options: { readonly latestWins?: boolean } = {}): Promise<"done" | "superseded"> {
    const ticket = ++this.ticket;
    if (options.latestWins) this.newest.set(key, ticket);
    this.queued++;
    const previous = this.tails.get(key) ?? Promise.resolve();
    let outcome: "done" | "superseded" = "done";
    const next = previous.then(async () => {
      if (options.latestWins && this.newest.get(key) !== ticket) {
        outcome = "superseded";
        return;
      }
      await this.acquire();
      try {
        await job();
      } finally {
        this.release();
      }
    });
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      await next;
      return outcome;
    } finally {
      this.queued--;
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
        if (this.newest.get(key) === ticket) this.newest.delete(key);
      }
    }
  }

  private async acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private release(): void {
    const wake = this.waiters.shift();
    // The slot passes straight to the next waiter; `running` stays the same.
    if (wake) wake();
    else this.running--;
  }
}
