/**
 * Secrets never leak: the Hub token (HF_TOKEN), the app's private key (and
 * the JWTs signed with it) and the installation token never appear in a log
 * line, a comment, a check run or an error message, on the normal road and
 * on the failure roads (GitHub failing, the Hub failing or refusing, an error
 * thrown out of the handler, the installation token refused).
 *
 * The app runs in the real Probot with a pino logger at `trace` that writes to
 * memory, so every line Probot, Octokit and Cardinal log is captured, without
 * the redaction Probot's own log transport would add. Every Authorization
 * header GitHub's mocks and the fake Hub receive is recorded too: those values
 * are secrets as well, and each test first proves the secrets were in play.
 */
import { inspect } from "node:util";
import type nock from "nock";
import type { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import app from "../src/index.js";
import { CARD_BODY_LINES } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  fixture,
  INSTALLATION_ID,
  lfsPointerPatch,
  MARKER,
  mockApp,
  mockCreateCheckRun,
  mockCreateComment,
  mockCreateReview,
  mockListFiles,
  mockListReviewComments,
  mockListReviews,
  mockReviewStart,
  mockSnapshot,
  OWNER,
  prFile,
  privateKey,
  REPO,
  REPO_WITH_LFS,
  type CheckRunBody,
  type ReviewBody,
  useNockSandbox,
  createLoggingProbot,
} from "./helpers/github.js";

/** Recognisable fakes: a real-looking Hub token, and the token helpers' mockToken mints. */
const HF_TOKEN = "hf_cardinalSecretsTestTOKENdoNotLeak0123456789";
const INSTALLATION_TOKEN = "ghs_cardinalTestInstallationToken";
/** The base64 lines of the PEM body: any one of them in the open gives part of the key away. */
const KEY_LINES = privateKey.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("-----"));

const opened = () => fixture<"pull_request.opened">("pull_request.opened.json");

const fakeHub = useFakeHub({
  behaviours: {
    "datasets/x/y": { status: 401 },
    "datasets/acme-ai/flaky-data": { status: 500 },
  },
});
const unmatched = useNockSandbox({ fakeHub: true });

// The app reads HF_TOKEN when it is loaded (src/index.ts): set it before any Probot loads it.
const previousToken = process.env["HF_TOKEN"];
beforeAll(() => {
  process.env["HF_TOKEN"] = HF_TOKEN;
});
afterAll(() => {
  if (previousToken === undefined) delete process.env["HF_TOKEN"];
  else process.env["HF_TOKEN"] = previousToken;
});

/** A model card whose Hub references make the app ask the Hub (with the token), and whose license is wrong. */
function card(datasets: readonly string[]): string {
  return [
    "---",
    "license: Apache 2.0",
    "library_name: transformers",
    "pipeline_tag: text-generation",
    "language:",
    "- en",
    "datasets:",
    ...datasets.map((d) => `- ${d}`),
    "---",
    "",
    "# tiny-llm-x",
    "",
    ...CARD_BODY_LINES,
  ].join("\n");
}

interface Capture {
  readonly probot: Probot;
  /** Every log line, as pino wrote it. */
  readonly logs: string[];
  /** Authorization header values GitHub's mocks received. */
  readonly githubAuthorizations: Set<string>;
  /** Request bodies sent to GitHub. */
  readonly githubBodies: string[];
  readonly checkRuns: CheckRunBody[];
  readonly comments: string[];
  /** Pull request reviews (the one-click suggestions). */
  readonly reviews: ReviewBody[];
}

/** A fresh Probot logging everything (trace) into memory, with the app loaded (which reads HF_TOKEN). */
async function captureProbot(scope: nock.Scope): Promise<Capture> {
  const { probot, raw: logs } = createLoggingProbot({ level: "trace" });
  await probot.load(app);
  const capture: Capture = { probot, logs, githubAuthorizations: new Set(), githubBodies: [], checkRuns: [], comments: [], reviews: [] };
  scope.on("request", (req: { headers: Record<string, unknown> }, _interceptor: unknown, body: string) => {
    const authorization = req.headers["authorization"];
    if (typeof authorization === "string") capture.githubAuthorizations.add(authorization);
    if (body) capture.githubBodies.push(body);
  });
  return capture;
}

/** The Authorization values the fake Hub received since `from`. */
function hubAuthorizations(from: number): string[] {
  return fakeHub.hub!.log.slice(from).flatMap((r) => (r.authorization ? [r.authorization] : []));
}

/** Every secret value in play: the tokens, the key's lines, and each Authorization header seen (whole, and its credential). */
function secrets(capture: Capture, hubFrom: number): Map<string, string> {
  const out = new Map<string, string>([
    ["HF_TOKEN", HF_TOKEN],
    ["installation token", INSTALLATION_TOKEN],
  ]);
  KEY_LINES.forEach((line, i) => out.set(`private key line ${i + 1}`, line));
  const headers = [...capture.githubAuthorizations, ...hubAuthorizations(hubFrom)];
  headers.forEach((value, i) => {
    out.set(`authorization header ${i + 1}`, value);
    const credential = value.replace(/^\S+\s+/, "");
    out.set(`authorization credential ${i + 1}`, credential);
    // A JWT's signature is the part only the private key can make.
    const signature = credential.split(".")[2];
    if (signature) out.set(`JWT signature ${i + 1}`, signature);
  });
  return out;
}

/** Fails with the secret's name and a little context, never with the whole text. */
function expectNoSecret(where: string, text: string, all: Map<string, string>): void {
  for (const [name, secret] of all) {
    const at = text.indexOf(secret);
    const context = at < 0 ? "" : text.slice(Math.max(0, at - 120), at).replace(/\s+/g, " ");
    expect(at, `${name} leaks in ${where}, after: …${context}`).toBe(-1);
  }
  expect(text, `${where}: a private key`).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  // An Authorization value that is not redacted: "token ghs_…", "bearer eyJ…", "Bearer hf_…".
  expect(text, `${where}: an authorization value`).not.toMatch(/\b(?:token|bearer)\s+(?!\[REDACTED\])(?:ghs_|ghp_|gho_|ghu_|github_pat_|hf_|eyJ)/i);
}

/** The secrets were in play: GitHub got the app's JWT and the installation token, the Hub the HF token. */
function expectSecretsInPlay(capture: Capture, hubFrom: number, options: { hub: boolean; installationToken?: boolean }): void {
  const headers = [...capture.githubAuthorizations];
  expect(headers.some((h) => /^bearer eyJ/i.test(h)), "GitHub received the app's JWT").toBe(true);
  if (options.installationToken !== false) {
    expect(headers, "GitHub received the installation token").toContain(`token ${INSTALLATION_TOKEN}`);
  }
  if (options.hub) {
    const sent = hubAuthorizations(hubFrom);
    expect(sent.length, "the Hub was asked").toBeGreaterThan(0);
    expect(new Set(sent), "every Hub request carried the HF token, and only it").toEqual(new Set([`Bearer ${HF_TOKEN}`]));
  }
  // The HF token goes to the Hub only: never in a header or a body sent to GitHub.
  for (const value of [...headers, ...capture.githubBodies]) expect(value.includes(HF_TOKEN)).toBe(false);
  // And the app did not think the token malformed (it would ask the Hub without it).
  expect(capture.logs.join("").includes("does not start with hf_")).toBe(false);
}

/** Logs, comments, check runs (title, summary, text, annotations) and the error, if any, hold no secret. */
function expectNothingLeaked(capture: Capture, hubFrom: number, error?: unknown): void {
  const all = secrets(capture, hubFrom);
  expect(capture.logs.length, "something was logged").toBeGreaterThan(0);
  capture.logs.forEach((line, i) => expectNoSecret(`log line ${i + 1}`, line, all));
  capture.comments.forEach((body, i) => expectNoSecret(`comment ${i + 1}`, body, all));
  capture.reviews.forEach((review, i) => expectNoSecret(`suggestions review ${i + 1}`, JSON.stringify(review), all));
  capture.checkRuns.forEach((run, i) => {
    expectNoSecret(`check run ${i + 1} summary`, run.output.summary, all);
    expectNoSecret(`check run ${i + 1} text`, run.output.text ?? "", all);
    for (const a of run.output.annotations ?? []) expectNoSecret(`check run ${i + 1} annotation ${a.path}:${a.start_line}`, `${a.title}\n${a.message}`, all);
    expectNoSecret(`check run ${i + 1}`, JSON.stringify(run), all);
  });
  if (error !== undefined) {
    expectNoSecret("the error's message", error instanceof Error ? error.message : String(error), all);
    expectNoSecret("the error, inspected", inspect(error, { depth: 20, showHidden: false }), all);
    expectNoSecret("the error, as JSON", JSON.stringify(error) ?? "", all);
  }
}

describe("secrets never leak", () => {
  it("a normal review: logs at trace, the check run and the comment hold no secret", async () => {
    const scope = api();
    const capture = await captureProbot(scope);
    const hubFrom = fakeHub.hub!.log.length;
    mockReviewStart(scope);
    mockListFiles(scope, [
      prFile("models/x/README.md", { patch: "@@ -0,0 +1,9 @@\n+---\n+license: Apache 2.0" }),
      prFile("models/x/model.safetensors", { patch: lfsPointerPatch(163_840_000) }),
    ]);
    mockSnapshot(scope, { files: { "models/x/README.md": card(["roneneldan/TinyStories"]) }, repo: REPO_WITH_LFS });
    mockCreateCheckRun(scope, capture.checkRuns);
    mockCreateComment(scope, capture.comments);
    // `license: Apache 2.0` has a certain fix: Cardinal suggests it in a pull request review.
    mockListReviews(scope, []);
    mockListReviewComments(scope, []);
    mockCreateReview(scope, capture.reviews);

    await capture.probot.receive({ id: "secrets-normal", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(capture.checkRuns).toHaveLength(1);
    expect(capture.checkRuns[0]).toMatchObject({ conclusion: "failure" });
    expect(capture.comments).toHaveLength(1);
    expect(capture.comments[0]!.startsWith(MARKER)).toBe(true);
    expect(capture.reviews).toHaveLength(1);
    // Octokit's request log (debug, with each request's body) is captured: these are the verbose logs.
    expect(capture.logs.some((l) => l.includes(`GitHub request: POST https://api.github.com/repos/${OWNER}/${REPO}/check-runs - 201`))).toBe(true);
    expectSecretsInPlay(capture, hubFrom, { hub: true });
    expectNothingLeaked(capture, hubFrom);
  });

  it("GitHub fails (500 listing the files): the neutral check run says why, and nothing leaks", async () => {
    const scope = api();
    const capture = await captureProbot(scope);
    const hubFrom = fakeHub.hub!.log.length;
    mockReviewStart(scope);
    scope
      .get(`/repos/${OWNER}/${REPO}/pulls/7/files`)
      .query({ per_page: "100" })
      .reply(500, { message: "Server Error", documentation_url: "https://docs.github.com/rest" });
    mockCreateCheckRun(scope, capture.checkRuns);

    const error = await capture.probot.receive({ id: "secrets-github-500", name: "pull_request", payload: opened() }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeDefined();
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(capture.checkRuns).toHaveLength(1);
    expect(capture.checkRuns[0]).toMatchObject({ conclusion: "neutral", output: { title: "Review could not be completed" } });
    expect(capture.checkRuns[0]!.output.summary).toContain("Server Error");
    // The failure is logged, with Octokit's request (its Authorization redacted).
    expect(capture.logs.some((l) => l.includes("review failed"))).toBe(true);
    expect(capture.logs.some((l) => /"authorization":"token \[REDACTED\]"/.test(l))).toBe(true);
    expectSecretsInPlay(capture, hubFrom, { hub: false });
    expectNothingLeaked(capture, hubFrom, error);
  });

  it("the Hub refuses (401) and fails (500): findings and logs carry no token, the Hub got it", async () => {
    const scope = api();
    const capture = await captureProbot(scope);
    const hubFrom = fakeHub.hub!.log.length;
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/x/README.md")]);
    mockSnapshot(scope, { files: { "models/x/README.md": card(["x/y", "acme-ai/flaky-data"]) } });
    mockCreateCheckRun(scope, capture.checkRuns);
    mockCreateComment(scope, capture.comments);

    await capture.probot.receive({ id: "secrets-hub", name: "pull_request", payload: opened() });

    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    // Both lookups were sent, each with the token.
    const asked = fakeHub.hub!.log.slice(hubFrom).map((r) => r.id);
    expect(asked).toEqual(expect.arrayContaining(["x/y", "acme-ai/flaky-data"]));
    const summary = capture.checkRuns[0]!.output.summary;
    expect(summary).toContain("hub/dataset-exists");
    expect(summary).toContain("hub/unreachable");
    expect(summary).toContain("the Hub answered 500");
    expectSecretsInPlay(capture, hubFrom, { hub: true });
    expectNothingLeaked(capture, hubFrom);
  });

  it("an error thrown out of the handler (GitHub refuses every check run): the error and its log hold no secret", async () => {
    const scope = api();
    const capture = await captureProbot(scope);
    const hubFrom = fakeHub.hub!.log.length;
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/x/README.md")]);
    mockSnapshot(scope, { files: { "models/x/README.md": card(["roneneldan/TinyStories"]) } });
    // The verdict, then the neutral "could not be completed" run: both refused.
    scope
      .post(`/repos/${OWNER}/${REPO}/check-runs`, (body: CheckRunBody) => {
        capture.checkRuns.push(body);
        return true;
      })
      .times(2)
      .reply(500, { message: "Server Error" });
    mockCreateComment(scope, capture.comments);

    const error = await capture.probot.receive({ id: "secrets-thrown", name: "pull_request", payload: opened() }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeDefined();
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(capture.checkRuns.map((r) => r.conclusion)).toEqual(["failure", "neutral"]);
    expect(capture.logs.some((l) => l.includes("could not publish the failure either"))).toBe(true);
    // The error leaves the handler bare (message, stack, status): no request, so no Authorization at all.
    expect(inspect(error, { depth: 20 })).not.toMatch(/authorization/i);
    expectSecretsInPlay(capture, hubFrom, { hub: true });
    expectNothingLeaked(capture, hubFrom, error);
  });

  it("GitHub refuses the app's JWT when minting the installation token: the key and the JWT stay out of the logs", async () => {
    const scope = api();
    const capture = await captureProbot(scope);
    const hubFrom = fakeHub.hub!.log.length;
    mockApp(scope);
    // Refused for the review, then again for the neutral check run that would say so.
    scope
      .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
      .times(2)
      .reply(401, { message: "A JSON web token could not be decoded", documentation_url: "https://docs.github.com/rest" });

    const error = await capture.probot.receive({ id: "secrets-jwt", name: "pull_request", payload: opened() }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeDefined();
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(capture.checkRuns).toEqual([]);
    // Probot logs the error with its advice about the key, and the request with the JWT redacted.
    expect(capture.logs.some((l) => l.includes("Your private key"))).toBe(true);
    expect(capture.logs.some((l) => l.includes('"authorization":"bearer [REDACTED]"'))).toBe(true);
    expectSecretsInPlay(capture, hubFrom, { hub: false, installationToken: false });
    expectNothingLeaked(capture, hubFrom, error);
  });
});
