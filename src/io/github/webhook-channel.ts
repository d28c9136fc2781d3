/**
 * The smee.io channel Probot's setup flow registers the app with. Probot
 * creates one itself, but only after it has rendered its "use an existing
 * app" page with the channel still empty (probot/lib/apps/setup.js reads
 * WEBHOOK_PROXY_URL before creating the channel), and a failure there is a
 * warning after which the app is registered with http://localhost:3000/,
 * an address GitHub cannot reach. So `npm start` creates the channel first,
 * with smee-client exactly as Probot does, and Probot then finds
 * WEBHOOK_PROXY_URL set: the manifest, the import page and the forwarding
 * after the restart all use it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { SmeeClient as Smee } from "smee-client";

/** The public smee.io server; CARDINAL_SMEE_URL names another (a self-hosted smee.io, or a test's fake). */
export const DEFAULT_SMEE_URL = "https://smee.io";

/** How long creating a channel may take before `npm start` gives up. */
export const CHANNEL_TIMEOUT_MS = 15_000;

export class ChannelError extends Error {}

/** The channel-creation address of a smee server: `<base>/new`. */
export function newChannelUrl(base: string): string {
  return new URL("new", base.endsWith("/") ? base : `${base}/`).href;
}

/**
 * Creates a channel on the smee server at `base` (HEAD /new answers with the
 * channel's address in Location) and returns its address.
 */
export async function createWebhookChannel(base: string, timeoutMs: number = CHANNEL_TIMEOUT_MS): Promise<string> {
  let SmeeClient: typeof Smee;
  try {
    ({ SmeeClient } = await import("smee-client"));
  } catch {
    throw new ChannelError("smee-client is not installed (it is a development dependency: run npm install without --omit=dev)");
  }
  const url = newChannelUrl(base);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ChannelError(`${url} did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
    timer.unref();
  });
  try {
    const address = await Promise.race([SmeeClient.createChannel({ newChannelUrl: url }), timeout]);
    const channel = new URL(address, url);
    if (channel.protocol !== "https:" && channel.protocol !== "http:") throw new ChannelError(`${url} answered with ${JSON.stringify(address)}, which is not a channel address`);
    return channel.href;
  } catch (error) {
    if (error instanceof ChannelError) throw error;
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    const message = error instanceof Error ? error.message : String(error);
    throw new ChannelError(`${url} could not be reached (${message}${cause})`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sets `name=value` in the `.env` at `file`: replaces an existing line for
 * the name (an empty `WEBHOOK_PROXY_URL=` copied from .env.example) or
 * appends one, and leaves every other line, comments included, as it was.
 */
export function recordInDotEnv(file: string, name: string, value: string): void {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const line = `${name}=${value}`;
  const pattern = new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}[ \\t]*=.*$`, "m");
  const updated = pattern.test(text) ? text.replace(pattern, line) : `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${line}\n`;
  writeFileSync(file, updated);
}
