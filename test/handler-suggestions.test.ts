/**
 * One-click suggestions through the real Probot: a fix on the diff becomes a
 * pull request review with a suggestion block, once per head sha, never
 * repeated, and never at the cost of the review itself.
 */
import type nock from "nock";
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import { CARD_BODY_LINES } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  comment,
  createProbot,
  fixture,
  HEAD_SHA,
  listedCheckRun,
  mockCreateCheckRun,
  mockCreateComment,
  mockCreateReview,
  mockListFiles,
  mockListReviewComments,
  mockListReviews,
  mockReviewStart,
  mockSnapshot,
  prFile,
  review,
  reviewComment,
  type CheckRunBody,
  type ReviewBody,
  useNockSandbox,
  retitled,
} from "./helpers/github.js";

const CARD_PATH = "models/x/README.md";
/** A model card whose only problem is the misspelt `licence` key on line 2 (card/known-keys has a fix). */
const CARD_LINES = ["---", "licence: mit", "library_name: transformers", "---", "", "# tiny-llm-x", "", ...CARD_BODY_LINES];
const CARD = CARD_LINES.join("\n");
/** The diff of the card added in full. */
const ADDED_PATCH = `@@ -0,0 +1,${CARD_LINES.length} @@\n${CARD_LINES.map((l) => `+${l}`).join("\n")}`;
/** The diff of an edit far from the metadata: line 2 is not part of it. */
const BODY_EDIT_PATCH = "@@ -10,3 +10,3 @@\n \n-Old uses.\n+Generating short children's stories in English.\n ";

const opened = () => fixture<"pull_request.opened">("pull_request.opened.json");

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

/**
 * The requests of the review itself, up to the sticky comment: the file list,
 * the snapshot (config, no comment or check run yet, the card's text), the
 * check run and the comment.
 */
function mockReviewedCard(
  scope: nock.Scope,
  patch: string,
  checkRuns: CheckRunBody[],
  comments: string[],
  options: { status?: "added" | "modified"; config?: string } = {},
) {
  mockListFiles(scope, [prFile(CARD_PATH, { status: options.status ?? "added", patch })]);
  mockSnapshot(scope, { files: { [CARD_PATH]: CARD }, ...(options.config !== undefined ? { config: options.config } : {}) });
  mockCreateCheckRun(scope, checkRuns);
  mockCreateComment(scope, comments);
}

describe("suggestions", () => {
  it("posts one review with a suggestion for a fix on an added line, and none again for the same head sha", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const reviews: ReviewBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockReviewedCard(scope, ADDED_PATCH, checkRuns, comments);
    mockListReviews(scope, []);
    mockListReviewComments(scope, []);
    mockCreateReview(scope, reviews);

    await probot.receive({ id: "delivery-suggest-1", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns[0]!.output.summary).toContain("card/known-keys");
    expect(reviews).toHaveLength(1);
    const posted = reviews[0]!;
    expect(posted).toMatchObject({ commit_id: HEAD_SHA, event: "COMMENT" });
    expect(posted.body).not.toContain("\n");
    expect(posted.comments).toEqual([
      {
        path: CARD_PATH,
        line: 2,
        side: "RIGHT",
        body: expect.stringContaining("```suggestion\nlicense: mit\n```") as unknown as string,
      },
    ]);
    expect(posted.comments[0]!.body).toContain("`card/known-keys`");

    // The same head sha again (a re-run): the check run, comment and review are all there already,
    // so the snapshot shows the first two unchanged and only the reviews are listed: no write at all.
    const again = api();
    mockListFiles(again, [prFile(CARD_PATH, { patch: ADDED_PATCH })]);
    mockSnapshot(again, {
      files: { [CARD_PATH]: CARD },
      checkRuns: [listedCheckRun(checkRuns[0]!)],
      comments: [comment(900, comments[0]!, { login: "cardinal-test[bot]", type: "Bot" })],
    });
    mockListReviews(again, [review(81_000, HEAD_SHA)]);

    // (A new state of the pull request, its title, so that it is reviewed again.)
    await probot.receive({ id: "delivery-suggest-2", name: "pull_request", payload: retitled(opened(), "Add a card (v2)") });

    expect(again.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(reviews).toHaveLength(1);
  });

  it("does not repeat a suggestion posted on an earlier commit, applied or not", async () => {
    const probot = await createProbot(app);
    const reviews: ReviewBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockReviewedCard(scope, ADDED_PATCH, [], []);
    // An earlier review, of another commit, already suggested the same fix at the same line (now outdated).
    mockListReviews(scope, [review(81_000, "0".repeat(40))]);
    const earlier = {
      path: CARD_PATH,
      line: 2,
      side: "RIGHT",
      body: "Metadata key looks misspelled (`card/known-keys`)\n\n```suggestion\nlicense: mit\n```",
    };
    mockListReviewComments(scope, [reviewComment(5001, earlier, { line: null })]);

    await probot.receive({ id: "delivery-suggest-repeat", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(reviews).toEqual([]);
  });

  it("posts no review for a fix on a line outside the diff", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockReviewedCard(scope, BODY_EDIT_PATCH, checkRuns, [], { status: "modified" });

    await probot.receive({ id: "delivery-suggest-outside", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    // The fix is still reported, in the check run.
    expect(checkRuns[0]!.output.summary).toContain("card/known-keys");
  });

  it("logs a 422 from GitHub and completes the review", async () => {
    const probot = await createProbot(app);
    const reviews: ReviewBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockReviewedCard(scope, ADDED_PATCH, [], []);
    mockListReviews(scope, []);
    mockListReviewComments(scope, []);
    mockCreateReview(scope, reviews, { status: 422 });

    await expect(probot.receive({ id: "delivery-suggest-422", name: "pull_request", payload: opened() })).resolves.toBeUndefined();

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(reviews).toHaveLength(1);
  });

  it("makes no review request at all with `suggestions: false`", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    // The repository's config comes in the snapshot.
    mockReviewedCard(scope, ADDED_PATCH, checkRuns, [], { config: "suggestions: false\n" });

    await probot.receive({ id: "delivery-suggest-off", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns[0]!.output.summary).toContain("card/known-keys");
  });
});
