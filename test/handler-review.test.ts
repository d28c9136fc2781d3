/**
 * The review road through the real Probot: which files are listed and
 * fetched, and what the check run and comment say.
 */
import type nock from "nock";
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import { BROKEN_CARD, CARD_BODY_LINES } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  contentsJson,
  contentsPath,
  createProbot,
  fixture,
  FORK_OWNER,
  HEAD_SHA,
  lfsPointerPatch,
  listedCheckRun,
  MARKER,
  blobSha,
  mockContent,
  mockCreateCheckRun,
  mockCreateComment,
  mockListCheckRuns,
  mockListFiles,
  mockReviewStart,
  mockSnapshot,
  OWNER,
  prFile,
  REPO,
  retitled,
  REPO_WITH_LFS,
  type CheckRunBody,
  useNockSandbox,
} from "./helpers/github.js";
import type { GraphqlRequestBody } from "../src/tools/fake-github-graphql.js";

const opened = () => fixture<"pull_request.opened">("pull_request.opened.json");

const fakeHub = useFakeHub({ behaviours: { "datasets/acme-ai/flaky-data": { status: 503 } } });
const unmatched = useNockSandbox({ fakeHub: true });

describe("pull_request.opened", () => {
  it("fails the check with an annotation at the broken line, comments the finding, and reads weights from the diff only", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [
      prFile("models/x/README.md", { patch: "@@ -0,0 +1,9 @@\n+---\n+license: apache-2.0" }),
      prFile("models/x/model.safetensors", { patch: lfsPointerPatch(163_840_000) }),
    ]);
    // One query reads the config, comments, check runs, the card's text and the root .gitattributes.
    const queries: GraphqlRequestBody[] = [];
    mockSnapshot(scope, { files: { "models/x/README.md": BROKEN_CARD }, repo: REPO_WITH_LFS }, queries);
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, comments);

    await probot.receive({ id: "delivery-opened-1", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    // The card's blob was asked for, never the weights'; the .gitattributes that applies to them was.
    const variables = Object.values(queries[0]!.variables ?? {});
    expect(variables).toContain(blobSha("models/x/README.md"));
    expect(variables).not.toContain(blobSha("models/x/model.safetensors"));
    expect(variables).toContain(`${HEAD_SHA}:.gitattributes`);

    expect(checkRuns).toHaveLength(1);
    const run = checkRuns[0]!;
    expect(run).toMatchObject({
      name: "Cardinal",
      head_sha: HEAD_SHA,
      status: "completed",
      conclusion: "failure",
      external_id: "pr:7",
      output: { title: "1 error" },
    });
    expect(run.output.annotations).toEqual([
      expect.objectContaining({
        path: "models/x/README.md",
        start_line: 4,
        end_line: 4,
        start_column: 15,
        annotation_level: "failure",
        title: "Metadata block is not valid YAML",
      }),
    ]);
    expect(run.output.annotations![0]!.message).toContain("card/front-matter-valid-yaml");
    expect(run.output.summary).toContain("card/front-matter-valid-yaml");
    // The weights were recognised from the LFS pointer in the patch.
    expect(run.output.text).toMatch(/`models\/x\/model\.safetensors` \| weights \(lfs-pointer\)/);
    expect(run.output.text).toMatch(/`models\/x\/README\.md` \| model-card \| invalid/);

    expect(comments).toHaveLength(1);
    const body = comments[0]!;
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toContain("card/front-matter-valid-yaml");
    expect(body).toContain("(line 4)");
    expect(body).toContain("`pipeline_tag: text-generation: causal`");
    // No commit sha in the text: a push that changes no finding leaves the comment untouched.
    expect(body).not.toContain("6dcb09b");
  });

  it("reads a fork's files from the head repository at the head sha when the base repository cannot see them", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/x/README.md")]);
    // The base repository cannot see the fork's commit: no blob, no check run, no path answers there.
    mockSnapshot(scope, { headVisible: false });
    // Nor can it list check runs on that commit: those are listed through REST.
    mockListCheckRuns(scope);
    scope
      .get(contentsPath("models/x/README.md"))
      .query({ ref: HEAD_SHA })
      .reply(404, { message: "No commit found for the ref 6dcb09b5b57875f334f61aebed695e2e4193db5e", status: "404" });
    mockContent(scope, "models/x/README.md", BROKEN_CARD, { owner: FORK_OWNER, repo: REPO });
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, comments);

    await probot.receive({
      id: "delivery-fork-1",
      name: "pull_request",
      payload: fixture<"pull_request.opened">("pull_request.opened.fork.json"),
    });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    // The text came from the fork: the YAML error in it was found, not "could not be fetched".
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]!.conclusion).toBe("failure");
    expect(checkRuns[0]!.output.annotations).toEqual([
      expect.objectContaining({ path: "models/x/README.md", start_line: 4 }),
    ]);
    expect(checkRuns[0]!.output.summary).not.toContain("cardinal/file-unreadable");
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("card/front-matter-valid-yaml");
    // The fork's author is a first-time contributor (FIRST_TIMER): the comment opens with the welcome.
    expect(comments[0]).toMatch(/^<!-- cardinal:guidance -->\n### 👋 Welcome, @contrib-lee/);
  });

  it("follows the Link header across pages of changed files and fetches the relevant ones from every page", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    const shards = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => prFile(`data/train-${String(from + i).padStart(5, "0")}-of-00150.parquet`));
    const payload = opened();
    payload.pull_request.changed_files = 150;
    mockListFiles(scope, shards(0, 100), { next: 2, last: 2 });
    mockListFiles(scope, [...shards(100, 48), prFile("models/x/README.md"), prFile("LICENSE")], { page: 2 });
    mockSnapshot(scope, { files: { "models/x/README.md": BROKEN_CARD, LICENSE: "MIT License\n\nCopyright (c) 2026 Acme AI\n" } });
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, []);

    await probot.receive({ id: "delivery-pages-1", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    const text = checkRuns[0]!.output.text ?? "";
    expect(text).toContain("`models/x/README.md`");
    expect(text).toContain("`LICENSE` | license");
    expect(text).not.toContain("parquet");
    expect(checkRuns[0]!.output.summary).not.toContain("cardinal/pr-file-limit");
  });

  it("warns with cardinal/pr-file-limit when the PR changes more files than GitHub lists (3,000)", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    const payload = opened();
    payload.pull_request.changed_files = 3512;
    for (let page = 1; page <= 30; page++) {
      const files = Array.from({ length: 100 }, (_, i) => prFile(`data/shard-${String((page - 1) * 100 + i).padStart(5, "0")}.jsonl`));
      mockListFiles(scope, files, { page, ...(page < 30 ? { next: page + 1, last: 30 } : {}) });
    }
    mockSnapshot(scope);
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, comments);

    await probot.receive({ id: "delivery-limit-1", name: "pull_request", payload });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    const run = checkRuns[0]!;
    expect(run.conclusion).toBe("success");
    expect(run.output.title).toBe("1 warning");
    expect(run.output.summary).toContain("cardinal/pr-file-limit");
    expect(run.output.summary).toContain("This pull request changes 3512 files; GitHub lists only the first 3000");
    // A finding about the whole PR has no file to annotate.
    expect(run.output.annotations).toBeUndefined();
    expect(comments[0]).toContain("cardinal/pr-file-limit");
  });

  it.each([
    ["text/plain; charset=utf-8", "as text"],
    ["application/octet-stream", "as bytes"],
  ])("reads a file GraphQL cuts short through the contents API, again with the raw media type over 1 MB (%s, answered %s)", async (contentType) => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/x/README.md")]);
    const big = `${BROKEN_CARD}\n## Evaluation\n\n${"| step | loss | accuracy |\n".repeat(45_000)}`;
    const size = Buffer.byteLength(big);
    expect(size).toBeGreaterThan(1024 * 1024);
    // The snapshot's blob text is cut short (isTruncated), so the contents API is asked;
    // over 1 MB it answers the JSON without the bytes.
    mockSnapshot(scope, { files: { "models/x/README.md": big } });
    scope
      .get(contentsPath("models/x/README.md"))
      .query({ ref: HEAD_SHA })
      .matchHeader("accept", "application/vnd.github.v3+json")
      .reply(200, { ...contentsJson("models/x/README.md", ""), encoding: "none", content: "", size });
    scope
      .get(contentsPath("models/x/README.md"))
      .query({ ref: HEAD_SHA })
      .matchHeader("accept", "application/vnd.github.v3.raw")
      .reply(200, big, { "Content-Type": contentType });
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, []);

    await probot.receive({ id: "delivery-big-1", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    const run = checkRuns[0]!;
    expect(run.conclusion).toBe("failure");
    expect(run.output.annotations).toEqual([
      expect.objectContaining({ path: "models/x/README.md", start_line: 4, title: "Metadata block is not valid YAML" }),
    ]);
    expect(run.output.summary).not.toContain("cardinal/file-unreadable");
  });

  it("publishes 'Nothing to review' and creates no comment when the PR touches no relevant file", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("src/train.py", { status: "modified" }), prFile("requirements.txt", { status: "modified" })]);
    // The snapshot still reads the comments (to keep an earlier Cardinal comment current); nothing is created.
    mockSnapshot(scope);
    mockCreateCheckRun(scope, checkRuns);

    await probot.receive({ id: "delivery-irrelevant-1", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({
      conclusion: "success",
      output: { title: "Nothing to review", summary: "This pull request changes no model cards, dataset cards, licenses or model files." },
    });
  });

  it("publishes a neutral 'Review could not be completed' check and rejects when GitHub answers 500 listing files", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    scope
      .get(`/repos/${OWNER}/${REPO}/pulls/7/files`)
      .query({ per_page: "100" })
      .reply(500, { message: "Server Error" }, { "X-GitHub-Request-Id": "C0DE:2F1A:8B1C2D:9E3F4A:65E2F00D" });
    mockCreateCheckRun(scope, checkRuns);

    const receiving = probot.receive({ id: "delivery-500-1", name: "pull_request", payload: opened() });

    await expect(receiving).rejects.toMatchObject({ errors: [expect.objectContaining({ status: 500 })] });
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({
      conclusion: "neutral",
      external_id: "pr:7",
      output: { title: "Review could not be completed" },
    });
    expect(checkRuns[0]!.output.summary).toContain("request id C0DE:2F1A:8B1C2D:9E3F4A:65E2F00D");
    expect(checkRuns[0]!.output.summary).toContain("Re-run the check");
  });

  it("reviews a redelivery of a delivery that failed (GitHub's Redeliver button reuses the delivery id)", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const created: string[] = [];
    const failing = api();
    mockReviewStart(failing);
    failing.get(`/repos/${OWNER}/${REPO}/pulls/7/files`).query({ per_page: "100" }).reply(502, { message: "Server Error" });
    mockCreateCheckRun(failing, checkRuns);

    await expect(probot.receive({ id: "delivery-retry-1", name: "pull_request", payload: opened() })).rejects.toThrow();
    expect(failing.pendingMocks()).toEqual([]);
    expect(checkRuns[0]).toMatchObject({ conclusion: "neutral", output: { title: "Review could not be completed" } });

    // The same delivery again; the token and the bot login are cached by now.
    const retry = api();
    mockListFiles(retry, [prFile("models/x/README.md")]);
    mockSnapshot(retry, { files: { "models/x/README.md": BROKEN_CARD }, checkRuns: [listedCheckRun(checkRuns[0]!)] });
    mockCreateCheckRun(retry, checkRuns);
    mockCreateComment(retry, created);

    await probot.receive({ id: "delivery-retry-1", name: "pull_request", payload: opened() });

    expect(retry.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(2);
    expect(checkRuns[1]).toMatchObject({ conclusion: "failure", output: { title: "1 error" } });
    expect(created).toHaveLength(1);
  });

  it("keeps the published verdict when only the comment fails (no neutral check run over a failure)", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/x/README.md")]);
    mockSnapshot(scope, { files: { "models/x/README.md": BROKEN_CARD } });
    mockCreateCheckRun(scope, checkRuns);
    scope
      .post(`/repos/${OWNER}/${REPO}/issues/7/comments`)
      .reply(403, { message: "Resource not accessible by integration", status: "403" });

    const receiving = probot.receive({ id: "delivery-comment-403", name: "pull_request", payload: opened() });

    await expect(receiving).rejects.toMatchObject({ errors: [expect.objectContaining({ status: 403 })] });
    expect(scope.pendingMocks()).toEqual([]);
    // A neutral run would be the newest for the sha, and neutral satisfies a required check.
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]!.conclusion).toBe("failure");
  });
});

describe("a model release without Git LFS or safetensors", () => {
  it("reports the pickle and the missing LFS from the diff and the snapshot's paths, and finds the card above", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    // A binary added without LFS: GitHub lists it with no patch.
    mockListFiles(scope, [prFile("models/legacy/pytorch_model.bin"), prFile("models/legacy/config.json")]);
    // The snapshot asks for the .gitattributes above the weights (there is none) and a card above them.
    mockSnapshot(scope, {
      files: { "models/legacy/config.json": '{"architectures": ["BertForMaskedLM"], "transformers_version": "4.30.0"}\n' },
      repo: { "README.md": "# legacy models\n" },
    });
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, comments);

    await probot.receive({ id: "delivery-weights-1", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    const run = checkRuns[0]!;
    // GitHub lists a binary with no size, so Cardinal cannot tell whether it is over the Hub's 10 MB: a notice, not an error.
    expect(run.conclusion).toBe("success");
    expect(run.output.annotations!.map((a) => `${a.path}:${a.start_line} ${a.annotation_level} ${a.title}`)).toEqual([
      "models/legacy/pytorch_model.bin:1 warning Weights saved as a pickle",
      "models/legacy/pytorch_model.bin:1 notice Weight file in plain Git, size unknown",
    ]);
    // The root README.md counts as the card of models/legacy/ (a card above the weights).
    expect(run.output.summary).not.toContain("release/has-model-card");
    expect(comments[0]).toContain("add `*.bin filter=lfs diff=lfs merge=lfs -text` to `.gitattributes`");
  });
});

describe("the Hub during reviews", () => {
  // Non-commercial, like its Alpaca training data (license/dataset-terms stays quiet).
  const CARD = [
    "---",
    "license: cc-by-nc-4.0",
    "library_name: transformers",
    "pipeline_tag: fill-mask",
    "datasets:",
    "- tatsu-lab/alpaca",
    "- rajpurkar/squad_v2",
    "- bigcode/the-stack",
    "base_model: google-bert/bert-base-uncased",
    "---",
    "",
    "# bert-finetuned",
    "",
    ...CARD_BODY_LINES,
  ].join("\n");

  const mockOneReview = (scope: nock.Scope, checkRuns: CheckRunBody[], card: string) => {
    mockListFiles(scope, [prFile("models/x/README.md")]);
    // The license rules look for a LICENSE file beside the card: the snapshot shows there is none.
    mockSnapshot(scope, { files: { "models/x/README.md": card } });
    mockCreateCheckRun(scope, checkRuns);
  };

  it("asks the Hub once per repository, and not at all for a second review within the cache's lifetime", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockOneReview(scope, checkRuns, CARD);
    const before = fakeHub.hub!.requests.length;
    await probot.receive({ id: "delivery-hub-1", name: "pull_request", payload: opened() });
    const cold = fakeHub.hub!.requests.length - before;

    mockOneReview(scope, checkRuns, CARD);
    await probot.receive({ id: "delivery-hub-2", name: "pull_request", payload: retitled(opened(), "Fine-tune BERT (v2)") });
    const warm = fakeHub.hub!.requests.length - before - cold;

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    // 3 datasets + 1 base model + the Hub's security scan of the base model's files: 5 requests cold, 0 warm.
    expect([cold, warm]).toEqual([5, 0]);
    // bigcode/the-stack is gated: a notice; the rest exists.
    expect(checkRuns[0]).toMatchObject({ conclusion: "success" });
    expect(checkRuns[0]!.output.summary).toContain("hub/repo-access");
  });

  it("when the Hub fails, the check is neutral, says what could not be verified, and posts no comment", async () => {
    const probot = await createProbot(app);
    const checkRuns: CheckRunBody[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockOneReview(scope, checkRuns, CARD.replace("- bigcode/the-stack", "- acme-ai/flaky-data"));
    await probot.receive({ id: "delivery-hub-3", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(checkRuns[0]).toMatchObject({ conclusion: "neutral", output: { title: "1 notice" } });
    expect(checkRuns[0]!.output.summary).toContain("Could not verify the dataset `acme-ai/flaky-data`: the Hub answered 503.");
  });
});
