/**
 * The port through which rules ask the Hugging Face Hub about repositories.
 * Pure code sees only this interface; io/hub implements it over
 * @huggingface/hub with a cache, timeouts and a concurrency bound.
 */
import { isRepoId } from "../parse/repo-id.js";

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
  /**
   * The Hub says no such repository, or it is private or gated and Cardinal
   * has no access (401/403/404). Rules word every not-found answer the same
   * way: a pull request's author must not learn from a finding whether a
   * repository exists privately.
   */
  | { readonly status: "not-found"; readonly httpStatus: number }
  /** The Hub could not be asked: timeout, 5xx, 429, network error. Never a verdict on the repository. */
  | { readonly status: "unavailable"; readonly reason: string; readonly kind?: HubUnavailableKind };

/**
 * Why a lookup is unavailable. The first four are the Hub failing to answer
 * (an outage, a firewall, a proxy's HTML page): enough of them in a row and
 * the client stops asking (`stopped`) rather than let every reference wait
 * out its own timeout. `reason` holds the words, one fixed phrase per kind.
 */
export type HubUnavailableKind =
  | "timeout"
  | "no-connection"
  | "server-error"
  | "unexpected-answer"
  | "rate-limited"
  | "redirect-refused"
  | "stopped";

/** The kinds that say the Hub itself is not answering, and count toward the client stopping. */
export const HUB_OUTAGE_KINDS: ReadonlySet<HubUnavailableKind> = new Set(["timeout", "no-connection", "server-error", "unexpected-answer"]);

/**
 * One file the Hub's own scanners flagged, as `securityRepoStatus.filesWithIssues`
 * lists it: its path in the Hub repository and the Hub's level for it, in
 * the Hub's words (`unsafe`, `suspicious`, `caution`, …; the Hub's OpenAPI
 * spec lists unscanned, safe, queued, error, caution, suspicious, unsafe).
 */
export interface HubFileIssue {
  readonly path: string;
  readonly level: string;
}

/**
 * The Hub's security verdict on a model repository's files
 * (`GET /api/models/{id}?securityStatus=true`, huggingface_hub's
 * `model_info(securityStatus=True)` → `securityRepoStatus`).
 */
export type HubSecurityLookup =
  | {
      readonly status: "found";
      /** Shown only to a token that can see it (the client answers a private repository as not found otherwise). */
      readonly private?: boolean;
      readonly scansDone: boolean;
      readonly filesWithIssues: readonly HubFileIssue[];
      /**
       * The repository's files (`siblings`, with `blobs=true`): each path and,
       * for a file stored in LFS, the SHA-256 of its bytes (`lfs.sha256`). Absent
       * when the answer did not list them.
       */
      readonly files?: readonly HubRepoFile[];
    }
  | { readonly status: "not-found"; readonly httpStatus: number }
  | { readonly status: "unavailable"; readonly reason: string; readonly kind?: HubUnavailableKind };

export interface SecurityStatusOptions {
  /**
   * A question the review asks on its own account, not about a reference of
   * a card (is this repository a Hub repository's mirror?): a failure to
   * answer it is not one of the review's unverified references.
   */
  readonly unrecorded?: boolean;
}

/** One file of a Hub repository, as its `siblings` list it. */
export interface HubRepoFile {
  readonly path: string;
  /** Lowercase hex SHA-256 of an LFS file's content. */
  readonly sha256?: string;
}

/**
 * The Hub's security levels that Cardinal repeats, with the severity each
 * gets. The words are the Hub's own (`securityRepoStatus.filesWithIssues[].level`);
 * the other levels (safe, unscanned, queued, error) say nothing about a file.
 */
export const HUB_FLAG_LEVELS: readonly { readonly level: string; readonly severity: "error" | "warning" | "notice" }[] = [
  { level: "unsafe", severity: "error" },
  { level: "suspicious", severity: "warning" },
  { level: "caution", severity: "notice" },
];

export interface HubClient {
  lookup(type: HubRepoType, id: string): Promise<HubLookup>;
  /**
   * The Hub's security scan of a model repository's files, when the client
   * can ask for it (absent: no such checks). Answers like `lookup`: a
   * private or missing repository is not-found, a Hub that does not answer
   * is unavailable, never a verdict.
   */
  securityStatus?(id: string, options?: SecurityStatusOptions): Promise<HubSecurityLookup>;
  /** Most distinct repositories one review asks about (default HUB_LOOKUPS_PER_REVIEW). */
  readonly lookupsPerReview?: number;
  /**
   * A view of this client whose cached answers and requests in flight are
   * its own (one per GitHub installation), so that no answer obtained for
   * one scope is ever given to another. The request bound and a rate-limit
   * pause stay shared.
   */
  scoped?(scope: string): HubClient;
}

/** Most distinct repositories a review asks the Hub about; the others are named in one hub/unreachable notice. */
export const HUB_LOOKUPS_PER_REVIEW = 100;

export interface HubFailure {
  readonly type: HubRepoType;
  readonly id: string;
  readonly reason: string;
  readonly kind?: HubUnavailableKind;
  /** Not asked at all: the review had already asked about its limit of repositories. */
  readonly limited?: true;
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
 *
 * It also bounds the review: past `limit` distinct repositories (a card can
 * list thousands of ids), lookups are answered "unavailable" without asking
 * the client, and failures() names them as `limited`. Ids that are not Hub
 * repo ids cost nothing (the client answers them without a request) and do
 * not count.
 */
export function recordingHub(
  client: HubClient,
  limit: number = client.lookupsPerReview ?? HUB_LOOKUPS_PER_REVIEW,
): {
  client: HubClient;
  failures: () => readonly HubFailure[];
  references: () => readonly HubReference[];
} {
  const answers = new Map<string, HubReference>();
  const kinds = new Map<string, HubUnavailableKind>();
  const asked = new Set<string>();
  const skipped = new Map<string, HubFailure>();
  const securityFailures = new Map<string, HubFailure>();
  const reason = `this review had already asked the Hub about ${limit} repositories, the most one review asks about`;
  return {
    client: {
      ...(client.securityStatus
        ? {
            // Asked only for repositories a review looked up already: it adds no repository to the bound.
            securityStatus: async (id: string, options?: SecurityStatusOptions) => {
              const result = await (client.securityStatus as (id: string) => Promise<HubSecurityLookup>)(id);
              if (options?.unrecorded) return result;
              const key = `model:${id}`;
              if (result.status === "unavailable" && !securityFailures.has(key) && answers.get(key)?.status !== "unavailable") {
                securityFailures.set(key, { type: "model", id, reason: `the Hub's security scan of its files could not be read (${result.reason})`, ...(result.kind ? { kind: result.kind } : {}) });
              }
              return result;
            },
          }
        : {}),
      async lookup(type, id) {
        const key = `${type}:${id}`;
        if (!asked.has(key) && isRepoId(id)) {
          if (asked.size >= limit) {
            if (!skipped.has(key)) skipped.set(key, { type, id, reason, limited: true });
            return { status: "unavailable", reason };
          }
          asked.add(key);
        }
        const result = await client.lookup(type, id);
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
          if (result.status === "unavailable" && result.kind) kinds.set(key, result.kind);
        }
        return result;
      },
    },
    failures: () => [
      ...[...answers.values()].flatMap((a): HubFailure[] => {
        if (a.status !== "unavailable") return [];
        const kind = kinds.get(`${a.type}:${a.id}`);
        return [{ type: a.type, id: a.id, reason: a.reason ?? "", ...(kind ? { kind } : {}) }];
      }),
      ...skipped.values(),
      ...securityFailures.values(),
    ],
    references: () => [...answers.values()],
  };
}
