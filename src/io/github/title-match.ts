import { Script, createContext } from "node:vm";

/** How long a `review.skip_title` pattern may run on one title before it counts as not matching. */
export const SKIP_TITLE_TIMEOUT_MS = 50;

const context = createContext({ pattern: /$^/, title: "" });
const script = new Script("pattern.test(title)");

/**
 * Whether a pull request's title matches the repository's `review.skip_title`,
 * within SKIP_TITLE_TIMEOUT_MS. The pattern is the maintainers' but the title
 * is anyone's: a pattern with nested quantifiers (`(a+)+$`) can backtrack for
 * minutes on a crafted title and stall every review of the process. The
 * test runs in a VM context whose timeout interrupts the regular expression;
 * "timeout" is then the answer (the caller treats it as no match and says so).
 */
export function titleMatches(pattern: string, title: string): boolean | "timeout" {
  context["pattern"] = new RegExp(pattern);
  context["title"] = title;
  try {
    return script.runInContext(context, { timeout: SKIP_TITLE_TIMEOUT_MS }) === true;
  } catch (error) {
    if ((error as { code?: string } | null)?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT") return "timeout";
    throw error;
  }
}
