/**
 * Wires the default-branch jobs to GitHub's events (wiring only; the work
 * is in default-branch-review.ts, sweep.ts and dashboard.ts):
 *
 * - `installation.created`, `installation_repositories.added`: sweep the
 *   repositories (unless `sweep: false`);
 * - `push` to a repository's default branch that touches release files or
 *   the configuration: review the branch at the pushed commit;
 * - `issues.edited` on Cardinal's dashboard with its recheck box ticked by
 *   a person: review the branch again.
 *
 * Every job of one repository runs through the same queue, one at a time,
 * so the check run and the dashboard always follow the newest state.
 */
import { LRUCache } from "lru-cache";
import type { ApplicationFunctionOptions, Context, Probot } from "probot";
import { CONFIG_PATH, dashboardSettings, defaultConfig } from "../../core/config.js";
import { rulesIndexUrl, type LocalRun } from "../../core/docs.js";
import { countBySeverity, isRelevantPath } from "../../core/engine.js";
import type { HubClient } from "../../core/hub.js";
import { dashboardHasProblems, recheckRequested, renderDashboard, renderDashboardClean, DASHBOARD_MARKER } from "../../report/dashboard.js";
import { findRule } from "../../rules/index.js";
import { headCommit, readOwnerConfig, reviewDefaultBranch, type BranchConfig, type BranchReview, type BranchTarget, type BranchTrigger } from "./default-branch-review.js";
import { DashboardMemory, upsertDashboard } from "./dashboard.js";
import type { BotIdentity } from "./publish.js";
import type { Octokit } from "./pull-request.js";
import { DEFAULT_REPO_CONCURRENCY, InProcessRepoQueue, type RepoJobQueue } from "./repo-queue.js";
import { StatusBoard } from "./status-board.js";
import { statusPageFromEnv, statusPageHandler, STATUS_PATH } from "./status-page.js";
import { parseInstallationEvent, parseInstallationRepositoriesEvent, parseIssuesEvent, parsePushEvent, type Parsed } from "./branch-payloads.js";
import { listInstalledRepos, RequestMeter, summaryLine, sweepInstallation, SWEEP_WRITES_PER_MINUTE, WritePacer, type InstalledRepo, type RepoOutcome, type SweptRepo } from "./sweep.js";
import type { SharedCache } from "../cache/shared-cache.js";
import type { JobProcessor, JobQueue } from "../queue/job-queue.js";
import type { JobCodec } from "../queue/redis-queue.js";

export interface DefaultBranchOptions {
  readonly hub?: HubClient;
  readonly docsBase?: string;
  readonly localRun?: LocalRun;
  /** Probot's `addHandler` (the app function's second argument), for the status page. */
  readonly addHandler?: ApplicationFunctionOptions["addHandler"] | undefined;
  /** The environment (CARDINAL_STATUS_TOKEN, CARDINAL_STATUS_PRIVATE, CARDINAL_SWEEP_CONCURRENCY). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The queue of default-branch jobs; in-process unless given (the seam the Redis JobQueue takes over). */
  readonly queue?: RepoJobQueue;
  /** Where the status page reads the health of each repository. */
  readonly board?: StatusBoard;
  /** The pacer of one sweep's writes (tests give one that does not wait). */
  readonly pacer?: () => WritePacer;
  /**
   * Redis (REDIS_URL): the jobs go on a durable queue shared by the
   * replicas instead of the in-process one, so a sweep survives a restart
   * and a replica's death, and two replicas never review one repository at
   * once nor one head twice.
   */
  readonly infrastructure?: BranchInfrastructure;
}

/** What the default-branch jobs take from the Redis infrastructure (io/github/infrastructure.ts). */
export interface BranchInfrastructure {
  readonly cache: SharedCache;
  branchQueue<T>(processor: JobProcessor<T>, codec: JobCodec<T>, concurrency: number): JobQueue<T>;
  record(key: string, field: string, value: string, ttlMs: number): Promise<number>;
  recorded(key: string): Promise<Record<string, string>>;
}

/** One default-branch job as data, for a worker of any replica. */
interface StoredBranchJob {
  readonly installation: number | undefined;
  readonly target: BranchTarget & { readonly private: boolean };
  readonly trigger: BranchTrigger;
  readonly delivery: string;
  /** The sweep this job belongs to: its id (the delivery) and how many repositories it has. */
  readonly sweep?: { readonly id: string; readonly total: number };
}

interface BranchJob extends StoredBranchJob {
  readonly octokit: Octokit;
  readonly log: Context["log"];
}

/** A day: how long a reviewed head, and a sweep's tally, are kept in Redis. */
const BRANCH_MEMORY_MS = 24 * 60 * 60 * 1000;

const ZERO_SHA = /^0{40}$/;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A handler's error without the payload (@octokit/webhooks attaches the event to what a handler throws). */
function bare(error: unknown): Error {
  const out = new Error(message(error));
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number") Object.assign(out, { status });
  Object.defineProperty(out, "event", { get: () => undefined, set: () => undefined, enumerable: false });
  return out;
}

/** Concurrency of default-branch jobs from CARDINAL_SWEEP_CONCURRENCY (1 to 16), or the default with a problem. */
export function sweepConcurrency(env: Readonly<Record<string, string | undefined>>): { concurrency: number; problem?: string } {
  const raw = env["CARDINAL_SWEEP_CONCURRENCY"]?.trim();
  if (!raw) return { concurrency: DEFAULT_REPO_CONCURRENCY };
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 1 && n <= 16) return { concurrency: n };
  return { concurrency: DEFAULT_REPO_CONCURRENCY, problem: `CARDINAL_SWEEP_CONCURRENCY must be a whole number from 1 to 16, got ${JSON.stringify(raw)}; using ${DEFAULT_REPO_CONCURRENCY}` };
}

/** A sweep's writes a minute from CARDINAL_SWEEP_WRITES_PER_MINUTE (1 to 80, GitHub's limit), or the default with a problem. */
export function sweepWritesPerMinute(env: Readonly<Record<string, string | undefined>>): { perMinute: number; problem?: string } {
  const raw = env["CARDINAL_SWEEP_WRITES_PER_MINUTE"]?.trim();
  if (!raw) return { perMinute: SWEEP_WRITES_PER_MINUTE };
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 1 && n <= 80) return { perMinute: n };
  return { perMinute: SWEEP_WRITES_PER_MINUTE, problem: `CARDINAL_SWEEP_WRITES_PER_MINUTE must be a whole number from 1 to 80 (GitHub's limit), got ${JSON.stringify(raw)}; using ${SWEEP_WRITES_PER_MINUTE}` };
}

/** Who Cardinal is on GitHub (GET /app with the app's JWT), asked once; a failure is asked again next time. */
function identityOf(app: Probot): () => Promise<BotIdentity> {
  let identity: Promise<BotIdentity> | undefined;
  return () =>
    (identity ??= (async () => {
      try {
        const { data } = await (await app.auth()).rest.apps.getAuthenticated();
        return data?.slug ? { login: `${data.slug}[bot]` } : {};
      } catch (error) {
        app.log.warn({ err: error }, "could not read the app's own login; the dashboard is left alone until it can be read");
        identity = undefined;
        return {};
      }
    })());
}

/** The paths a push touched, or undefined when the payload does not list them all (then the branch is reviewed). */
function pushedPaths(payload: { commits?: readonly { added?: string[]; removed?: string[]; modified?: string[] }[]; size?: number }): string[] | undefined {
  const commits = payload.commits;
  // GitHub lists at most 20 commits in a push payload (and files per commit are capped): beyond, the list is partial.
  if (!commits || commits.length === 0 || commits.length >= 20) return undefined;
  return commits.flatMap((c) => [...(c.added ?? []), ...(c.removed ?? []), ...(c.modified ?? [])]);
}

const DEFAULTS = defaultConfig();

/** Whether a push may change the review: a release file under Cardinal's defaults, any markdown (a `cards:` glob may make it a card), or the configuration. */
export function pushTouchesReleaseFiles(paths: readonly string[]): boolean {
  return paths.some((p) => p === CONFIG_PATH || /\.(md|markdown)$/i.test(p) || isRelevantPath(p, DEFAULTS));
}

/** Registers the default-branch reviews, the install sweep, the dashboard and (when configured) the status page. */
export function registerDefaultBranchJobs(app: Probot, options: DefaultBranchOptions = {}): { board: StatusBoard; queue: RepoJobQueue } {
  const env = options.env ?? process.env;
  const { concurrency, problem } = sweepConcurrency(env);
  if (problem) app.log.warn(problem);
  const writes = sweepWritesPerMinute(env);
  if (writes.problem) app.log.warn(writes.problem);
  const queue = options.queue ?? new InProcessRepoQueue(concurrency);
  const shared = options.infrastructure;
  const board = options.board ?? new StatusBoard();
  const memory = new DashboardMemory();
  const identity = identityOf(app);
  const seen = new LRUCache<string, true>({ max: 10_000, ttl: 60 * 60 * 1000 });

  const status = statusPageFromEnv(env);
  if (status.problem) app.log.warn(status.problem);
  if (status.settings) {
    if (options.addHandler) {
      options.addHandler(statusPageHandler(board, status.settings));
      app.log.info(`status page on ${STATUS_PATH} (Bearer token required${status.settings.showPrivate ? "; private repositories shown" : ""})`);
    } else {
      app.log.warn(`CARDINAL_STATUS_TOKEN is set, but this server offers no way to add ${STATUS_PATH}; the status page stays off`);
    }
  }

  /** One repository's default-branch job: review, check run, dashboard, status board. */
  const runRepository: RunRepository = async (octokit, target, trigger, ownerConfig, log, installation) => {
    const name = `${target.owner}/${target.repo}`;
    const bot = await identity();
    // The Hub's answers are cached per installation, as for pull requests: one installation's lookups never answer another's.
    const hub = options.hub ? (options.hub.scoped?.(`installation:${installation ?? "none"}`) ?? options.hub) : undefined;
    const outcome: BranchReview = await reviewDefaultBranch(target, { octokit, hub, docsBase: options.docsBase, botLogin: bot.login, ownerConfig }, trigger);
    const at = new Date().toISOString();
    const common = { repo: name, private: target.private, defaultBranch: target.defaultBranch, at };
    if (outcome.kind === "empty") {
      board.record({ ...common, state: "empty" });
      return { state: "empty" };
    }
    if (outcome.kind === "skipped") {
      board.record({ ...common, state: outcome.reason, sha: outcome.sha });
      log.info({ repo: name, reason: outcome.reason }, outcome.reason === "sweep-off" ? `${name}: sweep: false, not reviewed on install` : `${name}: not in \`repositories\`, not reviewed`);
      return { state: outcome.reason };
    }
    const settings = dashboardSettings(outcome.config.config);
    const files = outcome.kind === "reviewed" ? outcome.result.files : [];
    const findings = outcome.kind === "reviewed" ? outcome.result.findings : [];
    let dashboard: string | undefined;
    let dashboardUrl: string | undefined;
    if (settings.enabled) {
      const problems = dashboardHasProblems(findings);
      const input = {
        repo: name,
        defaultBranch: target.defaultBranch,
        findings,
        files,
        ...(outcome.kind === "reviewed" && outcome.result.references ? { references: outcome.result.references } : {}),
        ruleMeta: (id: string) => findRule(id)?.meta,
        rulesUrl: rulesIndexUrl(options.docsBase),
        ...(options.localRun ? { localRun: options.localRun } : {}),
        openness: outcome.config.config.openness,
        ...(outcome.kind === "reviewed" && outcome.leftOut ? { leftOut: outcome.leftOut } : {}),
      };
      const body = problems ? renderDashboard(input) : renderDashboardClean(input);
      try {
        const written = await upsertDashboard(octokit, target, { problems, body }, settings, bot, memory);
        dashboard = written.action;
        dashboardUrl = written.issue?.url;
        if (written.action === "unknown-identity") log.warn({ repo: name }, "Cardinal could not learn its own login, so it left the dashboard issue alone");
      } catch (error) {
        // The check run is published already; a dashboard GitHub refuses (Issues write not yet accepted) is said, not fatal.
        const status = (error as { status?: unknown } | null)?.status;
        dashboard = "failed";
        log.warn(
          { repo: name, status },
          status === 403
            ? `${name}: GitHub refused the dashboard issue (403): the installation may not have accepted the Issues write permission yet`
            : `${name}: the dashboard issue could not be updated: ${message(error)}`,
        );
      }
    }
    const counts = countBySeverity(findings);
    const state = outcome.kind === "reviewed" ? "reviewed" : "no-release-files";
    board.record({
      ...common,
      state,
      sha: outcome.sha,
      files: files.length,
      errors: counts.error,
      warnings: counts.warning,
      notices: counts.notice,
      ...(dashboardUrl ? { dashboardUrl } : {}),
    });
    log.info(
      { repo: name, sha: outcome.sha.slice(0, 7), trigger, files: files.length, findings: findings.length, ...(outcome.kind === "reviewed" ? { check: outcome.check } : {}), ...(dashboard ? { dashboard } : {}) },
      "default branch reviewed",
    );
    return { state, files: files.length, errors: counts.error, warnings: counts.warning, notices: counts.notice, ...(dashboard ? { dashboard } : {}) };
  };

  /** One job per repository at a time; a newer push or recheck replaces one still waiting. */
  const queued = (octokit: Octokit, target: BranchTarget & { private: boolean }, trigger: BranchTrigger, log: Context["log"], installation: number | undefined) =>
    queue.run(
      `${target.owner}/${target.repo}`.toLowerCase(),
      async () => {
        try {
          await runRepository(octokit, target, trigger, (owner) => readOwnerConfig(octokit, owner), log, installation);
        } catch (error) {
          board.record({ repo: `${target.owner}/${target.repo}`, private: target.private, state: "failed", at: new Date().toISOString(), problem: message(error).split("\n")[0] ?? "" });
          throw error;
        }
      },
      { latestWins: true },
    );

  const deliveries = shared?.cache.namespace("branch-delivery");
  const once = async (context: { id: string; log: Context["log"] }, job: () => Promise<void>) => {
    const first = deliveries ? await deliveries.claim(context.id, 60 * 60 * 1000) : !seen.has(context.id);
    if (!first) {
      context.log.info("delivery already handled; ignoring the redelivery");
      return;
    }
    if (!deliveries) seen.set(context.id, true);
    try {
      await job();
    } catch (error) {
      if (deliveries) await deliveries.delete(context.id).catch(() => undefined);
      else seen.delete(context.id);
      throw bare(error);
    }
  };

  const durable = shared ? redisBranchJobs(app, shared, concurrency, writes.perMinute, runRepository, board, options.pacer) : undefined;

  /** A payload in the shape read here, or undefined after one log line naming the field at fault. */
  const valid = <T>(parsed: Parsed<T>, log: Context["log"], what: string): T | undefined => {
    if (parsed.ok) return parsed.value;
    log.warn({ problem: parsed.problem }, `ignoring ${what}: it does not have the shape GitHub documents (${parsed.problem})`);
    return undefined;
  };

  const sweep = async (context: Context, installation: { id: number; owner: string }, only?: ReadonlySet<number>) => {
    if (durable) return durable.sweep(context, installation, only);
    const octokit = context.octokit;
    const meter = new RequestMeter();
    meter.attach(octokit, options.pacer?.() ?? new WritePacer(writes.perMinute));
    // The organisation's configuration is read once per owner for the whole sweep.
    const owners = new Map<string, Promise<BranchConfig>>();
    const ownerConfig = (owner: string) => {
      let loaded = owners.get(owner);
      if (!loaded) owners.set(owner, (loaded = meter.run("", () => readOwnerConfig(octokit, owner))));
      return loaded;
    };
    // `sweep: false` in the organisation's `.github` repository skips the whole sweep (a repository's own file skips only it).
    const owner = installation.owner;
    if (owner && !(await ownerConfig(owner)).config.sweep) {
      context.log.info({ owner }, `install sweep skipped: sweep: false in ${owner}/.github`);
      return;
    }
    const all = await listInstalledRepos(octokit);
    const repos = only ? all.filter((r) => only.has(r.id)) : all;
    context.log.info({ repositories: repos.length }, `install sweep: ${repos.length} repositories`);
    await sweepInstallation(repos, {
      octokit,
      queue,
      log: context.log,
      meter,
      skipped: (r, state) => board.record({ repo: `${r.owner}/${r.repo}`, private: r.private, state, defaultBranch: r.defaultBranch, at: new Date().toISOString() }),
      runRepo: (r: InstalledRepo) => runRepository(octokit, r, "install", ownerConfig, context.log, installation.id),
    });
  };

  app.on("installation.created", async (context) => {
    const event = valid(parseInstallationEvent(context.payload), context.log, "an installation delivery");
    if (!event) return;
    const installation = { id: event.installation.id, owner: event.installation.account?.login ?? "" };
    await once(context, () => sweep(context as unknown as Context, installation));
  });

  app.on("installation_repositories.added", async (context) => {
    const event = valid(parseInstallationRepositoriesEvent(context.payload), context.log, "an installation_repositories delivery");
    if (!event) return;
    const added = new Set(event.repositories_added.map((r) => r.id));
    if (added.size === 0) return;
    const installation = { id: event.installation.id, owner: event.installation.account?.login ?? "" };
    await once(context, () => sweep(context as unknown as Context, installation, added));
  });

  app.on("push", async (context) => {
    const payload = valid(parsePushEvent(context.payload), context.log, "a push delivery");
    if (!payload) return;
    const repository = payload.repository;
    const branch = repository.default_branch ?? repository.master_branch;
    if (!branch || payload.ref !== `refs/heads/${branch}`) return; // another branch: its pull request is reviewed instead
    if (payload.deleted || ZERO_SHA.test(payload.after) || repository.archived) return;
    const paths = pushedPaths(payload);
    if (paths !== undefined && !pushTouchesReleaseFiles(paths)) {
      context.log.debug({ repo: repository.full_name }, "push touches no release files; the default branch is not reviewed again");
      return;
    }
    const owner = repository.owner.login ?? repository.owner.name ?? "";
    if (!owner) return;
    await once(context, async () => {
      const target = { owner, repo: repository.name, defaultBranch: branch, headSha: payload.after, private: repository.private };
      if (durable) await durable.add(context, target, "push", payload.installation?.id);
      else await queued(context.octokit, target, "push", context.log, payload.installation?.id);
    });
  });

  app.on("issues.edited", async (context) => {
    const body = (context.payload.issue as { body?: unknown } | undefined)?.body;
    if (typeof body !== "string" || !body.startsWith(DASHBOARD_MARKER) || !recheckRequested(body)) return; // not a ticked dashboard
    const event = valid(parseIssuesEvent(context.payload), context.log, "an issues delivery");
    if (!event) return;
    const { issue, sender, repository } = event;
    // Cardinal's own edits arrive here too; only a person's tick asks for a recheck.
    if (sender.type === "Bot" || sender.login.endsWith("[bot]")) return;
    const bot = await identity();
    if (!bot.login || issue.user?.login !== bot.login) return;
    await once(context, async () => {
      context.log.info({ repo: repository.full_name, user: sender.login }, "dashboard recheck requested");
      const target = { owner: repository.owner.login, repo: repository.name, defaultBranch: repository.default_branch, private: repository.private };
      if (durable) await durable.add(context, target, "recheck", event.installation?.id);
      else await queued(context.octokit, target, "recheck", context.log, event.installation?.id);
    });
  });

  return { board, queue };
}

type RunRepository = (
  octokit: Octokit,
  target: BranchTarget & { readonly private: boolean },
  trigger: BranchTrigger,
  ownerConfig: (owner: string) => Promise<BranchConfig>,
  log: Context["log"],
  installation: number | undefined,
) => Promise<RepoOutcome>;

/**
 * The default-branch jobs on Redis. A sweep lists the installation's
 * repositories in the webhook and queues one job per repository (ids from
 * the repository and the delivery, so a delivery seen by two replicas
 * queues each repository once); the workers of every replica take them,
 * `concurrency` at a time each, one job per repository at a time across
 * replicas. A job reads the branch's head first and skips a head another
 * job already reviewed (remembered in Redis for a day, with its counts), so
 * a job taken over from a killed replica, a redelivery or a push racing the
 * sweep reviews each head once; publishing is idempotent per head as well
 * (an unchanged verdict is not written again). Writes are paced per
 * installation in each process (WritePacer) and across replicas by
 * Probot's throttling on the same Redis. The replica that records a
 * sweep's last repository logs the organisation summary.
 */
function redisBranchJobs(
  app: Probot,
  shared: BranchInfrastructure,
  concurrency: number,
  writesPerMinute: number,
  runRepository: RunRepository,
  board: StatusBoard,
  pacerFor?: () => WritePacer,
): {
  sweep(context: Context, installation: { id: number; owner: string }, only?: ReadonlySet<number>): Promise<void>;
  add(context: Context, target: BranchTarget & { readonly private: boolean }, trigger: BranchTrigger, installation: number | undefined): Promise<void>;
} {
  const reviewedHeads = shared.cache.namespace("branch-head");
  /** Per installation, in this process: the rate limit GitHub reports, the requests per repository, the pace of writes. */
  const meters = new LRUCache<number, { meter: RequestMeter; pacer: WritePacer }>({ max: 1_000 });
  const meterOf = (installation: number | undefined) => {
    const id = installation ?? 0;
    let entry = meters.get(id);
    if (!entry) meters.set(id, (entry = { meter: new RequestMeter(), pacer: pacerFor?.() ?? new WritePacer(writesPerMinute) }));
    return entry;
  };
  /** The organisation's configuration, read once per sweep (and per push) in this process. */
  const ownerConfigs = new LRUCache<string, Promise<BranchConfig>>({ max: 1_000, ttl: 10 * 60 * 1000 });

  const codec: JobCodec<BranchJob> = {
    encode: ({ octokit: _octokit, log: _log, ...stored }): StoredBranchJob => stored,
    async decode(value, attempt) {
      const stored = value as StoredBranchJob;
      const octokit = await app.auth(stored.installation);
      const { meter, pacer } = meterOf(stored.installation);
      meter.attach(octokit, pacer);
      const log = app.log.child({ id: stored.delivery, name: "default-branch", ...(attempt > 1 ? { attempt } : {}) });
      return { ...stored, octokit, log };
    },
  };

  const finishSweep = async (job: BranchJob, result: SweptRepo) => {
    if (!job.sweep) return;
    const key = `sweep:${job.sweep.id}`;
    const count = await shared.record(key, result.repo, JSON.stringify(result), BRANCH_MEMORY_MS);
    if (count < job.sweep.total) return;
    // Several jobs may see the last count (a repository tried again): one summary.
    if (!(await shared.cache.claim(`sweep-summary:${job.sweep.id}`, BRANCH_MEMORY_MS))) return;
    const results = Object.values(await shared.recorded(key)).map((text) => JSON.parse(text) as SweptRepo);
    results.sort((a, b) => a.repo.localeCompare(b.repo));
    for (const r of results) job.log.info({ repo: r.repo, state: r.state, errors: r.errors, warnings: r.warnings, notices: r.notices, files: r.files, requests: r.requests }, summaryLine(r));
    const by = (state: string) => results.filter((r) => r.state === state).length;
    const total = results.reduce((n, r) => n + r.requests, 0);
    job.log.info(
      { repositories: results.length, reviewed: by("reviewed"), requests: total },
      `sweep done: ${results.length} repositories, ${by("reviewed")} reviewed, ${by("no-release-files")} without release files, ${by("archived")} archived, ${by("empty")} empty, ${by("failed")} failed; ${results.filter((r) => (r.errors ?? 0) > 0).length} with errors; ${total} requests (repository lists not counted)`,
    );
  };

  const processor: JobProcessor<BranchJob> = {
    async run(job, control) {
      const name = `${job.target.owner}/${job.target.repo}`;
      const { meter } = meterOf(job.installation);
      const before = meter.count(name);
      let outcome: RepoOutcome;
      try {
        outcome = await meter.run(name, async () => {
          const wait = meter.waitNeeded(Date.now());
          if (wait > 0) {
            job.log.warn({ waitSeconds: Math.ceil(wait / 1000) }, `the installation's rate limit is nearly used up; waiting for its reset before ${name}`);
            await new Promise((resolve) => setTimeout(resolve, wait));
          }
          const sha = await headCommit(job.octokit, job.target);
          const headKey = sha ? `${name.toLowerCase()}@${sha}` : undefined;
          if (headKey && job.trigger !== "recheck") {
            const known = await reviewedHeads.get<RepoOutcome>(headKey);
            if (known) {
              job.log.info({ repo: name, sha: sha?.slice(0, 7) }, `${name}: this head was reviewed already (another job of this sweep, a push or a replica that stopped); not reviewed again`);
              return known;
            }
          }
          const ownerConfig = (owner: string) => {
            const key = `${job.sweep?.id ?? job.delivery}:${owner}`;
            let loaded = ownerConfigs.get(key);
            if (!loaded) {
              loaded = readOwnerConfig(job.octokit, owner);
              ownerConfigs.set(key, loaded);
              loaded.catch(() => ownerConfigs.delete(key));
            }
            return loaded;
          };
          const result = await runRepository(job.octokit, { ...job.target, ...(sha ? { headSha: sha } : {}) }, job.trigger, ownerConfig, job.log, job.installation);
          if (headKey) await reviewedHeads.set(headKey, result, BRANCH_MEMORY_MS);
          return result;
        });
      } catch (error) {
        if (!control.isFinal(error)) throw error;
        job.log.error({ repo: name, err: error }, `default-branch review of ${name} failed: ${message(error)}`);
        board.record({ repo: name, private: job.target.private, state: "failed", at: new Date().toISOString(), problem: message(error).split("\n")[0] ?? "" });
        outcome = { state: "failed" };
      }
      await finishSweep(job, { repo: name, ...outcome, requests: meter.count(name) - before });
    },
    superseded(job) {
      job.log.info({ repo: `${job.target.owner}/${job.target.repo}` }, "a newer push of this default branch is queued; skipping this one");
    },
  };
  const queue = shared.branchQueue(processor, codec, concurrency);

  const add = async (context: Context, target: BranchTarget & { readonly private: boolean }, trigger: BranchTrigger, installation: number | undefined, sweep?: { id: string; total: number }) => {
    const key = `branch:${target.owner}/${target.repo}`.toLowerCase();
    await queue.add({
      key,
      // A sweep's job reads the head when it runs; a push names it, and a newer push replaces it.
      headSha: target.headSha ?? "",
      newestWins: trigger !== "install",
      dedupeId: `${trigger}:${context.id}`,
      data: { installation, target, trigger, delivery: context.id, ...(sweep ? { sweep } : {}), octokit: context.octokit, log: context.log },
    });
  };

  return {
    async sweep(context, installation, only) {
      const octokit = context.octokit;
      const owner = installation.owner;
      if (owner && !(await readOwnerConfig(octokit, owner)).config.sweep) {
        context.log.info({ owner }, `install sweep skipped: sweep: false in ${owner}/.github`);
        return;
      }
      const all = await listInstalledRepos(octokit);
      const repos = only ? all.filter((r) => only.has(r.id)) : all;
      const sweep = { id: context.id, total: repos.length };
      context.log.info({ repositories: repos.length }, `install sweep: ${repos.length} repositories, queued on Redis for every replica's workers`);
      for (const r of repos) {
        if (r.archived || r.disabled) {
          board.record({ repo: `${r.owner}/${r.repo}`, private: r.private, state: "archived", defaultBranch: r.defaultBranch, at: new Date().toISOString() });
          const job = { installation: installation.id, target: { ...r }, trigger: "install" as const, delivery: context.id, sweep, octokit, log: context.log };
          await finishSweep(job, { repo: `${r.owner}/${r.repo}`, state: "archived", requests: 0 });
          continue;
        }
        await add(context, { owner: r.owner, repo: r.repo, defaultBranch: r.defaultBranch, private: r.private }, "install", installation.id, sweep);
      }
    },
    add: (context, target, trigger, installation) => add(context, target, trigger, installation),
  };
}

/** The events these jobs need, beside the pull request ones (app.yml subscribes to them). */
export const DEFAULT_BRANCH_EVENTS = ["installation", "installation_repositories", "push", "issues"] as const;
