/**
 * What `REDIS_URL` changes when the app starts: the check that Redis
 * answers (or a refusal to start, with the reason), the ports on it, the
 * readiness route and the graceful shutdown on SIGTERM. Without
 * `REDIS_URL` nothing here runs and Cardinal is one process, as before.
 */
import type { ApplicationFunctionOptions, Probot } from "probot";
import { RedisStartError } from "../redis/connection.js";
import { readinessHandler, redisInfrastructure, redisSettingsFromEnv, type RedisInfrastructure } from "./infrastructure.js";
import type { ReviewRuntime } from "./handler.js";

/** Logs the reason and ends the process with 1: Cardinal never runs half-configured. */
function refuse(app: Probot, message: string): never {
  app.log.fatal(`Cardinal cannot start: ${message}`);
  process.stderr.write(`Cardinal cannot start: ${message}\n`);
  process.exit(1);
}

/**
 * The Redis infrastructure when `REDIS_URL` is set (undefined otherwise).
 * `worker: false` is a replica that only queues (CARDINAL_WORKER_CONCURRENCY=0 says the same).
 */
export async function infrastructureFromEnv(
  app: Probot,
  env: Readonly<Record<string, string | undefined>>,
  options: { readonly worker?: boolean } = {},
): Promise<RedisInfrastructure | undefined> {
  const url = env["REDIS_URL"]?.trim();
  if (!url) return undefined;
  const { settings, problems } = redisSettingsFromEnv(env);
  if (problems.length > 0) refuse(app, problems.join(" "));
  try {
    const infrastructure = await redisInfrastructure(url, app.log, settings, options);
    app.log.info(
      { redis: infrastructure.address, workers: options.worker === false ? 0 : settings.concurrency },
      "reviews are queued on Redis and shared with the other replicas",
    );
    return infrastructure;
  } catch (error) {
    if (error instanceof RedisStartError) refuse(app, error.message);
    throw error;
  }
}

/**
 * GET /ready (when the server takes handlers), and SIGTERM: stop taking
 * jobs, finish running ones within CARDINAL_SHUTDOWN_GRACE_MS, leave the
 * rest queued for the other replicas, exit 0.
 */
export function serveReplica(app: Probot, infrastructure: RedisInfrastructure, runtime: ReviewRuntime | undefined, options?: ApplicationFunctionOptions): void {
  try {
    options?.addHandler(readinessHandler(infrastructure));
  } catch {
    // Probot.load (tests, `probot receive`) takes no HTTP handlers.
  }
  let stopping = false;
  process.once("SIGTERM", () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ graceMs: infrastructure.settings.graceMs }, "SIGTERM: taking no new reviews; finishing the running ones, the rest stay queued for the other replicas");
    const started = Date.now();
    // Readiness turns 503 at once; the queue (the runtime's) closes within the grace.
    infrastructure
      .shutdown(runtime?.queue)
      .then(
        () => {
          app.log.info({ ms: Date.now() - started }, "stopped");
          process.exit(0);
        },
        (error: unknown) => {
          app.log.error({ err: error }, "shutdown did not finish cleanly; queued reviews stay in Redis");
          process.exit(1);
        },
      );
  });
}
