/**
 * The port through which rules ask the Hugging Face Hub about repositories.
 * Pure code sees only this interface; io/hub implements it over
 * @huggingface/hub with a cache, timeouts and a concurrency bound.
 */

export type HubRepoType = "model" | "dataset";

export interface HubRepoInfo {
  /** The id as the Hub spells it (may differ in case, or after a rename, from the one asked for). */
  readonly id: string;
  readonly type: HubRepoType;
  readonly private: boolean;
  readonly gated: false | "auto" | "manual";
  readonly disabled: boolean;
  /** Declared license ids: the card's `license` and the Hub's `license:*` tags, without duplicates. */
  readonly licenses: readonly string[];
  readonly licenseName?: string;
  readonly licenseLink?: string;
  /** The repository's own `base_model` (models). */
  readonly baseModels: readonly string[];
  readonly pipelineTag?: string;
  readonly tags: readonly string[];
}

export type HubLookup =
  | { readonly status: "found"; readonly info: HubRepoInfo }
  /** The Hub says no such repository, or it is private or gated and Cardinal has no access (401/403/404). */
  | { readonly status: "not-found"; readonly httpStatus: number }
  /** The Hub could not be asked: timeout, 5xx, 429, network error. Never a verdict on the repository. */
  | { readonly status: "unavailable"; readonly reason: string };

export interface HubClient {
  lookup(type: HubRepoType, id: string): Promise<HubLookup>;
}

export interface HubFailure {
  readonly type: HubRepoType;
  readonly id: string;
  readonly reason: string;
}

/** What the Hub said about one repository during a review (the JSON output's `references`). */
export interface HubReference {
  readonly type: HubRepoType;
  readonly id: string;
  readonly status: HubLookup["status"];
  readonly canonicalId?: string;
  readonly private?: boolean;
  readonly gated?: false | "auto" | "manual";
  readonly disabled?: boolean;
  readonly licenses?: readonly string[];
  readonly reason?: string;
}

/**
 * Wraps a client for one review: remembers every answer, so the review can
 * say which references it could not verify and what the Hub said of each.
 */
export function recordingHub(client: HubClient): {
  client: HubClient;
  failures: () => readonly HubFailure[];
  references: () => readonly HubReference[];
} {
  const answers = new Map<string, HubReference>();
  return {
    client: {
      async lookup(type, id) {
        const result = await client.lookup(type, id);
        const key = `${type}:${id}`;
        if (!answers.has(key)) {
          answers.set(
            key,
            result.status === "found"
              ? {
                  type,
                  id,
                  status: "found",
                  ...(result.info.id !== id ? { canonicalId: result.info.id } : {}),
                  private: result.info.private,
                  gated: result.info.gated,
                  disabled: result.info.disabled,
                  licenses: result.info.licenses,
                }
              : result.status === "unavailable"
                ? { type, id, status: "unavailable", reason: result.reason }
                : { type, id, status: "not-found" },
          );
        }
        return result;
      },
    },
    failures: () =>
      [...answers.values()].flatMap((a) => (a.status === "unavailable" ? [{ type: a.type, id: a.id, reason: a.reason ?? "" }] : [])),
    references: () => [...answers.values()],
  };
}
