import { ANNOTATIONS_PER_REQUEST, CHECK_NAME, type CheckRunOutput } from "../../report/check-run.js";
import { COMMENT_MARKER } from "../../report/comment.js";
import type { Octokit, RepoRef } from "./pull-request.js";

export interface BotIdentity {
  /** `slug[bot]`, when Cardinal could ask GitHub who it is. */
  readonly login?: string;
}

interface CommentLike {
  id: number;
  body?: string | undefined;
  user: { login: string; type: string } | null;
}

function isOurs(comment: CommentLike, bot: BotIdentity): boolean {
  if (!comment.body?.startsWith(COMMENT_MARKER)) return false;
  // The marker alone could be copied by anyone; the author must be this app.
  return bot.login ? comment.user?.login === bot.login : comment.user?.type === "Bot";
}

export type CommentAction = "created" | "updated" | "unchanged" | "none";

/**
 * Keeps exactly one Cardinal comment on a PR. `body` undefined means
 * "post nothing new": an existing comment is still brought up to date by the
 * caller passing a body; duplicates (from races or redeliveries) are deleted,
 * keeping the oldest so the conversation's order stays.
 */
export async function upsertComment(
  octokit: Octokit,
  issue: RepoRef & { issue_number: number },
  body: string | undefined,
  bot: BotIdentity,
  options: { readonly createIfMissing: boolean },
): Promise<CommentAction> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100 });
  const ours = comments.filter((c) => isOurs(c, bot)).sort((a, b) => a.id - b.id);
  const [keep, ...duplicates] = ours;
  for (const dup of duplicates) {
    await octokit.rest.issues.deleteComment({ owner: issue.owner, repo: issue.repo, comment_id: dup.id });
  }
  if (body === undefined) return "none";
  if (keep) {
    if (keep.body === body) return "unchanged";
    await octokit.rest.issues.updateComment({ owner: issue.owner, repo: issue.repo, comment_id: keep.id, body });
    return "updated";
  }
  if (!options.createIfMissing) return "none";
  await octokit.rest.issues.createComment({ ...issue, body });
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
 * so the asker sees that the review ran.
 */
export async function publishCheckRun(
  octokit: Octokit,
  repo: RepoRef,
  headSha: string,
  output: CheckRunOutput,
  options: { readonly externalId: string; readonly botLogin?: string; readonly force?: boolean },
): Promise<CheckRunAction> {
  if (!options.force) {
    const { data: existing } = await octokit.rest.checks.listForRef({
      ...repo,
      ref: headSha,
      check_name: CHECK_NAME,
      filter: "latest",
      per_page: 100,
    });
    const slug = options.botLogin?.replace(/\[bot\]$/, "");
    const latest = existing.check_runs.find((run) => run.head_sha === headSha && (!slug || run.app?.slug === slug));
    if (
      latest &&
      latest.status === "completed" &&
      latest.conclusion === output.conclusion &&
      latest.output.title === output.title &&
      latest.output.summary === output.summary &&
      latest.output.annotations_count === output.annotations.length
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
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_NAME,
    head_sha: headSha,
    status: "completed",
    conclusion: output.conclusion,
    completed_at: new Date().toISOString(),
    external_id: options.externalId,
    output: outputFor(batches.shift() ?? []),
  });
  for (const batch of batches) {
    await octokit.rest.checks.update({ ...repo, check_run_id: data.id, output: outputFor(batch) });
  }
  return "created";
}
