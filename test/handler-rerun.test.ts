/**
 * Issue 20: GitHub's Re-run button on Cardinal's check run must always
 * leave a new check run, even when the review finds what it found before;
 * otherwise the button looks dead. The PR here is the base repository's own
 * (not a fork), so the snapshot does show the earlier, identical run: the
 * case where "nothing changed, nothing written" would swallow the re-run.
 */
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import { BROKEN_CARD } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  comment,
  createProbot,
  fixture,
  HEAD_SHA,
  listedCheckRun,
  BOT_LOGIN,
  mockCreateCheckRun,
  mockCreateComment,
  mockGetPull,
  mockListFiles,
  mockReviewStart,
  mockSnapshot,
  OWNER,
  prFile,
  REPO,
  type CheckRunBody,
  useNockSandbox,
} from "./helpers/github.js";

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

const CARD_PATH = "models/x/README.md";

describe("check_run.rerequested on the base repository's own pull request", () => {
  it("publishes a new check run although the verdict is unchanged, and leaves the unchanged comment alone", async () => {
    const probot = await createProbot(app);
    const opened = fixture<"pull_request.opened">("pull_request.opened.json");

    // The first review: one check run, one comment.
    const first = api();
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    mockReviewStart(first);
    mockListFiles(first, [prFile(CARD_PATH)]);
    mockSnapshot(first, { files: { [CARD_PATH]: BROKEN_CARD } });
    mockCreateCheckRun(first, checkRuns);
    mockCreateComment(first, comments);
    await probot.receive({ id: "delivery-rerun-base-1", name: "pull_request", payload: opened });
    expect(first.pendingMocks()).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ conclusion: "failure", external_id: "pr:7" });

    // Someone presses Re-run. GitHub shows the first run, identical to what the review finds again.
    const rerun = fixture<"check_run.rerequested">("check_run.rerequested.fork.json");
    rerun.check_run.pull_requests = [
      {
        id: 1,
        number: 7,
        url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/7`,
        head: { ref: "add-card", sha: HEAD_SHA, repo: { id: 1, name: REPO, url: `https://api.github.com/repos/${OWNER}/${REPO}` } },
        base: { ref: "main", sha: "b".repeat(40), repo: { id: 1, name: REPO, url: `https://api.github.com/repos/${OWNER}/${REPO}` } },
      },
    ];
    const again = api();
    const rerunRuns: CheckRunBody[] = [];
    const rerunComments: string[] = [];
    mockGetPull(again, opened.pull_request as unknown as Record<string, unknown>);
    mockListFiles(again, [prFile(CARD_PATH)]);
    mockSnapshot(again, {
      files: { [CARD_PATH]: BROKEN_CARD },
      checkRuns: [listedCheckRun(checkRuns[0]!)],
      comments: [comment(900, comments[0]!, { login: BOT_LOGIN, type: "Bot" })],
    });
    mockCreateCheckRun(again, rerunRuns, 40123456791);
    // Would catch a comment write: the comment is unchanged, so none is made.
    mockCreateComment(again, rerunComments);
    await probot.receive({ id: "delivery-rerun-base-2", name: "check_run", payload: rerun });

    expect(unmatched.requests).toEqual([]);
    expect(rerunRuns).toHaveLength(1);
    expect(rerunRuns[0]).toMatchObject({ head_sha: HEAD_SHA, conclusion: "failure", external_id: "pr:7" });
    expect(rerunRuns[0]!.output.summary).toBe(checkRuns[0]!.output.summary);
    expect(rerunComments).toEqual([]);
    // Only the comment's mock is left: the re-run wrote its check run and nothing else.
    expect(again.pendingMocks()).toHaveLength(1);
  });
});
