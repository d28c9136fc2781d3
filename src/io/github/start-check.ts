/**
 * What `npm start` checks before it hands over to Probot's `run`. Probot
 * reads the same variables, but a half-filled `.env` gets no clear answer
 * from it: APP_ID without a key silently opens the setup page again, a
 * malformed PRIVATE_KEY or a PRIVATE_KEY_PATH to a missing file prints a
 * stack trace and then opens the setup page, and production without a key
 * or a webhook secret ends in an uncaught exception. Here each of those is
 * one sentence that names the variable and says what to do.
 *
 * The key is read with Probot's own reader (@probot/get-private-key, the
 * one `probot run` uses), so "there is a key" means the same thing here as
 * there; it is then parsed, so that a key Probot would accept but could
 * never sign with is caught at start-up rather than at the first webhook.
 */
import { createPrivateKey } from "node:crypto";
import path from "node:path";
import { getPrivateKey } from "@probot/get-private-key";
import { webhookSecretProblem } from "./secret-check.js";

export interface StartEnv {
  readonly [name: string]: string | undefined;
}

export interface StartCheck {
  /** setup: Probot's setup page registers a new app; run: Cardinal runs with these credentials. */
  readonly mode: "setup" | "run";
  /** One line each; any problem means Cardinal does not start. */
  readonly problems: readonly string[];
}

/** Probot's log levels (probot/lib/helpers/validate-log-level.js). */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
/** Probot's log formats (probot/lib/helpers/validate-log-format.js). */
export const LOG_FORMATS = ["pretty", "json"] as const;

const APP_PAGE = "the app's settings page (GitHub → Settings → Developer settings → GitHub Apps → the app)";
const KEY_FIX = `set PRIVATE_KEY_PATH to the .pem file generated on ${APP_PAGE}, under "Private keys", or PRIVATE_KEY to the file's contents`;
const WHERE = "in .env or the environment";

/** A variable that is set to something (Probot treats an empty value as unset). */
function given(env: StartEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

/** `"value"` for a message, shortened: a pasted key must not end up in a terminal or a log. */
function shown(value: string): string {
  const line = value.replace(/\s+/g, " ");
  return JSON.stringify(line.length > 40 ? `${line.slice(0, 37)}...` : line);
}

/** The first line of an error's message, without the library's name in brackets. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").replace(/^\[@probot\/get-private-key\]\s*/, "").trim();
}

type KeyRead =
  | { readonly found: false }
  | { readonly found: true; readonly from: "PRIVATE_KEY" | "PRIVATE_KEY_PATH" | "pem-file"; readonly problem?: string };

/** Reads the key as Probot does, and says what is wrong with it in Cardinal's words. */
function readKey(env: StartEnv, cwd: string): KeyRead {
  const inline = given(env, "PRIVATE_KEY");
  const keyPath = given(env, "PRIVATE_KEY_PATH");
  const from = inline ? "PRIVATE_KEY" : keyPath ? "PRIVATE_KEY_PATH" : "pem-file";
  let pem: string | null;
  try {
    pem = getPrivateKey({ env: { ...env, PRIVATE_KEY: inline, PRIVATE_KEY_PATH: keyPath }, cwd });
  } catch (error) {
    if (from === "PRIVATE_KEY") {
      return {
        found: true,
        from,
        problem:
          `PRIVATE_KEY is not a private key in PEM format (it should start with "-----BEGIN RSA PRIVATE KEY-----"): ` +
          "set it to the whole contents of the .pem file (in .env: on one line, inside double quotes, with \\n for each line break), " +
          "or set PRIVATE_KEY_PATH to the file instead, and restart.",
      };
    }
    if (from === "PRIVATE_KEY_PATH") {
      const missing = /does not exists? at path/.test(reason(error));
      return {
        found: true,
        from,
        problem:
          `PRIVATE_KEY_PATH is ${JSON.stringify(keyPath)}, but ${missing ? "there is no such file" : `the file cannot be read (${reason(error)})`}` +
          `${missing && !path.isAbsolute(keyPath ?? "") ? ` in ${cwd}` : ""}: point it at the .pem file generated on ${APP_PAGE} and restart.`,
      };
    }
    // Neither is set and the folder holds several .pem files: Probot would not know which to use.
    return {
      found: true,
      from,
      problem: `${reason(error).split(". Set {")[0]} in ${cwd}, and neither PRIVATE_KEY nor PRIVATE_KEY_PATH says which is the app's key: set PRIVATE_KEY_PATH to the right one and restart.`,
    };
  }
  if (pem === null) return { found: false };
  try {
    createPrivateKey(pem);
    return { found: true, from };
  } catch (error) {
    const what =
      from === "PRIVATE_KEY"
        ? "PRIVATE_KEY looks like a PEM key but cannot be read"
        : from === "PRIVATE_KEY_PATH"
          ? `PRIVATE_KEY_PATH points at ${JSON.stringify(keyPath)}, which is not a private key that can be read`
          : "the .pem file in this folder (Probot uses it when neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set) is not a private key that can be read";
    const why = reason(error);
    return {
      found: true,
      from,
      problem: `${what}${why ? ` (${why})` : ""}: ${KEY_FIX}, and restart. A key copied by hand often lost its line breaks or a few characters; generate a new one if in doubt.`,
    };
  }
}

/**
 * Whether Cardinal can start with this environment (process.env with
 * `.env` applied, as Probot applies it), and in which mode.
 */
export function checkStartEnvironment(env: StartEnv, cwd: string): StartCheck {
  const problems: string[] = [];
  const production = env["NODE_ENV"] === "production";

  const appId = given(env, "APP_ID");
  if (appId !== undefined && !/^[1-9][0-9]*$/.test(appId.trim())) {
    problems.push(
      `APP_ID is ${shown(appId)}, but it must be the app's number ("App ID" on ${APP_PAGE}): fix APP_ID ${WHERE} and restart.`,
    );
  }

  const key = readKey(env, cwd);
  if (key.found && key.problem) problems.push(key.problem);

  if (appId === undefined && key.found && key.from !== "pem-file") {
    problems.push(
      `${key.from} is set but APP_ID is not: set APP_ID to the App ID shown on ${APP_PAGE} ${WHERE} and restart` +
        (production ? "." : ` (or remove ${key.from} to register a new app with the setup page).`),
    );
  } else if (appId === undefined && production) {
    problems.push(
      `APP_ID is not set, and with NODE_ENV=production Cardinal does not open the setup page: set APP_ID, PRIVATE_KEY_PATH (or PRIVATE_KEY) and WEBHOOK_SECRET from ${APP_PAGE} ${WHERE} ` +
        "(docs/deployment.md lists them), or start without NODE_ENV=production to register a new app.",
    );
  } else if (appId !== undefined && !key.found) {
    problems.push(`APP_ID is set but there is no private key: ${KEY_FIX} (${WHERE}), and restart.`);
  }

  const mode = appId === undefined && !key.found ? "setup" : "run";
  // With no APP_ID in production the line above already asks for WEBHOOK_SECRET too.
  if (mode === "run") {
    const secret = webhookSecretProblem({ NODE_ENV: env["NODE_ENV"], WEBHOOK_SECRET: env["WEBHOOK_SECRET"] });
    // Outside production, index.ts logs the warning once Probot's logger is up.
    if (secret?.level === "error") problems.push(secret.message.replace(/^Cardinal refuses to start with NODE_ENV=production: /, ""));
  }

  const level = given(env, "LOG_LEVEL");
  if (level !== undefined && !(LOG_LEVELS as readonly string[]).includes(level)) {
    problems.push(`LOG_LEVEL is ${shown(level)}, but it must be one of ${LOG_LEVELS.join(", ")}: fix it ${WHERE} (info logs one line per review) and restart.`);
  }
  const format = given(env, "LOG_FORMAT");
  if (format !== undefined && !(LOG_FORMATS as readonly string[]).includes(format)) {
    problems.push(`LOG_FORMAT is ${shown(format)}, but it must be pretty or json: fix it ${WHERE} and restart.`);
  }
  const port = given(env, "PORT");
  // Probot reads PORT=0 as "unset" and listens on 3000, so 0 is refused too.
  if (port !== undefined && !(/^[0-9]{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    problems.push(`PORT is ${shown(port)}, but it must be a port number from 1 to 65535 (the default is 3000): fix it ${WHERE} and restart.`);
  }
  const proxy = given(env, "WEBHOOK_PROXY_URL");
  if (proxy !== undefined && !isHttpUrl(proxy)) {
    problems.push(
      `WEBHOOK_PROXY_URL is ${shown(proxy)}, but it must be the address of a smee.io channel (https://smee.io/…): ` +
        `fix it ${WHERE}, or leave it empty to have the setup page create one, and restart.`,
    );
  }
  return { mode, problems };
}

export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && url.host !== "";
}
