import { CONFIG_PATH } from "../../core/config.js";
import { CHECK_NAME } from "../../report/check-run.js";
import { blobFields, MAX_ALIASES_PER_QUERY, queryGraphql, type GraphqlBlob } from "./graphql.js";
import type { Octokit, RepoRef } from "./pull-request.js";

/** A comment on the pull request, in the REST shape the publishing code reads. */
export interface KnownComment {
  readonly id: number;
  readonly body?: string | undefined;
  readonly user: { readonly login: string; readonly type: string } | null;
}

/** A check run already on the head commit, as far as deciding "unchanged" needs. */
export interface KnownCheckRun {
  readonly id: number;
  readonly appSlug: string | undefined;
  readonly status: string;
  readonly conclusion: string | null;
  readonly title: string | null;
  readonly summary: string | null;
  readonly annotationsCount: number;
}

/**
 * What one review needs to know of GitHub besides the file list, read in one
 * GraphQL query: the configuration on the default branch (or the owner's
 * `.github` repository), the PR's comments, the check runs on the head
 * commit, the text of the PR's files (by blob sha), and a few paths at the
 * head sha that rules are likely to ask for. `comments` and `checkRuns` are
 * undefined when the answer is incomplete (over 100): the caller lists them
 * through REST then.
 */
export interface Snapshot {
  /** The configuration file's text and where it was found; null when there is none. */
  readonly config: { readonly text: string; readonly source: string; readonly truncated: boolean } | null;
  readonly comments: readonly KnownComment[] | undefined;
  readonly checkRuns: readonly KnownCheckRun[] | undefined;
  /** Blobs by sha: null when GitHub did not find the object. */
  readonly blobs: ReadonlyMap<string, GraphqlBlob | null>;
  /** Paths at the head sha: null when absent. */
  readonly paths: ReadonlyMap<string, GraphqlBlob | null>;
  /**
   * The pull request's head commit as GitHub sees it now. When it is not the
   * sha being reviewed, the delivery is late (a newer push exists) and the
   * review must not speak in the pull request's conversation.
   */
  readonly pullRequestHead: string | undefined;
  /**
   * The contributing guide on the default branch, where GitHub looks for it
   * (`.github/`, the root, `docs/`, in that order); null when there is none.
   */
  readonly contributing: string | null;
}

/** Where GitHub finds a repository's contributing guide, in its order. */
export const CONTRIBUTING_PATHS = [".github/CONTRIBUTING.md", "CONTRIBUTING.md", "docs/CONTRIBUTING.md"] as const;

export interface SnapshotRequest {
  readonly repo: RepoRef;
  readonly number: number;
  readonly headSha: string;
  readonly defaultBranch: string;
  readonly blobShas: readonly string[];
  readonly paths: readonly string[];
}

interface Connection<T> {
  readonly pageInfo: { readonly hasNextPage: boolean };
  readonly nodes: readonly (T | null)[];
}

interface ConfigBlob {
  readonly __typename: string;
  readonly text?: string | null;
  readonly isTruncated?: boolean;
}

interface SnapshotAnswer {
  readonly repository:
    | ({
        readonly config: ConfigBlob | null;
        readonly pullRequest: {
          readonly headRefOid?: string | null;
          readonly comments: Connection<{ databaseId: number | null; body: string; author: { __typename: string; login: string } | null }>;
        } | null;
        readonly head:
          | {
              readonly __typename: string;
              readonly checkSuites?: Connection<{
                app: { slug: string } | null;
                checkRuns: Connection<{
                  databaseId: number | null;
                  status: string;
                  conclusion: string | null;
                  title: string | null;
                  summary: string | null;
                  annotations: { totalCount: number } | null;
                }> | null;
              }>;
            }
          | null;
      } & Record<string, unknown>)
    | null;
  readonly org: { readonly config: ConfigBlob | null } | null;
}

const CONFIG_FIELDS = "__typename ... on Blob { text isTruncated }";

function snapshotQuery(blobs: number, paths: number): string {
  const b = blobFields("oid", blobs);
  const p = blobFields("expression", paths);
  const vars = [...b.declarations, ...p.declarations, ...CONTRIBUTING_PATHS.map((_, i) => `$contributing${i}: String!`)];
  return `query CardinalSnapshot($owner: String!, $repo: String!, $number: Int!, $head: GitObjectID!, $config: String!${vars.length > 0 ? `, ${vars.join(", ")}` : ""}) {
  repository(owner: $owner, name: $repo) {
    config: object(expression: $config) { ${CONFIG_FIELDS} }
    ${CONTRIBUTING_PATHS.map((_, i) => `contributing${i}: object(expression: $contributing${i}) { __typename }`).join("\n    ")}
    pullRequest(number: $number) {
      headRefOid
      comments(first: 100) { pageInfo { hasNextPage } nodes { databaseId body author { __typename login } } }
    }
    head: object(oid: $head) {
      __typename
      ... on Commit {
        checkSuites(first: 100) {
          pageInfo { hasNextPage }
          nodes {
            app { slug }
            checkRuns(first: 20, filterBy: { checkName: ${JSON.stringify(CHECK_NAME)}, checkType: LATEST }) {
              pageInfo { hasNextPage }
              nodes { databaseId status conclusion title summary annotations { totalCount } }
            }
          }
        }
      }
    }
    ${b.fields}
    ${p.fields}
  }
  org: repository(owner: $owner, name: ".github") {
    config: object(expression: ${JSON.stringify(`HEAD:${CONFIG_PATH}`)}) { ${CONFIG_FIELDS} }
  }
}`;
}

/** GraphQL names a bot by its app's slug; REST (and Cardinal) by `slug[bot]`. */
function restUser(author: { __typename: string; login: string } | null): KnownComment["user"] {
  if (!author) return null;
  return author.__typename === "Bot" ? { login: `${author.login}[bot]`, type: "Bot" } : { login: author.login, type: author.__typename };
}

/**
 * Reads the snapshot in one query. Blobs and paths beyond the per-query bound
 * are left out of it (the caller fetches what it still misses with
 * `fetchBlobs`). Throws when GitHub refuses the query.
 */
export async function readSnapshot(octokit: Octokit, request: SnapshotRequest): Promise<Snapshot> {
  const blobShas = [...new Set(request.blobShas)].slice(0, MAX_ALIASES_PER_QUERY);
  const paths = [...new Set(request.paths)].slice(0, Math.max(0, MAX_ALIASES_PER_QUERY - blobShas.length));
  const data = await queryGraphql<SnapshotAnswer>(octokit, snapshotQuery(blobShas.length, paths.length), {
    ...request.repo,
    number: request.number,
    head: request.headSha,
    config: `${request.defaultBranch}:${CONFIG_PATH}`,
    ...Object.fromEntries(CONTRIBUTING_PATHS.map((path, i) => [`contributing${i}`, `${request.defaultBranch}:${path}`])),
    ...Object.fromEntries(blobShas.map((sha, i) => [`b${i}`, sha])),
    ...Object.fromEntries(paths.map((path, i) => [`p${i}`, `${request.headSha}:${path}`])),
  });
  const repository = data.repository;
  if (!repository) throw new Error(`GitHub's GraphQL API did not find ${request.repo.owner}/${request.repo.repo}`);

  const configOf = (blob: ConfigBlob | null | undefined, source: string) =>
    blob?.__typename === "Blob" && typeof blob.text === "string" ? { text: blob.text, source, truncated: blob.isTruncated === true } : null;
  const config =
    configOf(repository.config, `${request.repo.owner}/${request.repo.repo}:${CONFIG_PATH}`) ??
    configOf(data.org?.config, `${request.repo.owner}/.github:${CONFIG_PATH}`);

  const commentPage = repository.pullRequest?.comments;
  const comments =
    commentPage && !commentPage.pageInfo.hasNextPage
      ? commentPage.nodes.flatMap((c) => (c && c.databaseId !== null ? [{ id: c.databaseId, body: c.body, user: restUser(c.author) }] : []))
      : undefined;

  const suites = repository.head?.checkSuites;
  const complete = suites && !suites.pageInfo.hasNextPage && suites.nodes.every((s) => !s?.checkRuns?.pageInfo.hasNextPage);
  const checkRuns = complete
    ? suites.nodes.flatMap((suite) =>
        (suite?.checkRuns?.nodes ?? []).flatMap((run) =>
          run && run.databaseId !== null
            ? [
                {
                  id: run.databaseId,
                  appSlug: suite?.app?.slug,
                  // GraphQL spells enums in capitals; REST (and Cardinal's renderers) in lower case.
                  status: run.status.toLowerCase(),
                  conclusion: run.conclusion?.toLowerCase() ?? null,
                  title: run.title,
                  summary: run.summary,
                  annotationsCount: run.annotations?.totalCount ?? 0,
                },
              ]
            : [],
        ),
      )
    : undefined; // incomplete, or a commit GraphQL cannot see from here (a fork's): listed through REST

  return {
    config,
    comments,
    checkRuns,
    blobs: new Map(blobShas.map((sha, i) => [sha, (repository[`b${i}`] as GraphqlBlob | null | undefined) ?? null])),
    // A commit this repository cannot see (a fork's) makes every path look absent: keep none of them.
    pullRequestHead: repository.pullRequest?.headRefOid ?? undefined,
    contributing: CONTRIBUTING_PATHS.find((_, i) => (repository[`contributing${i}`] as { __typename?: string } | null | undefined)?.__typename === "Blob") ?? null,
    paths: repository.head ? new Map(paths.map((path, i) => [path, (repository[`p${i}`] as GraphqlBlob | null | undefined) ?? null])) : new Map(),
  };
}

/** Blobs by sha, up to 100 per query; throws when GitHub refuses the query. */
export async function fetchBlobs(octokit: Octokit, repo: RepoRef, shas: readonly string[]): Promise<Map<string, GraphqlBlob | null>> {
  const out = new Map<string, GraphqlBlob | null>();
  const unique = [...new Set(shas)];
  for (let i = 0; i < unique.length; i += MAX_ALIASES_PER_QUERY) {
    const chunk = unique.slice(i, i + MAX_ALIASES_PER_QUERY);
    const { declarations, fields } = blobFields("oid", chunk.length);
    const query = `query CardinalBlobs($owner: String!, $repo: String!, ${declarations.join(", ")}) {
  repository(owner: $owner, name: $repo) {
    ${fields}
  }
}`;
    const data = await queryGraphql<{ repository: Record<string, GraphqlBlob | null> | null }>(octokit, query, {
      ...repo,
      ...Object.fromEntries(chunk.map((sha, j) => [`b${j}`, sha])),
    });
    chunk.forEach((sha, j) => out.set(sha, data.repository?.[`b${j}`] ?? null));
  }
  return out;
}
