/**
 * GitHub faults through the real Probot: a 502 retried by plugin-retry, a
 * secondary rate limit on the comment waited out and retried by Cardinal,
 * and a permanent 500 that leaves a completed neutral check run (created
 * without listing check runs first) and logs GitHub's request id.
 */
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
  OWNER,
  prFile,
  privateKey,
  REPO,
  trackUnmatched,
  type CheckRunBody,
  createLoggingProbot,
} from "./helpers/github.js";

const BROKEN_CARD = "---\nlicense: apache-2.0\npipeline_tag: text-generation: causal\n---\n\n# tiny-llm-x\n";
const REQUEST_ID = "C0DE:2F1A:8B1C2D:9E3F4A:65E2F00D";
const opened = () => fixture<"pull_request.opened">("pull_request.opened.json");

/** Probot's Octokit with plugin-retry on (fast backoff), throttling off: built for these tests only. */
const RetryingOctokit: typeof ProbotOctokit = ProbotOctokit.defaults(
  (options: { throttle?: Record<string, unknown> } & Record<string, unknown>) => ({
    ...options,
    retry: { enabled: true, retries: 2, retryAfterBaseValue: 5 },
    throttle: { ...options?.throttle, enabled: false },
  }),
);

let unmatched: ReturnType<typeof trackUnmatched>;
beforeEach(() => {
  nock.disableNetConnect();
  unmatched = trackUnmatched();
});
afterEach(() => {
  unmatched.stop();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("GitHub faults", () => {
  it("retries a 502 on the file list (plugin-retry) and publishes the review", async () => {
    const probot = new Probot({ appId: 123, privateKey, logLevel: "fatal", Octokit: RetryingOctokit });
    await probot.load(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    scope.get(`/repos/${OWNER}/${REPO}/pulls/7/files`).query({ per_page: "100" }).reply(502, { message: "Bad Gateway" });
    mockListFiles(scope, [prFile("models/x/README.md")]);
    // The snapshot (config, comments, check runs, the card's text) follows the file list that finally answered.
    mockSnapshot(scope, { files: { "models/x/README.md": BROKEN_CARD } });
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, []);

    await probot.receive({ id: "delivery-502-1", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ conclusion: "failure" });
    expect(checkRuns[0]!.output.summary).toContain("card/front-matter-valid-yaml");
  });

  it("waits out a secondary rate limit (403, retry-after: 1) on the comment and posts it once", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/x/README.md")]);
    mockSnapshot(scope, { files: { "models/x/README.md": BROKEN_CARD } });
    mockCreateCheckRun(scope, checkRuns);
    scope.post(`/repos/${OWNER}/${REPO}/issues/7/comments`).reply(
      403,
      { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits" },
      { "retry-after": "1", "x-github-request-id": REQUEST_ID },
    );
    mockCreateComment(scope, comments);

    await probot.receive({ id: "delivery-secondary-1", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("card/front-matter-valid-yaml");
  });

  it("a permanent 500 leaves a completed neutral check run and logs GitHub's request id", async () => {
    const { probot, lines } = createLoggingProbot({ Octokit: RetryingOctokit });
    await probot.load(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    // The first try and both retries of plugin-retry.
    scope
      .get(`/repos/${OWNER}/${REPO}/pulls/7/files`)
      .query({ per_page: "100" })
      .times(3)
      .reply(500, { message: "Server Error" }, { "X-GitHub-Request-Id": REQUEST_ID });
    // No snapshot without the file list, and the neutral run is created without listing check runs first.
    mockCreateCheckRun(scope, checkRuns);

    await expect(probot.receive({ id: "delivery-500-permanent", name: "pull_request", payload: opened() })).rejects.toThrow();

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ status: "completed", conclusion: "neutral", output: { title: "Review could not be completed" } });
    expect(checkRuns[0]!.output.summary).toContain(`request id ${REQUEST_ID}`);
    const failure = lines.find((l) => l.msg.startsWith("review failed"));
    expect(failure).toMatchObject({ requestId: REQUEST_ID, level: 50 });
    expect(failure!.msg).toContain(REQUEST_ID);
  });
});
