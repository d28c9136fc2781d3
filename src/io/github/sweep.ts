/**
 * "Sweep an installation": when Cardinal is installed (or given more
 * repositories), every repository it can see is reviewed once at the head
 * of its default branch. Repositories are listed 100 a page; archived ones
 * are skipped without a request, empty ones after one; the rest go through
 * the per-repository queue (bounded concurrency, one job per repository at
 * a time). Before each repository the installation's remaining primary rate
 * limit is looked at, and the sweep waits for the reset when too little is
 * left. Every request is counted against the repository it was made for,
 * and the sweep ends with one log line per repository and one for the whole.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Context } from "probot";
import type { Octokit } from "./pull-request.js";
import type { RepoJobQueue } from "./repo-queue.js";
import type { RepositoryState } from "./status-board.js";

/** A repository as the installation lists it (the fields the sweep reads). */
export interface InstalledRepo {
  readonly id: number;
  readonly owner: string;
  readonly repo: string;
  readonly private: boolean;
  readonly archived: boolean;
  readonly disabled: boolean;
  readonly defaultBranch: string;
}

/** What one repository's default-branch job came to. */
export interface RepoOutcome {
  readonly state: RepositoryState;
  readonly errors?: number;
  readonly warnings?: number;
  readonly notices?: number;
  readonly files?: number;
  readonly dashboard?: string;
}

export interface SweptRepo extends RepoOutcome {
  /** `owner/name`. */
  readonly repo: string;
  /** Requests made for this repository (listing the installation's repositories is counted once for the sweep). */
  readonly requests: number;
}

export interface SweepSummary {
  readonly repositories: readonly SweptRepo[];
  /** Requests of the sweep itself: the pages of the repository list and the organisation's configuration. */
  readonly sharedRequests: number;
}

/** Remaining requests below which the sweep waits for the rate limit's reset (a pull request review must still fit). */
export const RATE_LIMIT_RESERVE = 250;
/** The longest wait for a reset (GitHub resets the primary limit hourly). */
const MAX_RESET_WAIT_MS = 60 * 60 * 1000;

interface ListedRepository {
  readonly id: number;
  readonly name: string;
  readonly owner: { readonly login: string };
  readonly private: boolean;
  readonly archived?: boolean;
  readonly disabled?: boolean;
  readonly default_branch?: string;
}

/** Every repository the installation can see, through GET /installation/repositories (100 a page). */
export async function listInstalledRepos(octokit: Octokit): Promise<InstalledRepo[]> {
  const repos = (await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })) as unknown as ListedRepository[];
  return repos.map((r) => ({
    id: r.id,
    owner: r.owner.login,
    repo: r.name,
    private: r.private,
    archived: r.archived === true,
    disabled: r.disabled === true,
    defaultBranch: r.default_branch ?? "main",
  }));
}

/** One line per repository: what the organisation summary says of it. */
export function summaryLine(r: SweptRepo): string {
  const counts = r.state === "reviewed" ? `: ${r.errors ?? 0} errors, ${r.warnings ?? 0} warnings, ${r.notices ?? 0} notices in ${r.files ?? 0} files` : "";
  const words: Record<RepositoryState, string> = {
    reviewed: "reviewed",
    "no-release-files": "no release files",
    empty: "empty, skipped",
    archived: "archived, skipped",
    "not-covered": "left out by `repositories`",
    "sweep-off": "sweep: false, skipped",
    failed: "review failed",
  };
  return `${r.repo} ${words[r.state]}${counts} (${r.requests} ${r.requests === 1 ? "request" : "requests"})`;
}

/** GitHub's secondary limits on writes ("content-generating requests"): 80 a minute and 500 an hour. A sweep stays below both. */
export const SWEEP_WRITES_PER_MINUTE = 60;
export const SWEEP_WRITES_PER_HOUR = 450;

/**
 * Spaces out a sweep's writes (check runs, dashboard issues) under GitHub's
 * secondary limits: at most `perMinute` a minute, evenly spaced, and at most
 * `perHour` in any hour. Reads are never held back.
 */
export class WritePacer {
  private readonly recent: number[] = [];
  private next = 0;

  constructor(
    private readonly perMinute: number = SWEEP_WRITES_PER_MINUTE,
    private readonly perHour: number = SWEEP_WRITES_PER_HOUR,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Resolves when the next write may go. */
  async wait(): Promise<void> {
    const now = this.now();
    while (this.recent.length > 0 && (this.recent[0] ?? 0) <= now - 3_600_000) this.recent.shift();
    let slot = Math.max(now, this.next);
    if (this.recent.length >= this.perHour) slot = Math.max(slot, (this.recent[this.recent.length - this.perHour] ?? now) + 3_600_000);
    this.next = slot + 60_000 / this.perMinute;
    this.recent.push(slot);
    if (slot > now) await this.sleep(slot - now);
  }
}

/** Counts requests per repository of the job they are made in (AsyncLocalStorage follows the job's promises). */
export class RequestMeter {
  private readonly current = new AsyncLocalStorage<string>();
  private readonly counts = new Map<string, number>();
  private remaining: number | undefined;
  private resetAt: number | undefined;

  /**
   * Counts every request this Octokit makes from now on, remembers the rate
   * limit GitHub reports, and holds writes back through `pacer` (GraphQL
   * queries are reads).
   */
  attach(octokit: Octokit, pacer?: WritePacer): void {
    octokit.hook.before("request", async (options) => {
      const key = this.current.getStore() ?? "";
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      const write = options.method !== "GET" && options.method !== "HEAD" && !String(options.url).endsWith("/graphql") && !String(options.url).includes("/access_tokens");
      if (pacer && write) await pacer.wait();
    });
    const remember = (headers: Record<string, unknown> | undefined) => {
      const remaining = Number(headers?.["x-ratelimit-remaining"]);
      const reset = Number(headers?.["x-ratelimit-reset"]);
      if (Number.isFinite(remaining)) this.remaining = remaining;
      if (Number.isFinite(reset)) this.resetAt = reset * 1000;
    };
    octokit.hook.after("request", (response) => remember(response.headers as Record<string, unknown>));
    octokit.hook.error("request", (error) => {
      remember((error as { response?: { headers?: Record<string, unknown> } }).response?.headers);
      throw error;
    });
  }

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    return this.current.run(key, job);
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Milliseconds to wait before the next repository, or 0 when enough of the rate limit is left. */
  waitNeeded(now: number): number {
    if (this.remaining === undefined || this.remaining >= RATE_LIMIT_RESERVE || this.resetAt === undefined) return 0;
    return Math.min(Math.max(0, this.resetAt - now), MAX_RESET_WAIT_MS);
  }
}

export interface SweepDeps {
  readonly octokit: Octokit;
  readonly queue: RepoJobQueue;
  readonly log: Context["log"];
  /** The default-branch job of one repository (review, check run, dashboard, status board). */
  readonly runRepo: (repo: InstalledRepo) => Promise<RepoOutcome>;
  /** Called when a repository is skipped without a job (archived), so the status board knows it. */
  readonly skipped?: (repo: InstalledRepo, state: RepositoryState) => void;
  readonly meter: RequestMeter;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/**
 * Sweeps these repositories (those of the installation, or the ones just
 * added to it). A repository whose job fails is logged and counted as
 * failed; the sweep goes on with the others.
 */
export async function sweepInstallation(repos: readonly InstalledRepo[], deps: SweepDeps): Promise<SweepSummary> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = deps.now ?? Date.now;
  const results = await Promise.all(
    repos.map(async (r): Promise<SweptRepo> => {
      const name = `${r.owner}/${r.repo}`;
      if (r.archived || r.disabled) {
        deps.skipped?.(r, "archived");
        return { repo: name, state: "archived", requests: 0 };
      }
      let outcome: RepoOutcome = { state: "failed" };
      await deps.queue.run(name.toLowerCase(), async () => {
        const wait = deps.meter.waitNeeded(now());
        if (wait > 0) {
          deps.log.warn({ waitSeconds: Math.ceil(wait / 1000) }, `the installation's rate limit is nearly used up; the sweep waits for its reset before ${name}`);
          await sleep(wait);
        }
        try {
          outcome = await deps.meter.run(name, () => deps.runRepo(r));
        } catch (error) {
          deps.log.error({ repo: name, err: error }, `default-branch review of ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
      return { repo: name, ...outcome, requests: deps.meter.count(name) };
    }),
  );
  const summary: SweepSummary = { repositories: results, sharedRequests: deps.meter.count("") };
  for (const r of results) deps.log.info({ repo: r.repo, state: r.state, errors: r.errors, warnings: r.warnings, notices: r.notices, files: r.files, requests: r.requests }, summaryLine(r));
  const by = (state: RepositoryState) => results.filter((r) => r.state === state).length;
  const total = results.reduce((n, r) => n + r.requests, 0) + summary.sharedRequests;
  deps.log.info(
    { repositories: results.length, reviewed: by("reviewed"), requests: total },
    `sweep done: ${results.length} repositories, ${by("reviewed")} reviewed, ${by("no-release-files")} without release files, ${by("archived")} archived, ${by("empty")} empty, ${by("failed")} failed; ${results.filter((r) => (r.errors ?? 0) > 0).length} with errors; ${total} requests`,
  );
  return summary;
}
