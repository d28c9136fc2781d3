/**
 * What a review costs on GitHub now that one GraphQL query (CardinalSnapshot)
 * reads the configuration, the PR's comments, the check runs on the head
 * commit, the PR's file texts and the likely repository paths: the requests
 * of a first review and of an unchanged re-review, the configuration taken
 * from the snapshot (the repository's, the owner's `.github`, broken YAML,
 * `_extends` through Probot), the REST road when the snapshot fails, a later
 * CardinalRepoFiles query for paths the snapshot did not guess, and the
 * fork-aware repository port used directly.
 */
import type nock from "nock";
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import { pullRequestRepoFiles } from "../src/io/github/repo-files.js";
import { operationName, type GraphqlRequestBody } from "../src/tools/fake-github-graphql.js";
import { BROKEN_CARD } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  blobSha,
  BOT_LOGIN,
  comment,
  createProbot,
  fixture,
  FORK_OWNER,
  HEAD_SHA,
  lfsPointerPatch,
  listedCheckRun,
  MARKER,
  mockConfig,
  mockContent,
  mockCreateCheckRun,
  mockCreateComment,
  mockGraphql,
  mockListCheckRuns,
  mockListComments,
  mockListFiles,
  mockNoConfig,
  mockReviewStart,
  mockSnapshot,
  OWNER,
  prFile,
  REPO,
  REPO_WITH_LFS,
  retitled,
  TestOctokit,
  type CheckRunBody,
  useNockSandbox,
  mockTree,
  contentsPath,
  createLoggingProbot,
  type LogLine,
  mockUpdateComment,
} from "./helpers/github.js";

const opened = () => fixture<"pull_request.opened">("pull_request.opened.json");

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

const CARD_PATH = "models/x/README.md";
const WEIGHTS_PATH = "models/x/model.safetensors";
/** A card whose only finding is card/has-description (a warning by default): metadata and a heading, no prose. */
const UNDESCRIBED_CARD = ["---", "license: mit", "library_name: transformers", "pipeline_tag: text-generation", "---", "", "# tiny-llm-x", ""].join("\n");

/** Every request the scope answered, as `METHOD path` (GraphQL requests with their operation name). */
function recordRequests(scope: nock.Scope): string[] {
  const seen: string[] = [];
  scope.on("request", (req: { method?: string; path?: string }, _interceptor: unknown, body: string) => {
    const path = (req.path ?? "").replace(/\?.*$/, "");
    let operation = "";
    if (path === "/graphql") {
      try {
        operation = ` ${operationName((JSON.parse(body) as GraphqlRequestBody).query) ?? "?"}`;
      } catch {
        operation = " ?";
      }
    }
    seen.push(`${req.method ?? "?"} ${path}${operation}`);
  });
  return seen;
}

/** The requests of one review, without the installation token and GET /app (once per Probot). */
const reviewRequests = (seen: readonly string[]) => seen.filter((r) => !/^POST \/app\/installations\/|^GET \/app$/.test(r));

/**
 * Asserts the requests of a review: `first` in this order, then `rest` in any
 * order (the check run and the comment are written side by side), each once.
 */
function expectRequests(seen: readonly string[], first: readonly string[], rest: readonly string[] = []): void {
  expect(seen.slice(0, first.length)).toEqual(first);
  expect([...seen.slice(first.length)].sort()).toEqual([...rest].sort());
}

/** How nock names a pending interceptor's host. */
const API_HOST = "https://api.github.com:443";
const FILES = `GET /repos/${OWNER}/${REPO}/pulls/7/files`;
const SNAPSHOT = "POST /graphql CardinalSnapshot";
const CREATE_CHECK_RUN = `POST /repos/${OWNER}/${REPO}/check-runs`;
const CREATE_COMMENT = `POST /repos/${OWNER}/${REPO}/issues/7/comments`;

/** A Probot whose log lines are kept (level info and up), for tests that look at what was logged. */
async function probotWithLog(): Promise<{ probot: Probot; lines: LogLine[] }> {
  const { probot, lines } = createLoggingProbot();
  await probot.load(app);
  return { probot, lines };
}

describe("the cost of a review", () => {
  it("a first review is the file list, one CardinalSnapshot, the check run and the comment, and asks for no weights' blob", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const queries: GraphqlRequestBody[] = [];
    const scope = api();
    const seen = recordRequests(scope);
    mockReviewStart(scope);
    mockListFiles(scope, [
      prFile(CARD_PATH, { patch: "@@ -0,0 +1,9 @@\n+---\n+license: apache-2.0" }),
      prFile(WEIGHTS_PATH, { patch: lfsPointerPatch(163_840_000) }),
    ]);
    mockSnapshot(scope, { files: { [CARD_PATH]: BROKEN_CARD }, repo: REPO_WITH_LFS }, queries);
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, comments);

    await probot.receive({ id: "delivery-cost-1", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expectRequests(reviewRequests(seen), [FILES, SNAPSHOT], [CREATE_CHECK_RUN, CREATE_COMMENT]);
    // Besides the review: the installation token and GET /app, once per Probot.
    expect(seen).toHaveLength(6);

    expect(queries).toHaveLength(1);
    const variables = queries[0]!.variables ?? {};
    expect(variables).toMatchObject({ owner: OWNER, repo: REPO, number: 7, head: HEAD_SHA, config: "main:.github/cardinal.yml" });
    const values = Object.values(variables);
    expect(values).toContain(blobSha(CARD_PATH));
    expect(values).not.toContain(blobSha(WEIGHTS_PATH));
    // The repository paths the weight and license rules will ask for ride along.
    expect(values).toContain(`${HEAD_SHA}:.gitattributes`);
    expect(values).toContain(`${HEAD_SHA}:models/x/LICENSE`);

    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ conclusion: "failure", output: { title: "1 error" } });
    expect(checkRuns[0]!.output.summary).toContain("card/front-matter-valid-yaml");
    // The weights are in LFS (the snapshot's .gitattributes says so): no LFS finding.
    expect(checkRuns[0]!.output.summary).not.toContain("weights/use-git-lfs");
    expect(comments).toHaveLength(1);
    expect(comments[0]!.startsWith(MARKER)).toBe(true);
  });

  it("a push to a reviewed pull request reads the texts of the last review's paths beside the file list, at the new head", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const first = api();
    mockReviewStart(first);
    mockListFiles(first, [prFile(CARD_PATH), prFile(WEIGHTS_PATH, { patch: lfsPointerPatch(163_840_000) })]);
    mockSnapshot(first, { files: { [CARD_PATH]: BROKEN_CARD }, repo: REPO_WITH_LFS });
    mockCreateCheckRun(first, checkRuns);
    mockCreateComment(first, comments);
    await probot.receive({ id: "delivery-push-1", name: "pull_request", payload: opened() });
    expect(first.pendingMocks()).toEqual([]);

    // The author pushes a fix to the card.
    const NEW_SHA = "a".repeat(40);
    const payload = fixture<"pull_request.synchronize">("pull_request.synchronize.json");
    payload.pull_request.head.sha = NEW_SHA;
    payload.after = NEW_SHA;
    const fixed = BROKEN_CARD.replace("pipeline_tag: text-generation: causal", "pipeline_tag: text-generation");
    expect(fixed).not.toBe(BROKEN_CARD);
    const again = api();
    const seen = recordRequests(again);
    const queries: GraphqlRequestBody[] = [];
    mockListFiles(again, [prFile(CARD_PATH), prFile(WEIGHTS_PATH, { patch: lfsPointerPatch(163_840_000) })]);
    mockSnapshot(again, { sha: NEW_SHA, files: { [CARD_PATH]: fixed }, repo: REPO_WITH_LFS, comments: [comment(900, comments[0]!, { login: BOT_LOGIN, type: "Bot" })] }, queries);
    mockCreateCheckRun(again, checkRuns);
    const edited: string[] = [];
    mockUpdateComment(again, 900, edited);

    await probot.receive({ id: "delivery-push-2", name: "pull_request", payload });

    expect(again.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    // Three requests, the first two sent together: the texts did not wait for the file list.
    expect([...seen].sort()).toEqual([FILES, SNAPSHOT, CREATE_CHECK_RUN, `PATCH /repos/${OWNER}/${REPO}/issues/comments/900`].sort());
    expect(seen.indexOf(CREATE_CHECK_RUN)).toBeGreaterThan(1);
    const variables = queries[0]!.variables ?? {};
    // No blob sha (the list had not come back): the last review's paths, at the new head sha.
    expect(Object.keys(variables).filter((k) => /^b\d+$/.test(k))).toEqual([]);
    expect(Object.values(variables)).toContain(`${NEW_SHA}:${CARD_PATH}`);
    expect(Object.values(variables)).toContain(`${NEW_SHA}:.gitattributes`);
    // The card's new text was reviewed: the YAML error is gone.
    expect(checkRuns[1]).toMatchObject({ head_sha: NEW_SHA });
    expect(checkRuns[1]!.output.summary).not.toContain("card/front-matter-valid-yaml");
    expect(edited).toHaveLength(1);
    expect(edited[0]).not.toContain("card/front-matter-valid-yaml");
  });

  it("an unchanged re-review (same check run, same comment in the snapshot) writes nothing", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const first = api();
    mockReviewStart(first);
    mockListFiles(first, [prFile(CARD_PATH)]);
    mockSnapshot(first, { files: { [CARD_PATH]: BROKEN_CARD } });
    mockCreateCheckRun(first, checkRuns);
    mockCreateComment(first, comments);

    await probot.receive({ id: "delivery-rereview-1", name: "pull_request", payload: opened() });

    expect(first.pendingMocks()).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(comments).toHaveLength(1);

    // Another delivery for the same head sha: GitHub shows what the first review published.
    const again = api();
    const seen = recordRequests(again);
    mockListFiles(again, [prFile(CARD_PATH)]);
    mockSnapshot(again, {
      files: { [CARD_PATH]: BROKEN_CARD },
      checkRuns: [listedCheckRun(checkRuns[0]!)],
      comments: [comment(900, comments[0]!, { login: BOT_LOGIN, type: "Bot" })],
    });
    // Would catch a write, should one happen.
    const checkRunsAgain: CheckRunBody[] = [];
    const commentsAgain: string[] = [];
    mockCreateCheckRun(again, checkRunsAgain);
    again
      .patch(`/repos/${OWNER}/${REPO}/issues/comments/900`, (body: { body: string }) => {
        commentsAgain.push(body.body);
        return true;
      })
      .reply(200, {});
    mockCreateComment(again, commentsAgain);

    // Its title changed (a new state, so it is reviewed again); the files did not.
    await probot.receive({ id: "delivery-rereview-2", name: "pull_request", payload: retitled(opened(), "Add tiny-llm-x (v2)") });

    expect(unmatched.requests).toEqual([]);
    // The same pull request again: the file list and the snapshot go out together (in either order).
    expect([...seen].sort()).toEqual([FILES, SNAPSHOT].sort());
    expect(checkRunsAgain).toEqual([]);
    expect(commentsAgain).toEqual([]);
    // Only the write mocks are left over.
    expect(again.pendingMocks()).toHaveLength(3);
  });
});

describe("the configuration from the snapshot", () => {
  /** Reviews a PR adding UNDESCRIBED_CARD with the given snapshot configuration; returns the check run and the comments. */
  async function reviewWithConfig(delivery: string, config: { config?: string; orgConfig?: string }) {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile(CARD_PATH)]);
    mockSnapshot(scope, { files: { [CARD_PATH]: UNDESCRIBED_CARD }, ...config });
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, comments);

    await probot.receive({ id: delivery, name: "pull_request", payload: opened() });

    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    return { run: checkRuns[0]!, comments, pending: scope.pendingMocks() };
  }

  it("without any configuration, card/has-description is a warning (the baseline of the tests below)", async () => {
    const { run, comments, pending } = await reviewWithConfig("delivery-config-none", {});
    expect(pending).toEqual([]);
    expect(run).toMatchObject({ conclusion: "success", output: { title: "1 warning" } });
    expect(run.output.summary).toContain("card/has-description");
    expect(comments).toHaveLength(1);
  });

  it("the repository's config switches a rule off", async () => {
    const { run, pending } = await reviewWithConfig("delivery-config-off", { config: 'rules:\n  "card/has-description": off\n' });
    // With no finding left, nothing asks for a comment.
    expect(pending).toEqual([`POST ${API_HOST}/repos/${OWNER}/${REPO}/issues/7/comments`]);
    expect(run).toMatchObject({ conclusion: "success", output: { title: "No problems found" } });
    expect(run.output.summary).not.toContain("card/has-description");
    expect(run.output.summary).not.toContain("cardinal/config-valid");
  });

  it("the repository's config changes a rule's severity", async () => {
    const { run, comments, pending } = await reviewWithConfig("delivery-config-error", { config: "rules:\n  card/has-description: error\n" });
    expect(pending).toEqual([]);
    expect(run).toMatchObject({ conclusion: "failure", output: { title: "1 error" } });
    expect(run.output.annotations).toEqual([expect.objectContaining({ path: CARD_PATH, annotation_level: "failure" })]);
    expect(comments[0]).toContain("card/has-description");
  });

  it("without a repository config, the owner's .github repository's config applies", async () => {
    const { run, pending } = await reviewWithConfig("delivery-config-org", { orgConfig: "rules:\n  card/has-description: error\n" });
    expect(pending).toEqual([]);
    expect(run).toMatchObject({ conclusion: "failure", output: { title: "1 error" } });
  });

  it("the repository's config wins over the owner's .github repository's", async () => {
    const { run } = await reviewWithConfig("delivery-config-both", {
      config: "rules:\n  card/has-description: notice\n",
      orgConfig: "rules:\n  card/has-description: error\n",
    });
    expect(run).toMatchObject({ conclusion: "success", output: { title: "1 notice" } });
  });

  it("a config that is not valid YAML is reported by cardinal/config-valid, and the defaults apply", async () => {
    const { run, comments, pending } = await reviewWithConfig("delivery-config-yaml", {
      config: "rules:\n  card/has-description: [error\n",
    });
    expect(pending).toEqual([]);
    expect(run.output.summary).toContain("cardinal/config-valid");
    expect(run.output.summary).toContain("The file is not valid YAML: the `[` on line 2 is never closed with `]`.");
    expect(run.output.annotations).toEqual(expect.arrayContaining([expect.objectContaining({ path: ".github/cardinal.yml", start_line: 2 })]));
    // The defaults: card/has-description stays a warning beside the config's warning.
    expect(run).toMatchObject({ conclusion: "success", output: { title: "2 warnings" } });
    expect(run.output.summary).toContain("card/has-description");
    expect(comments).toHaveLength(1);
  });

  it("a problem in the owner's .github configuration names its line and file, and points at no line of this repository's file", async () => {
    const { run, pending } = await reviewWithConfig("delivery-config-org-bad", { orgConfig: "comment: always\nhub: sometimes\n" });
    expect(pending).toEqual([]);
    expect(run.output.summary).toContain(`Line 2 of \`${OWNER}/.github:.github/cardinal.yml\`: \`hub\` must be true or false, not \`sometimes\`.`);
    expect(run.output.summary).toContain(`Fix the setting in \`${OWNER}/.github:.github/cardinal.yml\`, on that repository's default branch`);
    const configAnnotations = (run.output.annotations ?? []).filter((a: { path: string }) => a.path === ".github/cardinal.yml");
    expect(configAnnotations).toEqual([expect.objectContaining({ start_line: 1, end_line: 1 })]);
  });

  it("a file it extends that is not valid YAML: the parser's line, and the defaults", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile(CARD_PATH)]);
    const repoConfig = "_extends: other-repo\n";
    mockSnapshot(scope, { files: { [CARD_PATH]: UNDESCRIBED_CARD }, config: repoConfig });
    mockConfig(scope, repoConfig);
    mockConfig(scope, "rules:\n  card/has-description: [off\n", OWNER, "other-repo");
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, []);

    await probot.receive({ id: "delivery-config-extends-bad", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    const summary = checkRuns[0]!.output.summary;
    // Probot's words and the parser's, escaped in the markdown: the file and its line.
    expect(summary).toContain("The configuration could not be read");
    expect(summary).toContain(`/repos/${OWNER}/other-repo/contents/.github%2Fcardinal.yml`);
    expect(summary).toContain("at line 3, column 1");
    expect(summary).toContain("Cardinal applied none of the file and used its defaults.");
    // The defaults: card/has-description is still a warning.
    expect(checkRuns[0]).toMatchObject({ conclusion: "success", output: { title: "2 warnings" } });
  });

  it("a config with `_extends` is read through Probot's REST config reading, and the merged result applies", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    const seen = recordRequests(scope);
    mockReviewStart(scope);
    mockListFiles(scope, [prFile(CARD_PATH)]);
    const repoConfig = "_extends: other-repo\ncomment: never\n";
    mockSnapshot(scope, { files: { [CARD_PATH]: UNDESCRIBED_CARD }, config: repoConfig });
    // Probot reads the repository's file again (raw), then the one it extends.
    mockConfig(scope, repoConfig);
    mockConfig(scope, "rules:\n  card/has-description: error\ncomment: always\n", OWNER, "other-repo");
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({ id: "delivery-config-extends", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expectRequests(reviewRequests(seen), [
      FILES,
      SNAPSHOT,
      `GET /repos/${OWNER}/${REPO}/contents/.github%2Fcardinal.yml`,
      `GET /repos/${OWNER}/other-repo/contents/.github%2Fcardinal.yml`,
      CREATE_CHECK_RUN,
    ]);
    // The extended file's rule setting applies; the repository's own `comment: never` overrides the extended `always`.
    expect(checkRuns[0]).toMatchObject({ conclusion: "failure", output: { title: "1 error" } });
    expect(checkRuns[0]!.output.summary).not.toContain("cardinal/config-valid");
  });
});

describe("when the snapshot fails", () => {
  it.each([
    ["GitHub answers 502", (scope: nock.Scope) => scope.post("/graphql").reply(502, { message: "Bad Gateway" })],
    [
      "GitHub answers a GraphQL error that is not NOT_FOUND",
      (scope: nock.Scope) =>
        scope.post("/graphql").reply(200, {
          data: null,
          errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for installation ID 48151623." }],
        }),
    ],
  ])("%s: the review completes through REST with the same verdict, and a warning is logged", async (_name, failSnapshot) => {
    const { probot, lines } = await probotWithLog();
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];

    // The same pull request through the snapshot first, for the verdict to compare with.
    const through = api();
    mockReviewStart(through);
    mockListFiles(through, [prFile(CARD_PATH)]);
    mockSnapshot(through, { files: { [CARD_PATH]: BROKEN_CARD } });
    mockCreateCheckRun(through, checkRuns);
    mockCreateComment(through, comments);
    await probot.receive({ id: "delivery-fallback-graphql", name: "pull_request", payload: opened() });
    expect(through.pendingMocks()).toEqual([]);

    const rest = api();
    const seen = recordRequests(rest);
    mockListFiles(rest, [prFile(CARD_PATH)]);
    failSnapshot(rest);
    mockNoConfig(rest);
    mockContent(rest, CARD_PATH, BROKEN_CARD);
    mockListCheckRuns(rest);
    mockCreateCheckRun(rest, checkRuns);
    mockListComments(rest, []);
    mockCreateComment(rest, comments);
    await probot.receive({ id: "delivery-fallback-rest", name: "pull_request", payload: retitled(opened(), "Add tiny-llm-x (v2)") });

    expect(rest.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    const listCheckRuns = `GET /repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/check-runs`;
    const listComments = `GET /repos/${OWNER}/${REPO}/issues/7/comments`;
    expectRequests(
      seen,
      [
        FILES,
        SNAPSHOT,
        // Probot's config reading: the repository's file, then the owner's .github repository's (both 404).
        `GET /repos/${OWNER}/${REPO}/contents/.github%2Fcardinal.yml`,
        `GET /repos/${OWNER}/.github/contents/.github%2Fcardinal.yml`,
        `GET /repos/${OWNER}/${REPO}/contents/models%2Fx%2FREADME.md`,
      ],
      [listCheckRuns, CREATE_CHECK_RUN, listComments, CREATE_COMMENT],
    );
    // Without the snapshot, each write is preceded by its listing.
    expect(seen.indexOf(listCheckRuns)).toBeLessThan(seen.indexOf(CREATE_CHECK_RUN));
    expect(seen.indexOf(listComments)).toBeLessThan(seen.indexOf(CREATE_COMMENT));

    expect(checkRuns).toHaveLength(2);
    const [viaGraphql, viaRest] = checkRuns as [CheckRunBody, CheckRunBody];
    expect(viaRest).toMatchObject({ conclusion: "failure", output: { title: "1 error" } });
    expect({ ...viaRest, completed_at: "" }).toEqual({ ...viaGraphql, completed_at: "" });
    expect(comments).toHaveLength(2);
    expect(comments[1]).toBe(comments[0]);

    const warning = lines.find((l) => l.msg.includes("GraphQL API did not answer"));
    expect(warning).toMatchObject({ level: 40 });
    expect(lines.some((l) => l.msg.startsWith("review failed"))).toBe(false);
  });
});

describe("when GraphQL is down for the whole review", () => {
  /** A pickle added without LFS next to its config (as in handler-review's legacy release), every GraphQL query failing. */
  const mockLegacyRelease = (scope: nock.Scope, checkRuns: CheckRunBody[]) => {
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/legacy/pytorch_model.bin"), prFile("models/legacy/config.json")]);
    scope.post("/graphql").times(10).reply(502, { message: "Bad Gateway" });
    mockNoConfig(scope);
    mockContent(scope, "models/legacy/config.json", '{"architectures": ["BertForMaskedLM"], "transformers_version": "4.30.0"}\n');
    mockListCheckRuns(scope);
    mockCreateCheckRun(scope, checkRuns);
    mockListComments(scope, []);
    mockCreateComment(scope, []);
  };

  it("reads the repository's paths from the REST tree instead, once, and reaches the snapshot's verdict", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    const seen = recordRequests(scope);
    mockLegacyRelease(scope, checkRuns);
    // No .gitattributes anywhere; a card at the root.
    mockTree(scope, ["README.md", "models/legacy/pytorch_model.bin", "models/legacy/config.json"]);

    await probot.receive({ id: "delivery-graphql-down", name: "pull_request", payload: opened() });

    expect(unmatched.requests).toEqual([]);
    expect(scope.pendingMocks().every((m) => m.startsWith(`POST ${API_HOST}/graphql`))).toBe(true);
    expect(seen.filter((r) => r.startsWith("GET /repos/acme-ai/tiny-llm/git/trees/"))).toHaveLength(1);
    // The same findings as through the snapshot (handler-review's "model release without Git LFS").
    const run = checkRuns[0]!;
    // GitHub lists a binary with no size, so Cardinal cannot tell whether it is over the Hub's 10 MB: a notice, not an error.
    expect(run.conclusion).toBe("success");
    expect(run.output.annotations!.map((a) => `${a.path}:${a.start_line} ${a.annotation_level} ${a.title}`)).toEqual([
      "models/legacy/pytorch_model.bin:1 warning Weights saved as a pickle",
      "models/legacy/pytorch_model.bin:1 notice Weight file in plain Git, size unknown",
    ]);
    expect(run.output.summary).not.toContain("release/has-model-card");
  });

  it("when the tree cannot be read either, the repository's paths are unknown, not absent: no finding says a file is missing", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    const seen = recordRequests(scope);
    mockLegacyRelease(scope, checkRuns);
    scope.get(`/repos/${OWNER}/${REPO}/git/trees/${HEAD_SHA}`).query({ recursive: "true" }).reply(500, { message: "Server Error" });

    await probot.receive({ id: "delivery-graphql-down-2", name: "pull_request", payload: opened() });

    expect(unmatched.requests).toEqual([]);
    expect(scope.pendingMocks().every((m) => m.startsWith(`POST ${API_HOST}/graphql`))).toBe(true);
    const graphql = seen.filter((r) => r.startsWith("POST /graphql"));
    expect(graphql[0]).toBe(SNAPSHOT);
    expect(graphql.slice(1).every((r) => r === "POST /graphql CardinalRepoFiles")).toBe(true);
    // The review completes on what the diff and the contents API show.
    const run = checkRuns[0]!;
    expect(run).toMatchObject({ conclusion: "success", output: { title: "1 warning" } });
    expect(run.output.summary).toContain("Weights saved as a pickle");
    // Neither a missing .gitattributes pattern nor a missing card is claimed from an unanswered query.
    expect(run.output.summary).not.toContain("weights/use-git-lfs");
    expect(run.output.summary).not.toContain("release/has-model-card");
    expect(run.output.summary).not.toContain("cardinal/file-unreadable");
  });
});

describe("repository paths the snapshot did not guess", () => {
  it("are asked in one CardinalRepoFiles query (all of an index's shards), and absent shards are reported", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const queries: GraphqlRequestBody[] = [];
    const lookups: GraphqlRequestBody[] = [];
    const scope = api();
    const seen = recordRequests(scope);
    mockReviewStart(scope);
    const shard = (n: number) => `models/x/model-0000${n}-of-00004.safetensors`;
    const index = JSON.stringify({
      metadata: { total_size: 400 },
      weight_map: { "a.weight": "model-00001-of-00004.safetensors", "b.weight": "model-00002-of-00004.safetensors", "c.weight": "model-00003-of-00004.safetensors", "d.weight": "model-00004-of-00004.safetensors" },
    });
    // The PR adds the index and the first shard; the second is in the repository already, the last two nowhere.
    mockListFiles(scope, [
      prFile("models/x/model.safetensors.index.json"),
      prFile(shard(1), { patch: lfsPointerPatch(100) }),
    ]);
    const repo = { ...REPO_WITH_LFS, [shard(2)]: "version https://git-lfs.github.com/spec/v1\noid sha256:" + "b".repeat(64) + "\nsize 100\n" };
    mockSnapshot(scope, { files: { "models/x/model.safetensors.index.json": index }, repo }, queries);
    mockGraphql(scope, "CardinalRepoFiles", { repo }, lookups);
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, []);

    await probot.receive({ id: "delivery-shards-1", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expectRequests(reviewRequests(seen), [FILES, SNAPSHOT, "POST /graphql CardinalRepoFiles"], [CREATE_CHECK_RUN, CREATE_COMMENT]);

    // The snapshot guessed none of the shards; the one later query asked for all three not in the PR.
    const guessed = Object.values(queries[0]!.variables ?? {});
    for (const n of [2, 3, 4]) expect(guessed).not.toContain(`${HEAD_SHA}:${shard(n)}`);
    expect(lookups).toHaveLength(1);
    const asked = Object.entries(lookups[0]!.variables ?? {})
      .filter(([name]) => /^p\d+$/.test(name))
      .map(([, value]) => value);
    expect(asked.sort()).toEqual([2, 3, 4].map((n) => `${HEAD_SHA}:${shard(n)}`));
    expect(lookups[0]!.variables).toMatchObject({ owner: OWNER, repo: REPO, head: HEAD_SHA });

    const run = checkRuns[0]!;
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).toContain("weights/shards-complete");
    const finding = run.output.annotations!.find((a) => a.message.includes("weights/shards-complete") || a.title === "Checkpoint shards are missing");
    expect(finding).toMatchObject({ path: "models/x/model.safetensors.index.json", start_line: 1 });
    expect(finding!.message).toContain("2 of the 4 shards");
    expect(finding!.message).toContain("model-00003-of-00004.safetensors");
    expect(finding!.message).toContain("model-00004-of-00004.safetensors");
    expect(finding!.message).not.toContain("model-00002-of-00004.safetensors");
    expect(finding!.message).not.toContain("model-00001-of-00004.safetensors");
  });
});

describe("pullRequestRepoFiles for a fork", () => {
  const base = { owner: OWNER, repo: REPO };
  const fork = { owner: FORK_OWNER, repo: REPO };
  const octokit = () => new TestOctokit({ auth: "token ghs_cardinalTestInstallationToken" });

  it("asks the fork when the base repository cannot see the head commit (head: null), and uses its answer", async () => {
    const scope = api();
    const fromBase: GraphqlRequestBody[] = [];
    const fromFork: GraphqlRequestBody[] = [];
    mockGraphql(scope, "CardinalRepoFiles", { headVisible: false, repo: { [CARD_PATH]: "# from the base\n" } }, fromBase);
    mockGraphql(scope, "CardinalRepoFiles", { repo: { [CARD_PATH]: "# from the fork\n" } }, fromFork);
    const files = pullRequestRepoFiles(octokit(), [base, fork], HEAD_SHA);

    const found = await files.existing([CARD_PATH, "models/x/LICENSE"]);

    expect(found).toEqual(new Set([CARD_PATH]));
    expect(fromBase.map((q) => q.variables?.["owner"])).toEqual([OWNER]);
    expect(fromFork.map((q) => q.variables?.["owner"])).toEqual([FORK_OWNER]);
    // The text came with the answer: reading it costs no request (nock would refuse one).
    expect(await files.read(CARD_PATH)).toBe("# from the fork\n");
    expect(await files.existing([CARD_PATH])).toEqual(new Set([CARD_PATH]));
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });

  it("falls back to the REST tree when GraphQL fails (502), and reads texts through the contents API", async () => {
    const scope = api();
    scope.post("/graphql").reply(502, { message: "Bad Gateway" });
    mockTree(scope, [CARD_PATH, "models/x/LICENSE"]);
    scope
      .get(contentsPath(CARD_PATH))
      .query({ ref: HEAD_SHA })
      .matchHeader("accept", /raw/)
      .reply(200, BROKEN_CARD, { "Content-Type": "text/plain; charset=utf-8" });
    const files = pullRequestRepoFiles(octokit(), [base, fork], HEAD_SHA);

    expect(await files.existing([CARD_PATH, "models/x/LICENSE", "models/x/NOTICE"])).toEqual(new Set([CARD_PATH, "models/x/LICENSE"]));
    expect(await files.read(CARD_PATH)).toBe(BROKEN_CARD);
    // A path the tree does not list is absent, without another request.
    expect(await files.read("models/x/NOTICE")).toBeUndefined();
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });

  it("answers unknown (undefined), not absent, when GraphQL and the REST tree both fail", async () => {
    const scope = api();
    scope.post("/graphql").reply(502, { message: "Bad Gateway" });
    scope.get(`/repos/${OWNER}/${REPO}/git/trees/${HEAD_SHA}`).query({ recursive: "true" }).reply(500, { message: "Server Error" });
    const files = pullRequestRepoFiles(octokit(), [base, fork], HEAD_SHA);

    expect(await files.existing([CARD_PATH, "models/x/LICENSE"])).toBeUndefined();
    // Nor can the text be read; and the fork is not asked after a 5xx (nock would report it).
    expect(await files.read(CARD_PATH)).toBeUndefined();
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });

  it("answers unknown when the base cannot see the commit and the fork answers neither GraphQL nor REST", async () => {
    const scope = api();
    const fromBase: GraphqlRequestBody[] = [];
    mockGraphql(scope, "CardinalRepoFiles", { headVisible: false }, fromBase);
    scope.post("/graphql").reply(502, { message: "Bad Gateway" });
    // The base is not asked for its tree: it cannot see the commit.
    scope.get(`/repos/${FORK_OWNER}/${REPO}/git/trees/${HEAD_SHA}`).query({ recursive: "true" }).reply(502, { message: "Bad Gateway" });
    const files = pullRequestRepoFiles(octokit(), [base, fork], HEAD_SHA);

    expect(await files.existing([CARD_PATH])).toBeUndefined();
    expect(fromBase).toHaveLength(1);
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });

  it("answers unknown when neither the base nor the fork can see the commit", async () => {
    const scope = api();
    mockGraphql(scope, "CardinalRepoFiles", { headVisible: false });
    mockGraphql(scope, "CardinalRepoFiles", { headVisible: false });
    const files = pullRequestRepoFiles(octokit(), [base, fork], HEAD_SHA);

    expect(await files.existing([CARD_PATH])).toBeUndefined();
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });
});

describe("a draft pull request", () => {
  it("is skipped after the snapshot alone (no file texts asked), without listing its files", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const queries: GraphqlRequestBody[] = [];
    const scope = api();
    const seen = recordRequests(scope);
    mockReviewStart(scope);
    mockSnapshot(scope, {}, queries);
    mockCreateCheckRun(scope, checkRuns);
    const payload = opened();
    payload.pull_request.draft = true;

    await probot.receive({ id: "delivery-draft-1", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expectRequests(reviewRequests(seen), [SNAPSHOT, CREATE_CHECK_RUN]);
    expect(Object.keys(queries[0]!.variables ?? {}).filter((k) => /^[bp]\d+$/.test(k))).toEqual([]);
    expect(checkRuns[0]).toMatchObject({ conclusion: "skipped" });
  });

  it("with `review.drafts: true`, lists the files after the snapshot, then reads their texts and the repository's paths in one query each", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const blobs: GraphqlRequestBody[] = [];
    const lookups: GraphqlRequestBody[] = [];
    const scope = api();
    const seen = recordRequests(scope);
    mockReviewStart(scope);
    mockSnapshot(scope, { config: "review:\n  drafts: true\n" });
    mockListFiles(scope, [prFile(CARD_PATH)]);
    mockGraphql(scope, "CardinalBlobs", { files: { [CARD_PATH]: UNDESCRIBED_CARD } }, blobs);
    // The LICENSE beside the card could not be prefetched (no file list then): asked when the license rules need it.
    mockGraphql(scope, "CardinalRepoFiles", {}, lookups);
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, []);
    const payload = opened();
    payload.pull_request.draft = true;

    await probot.receive({ id: "delivery-draft-2", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expectRequests(
      reviewRequests(seen),
      [SNAPSHOT, FILES, "POST /graphql CardinalBlobs", "POST /graphql CardinalRepoFiles"],
      [CREATE_CHECK_RUN, CREATE_COMMENT],
    );
    expect(Object.values(blobs[0]!.variables ?? {})).toEqual([OWNER, REPO, blobSha(CARD_PATH)]);
    expect(Object.values(lookups[0]!.variables ?? {})).toContain(`${HEAD_SHA}:models/x/LICENSE`);
    expect(checkRuns[0]).toMatchObject({ conclusion: "success", output: { title: "1 warning" } });
    expect(checkRuns[0]!.output.summary).toContain("card/has-description");
  });
});
