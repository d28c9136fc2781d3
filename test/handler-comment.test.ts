/**
 * The sticky comment and redeliveries: one Cardinal comment per PR, found by
 * its marker and the app's own login among the comments the review's
 * snapshot reads, edited only when its text changes.
 */
import type nock from "nock";
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import { BROKEN_CARD, GOOD_CARD } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  BOT_LOGIN,
  comment,
  createProbot,
  fixture,
  HEAD_SHA,
  lfsPointerPatch,
  listedCheckRun,
  MARKER,
  mockApp,
  mockCreateCheckRun,
  mockCreateComment,
  mockDeleteComment,
  mockListFiles,
  mockReviewStart,
  mockSnapshot,
  mockToken,
  mockUpdateComment,
  prFile,
  REPO_WITH_LFS,
  type CheckRunBody,
  type SnapshotOptions,
  useNockSandbox,
  createLoggingProbot,
  retitled,
} from "./helpers/github.js";
import type { GraphqlRequestBody } from "../src/tools/fake-github-graphql.js";

/** Cardinal's comment from an earlier push (another finding). */
const STALE_BODY = `${MARKER}\n### Cardinal review\n\n**1 warning** in 1 file\n\n#### \`models/x/README.md\`\n\n- ⚠️ **No metadata block at the top of the card** (line 1)\n`;

const synchronize = () => fixture<"pull_request.synchronize">("pull_request.synchronize.json");
const opened = () => fixture<"pull_request.opened">("pull_request.opened.json");

/**
 * A PR that adds the given card next to LFS weights: its file list, then the
 * review's snapshot (the card's text, the repository around it, and the PR's
 * comments and check runs as `github` says).
 */
function mockPullRequest(
  scope: nock.Scope,
  card: string,
  github: Pick<SnapshotOptions, "comments" | "checkRuns" | "sha"> = {},
  into?: GraphqlRequestBody[],
): void {
  mockListFiles(scope, [prFile("models/x/README.md"), prFile("models/x/model.safetensors", { patch: lfsPointerPatch(163_840_000) })]);
  mockSnapshot(scope, { files: { "models/x/README.md": card }, repo: REPO_WITH_LFS, ...github }, into);
}

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

describe("sticky comment", () => {
  it("PATCHes Cardinal's earlier comment on synchronize instead of posting a second one", async () => {
    const probot = await createProbot(app);
    const updates: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    // The snapshot brings the PR's comments: no GET /issues/7/comments.
    mockPullRequest(scope, BROKEN_CARD, {
      comments: [
        comment(101, "Thanks! Could you also add the eval numbers?", { login: "maintainer-max" }),
        comment(102, STALE_BODY, { login: BOT_LOGIN, type: "Bot" }),
      ],
    });
    mockCreateCheckRun(scope, []);
    mockUpdateComment(scope, 102, updates);

    await probot.receive({ id: "delivery-sync-1", name: "pull_request", payload: synchronize() });

    expect(scope.pendingMocks()).toEqual([]);
    // No POST /comments mock exists: a second comment would be an unmatched request.
    expect(unmatched.requests).toEqual([]);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.startsWith(MARKER)).toBe(true);
    // The findings of the head sha replace the earlier push's; the text names no commit.
    expect(updates[0]).toContain("card/front-matter-valid-yaml");
    expect(updates[0]).not.toContain("No metadata block");
    expect(updates[0]).not.toContain(HEAD_SHA.slice(0, 7));
    expect(updates[0]).toContain("this comment follows the latest push; each commit's result is in its Cardinal check");
  });

  it("writes nothing when the comment and the check run already say the same", async () => {
    // First review: capture exactly what Cardinal publishes for this head sha.
    const first = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const created: string[] = [];
    const firstScope = api();
    mockReviewStart(firstScope);
    mockPullRequest(firstScope, BROKEN_CARD);
    mockCreateCheckRun(firstScope, checkRuns);
    mockCreateComment(firstScope, created);
    await first.receive({ id: "delivery-same-1", name: "pull_request", payload: opened() });
    expect(firstScope.pendingMocks()).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(created).toHaveLength(1);

    // The same sha again (a new process, a new delivery): the snapshot shows GitHub has both already.
    const second = await createProbot(app);
    const scope = api();
    mockReviewStart(scope);
    mockPullRequest(scope, BROKEN_CARD, {
      checkRuns: [listedCheckRun(checkRuns[0]!)],
      comments: [comment(900, created[0]!, { login: BOT_LOGIN, type: "Bot" })],
    });

    await second.receive({ id: "delivery-same-2", name: "pull_request", payload: synchronize() });

    expect(scope.pendingMocks()).toEqual([]);
    // No PATCH of the comment, no new check run: both would be unmatched.
    expect(unmatched.requests).toEqual([]);
  });

  it("leaves the comment untouched on a push that changes no finding, and checks the new commit", async () => {
    const first = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const created: string[] = [];
    const firstScope = api();
    mockReviewStart(firstScope);
    mockPullRequest(firstScope, BROKEN_CARD);
    mockCreateCheckRun(firstScope, checkRuns);
    mockCreateComment(firstScope, created);
    await first.receive({ id: "delivery-push-1", name: "pull_request", payload: opened() });
    expect(firstScope.pendingMocks()).toEqual([]);
    expect(created).toHaveLength(1);

    // A new commit with the same card: no check run on it yet, Cardinal's comment from the first review.
    const newer = "c2a6b03f1e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";
    const payload = synchronize();
    payload.pull_request.head.sha = newer;
    const second = await createProbot(app);
    const queries: GraphqlRequestBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPullRequest(scope, BROKEN_CARD, { sha: newer, comments: [comment(900, created[0]!, { login: BOT_LOGIN, type: "Bot" })] }, queries);
    mockCreateCheckRun(scope, checkRuns);

    await second.receive({ id: "delivery-push-2", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    // No PATCH mock: rewriting the same text would be unmatched.
    expect(unmatched.requests).toEqual([]);
    expect(queries[0]!.variables).toMatchObject({ head: newer });
    expect(checkRuns).toHaveLength(2);
    expect(checkRuns[1]).toMatchObject({ head_sha: newer, conclusion: checkRuns[0]!.conclusion, output: { title: checkRuns[0]!.output.title } });
  });

  it("keeps the oldest of two Cardinal comments (PATCHed) and DELETEs the other, leaving others' comments alone", async () => {
    const probot = await createProbot(app);
    const updates: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPullRequest(scope, BROKEN_CARD, {
      comments: [
        comment(201, STALE_BODY, { login: BOT_LOGIN, type: "Bot" }),
        comment(202, "Looks good to me once the card is fixed.", { login: "maintainer-max" }),
        comment(203, `${STALE_BODY}\n(duplicate from a race)`, { login: BOT_LOGIN, type: "Bot" }),
        comment(204, `${MARKER}\nquoting the bot here`, { login: "octo-dana" }),
      ],
    });
    mockCreateCheckRun(scope, []);
    mockDeleteComment(scope, 203);
    mockUpdateComment(scope, 201, updates);

    await probot.receive({ id: "delivery-dupes-1", name: "pull_request", payload: synchronize() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toContain("card/front-matter-valid-yaml");
  });

  it.each([
    ["a user", { login: "mallory", type: "User" }],
    ["another app", { login: "github-actions[bot]", type: "Bot" }],
  ])("never edits a comment with the marker written by %s; posts its own instead", async (_who, author) => {
    const probot = await createProbot(app);
    const created: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPullRequest(scope, BROKEN_CARD, { comments: [comment(301, `${MARKER}\n### Cardinal review\n\nAll clear, merge away!`, author)] });
    mockCreateCheckRun(scope, []);
    mockCreateComment(scope, created);

    await probot.receive({ id: "delivery-impostor-1", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    // No PATCH or DELETE mock for comment 301: touching it would be unmatched.
    expect(unmatched.requests).toEqual([]);
    expect(created).toHaveLength(1);
    expect(created[0]).toContain("card/front-matter-valid-yaml");
  });

  it("turns an earlier Cardinal comment into the all-clear once everything is fixed", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const updates: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPullRequest(scope, GOOD_CARD, { comments: [comment(401, STALE_BODY, { login: BOT_LOGIN, type: "Bot" })] });
    mockCreateCheckRun(scope, checkRuns);
    mockUpdateComment(scope, 401, updates);

    await probot.receive({ id: "delivery-clear-1", name: "pull_request", payload: synchronize() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns[0]).toMatchObject({ conclusion: "success", output: { title: "No problems found" } });
    expect(updates).toHaveLength(1);
    expect(updates[0]!.startsWith(MARKER)).toBe(true);
    expect(updates[0]).toContain("### ✅ All clear — thank you, @octo-dana!");
    expect(updates[0]).not.toContain(HEAD_SHA.slice(0, 7));
    expect(updates[0]).not.toContain("No metadata block");
  });

  it("posts no comment when there are no findings and no earlier comment, and passes the check", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPullRequest(scope, GOOD_CARD, { comments: [comment(501, "Nice model!", { login: "maintainer-max" })] });
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({ id: "delivery-clear-2", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({
      conclusion: "success",
      output: { title: "No problems found", summary: "Cardinal reviewed 2 files and found nothing to fix." },
    });
    expect(checkRuns[0]!.output.annotations).toBeUndefined();
  });
});

describe("redelivery", () => {
  it("ignores a second delivery with the same id: no requests, no second comment", async () => {
    const probot = await createProbot(app);
    const created: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPullRequest(scope, BROKEN_CARD);
    mockCreateCheckRun(scope, []);
    mockCreateComment(scope, created);

    await probot.receive({ id: "delivery-redelivered", name: "pull_request", payload: opened() });
    expect(scope.pendingMocks()).toEqual([]);
    expect(created).toHaveLength(1);

    // Every interceptor is used up: any request now would be unmatched.
    await probot.receive({ id: "delivery-redelivered", name: "pull_request", payload: opened() });

    expect(unmatched.requests).toEqual([]);
    expect(created).toHaveLength(1);
  });
});

describe("bot identity", () => {
  it("when GET /app fails, touches no comment (not even one with its marker), says so in the log, and asks again on the next review", async () => {
    const { probot, lines } = createLoggingProbot();
    await probot.load(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockToken(scope);
    scope.get("/app").reply(500, { message: "Server Error" });
    // Another bot's comment that starts with Cardinal's marker, and one that is Cardinal's: neither can be
    // proved Cardinal's without its login, so neither is edited nor deleted, and no new one is created.
    mockPullRequest(scope, BROKEN_CARD, {
      comments: [comment(600, STALE_BODY, { login: "copycat[bot]", type: "Bot" }), comment(601, STALE_BODY, { login: BOT_LOGIN, type: "Bot" })],
    });
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({ id: "delivery-identity-1", name: "pull_request", payload: synchronize() });

    expect(scope.pendingMocks()).toEqual([]);
    // No PATCH, DELETE or POST on a comment reached GitHub (the sandbox records every unmatched request).
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]!.conclusion).toBe("failure");
    expect(lines.some((l) => l.level === 40 && l.msg.includes("could not learn its own login"))).toBe(true);

    // Next review in the same process (a new push): GET /app is asked again, and only cardinal-test[bot]'s
    // comment counts as Cardinal's, so the copycat's is left alone and Cardinal creates its own.
    const created: string[] = [];
    const next = api();
    mockApp(next);
    mockPullRequest(next, BROKEN_CARD, { comments: [comment(602, STALE_BODY, { login: "github-actions[bot]", type: "Bot" })] });
    mockCreateCheckRun(next, []);
    mockCreateComment(next, created);

    await probot.receive({ id: "delivery-identity-2", name: "pull_request", payload: retitled(synchronize(), "Fix the card") });

    expect(next.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(created).toHaveLength(1);
  });
});
