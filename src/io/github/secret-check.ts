/**
 * The start-up guard against Probot's default webhook secret. Probot checks
 * every delivery's `X-Hub-Signature-256` against its secret, and when it is
 * given none (WEBHOOK_SECRET unset or empty) it quietly uses the public
 * string "development": anyone who can reach the webhook URL could then sign
 * forged events. Cardinal refuses to start that way in production and warns
 * loudly elsewhere. The secret's value is never put in a message.
 */
import { createHmac } from "node:crypto";

/** The secret Probot falls back to (probot/lib/server/server.js, `defaultWebhookSecret`). */
export const PROBOT_DEFAULT_SECRET = "development";

export interface SecretProblem {
  /** error: refuse to start (NODE_ENV=production); warn: log and go on. */
  readonly level: "error" | "warn";
  readonly message: string;
}

export interface SecretCheckEnv {
  readonly NODE_ENV?: string | undefined;
  readonly WEBHOOK_SECRET?: string | undefined;
  /** Set by `npm run replay` for its `probot receive` child, which verifies no signature. */
  readonly CARDINAL_REPLAY?: string | undefined;
}

/** Whether a WEBHOOK_SECRET value leaves Probot on its public default (Probot treats "" as unset). */
export function isDefaultSecret(secret: string | undefined): boolean {
  return secret === undefined || secret === "" || secret === PROBOT_DEFAULT_SECRET;
}

const FIX =
  "Set WEBHOOK_SECRET to the webhook secret configured in the GitHub App's settings " +
  "(GitHub → Settings → Developer settings → GitHub Apps → the app → Webhook secret; a long random string, e.g. `openssl rand -hex 32`) and restart.";

/**
 * What is wrong with the webhook secret, if anything. `defaultSecretInUse`
 * says whether the Probot running Cardinal actually checks signatures
 * against "development" (see `usesDefaultSecret`); without it, that is
 * inferred from `env.WEBHOOK_SECRET` as `probot run` and `createProbot()` read it.
 */
export function webhookSecretProblem(
  env: SecretCheckEnv,
  defaultSecretInUse: boolean = isDefaultSecret(env.WEBHOOK_SECRET),
): SecretProblem | undefined {
  if (!defaultSecretInUse) return undefined;
  // `npm run replay` feeds one webhook to `probot receive`, which checks no signature at all.
  if (env.CARDINAL_REPLAY === "1" && env.NODE_ENV !== "production") return undefined;
  const secret = env.WEBHOOK_SECRET;
  const why =
    secret === undefined
      ? "WEBHOOK_SECRET is not set"
      : secret === ""
        ? "WEBHOOK_SECRET is empty"
        : secret === PROBOT_DEFAULT_SECRET
          ? `WEBHOOK_SECRET is set to "${PROBOT_DEFAULT_SECRET}"`
          : "the Probot instance running Cardinal was created without a webhook secret (WEBHOOK_SECRET is set but was not passed to it)";
  const risk = `webhook signatures are checked against the public default secret "${PROBOT_DEFAULT_SECRET}", so anyone who can reach the webhook URL could send Cardinal forged events`;
  if (env.NODE_ENV === "production") {
    return { level: "error", message: `Cardinal refuses to start with NODE_ENV=production: ${why}, and ${risk}. ${FIX}` };
  }
  return {
    level: "warn",
    message: `INSECURE: ${why}: ${risk}. ${FIX} (Allowed for local development only; with NODE_ENV=production Cardinal refuses to start.)`,
  };
}

/**
 * Whether `webhooks` (a Probot's `app.webhooks`) accepts a signature made
 * with "development", that is whether Probot fell back to its default. It
 * signs a fixed probe locally; nothing is received or sent.
 */
export async function usesDefaultSecret(webhooks: { verify(payload: string, signature: string): Promise<boolean> }): Promise<boolean> {
  const probe = "cardinal: is the webhook secret Probot's default?";
  const signature = `sha256=${createHmac("sha256", PROBOT_DEFAULT_SECRET).update(probe).digest("hex")}`;
  return webhooks.verify(probe, signature);
}
