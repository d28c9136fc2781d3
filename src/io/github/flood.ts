import { LRUCache } from "lru-cache";

/**
 * What keeps a flood of comments or deliveries from costing GitHub writes:
 * a bound on Cardinal's replies to commands, and a memory of the pull
 * request states already reviewed or waiting in the queue. Both live in the
 * process (bounded LRUs); across replicas each replica keeps its own.
 */

/** How long a reply is remembered: the same command from the same person on the same pull request gets one reply in this window. */
export const REPLY_WINDOW_MS = 10 * 60 * 1000;
/** Replies per pull request, and per person across all pull requests, in one window. */
export const REPLIES_PER_WINDOW = 5;

export type ReplyDecision = "reply" | "repeated" | "pull-request-limit" | "user-limit";

/**
 * Decides whether a command deserves a reply. The same command (`/cardinal
 * explain x` twice) from one person on one pull request is answered once per
 * window; beyond REPLIES_PER_WINDOW replies on one pull request, or to one
 * person anywhere, Cardinal stays silent until the window passes (and logs
 * why). A silent bot is the price: the first reply already said everything.
 */
export class ReplyLimiter {
  private readonly said = new LRUCache<string, true>({ max: 20_000, ttl: REPLY_WINDOW_MS });
  private readonly perPullRequest = new LRUCache<string, number>({ max: 20_000, ttl: REPLY_WINDOW_MS, noUpdateTTL: true });
  private readonly perUser = new LRUCache<string, number>({ max: 20_000, ttl: REPLY_WINDOW_MS, noUpdateTTL: true });

  constructor(private readonly limit = REPLIES_PER_WINDOW) {}

  /** Whether to reply; a "reply" is counted at once, so racing comments cannot all pass. */
  decide(pullRequest: string, user: string, command: string): ReplyDecision {
    const who = user.toLowerCase();
    const key = JSON.stringify([pullRequest, who, command.trim().toLowerCase()]);
    if (this.said.has(key)) return "repeated";
    const onPullRequest = this.perPullRequest.get(pullRequest) ?? 0;
    if (onPullRequest >= this.limit) return "pull-request-limit";
    const byUser = this.perUser.get(who) ?? 0;
    if (byUser >= this.limit) return "user-limit";
    this.said.set(key, true);
    this.perPullRequest.set(pullRequest, onPullRequest + 1);
    this.perUser.set(who, byUser + 1);
    return "reply";
  }
}

/**
 * What a review of a pull request depends on in its payload: the head
 * commit, and what decides whether and how it is reviewed (draft, labels,
 * title). Two deliveries with the same state give the same review, so the
 * second is not run (unless someone asks, with `/cardinal recheck` or the
 * check run's Re-run button).
 */
export function reviewState(pr: {
  readonly head: { readonly sha: string };
  readonly draft?: boolean | null;
  readonly title?: string | null;
  readonly labels?: readonly { readonly name: string }[] | null;
}): string {
  const labels = (pr.labels ?? []).map((l) => l.name.toLowerCase()).sort();
  return JSON.stringify([pr.head.sha, pr.draft === true, pr.title ?? "", labels]);
}

/**
 * Pull request states already reviewed (kept a day) or waiting in the queue.
 * `claim` answers false when the same state is reviewed or queued already;
 * otherwise it marks it queued until `settle` says whether the review
 * published (then it is remembered) or not (then a redelivery may run it).
 */
export class ReviewedStates {
  private readonly done = new LRUCache<string, string>({ max: 20_000, ttl: 24 * 60 * 60 * 1000 });
  /** Reviews queued or running, by state: how many (a requested review may run beside a delivery's). */
  private readonly queued = new Map<string, number>();

  /** `force`: someone asked for this review, so it runs even when the state was seen. */
  claim(pullRequest: string, state: string, force = false): boolean {
    const key = JSON.stringify([pullRequest, state]);
    if (!force && (this.done.get(pullRequest) === state || this.queued.has(key))) return false;
    this.queued.set(key, (this.queued.get(key) ?? 0) + 1);
    return true;
  }

  settle(pullRequest: string, state: string, published: boolean): void {
    const key = JSON.stringify([pullRequest, state]);
    const left = (this.queued.get(key) ?? 1) - 1;
    if (left > 0) this.queued.set(key, left);
    else this.queued.delete(key);
    if (published) this.done.set(pullRequest, state);
  }
}
