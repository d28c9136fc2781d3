import { LRUCache } from "lru-cache";
import type { Context, Probot } from "probot";
import { CONFIG_FILE, CONFIG_PATH, resolveConfig, type ConfigProblem } from "../../core/config.js";
import { review } from "../../core/engine.js";
import type { Finding } from "../../core/types.js";
import { HUB_UNREACHABLE_ID, renderCheckRun, renderSkipped, type CheckRunOutput } from "../../report/check-run.js";
import type { HubClient } from "../../core/hub.js";
import { renderComment } from "../../report/comment.js";
import { opennessLines } from "../../report/openness.js";
import { findRule, RULES, RULE_IDS } from "../../rules/index.js";
import { loadPullRequest, pullRequestContext, pullRequestSources, requestIdOf, type Octokit, type PullRequestPayload } from "./pull-request.js";
import { pullRequestRepoFiles } from "./repo-files.js";
import { publishCheckRun, upsertComment, type BotIdentity } from "./publish.js";

export interface HandlerOptions {
  /** Base address of the rule docs pages (CARDINAL_DOCS_URL). */
  readonly docsBase?: string;
  /** The Hub client, shared by every review of the process (its cache and request bound are per client). */
  readonly hub?: HubClient;
}

const RULES_URL = "https://github.com/cardinal-app/cardinal/blob/main/docs/rules/README.md";

/** Marks a check run with its PR, so a re-run of a fork's check finds the PR again. */
export function externalId(prNumber: number): string {
  return `pr:${prNumber}`;
}

function prNumberFromExternalId(value: string | null | undefined): number | undefined {
  const match = /^pr:(\d+)$/.exec(value ?? "");
  return match ? Number(match[1]) : undefined;
}

/** Reads `.github/cardinal.yml` (default branch, org defaults via `_extends`) and validates it. */
async function loadConfig(context: Context) {
  let raw: unknown;
  const problems: ConfigProblem[] = [];
  try {
    raw = await context.config<Record<string, unknown>>(CONFIG_FILE);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    problems.push({
      key: "(file)",
      path: [],
      message: `the configuration could not be read (${message.replace(/^\[@probot\/octokit-plugin-config\]\s*/, "")}); all defaults apply`,
    });
    raw = undefined;
  }
  const resolved = resolveConfig(raw, RULE_IDS);
  return { config: resolved.config, problems: [...problems, ...resolved.problems] };
}

/** Who Cardinal is on GitHub, asked once per process (GET /app with the app's JWT). */
function botIdentity(app: Probot): () => Promise<BotIdentity> {
  let identity: Promise<BotIdentity> | undefined;
  return () => {
    identity ??= (async () => {
      try {
        const appOctokit = await app.auth();
        const { data } = await appOctokit.rest.apps.getAuthenticated();
        return data?.slug ? { login: `${data.slug}[bot]` } : {};
      } catch (error) {
        app.log.warn({ err: error }, "could not read the app's own login; matching Cardinal's comment by marker and bot type");
        identity = undefined; // ask again on the next review instead of keeping the fallback for the process's life
        return {};
      }
    })();
    return identity;
  };
}

/**
 * Runs one job per PR at a time, in arrival order, and drops a job whose
 * head sha is no longer the newest one seen for that PR (a newer push is
 * queued behind it and will publish the final state).
 */
class PullRequestQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly newestHead = new Map<string, string>();

  async run(key: string, headSha: string, job: () => Promise<void>, superseded: () => void): Promise<void> {
    this.newestHead.set(key, headSha);
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (this.newestHead.get(key) !== headSha) return superseded();
      await job();
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
}

/**
 * Findings that make a new comment worth posting: errors and warnings about
 * the PR's files. Notices, the default branch's config problems and a Hub
 * that did not answer are shown in the check run, and in a comment that
 * exists for other reasons, but never start one.
 */
function commentWorthy(findings: readonly Finding[]): boolean {
  return findings.some(
    (f) =>
      f.severity !== "notice" &&
      !(f.ruleId === "cardinal/config-valid" && f.path === CONFIG_PATH) &&
      f.ruleId !== HUB_UNREACHABLE_ID,
  );
}

/** The whole road for one pull request: config → workspace → rules → check run and comment. */
async function reviewPullRequest(
  context: Context,
  octokit: Octokit,
  pr: PullRequestPayload,
  identity: BotIdentity,
  options: HandlerOptions,
): Promise<void> {
  const prContext = pullRequestContext(pr);
  const repo = { owner: prContext.owner, repo: prContext.repo };
  const { config, problems } = await loadConfig(context);
  const log = context.log.child({ pr: `${repo.owner}/${repo.repo}#${pr.number}`, sha: prContext.headSha.slice(0, 7) });
  const publish = (output: CheckRunOutput) =>
    publishCheckRun(octokit, repo, prContext.headSha, output, {
      externalId: externalId(pr.number),
      ...(identity.login ? { botLogin: identity.login } : {}),
    });

  const author = prContext.author;
  const skipReason =
    prContext.draft && !config.review.drafts
      ? "This pull request is a draft. Cardinal reviews it when it is marked ready for review (set `review.drafts: true` in `.github/cardinal.yml` to review drafts too)."
      : author.isBot && !config.review.bots
        ? "This pull request was opened by a bot, and Cardinal skips bot pull requests (set `review.bots: true` in `.github/cardinal.yml` to review them)."
        : config.review.ignore_authors.includes(author.login)
          ? "The author of this pull request is listed in `review.ignore_authors`, so Cardinal does not review it."
          : undefined;
  if (skipReason) {
    await publish(renderSkipped(skipReason));
    log.info({ reason: skipReason.split(".")[0] }, "review skipped");
    return;
  }

  // Set once the verdict is on GitHub: a later failure (the comment) must not replace it with "neutral".
  let verdictPublished = false;
  try {
    const workspace = await loadPullRequest(octokit, pr, config);
    const result = await review({
      workspace,
      repo: pullRequestRepoFiles(octokit, pullRequestSources(pr), prContext.headSha),
      ...(options.hub && config.hub ? { hub: options.hub } : {}),
      config,
      configSource: { path: CONFIG_PATH, problems },
      rules: RULES,
      ...(options.docsBase ? { docsBase: options.docsBase } : {}),
    });
    const ruleMeta = (id: string) => findRule(id)?.meta;
    const checkAction = await publish(renderCheckRun({ findings: result.findings, files: result.files, ruleMeta }));
    verdictPublished = true;

    let commentAction = "none";
    if (config.comment !== "never") {
      const worthy = commentWorthy(result.findings);
      const body = renderComment({
        // While an error or warning remains, every finding; then "all clear" (notices stay in the check run).
        findings: worthy ? result.findings : [],
        headSha: prContext.headSha,
        author: author.login,
        ruleMeta,
        rulesUrl: RULES_URL,
        ...(config.openness ? { openness: opennessLines(result.files, result.references ?? []) } : {}),
      });
      commentAction = await upsertComment(octokit, { ...repo, issue_number: pr.number }, body, identity, {
        createIfMissing: worthy || config.comment === "always",
      });
    }
    log.info(
      { files: result.files.length, findings: result.findings.length, check: checkAction, comment: commentAction },
      "review published",
    );
  } catch (error) {
    if (verdictPublished) throw error;
    // Never leave the PR without a verdict: say what went wrong, then let Probot log the error.
    const detail = `${error instanceof Error ? error.message : String(error)}${requestIdOf(error)}`;
    try {
      await publish({
        conclusion: "neutral",
        title: "Review could not be completed",
        summary: `Cardinal could not finish this review: ${detail.replace(/[<>@]/g, "")}\n\nRe-run the check to try again.`,
        annotations: [],
      });
    } catch (publishError) {
      log.error({ err: publishError }, "could not publish the failure either");
    }
    throw error;
  }
}

/** The pull request actions that start a review. */
export const PULL_REQUEST_ACTIONS = [
  "pull_request.opened",
  "pull_request.reopened",
  "pull_request.synchronize",
  "pull_request.ready_for_review",
] as const;

/** Every webhook event Cardinal handles; app.yml subscribes to exactly these. */
export const HANDLED_EVENTS = ["pull_request", "check_run"] as const;

/** Wires Cardinal's handlers into a Probot app. */
export function registerHandlers(app: Probot, options: HandlerOptions = {}): void {
  const seenDeliveries = new LRUCache<string, true>({ max: 10_000, ttl: 60 * 60 * 1000 });
  const queue = new PullRequestQueue();
  const identity = botIdentity(app);

  const handle = async (context: Context, octokit: Octokit, pr: PullRequestPayload) => {
    if (seenDeliveries.has(context.id)) {
      context.log.info("delivery already handled; ignoring the redelivery");
      return;
    }
    seenDeliveries.set(context.id, true);
    const key = `${pr.base.repo.owner.login}/${pr.base.repo.name}#${pr.number}`;
    try {
      await queue.run(
        key,
        pr.head.sha,
        async () => reviewPullRequest(context, octokit, pr, await identity(), options),
        () => context.log.info({ pr: key }, "a newer push is queued; skipping this one"),
      );
    } catch (error) {
      // A failed delivery may be redelivered (same id) from GitHub's UI: let that one through.
      seenDeliveries.delete(context.id);
      throw error;
    }
  };

  app.on(
    [...PULL_REQUEST_ACTIONS],
    async (context) => {
      await handle(context as unknown as Context, context.octokit, context.payload.pull_request as PullRequestPayload);
    },
  );

  app.on("check_run.rerequested", async (context) => {
    const run = context.payload.check_run;
    if (run.name !== "Cardinal") return;
    // Fork PRs leave `pull_requests` empty; the external id keeps the number.
    const number = run.pull_requests[0]?.number ?? prNumberFromExternalId(run.external_id);
    if (number === undefined) {
      context.log.warn({ sha: run.head_sha }, "re-run requested for a check run that names no pull request");
      return;
    }
    const { data } = await context.octokit.rest.pulls.get(context.repo({ pull_number: number }));
    await handle(context as unknown as Context, context.octokit, data as unknown as PullRequestPayload);
  });
}
