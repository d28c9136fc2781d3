/**
 * `GET /cardinal/status`: the status board as a read-only HTML page, on
 * Probot's own HTTP server (an `addHandler` handler). Off unless the
 * operator sets CARDINAL_STATUS_TOKEN; the request must then carry
 * `Authorization: Bearer <token>`, compared in constant time, or it gets
 * 401. Private repositories are shown only with CARDINAL_STATUS_PRIVATE=true.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { renderStatusPage } from "../../report/status-page.js";
import type { StatusBoard } from "./status-board.js";

export const STATUS_PATH = "/cardinal/status";
/** A shorter token is refused: the page would be guessable. */
export const STATUS_TOKEN_MIN_LENGTH = 16;

export interface StatusPageSettings {
  readonly token: string;
  readonly showPrivate: boolean;
}

/** The page's settings from the environment, or why it stays off (undefined and no problem: not asked for). */
export function statusPageFromEnv(env: Readonly<Record<string, string | undefined>>): { settings?: StatusPageSettings; problem?: string } {
  const token = env["CARDINAL_STATUS_TOKEN"]?.trim();
  if (!token) return {};
  if (token.length < STATUS_TOKEN_MIN_LENGTH || /\s/.test(token)) {
    return { problem: `CARDINAL_STATUS_TOKEN must be one word of at least ${STATUS_TOKEN_MIN_LENGTH} characters (for example \`openssl rand -hex 32\`); the status page stays off` };
  }
  const privateSetting = env["CARDINAL_STATUS_PRIVATE"]?.trim().toLowerCase();
  return { settings: { token, showPrivate: privateSetting === "true" || privateSetting === "1" } };
}

/** Equal tokens, in time that does not depend on where they differ (both are hashed to the same length first). */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
} as const;

/** A Probot server handler: true when it answered the request. */
export function statusPageHandler(board: StatusBoard, settings: StatusPageSettings, now: () => Date = () => new Date()) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== STATUS_PATH && path !== `${STATUS_PATH}/`) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }).end("Method not allowed\n");
      return true;
    }
    const header = req.headers.authorization ?? "";
    const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
    if (!match?.[1] || !tokenMatches(match[1], settings.token)) {
      res
        .writeHead(401, { ...SECURITY_HEADERS, "www-authenticate": 'Bearer realm="cardinal-status"', "content-type": "text/plain; charset=utf-8" })
        .end("401 Unauthorized: send the status token as `Authorization: Bearer <CARDINAL_STATUS_TOKEN>`.\n");
      return true;
    }
    const html = renderStatusPage({ repositories: board.list(), showPrivate: settings.showPrivate, generatedAt: now().toISOString() });
    res.writeHead(200, { ...SECURITY_HEADERS, "content-type": "text/html; charset=utf-8" });
    res.end(req.method === "HEAD" ? undefined : html);
    return true;
  };
}
