import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { checkStartEnvironment } from "../src/io/github/start-check.js";
import { DEFAULT_SMEE_URL, newChannelUrl, recordInDotEnv } from "../src/io/github/webhook-channel.js";

/*
 * `npm start` (node lib/start.js) as a newcomer meets it: real processes, each
 * in a fresh folder with its own `.env`, and only what they print asserted.
 * Nothing here reaches smee.io or GitHub: every process gets CARDINAL_SMEE_URL
 * pointing at a fake smee server on 127.0.0.1 (or at a closed port), and no
 * proxy variables.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const START = path.join(ROOT, "lib/start.js");
const scratch = mkdtempSync(path.join(tmpdir(), "cardinal-start-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;
/** A key as it stands in `.env` (one line, \n for line breaks), which Probot's reader unfolds. */
const KEY_IN_DOTENV = `"${KEY.trim().replace(/\n/g, "\\n")}"`;
/** A port nothing listens on: a process that asks it is refused at once. */
const CLOSED = "http://127.0.0.1:9";

/** A folder with the files the setup page reads (package.json, app.yml) and an optional `.env`. */
function appFolder(dotEnv?: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(scratch, "app-"));
  copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
  copyFileSync(path.join(ROOT, "app.yml"), path.join(dir, "app.yml"));
  if (dotEnv !== undefined) writeFileSync(path.join(dir, ".env"), dotEnv);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGTERM");
});

/** Starts `node lib/start.js` in `cwd` with only PATH, HOME and `env`: nothing of this process's environment leaks in. */
function start(cwd: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, [START], {
    cwd,
    env: { PATH: process.env["PATH"] ?? "", HOME: cwd, CARDINAL_SMEE_URL: CLOSED, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  const started: Started = {
    child,
    stdout: "",
    stderr: "",
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (started.stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (started.stderr += chunk));
  return started;
}

/** Runs to the end (a start that is refused exits at once); killed after 15 s. */
async function refused(cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const started = start(cwd, env);
  const timer = setTimeout(() => started.child.kill("SIGKILL"), 15_000);
  const code = await started.exited;
  clearTimeout(timer);
  return { code, stdout: started.stdout, stderr: started.stderr };
}

async function waitFor(started: Started, pattern: RegExp, ms = 15_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = started.stdout.match(pattern);
    if (match) return match;
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`never printed ${pattern}; exit ${started.child.exitCode}\nstdout:\n${started.stdout}\nstderr:\n${started.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** No stack trace: no line of the form "    at fn (file:line:col)". */
const STACK_LINE = /^\s+at .+/m;

function expectOneLine(result: { code: number | null; stdout: string; stderr: string }, ...names: RegExp[]): string {
  expect(result.code).toBe(1);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stdout).not.toContain("Welcome to Probot");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  const [line] = lines as [string];
  expect(line).toMatch(/^Cardinal cannot start: /);
  for (const name of names) expect(line).toMatch(name);
  return line;
}

/**
 * A smee server as far as smee-client uses one: HEAD /new answers 307 with
 * the new channel in Location, and GET <channel> is an event stream that
 * delivers what `send` is given, as smee.io relays a webhook.
 */
class FakeSmee {
  readonly requests: string[] = [];
  private readonly streams: ServerResponse[] = [];
  private server: Server | undefined;
  constructor(private readonly answer: "channel" | "no-location" = "channel") {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }
  get channel(): string {
    return `${this.url}/cardinal-test-channel`;
  }

  async listen(): Promise<this> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      this.requests.push(`${req.method} ${req.url}${req.headers.accept === "text/event-stream" ? " (event stream)" : ""}`);
      if (req.url === "/new" && req.method === "HEAD") {
        if (this.answer === "no-location") res.writeHead(500).end();
        else res.writeHead(307, { location: this.channel }).end();
      } else if (req.url === "/cardinal-test-channel" && req.method === "GET") {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.write("event: ready\ndata: {}\n\n");
        this.streams.push(res);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  /** Relays a webhook to every connected client, in smee.io's message shape (headers as keys, plus body). */
  send(message: Record<string, unknown>): void {
    for (const stream of this.streams) stream.write(`data: ${JSON.stringify(message)}\n\n`);
  }

  async close(): Promise<void> {
    for (const stream of this.streams) stream.end();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe("npm start with a half-filled .env: one line that names the variable, no stack trace", () => {
  it("APP_ID without a key", async () => {
    const line = expectOneLine(await refused(appFolder("APP_ID=123456\n")), /APP_ID is set but there is no private key/, /PRIVATE_KEY_PATH/);
    expect(line).toContain("Private keys");
  });

  it("APP_ID as copied from .env.example with the key lines left empty", async () => {
    expectOneLine(await refused(appFolder("APP_ID=123456\nPRIVATE_KEY=\nPRIVATE_KEY_PATH=\nWEBHOOK_SECRET=\n")), /APP_ID is set but there is no private key/);
  });

  it("a malformed PRIVATE_KEY", async () => {
    const line = expectOneLine(await refused(appFolder("APP_ID=123456\nPRIVATE_KEY=not-a-key\nWEBHOOK_SECRET=s3cret\n")), /^Cardinal cannot start: PRIVATE_KEY is not a private key in PEM format/);
    expect(line).toContain("-----BEGIN RSA PRIVATE KEY-----");
    expect(line).not.toContain("not-a-key");
  });

  it("a PRIVATE_KEY with the PEM markers but a damaged body", async () => {
    const damaged = KEY_IN_DOTENV.replace(/(BEGIN RSA PRIVATE KEY-----\\n)[A-Za-z0-9+/]{20}/, "$1AAAAAAAAAAAAAAAAAAAA");
    expect(damaged).not.toBe(KEY_IN_DOTENV);
    expectOneLine(await refused(appFolder(`APP_ID=123456\nPRIVATE_KEY=${damaged}\nWEBHOOK_SECRET=s3cret\n`)), /PRIVATE_KEY looks like a PEM key but cannot be read/);
  });

  it("PRIVATE_KEY_PATH pointing at a missing file", async () => {
    const dir = appFolder("APP_ID=123456\nPRIVATE_KEY_PATH=keys/cardinal.pem\nWEBHOOK_SECRET=s3cret\n");
    const line = expectOneLine(await refused(dir), /PRIVATE_KEY_PATH is "keys\/cardinal\.pem", but there is no such file/);
    expect(line).toContain(dir);
  });

  it("PRIVATE_KEY_PATH pointing at a file that is not a key", async () => {
    const dir = appFolder("APP_ID=123456\nPRIVATE_KEY_PATH=app.yml\nWEBHOOK_SECRET=s3cret\n");
    expectOneLine(await refused(dir), /PRIVATE_KEY_PATH points at "app\.yml", which is not a private key that can be read/);
  });

  it("a key without APP_ID", async () => {
    const line = expectOneLine(await refused(appFolder(`PRIVATE_KEY=${KEY_IN_DOTENV}\n`)), /PRIVATE_KEY is set but APP_ID is not/);
    expect(line).toContain("setup page");
  });

  it("an APP_ID that is not a number", async () => {
    expectOneLine(await refused(appFolder(`APP_ID=cardinal\nPRIVATE_KEY=${KEY_IN_DOTENV}\nWEBHOOK_SECRET=s3cret\n`)), /APP_ID is "cardinal", but it must be the app's number/);
  });

  it("several .pem files in the folder and no variable saying which", async () => {
    const dir = appFolder("APP_ID=123456\nWEBHOOK_SECRET=s3cret\n", { "a.pem": KEY, "b.pem": KEY });
    expectOneLine(await refused(dir), /More than one file found: "a\.pem, b\.pem"/, /PRIVATE_KEY_PATH/);
  });

  it("NODE_ENV=production without WEBHOOK_SECRET", async () => {
    const line = expectOneLine(await refused(appFolder(`NODE_ENV=production\nAPP_ID=123456\nPRIVATE_KEY=${KEY_IN_DOTENV}\n`)), /^Cardinal cannot start: WEBHOOK_SECRET is not set/);
    expect(line).toContain('"development"');
  });

  it("NODE_ENV=production with nothing else: no setup page, and what to set", async () => {
    expectOneLine(await refused(appFolder(), { NODE_ENV: "production" }), /APP_ID is not set, and with NODE_ENV=production Cardinal does not open the setup page/);
  });

  it("NODE_ENV=production with APP_ID and a secret but no key", async () => {
    expectOneLine(await refused(appFolder("APP_ID=123456\nWEBHOOK_SECRET=s3cret\n"), { NODE_ENV: "production" }), /APP_ID is set but there is no private key/);
  });

  it("a LOG_LEVEL Probot does not know", async () => {
    expectOneLine(await refused(appFolder(`APP_ID=123456\nPRIVATE_KEY=${KEY_IN_DOTENV}\nWEBHOOK_SECRET=s3cret\nLOG_LEVEL=verbose\n`)), /LOG_LEVEL is "verbose", but it must be one of trace, debug, info, warn, error, fatal/);
  });

  it("two mistakes: one line each", async () => {
    const result = await refused(appFolder("APP_ID=123456\nPORT=http\n"));
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^Cardinal cannot start: APP_ID is set but there is no private key/),
      expect.stringMatching(/^Cardinal cannot start: PORT is "http", but it must be a port number/),
    ]);
  });

  it("a port that is already taken", async () => {
    const busy = createNetServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const dir = appFolder(`APP_ID=123456\nPRIVATE_KEY=${KEY_IN_DOTENV}\nWEBHOOK_SECRET=s3cret\nHOST=127.0.0.1\nPORT=${port}\n`);
      expectOneLine(await refused(dir), new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`), /set PORT to a free port/);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});

describe("npm start with no .env: the setup page registers an app whose webhook URL is a smee channel", () => {
  it("creates the channel first: the manifest the page posts and the import page both carry it", async () => {
    const smee = await new FakeSmee().listen();
    try {
      const dir = appFolder();
      const port = await freePort();
      const started = start(dir, { HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "info", CARDINAL_SMEE_URL: smee.url });
      await waitFor(started, /Listening on http:\/\/127\.0\.0\.1:\d+/);
      expect(started.stdout).toContain(`Created the webhook channel ${smee.channel} (WEBHOOK_PROXY_URL in .env)`);
      expect(readFileSync(path.join(dir, ".env"), "utf8")).toBe(`WEBHOOK_PROXY_URL=${smee.channel}\n`);

      // The page's "Register GitHub App" button posts this manifest to GitHub.
      const page = await (await fetch(`http://127.0.0.1:${port}/probot`)).text();
      const posted = /name="manifest" id="manifest" value='([^']*)'/.exec(page)?.[1];
      expect(posted).toBeDefined();
      const manifest = JSON.parse(posted!) as { name: string; hook_attributes: { url: string }; redirect_url: string; default_events: string[] };
      expect(manifest.hook_attributes.url).toBe(smee.channel);
      expect(manifest.name).toBe("Cardinal");
      expect(manifest.redirect_url).toBe(`http://127.0.0.1:${port}/probot/setup`);
      expect(manifest.default_events).toEqual(["pull_request", "check_run", "issue_comment", "push", "issues"]);

      // "Use an existing GitHub App": step 1 names the channel (Probot alone left it blank).
      const importPage = await (await fetch(`http://127.0.0.1:${port}/probot/import`)).text();
      expect(importPage).toMatch(new RegExp(`Replace your app's Webhook URL with <br>\\s*<b>${smee.channel.replace(/[.]/g, "\\.")}</b>`));

      // One channel made; Probot made none of its own and warned of nothing.
      expect(smee.requests.filter((r) => r.startsWith("HEAD /new"))).toEqual(["HEAD /new"]);
      expect(started.stdout).not.toMatch(/SmeeClient is not available|Unable to connect to smee/);
      expect(started.stderr).toBe("");
    } finally {
      await smee.close();
    }
  });

  it("a channel that cannot be created stops the start with one line, instead of registering http://localhost", async () => {
    const smee = await new FakeSmee("no-location").listen();
    try {
      const result = await refused(appFolder(), { HOST: "127.0.0.1", PORT: String(await freePort()), CARDINAL_SMEE_URL: smee.url });
      const line = expectOneLine(result, /the setup page needs a webhook channel/, /WEBHOOK_PROXY_URL/, /NO_SMEE_SETUP=true/);
      expect(line).toContain(`${smee.url}/new`);
      expect(smee.requests).toEqual(["HEAD /new"]);
    } finally {
      await smee.close();
    }
  });

  it("a smee server that does not answer at all: the same line, with the reason", async () => {
    const line = expectOneLine(await refused(appFolder(), { HOST: "127.0.0.1", PORT: String(await freePort()), CARDINAL_SMEE_URL: CLOSED }), /the setup page needs a webhook channel, and http:\/\/127\.0\.0\.1:9\/new could not be reached/);
    expect(line).toContain("open http://127.0.0.1:9/new in a browser");
  });

  it("after the restart, webhooks sent to the channel reach Cardinal through smee-client", async () => {
    const smee = await new FakeSmee().listen();
    try {
      const port = await freePort();
      const dir = appFolder(`APP_ID=123456\nPRIVATE_KEY=${KEY_IN_DOTENV}\nWEBHOOK_SECRET=s3cret\nWEBHOOK_PROXY_URL=${smee.channel}\n`);
      const started = start(dir, { HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "info" });
      await waitFor(started, new RegExp(`Forwarding ${smee.channel.replace(/[.]/g, "\\.")} to http://127\\.0\\.0\\.1:${port}/api/github/webhooks`));
      const body = { zen: "Keep it logically awesome.", hook_id: 1 };
      const signature = `sha256=${createHmac("sha256", "s3cret").update(JSON.stringify(body)).digest("hex")}`;
      smee.send({ "x-github-event": "ping", "x-github-delivery": "delivery-1", "x-hub-signature-256": signature, body });
      await waitFor(started, new RegExp(`POST http://127\\.0\\.0\\.1:${port}/api/github/webhooks - 200`));
      expect(smee.requests).toEqual(["GET /cardinal-test-channel (event stream)"]);
      expect(started.stderr).toBe("");
    } finally {
      await smee.close();
    }
  });
});

describe("the start check and the channel, directly", () => {
  it("no credentials and not production: the setup page, no problem", () => {
    expect(checkStartEnvironment({ APP_ID: "", PRIVATE_KEY: "", WEBHOOK_SECRET: "" }, appFolder())).toEqual({ mode: "setup", problems: [] });
  });

  it("everything set: run, no problem", () => {
    expect(checkStartEnvironment({ APP_ID: "42", PRIVATE_KEY: KEY, WEBHOOK_SECRET: "s3cret", NODE_ENV: "production" }, appFolder())).toEqual({ mode: "run", problems: [] });
  });

  it("a key never appears in a message", () => {
    const { problems } = checkStartEnvironment({ APP_ID: "42", PRIVATE_KEY: KEY.replace(/[A-Za-z0-9]{30}/, "x") }, appFolder());
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toContain(KEY.split("\n")[2]);
  });

  it("smee.io is asked at its /new address by default", () => {
    expect(newChannelUrl(DEFAULT_SMEE_URL)).toBe("https://smee.io/new");
    expect(newChannelUrl("http://127.0.0.1:3001/smee/")).toBe("http://127.0.0.1:3001/smee/new");
  });

  it("the channel replaces the empty WEBHOOK_PROXY_URL line of a .env copied from .env.example, and keeps the rest", () => {
    const file = path.join(appFolder(), ".env");
    writeFileSync(file, "# comment\nAPP_ID=\nWEBHOOK_PROXY_URL=\nLOG_LEVEL=info");
    recordInDotEnv(file, "WEBHOOK_PROXY_URL", "https://smee.io/abc");
    expect(readFileSync(file, "utf8")).toBe("# comment\nAPP_ID=\nWEBHOOK_PROXY_URL=https://smee.io/abc\nLOG_LEVEL=info");
    recordInDotEnv(file, "OTHER", "1");
    expect(readFileSync(file, "utf8")).toBe("# comment\nAPP_ID=\nWEBHOOK_PROXY_URL=https://smee.io/abc\nLOG_LEVEL=info\nOTHER=1\n");
  });
});
