/**
 * Answers the GraphQL queries Cardinal sends to GitHub (CardinalSnapshot,
 * CardinalBlobs, CardinalRepoFiles) from a description of a repository, in
 * the shape GitHub answers them. Used by the tests' nock mocks, the
 * benchmarks and `npm run replay`, so the three answer the same way.
 *
 * It reads only the operation name, the aliases and the variables of the
 * query; it is not a GraphQL server.
 */

/** A comment in GitHub's REST shape. */
export interface FakeComment {
  readonly id: number;
  readonly body: string;
  readonly user: { readonly login: string; readonly type?: string } | null;
}

/** A check run in GitHub's REST shape (as the tests' `listedCheckRun` builds it). */
export interface FakeCheckRun {
  readonly id: number;
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly output: { readonly title: string | null; readonly summary: string | null; readonly annotations_count: number };
  readonly app?: { readonly slug: string } | null;
}

/** What the fake knows of GitHub. Each function answers undefined for "not there". */
export interface FakeGraphqlState {
  /** `.github/cardinal.yml` on the default branch of `owner/name`. */
  readonly config: (owner: string, name: string) => string | undefined;
  readonly comments: (number: number) => readonly FakeComment[];
  readonly checkRuns: (headSha: string) => readonly FakeCheckRun[];
  /** A blob by its sha. */
  readonly blob: (sha: string) => string | Uint8Array | undefined;
  /** A file at a commit. */
  readonly file: (commit: string, path: string) => string | Uint8Array | undefined;
  /** Whether a commit is visible in this repository (default: yes). */
  readonly commitVisible?: (sha: string) => boolean;
  /** The pull request's head commit now (default: the commit the query asks about, i.e. nothing was pushed since). */
  readonly pullRequestHead?: (number: number) => string | undefined;
}

/** GitHub cuts a blob's `text` short past some size and sets `isTruncated`; the fake does so here. */
export const FAKE_TEXT_LIMIT = 512 * 1024;

export interface GraphqlRequestBody {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

/** The operation a query runs (`query CardinalSnapshot(...)` → "CardinalSnapshot"). */
export function operationName(query: string): string | undefined {
  return /^\s*query\s+(\w+)/.exec(query)?.[1];
}

function blobOf(content: string | Uint8Array | undefined): Record<string, unknown> | null {
  if (content === undefined) return null;
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  const binary = bytes.includes(0);
  const truncated = !binary && bytes.length > FAKE_TEXT_LIMIT;
  return {
    __typename: "Blob",
    byteSize: bytes.length,
    isBinary: binary,
    isTruncated: truncated,
    text: binary ? null : bytes.subarray(0, truncated ? FAKE_TEXT_LIMIT : bytes.length).toString("utf8"),
  };
}

function configBlob(text: string | undefined): Record<string, unknown> | null {
  return text === undefined ? null : { __typename: "Blob", text, isTruncated: false };
}

/** Aliased `object(oid: $x)` / `object(expression: $x)` fields of a query: alias → [kind, variable]. */
function objectFields(query: string): [string, "oid" | "expression", string][] {
  return query.split("\n").flatMap((line): [string, "oid" | "expression", string][] => {
    const m = /^(\w+): object\((oid|expression): \$(\w+)\)/.exec(line.trim());
    return m ? [[m[1] as string, m[2] as "oid" | "expression", m[3] as string]] : [];
  });
}

function atExpression(state: FakeGraphqlState, expression: string): Record<string, unknown> | null {
  const colon = expression.indexOf(":");
  return blobOf(state.file(expression.slice(0, colon), expression.slice(colon + 1)));
}

/** The JSON body GitHub would answer to `request`. */
export function answerGraphql(request: GraphqlRequestBody, state: FakeGraphqlState): { data: unknown; errors?: unknown[] } {
  const vars = request.variables ?? {};
  const owner = String(vars["owner"] ?? "");
  const name = String(vars["repo"] ?? "");
  const operation = operationName(request.query);
  const visible = (sha: string) => state.commitVisible?.(sha) ?? true;

  const objects: Record<string, unknown> = {};
  for (const [alias, kind, variable] of objectFields(request.query)) {
    const value = String(vars[variable] ?? "");
    if (alias === "config" || alias === "head") continue;
    objects[alias] = kind === "oid" ? blobOf(state.blob(value)) : atExpression(state, value);
  }

  if (operation === "CardinalBlobs") return { data: { repository: objects } };
  if (operation === "CardinalRepoFiles") {
    const head = String(vars["head"] ?? "");
    return { data: { repository: { head: visible(head) ? { __typename: "Commit" } : null, ...objects } } };
  }
  if (operation !== "CardinalSnapshot") {
    return { data: null, errors: [{ message: `the fake does not know the operation ${operation ?? "(none)"}` }] };
  }

  const number = Number(vars["number"]);
  const head = String(vars["head"] ?? "");
  const comments = state.comments(number);
  const runs = state.checkRuns(head);
  const bySlug = new Map<string, FakeCheckRun[]>();
  for (const run of runs) bySlug.set(run.app?.slug ?? "", [...(bySlug.get(run.app?.slug ?? "") ?? []), run]);
  const orgConfig = state.config(owner, ".github");
  const errors: unknown[] = [];
  if (orgConfig === undefined) {
    errors.push({ type: "NOT_FOUND", path: ["org"], locations: [{ line: 1, column: 1 }], message: `Could not resolve to a Repository with the name '${owner}/.github'.` });
  }
  const data = {
    repository: {
      config: configBlob(state.config(owner, name)),
      pullRequest: {
        headRefOid: state.pullRequestHead?.(number) ?? head,
        comments: {
          pageInfo: { hasNextPage: comments.length > 100 },
          nodes: comments.slice(0, 100).map((c) => ({
            databaseId: c.id,
            body: c.body,
            author: c.user
              ? c.user.type === "Bot"
                ? { __typename: "Bot", login: c.user.login.replace(/\[bot\]$/, "") }
                : { __typename: "User", login: c.user.login }
              : null,
          })),
        },
      },
      head: visible(head)
        ? {
            __typename: "Commit",
            checkSuites: {
              pageInfo: { hasNextPage: false },
              nodes: [...bySlug].map(([slug, list]) => ({
                app: slug ? { slug } : null,
                checkRuns: {
                  pageInfo: { hasNextPage: false },
                  nodes: list.map((run) => ({
                    databaseId: run.id,
                    status: run.status.toUpperCase(),
                    conclusion: run.conclusion?.toUpperCase() ?? null,
                    title: run.output.title,
                    summary: run.output.summary,
                    annotations: { totalCount: run.output.annotations_count },
                  })),
                },
              })),
            },
          }
        : null,
      ...objects,
    },
    org: orgConfig === undefined ? null : { config: configBlob(orgConfig) },
  };
  return errors.length > 0 ? { data, errors } : { data };
}
