/**
 * What the status page shows: the latest default-branch review of each
 * repository this process reviewed, in memory (bounded). Only facts a
 * maintainer of the repository could read on GitHub anyway: names, counts,
 * verdicts and links; never tokens, configuration text or payloads.
 */
import { LRUCache } from "lru-cache";
import type { RepositoryHealth } from "../../report/status-page.js";

export type { RepositoryHealth, RepositoryState } from "../../report/status-page.js";

export class StatusBoard {
  private readonly entries = new LRUCache<string, RepositoryHealth>({ max: 20_000 });

  record(health: RepositoryHealth): void {
    const previous = this.entries.get(health.repo.toLowerCase());
    // A failed attempt keeps the last known counts beside its problem.
    const kept = health.state === "failed" && previous ? { ...previous, state: "failed" as const, at: health.at, ...(health.problem ? { problem: health.problem } : {}) } : health;
    this.entries.set(health.repo.toLowerCase(), kept);
  }

  /** Every repository, the worst first (failures, errors, warnings), then by name. */
  list(): RepositoryHealth[] {
    const rank = (h: RepositoryHealth) => (h.state === "failed" ? 0 : (h.errors ?? 0) > 0 ? 1 : (h.warnings ?? 0) > 0 ? 2 : h.state === "reviewed" ? 3 : 4);
    return [...this.entries.values()].sort((a, b) => rank(a) - rank(b) || a.repo.localeCompare(b.repo));
  }
}
