import type { Octokit } from "./pull-request.js";

/** The fields Cardinal reads of a blob: enough to decode a text file without a second request. */
export const BLOB_FIELDS = "__typename ... on Blob { byteSize isBinary isTruncated text }";

/** A blob as GraphQL answers it (`text` is null for binary data, cut short when `isTruncated`). */
export interface GraphqlBlob {
  readonly __typename: string;
  readonly byteSize?: number;
  readonly isBinary?: boolean | null;
  readonly isTruncated?: boolean;
  readonly text?: string | null;
}

/** Aliased fields of one query are limited so that a response stays small and GitHub's query cost low. */
export const MAX_ALIASES_PER_QUERY = 100;

interface ResponseError {
  readonly type?: string;
  readonly path?: readonly (string | number)[];
  readonly message?: string;
}

/**
 * Runs a GraphQL query and returns its data. GitHub answers a field it cannot
 * resolve (a repository that does not exist, an object the token cannot see)
 * with null and a NOT_FOUND error beside the rest of the data; such answers
 * count as "absent". Any other error is thrown, for the caller to fall back.
 */
export async function queryGraphql<T>(octokit: Octokit, query: string, variables: Record<string, unknown>): Promise<T> {
  try {
    return await octokit.graphql<T>(query, variables);
  } catch (error) {
    const e = error as { name?: string; errors?: readonly ResponseError[]; data?: T | null };
    if (e?.name === "GraphqlResponseError" && e.data && (e.errors ?? []).every((x) => x.type === "NOT_FOUND")) return e.data;
    throw error;
  }
}

/**
 * `count` aliased blob fields of a query, asked by sha (`b0: object(oid: $b0)`)
 * or by `commit:path` (`p0: object(expression: $p0)`): the aliases, their
 * variable declarations, and the fields.
 */
export function blobFields(kind: "oid" | "expression", count: number): { names: string[]; declarations: string[]; fields: string } {
  const names = Array.from({ length: count }, (_, i) => `${kind === "oid" ? "b" : "p"}${i}`);
  return {
    names,
    declarations: names.map((n) => `$${n}: ${kind === "oid" ? "GitObjectID" : "String"}!`),
    fields: names.map((n) => `${n}: object(${kind}: $${n}) { ${BLOB_FIELDS} }`).join("\n    "),
  };
}

/** Raw bytes from the contents API's raw media type (a string, or an ArrayBuffer for binary data). */
export function rawBytes(body: unknown): Uint8Array | undefined {
  if (typeof body === "string") return Buffer.from(body, "utf8");
  return body instanceof ArrayBuffer ? new Uint8Array(body) : undefined;
}
