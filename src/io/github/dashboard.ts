/**
 * "Update the dashboard": keeps one release health issue per repository.
 * The issue is found by its hidden marker and the app's own login (a marker
 * alone could be copied into anyone's issue), created once while there are
 * findings, edited only when its text or title changes, closed when the
 * default branch is clean and reopened when problems return. Callers run
 * this through the per-repository queue (repo-queue.ts), so two pushes that
 * race never both create an issue; the number of an issue just created is
 * remembered as well, because GitHub's issue list can lag behind a write.
 */
import { LRUCache } from "lru-cache";
import type { DashboardSettings } from "../../core/config.js";
import { DASHBOARD_MARKER } from "../../report/dashboard.js";
import { withRateLimitRetry, type BotIdentity } from "./publish.js";
import type { Octokit, RepoRef } from "./pull-request.js";

export type DashboardAction = "created" | "updated" | "unchanged" | "closed" | "reopened" | "none" | "unknown-identity";

export interface DashboardIssue {
  readonly number: number;
  readonly state: "open" | "closed";
  readonly title: string;
  readonly body: string;
  readonly url?: string;
}

/** The dashboard's issue number per repository, remembered after Cardinal creates one (GitHub's list may not show it yet). */
export class DashboardMemory {
  private readonly numbers = new LRUCache<string, number>({ max: 20_000, ttl: 24 * 60 * 60 * 1000 });
  get(repo: RepoRef): number | undefined {
    return this.numbers.get(key(repo));
  }
  set(repo: RepoRef, number: number): void {
    this.numbers.set(key(repo), number);
  }
}

function key(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`.toLowerCase();
}

interface ListedIssue {
  readonly number: number;
  readonly state?: string;
  readonly title?: string;
  readonly body?: string | null;
  readonly html_url?: string;
  readonly user?: { readonly login?: string } | null;
  readonly pull_request?: unknown;
}

function asIssue(issue: ListedIssue): DashboardIssue {
  return {
    number: issue.number,
    state: issue.state === "closed" ? "closed" : "open",
    title: issue.title ?? "",
    body: issue.body ?? "",
    ...(issue.html_url ? { url: issue.html_url } : {}),
  };
}

function isDashboard(issue: ListedIssue, login: string): boolean {
  return issue.pull_request === undefined && issue.user?.login === login && (issue.body ?? "").startsWith(DASHBOARD_MARKER);
}

/**
 * Cardinal's dashboard issues in a repository (open and closed), oldest
 * first: the ones its login opened (`creator=`, one page in practice), and
 * the one it remembers creating when the list does not show it yet.
 */
export async function findDashboards(octokit: Octokit, repo: RepoRef, login: string, memory?: DashboardMemory): Promise<DashboardIssue[]> {
  const listed = await withRateLimitRetry(() =>
    octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, creator: login, state: "all", per_page: 100 }),
  );
  const found = (listed as ListedIssue[]).filter((issue) => isDashboard(issue, login)).map(asIssue);
  const remembered = memory?.get(repo);
  if (remembered !== undefined && !found.some((issue) => issue.number === remembered)) {
    try {
      const { data } = await withRateLimitRetry(() => octokit.rest.issues.get({ ...repo, issue_number: remembered }));
      if (isDashboard(data as ListedIssue, login)) found.push(asIssue(data as ListedIssue));
    } catch (error) {
      if ((error as { status?: unknown }).status !== 404 && (error as { status?: unknown }).status !== 410) throw error;
    }
  }
  return found.sort((a, b) => a.number - b.number);
}

/** What the dashboard should say: problems (the issue open with this body) or all clear (closed with this body). */
export interface DashboardContent {
  readonly problems: boolean;
  readonly body: string;
}

/** The marker duplicates carry once they are closed in favour of the oldest: no longer found as dashboards. */
const DUPLICATE_NOTE = "<!-- cardinal:dashboard-duplicate -->";

/**
 * Brings the repository's dashboard issue to `content`. Without the app's
 * login nothing is touched (another bot's issue may carry the marker).
 * Duplicates from an older race are closed, pointing at the one kept.
 */
export async function upsertDashboard(
  octokit: Octokit,
  repo: RepoRef,
  content: DashboardContent,
  settings: DashboardSettings,
  identity: BotIdentity,
  memory: DashboardMemory,
): Promise<{ action: DashboardAction; issue?: DashboardIssue }> {
  const login = identity.login;
  if (!login) return { action: "unknown-identity" };
  const [keep, ...duplicates] = await findDashboards(octokit, repo, login, memory);
  for (const duplicate of duplicates) {
    await withRateLimitRetry(() =>
      octokit.rest.issues.update({
        ...repo,
        issue_number: duplicate.number,
        state: "closed",
        state_reason: "not_planned",
        body: `${DUPLICATE_NOTE}\nA duplicate of #${keep?.number ?? "?"}, where Cardinal keeps this repository's release health.`,
      }),
    );
  }
  if (!keep) {
    if (!content.problems) return { action: "none" };
    const { data } = await withRateLimitRetry(() =>
      octokit.rest.issues.create({ ...repo, title: settings.title, body: content.body, ...(settings.labels.length > 0 ? { labels: [...settings.labels] } : {}) }),
    );
    memory.set(repo, data.number);
    return { action: "created", issue: asIssue(data as ListedIssue) };
  }
  memory.set(repo, keep.number);
  const wantState = content.problems ? "open" : "closed";
  const sameText = keep.body === content.body && keep.title === settings.title;
  if (sameText && keep.state === wantState) return { action: "unchanged", issue: keep };
  const { data } = await withRateLimitRetry(() =>
    octokit.rest.issues.update({
      ...repo,
      issue_number: keep.number,
      ...(keep.title !== settings.title ? { title: settings.title } : {}),
      ...(keep.body !== content.body ? { body: content.body } : {}),
      ...(keep.state !== wantState ? { state: wantState, ...(wantState === "closed" ? { state_reason: "completed" as const } : {}) } : {}),
    }),
  );
  const action: DashboardAction = keep.state === wantState ? "updated" : wantState === "open" ? "reopened" : "closed";
  return { action, issue: asIssue(data as ListedIssue) };
}
