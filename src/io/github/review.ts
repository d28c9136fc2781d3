import type { Context } from "probot";
import type { SuggestionComment } from "../../report/suggestions.js";
import type { Octokit, RepoRef } from "./pull-request.js";
import type { BotIdentity } from "./publish.js";

/** Ends the body of Cardinal's suggestion reviews (invisible on GitHub). */
export const REVIEW_MARKER = "<!-- cardinal:suggestions -->";

type User = { login: string; type?: string } | null | undefined;

/** Written by this app's own login (never by type or marker alone: another bot could copy them). */
function byCardinal(user: User, login: string): boolean {
  return user?.login === login;
}

/**
 * - `created`: a review with the new suggestions was posted.
 * - `exists`: Cardinal already reviewed this head sha.
 * - `repeated`: every suggestion was already posted in an earlier review.
 * - `refused`: GitHub answered 422 (a line outside the diff after all).
 * - `none`: no suggestion to make.
 * - `unknown-identity`: Cardinal could not learn its own login, so it could not tell its earlier
 *   suggestions from others' and posted none (the check run and comment carry the fixes).
 */
export type ReviewAction = "created" | "exists" | "repeated" | "refused" | "none" | "unknown-identity";

/**
 * Posts at most one pull request review per head sha, holding the
 * suggestions that were not posted before (same path, line and body by
 * Cardinal, whether applied, resolved or still open). Costs nothing without
 * suggestions; otherwise GET reviews, then GET review comments and POST the
 * review when there is something new. A 422 is logged, never thrown: the
 * check run and the comment already carry every finding.
 */
export async function publishSuggestions(
  octokit: Octokit,
  pull: RepoRef & { readonly pull_number: number },
  headSha: string,
  suggestions: readonly SuggestionComment[],
  bot: BotIdentity,
  log: Context["log"],
): Promise<ReviewAction> {
  if (suggestions.length === 0) return "none";
  const login = bot.login;
  if (!login) return "unknown-identity";
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...pull, per_page: 100 });
  const reviewed = reviews.some(
    (r) => r.commit_id === headSha && byCardinal(r.user, login),
  );
  if (reviewed) return "exists";

  const posted = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...pull, per_page: 100 });
  const seen = new Set<string>();
  for (const c of posted) {
    if (!byCardinal(c.user, login)) continue;
    for (const line of [c.line, c.original_line]) {
      if (typeof line === "number") seen.add(keyOf(c.path, line, c.body));
    }
  }
  const fresh = suggestions.filter((s) => !seen.has(keyOf(s.path, s.line, s.body)));
  if (fresh.length === 0) return "repeated";

  const count = fresh.length === 1 ? "a fix" : `${fresh.length} fixes`;
  try {
    await octokit.rest.pulls.createReview({
      ...pull,
      commit_id: headSha,
      event: "COMMENT",
      body: `Cardinal suggests ${count} you can apply with one click. ${REVIEW_MARKER}`,
      comments: fresh.map((s) => ({ ...s })),
    });
  } catch (error) {
    if ((error as { status?: unknown } | null)?.status !== 422) throw error;
    log.warn({ err: error, suggestions: fresh.length }, "GitHub refused the suggestions review; the findings stay in the check run and comment");
    return "refused";
  }
  return "created";
}

function keyOf(path: string, line: number, body: string): string {
  return JSON.stringify([path, line, body]);
}
