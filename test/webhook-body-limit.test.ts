/**
 * Oversized and forged webhook bodies, through a real HTTP server on
 * 127.0.0.1 with Probot's real middleware in front of Cardinal. Before the
 * guard (src/io/github/body-limit.ts), a 50 MB body with a bad signature
 * was read whole, decoded, hashed and then logged three times at ERROR:
 * RSS rose by about 1 GB and /ping waited seconds. Now a body over GitHub's
 * 25 MB cap is refused with 413 before it is buffered, whether its
 * Content-Length says so or a chunked body grows past the cap, and a bad
 * signature is refused with one log line that holds no byte of the body.
 *
 * The big bodies are sent over a raw TCP socket, one reused 1 MiB chunk at
 * a time, so the client holds no copy of them and nock's interceptors never
 * see them: what RSS measures is the server's doing.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { createNodeMiddleware, Probot, Server as ProbotServer } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import app from "../src/index.js";
import { GITHUB_PAYLOAD_LIMIT_BYTES } from "../src/io/github/body-limit.js";
import { BROKEN_CARD } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  createLoggingProbot,
  fixture,
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
} from "./helpers/github.js";

const SECRET = "s3cr3t-for-webhook-body-limit-test-4b7e1a";
const WEBHOOK_PATH = "/api/github/webhooks";
const MiB = 1024 * 1024;
/** The byte every big body is made of: the log must not contain a run of them. */
const FILL = "Z";
const FILL_RUN = FILL.repeat(64);

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

interface RunningApp {
  readonly port: number;
  readonly lines: { level: number; msg: string }[];
  readonly raw: string[];
  close(): Promise<void>;
}

/** Cardinal behind `createNodeMiddleware` on 127.0.0.1; the fallback answers GET /ping with PONG, as Probot's server does. */
async function startApp(options: { preRead?: boolean } = {}): Promise<RunningApp> {
  vi.stubEnv("WEBHOOK_SECRET", SECRET);
  const { probot, lines, raw } = createLoggingProbot({ secret: SECRET });
  const middleware = await createNodeMiddleware(app, { probot });
  const server: Server = createServer(async (req, res) => {
    if (options.preRead) {
      // A framework in front that has read the body already (as a string `req.body`).
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      (req as typeof req & { body?: string }).body = Buffer.concat(chunks).toString("utf8");
    }
    void middleware(req, res, () => {
      if (req.method === "GET" && req.url === "/ping") res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    lines,
    raw,
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
  vi.unstubAllEnvs();
});

function sign(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

interface RawAnswer {
  readonly status: number;
  readonly body: string;
  /** Body bytes the client had written when the answer came (or the socket closed). */
  readonly sent: number;
}

/**
 * POSTs a body of `size` bytes over a raw socket: `{"pad":"ZZZ…"}`, with a
 * Content-Length (or chunked when `chunked`), written 1 MiB at a time with
 * backpressure, and stops writing once the server has answered.
 * With `stall`, only the head is sent. `onProgress` is told the bytes
 * written so far after each chunk.
 */
function rawPost(
  port: number,
  options: { size: number; chunked?: boolean; stall?: boolean; onProgress?: (sent: number) => void },
): Promise<RawAnswer> {
  const { size, chunked = false } = options;
  const prefix = Buffer.from('{"pad":"');
  const suffix = Buffer.from('"}');
  const chunk = Buffer.alloc(MiB, FILL);
  const head = [
    `POST ${WEBHOOK_PATH} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    "Content-Type: application/json",
    "User-Agent: GitHub-Hookshot/044aadd",
    "X-GitHub-Event: pull_request",
    "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958",
    `X-Hub-Signature-256: ${sign("not-the-secret", "anything")}`,
    chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${size}`,
    "",
    "",
  ].join("\r\n");

  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let answer = Buffer.alloc(0);
    let sent = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      const text = answer.toString("latin1");
      const match = /^HTTP\/1\.1 (\d{3})/u.exec(text);
      if (!match) return;
      const split = text.indexOf("\r\n\r\n");
      if (split < 0) return;
      const length = /\r\ncontent-length: (\d+)/iu.exec(text.slice(0, split));
      const body = text.slice(split + 4);
      if (length && body.length < Number(length[1])) return;
      done = true;
      resolve({ status: Number(match[1]), body, sent });
      socket.destroy();
    };
    socket.on("data", (data: Buffer) => {
      answer = Buffer.concat([answer, data]);
      finish();
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      finish();
      if (!done) reject(new Error(`the socket closed without a whole answer (${sent} bytes sent): ${answer.toString("latin1").slice(0, 200)}`));
    });

    const write = (bytes: Buffer): Promise<void> =>
      new Promise((ok) => {
        if (socket.destroyed || done) return ok();
        if (socket.write(bytes)) ok();
        else socket.once("drain", ok).once("close", ok);
      });
    const frame = async (bytes: Buffer): Promise<void> => {
      if (chunked) await write(Buffer.from(`${bytes.length.toString(16)}\r\n`));
      await write(bytes);
      if (chunked) await write(Buffer.from("\r\n"));
      sent += bytes.length;
    };
    socket.once("connect", () => {
      void (async () => {
        await write(Buffer.from(head));
        if (options.stall) return;
        await frame(prefix);
        let left = size - prefix.length - suffix.length;
        while (left > 0 && !done && !socket.destroyed) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          await frame(piece);
          left -= piece.length;
          options.onProgress?.(sent);
        }
        if (!done && !socket.destroyed) {
          await frame(suffix);
          if (chunked) await write(Buffer.from("0\r\n\r\n"));
        }
      })();
    });
  });
}

/**
 * GET /ping while an upload runs: resolves with the body bytes the upload had
 * sent when PONG came back (`sentNow` is read then). A server that buffered or
 * parsed the body on the event loop would answer only after the upload; bytes,
 * not milliseconds, so a loaded machine cannot fail it.
 */
async function pingDuring(port: number, sentNow: () => number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/ping`);
  expect(await response.text()).toBe("PONG");
  return sentNow();
}

/** What a refusal must leave in the log: no body bytes, at most one line at warn or above, and no line about it below. */
function expectOneCleanRefusal(run: RunningApp, pattern: RegExp): void {
  const joined = run.raw.join("\n");
  expect(joined).not.toContain(FILL_RUN);
  expect(joined.length).toBeLessThan(4096);
  const loud = run.lines.filter((l) => l.level >= 40);
  expect(loud).toHaveLength(1);
  expect(loud[0]!.msg).toMatch(pattern);
}

function rssMiB(): number {
  return process.memoryUsage().rss / MiB;
}

describe("a webhook body over GitHub's 25 MB cap", () => {
  it("is 25 MiB, the larger reading of GitHub's documented cap", () => {
    expect(GITHUB_PAYLOAD_LIMIT_BYTES).toBe(26_214_400);
  });

  it("50 MB with a Content-Length and a bad signature: 413 at once, RSS flat, /ping answered meanwhile, one clean log line", async () => {
    running = await startApp();
    const port = running.port;
    const before = rssMiB();

    let sentNow = 0;
    let pinged: Promise<number> | undefined;
    const answer = await rawPost(port, {
      size: 50 * 1000 * 1000,
      onProgress: (sent) => {
        sentNow = sent;
        pinged ??= sent >= 2 * MiB ? pingDuring(port, () => sentNow) : undefined;
      },
    });

    expect(answer.status).toBe(413);
    expect(answer.body).toContain("at most 25 MB");
    // Refused from the header: the server stops the upload long before 50 MB are through.
    expect(answer.sent).toBeLessThan(50 * 1000 * 1000);
    expect(rssMiB() - before).toBeLessThan(100);
    // The server still answers: during the upload if it lasted past 2 MiB, or right after it.
    expect(await (pinged ?? pingDuring(port, () => sentNow))).toBeLessThan(50 * 1000 * 1000);
    expectOneCleanRefusal(running, /^Refused a webhook delivery with 413: its Content-Length/);
    expect(unmatched.requests).toEqual([]);
  });

  it("60 MB chunked (no Content-Length) and a bad signature: 413 once it passes 25 MiB, not read to the end, RSS bounded, /ping answered meanwhile", async () => {
    running = await startApp();
    const port = running.port;
    const before = rssMiB();

    let sentNow = 0;
    let pinged: Promise<number> | undefined;
    const answer = await rawPost(port, {
      size: 60 * 1000 * 1000,
      chunked: true,
      onProgress: (sent) => {
        sentNow = sent;
        // Half way to the cap: the server is buffering this body right now.
        pinged ??= sent >= 12 * MiB ? pingDuring(port, () => sentNow) : undefined;
      },
    });

    expect(answer.status).toBe(413);
    expect(answer.sent).toBeGreaterThan(GITHUB_PAYLOAD_LIMIT_BYTES);
    // The connection is closed once the cap is passed: what the socket buffers, not the other 35 MB.
    expect(answer.sent).toBeLessThan(GITHUB_PAYLOAD_LIMIT_BYTES + 20 * MiB);
    expect(rssMiB() - before).toBeLessThan(100);
    expect(pinged).toBeDefined();
    // PONG came back while the body was still below the cap, so while the server was reading it.
    expect(await pinged!).toBeLessThan(GITHUB_PAYLOAD_LIMIT_BYTES);
    expectOneCleanRefusal(running, /^Refused a webhook delivery with 413: its body grew past/);
  });

  it("25 MiB - 1 byte with a bad signature is read, and refused for its signature (400), not its size; the log holds no byte of it", async () => {
    running = await startApp();

    const answer = await rawPost(running.port, { size: GITHUB_PAYLOAD_LIMIT_BYTES - 1 });

    expect(answer.status).toBe(400);
    expect(answer.body).toContain("signature does not match");
    expectOneCleanRefusal(running, /^Refused a webhook delivery with 400: X-Hub-Signature-256 does not match/);
  });

  it("25 MiB + 1 byte chunked is refused with 413: the cap is exact", async () => {
    running = await startApp();

    const answer = await rawPost(running.port, { size: GITHUB_PAYLOAD_LIMIT_BYTES + 1, chunked: true });

    expect(answer.status).toBe(413);
  });

  it("a Content-Length over the cap is answered from the header alone, without waiting for a byte of the body", async () => {
    running = await startApp();

    const answer = await rawPost(running.port, { size: 30 * MiB, stall: true });

    expect(answer.status).toBe(413);
    expect(answer.sent).toBe(0);
  });
});

describe("deliveries the guard passes on", () => {
  it("a correctly signed delivery is answered 200 and reviewed", async () => {
    running = await startApp();
    const checkRuns: CheckRunBody[] = [];
    const comments: string[] = [];
    const scope = api();
    mockReviewStart(scope);
    mockListFiles(scope, [prFile("models/x/README.md", { patch: "@@ -0,0 +1,9 @@\n+---\n+license: apache-2.0" })]);
    mockSnapshot(scope, { files: { "models/x/README.md": BROKEN_CARD } });
    mockCreateCheckRun(scope, checkRuns);
    mockCreateComment(scope, comments);
    const body = JSON.stringify(fixture<"pull_request.opened">("pull_request.opened.json"));

    const response = await fetch(`http://127.0.0.1:${running.port}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": "limit-valid-1",
        "x-hub-signature-256": sign(SECRET, body),
      },
      body,
    });

    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(comments).toHaveLength(1), { timeout: 5000, interval: 20 });
    expect(checkRuns).toHaveLength(1);
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.requests).toEqual([]);
  });

  it("a correctly signed body that is not JSON is refused with 400 and one log line without the body", async () => {
    running = await startApp();
    const body = `{"pad":"${FILL.repeat(4096)}"`;

    const response = await fetch(`http://127.0.0.1:${running.port}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": "limit-not-json-1",
        "x-hub-signature-256": sign(SECRET, body),
      },
      body,
    });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Invalid JSON");
    expectOneCleanRefusal(running, /^Refused a signed webhook delivery with 400: its body is not JSON/);
  });

  it("a delivery without a JSON content type still gets Probot's 415, and one without a signature its 400", async () => {
    running = await startApp();
    const url = `http://127.0.0.1:${running.port}${WEBHOOK_PATH}`;
    const headers = { "x-github-event": "pull_request", "x-github-delivery": "limit-415-1" };

    const form = await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/x-www-form-urlencoded", "x-hub-signature-256": sign(SECRET, "a=b") }, body: "a=b" });
    const unsigned = await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: "{}" });

    expect(form.status).toBe(415);
    expect(unsigned.status).toBe(400);
    expect(await unsigned.text()).toContain("x-hub-signature-256");
  });

  it("a body a framework in front already read is checked as well: a bad signature 400, a good one 200", async () => {
    running = await startApp({ preRead: true });
    const url = `http://127.0.0.1:${running.port}${WEBHOOK_PATH}`;
    const body = JSON.stringify({ action: "labeled", zen: FILL_RUN });
    const headers = { "content-type": "application/json", "x-github-event": "ping" };

    const forged = await fetch(url, { method: "POST", headers: { ...headers, "x-github-delivery": "limit-pre-1", "x-hub-signature-256": sign("wrong", body) }, body });
    const genuine = await fetch(url, { method: "POST", headers: { ...headers, "x-github-delivery": "limit-pre-2", "x-hub-signature-256": sign(SECRET, body) }, body });

    expect(forged.status).toBe(400);
    expect(genuine.status).toBe(200);
    expectOneCleanRefusal(running, /^Refused a webhook delivery with 400/);
  });

  it("a long delivery id reaches the refusal's log line cut short", async () => {
    running = await startApp();
    const body = "{}";
    const long = `id-${"x".repeat(200)}`;

    const response = await fetch(`http://127.0.0.1:${running.port}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": long, "x-hub-signature-256": sign("wrong", body) },
      body,
    });

    expect(response.status).toBe(400);
    const line = JSON.parse(running.raw.find((l) => l.includes("Refused"))!) as { delivery: string };
    expect(line.delivery.length).toBeLessThanOrEqual(65);
  });
});

describe("under `probot run` (Probot's own Server, as the Dockerfile starts Cardinal)", () => {
  /** A free loopback port (Probot's Server takes 0 for "unset" and would use 3000). */
  async function freePort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  it("the guard still runs before Probot's webhook middleware: 60 MB chunked gets 413, /ping answers meanwhile, the log holds no body", async () => {
    vi.stubEnv("WEBHOOK_SECRET", SECRET);
    const raw: string[] = [];
    const log = pino(
      { level: "info" },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          raw.push(...chunk.toString().split("\n").filter((l) => l.trim() !== ""));
          done();
        },
      }),
    );
    const port = await freePort();
    const server = new ProbotServer({
      host: "127.0.0.1",
      port,
      log,
      Probot: Probot.defaults({ appId: 123, privateKey, secret: SECRET, Octokit: TestOctokit }),
    });
    await server.load(app);
    await server.start();
    try {
      const before = rssMiB();
      let sentNow = 0;
      let pinged: Promise<number> | undefined;
      const answer = await rawPost(port, {
        size: 60 * 1000 * 1000,
        chunked: true,
        onProgress: (sent) => {
          sentNow = sent;
          pinged ??= sent >= 12 * MiB ? pingDuring(port, () => sentNow) : undefined;
        },
      });

      expect(answer.status).toBe(413);
      expect(answer.sent).toBeLessThan(GITHUB_PAYLOAD_LIMIT_BYTES + 20 * MiB);
      expect(rssMiB() - before).toBeLessThan(100);
      expect(await pinged!).toBeLessThan(GITHUB_PAYLOAD_LIMIT_BYTES);
      const lines = raw.map((l) => JSON.parse(l) as { level: number; msg: string });
      expect(raw.join("\n")).not.toContain(FILL_RUN);
      // One warning for the refusal; pino-http's access lines (info) name the requests, not their bodies.
      expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([expect.stringMatching(/^Refused a webhook delivery with 413/)]);
    } finally {
      await server.stop();
    }
  });
});
