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
  blobSha,
  contentsPath,
  createProbot,
  fixture,
  FORK_OWNER,
  HEAD_SHA,
  lfsPointerPatch,
  listedCheckRun,
  MARKER,
  mockApp,
  mockContent,
  mockCreateCheckRun,
  mockCreateComment,
  mockGraphql,
  mockListFiles,
  mockReviewStart,
  mockSnapshot,
  mockToken,
  OWNER,
  prFile,
  pullFixture,
  REPO,
  REPO_WITH_LFS,
  type CheckRunBody,
  useNockSandbox,
} from "./helpers/github.js";
import type { GraphqlRequestBody } from "../src/tools/fake-github-graphql.js";

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

/** The variables a snapshot query sets beyond the PR's own (`b0`… blobs by sha, `p0`… paths at the head sha). */
const lookupVariables = (query: GraphqlRequestBody) => Object.keys(query.variables ?? {}).filter((k) => /^[bp]\d+$/.test(k));

describe("drafts and bots", () => {
  it("skips a draft with a 'skipped' check run and no file listing or comment, then reviews it on ready_for_review", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const draftQueries: GraphqlRequestBody[] = [];
    const draftScope = api();
    mockReviewStart(draftScope);
    // The configuration comes first (a draft is skipped by default), so the snapshot asks no file text.
    mockSnapshot(draftScope, {}, draftQueries);
    mockCreateCheckRun(draftScope, checkRuns);

    await probot.receive({
      id: "delivery-draft-1",
      name: "pull_request",
      payload: fixture<"pull_request.opened">("pull_request.opened.draft.json"),
    });

    expect(draftScope.pendingMocks()).toEqual([]);
    // No file list, blob or comment mocks: any such request would be unmatched.
    expect(unmatched.requests).toEqual([]);
    expect(draftQueries).toHaveLength(1);
    expect(lookupVariables(draftQueries[0]!)).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ conclusion: "skipped", external_id: "pr:7", output: { title: "Review skipped" } });
    expect(checkRuns[0]!.output.summary).toContain("draft");
    expect(checkRuns[0]!.output.summary).toContain("review.drafts");

    // Same process: the installation token and the bot login are cached, so neither is asked again.
    const created: string[] = [];
    const readyScope = api();
    mockListFiles(readyScope, [prFile("models/x/README.md")]);
    // The skipped run is on the head commit; the snapshot shows it, and the new verdict is published over it.
    mockSnapshot(readyScope, { files: { "models/x/README.md": BROKEN_CARD }, checkRuns: [listedCheckRun(checkRuns[0]!)] });
    mockCreateCheckRun(readyScope, checkRuns);
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
    const queries: GraphqlRequestBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    // The snapshot is read before the file list (a draft is likely skipped), so it holds no file text…
    mockSnapshot(scope, { config: "review:\n  drafts: true\n" }, queries);
    mockListFiles(scope, [prFile("models/x/README.md")]);
    // …the card is read by its blob sha afterwards, and the license rules look for a LICENSE beside it: there is none.
    mockGraphql(scope, "CardinalBlobs", { files: { "models/x/README.md": GOOD_CARD } }, queries);
    mockGraphql(scope, "CardinalRepoFiles", { files: { "models/x/README.md": GOOD_CARD } }, queries);
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({
      id: "delivery-draft-2",
      name: "pull_request",
      payload: fixture<"pull_request.opened">("pull_request.opened.draft.json"),
    });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(lookupVariables(queries[0]!)).toEqual([]);
    expect(queries[1]!.variables).toMatchObject({ b0: blobSha("models/x/README.md") });
    expect(checkRuns[0]).toMatchObject({ conclusion: "success", output: { title: "No problems found" } });
  });

  it("skips a pull request opened by a bot", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const queries: GraphqlRequestBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockSnapshot(scope, {}, queries);
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({
      id: "delivery-bot-1",
      name: "pull_request",
      payload: fixture<"pull_request.opened">("pull_request.opened.bot.json"),
    });

    expect(scope.pendingMocks()).toEqual([]);
    // No file list mock: listing the files of a skipped pull request would be unmatched.
    expect(unmatched.requests).toEqual([]);
    expect(lookupVariables(queries[0]!)).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ conclusion: "skipped", output: { title: "Review skipped" } });
    expect(checkRuns[0]!.output.summary).toContain("opened by a bot");
  });
});

describe("configuration", () => {
  it("reports an unknown key and a bad value in the check run, uses the defaults, and posts no comment for them", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const queries: GraphqlRequestBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/x/README.md")]);
    // The snapshot reads the repository's file and the owner's .github one together; the repository's wins
    // (the owner's would ask for a comment every time, and raise no problem).
    mockSnapshot(
      scope,
      { config: "reviews:\n  drafts: true\ncomment: sometimes\n", orgConfig: "comment: always\n", files: { "models/x/README.md": GOOD_CARD } },
      queries,
    );
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({
      id: "delivery-config-1",
      name: "pull_request",
      payload: fixture<"pull_request.opened">("pull_request.opened.json"),
    });

    expect(scope.pendingMocks()).toEqual([]);
    // No POST /comments mock: config problems alone are for maintainers, in the check run.
    // No REST config mock either: the snapshot's text was used as it is.
    expect(unmatched.requests).toEqual([]);
    expect(queries).toHaveLength(1);
    expect(queries[0]!.variables).toMatchObject({ owner: OWNER, repo: REPO, config: "main:.github/cardinal.yml" });
    const run = checkRuns[0]!;
    expect(run.conclusion).toBe("success");
    expect(run.output.title).toBe("2 warnings");
    expect(run.output.summary).toContain("cardinal/config-valid");
    expect(run.output.summary).toContain('`reviews`: unknown key; did you mean "review"?');
    expect(run.output.summary).toContain("`comment` must be findings, always or never, not `sometimes`. Cardinal used the default for this setting.");
    expect(run.output.summary).toContain("Fix the setting in `.github/cardinal.yml` on the default branch");
    // Each at its line of the file on the default branch.
    expect(run.output.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ".github/cardinal.yml", start_line: 1, annotation_level: "warning" }),
        expect.objectContaining({ path: ".github/cardinal.yml", start_line: 3, annotation_level: "warning" }),
      ]),
    );
  });

  it("reports a configuration that is not valid YAML and reviews with the defaults", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const created: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/x/README.md")]);
    mockSnapshot(scope, {
      // Issue 14's file: the yaml library's lenient reading kept `rules` and switched the rule off.
      config: "review:\n  drafts: true\nrules: {card/front-matter-valid-yaml: off\n",
      files: { "models/x/README.md": BROKEN_CARD },
    });
    mockCreateCheckRun(scope, checkRuns);
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
    expect(run.output.summary).toContain("The file is not valid YAML: the `{` on line 3 is never closed with `}`. Cardinal applied none of the file and used its defaults.");
    expect(run.output.summary).toContain("Fix the file in `.github/cardinal.yml` on the default branch");
    expect(run.output.annotations).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ".github/cardinal.yml", start_line: 3, annotation_level: "warning" })]),
    );
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
    const baseLookups: GraphqlRequestBody[] = [];
    const forkLookups: GraphqlRequestBody[] = [];
    const scope = api();
    mockToken(scope);
    scope.get(`/repos/${OWNER}/${REPO}/pulls/7`).reply(200, pullFixture("pulls.get.fork.json"));
    mockApp(scope);
    mockListFiles(scope, [prFile("models/x/README.md"), prFile("models/x/model.safetensors", { patch: lfsPointerPatch(163_840_000) })]);
    // The base repository cannot see the fork's commit: no blob, no check run, no path answers there.
    mockSnapshot(scope, { headVisible: false });
    // A Re-run always publishes a new check run, so the runs on the commit are not listed.
    scope.get(contentsPath("models/x/README.md")).query({ ref: HEAD_SHA }).reply(404, { message: "Not Found", status: "404" });
    mockContent(scope, "models/x/README.md", BROKEN_CARD, { owner: FORK_OWNER });
    // The snapshot's paths are of no use on a commit the base cannot see. The one repository lookup of the
    // rules (the .gitattributes above the weights; the card beside them is in the pull request) asks the base,
    // which says it cannot see the commit, then the fork.
    mockGraphql(scope, "CardinalRepoFiles", { headVisible: false }, baseLookups);
    mockGraphql(scope, "CardinalRepoFiles", { repo: REPO_WITH_LFS }, forkLookups);
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, created);

    await probot.receive({
      id: "delivery-rerun-1",
      name: "check_run",
      payload: fixture<"check_run.rerequested">("check_run.rerequested.fork.json"),
    });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    // Each answer came from the repository it was meant for: the base could not see the commit, the fork could.
    expect(baseLookups.map((q) => q.variables)).toEqual([
      expect.objectContaining({ owner: OWNER, repo: REPO, head: HEAD_SHA }),
    ]);
    expect(forkLookups.map((q) => q.variables)).toEqual([expect.objectContaining({ owner: FORK_OWNER, repo: REPO, head: HEAD_SHA })]);
    // The fork's root .gitattributes sends the weights through LFS: no finding about them.
    expect(Object.values(forkLookups[0]!.variables ?? {})).toContain(`${HEAD_SHA}:.gitattributes`);
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
