import { createHash } from "node:crypto";
import type { SharedCache } from "../cache/shared-cache.js";

/**
 * flood.ts's ReviewedStates across replicas: the pull request states
 * already reviewed (a day) or waiting in the queue, in the SharedCache.
 * Two replicas that get the same delivery, or two deliveries of the same
 * head, claim the same key, and only one of them wins (SET NX).
 */
export interface StateLedger {
  claim(pullRequest: string, state: string, force?: boolean): boolean | Promise<boolean>;
  settle(pullRequest: string, state: string, published: boolean, force?: boolean): void | Promise<void>;
}

/** How long a queued state is held when nothing settles it (its job lost with its Redis). */
const QUEUED_TTL_MS = 60 * 60 * 1000;
const DONE_TTL_MS = 24 * 60 * 60 * 1000;

export class SharedReviewedStates implements StateLedger {
  constructor(private readonly cache: SharedCache) {}

  private static queuedKey(pullRequest: string, state: string): string {
    return `queued:${createHash("sha256").update(JSON.stringify([pullRequest, state])).digest("hex").slice(0, 32)}`;
  }

  /** `force`: someone asked for this review, so it runs even when the state was seen (and holds no claim). */
  async claim(pullRequest: string, state: string, force = false): Promise<boolean> {
    if (force) return true;
    if ((await this.cache.get<string>(`done:${pullRequest}`)) === state) return false;
    return this.cache.claim(SharedReviewedStates.queuedKey(pullRequest, state), QUEUED_TTL_MS);
  }

  async settle(pullRequest: string, state: string, published: boolean, force = false): Promise<void> {
    if (!force) await this.cache.delete(SharedReviewedStates.queuedKey(pullRequest, state));
    if (published) await this.cache.set(`done:${pullRequest}`, state, DONE_TTL_MS);
  }
}
