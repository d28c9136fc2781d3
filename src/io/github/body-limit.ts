/**
 * The guard in front of Probot's webhook middleware. @octokit/webhooks
 * reads a delivery's whole body into memory before it checks the
 * signature, and on a mismatch logs the error with the body attached
 * (three times, at ERROR). Anyone who can reach the webhook URL could so
 * make Cardinal buffer and log hundreds of megabytes without knowing the
 * secret. This guard, for POSTs to the webhook path only:
 *
 * 1. refuses a body over GitHub's payload cap with 413, from the
 *    Content-Length header before reading anything, or as soon as a chunked
 *    body grows past it (the bytes read so far are dropped and the
 *    connection is closed);
 * 2. checks `X-Hub-Signature-256` itself and refuses a mismatch with 400,
 *    and refuses a signed body that is not JSON with 400: one log line
 *    each, with the delivery id and size, never the body;
 * 3. hands everything else to Probot's middleware with the body already
 *    read (`req.body`, which @octokit/webhooks uses instead of reading the
 *    stream), so that its own answers (415, 400 for missing headers, 200,
 *    202 after 9 s) are unchanged.
 *
 * GitHub caps webhook payloads at 25 MB and does not deliver larger ones
 * (docs.github.com/en/webhooks/webhook-events-and-payloads#payload-cap), so
 * nothing genuine is refused. The cap is read as 25 MiB, the larger of the
 * two readings of "MB".
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** GitHub's webhook payload cap, 25 MB, read as 25 × 1024 × 1024 bytes. */
export const GITHUB_PAYLOAD_LIMIT_BYTES = 25 * 1024 * 1024;

/** A Node request handler as @octokit/webhooks' `createNodeMiddleware` returns it. */
export type NodeMiddleware = (request: IncomingMessage, response: ServerResponse, next?: () => void) => Promise<boolean>;

export interface GuardLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface WebhookGuardOptions {
  /** The webhook path (Probot's WEBHOOK_PATH); other paths and methods pass through untouched. */
  readonly path: string;
  /** `webhooks.verify` of the Probot: whether `signature` is the secret's HMAC of `payload`. */
  verify(payload: string, signature: string): Promise<boolean>;
  readonly log: GuardLog;
  /** Largest body accepted, in bytes; GitHub's cap unless a test says otherwise. */
  readonly limitBytes?: number;
}

/** "/x//" → "/x", as @octokit/webhooks compares paths. */
function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return end === 0 ? "/" : path.slice(0, end);
}

function pathnameOf(url: string | undefined): string | undefined {
  try {
    return new URL(trimTrailingSlashes(url ?? "/"), "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

/** A header value fit for a log line: one string, printable ASCII, at most 64 characters. */
function loggable(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined) return undefined;
  const clean = one.replace(/[^\x20-\x7e]/gu, "?");
  return clean.length > 64 ? `${clean.slice(0, 64)}…` : clean;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

type BodyRead =
  | { readonly kind: "complete"; readonly bytes: Buffer }
  | { readonly kind: "too-large"; readonly received: number }
  | { readonly kind: "aborted" };

/**
 * The request's body, or "too-large" as soon as more than `limit` bytes
 * arrived (what was read is dropped, and reading stops), or "aborted" when
 * the client went away first.
 */
function readBody(request: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (result: BodyRead): void => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onAbort);
      request.off("close", onAbort);
      chunks.length = 0;
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) {
        request.pause();
        finish({ kind: "too-large", received });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      const bytes = Buffer.concat(chunks, received);
      finish({ kind: "complete", bytes });
    };
    const onAbort = (): void => {
      finish({ kind: "aborted" });
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onAbort);
    request.on("close", onAbort);
  });
}

/**
 * The body a framework in front already read, where @octokit/webhooks
 * would look for it (a string `body`, or a `rawBody` beside a parsed one);
 * undefined when the stream is still to be read.
 */
function alreadyRead(request: IncomingMessage, limit: number): BodyRead | undefined {
  const { body, rawBody } = request as IncomingMessage & { body?: unknown; rawBody?: unknown };
  let bytes: Buffer | undefined;
  if (typeof body === "object" && body !== null && rawBody instanceof Uint8Array) bytes = Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  else if (typeof body === "string") bytes = Buffer.from(body, "utf8");
  if (bytes === undefined) return undefined;
  return bytes.length > limit ? { kind: "too-large", received: bytes.length } : { kind: "complete", bytes };
}

/** Answers with a small JSON error; with `close`, drops the connection once the answer is out. */
function refuse(response: ServerResponse, status: number, error: string, close: boolean): true {
  const body = JSON.stringify({ error });
  const socket = response.socket;
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body).toString(),
    ...(close ? { connection: "close" } : {}),
  });
  response.end(body, () => {
    // The rest of an oversized body is never read: close instead of draining it.
    if (close) socket?.destroy();
  });
  return true;
}

const decoder = new TextDecoder("utf-8", { fatal: false });

/** Wraps Probot's webhook middleware (see the module comment). */
export function guardWebhookMiddleware(inner: NodeMiddleware, options: WebhookGuardOptions): NodeMiddleware {
  const limit = options.limitBytes ?? GITHUB_PAYLOAD_LIMIT_BYTES;
  const webhookPath = trimTrailingSlashes(options.path);
  const tooLarge = `Payload too large: GitHub's webhook payloads are at most 25 MB (${limit} bytes)`;

  return async (request, response, next) => {
    if (request.method !== "POST" || pathnameOf(request.url) !== webhookPath) return inner(request, response, next);

    const delivery = {
      delivery: loggable(request.headers["x-github-delivery"]),
      event: loggable(request.headers["x-github-event"]),
    };
    const declared = header(request, "content-length");
    if (declared !== undefined && Number(declared) > limit) {
      options.log.warn({ ...delivery, contentLength: Number(declared), limit }, "Refused a webhook delivery with 413: its Content-Length is over GitHub's 25 MB payload cap");
      return refuse(response, 413, tooLarge, true);
    }

    const read = alreadyRead(request, limit) ?? (await readBody(request, limit));
    if (read.kind === "aborted") {
      response.destroy();
      return true;
    }
    if (read.kind === "too-large") {
      options.log.warn({ ...delivery, received: read.received, limit }, "Refused a webhook delivery with 413: its body grew past GitHub's 25 MB payload cap");
      return refuse(response, 413, tooLarge, true);
    }

    const payload = decoder.decode(read.bytes);
    const signature = header(request, "x-hub-signature-256");
    const contentType = header(request, "content-type");
    // Without a signature, an event name, a delivery id or a JSON content type,
    // Probot answers 400 or 415 itself, before looking at the body.
    const complete =
      signature !== undefined && delivery.event !== undefined && delivery.delivery !== undefined && contentType !== undefined && /^\s*application\/json\s*(?:;|$)/u.test(contentType);
    if (complete) {
      const matches = await options.verify(payload, signature).catch(() => false);
      if (!matches) {
        options.log.warn(
          { ...delivery, bytes: read.bytes.length },
          "Refused a webhook delivery with 400: X-Hub-Signature-256 does not match the body and the webhook secret. If GitHub's own deliveries are refused, check that WEBHOOK_SECRET is the app's webhook secret.",
        );
        return refuse(response, 400, "signature does not match event payload and secret", false);
      }
      try {
        JSON.parse(payload);
      } catch {
        options.log.warn({ ...delivery, bytes: read.bytes.length }, "Refused a signed webhook delivery with 400: its body is not JSON");
        return refuse(response, 400, "Invalid JSON", false);
      }
    }
    // @octokit/webhooks takes a string `body` as the payload instead of reading the stream again.
    (request as IncomingMessage & { body?: string }).body = payload;
    return inner(request, response, next);
  };
}

const GUARDED = Symbol.for("cardinal.webhookBodyGuard");

/** What `guardProbotWebhooks` needs of a Probot. */
export interface GuardableProbot {
  getNodeMiddleware(options?: { path?: string | undefined }): Promise<NodeMiddleware>;
  readonly webhookPath: string;
  readonly webhooks: { verify(payload: string, signature: string): Promise<boolean> };
  readonly log: GuardLog;
}

/**
 * Puts the guard in front of every webhook middleware the Probot makes.
 * Both `probot run` (whose server puts the webhook middleware before any
 * handler an app adds with `addHandler`) and `createNodeMiddleware` ask
 * `probot.getNodeMiddleware()` for it after loading the app, so wrapping
 * that method is the one place that covers both.
 */
export function guardProbotWebhooks(probot: GuardableProbot, limitBytes?: number): void {
  const target = probot as GuardableProbot & { [GUARDED]?: true };
  if (target[GUARDED]) return;
  target[GUARDED] = true;
  const original = probot.getNodeMiddleware.bind(probot);
  probot.getNodeMiddleware = async (options) => {
    const inner = await original(options);
    return guardWebhookMiddleware(inner, {
      path: options?.path ?? probot.webhookPath,
      verify: (payload, signature) => probot.webhooks.verify(payload, signature),
      log: probot.log,
      ...(limitBytes === undefined ? {} : { limitBytes }),
    });
  };
}
