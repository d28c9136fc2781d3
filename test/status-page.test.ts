/**
 * The status page (`GET /cardinal/status`) on Probot's own HTTP server,
 * with the real app loaded: an installation is delivered over HTTP (signed
 * as GitHub signs it), the sweep fills the status board, and Debian's
 * chromium (headless, through playwright-core) renders the page with the
 * token and is refused without it. The screenshot's path is printed.
 */
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import nock from "nock";
import { pino } from "pino";
import { chromium, type BrowserContext } from "playwright-core";
import { Probot, Server } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import app from "../src/index.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import { startFakeOrg, type FakeOrg } from "./helpers/fake-org.js";
import { GOOD_CARD } from "./helpers/cards.js";
import { privateKey, TestOctokit } from "./helpers/github.js";
import { INSTALLATION, installationCreated, ORG, writeArtefact } from "./helpers/org-payloads.js";

useFakeHub();

const TOKEN = "status-token-0123456789abcdef";
const SECRET = "webhook-secret-for-the-status-test";
const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const LFS = `version https://git-lfs.github.com/spec/v1\noid sha256:${"a".repeat(64)}\nsize 163000000\n`;

let org: FakeOrg;
let server: Server;
let base: string;
let context: BrowserContext;
let profile: string;
const saved: Record<string, string | undefined> = {};

async function startServer(env: Record<string, string | undefined>): Promise<{ server: Server; base: string }> {
  for (const [k, v] of Object.entries(env)) {
    saved[k] ??= process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const port = await freePort();
  const s = new Server({
    Probot: Probot.defaults({ appId: 123, privateKey, secret: SECRET, baseUrl: org.url, Octokit: TestOctokit, logLevel: "fatal" }),
    host: "127.0.0.1",
    port,
    log: pino({ level: "silent" }),
  });
  await s.load(app);
  await s.start();
  return { server: s, base: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^127\.0\.0\.1(:\d+)?$/);
  org = await startFakeOrg(ORG, { installationId: INSTALLATION });
  org.orgConfig = "dashboard: true\n";
  const release = (card: string) =>
    new Map([
      [".gitattributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n"],
      ["models/tiny/README.md", card],
      ["models/tiny/model.safetensors", LFS],
    ]);
  org.addRepo({ name: "tiny-llm", files: release(GOOD_CARD) });
  org.addRepo({ name: "broken-llm", files: release(GOOD_CARD.replace("license: apache-2.0", "license: apache2")) });
  org.addRepo({ name: "secret-llm", private: true, files: release(GOOD_CARD) });
  org.addRepo({ name: "old-llm", archived: true, files: release(GOOD_CARD) });
  ({ server, base } = await startServer({ CARDINAL_STATUS_TOKEN: TOKEN, CARDINAL_STATUS_PRIVATE: undefined, WEBHOOK_SECRET: SECRET, CARDINAL_SWEEP_WRITES_PER_MINUTE: "80" }));

  // The installation, delivered over HTTP as GitHub delivers it.
  const body = JSON.stringify(installationCreated(org));
  const delivered = await fetch(`${base}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "installation",
      "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
    },
    body,
  });
  expect(delivered.status).toBe(200);

  profile = mkdtempSync(path.join(tmpdir(), "cardinal-chromium-"));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await server?.stop();
  await org?.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  nock.enableNetConnect();
});

describe("/cardinal/status", { timeout: 30_000 }, () => {
  it("renders each reviewed repository's health in headless chromium, private ones hidden", async () => {
    const page = await context.newPage();
    await page.setExtraHTTPHeaders({ Authorization: `Bearer ${TOKEN}` });
    const response = await page.goto(`${base}/cardinal/status`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'none'");
    await expect(page.title()).resolves.toBe("Cardinal status");
    const rows = await page.locator("tbody tr").allInnerTexts();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^Errors\s+acme-ai\/broken-llm\s+reviewed\s+main [0-9a-f]{7}\s+3\s+1\s+0\s+0\s+dashboard/);
    expect(rows.some((r) => r.includes("acme-ai/tiny-llm") && r.startsWith("Healthy"))).toBe(true);
    expect(rows.some((r) => r.includes("acme-ai/old-llm") && r.includes("archived (skipped)"))).toBe(true);
    expect(rows.join("\n")).not.toContain("secret-llm");
    await expect(page.locator("p.summary").innerText()).resolves.toContain("1 private repository hidden");
    // The dashboard link goes to the issue Cardinal opened.
    await expect(page.locator("tbody tr").first().locator("a", { hasText: "dashboard" }).getAttribute("href")).resolves.toBe(
      "https://github.com/acme-ai/broken-llm/issues/1",
    );
    const file = writeArtefact("status-page.png", await page.screenshot({ fullPage: true }));
    console.log(`status page screenshot written to ${file}`);
    // Nothing of the server's secrets is on the page.
    const html = await page.content();
    for (const secret of [TOKEN, SECRET, "ghs_fakeOrgInstallationToken", "BEGIN PRIVATE KEY"]) expect(html).not.toContain(secret);
    await page.close();
  });

  it("refuses the browser without the token, and any wrong token, with 401", async () => {
    const page = await context.newPage();
    const response = await page.goto(`${base}/cardinal/status`);
    expect(response?.status()).toBe(401);
    await expect(page.locator("body").innerText()).resolves.toContain("401 Unauthorized");
    expect(await page.content()).not.toContain("broken-llm");
    await page.close();
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN]) {
      const answer = await fetch(`${base}/cardinal/status`, { headers: { authorization } });
      expect({ authorization, status: answer.status }).toEqual({ authorization, status: 401 });
      expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="cardinal-status"');
    }
  });

  it("is not served at all when CARDINAL_STATUS_TOKEN is not set", async () => {
    const off = await startServer({ CARDINAL_STATUS_TOKEN: undefined });
    try {
      const answer = await fetch(`${off.base}/cardinal/status`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(answer.status).toBe(404);
    } finally {
      await off.server.stop();
    }
  });
});
