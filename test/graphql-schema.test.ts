/**
 * Issue 20: every GraphQL query Cardinal sends is valid against GitHub's
 * published schema (`@octokit/graphql-schema`), and so are the variables it
 * sends with it. The fake GitHub answers whatever it is asked, so a field
 * GitHub renamed or an argument of the wrong type would pass every other
 * test and fail only against github.com.
 *
 * The queries are captured as Cardinal builds them, through the real
 * functions that send them (an Octokit whose `graphql` records its call),
 * at the sizes that change their text: no aliases, one, and the most.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { schema as githubSchema } from "@octokit/graphql-schema";
import { buildSchema, getOperationAST, getVariableValues, parse, validate, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_ALIASES_PER_QUERY } from "../src/io/github/graphql.js";
import type { Octokit } from "../src/io/github/pull-request.js";
import { pullRequestRepoFiles } from "../src/io/github/repo-files.js";
import { fetchBlobs, readSnapshot } from "../src/io/github/snapshot.js";

interface Sent {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

const REPO = { owner: "acme-ai", repo: "tiny-llm" };
const HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const sha = (i: number) => i.toString(16).padStart(40, "0");

/** An Octokit whose only method is `graphql`: it records each query and answers an empty repository. */
function recorder(): { octokit: Octokit; sent: Sent[] } {
  const sent: Sent[] = [];
  const graphql = async (query: string, variables: Record<string, unknown>) => {
    sent.push({ query, variables });
    return { repository: { head: { __typename: "Commit" }, config: null, pullRequest: null }, org: null };
  };
  return { octokit: { graphql } as unknown as Octokit, sent };
}

/** Every query Cardinal sends, with the variables it sends, at the sizes that shape the text. */
async function captureQueries(): Promise<Sent[]> {
  const { octokit, sent } = recorder();
  for (const [blobs, paths] of [
    [0, 0],
    [1, 1],
    [MAX_ALIASES_PER_QUERY, 0],
    [40, MAX_ALIASES_PER_QUERY],
  ] as const) {
    await readSnapshot(octokit, {
      repo: REPO,
      number: 7,
      headSha: HEAD,
      defaultBranch: "main",
      blobShas: Array.from({ length: blobs }, (_, i) => sha(i)),
      paths: Array.from({ length: paths }, (_, i) => `models/m${i}/README.md`),
    }).catch(() => undefined); // the recorder's answer is not a whole snapshot; only the query matters here
  }
  await fetchBlobs(octokit, REPO, [sha(1)]);
  await fetchBlobs(octokit, REPO, Array.from({ length: MAX_ALIASES_PER_QUERY + 1 }, (_, i) => sha(i)));
  for (const count of [1, MAX_ALIASES_PER_QUERY]) {
    const files = pullRequestRepoFiles(octokit, [REPO], HEAD);
    await files.existing(Array.from({ length: count }, (_, i) => `models/m${i}/.gitattributes`));
  }
  return sent;
}

let schema: GraphQLSchema;
let sent: Sent[];
beforeAll(async () => {
  // The published SDL repeats one enterprise field; the schema is GitHub's own, so its SDL is taken as valid.
  schema = buildSchema(githubSchema.idl, { assumeValidSDL: true });
  sent = await captureQueries();
});

describe("Cardinal's GraphQL queries against GitHub's published schema", () => {
  it("captures each of Cardinal's operations", () => {
    const names = new Set(sent.map((s) => getOperationAST(parse(s.query))?.name?.value));
    expect([...names].sort()).toEqual(["CardinalBlobs", "CardinalRepoFiles", "CardinalSnapshot"]);
    expect(sent.length).toBeGreaterThanOrEqual(9);
  });

  it("every query validates against the schema", () => {
    for (const { query } of sent) {
      const errors = validate(schema, parse(query)).map((e) => e.message);
      expect(errors, query.slice(0, 200)).toEqual([]);
    }
  });

  it("every query's variables have the types it declares (GitObjectID, Int, String)", () => {
    for (const { query, variables } of sent) {
      const operation = getOperationAST(parse(query));
      expect(operation).toBeTruthy();
      const { errors } = getVariableValues(schema, operation!.variableDefinitions ?? [], variables) as { errors?: readonly { message: string }[] };
      expect((errors ?? []).map((e) => e.message), operation!.name?.value).toEqual([]);
    }
  });

  it("the check refuses what GitHub would refuse (a renamed field, a wrong argument type)", () => {
    expect(validate(schema, parse("query { repository(owner: \"a\", name: \"b\") { objectByPath(expression: \"x\") { id } } }"))).not.toEqual([]);
    expect(validate(schema, parse("query($n: String!) { repository(owner: \"a\", name: \"b\") { pullRequest(number: $n) { id } } }"))).not.toEqual([]);
  });

  it("no other module sends GraphQL: every call goes through queryGraphql, from the modules above", () => {
    const root = path.join(import.meta.dirname, "..", "src");
    const senders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "tools") walk(full);
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
          const text = readFileSync(full, "utf8");
          if (/\bqueryGraphql\s*(?:<[^>]*>)?\(|\.graphql\s*(?:<[^>]*>)?\(/.test(text)) senders.push(path.relative(root, full));
        }
      }
    };
    walk(root);
    expect(senders.sort()).toEqual(["io/github/graphql.ts", "io/github/repo-files.ts", "io/github/snapshot.ts"]);
  });
});
