/**
 * Floods from a stranger cost nothing (issue 18): many deliveries for one
 * pull request state, many `/cardinal` comments, many rechecks, and a late
 * delivery for a commit that is no longer the head. Each test mocks exactly
 * the requests the flood may cost: one more would be an unmatched request
 * (the sandbox records it) and fail the test.
 */
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import { REPLIES_PER_WINDOW, ReplyLimiter, reviewState, ReviewedStates } from "../src/io/github/flood.js";
import { BROKEN_CARD } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  createProbot,
  fixture,
  HEAD_SHA,
  mockCreateCheckRun,
  mockCreateComment,
  mockGetPull,
  mockListFiles,
  mockPermission,
  mockReviewStart,
  mockSnapshot,
  prFile,
  privateKey,
  type CheckRunBody,
  useNockSandbox,
} from "./helpers/github.js";

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

const CARD_PATH = "models/x/README.md";
const opened = () => fixture<"pull_request.opened">("pull_request.opened.json");

function commented(body: string, login: string, number = 7) {
  const payload = fixture<"issue_comment.created">("issue_comment.created.json");
  payload.comment.body = body;
  payload.comment.user = { ...payload.comment.user!, login, type: "User" };
  payload.sender = { ...payload.sender, login, type: "User" };
  payload.issue.number = number;
  return payload;
}

describe("a flood of deliveries for one pull request state", () => {
  it("200 deliveries (distinct ids) for one PR and head sha run one review", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile(CARD_PATH)]);
    mockSnapshot(scope, { files: { [CARD_PATH]: BROKEN_CARD } });
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, comments);

    // Half at once (they race in the queue), half after the first review is published.
    await Promise.all(Array.from({ length: 100 }, (_, i) => probot.receive({ id: `flood-${i}`, name: "pull_request", payload: opened() })));
    for (let i = 100; i < 200; i++) await probot.receive({ id: `flood-${i}`, name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(comments).toHaveLength(1);
  });
});

describe("a flood of commands", () => {
  it("100 `/cardinal` comments from a stranger get one reply", async () => {
    const probot = await createProbot(app);
    const replies: string[] = [];
    const scope = api();
    scope.post("/app/installations/48151623/access_tokens").reply(200, { token: "ghs_test", permissions: {} });
    mockCreateComment(scope, replies);

    for (let i = 0; i < 100; i++) {
      await probot.receive({ id: `help-${i}`, name: "issue_comment", payload: commented("/cardinal", "passer-by") });
    }

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(replies).toHaveLength(1);
  });

  it("100 different commands from one stranger get at most the per-person bound of replies", async () => {
    const probot = await createProbot(app);
    const replies: string[] = [];
    const scope = api();
    scope.post("/app/installations/48151623/access_tokens").reply(200, { token: "ghs_test", permissions: {} });
    for (let i = 0; i < REPLIES_PER_WINDOW; i++) mockCreateComment(scope, replies, 7 + (i % 3));

    for (let i = 0; i < 100; i++) {
      // Spread over three pull requests, each comment a different unknown command.
      await probot.receive({ id: `cmd-${i}`, name: "issue_comment", payload: commented(`/cardinal frobnicate-${i}`, "passer-by", 7 + (i % 3)) });
    }

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(replies).toHaveLength(REPLIES_PER_WINDOW);
  });

  it("100 `/cardinal recheck` from a stranger: GitHub is asked their permission once, and one refusal is posted", async () => {
    const probot = await createProbot(app);
    const replies: string[] = [];
    const scope = api();
    scope.post("/app/installations/48151623/access_tokens").reply(200, { token: "ghs_test", permissions: {} });
    mockPermission(scope, "passer-by", "read");
    mockCreateComment(scope, replies);

    for (let i = 0; i < 100; i++) {
      await probot.receive({ id: `recheck-stranger-${i}`, name: "issue_comment", payload: commented("/cardinal recheck", "passer-by") });
    }

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(replies).toHaveLength(1);
  });

  it("100 `/cardinal recheck` from the author at once make one review and one check run", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockGetPull(scope, opened().pull_request as unknown as Record<string, unknown>);
    mockListFiles(scope, [prFile(CARD_PATH)]);
    mockSnapshot(scope, { files: { [CARD_PATH]: BROKEN_CARD } });
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, comments);

    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        probot.receive({ id: `recheck-author-${i}`, name: "issue_comment", payload: commented("/cardinal recheck", "octo-dana") }),
      ),
    );

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
  });
});

describe("only the newest head speaks in the conversation", () => {
  it("a late delivery for a commit that is no longer the head publishes that commit's check run and no comment", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile(CARD_PATH)]);
    // GitHub says the pull request's head is another, newer commit.
    mockSnapshot(scope, { files: { [CARD_PATH]: BROKEN_CARD }, pullRequestHead: "9".repeat(40) });
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({ id: "late-1", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    // No POST or PATCH of a comment, no suggestions review: they would be unmatched requests.
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ head_sha: HEAD_SHA, conclusion: "failure" });
  });
});

describe("the flood bounds themselves", () => {
  it("ReplyLimiter: the same command once, then a bound per pull request and per person", () => {
    const limiter = new ReplyLimiter(3);
    expect(limiter.decide("o/r#1", "Ann", "/cardinal help")).toBe("reply");
    expect(limiter.decide("o/r#1", "ann", "/Cardinal HELP ")).toBe("repeated");
    expect(limiter.decide("o/r#1", "bob", "/cardinal help")).toBe("reply");
    expect(limiter.decide("o/r#1", "cy", "/cardinal help")).toBe("reply");
    expect(limiter.decide("o/r#1", "dee", "/cardinal help")).toBe("pull-request-limit");
    expect(limiter.decide("o/r#2", "ann", "/cardinal a")).toBe("reply");
    expect(limiter.decide("o/r#3", "ann", "/cardinal b")).toBe("reply");
    expect(limiter.decide("o/r#4", "ann", "/cardinal c")).toBe("user-limit");
  });

  it("ReviewedStates: a state is claimed once while queued and once reviewed; a failed review may run again", () => {
    const states = new ReviewedStates();
    const a = reviewState({ head: { sha: "a".repeat(40) }, draft: false, title: "t", labels: [{ name: "X" }] });
    expect(states.claim("pr", a)).toBe(true);
    expect(states.claim("pr", a)).toBe(false);
    expect(states.claim("pr", a, true)).toBe(true); // asked for: runs anyway
    states.settle("pr", a, false);
    expect(states.claim("pr", a)).toBe(false); // the first is still queued
    states.settle("pr", a, false);
    expect(states.claim("pr", a)).toBe(true); // nothing queued, nothing published: a redelivery runs
    states.settle("pr", a, true);
    expect(states.claim("pr", a)).toBe(false);
    // Draft, title and labels are part of the state; label order is not.
    const ready = reviewState({ head: { sha: "a".repeat(40) }, draft: true, title: "t", labels: [{ name: "X" }] });
    expect(states.claim("pr", ready)).toBe(true);
    expect(reviewState({ head: { sha: "b" }, labels: [{ name: "x" }, { name: "Y" }] })).toBe(
      reviewState({ head: { sha: "b" }, labels: [{ name: "y" }, { name: "X" }] }),
    );
  });
});

describe("GitHub's write throttle", () => {
  it("is keyed per installation: one installation's burst of writes does not delay another's", async () => {
    // Probot's own Octokit with its throttle on (as `probot run` builds it), retries off.
    const probot = new Probot({
      appId: 123,
      privateKey,
      logLevel: "fatal",
      Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false } })),
    });
    const scope = nock("https://api.github.com")
      .post(/^\/app\/installations\/(1|2)\/access_tokens$/)
      .times(2)
      .reply(200, { token: "ghs_test", permissions: {} })
      .post("/repos/o/r/check-runs")
      .times(4)
      .reply(201, { id: 1 });
    const busy = await probot.auth(1);
    const quiet = await probot.auth(2);
    const order: string[] = [];
    const write = (octokit: typeof busy, who: string) =>
      octokit.rest.checks.create({ owner: "o", repo: "r", name: "Cardinal", head_sha: "a".repeat(40) }).then(() => order.push(who));

    // Installation 1 queues three writes (the throttle spaces them a second apart); installation 2 writes once meanwhile.
    const burst = Promise.all([write(busy, "busy-1"), write(busy, "busy-2"), write(busy, "busy-3")]);
    await new Promise((resolve) => setImmediate(resolve));
    await write(quiet, "quiet");
    await burst;

    expect(scope.pendingMocks()).toEqual([]);
    // The quiet installation's write went out before the busy one's second: it did not queue behind it.
    expect(order.indexOf("quiet")).toBeLessThan(order.indexOf("busy-2"));
  }, 15_000);
});
