import type { ApplicationFunctionOptions, Probot } from "probot";
import { guardProbotWebhooks } from "./io/github/body-limit.js";
import { localRunFromEnv } from "./core/docs.js";
import { registerHandlers } from "./io/github/handler.js";
import { registerDefaultBranchJobs } from "./io/github/install-handler.js";
import { usesDefaultSecret, webhookSecretProblem } from "./io/github/secret-check.js";
import { hubClientFromEnv } from "./io/hub/client.js";
import { lfsRangeCache, weightBytesFromEnv } from "./io/github/byte-source.js";
import { infrastructureFromEnv, serveReplica } from "./io/github/replicas.js";

/**
 * Cardinal as a Probot app. Wiring only: every decision lives in the
 * handlers (io/github) and the pure engine they call. One Hub client per
 * process, so that its cache and request bound cover every review.
 */
export default async (app: Probot, appOptions?: ApplicationFunctionOptions): Promise<void> => {
  // Probot checks signatures against "development" when given no secret: refuse that in production.
  const secretProblem = webhookSecretProblem(process.env, await usesDefaultSecret(app.webhooks));
  if (secretProblem?.level === "error") throw new Error(secretProblem.message);
  if (secretProblem) app.log.warn(secretProblem.message);

  // Bodies over GitHub's 25 MB cap get 413 before they are read, and a bad
  // signature 400 without its body reaching the log (io/github/body-limit.ts).
  guardProbotWebhooks(app);

  const docsBase = process.env["CARDINAL_DOCS_URL"];
  // REDIS_URL: replicas share the queue, the caches and Probot's throttling (io/github/replicas.ts).
  const infrastructure = await infrastructureFromEnv(app, process.env);
  const hub = hubClientFromEnv(process.env, infrastructure ? { cache: { shared: infrastructure.cache.namespace("hub") } } : {});
  if (process.env["HF_TOKEN"] && !hub.authenticated) {
    app.log.warn("HF_TOKEN is set but does not start with hf_; the Hub is asked without a token");
  }
  // How comments tell contributors to run the checks on their computer; a bad value is named and left out.
  const { localRun, problems } = localRunFromEnv(process.env);
  for (const problem of problems) app.log.warn(problem);
  // Ranges of the pull requests' weight files (CARDINAL_WEIGHT_BYTES=off reads none); a range of an
  // LFS object read once is not read again by the next push (objects are named by their hash).
  const fromEnv = weightBytesFromEnv(process.env);
  const weightBytes = fromEnv && { ...fromEnv, cache: lfsRangeCache() };
  const runtime = registerHandlers(app, { hub, localRun, weightBytes, ...(docsBase ? { docsBase } : {}), ...(infrastructure ? { infrastructure } : {}) });
  if (infrastructure) serveReplica(app, infrastructure, runtime, appOptions);
  registerDefaultBranchJobs(app, { hub, localRun, addHandler: appOptions?.addHandler, ...(docsBase ? { docsBase } : {}), ...(infrastructure ? { infrastructure } : {}) });
};
