/**
 * Onboarding: the welcome for first-time contributors, the first-time label,
 * and the skip rules (labels and title), through probot.receive.
 */
import type nock from "nock";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/core/config.js";
import { plain } from "../src/core/text.js";
import app from "../src/index.js";
import { titleMatches } from "../src/io/github/title-match.js";
import { renderWelcome } from "../src/report/comment.js";
import { RULE_IDS } from "../src/rules/index.js";
import { BROKEN_CARD, GOOD_CARD } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  blobSha,
  createProbot,
  fixture,
  HEAD_SHA,
  lfsPointerPatch,
  MARKER,
  mockAddLabels,
  mockCreateCheckRun,
  mockCreateComment,
  mockGraphql,
  mockListFiles,
  mockReviewStart,
  mockSnapshot,
  prFile,
  REPO_WITH_LFS,
  type CheckRunBody,
  useNockSandbox,
} from "./helpers/github.js";
import type { GraphqlRequestBody } from "../src/tools/fake-github-graphql.js";

const firstTimer = () => fixture<"pull_request.opened">("pull_request.opened.first-timer.json");
const contributor = () => fixture<"pull_request.opened">("pull_request.opened.contributor.json");
const skipLabelled = () => fixture<"pull_request.opened">("pull_request.opened.skip-label.json");
const firstTimeContributor = () => fixture<"pull_request.opened">("pull_request.opened.json");
const synchronize = () => fixture<"pull_request.synchronize">("pull_request.synchronize.json");

/**
 * The PR's files (a card beside LFS weights), then the snapshot (one GraphQL
 * query): `.github/cardinal.yml` when given (else none, here or in the
 * owner's `.github` repository), no comment and no check run yet, the card's
 * text and the repository around it (the root `.gitattributes` that sends
 * safetensors through LFS). Returns the snapshot queries sent.
 */
function mockPullRequestFiles(scope: nock.Scope, card: string, config?: string, onDefaultBranch?: Record<string, string>): GraphqlRequestBody[] {
  const queries: GraphqlRequestBody[] = [];
  mockListFiles(scope, [prFile("models/x/README.md"), prFile("models/x/model.safetensors", { patch: lfsPointerPatch(163_840_000) })]);
  mockSnapshot(
    scope,
    { files: { "models/x/README.md": card }, repo: REPO_WITH_LFS, ...(config !== undefined ? { config } : {}), ...(onDefaultBranch ? { onDefaultBranch } : {}) },
    queries,
  );
  return queries;
}

/** A review that posts a new comment: returns the bodies posted and the snapshot queries sent. */
function mockReviewWithComment(
  scope: nock.Scope,
  options: { card?: string; checkRuns?: CheckRunBody[]; config?: string; onDefaultBranch?: Record<string, string> } = {},
): { created: string[]; queries: GraphqlRequestBody[] } {
  const created: string[] = [];
  const queries = mockPullRequestFiles(scope, options.card ?? BROKEN_CARD, options.config, options.onDefaultBranch);
  mockCreateCheckRun(scope, options.checkRuns ?? []);
  mockCreateComment(scope, created);
  return { created, queries };
}

/** The configuration the snapshot asked for: the file's expression on the default branch (`branch:.github/cardinal.yml`). */
function configAsked(queries: readonly GraphqlRequestBody[]): unknown[] {
  return queries.map((q) => q.variables?.["config"]);
}

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

describe("welcome for first-time contributors", () => {
  it("opens a FIRST_TIMER's comment with the welcome: what Cardinal checks, how to read it, CONTRIBUTING, how to run it locally", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockReviewStart(scope);
    const { created, queries } = mockReviewWithComment(scope, { onDefaultBranch: { "CONTRIBUTING.md": "# Contributing\n" } });

    await probot.receive({ id: "welcome-1", name: "pull_request", payload: firstTimer() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    // One snapshot: the card's text by its blob, never the weights'; the config on the default branch.
    expect(queries).toHaveLength(1);
    const variables = Object.values(queries[0]!.variables ?? {});
    expect(variables).toContain(blobSha("models/x/README.md"));
    expect(variables).not.toContain(blobSha("models/x/model.safetensors"));
    expect(configAsked(queries)).toEqual(["main:.github/cardinal.yml"]);
    expect(created).toHaveLength(1);
    const body = created[0]!;
    expect(body.startsWith(`${MARKER}\n### 👋 Welcome, @ada-new, and thank you for your first pull request to acme-ai/tiny-llm!`)).toBe(true);
    expect(body).toContain("checks the model cards, dataset cards, licenses and model weight files");
    expect(body).toContain("❌ errors make the check fail");
    expect(body).toContain(" The [contributing guide](../blob/main/CONTRIBUTING.md) explains how this project works.");
    // The package is not on npm: no `npx` command, a link to the CLI's install guide instead.
    expect(body).toContain(
      "You can run the same checks on your computer before you push: [this guide](https://github.com/cardinal-app/cardinal/blob/main/docs/cli.md#install) shows how to install Cardinal's command-line tool and run it in the repository.",
    );
    expect(body).toContain("[run the same checks locally](https://github.com/cardinal-app/cardinal/blob/main/docs/cli.md#install)</sub>");
    expect(body).not.toContain("npx");
    // The welcome comes first, then the findings.
    expect(body.indexOf("Welcome")).toBeLessThan(body.indexOf("### Cardinal review"));
    expect(body).toContain("card/front-matter-valid-yaml");
  });

  it("welcomes a FIRST_TIME_CONTRIBUTOR too, linking the contributing guide where the default branch has it (.github/)", async () => {
    const probot = await createProbot(app);
    const payload = firstTimeContributor();
    (payload.pull_request.base.repo as { default_branch: string }).default_branch = "develop";
    const scope = api();
    mockReviewStart(scope);
    const { created, queries } = mockReviewWithComment(scope, {
      onDefaultBranch: { ".github/CONTRIBUTING.md": "# How we work\n", "docs/CONTRIBUTING.md": "# Older\n" },
    });

    await probot.receive({ id: "welcome-2", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    // The configuration is read on that branch too.
    expect(configAsked(queries)).toEqual(["develop:.github/cardinal.yml"]);
    expect(created[0]).toContain("Welcome, @octo-dana");
    // The snapshot asks where GitHub looks, on that branch; GitHub's first place wins.
    expect(queries[0]?.variables).toMatchObject({
      contributing0: "develop:.github/CONTRIBUTING.md",
      contributing1: "develop:CONTRIBUTING.md",
      contributing2: "develop:docs/CONTRIBUTING.md",
    });
    expect(created[0]).toContain("[contributing guide](../blob/develop/.github/CONTRIBUTING.md)");
  });

  it("links no contributing guide when the default branch has none", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockReviewStart(scope);
    const { created } = mockReviewWithComment(scope);

    await probot.receive({ id: "welcome-no-guide", name: "pull_request", payload: firstTimer() });

    expect(scope.pendingMocks()).toEqual([]);
    const body = created[0]!;
    expect(body).toContain("### 👋 Welcome, @ada-new");
    expect(body).not.toContain("contributing guide");
    expect(body).not.toContain("CONTRIBUTING");
    expect(body).toContain("shows how to install Cardinal's command-line tool and run it in the repository.\n");
  });

  it("shows the command and install page an operator sets (CARDINAL_CLI_COMMAND, CARDINAL_CLI_URL)", async () => {
    process.env["CARDINAL_CLI_COMMAND"] = "npx @acme/cardinal check .";
    process.env["CARDINAL_CLI_URL"] = "https://docs.acme.example/cardinal#install";
    try {
      const probot = await createProbot(app);
      const scope = api();
      mockReviewStart(scope);
      const { created } = mockReviewWithComment(scope);

      await probot.receive({ id: "welcome-operator", name: "pull_request", payload: firstTimer() });

      expect(scope.pendingMocks()).toEqual([]);
      const body = created[0]!;
      expect(body).toContain(
        "You can run the same checks on your computer before you push: `npx @acme/cardinal check .` in the repository ([how to install it](https://docs.acme.example/cardinal#install)).",
      );
      expect(body).toContain("run the same checks locally with `npx @acme/cardinal check .` ([how to install](https://docs.acme.example/cardinal#install))</sub>");
    } finally {
      delete process.env["CARDINAL_CLI_COMMAND"];
      delete process.env["CARDINAL_CLI_URL"];
    }
  });

  it("does not welcome the same person on a later pull request (CONTRIBUTOR after a merge)", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockReviewStart(scope);
    const { created } = mockReviewWithComment(scope);

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
    const { created } = mockReviewWithComment(scope);

    await probot.receive({ id: "welcome-4", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    // Any lookup of the author's history would be an unmatched request.
    expect(unmatched.requests).toEqual([]);
    expect(created[0]).not.toContain("Welcome");
  });

  it("uses the repository's own welcome text, filling {author} and {repo}", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockReviewStart(scope);
    // The repository's `.github/cardinal.yml`, read in the snapshot.
    const { created } = mockReviewWithComment(scope, {
      config: 'welcome: "Hi {author}! First time in {repo}? Read our [guide](https://example.org/guide). {unknown} stays."\n',
    });

    await probot.receive({ id: "welcome-5", name: "pull_request", payload: firstTimer() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(created[0]!.startsWith(`${MARKER}\nHi @ada-new! First time in acme-ai/tiny-llm? Read our [guide](https://example.org/guide). {unknown} stays.\n`)).toBe(true);
    expect(created[0]).not.toContain("👋");
  });

  it("posts no welcome with welcome: false", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockReviewStart(scope);
    const { created } = mockReviewWithComment(scope, { config: "welcome: false\n" });

    await probot.receive({ id: "welcome-6", name: "pull_request", payload: firstTimer() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(created[0]).not.toContain("Welcome");
  });

  it("adds the welcome to an all-clear comment that is created (comment: always)", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockReviewStart(scope);
    const { created } = mockReviewWithComment(scope, { card: GOOD_CARD, config: "comment: always\n" });

    await probot.receive({ id: "welcome-7", name: "pull_request", payload: firstTimer() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(created[0]).toContain("### 👋 Welcome, @ada-new");
    expect(created[0]).toContain("### ✅ All clear — thank you, @ada-new!");
    // No commit sha in the text: a later push that changes nothing leaves the comment as it is.
    expect(created[0]).not.toContain(HEAD_SHA.slice(0, 7));
    expect(created[0]!.indexOf("Welcome")).toBeLessThan(created[0]!.indexOf("All clear"));
  });

  it("posts no comment only to welcome: a clean first pull request gets the passing check alone", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    // The snapshot shows no comment of Cardinal's to keep current.
    mockPullRequestFiles(scope, GOOD_CARD);
    mockCreateCheckRun(scope, checkRuns);

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
    expect(renderWelcome({ repo: "a/b", defaultBranch: "release/v1 (lts)", contributing: "CONTRIBUTING.md" }, "ada-new")).toContain(
      "(../blob/release/v1%20%28lts%29/CONTRIBUTING.md)",
    );
  });

  it("never reads the operator's command as a placeholder, and shows it as code", () => {
    const text = renderWelcome(input, "ada-new", { url: "https://x.example/cli", command: "run `{repo}` {author}" });
    expect(text).toContain("``run `{repo}` {author}`` in the repository ([how to install it](https://x.example/cli)).");
  });

  it("a repository's own welcome text gets neither the local-run line nor a guide link", () => {
    expect(renderWelcome({ ...input, template: "Hi {author}", contributing: "CONTRIBUTING.md" }, "ada-new", { url: "https://x.example", command: "c" })).toBe("Hi @ada-new");
  });
});

describe("first_time_label", () => {
  it("labels a first-time contributor's new pull request once, keeping its other labels", async () => {
    const probot = await createProbot(app);
    const labels: string[][] = [];
    const scope = api();
    mockReviewStart(scope);
    mockAddLabels(scope, labels);
    mockReviewWithComment(scope, { config: 'first_time_label: "first contribution"\n' });

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
    mockReviewStart(scope);
    mockReviewWithComment(scope, { config: 'first_time_label: "first contribution"\n' });

    await probot.receive({ id: "label-2", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    // No POST /labels mock: adding it again would be unmatched.
    expect(unmatched.requests).toEqual([]);

    // The token and the bot login are cached by now.
    const next = api();
    mockReviewWithComment(next, { config: 'first_time_label: "first contribution"\n' });
    await probot.receive({ id: "label-3", name: "pull_request", payload: synchronize() });

    expect(next.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });

  it("does not label a contributor's pull request", async () => {
    const probot = await createProbot(app);
    const scope = api();
    mockReviewStart(scope);
    mockReviewWithComment(scope, { config: 'first_time_label: "first contribution"\n' });

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
    // The default skip label is on the pull request: the configuration (in the snapshot) is read first,
    // without file texts, and the files are never listed (a file list mock would be left pending).
    const queries: GraphqlRequestBody[] = [];
    mockSnapshot(scope, {}, queries);
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({ id: "skip-1", name: "pull_request", payload: skipLabelled() });

    expect(scope.pendingMocks()).toEqual([]);
    // Nothing but the snapshot and the check run: no file list, no repository lookup, no comment.
    expect(unmatched.requests).toEqual([]);
    expect(queries).toHaveLength(1);
    expect(Object.keys(queries[0]!.variables ?? {}).filter((k) => /^[bp]\d+$/.test(k))).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ conclusion: "skipped", output: { title: "Review skipped" } });
    expect(checkRuns[0]!.output.summary).toContain("has the label `cardinal: skip`");
    expect(checkRuns[0]!.output.summary).toContain("`/cardinal recheck`");
  });

  it("reviews a pull request with that label when review.skip_labels names others", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    // The label made a skip likely, so the snapshot came first, without file texts; the configuration
    // says otherwise, so the files are listed and their texts asked in one more query.
    const config = "review:\n  skip_labels: [no-review]\n";
    const blobQueries: GraphqlRequestBody[] = [];
    mockSnapshot(scope, { config });
    mockListFiles(scope, [prFile("models/x/README.md"), prFile("models/x/model.safetensors", { patch: lfsPointerPatch(163_840_000) })]);
    mockGraphql(scope, "CardinalBlobs", { files: { "models/x/README.md": BROKEN_CARD } }, blobQueries);
    // The .gitattributes above the weights (the card beside them is in the pull request).
    mockGraphql(scope, "CardinalRepoFiles", { repo: REPO_WITH_LFS });
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, []);

    await probot.receive({ id: "skip-2", name: "pull_request", payload: skipLabelled() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(Object.values(blobQueries[0]!.variables ?? {})).toContain(blobSha("models/x/README.md"));
    expect(checkRuns[0]).toMatchObject({ conclusion: "failure" });
  });

  it("skips a pull request whose title matches review.skip_title", async () => {
    const probot = await createProbot(app);
    const payload = contributor();
    payload.pull_request.title = "[WIP] tiny-llm-x card";
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockPullRequestFiles(scope, BROKEN_CARD, "review:\n  skip_title: '^\\[WIP\\]'\n");
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({ id: "skip-3", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    // No comment and no request after the snapshot but the check run.
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns[0]).toMatchObject({ conclusion: "skipped" });
    expect(checkRuns[0]!.output.summary).toContain("matches `review.skip_title` (`^\\[WIP\\]`)");
  });

  it("reviews the pull request when skip_title backtracks catastrophically on its title, within the time bound", async () => {
    const probot = await createProbot(app);
    const payload = contributor();
    // (a+)+$ on a long run of "a" that ends in another character backtracks exponentially.
    payload.pull_request.title = `${"a".repeat(40)}!`;
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockReviewWithComment(scope, { checkRuns, config: "review:\n  skip_title: '^(a+)+$'\n" });

    await probot.receive({ id: "skip-redos", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    // Not skipped: the title did not match within the bound, so the card was reviewed.
    expect(checkRuns[0]).toMatchObject({ conclusion: "failure" });
  });

  it("times a catastrophic skip_title out instead of hanging, and still matches ordinary titles", () => {
    expect(titleMatches("^(a+)+$", `${"a".repeat(40)}!`)).toBe("timeout");
    expect(titleMatches("^\\[WIP\\]", "[WIP] card")).toBe(true);
    expect(titleMatches("^\\[WIP\\]", "card [WIP]")).toBe(false);
    // The same pattern on a title it can settle quickly is answered, not timed out.
    expect(titleMatches("^(a+)+$", "aaaa")).toBe(true);
  });

  it("rejects a skip_title that does not compile or is longer than 200 characters, keeping the default", () => {
    const bad = resolveConfig({ review: { skip_title: "([unclosed" } }, RULE_IDS);
    expect(bad.problems.map((p) => ({ ...p, message: typeof p.message === "string" ? p.message : plain(p.message) }))).toEqual([
      { key: "review.skip_title", path: ["review", "skip_title"], message: "`review.skip_title` is not a valid regular expression" },
    ]);
    expect(bad.config.review.skip_title).toBeUndefined();
    expect(bad.config.review.skip_labels).toEqual(["cardinal: skip"]);

    const long = resolveConfig({ review: { skip_title: "a".repeat(201) } }, RULE_IDS);
    expect(long.problems.map((p) => (typeof p.message === "string" ? p.message : plain(p.message)))).toEqual([
      `\`review.skip_title\` must be a regular expression of at most 200 characters, not \`${"a".repeat(37)}...\``,
    ]);

    const good = resolveConfig({ review: { skip_title: "^chore\\(deps\\)", skip_labels: ["skip"] }, welcome: "Hi {author}", first_time_label: "newcomer" }, RULE_IDS);
    expect(good.problems).toEqual([]);
    expect(good.config.welcome).toBe("Hi {author}");
  });
});
