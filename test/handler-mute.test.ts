/** A `cardinal: mute <rule-id>` label switches one rule off for one pull request, and the comment says so. */
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import { CARD_BODY_LINES } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  createProbot,
  fixture,
  HEAD_SHA,
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

const CARD = ["---", "license: Apache 2.0", "language: EN", "---", "", "# tiny-llm-x", "", ...CARD_BODY_LINES].join("\n");

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

describe("mute labels", () => {
  it("switches the labelled rule off for this pull request and names it in the comment", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/x/README.md")]);
    // The snapshot gives the card's text and shows no LICENSE beside it, no comment and no check run yet.
    const queries: GraphqlRequestBody[] = [];
    mockSnapshot(scope, { files: { "models/x/README.md": CARD } }, queries);
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, comments);

    const payload = fixture<"pull_request.opened">("pull_request.opened.json");
    (payload.pull_request as { labels: { name: string }[] }).labels = [
      { name: "cardinal: mute card/language-valid" },
      { name: "cardinal: mute no/such-rule" },
    ];
    await probot.receive({ id: "delivery-mute-1", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    // The LICENSE beside the card was looked for in the snapshot, not in a later request.
    expect(Object.values(queries[0]!.variables ?? {})).toContain(`${HEAD_SHA}:models/x/LICENSE`);
    const annotations = checkRuns[0]!.output.annotations ?? [];
    expect(annotations.map((a) => a.title)).toEqual(["License is not a Hub license id"]);
    expect(comments[0]).not.toContain("card/language-valid`](");
    expect(comments[0]).toContain("_Muted on this pull request by a label: `card/language-valid` (`cardinal: mute card/language-valid`)._");
    expect(comments[0]).not.toContain("no/such-rule");
  });
});
