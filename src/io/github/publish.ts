import { ANNOTATIONS_PER_REQUEST, CHECK_NAME, type CheckRunOutput } from "../../report/check-run.js";
import { COMMENT_MARKER } from "../../report/comment.js";
import type { Octokit, RepoRef } from "./pull-request.js";
import type { KnownCheckRun, KnownComment } from "./snapshot.js";

/** Waits GitHub asks for before a publishing call is tried again, at most this long (seconds). */
export const MAX_RETRY_AFTER_SECONDS = 60;
/** Tries after a secondary rate limit, on top of the first. */
export const RATE_LIMIT_RETRIES = 2;

/** Seconds GitHub asks to wait when it refuses a call for a (secondary) rate limit, or undefined. */
export function rateLimitWait(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { headers?: Record<string, string | number | undefined> } } | null;
  if (e?.status !== 403 && e?.status !== 429) return undefined;
  const retryAfter = e.response?.headers?.["retry-after"];
  if (retryAfter === undefined) return undefined;
  const seconds = Number(retryAfter);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/**
 * Runs one GitHub write, and runs it again when GitHub refuses it for a
 * secondary rate limit (403/429 with `retry-after`): up to RATE_LIMIT_RETRIES
 * times, each after the wait GitHub asks for when it is at most
 * MAX_RETRY_AFTER_SECONDS. Probot's Octokit retries 5xx and waits out primary
 * limits, but `probot run` builds it with a secondary-limit policy that only
 * logs, and an app cannot change its Octokit's options; so the writes that
 * publish a verdict carry their own bounded retry.
 */
export async function withRateLimitRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = rateLimitWait(error);
      if (wait === undefined || wait > MAX_RETRY_AFTER_SECONDS || attempt >= RATE_LIMIT_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }
}

export interface BotIdentity {
  /** `slug[bot]`, when Cardinal could ask GitHub who it is. */
  readonly login?: string;
}

/** Cardinal's comment: the marker, written by this app's own login (the marker alone could be copied by anyone). */
function isOurs(comment: KnownComment, login: string): boolean {
  return comment.user?.login === login && comment.body?.startsWith(COMMENT_MARKER) === true;
}

/** `unknown-identity`: Cardinal could not learn its own login, so it touched no comment. */
export type CommentAction = "created" | "updated" | "unchanged" | "none" | "unknown-identity";

/**
 * Keeps exactly one Cardinal comment on a PR. `body` undefined means
 * "post nothing new": an existing comment is still brought up to date by the
 * caller passing a body; duplicates (from races or redeliveries) are deleted,
 * keeping the oldest so the conversation's order stays. `known` is the PR's
 * comments when the caller has read them already (the review's snapshot);
 * otherwise they are listed. Without the app's own login nothing is created,
 * edited or deleted: another bot's comment may carry the same marker, and a
 * second comment cannot be told from Cardinal's own.
 */
export async function upsertComment(
  octokit: Octokit,
  issue: RepoRef & { issue_number: number },
  body: string | undefined,
  bot: BotIdentity,
  options: { readonly createIfMissing: boolean; readonly known?: readonly KnownComment[] | undefined },
): Promise<CommentAction> {
  const login = bot.login;
  if (!login) return "unknown-identity";
  const comments: readonly KnownComment[] =
    options.known ?? (await withRateLimitRetry(() => octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100 })));
  const ours = comments.filter((c) => isOurs(c, login)).sort((a, b) => a.id - b.id);
  const [keep, ...duplicates] = ours;
  for (const dup of duplicates) {
    await withRateLimitRetry(() => octokit.rest.issues.deleteComment({ owner: issue.owner, repo: issue.repo, comment_id: dup.id }));
  }
  if (body === undefined) return "none";
  if (keep) {
    if (keep.body === body) return "unchanged";
    await withRateLimitRetry(() => octokit.rest.issues.updateComment({ owner: issue.owner, repo: issue.repo, comment_id: keep.id, body }));
    return "updated";
  }
  if (!options.createIfMissing) return "none";
  await withRateLimitRetry(() => octokit.rest.issues.createComment({ ...issue, body }));
  return "created";
}

export type CheckRunAction = "created" | "unchanged";

/**
 * The check run named Cardinal for a head sha. When the latest run for that
 * sha already shows the same verdict (a redelivery, a re-run that found the
 * same), nothing is written. Otherwise a new run is created: GitHub shows
 * the newest run of a name per commit, and updating an old run would append
 * its annotations to the old ones. Annotations go 50 per request, the first
 * batch with the verdict, the rest in follow-up updates. `force` (someone
 * asked for a re-run) writes a new run even when the verdict is the same,
 * so the asker sees that the review ran. `existing` is the runs already on
 * the commit when the caller has read them (the review's snapshot);
 * otherwise they are listed.
 */
export async function publishCheckRun(
  octokit: Octokit,
  repo: RepoRef,
  headSha: string,
  output: CheckRunOutput,
  options: {
    readonly externalId: string;
    readonly botLogin?: string;
    readonly force?: boolean;
    readonly existing?: readonly KnownCheckRun[] | undefined;
  },
): Promise<CheckRunAction> {
  // Another app may name its runs "Cardinal" too: without this app's slug, no run is taken for ours.
  const slug = options.botLogin?.replace(/\[bot\]$/, "");
  if (!options.force && slug) {
    const runs = options.existing ?? (await listCheckRuns(octokit, repo, headSha));
    const latest = runs.filter((run) => run.appSlug === slug).sort((a, b) => b.id - a.id)[0];
    if (
      latest &&
      latest.status === "completed" &&
      latest.conclusion === output.conclusion &&
      latest.title === output.title &&
      latest.summary === output.summary &&
      latest.annotationsCount === output.annotations.length
    ) {
      return "unchanged";
    }
  }

  const batches: (typeof output.annotations)[] = [];
  for (let i = 0; i < output.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(output.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const outputFor = (annotations: typeof output.annotations) => ({
    title: output.title,
    summary: output.summary,
    ...(output.text ? { text: output.text } : {}),
    ...(annotations.length > 0 ? { annotations: [...annotations] } : {}),
  });
  const first = outputFor(batches.shift() ?? []);
  const { data } = await withRateLimitRetry(() =>
    octokit.rest.checks.create({
      ...repo,
      name: CHECK_NAME,
      head_sha: headSha,
      status: "completed",
      conclusion: output.conclusion,
      completed_at: new Date().toISOString(),
      external_id: options.externalId,
      output: first,
    }),
  );
  for (const batch of batches) {
    await withRateLimitRetry(() => octokit.rest.checks.update({ ...repo, check_run_id: data.id, output: outputFor(batch) }));
  }
  return "created";
}

/** Cardinal's latest check runs on a commit, through REST (when the snapshot could not say). */
async function listCheckRuns(octokit: Octokit, repo: RepoRef, headSha: string): Promise<KnownCheckRun[]> {
  const { data } = await withRateLimitRetry(() =>
    octokit.rest.checks.listForRef({ ...repo, ref: headSha, check_name: CHECK_NAME, filter: "latest", per_page: 100 }),
  );
  return data.check_runs
    .filter((run) => run.head_sha === headSha)
    .map((run) => ({
      id: run.id,
      appSlug: run.app?.slug,
      status: run.status,
      conclusion: run.conclusion,
      title: run.output.title,
      summary: run.output.summary,
      annotationsCount: run.output.annotations_count,
    }));
}
