import type { RepoFiles } from "../../core/repo.js";
import { decodeContent } from "../../parse/bytes.js";
import { blobFields, MAX_ALIASES_PER_QUERY, queryGraphql, rawBytes, type GraphqlBlob } from "./graphql.js";
import type { Octokit, RepoRef } from "./pull-request.js";

/** Text files read for rules (a `.gitattributes`, a card beside new weights) stay small. */
const MAX_READ_BYTES = 1024 * 1024;

/** What is known of one path at the head sha: absent (null), unknown (undefined), or a blob. */
type Entry = GraphqlBlob | null | undefined;

function lookupQuery(count: number): string {
  const { declarations, fields } = blobFields("expression", count);
  return `query CardinalRepoFiles($owner: String!, $repo: String!, $head: GitObjectID!, ${declarations.join(", ")}) {
  repository(owner: $owner, name: $repo) {
    head: object(oid: $head) { __typename }
    ${fields}
  }
}`;
}

interface LookupAnswer {
  readonly repository: ({ readonly head: { readonly __typename: string } | null } & Record<string, Entry>) | null;
}

/**
 * The repository at a PR's head sha, beyond the files the PR touches, read
 * only when a rule asks: each call to `existing` is one GraphQL query for all
 * the paths not known yet (text included, so a later `read` is free). A
 * source that cannot see the head commit is skipped, for this call and the
 * next ones, for the next source (a fork's). When GraphQL itself fails, the
 * tree of the head commit is read once through REST instead (as long as it
 * is complete), and texts through the contents API. When nothing answers,
 * paths count as unknown, so no rule concludes that a file is missing.
 * `seed` holds blobs already fetched.
 */
export function pullRequestRepoFiles(
  octokit: Octokit,
  sources: readonly RepoRef[],
  headSha: string,
  seed: ReadonlyMap<string, GraphqlBlob | null> = new Map(),
): RepoFiles {
  const entries = new Map<string, Promise<Entry>>([...seed].map(([path, blob]) => [path, Promise.resolve(blob)]));
  /** Sources that cannot see the head commit, learnt from their answers. */
  const blind = new Set<RepoRef>();
  let tree: Promise<ReadonlySet<string> | undefined> | undefined;

  const fromFirstSource = async <T>(fn: (source: RepoRef) => Promise<T>): Promise<T | undefined> => {
    for (const source of sources) {
      if (blind.has(source)) continue;
      try {
        return await fn(source);
      } catch (error) {
        if ((error as { status?: number }).status !== 404) return undefined;
      }
    }
    return undefined;
  };

  /** Every file path at the head sha through REST, or undefined when the tree is truncated or unreadable. */
  const restTree = () =>
    (tree ??= fromFirstSource(async (source) => {
      const { data } = await octokit.rest.git.getTree({ ...source, tree_sha: headSha, recursive: "true" });
      if (data.truncated) return undefined;
      return new Set(data.tree.filter((e) => e.type === "blob" && e.path).map((e) => e.path as string));
    }));

  const lookup = async (paths: readonly string[]): Promise<Map<string, Entry>> => {
    for (const source of sources) {
      if (blind.has(source)) continue;
      try {
        const data = await queryGraphql<LookupAnswer>(octokit, lookupQuery(paths.length), {
          ...source,
          head: headSha,
          ...Object.fromEntries(paths.map((p, i) => [`p${i}`, `${headSha}:${p}`])),
        });
        if (!data.repository?.head) {
          blind.add(source);
          continue;
        }
        const repository = data.repository;
        return new Map(paths.map((p, i) => [p, repository[`p${i}`] ?? null]));
      } catch {
        // GraphQL refused: the REST tree says which paths exist (texts are then read one by one).
        const all = await restTree();
        return new Map(paths.map((p) => [p, all === undefined ? undefined : all.has(p) ? REST_ONLY : null]));
      }
    }
    return new Map(paths.map((p) => [p, undefined]));
  };

  const ask = (paths: readonly string[]): void => {
    const unknown = [...new Set(paths)].filter((p) => !entries.has(p));
    for (let i = 0; i < unknown.length; i += MAX_ALIASES_PER_QUERY) {
      const chunk = unknown.slice(i, i + MAX_ALIASES_PER_QUERY);
      const answer = lookup(chunk);
      for (const path of chunk) entries.set(path, answer.then((m) => m.get(path)));
    }
  };

  const fetchText = (path: string): Promise<string | undefined> =>
    fromFirstSource(async (source) => {
      const { data } = await octokit.rest.repos.getContent({ ...source, path, ref: headSha, mediaType: { format: "raw" } });
      const bytes = rawBytes(data);
      if (!bytes || bytes.length > MAX_READ_BYTES) return undefined;
      const content = decodeContent(bytes);
      return content.type === "text" ? content.text : undefined;
    });

  return {
    async existing(paths) {
      ask(paths);
      const answers = await Promise.all(paths.map(async (p) => [p, await entries.get(p)] as const));
      if (answers.some(([, entry]) => entry === undefined)) return undefined;
      return new Set(answers.filter(([, entry]) => entry?.__typename === "Blob").map(([p]) => p));
    },
    async read(path) {
      ask([path]);
      const entry = await entries.get(path);
      if (!entry || entry.__typename !== "Blob" || entry.isBinary || (entry.byteSize ?? 0) > MAX_READ_BYTES) return undefined;
      if (entry.isTruncated || typeof entry.text !== "string") return fetchText(path);
      const content = decodeContent(Buffer.from(entry.text, "utf8"));
      return content.type === "text" ? content.text : undefined;
    },
  };
}

/** A path the REST tree lists: it exists, and its text is read through the contents API when asked. */
const REST_ONLY: GraphqlBlob = { __typename: "Blob", isTruncated: true };
