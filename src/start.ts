/**
 * `npm start`: Cardinal's GitHub App under Probot's `run`, as
 * `probot run ./lib/index.js` starts it, after a check of the environment.
 *
 * 1. `.env` is applied over the environment, as Probot applies it.
 * 2. Every configuration mistake is one line on stderr that names the
 *    variable and what to do, and Cardinal exits with 1 (io/github/start-check.ts).
 *    No stack trace for a mistake in the settings.
 * 3. With no credentials yet (the setup page), a smee.io channel is created
 *    first and recorded as WEBHOOK_PROXY_URL, so the app is registered with
 *    an address GitHub can reach (io/github/webhook-channel.ts).
 * 4. Probot's `run` does the rest: the setup page, or the webhook server.
 */
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { run } from "probot";
import { checkStartEnvironment } from "./io/github/start-check.js";
import { checkRedis, RedisStartError } from "./io/redis/connection.js";
import { ChannelError, createWebhookChannel, DEFAULT_SMEE_URL, newChannelUrl, recordInDotEnv } from "./io/github/webhook-channel.js";

const APP = fileURLToPath(new URL("./index.js", import.meta.url));

function fail(message: string): never {
  process.stderr.write(`Cardinal cannot start: ${message}\n`);
  process.exit(1);
}

/** `.env` in the working folder, applied over the environment (Probot's applyEnv does the same). */
function applyDotEnv(file: string): void {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return;
    fail(`${file} cannot be read (${code ?? (error as Error).message}): make it a readable text file of NAME=value lines, or remove it, and restart.`);
  }
  Object.assign(process.env, parseEnv(text));
}

/** Whether the address Probot is about to listen on is free; a one-line problem otherwise. */
async function listenProblem(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        resolve(`port ${port} on ${host} is already in use (is Cardinal already running?): stop the other server, or set PORT to a free port in .env or the environment, and restart.`);
      } else if (error.code === "EACCES") {
        resolve(`this user may not listen on port ${port}: set PORT to a port above 1023 in .env or the environment, and restart.`);
      } else {
        resolve(`HOST is ${JSON.stringify(host)}, which is not an address of this machine (${error.code ?? error.message}): set HOST to localhost, 127.0.0.1 or 0.0.0.0 in .env or the environment, and restart.`);
      }
    });
    probe.listen({ host, port }, () => probe.close(() => resolve(undefined)));
  });
}

async function main(): Promise<void> {
  const cwd = process.cwd();
  const dotEnv = path.join(cwd, ".env");
  applyDotEnv(dotEnv);
  const env = process.env;

  const check = checkStartEnvironment(env, cwd);
  if (check.problems.length > 0) {
    for (const problem of check.problems) process.stderr.write(`Cardinal cannot start: ${problem}\n`);
    process.exit(1);
  }

  // REDIS_URL: refuse to start, in one line, before Probot's throttling logs its own connection errors.
  const redisUrl = env["REDIS_URL"]?.trim();
  if (redisUrl && check.mode === "run") {
    try {
      await checkRedis(redisUrl);
    } catch (error) {
      if (error instanceof RedisStartError) fail(error.message);
      throw error;
    }
  }

  const host = env["HOST"] || "localhost";
  const port = Number(env["PORT"] || 3000);
  const busy = await listenProblem(host, port);
  if (busy) fail(busy);

  // The same conditions under which Probot's setup flow would create the channel itself.
  if (check.mode === "setup" && !env["WEBHOOK_PROXY_URL"] && !env["PROJECT_DOMAIN"] && env["NO_SMEE_SETUP"] !== "true") {
    const server = env["CARDINAL_SMEE_URL"] || DEFAULT_SMEE_URL;
    let channel: string;
    try {
      channel = await createWebhookChannel(server);
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      fail(
        `the setup page needs a webhook channel, and ${error.message}. Without one the app would be registered with ` +
          `http://${host}:${port}/ as its webhook URL, which GitHub cannot reach. Check the connection and restart; ` +
          `or open ${newChannelUrl(server)} in a browser and set WEBHOOK_PROXY_URL to the channel it shows; ` +
          "or set NO_SMEE_SETUP=true to register with this server's own address (docs/deployment.md).",
      );
    }
    recordInDotEnv(dotEnv, "WEBHOOK_PROXY_URL", channel);
    env["WEBHOOK_PROXY_URL"] = channel;
    process.stdout.write(
      `Created the webhook channel ${channel} (WEBHOOK_PROXY_URL in .env): the app registered from the setup page sends its webhooks there, and Cardinal receives them through it after the restart.\n`,
    );
  }

  await run([APP], { env });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const debug = process.env["LOG_LEVEL"] === "debug" || process.env["LOG_LEVEL"] === "trace";
  process.stderr.write(`Cardinal could not start: ${message.split("\n")[0]}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write("(LOG_LEVEL=debug shows where it happened.)\n");
  process.exit(1);
});
