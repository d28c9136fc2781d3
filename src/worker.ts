#!/usr/bin/env node
/**
 * `cardinal worker` (or `npm run worker`, `node lib/worker.js`): a process
 * that only runs reviews, taking them from the Redis queue the app
 * replicas fill. It reads the app's settings from the environment (APP_ID,
 * PRIVATE_KEY or PRIVATE_KEY_PATH, REDIS_URL, HF_TOKEN…), as the app does;
 * run the app replicas with CARDINAL_WORKER_CONCURRENCY=0 to leave every
 * review to workers. With PORT set it answers GET /ping and GET /ready.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createProbot } from "probot";
import { localRunFromEnv } from "./core/docs.js";
import { createReviewRuntime } from "./io/github/handler.js";
import { infrastructureFromEnv, serveReplica } from "./io/github/replicas.js";
import { hubClientFromEnv } from "./io/hub/client.js";

function fail(message: string): never {
  process.stderr.write(`Cardinal worker cannot start: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const env = process.env;
  if (!env["REDIS_URL"]?.trim()) {
    fail("a worker takes its reviews from the queue on Redis, and REDIS_URL is not set: set it to the Redis the app replicas use (docs/deployment.md).");
  }
  if (env["CARDINAL_WORKER_CONCURRENCY"]?.trim() === "0") {
    fail("CARDINAL_WORKER_CONCURRENCY is 0, so this worker would run no review: unset it (default 4) or set a number above 0.");
  }
  let probot: ReturnType<typeof createProbot>;
  try {
    probot = createProbot({ env });
  } catch (error) {
    fail(`${(error instanceof Error ? error.message : String(error)).split("\n")[0]} (set APP_ID and PRIVATE_KEY or PRIVATE_KEY_PATH, as for the app).`);
  }
  // Probot sets itself up asynchronously: its logger exists once `ready()` resolves.
  await probot.ready();
  const infrastructure = await infrastructureFromEnv(probot, env);
  if (!infrastructure) return fail("REDIS_URL is not set.");
  const hub = hubClientFromEnv(env, { cache: { shared: infrastructure.cache.namespace("hub") } });
  const { localRun, problems } = localRunFromEnv(env);
  for (const problem of problems) probot.log.warn(problem);
  const docsBase = env["CARDINAL_DOCS_URL"];
  const runtime = createReviewRuntime(probot, { hub, localRun, infrastructure, ...(docsBase ? { docsBase } : {}) });

  const handlers: ((req: IncomingMessage, res: ServerResponse) => boolean)[] = [];
  serveReplica(probot, infrastructure, runtime, { cwd: process.cwd(), addHandler: (handler) => handlers.push(handler as (typeof handlers)[number]) });
  const port = env["PORT"]?.trim();
  if (port) {
    const server = createServer((req, res) => {
      if (req.method === "GET" && (req.url ?? "").split("?")[0] === "/ping") return void res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
      if (handlers.some((handle) => handle(req, res))) return;
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: a worker answers GET /ping and GET /ready only\n");
    });
    server.listen(Number(port), env["HOST"] || "localhost");
  }
  probot.log.info({ concurrency: infrastructure.settings.concurrency }, "worker started: taking reviews from the queue on Redis");
}

main().catch((error: unknown) => fail((error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "unknown error"));
