/**
 * Real Cardinal replicas as child processes (`probot run lib/index.js`, as
 * in production), for the Redis tests and the burst benchmark: each with
 * its own port, all on one Redis and one fake GitHub, their JSON log lines
 * kept; and signed webhook deliveries to them over HTTP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PROBOT = path.join(ROOT, "node_modules/probot/bin/probot.js");
const APP = path.join(ROOT, "lib/index.js");
const WORKER = path.join(ROOT, "lib/worker.js");

export const FLEET_SECRET = "fleet-webhook-secret";

export interface LogLine {
  readonly level?: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

export interface Replica {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** Parsed JSON log lines (stdout), and any other line of either stream as `{ msg }`. */
  readonly logs: LogLine[];
  /** Everything the process wrote, as it wrote it. */
  readonly output: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLog(match: (line: LogLine) => boolean, timeoutMs: number, what: string): Promise<LogLine>;
  /** Peak resident memory seen by `sampleRss` (MB). */
  peakRssMB: number;
}

let privateKey: string | undefined;
/** One RSA key for every replica of a run (the app's private key; the fake GitHub does not check JWTs). */
export function fleetPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
  return privateKey;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ReplicaOptions {
  readonly name: string;
  /** `127.0.0.1:port` of the fake GitHub. */
  readonly githubHost: string;
  readonly redisUrl?: string;
  /** More environment (CARDINAL_JOB_LOCK_MS…). */
  readonly env?: Record<string, string>;
  /** `worker`: `node lib/worker.js` (PORT serves /ping and /ready only). */
  readonly kind?: "app" | "worker";
}

/** Starts one replica; resolves when its GET /ready (or /ping without Redis) answers 200, or rejects with its output. */
export async function startReplica(options: ReplicaOptions, readyTimeoutMs = 30_000): Promise<Replica> {
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: process.env["HOME"] ?? "/tmp",
    APP_ID: "1",
    PRIVATE_KEY: fleetPrivateKey(),
    WEBHOOK_SECRET: FLEET_SECRET,
    GHE_HOST: options.githubHost,
    GHE_PROTOCOL: "http",
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
    // No Hub: the tests' cards name no Hub repository; a lookup would fail fast on this closed port.
    HF_ENDPOINT: "http://127.0.0.1:9",
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  };
  const args = options.kind === "worker" ? [WORKER] : [PROBOT, "run", APP];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const logs: LogLine[] = [];
  const output: string[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  const take = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output.push(text);
    for (const raw of text.split("\n")) {
      if (!raw.trim()) continue;
      let line: LogLine;
      try {
        line = JSON.parse(raw) as LogLine;
      } catch {
        line = { msg: raw };
      }
      logs.push(line);
      for (const w of waiters.splice(0)) {
        if (w.match(line)) w.resolve(line);
        else waiters.push(w);
      }
    }
  };
  let buffered = { stdout: "", stderr: "" };
  for (const stream of ["stdout", "stderr"] as const) {
    child[stream]?.on("data", (chunk: Buffer) => {
      // Whole lines only: a JSON line may arrive in two chunks.
      const text = buffered[stream] + chunk.toString("utf8");
      const cut = text.lastIndexOf("\n");
      buffered = { ...buffered, [stream]: cut === -1 ? text : text.slice(cut + 1) };
      if (cut !== -1) take(Buffer.from(text.slice(0, cut + 1)));
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const replica: Replica = {
    name: options.name,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    logs,
    output,
    exited,
    peakRssMB: 0,
    waitForLog(match, timeoutMs, what) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${options.name} logged no ${what} within ${timeoutMs} ms; its last output:\n${output.join("").slice(-4000)}`)),
          timeoutMs,
        );
        waiters.push({ match, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      });
    },
  };
  const deadline = Date.now() + readyTimeoutMs;
  const readyPath = options.redisUrl ? "/ready" : "/ping";
  let done = false;
  void exited.then(() => (done = true));
  for (;;) {
    if (done) throw new Error(`${options.name} exited before it was ready:\n${output.join("")}`);
    try {
      const response = await fetch(`${replica.url}${readyPath}`);
      if (response.status === 200) return replica;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.name} was not ready within ${readyTimeoutMs} ms:\n${output.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends a signed webhook delivery; resolves with the status and how long the answer took. */
export async function deliver(
  replica: Pick<Replica, "url">,
  event: string,
  payload: Record<string, unknown>,
  delivery: string = randomUUID(),
): Promise<{ status: number; ms: number; delivery: string }> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac("sha256", FLEET_SECRET).update(body).digest("hex")}`;
  const started = performance.now();
  const response = await fetch(`${replica.url}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": delivery, "x-hub-signature-256": signature },
    body,
  });
  await response.text();
  return { status: response.status, ms: performance.now() - started, delivery };
}

/** Resident memory of a process, from /proc (MB), or 0 when it cannot be read. */
export async function rssMB(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  try {
    const { readFile } = await import("node:fs/promises");
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** Stops a replica with `signal` and waits for it to exit. */
export async function stopReplica(replica: Replica, signal: NodeJS.Signals = "SIGTERM"): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (replica.child.exitCode === null && replica.child.signalCode === null) replica.child.kill(signal);
  return replica.exited;
}
