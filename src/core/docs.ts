import { trimEndChars } from "./strings.js";

/** Where rule pages are published; deployments can point this at their own copy. */
export const DEFAULT_DOCS_BASE = "https://github.com/cardinal-app/cardinal/blob/main/docs/rules";

/**
 * The page that tells a contributor how to install Cardinal's CLI and run it
 * on their folder. The package is not on the npm registry (yet), so comments
 * name no `npx` command unless an operator sets one (CARDINAL_CLI_COMMAND).
 */
export const DEFAULT_CLI_URL = "https://github.com/cardinal-app/cardinal/blob/main/docs/cli.md#install";

/** Address of a rule's docs page. */
export function docsUrl(ruleId: string, base: string = DEFAULT_DOCS_BASE): string {
  return `${trimEndChars(base, "/")}/${ruleId}.md`;
}

/** Address of the list of every rule, next to the rule pages. */
export function rulesIndexUrl(base: string = DEFAULT_DOCS_BASE): string {
  return `${trimEndChars(base, "/")}/README.md`;
}

/** Where a rule's generated page lives in the repository. */
export function docsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** How comments tell a contributor to run the same checks on their computer. */
export interface LocalRun {
  /** A page that explains how to install and run the CLI. */
  readonly url: string;
  /** The exact command to run in the repository, when the operator knows one that works for their contributors. */
  readonly command?: string;
}

/** The longest command a comment shows (it sits in a one-line footer). */
const MAX_COMMAND_LENGTH = 200;

/**
 * The local-run instruction from CARDINAL_CLI_URL and CARDINAL_CLI_COMMAND.
 * A value that cannot be used is left out, with a problem that names the
 * variable; the defaults then apply (the CLI guide, no command).
 */
export function localRunFromEnv(env: Readonly<Record<string, string | undefined>>): { localRun: LocalRun; problems: string[] } {
  const problems: string[] = [];
  let url = DEFAULT_CLI_URL;
  const rawUrl = env["CARDINAL_CLI_URL"]?.trim();
  if (rawUrl) {
    if (/^https?:\/\/[^\s()<>]+$/.test(rawUrl)) url = rawUrl;
    else problems.push(`CARDINAL_CLI_URL must be an http:// or https:// address without spaces or parentheses, got ${JSON.stringify(rawUrl)}; comments link ${DEFAULT_CLI_URL} instead`);
  }
  const command = env["CARDINAL_CLI_COMMAND"]?.trim();
  if (command && (/[\r\n]/.test(command) || command.length > MAX_COMMAND_LENGTH)) {
    problems.push(`CARDINAL_CLI_COMMAND must be one line of at most ${MAX_COMMAND_LENGTH} characters; comments name no command and link the CLI guide instead`);
    return { localRun: { url }, problems };
  }
  return { localRun: command ? { url, command } : { url }, problems };
}
