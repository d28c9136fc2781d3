/**
 * When Cardinal reviews, skips or re-runs: drafts, bot authors, the
 * repository's configuration, and the check run's re-run button on a fork PR.
 */
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import { BROKEN_CARD, CARD_BODY_LINES } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  createProbot,
  fixture,
  FORK_OWNER,
  HEAD_SHA,
  lfsPointerPatch,
  listedCheckRun,
  MARKER,
  mockApp,
  mockConfig,
  mockContent,
  mockCreateCheckRun,
  mockCreateComment,
  mockListCheckRuns,
  mockListComments,
  mockListFiles,
  mockNoConfig,
  mockReviewStart,
  mockToken,
  OWNER,
  prFile,
  pullFixture,
  REPO,
  type CheckRunBody,
  mockRepoWithLfs,
  mockTree,
  useNockSandbox,
} from "./helpers/github.js";

const GOOD_CARD = [
  "---",
  "license: apache-2.0",
  "library_name: transformers",
  "pipeline_tag: text-generation",
  "---",
  "",
  "# tiny-llm-x",
  "",
  ...CARD_BODY_LINES,
].join("\n");

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

describe("drafts and bots", () => {
  it("skips a draft with a 'skipped' check run and no file listing or comment, then reviews it on ready_for_review", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const draftScope = api();
    mockReviewStart(draftScope);
    mockListCheckRuns(draftScope);
    mockCreateCheckRun(draftScope, checkRuns);

    await probot.receive({
      id: "delivery-draft-1",
      name: "pull_request",
      payload: fixture<"pull_request.opened">("pull_request.opened.draft.json"),
    });

    expect(draftScope.pendingMocks()).toEqual([]);
    // No files, contents or comments mocks: any such request would be unmatched.
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ conclusion: "skipped", external_id: "pr:7", output: { title: "Review skipped" } });
    expect(checkRuns[0]!.output.summary).toContain("draft");
    expect(checkRuns[0]!.output.summary).toContain("review.drafts");

    // Same process: the installation token and the bot login are cached, so neither is asked again.
    const created: string[] = [];
    const readyScope = api();
    mockNoConfig(readyScope);
    mockListFiles(readyScope, [prFile("models/x/README.md")]);
    mockContent(readyScope, "models/x/README.md", BROKEN_CARD);
    mockListCheckRuns(readyScope, [listedCheckRun(checkRuns[0]!)]);
    mockCreateCheckRun(readyScope, checkRuns);
    mockListComments(readyScope, []);
    mockCreateComment(readyScope, created);

    await probot.receive({
      id: "delivery-ready-1",
      name: "pull_request",
      payload: fixture<"pull_request.ready_for_review">("pull_request.ready_for_review.json"),
    });

    expect(readyScope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(2);
    expect(checkRuns[1]).toMatchObject({ conclusion: "failure", output: { title: "1 error" } });
    expect(created).toHaveLength(1);
    expect(created[0]!.startsWith(MARKER)).toBe(true);
    expect(created[0]).toContain("card/front-matter-valid-yaml");
  });

  it("reviews a draft when the repository sets review.drafts: true", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockApp(mockToken(scope));
    mockConfig(scope, "review:\n  drafts: true\n");
    mockListFiles(scope, [prFile("models/x/README.md")]);
    mockContent(scope, "models/x/README.md", GOOD_CARD);
    mockTree(scope, ["models/x/README.md"]);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, checkRuns);
    mockListComments(scope, []);

    await probot.receive({
      id: "delivery-draft-2",
      name: "pull_request",
      payload: fixture<"pull_request.opened">("pull_request.opened.draft.json"),
    });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns[0]).toMatchObject({ conclusion: "success", output: { title: "No problems found" } });
  });

  it("skips a pull request opened by a bot", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({
      id: "delivery-bot-1",
      name: "pull_request",
      payload: fixture<"pull_request.opened">("pull_request.opened.bot.json"),
    });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ conclusion: "skipped", output: { title: "Review skipped" } });
    expect(checkRuns[0]!.output.summary).toContain("opened by a bot");
  });
});

describe("configuration", () => {
  it("reports an unknown key and a bad value in the check run, uses the defaults, and posts no comment for them", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockApp(mockToken(scope));
    // Found in the repository, so the owner's .github repository is not asked.
    mockConfig(scope, "reviews:\n  drafts: true\ncomment: sometimes\n");
    mockListFiles(scope, [prFile("models/x/README.md")]);
    mockContent(scope, "models/x/README.md", GOOD_CARD);
    mockTree(scope, ["models/x/README.md"]);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, checkRuns);
    mockListComments(scope, []);

    await probot.receive({
      id: "delivery-config-1",
      name: "pull_request",
      payload: fixture<"pull_request.opened">("pull_request.opened.json"),
    });

    expect(scope.pendingMocks()).toEqual([]);
    // No POST /comments mock: config problems alone are for maintainers, in the check run.
    expect(unmatched.requests).toEqual([]);
    const run = checkRuns[0]!;
    expect(run.conclusion).toBe("success");
    expect(run.output.title).toBe("2 warnings");
    expect(run.output.summary).toContain("cardinal/config-valid");
    expect(run.output.summary).toContain('`reviews`: unknown key; did you mean "review"?');
    expect(run.output.summary).toContain('`comment`: must be one of "findings", "always", "never"');
    expect(run.output.annotations).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ".github/cardinal.yml", annotation_level: "warning" })]),
    );
  });

  it("reports a configuration that is not valid YAML (Probot's config plugin throws) and reviews with the defaults", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const created: string[] = [];
    const scope = api();
    mockApp(mockToken(scope));
    mockConfig(scope, "review:\n  drafts: [true\nrules:\n  card/front-matter-valid-yaml: off\n");
    mockListFiles(scope, [prFile("models/x/README.md")]);
    mockContent(scope, "models/x/README.md", BROKEN_CARD);
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, checkRuns);
    mockListComments(scope, []);
    mockCreateComment(scope, created);

    await probot.receive({
      id: "delivery-config-2",
      name: "pull_request",
      payload: fixture<"pull_request.opened">("pull_request.opened.json"),
    });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    const run = checkRuns[0]!;
    expect(run.output.summary).toContain("cardinal/config-valid");
    expect(run.output.summary).toContain("the configuration could not be read");
    expect(run.output.summary).toContain("invalid YAML");
    // The broken file switched nothing off: the card's YAML error is still reported.
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).toContain("card/front-matter-valid-yaml");
    expect(created[0]).toContain("card/front-matter-valid-yaml");
  });
});

describe("check_run.rerequested", () => {
  it("finds a fork PR from the check run's external_id and runs a full review", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const created: string[] = [];
    const scope = api();
    mockToken(scope);
    scope.get(`/repos/${OWNER}/${REPO}/pulls/7`).reply(200, pullFixture("pulls.get.fork.json"));
    mockApp(scope);
    mockNoConfig(scope);
    mockListFiles(scope, [prFile("models/x/README.md"), prFile("models/x/model.safetensors", { patch: lfsPointerPatch(163_840_000) })]);
    mockRepoWithLfs(scope);
    scope
      .get(`/repos/${OWNER}/${REPO}/contents/${encodeURIComponent("models/x/README.md")}`)
      .query({ ref: HEAD_SHA })
      .reply(404, { message: "Not Found", status: "404" });
    mockContent(scope, "models/x/README.md", BROKEN_CARD, { owner: FORK_OWNER });
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, checkRuns);
    mockListComments(scope, []);
    mockCreateComment(scope, created);

    await probot.receive({
      id: "delivery-rerun-1",
      name: "check_run",
      payload: fixture<"check_run.rerequested">("check_run.rerequested.fork.json"),
    });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ head_sha: HEAD_SHA, conclusion: "failure", external_id: "pr:7" });
    expect(checkRuns[0]!.output.annotations).toEqual([expect.objectContaining({ path: "models/x/README.md", start_line: 4 })]);
    expect(created).toHaveLength(1);
  });

  it("ignores a re-run of another app's check run", async () => {
    const probot = await createProbot(app);
    const payload = fixture<"check_run.rerequested">("check_run.rerequested.fork.json");
    payload.check_run.name = "CI / tests";

    await probot.receive({ id: "delivery-rerun-2", name: "check_run", payload });

    expect(unmatched.requests).toEqual([]);
  });
});
