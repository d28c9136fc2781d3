/**
 * Webhook security through Probot's real HTTP handling: the app behind
 * `createNodeMiddleware` on a loopback `node:http` server, sent real POSTs.
 * A delivery without a valid `X-Hub-Signature-256` is refused and reaches no
 * handler, so nothing is asked of GitHub; a correctly signed one starts the
 * review. Then the start-up guard: Probot verifies against "development"
 * when it has no secret, which Cardinal refuses in production and warns
 * about elsewhere.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot, createNodeMiddleware } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import app from "../src/index.js";
import {
  isDefaultSecret,
  PROBOT_DEFAULT_SECRET,
  usesDefaultSecret,
  webhookSecretProblem,
} from "../src/io/github/secret-check.js";
import { BROKEN_CARD } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  fixture,
  HEAD_SHA,
  mockCreateCheckRun,
  mockCreateComment,
  mockListFiles,
  mockReviewStart,
  mockSnapshot,
  prFile,
  privateKey,
  TestOctokit,
  type CheckRunBody,
  useNockSandbox,
  createLoggingProbot,
} from "./helpers/github.js";

const SECRET = "s3cr3t-for-webhook-security-test-9f2c4e";
const WEBHOOK_PATH = "/api/github/webhooks";
const CARD = "models/x/README.md";

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

afterEach(() => {
  vi.unstubAllEnvs();
});

/** `sha256=<hex>`: GitHub's X-Hub-Signature-256 of exactly these bytes. */
function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** The pull_request.opened delivery as GitHub sends it: the fixture without its `_source` note, serialised once. */
function openedBody(): string {
  return JSON.stringify(fixture<"pull_request.opened">("pull_request.opened.json"));
}

interface RunningApp {
  readonly url: string;
  /** Each delivery that passed verification and reached Probot's handlers, as `event:id`. */
  readonly received: readonly string[];
  close(): Promise<void>;
}

/** Cardinal behind `createNodeMiddleware` on 127.0.0.1, a free port, with a Probot that knows `secret`. */
async function startApp(secret: string): Promise<RunningApp> {
  const probot = new Probot({ appId: 123, privateKey, secret, logLevel: "fatal", Octokit: TestOctokit });
  const middleware = await createNodeMiddleware(app, { probot });
  const received: string[] = [];
  probot.webhooks.onAny((event) => {
    received.push(`${event.name}:${event.id}`);
  });
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    received,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** POSTs `body` as a pull_request delivery; `headers` adds or overrides (undefined drops a header). */
async function deliver(url: string, body: string, headers: Record<string, string | undefined>, id: string): Promise<{ status: number; text: string }> {
  const all: Record<string, string | undefined> = {
    "content-type": "application/json",
    "x-github-event": "pull_request",
    "x-github-delivery": id,
    "user-agent": "GitHub-Hookshot/044aadd",
    ...headers,
  };
  const sent = Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
  const response = await fetch(url, { method: "POST", headers: sent, body });
  return { status: response.status, text: await response.text() };
}

/**
 * Every GitHub call a review of pull_request.opened makes, armed: the
 * installation token, GET /app, the file list, the snapshot, the check run
 * and the comment. A refused delivery must leave all of them unused.
 */
function armReview(): { scope: ReturnType<typeof api>; checkRuns: CheckRunBody[]; comments: string[]; armed: number } {
  const checkRuns: CheckRunBody[] = [];
  const comments: string[] = [];
  const scope = api();
  mockReviewStart(scope);
  mockListFiles(scope, [prFile(CARD, { patch: "@@ -0,0 +1,9 @@\n+---\n+license: apache-2.0" })]);
  mockSnapshot(scope, { files: { [CARD]: BROKEN_CARD } });
  mockCreateCheckRun(scope, checkRuns);
  mockCreateComment(scope, comments);
  return { scope, checkRuns, comments, armed: scope.pendingMocks().length };
}

let barriers = 0;

/**
 * A refused delivery is answered before any handler runs. To show that no
 * stray one runs later, a signed ping goes through the same server and is
 * awaited (Probot answers once its handlers are done): after it, the only
 * delivery that ever reached the handlers is the ping.
 */
async function settle(): Promise<void> {
  if (!running) throw new Error("settle() needs a running app");
  const id = `barrier-${++barriers}`;
  const ping = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
  const res = await deliver(running.url, ping, { "x-github-event": "ping", "x-hub-signature-256": sign(SECRET, ping) }, id);
  expect(res.status).toBe(200);
  expect(running.received).toEqual([`ping:${id}`]);
}

describe("a delivery through the real HTTP server", () => {
  it("(a) without an X-Hub-Signature-256 header is refused with 400 and nothing is asked of GitHub", async () => {
    running = await startApp(SECRET);
    const review = armReview();

    const res = await deliver(running.url, openedBody(), {}, "sec-missing-1");

    expect(res.status).toBe(400);
    expect(res.text).toContain("x-hub-signature-256");
    await settle();
    expect(review.scope.pendingMocks()).toHaveLength(review.armed);
    expect(review.checkRuns).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });

  it("(a') with only the legacy SHA-1 X-Hub-Signature (correct for the body) is refused with 400", async () => {
    running = await startApp(SECRET);
    const review = armReview();
    const body = openedBody();

    const sha1 = `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`;
    const res = await deliver(running.url, body, { "x-hub-signature": sha1 }, "sec-sha1-only-1");

    expect(res.status).toBe(400);
    await settle();
    expect(review.scope.pendingMocks()).toHaveLength(review.armed);
    expect(unmatched.requests).toEqual([]);
  });

  it.each([
    ["Probot's public default secret", PROBOT_DEFAULT_SECRET],
    ["another secret", "not-the-app-secret"],
  ])("(b) signed with %s is refused with 400 and nothing is asked of GitHub", async (_name, wrongSecret) => {
    running = await startApp(SECRET);
    const review = armReview();
    const body = openedBody();

    const res = await deliver(running.url, body, { "x-hub-signature-256": sign(wrongSecret, body) }, `sec-wrong-${wrongSecret}`);

    expect(res.status).toBe(400);
    expect(res.text).toContain("signature does not match");
    await settle();
    expect(review.scope.pendingMocks()).toHaveLength(review.armed);
    expect(review.checkRuns).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });

  it("(b') with a malformed signature value is refused with 400", async () => {
    running = await startApp(SECRET);
    const review = armReview();

    const res = await deliver(running.url, openedBody(), { "x-hub-signature-256": "sha256=not-hex" }, "sec-malformed-1");

    expect(res.status).toBe(400);
    await settle();
    expect(review.scope.pendingMocks()).toHaveLength(review.armed);
    expect(unmatched.requests).toEqual([]);
  });

  it("(c) whose body was changed after signing (the right secret, another payload) is refused with 400", async () => {
    running = await startApp(SECRET);
    const review = armReview();
    const original = openedBody();
    // The attacker replays a genuine signature over a payload of their own: another head sha.
    const tampered = original.replace(HEAD_SHA, "0".repeat(40));
    expect(tampered).not.toBe(original);

    const res = await deliver(running.url, tampered, { "x-hub-signature-256": sign(SECRET, original) }, "sec-tampered-1");

    expect(res.status).toBe(400);
    expect(res.text).toContain("signature does not match");
    await settle();
    expect(review.scope.pendingMocks()).toHaveLength(review.armed);
    expect(review.checkRuns).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });

  it("(d) correctly signed is accepted with 200 and starts the review: token, GET /app, the files, the snapshot, the check run", async () => {
    running = await startApp(SECRET);
    const review = armReview();
    const body = openedBody();

    const res = await deliver(running.url, body, { "x-hub-signature-256": sign(SECRET, body) }, "sec-valid-1");

    expect(res.status).toBe(200);
    // Probot answers once the handlers are done (or 202 after 9 s); wait for the review's end either way.
    await vi.waitFor(() => expect(review.checkRuns).toHaveLength(1), { timeout: 5000, interval: 20 });
    await vi.waitFor(() => expect(review.comments).toHaveLength(1), { timeout: 5000, interval: 20 });
    expect(review.scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(review.checkRuns[0]).toMatchObject({ head_sha: HEAD_SHA, conclusion: "failure", external_id: "pr:7" });
  });

  it("the same server refuses a forged delivery and then reviews a genuine one", async () => {
    running = await startApp(SECRET);
    const review = armReview();
    const body = openedBody();

    const forged = await deliver(running.url, body, { "x-hub-signature-256": sign(PROBOT_DEFAULT_SECRET, body) }, "sec-mixed-1");
    expect(forged.status).toBe(400);
    await settle();
    expect(review.scope.pendingMocks()).toHaveLength(review.armed);

    // A distinct delivery id: Cardinal handles each id once per process.
    const genuine = await deliver(running.url, body, { "x-hub-signature-256": sign(SECRET, body) }, "sec-mixed-2");
    expect(genuine.status).toBe(200);
    await vi.waitFor(() => expect(review.comments).toHaveLength(1), { timeout: 5000, interval: 20 });
    expect(review.scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });
});

describe("webhookSecretProblem", () => {
  const missing: [string, string | undefined][] = [
    ["unset", undefined],
    ["empty", ""],
    ["Probot's default", "development"],
  ];

  it.each(missing)("refuses to start in production when WEBHOOK_SECRET is %s", (_name, secret) => {
    const problem = webhookSecretProblem({ NODE_ENV: "production", WEBHOOK_SECRET: secret });
    expect(problem?.level).toBe("error");
    expect(problem?.message).toContain("WEBHOOK_SECRET");
    expect(problem?.message).toContain("GitHub App's settings");
    expect(problem?.message).toContain("forged");
  });

  it.each(missing)("warns outside production when WEBHOOK_SECRET is %s", (_name, secret) => {
    for (const NODE_ENV of [undefined, "development", "test", "staging"]) {
      const problem = webhookSecretProblem({ NODE_ENV, WEBHOOK_SECRET: secret });
      expect(problem?.level).toBe("warn");
      expect(problem?.message).toContain('public default secret "development"');
      expect(problem?.message).toContain("forged");
      expect(problem?.message).toContain("Set WEBHOOK_SECRET");
    }
  });

  it("says why: unset, empty or the default", () => {
    expect(webhookSecretProblem({})?.message).toContain("WEBHOOK_SECRET is not set");
    expect(webhookSecretProblem({ WEBHOOK_SECRET: "" })?.message).toContain("WEBHOOK_SECRET is empty");
    expect(webhookSecretProblem({ WEBHOOK_SECRET: "development" })?.message).toContain('WEBHOOK_SECRET is set to "development"');
  });

  it("stays quiet for npm run replay's probot receive (which checks no signature), but never in production", () => {
    expect(webhookSecretProblem({ CARDINAL_REPLAY: "1" })).toBeUndefined();
    expect(webhookSecretProblem({ CARDINAL_REPLAY: "1", NODE_ENV: "production" })?.level).toBe("error");
    expect(webhookSecretProblem({ CARDINAL_REPLAY: "yes" })?.level).toBe("warn");
  });

  it("is content with a real secret, in production or not", () => {
    expect(webhookSecretProblem({ NODE_ENV: "production", WEBHOOK_SECRET: SECRET })).toBeUndefined();
    expect(webhookSecretProblem({ NODE_ENV: "development", WEBHOOK_SECRET: SECRET })).toBeUndefined();
  });

  it("trusts what the Probot actually checks against over the environment", () => {
    // A Probot given its secret in code, with WEBHOOK_SECRET unset: fine.
    expect(webhookSecretProblem({ NODE_ENV: "production" }, false)).toBeUndefined();
    // WEBHOOK_SECRET set, but the Probot was built without it: refused, and the secret is not repeated.
    const problem = webhookSecretProblem({ NODE_ENV: "production", WEBHOOK_SECRET: SECRET }, true);
    expect(problem?.level).toBe("error");
    expect(problem?.message).toContain("was not passed to it");
    expect(problem?.message).not.toContain(SECRET);
  });

  it("isDefaultSecret matches Probot's fallback (an empty string is unset to Probot)", () => {
    expect(isDefaultSecret(undefined)).toBe(true);
    expect(isDefaultSecret("")).toBe(true);
    expect(isDefaultSecret("development")).toBe(true);
    expect(isDefaultSecret(" development")).toBe(false);
    expect(isDefaultSecret(SECRET)).toBe(false);
  });
});

describe("usesDefaultSecret, on real Probots", () => {
  const probotWith = async (secret?: string) =>
    (await new Probot({ appId: 123, privateKey, logLevel: "fatal", Octokit: TestOctokit, ...(secret === undefined ? {} : { secret }) }).ready()).webhooks;

  it("is true without a secret, with an empty one and with 'development'; false with a real one", async () => {
    expect(await usesDefaultSecret(await probotWith())).toBe(true);
    expect(await usesDefaultSecret(await probotWith(""))).toBe(true);
    expect(await usesDefaultSecret(await probotWith("development"))).toBe(true);
    expect(await usesDefaultSecret(await probotWith(SECRET))).toBe(false);
  });
});

describe("the app at start-up", () => {
  /** A Probot whose log lines (level info and up) are kept. */
  const probotWithLog = (secret?: string) => createLoggingProbot(secret === undefined ? {} : { secret });

  it("refuses to load in production without a secret: createNodeMiddleware rejects and no handler is registered", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("WEBHOOK_SECRET", undefined);
    const { probot } = probotWithLog();

    await expect(createNodeMiddleware(app, { probot })).rejects.toThrow(/refuses to start.*WEBHOOK_SECRET is not set.*Set WEBHOOK_SECRET to the webhook secret configured in the GitHub App's settings/s);

    // Nothing was wired: an event received anyway asks nothing of GitHub.
    const review = armReview();
    await probot.receive({ id: "sec-prod-1", name: "pull_request", payload: fixture<"pull_request.opened">("pull_request.opened.json") });
    expect(review.scope.pendingMocks()).toHaveLength(review.armed);
    expect(unmatched.requests).toEqual([]);
  });

  it("refuses to load in production with WEBHOOK_SECRET=development", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("WEBHOOK_SECRET", "development");
    const { probot } = probotWithLog("development");

    await expect(probot.load(app)).rejects.toThrow(/WEBHOOK_SECRET is set to "development"/);
  });

  it("loads in production with a real secret, without a word about it and without logging it", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("WEBHOOK_SECRET", SECRET);
    const { probot, lines, raw } = probotWithLog(SECRET);

    await probot.load(app);

    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    expect(raw.join("\n")).not.toContain(SECRET);
  });

  it("warns loudly, once, outside production without a secret, and still serves", async () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("WEBHOOK_SECRET", undefined);
    const { probot, lines } = probotWithLog();

    await probot.load(app);

    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toMatch(/^INSECURE: WEBHOOK_SECRET is not set/);
    expect(warnings[0]!.msg).toContain('checked against the public default secret "development"');
    expect(warnings[0]!.msg).toContain("anyone who can reach the webhook URL could send Cardinal forged events");
    expect(warnings[0]!.msg).toContain("Set WEBHOOK_SECRET to the webhook secret configured in the GitHub App's settings");

    // The handlers are wired: the review runs.
    const review = armReview();
    await probot.receive({ id: "sec-dev-1", name: "pull_request", payload: fixture<"pull_request.opened">("pull_request.opened.json") });
    expect(review.scope.pendingMocks()).toEqual([]);
    expect(review.checkRuns).toHaveLength(1);
  });

  it("warns when WEBHOOK_SECRET is set but the Probot was built without it, without repeating the secret", async () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("WEBHOOK_SECRET", SECRET);
    const { probot, lines, raw } = probotWithLog();

    await probot.load(app);

    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain("was not passed to it");
    expect(raw.join("\n")).not.toContain(SECRET);
  });
});
