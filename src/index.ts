import type { Probot } from "probot";
import { registerHandlers } from "./io/github/handler.js";
import { hubClientFromEnv } from "./io/hub/client.js";

/**
 * Cardinal as a Probot app. Wiring only: every decision lives in the
 * handlers (io/github) and the pure engine they call. One Hub client per
 * process, so that its cache and request bound cover every review.
 */
export default (app: Probot): void => {
  const docsBase = process.env["CARDINAL_DOCS_URL"];
  const hub = hubClientFromEnv(process.env);
  if (process.env["HF_TOKEN"] && !hub.authenticated) {
    app.log.warn("HF_TOKEN is set but does not start with hf_; the Hub is asked without a token");
  }
  registerHandlers(app, { hub, ...(docsBase ? { docsBase } : {}) });
};
