/**
 * The sticky comment and redeliveries: one Cardinal comment per PR, found by
 * its marker and the app's own login, edited only when its text changes.
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
  lfsPointerPatch,
  listedCheckRun,
  MARKER,
  mockApp,
  mockContent,
  mockCreateCheckRun,
  mockCreateComment,
  mockDeleteComment,
  mockListCheckRuns,
  mockListComments,
  mockListFiles,
  mockNoConfig,
  mockReviewStart,
  mockToken,
  mockUpdateComment,
  prFile,
  type CheckRunBody,
  mockRepoWithLfs,
  useNockSandbox,
} from "./helpers/github.js";

/** Cardinal's comment from an earlier push (another sha, another finding). */
const STALE_BODY = `${MARKER}\n### Cardinal review\n\n**1 warning** in 1 file · reviewed at \`c2a6b03\`\n\n#### \`models/x/README.md\`\n\n- ⚠️ **No metadata block at the top of the card** (line 1)\n`;

const synchronize = () => fixture<"pull_request.synchronize">("pull_request.synchronize.json");
const opened = () => fixture<"pull_request.opened">("pull_request.opened.json");

/** Listing and reading a PR that adds the given card next to LFS weights. */
function mockPullRequestFiles(scope: nock.Scope, card: string): void {
  mockListFiles(scope, [prFile("models/x/README.md"), prFile("models/x/model.safetensors", { patch: lfsPointerPatch(163_840_000) })]);
  mockRepoWithLfs(scope);
  mockContent(scope, "models/x/README.md", card);
}

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

describe("sticky comment", () => {
  it("PATCHes Cardinal's earlier comment on synchronize instead of posting a second one", async () => {
    const probot = await createProbot(app);
    const updates: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPullRequestFiles(scope, BROKEN_CARD);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, []);
    mockListComments(scope, [
      comment(101, "Thanks! Could you also add the eval numbers?", { login: "maintainer-max" }),
      comment(102, STALE_BODY, { login: BOT_LOGIN, type: "Bot" }),
    ]);
    mockUpdateComment(scope, 102, updates);

    await probot.receive({ id: "delivery-sync-1", name: "pull_request", payload: synchronize() });

    expect(scope.pendingMocks()).toEqual([]);
    // No POST /comments mock exists: a second comment would be an unmatched request.
    expect(unmatched.requests).toEqual([]);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.startsWith(MARKER)).toBe(true);
    expect(updates[0]).toContain("card/front-matter-valid-yaml");
    expect(updates[0]).toContain("reviewed at `6dcb09b`");
  });

  it("writes nothing when the comment and the check run already say the same", async () => {
    // First review: capture exactly what Cardinal publishes for this head sha.
    const first = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const created: string[] = [];
    const firstScope = api();
    mockReviewStart(firstScope);
    mockPullRequestFiles(firstScope, BROKEN_CARD);
    mockListCheckRuns(firstScope);
    mockCreateCheckRun(firstScope, checkRuns);
    mockListComments(firstScope, []);
    mockCreateComment(firstScope, created);
    await first.receive({ id: "delivery-same-1", name: "pull_request", payload: opened() });
    expect(firstScope.pendingMocks()).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(created).toHaveLength(1);

    // The same sha again (a new process, a new delivery): GitHub already shows both.
    const second = await createProbot(app);
    const scope = api();
    mockReviewStart(scope);
    mockPullRequestFiles(scope, BROKEN_CARD);
    mockListCheckRuns(scope, [listedCheckRun(checkRuns[0]!)]);
    mockListComments(scope, [comment(900, created[0]!, { login: BOT_LOGIN, type: "Bot" })]);

    await second.receive({ id: "delivery-same-2", name: "pull_request", payload: synchronize() });

    expect(scope.pendingMocks()).toEqual([]);
    // No PATCH of the comment, no new check run: both would be unmatched.
    expect(unmatched.requests).toEqual([]);
  });

  it("keeps the oldest of two Cardinal comments (PATCHed) and DELETEs the other, leaving others' comments alone", async () => {
    const probot = await createProbot(app);
    const updates: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPullRequestFiles(scope, BROKEN_CARD);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, []);
    mockListComments(scope, [
      comment(201, STALE_BODY, { login: BOT_LOGIN, type: "Bot" }),
      comment(202, "Looks good to me once the card is fixed.", { login: "maintainer-max" }),
      comment(203, `${STALE_BODY}\n(duplicate from a race)`, { login: BOT_LOGIN, type: "Bot" }),
      comment(204, `${MARKER}\nquoting the bot here`, { login: "octo-dana" }),
    ]);
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
    mockPullRequestFiles(scope, BROKEN_CARD);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, []);
    mockListComments(scope, [comment(301, `${MARKER}\n### Cardinal review\n\nAll clear, merge away!`, author)]);
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
    mockPullRequestFiles(scope, GOOD_CARD);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, checkRuns);
    mockListComments(scope, [comment(401, STALE_BODY, { login: BOT_LOGIN, type: "Bot" })]);
    mockUpdateComment(scope, 401, updates);

    await probot.receive({ id: "delivery-clear-1", name: "pull_request", payload: synchronize() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns[0]).toMatchObject({ conclusion: "success", output: { title: "No problems found" } });
    expect(updates).toHaveLength(1);
    expect(updates[0]!.startsWith(MARKER)).toBe(true);
    expect(updates[0]).toContain("All clear at `6dcb09b`");
    expect(updates[0]).toContain("@octo-dana");
    expect(updates[0]).not.toContain("No metadata block");
  });

  it("posts no comment when there are no findings and no earlier comment, and passes the check", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPullRequestFiles(scope, GOOD_CARD);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, checkRuns);
    mockListComments(scope, [comment(501, "Nice model!", { login: "maintainer-max" })]);

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
    mockPullRequestFiles(scope, BROKEN_CARD);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, []);
    mockListComments(scope, []);
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
  it("falls back to marker + bot type when GET /app fails, and asks again on the next review", async () => {
    const probot = await createProbot(app);
    const updates: string[] = [];
    const scope = api();
    mockToken(scope);
    scope.get("/app").reply(500, { message: "Server Error" });
    mockNoConfig(scope);
    mockPullRequestFiles(scope, BROKEN_CARD);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, []);
    mockListComments(scope, [comment(601, STALE_BODY, { login: BOT_LOGIN, type: "Bot" })]);
    mockUpdateComment(scope, 601, updates);

    await probot.receive({ id: "delivery-identity-1", name: "pull_request", payload: synchronize() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(updates).toHaveLength(1);

    // Next review in the same process: GET /app is asked again, and now only cardinal-test[bot] counts.
    const created: string[] = [];
    const next = api();
    mockApp(next);
    mockNoConfig(next);
    mockPullRequestFiles(next, BROKEN_CARD);
    mockListCheckRuns(next);
    mockCreateCheckRun(next, []);
    mockListComments(next, [comment(602, STALE_BODY, { login: "github-actions[bot]", type: "Bot" })]);
    mockCreateComment(next, created);

    await probot.receive({ id: "delivery-identity-2", name: "pull_request", payload: synchronize() });

    expect(next.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(created).toHaveLength(1);
  });
});
