/**
 * `/cardinal …` commands in pull request comments (issue_comment.created),
 * through probot.receive: recheck with its permission check, explain, help.
 */
import type nock from "nock";
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import { parseCommand } from "../src/io/github/commands.js";
import { BROKEN_CARD } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  BOT_LOGIN,
  comment,
  createProbot,
  fixture,
  lfsPointerPatch,
  listedCheckRun,
  mockCreateCheckRun,
  mockCreateComment,
  mockGetPull,
  mockListFiles,
  mockPermission,
  mockReviewStart,
  mockSnapshot,
  mockToken,
  prFile,
  REPO_WITH_LFS,
  type CheckRunBody,
  type SnapshotOptions,
  useNockSandbox,
} from "./helpers/github.js";

type CommentPayload = ReturnType<typeof fixture<"issue_comment.created">>;

/** A comment on PR 7 by `login` (the PR's author, octo-dana, unless said otherwise). */
function commented(body: string, login = "octo-dana", type = "User"): CommentPayload {
  const payload = fixture<"issue_comment.created">("issue_comment.created.json");
  payload.comment.body = body;
  payload.comment.user = { ...payload.comment.user!, login, type: type as "User" };
  payload.sender = { ...payload.sender, login, type: type as "User" };
  return payload;
}

/** The pull request as GET /pulls/7 answers it. */
const pull = () => fixture<"pull_request.opened">("pull_request.opened.json").pull_request as unknown as Record<string, unknown>;

/**
 * A whole review after a recheck: GET /pulls/7, the file list, the snapshot
 * (no config, the card's text, the repository around it, and whatever
 * `snapshot` adds: earlier comments and check runs), then a new check run,
 * written even if the verdict is the same, and the comment when its text is new.
 */
function mockRecheckReview(scope: nock.Scope, checkRuns: CheckRunBody[], created: string[], snapshot: SnapshotOptions = {}): void {
  mockGetPull(scope, pull());
  mockListFiles(scope, [prFile("models/x/README.md"), prFile("models/x/model.safetensors", { patch: lfsPointerPatch(163_840_000) })]);
  mockSnapshot(scope, { files: { "models/x/README.md": BROKEN_CARD }, repo: REPO_WITH_LFS, ...snapshot });
  mockCreateCheckRun(scope, checkRuns);
  if (!snapshot.comments?.length) mockCreateComment(scope, created);
}

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

describe("/cardinal recheck", () => {
  it("re-runs the review for the PR's author: GET /pulls/7, then a new check run and the comment", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const created: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockRecheckReview(scope, checkRuns, created);

    await probot.receive({ id: "recheck-1", name: "issue_comment", payload: commented("I fixed the YAML in the card.\r\n\r\n/cardinal recheck") });

    expect(scope.pendingMocks()).toEqual([]);
    // No permission lookup for the author, and no REST listing of check runs or comments: they would be unmatched.
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ conclusion: "failure", head_sha: "6dcb09b5b57875f334f61aebed695e2e4193db5e", external_id: "pr:7" });
    expect(created).toHaveLength(1);
    expect(created[0]).toContain("card/front-matter-valid-yaml");

    // Asked again with that very verdict on the commit (in the snapshot): the check run is written anyway,
    // so the asker sees that the review ran; the comment, unchanged, is left alone (no POST, no PATCH mock).
    const again = api();
    mockRecheckReview(again, checkRuns, created, { checkRuns: [listedCheckRun(checkRuns[0]!)], comments: [comment(900, created[0]!)] });

    await probot.receive({ id: "recheck-1-again", name: "issue_comment", payload: commented("/cardinal recheck") });

    expect(again.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(2);
    expect(checkRuns[1]).toMatchObject({ conclusion: "failure", output: { title: checkRuns[0]!.output.title, summary: checkRuns[0]!.output.summary } });
    expect(created).toHaveLength(1);
  });

  it.each(["write", "maintain", "admin"] as const)("re-runs it for a user with %s permission", async (role) => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPermission(scope, "maintainer-max", role);
    mockRecheckReview(scope, checkRuns, []);

    await probot.receive({ id: `recheck-${role}`, name: "issue_comment", payload: commented("/cardinal recheck", "maintainer-max") });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
  });

  it.each([
    ["read permission", "read" as const],
    ["triage permission", "triage" as const],
    ["no access (404)", null],
  ])("politely refuses a user with %s, saying who can", async (_label, role) => {
    const probot = await createProbot(app);
    const replies: string[] = [];
    const scope = api();
    mockToken(scope);
    mockPermission(scope, "passer-by", role);
    mockCreateComment(scope, replies);

    await probot.receive({ id: `recheck-refused-${String(role)}`, name: "issue_comment", payload: commented("/cardinal recheck", "passer-by") });

    expect(scope.pendingMocks()).toEqual([]);
    // No GET /pulls/7 and no review: they would be unmatched.
    expect(unmatched.requests).toEqual([]);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain("only the author of this pull request and people with write access");
    expect(replies[0]).not.toContain("@");
  });

  it("answers a redelivered command once", async () => {
    const probot = await createProbot(app);
    const replies: string[] = [];
    const scope = api();
    mockToken(scope);
    mockCreateComment(scope, replies);

    await probot.receive({ id: "help-redelivered", name: "issue_comment", payload: commented("/cardinal help") });
    await probot.receive({ id: "help-redelivered", name: "issue_comment", payload: commented("/cardinal help") });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(replies).toHaveLength(1);
  });
});

describe("/cardinal explain and help", () => {
  async function replyTo(body: string, id: string): Promise<string> {
    const probot = await createProbot(app);
    const replies: string[] = [];
    const scope = api();
    mockToken(scope);
    mockCreateComment(scope, replies);
    await probot.receive({ id, name: "issue_comment", payload: commented(body) });
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(replies).toHaveLength(1);
    return replies[0]!;
  }

  it("explains a rule: its title, why it matters, and its docs page", async () => {
    const reply = await replyTo("/cardinal explain card/front-matter-valid-yaml", "explain-1");
    expect(reply).toContain("`card/front-matter-valid-yaml`");
    expect(reply).toContain("**Why it matters:**");
    expect(reply).toContain("(https://github.com/cardinal-app/cardinal/blob/main/docs/rules/card/front-matter-valid-yaml.md)");
  });

  it("suggests the closest id for an unknown one, showing the asked id as code", async () => {
    expect(await replyTo("/cardinal explain card/front-mater-valid-yaml", "explain-2")).toContain(
      "There is no rule `card/front-mater-valid-yaml`. Did you mean `card/front-matter-valid-yaml`?",
    );
    expect(await replyTo("/cardinal explain front-matter-valid-yaml", "explain-3")).toContain("Did you mean `card/front-matter-valid-yaml`?");
    const odd = await replyTo("/cardinal explain @everyone<script>", "explain-4");
    expect(odd).toContain("There is no rule `@everyone<script>`.");
  });

  it("lists the commands for /cardinal help", async () => {
    const reply = await replyTo("/cardinal help", "help-1");
    expect(reply).toContain("`/cardinal recheck`");
    expect(reply).toContain("`/cardinal explain <rule-id>`");
    expect(reply).toContain("`/cardinal help`");
  });

  it("answers an unknown command with the short help", async () => {
    const reply = await replyTo("/cardinal review-everything now", "unknown-1");
    expect(reply).toContain("Cardinal does not know the command `/cardinal review-everything now`.");
    expect(reply).toContain("`/cardinal recheck`");
  });
});

describe("comments that are not commands", () => {
  it.each([
    ["a bot", commented("/cardinal recheck", "renovate[bot]", "Bot")],
    ["Cardinal itself", commented("/cardinal help", BOT_LOGIN, "Bot")],
    ["a comment without a command", commented("Thanks, looks good! I will run /cardinal recheck later.")],
    ["a quoted command", commented("> /cardinal recheck\n\nWhy did you ask for this?")],
    ["a command inside a code block", commented("Try:\n```\n/cardinal recheck\n```")],
    ["a comment on an issue", fixture<"issue_comment.created">("issue_comment.created.issue.json")],
  ])("ignores %s: no request at all", async (_label, payload) => {
    const probot = await createProbot(app);
    await probot.receive({ id: `ignored-${_label}`, name: "issue_comment", payload });
    expect(unmatched.requests).toEqual([]);
  });

  it("parses a command on a line of its own, case-insensitive", () => {
    expect(parseCommand("/Cardinal RECHECK")).toEqual({ name: "recheck" });
    expect(parseCommand("  /cardinal explain  card/x  ")).toEqual({ name: "explain", ruleId: "card/x" });
    expect(parseCommand("/cardinal")).toEqual({ name: "help" });
    expect(parseCommand("/cardinalrecheck")).toBeUndefined();
  });
});
