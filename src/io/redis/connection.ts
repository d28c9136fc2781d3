/**
 * Connections to the Redis that `REDIS_URL` names. Cardinal refuses to
 * start when that Redis does not answer: replicas that silently ran on
 * their own memory would each review the same pull requests (split brain).
 * Once started, a lost connection is retried for ever, with one log line
 * when it goes and one when it is back; jobs wait in Redis meanwhile.
 */
import { Redis } from "ioredis";

/** How long the check at start waits for Redis to answer PING. */
export const REDIS_START_TIMEOUT_MS = 5_000;

/** What the connections log through (Probot's pino logger fits). */
export interface RedisLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The address without its password, for log lines. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(a REDIS_URL that is not a URL)";
  }
}

/** A failure at start, in words (never a stack trace). */
export class RedisStartError extends Error {
  override readonly name = "RedisStartError";
}

function reasonOf(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : undefined;
  const message = typeof e?.message === "string" ? e.message.split("\n")[0] : String(error);
  return code && !String(message).includes(code) ? `${code}: ${message}` : String(message);
}

/**
 * Checks that `url` answers PING within `timeoutMs`; throws a
 * RedisStartError that says why and what to do otherwise.
 */
export async function checkRedis(url: string, timeoutMs = REDIS_START_TIMEOUT_MS): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisStartError(`REDIS_URL is not a URL (expected redis://host:6379 or rediss://…): set it to your Redis server's address, or unset it to run as one process.`);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new RedisStartError(`REDIS_URL must start with redis:// or rediss://, not ${parsed.protocol}//: set it to your Redis server's address, or unset it to run as one process.`);
  }
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, enableOfflineQueue: false });
  // The socket's own error (ECONNREFUSED, ENOTFOUND, NOAUTH…) says more than "Connection is closed".
  let firstError: unknown;
  probe.on("error", (error: unknown) => {
    firstError ??= error;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await probe.connect();
        await probe.ping();
      })(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    throw new RedisStartError(
      `Redis at ${redactRedisUrl(url)} (REDIS_URL) did not answer (${reasonOf(firstError ?? error)}). Cardinal does not start without it: ` +
        "replicas that do not share one queue would review the same pull requests twice. Start Redis or correct REDIS_URL, " +
        "or unset REDIS_URL to run as one process with its state in memory.",
    );
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}

/**
 * A long-lived connection: reconnects for ever (at most 2 s apart), and
 * says once when the connection is lost and once when it is back.
 * `maxRetriesPerRequest: null` is what BullMQ's workers require.
 */
export function openRedis(url: string, log: RedisLog, role: string): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
    connectionName: `cardinal-${role}`,
  });
  let lost = false;
  redis.on("error", (error: unknown) => {
    if (lost) return;
    lost = true;
    log.warn(`Redis connection (${role}) lost: ${reasonOf(error)}; reconnecting, queued reviews wait in Redis`);
  });
  redis.on("ready", () => {
    if (!lost) return;
    lost = false;
    log.info(`Redis connection (${role}) is back; reviews resume`);
  });
  return redis;
}
