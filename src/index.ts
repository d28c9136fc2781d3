import type { Probot } from "probot";
import { registerHandlers } from "./io/github/handler.js";

/**
 * Cardinal as a Probot app. Wiring only: every decision lives in the
 * handlers (io/github) and the pure engine they call.
 */
export default (app: Probot): void => {
  const docsBase = process.env["CARDINAL_DOCS_URL"];
  registerHandlers(app, docsBase ? { docsBase } : {});
};
