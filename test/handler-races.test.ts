/**
 * Racing events: several `synchronize` events for one pull request received
 * together. Cardinal serialises per PR and drops jobs whose head sha is no
 * longer the newest: one sticky comment, one check run, for the newest sha.
 */
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import {
  api,
  createProbot,
  fixture,
  mockCreateCheckRun,
  mockCreateComment,
  mockListFiles,
  mockReviewStart,
  mockSnapshot,
  prFile,
  type CheckRunBody,
  useNockSandbox,
} from "./helpers/github.js";
import type { GraphqlRequestBody } from "../src/tools/fake-github-graphql.js";

const BROKEN_CARD = "---\nlicense: apache-2.0\npipeline_tag: text-generation: causal\n---\n\n# tiny-llm-x\n";
const SHAS = ["1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222", "3333333333333333333333333333333333333333"];

function synchronize(sha: string) {
  const payload = fixture<"pull_request.synchronize">("pull_request.synchronize.json");
  payload.pull_request.head.sha = sha;
  return payload;
}

const unmatched = useNockSandbox();

describe("racing synchronize events", () => {
  it("three pushes received together: one review, published for the newest head sha only", async () => {
    const probot = await createProbot(app);
    const newest = SHAS[2]!;
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const queries: GraphqlRequestBody[] = [];
    const scope = api();
    // Exactly one review's worth of requests, its snapshot at the newest sha; a superseded job reaching GitHub would be unmatched.
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/x/README.md")]);
    mockSnapshot(scope, { files: { "models/x/README.md": BROKEN_CARD }, sha: newest }, queries);
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, comments);

    await Promise.all(
      SHAS.map((sha, i) => probot.receive({ id: `delivery-race-${i}`, name: "pull_request", payload: synchronize(sha) })),
    );

    expect(unmatched.requests).toEqual([]);
    expect(scope.pendingMocks()).toEqual([]);
    // The one snapshot read the check runs and the repository's paths at the newest sha.
    expect(queries).toHaveLength(1);
    const variables = queries[0]!.variables ?? {};
    expect(variables["head"]).toBe(newest);
    const paths = Object.entries(variables).filter(([name]) => /^p\d+$/.test(name));
    expect(paths.length).toBeGreaterThan(0);
    for (const [, expression] of paths) expect(expression).toMatch(new RegExp(`^${newest}:`));
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ head_sha: newest, status: "completed", conclusion: "failure" });
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("card/front-matter-valid-yaml");
  });
});
