/**
 * Onboarding: the welcome for first-time contributors, the first-time label,
 * and the skip rules (labels and title), through probot.receive.
 */
import type nock from "nock";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/core/config.js";
import app from "../src/index.js";
import { renderWelcome } from "../src/report/comment.js";
import { RULE_IDS } from "../src/rules/index.js";
import { BROKEN_CARD, GOOD_CARD } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  createProbot,
  fixture,
  lfsPointerPatch,
  MARKER,
  mockAddLabels,
  mockApp,
  mockConfig,
  mockContent,
  mockCreateCheckRun,
  mockCreateComment,
  mockListCheckRuns,
  mockListComments,
  mockListFiles,
  mockRepoWithLfs,
  mockReviewStart,
  mockToken,
  prFile,
  type CheckRunBody,
  useNockSandbox,
} from "./helpers/github.js";

const firstTimer = () => fixture<"pull_request.opened">("pull_request.opened.first-timer.json");
const contributor = () => fixture<"pull_request.opened">("pull_request.opened.contributor.json");
const skipLabelled = () => fixture<"pull_request.opened">("pull_request.opened.skip-label.json");
const firstTimeContributor = () => fixture<"pull_request.opened">("pull_request.opened.json");
const synchronize = () => fixture<"pull_request.synchronize">("pull_request.synchronize.json");

function mockPullRequestFiles(scope: nock.Scope, card: string): void {
  mockListFiles(scope, [prFile("models/x/README.md"), prFile("models/x/model.safetensors", { patch: lfsPointerPatch(163_840_000) })]);
  mockRepoWithLfs(scope);
  mockContent(scope, "models/x/README.md", card);
}

/** A review that posts a new comment: returns the bodies posted. */
function mockReviewWithComment(scope: nock.Scope, card = BROKEN_CARD, checkRuns: CheckRunBody[] = []): string[] {
  const created: string[] = [];
  mockPullRequestFiles(scope, card);
  mockListCheckRuns(scope);
  mockCreateCheckRun(scope, checkRuns);
  mockListComments(scope, []);
  mockCreateComment(scope, created);
  return created;
}

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

describe("welcome for first-time contributors", () => {
  it("opens a FIRST_TIMER's comment with the welcome: what Cardinal checks, how to read it, CONTRIBUTING, the local command", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockReviewStart(scope);
    const created = mockReviewWithComment(scope);

    await probot.receive({ id: "welcome-1", name: "pull_request", payload: firstTimer() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(created).toHaveLength(1);
    const body = created[0]!;
    expect(body.startsWith(`${MARKER}\n### 👋 Welcome, @ada-new, and thank you for your first pull request to acme-ai/tiny-llm!`)).toBe(true);
    expect(body).toContain("checks the model cards, dataset cards, licenses and model weight files");
    expect(body).toContain("❌ errors make the check fail");
    expect(body).toContain("[contributing guide](../blob/main/CONTRIBUTING.md)");
    expect(body).toContain("`npx cardinal-review check .`");
    // The welcome comes first, then the findings.
    expect(body.indexOf("Welcome")).toBeLessThan(body.indexOf("### Cardinal review"));
    expect(body).toContain("card/front-matter-valid-yaml");
  });

  it("welcomes a FIRST_TIME_CONTRIBUTOR too, linking CONTRIBUTING.md on the repository's default branch", async () => {
    const probot = await createProbot(app);
    const payload = firstTimeContributor();
    (payload.pull_request.base.repo as { default_branch: string }).default_branch = "develop";
    const scope = api();
    mockReviewStart(scope);
    const created = mockReviewWithComment(scope);

    await probot.receive({ id: "welcome-2", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(created[0]).toContain("Welcome, @octo-dana");
    expect(created[0]).toContain("(../blob/develop/CONTRIBUTING.md)");
  });

  it("does not welcome the same person on a later pull request (CONTRIBUTOR after a merge)", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockReviewStart(scope);
    const created = mockReviewWithComment(scope);

    await probot.receive({ id: "welcome-3", name: "pull_request", payload: contributor() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(created[0]).not.toContain("Welcome");
    expect(created[0]!.startsWith(`${MARKER}\n### Cardinal review`)).toBe(true);
  });

  it("treats NONE as not first-time and makes no extra request to find out", async () => {
    const probot = await createProbot(app);
    const payload = firstTimeContributor();
    payload.pull_request.author_association = "NONE";
    const scope = api();
    mockReviewStart(scope);
    const created = mockReviewWithComment(scope);

    await probot.receive({ id: "welcome-4", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    // Any lookup of the author's history would be an unmatched request.
    expect(unmatched.requests).toEqual([]);
    expect(created[0]).not.toContain("Welcome");
  });

  it("uses the repository's own welcome text, filling {author} and {repo}", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockApp(mockToken(scope));
    mockConfig(scope, 'welcome: "Hi {author}! First time in {repo}? Read our [guide](https://example.org/guide). {unknown} stays."\n');
    const created = mockReviewWithComment(scope);

    await probot.receive({ id: "welcome-5", name: "pull_request", payload: firstTimer() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(created[0]!.startsWith(`${MARKER}\nHi @ada-new! First time in acme-ai/tiny-llm? Read our [guide](https://example.org/guide). {unknown} stays.\n`)).toBe(true);
    expect(created[0]).not.toContain("👋");
  });

  it("posts no welcome with welcome: false", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockApp(mockToken(scope));
    mockConfig(scope, "welcome: false\n");
    const created = mockReviewWithComment(scope);

    await probot.receive({ id: "welcome-6", name: "pull_request", payload: firstTimer() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(created[0]).not.toContain("Welcome");
  });

  it("adds the welcome to an all-clear comment that is created (comment: always)", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockApp(mockToken(scope));
    mockConfig(scope, "comment: always\n");
    const created = mockReviewWithComment(scope, GOOD_CARD);

    await probot.receive({ id: "welcome-7", name: "pull_request", payload: firstTimer() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(created[0]).toContain("### 👋 Welcome, @ada-new");
    expect(created[0]).toContain("All clear at `6dcb09b` — thank you, @ada-new!");
    expect(created[0]!.indexOf("Welcome")).toBeLessThan(created[0]!.indexOf("All clear"));
  });

  it("posts no comment only to welcome: a clean first pull request gets the passing check alone", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPullRequestFiles(scope, GOOD_CARD);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, checkRuns);
    mockListComments(scope, []);

    await probot.receive({ id: "welcome-8", name: "pull_request", payload: firstTimer() });

    expect(scope.pendingMocks()).toEqual([]);
    // No POST /comments mock: a welcome-only comment would be unmatched.
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns[0]).toMatchObject({ conclusion: "success" });
    expect(checkRuns[0]!.output.summary).not.toContain("Welcome");
  });
});

describe("renderWelcome", () => {
  const input = { repo: "acme-ai/tiny-llm", defaultBranch: "main" };

  it("mentions only a login with a login's shape; anything else is shown as code", () => {
    expect(renderWelcome({ ...input, template: "Hi {author}" }, "ada-new")).toBe("Hi @ada-new");
    expect(renderWelcome({ ...input, template: "Hi {author}" }, "<img src=x>@everyone")).toBe("Hi `<img src=x>@everyone`");
  });

  it("escapes the repository name and fills placeholders in one pass", () => {
    expect(renderWelcome({ repo: "acme_ai/*tiny*", defaultBranch: "main", template: "{repo}" }, "ada-new")).toBe("acme\\_ai/\\*tiny\\*");
    // A value that looks like a placeholder is not expanded again.
    expect(renderWelcome({ ...input, template: "{author} {repo}" }, "{repo}")).toBe("`{repo}` acme-ai/tiny-llm");
  });

  it("links CONTRIBUTING.md on a default branch whose name needs encoding", () => {
    expect(renderWelcome({ repo: "a/b", defaultBranch: "release/v1 (lts)" }, "ada-new")).toContain(
      "(../blob/release/v1%20%28lts%29/CONTRIBUTING.md)",
    );
  });
});

describe("first_time_label", () => {
  it("labels a first-time contributor's new pull request once, keeping its other labels", async () => {
    const probot = await createProbot(app);
    const labels: string[][] = [];
    const scope = api();
    mockApp(mockToken(scope));
    mockConfig(scope, 'first_time_label: "first contribution"\n');
    mockAddLabels(scope, labels);
    mockReviewWithComment(scope);

    await probot.receive({ id: "label-1", name: "pull_request", payload: firstTimer() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(labels).toEqual([["first contribution"]]);
  });

  it("adds nothing when the pull request already has the label, or on a later push", async () => {
    const probot = await createProbot(app);
    const payload = firstTimer();
    payload.pull_request.labels.push({ ...payload.pull_request.labels[0]!, id: 6011220001, name: "First Contribution" });
    const scope = api();
    mockApp(mockToken(scope));
    mockConfig(scope, 'first_time_label: "first contribution"\n');
    mockReviewWithComment(scope);

    await probot.receive({ id: "label-2", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    // No POST /labels mock: adding it again would be unmatched.
    expect(unmatched.requests).toEqual([]);

    const next = api();
    mockConfig(next, 'first_time_label: "first contribution"\n');
    mockReviewWithComment(next);
    await probot.receive({ id: "label-3", name: "pull_request", payload: synchronize() });

    expect(next.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });

  it("does not label a contributor's pull request", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockApp(mockToken(scope));
    mockConfig(scope, 'first_time_label: "first contribution"\n');
    mockReviewWithComment(scope);

    await probot.receive({ id: "label-4", name: "pull_request", payload: contributor() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });
});

describe("skip rules", () => {
  it("skips a pull request with the default skip label: a skipped check run with the reason, no comment", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({ id: "skip-1", name: "pull_request", payload: skipLabelled() });

    expect(scope.pendingMocks()).toEqual([]);
    // No file listing, no comment: either would be unmatched.
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ conclusion: "skipped", output: { title: "Review skipped" } });
    expect(checkRuns[0]!.output.summary).toContain("has the label `cardinal: skip`");
    expect(checkRuns[0]!.output.summary).toContain("`/cardinal recheck`");
  });

  it("reviews a pull request with that label when review.skip_labels names others", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockApp(mockToken(scope));
    mockConfig(scope, "review:\n  skip_labels: [no-review]\n");
    mockReviewWithComment(scope, BROKEN_CARD, checkRuns);

    await probot.receive({ id: "skip-2", name: "pull_request", payload: skipLabelled() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns[0]).toMatchObject({ conclusion: "failure" });
  });

  it("skips a pull request whose title matches review.skip_title", async () => {
    const probot = await createProbot(app);
    const payload = contributor();
    payload.pull_request.title = "[WIP] tiny-llm-x card";
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockApp(mockToken(scope));
    mockConfig(scope, "review:\n  skip_title: '^\\[WIP\\]'\n");
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({ id: "skip-3", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns[0]).toMatchObject({ conclusion: "skipped" });
    expect(checkRuns[0]!.output.summary).toContain("matches `review.skip_title` (`^\\[WIP\\]`)");
  });

  it("rejects a skip_title that does not compile or is longer than 200 characters, keeping the default", () => {
    const bad = resolveConfig({ review: { skip_title: "([unclosed" } }, RULE_IDS);
    expect(bad.problems).toEqual([{ key: "review.skip_title", path: ["review", "skip_title"], message: "is not a valid regular expression" }]);
    expect(bad.config.review.skip_title).toBeUndefined();
    expect(bad.config.review.skip_labels).toEqual(["cardinal: skip"]);

    const long = resolveConfig({ review: { skip_title: "a".repeat(201) } }, RULE_IDS);
    expect(long.problems.map((p) => p.message)).toEqual(["must be at most 200 characters"]);

    const good = resolveConfig({ review: { skip_title: "^chore\\(deps\\)", skip_labels: ["skip"] }, welcome: "Hi {author}", first_time_label: "newcomer" }, RULE_IDS);
    expect(good.problems).toEqual([]);
    expect(good.config.welcome).toBe("Hi {author}");
  });
});
