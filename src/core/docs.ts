import { trimEndChars } from "./strings.js";

/** Where rule pages are published; deployments can point this at their own copy. */
export const DEFAULT_DOCS_BASE = "https://github.com/cardinal-app/cardinal/blob/main/docs/rules";

/** Address of a rule's docs page. */
export function docsUrl(ruleId: string, base: string = DEFAULT_DOCS_BASE): string {
  return `${trimEndChars(base, "/")}/${ruleId}.md`;
}

/** Where a rule's generated page lives in the repository. */
export function docsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
