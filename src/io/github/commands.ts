/**
 * `/cardinal …` commands in pull request comments: parsing and the texts of
 * the replies. Pure; the handler does the requests.
 */
import { docsUrl } from "../../core/docs.js";
import type { RuleMeta } from "../../core/rule.js";
import { suggestRuleId } from "../../core/suggest.js";
import { escapeMarkdown, inlineCode } from "../../report/markdown.js";

export type Command =
  | { readonly name: "recheck" }
  | { readonly name: "explain"; readonly ruleId: string }
  | { readonly name: "help" }
  | { readonly name: "unknown"; readonly text: string };

/** Write access, as GET /collaborators/{user}/permission names it (`role_name`, or the older `permission`). */
export const WRITE_ROLES: readonly string[] = ["admin", "maintain", "write"];

/** `/cardinal` alone or followed by a space or tab: group 1 is the rest of the line. */
const COMMAND_LINE = /^[ \t]*\/cardinal(?![^ \t])(.*)$/i;

/**
 * The first `/cardinal …` command of a comment: a line of its own that
 * starts with `/cardinal`. Quoted lines (`> /cardinal …`) and lines inside
 * fenced code blocks are not commands (someone quoting or showing one).
 */
export function parseCommand(body: string): Command | undefined {
  let fence: string | undefined;
  for (const line of body.split(/\r\n|\r|\n/)) {
    const fenceMatch = /^[ \t]*(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? "";
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const match = COMMAND_LINE.exec(line);
    if (!match) continue;
    const words = (match[1] ?? "").split(/[ \t]+/).filter((w) => w !== "");
    const [verb, ...rest] = words;
    switch (verb?.toLowerCase()) {
      case undefined:
      case "help":
        return { name: "help" };
      case "recheck":
        return { name: "recheck" };
      case "explain":
        return { name: "explain", ruleId: rest[0] ?? "" };
      default:
        return { name: "unknown", text: words.join(" ") };
    }
  }
  return undefined;
}

const COMMAND_LIST = [
  "- `/cardinal recheck`: review this pull request again (its author, or anyone with write access to the repository)",
  "- `/cardinal explain <rule-id>`: what a rule checks and why, e.g. `/cardinal explain card/front-matter-present`",
  "- `/cardinal help`: this list",
].join("\n");

/** The answer to `/cardinal help`. */
export function renderHelp(rulesUrl: string): string {
  return [
    "Cardinal answers these commands, written on a line of their own in a comment on a pull request:",
    "",
    COMMAND_LIST,
    "",
    `Every rule is described in the [rule list](${rulesUrl}).`,
    "",
  ].join("\n");
}

/** The answer to a `/cardinal …` command Cardinal does not know. */
export function renderUnknownCommand(text: string): string {
  return [`Cardinal does not know the command ${inlineCode(`/cardinal ${text}`)}. It knows these:`, "", COMMAND_LIST, ""].join("\n");
}

/** The answer to a `/cardinal recheck` from someone who may not ask for it. */
export function renderRecheckRefused(): string {
  return [
    "Sorry, only the author of this pull request and people with write access to this repository can ask Cardinal to review it again.",
    "Every new push to the pull request is reviewed anyway.",
    "",
  ].join("\n");
}

/** The answer to `/cardinal explain <rule-id>`. */
export function renderExplain(
  ruleId: string,
  find: (id: string) => RuleMeta | undefined,
  ids: readonly string[],
  options: { readonly rulesUrl: string; readonly docsBase?: string },
): string {
  if (ruleId === "") {
    return `Which rule? Write its id after the command, e.g. \`/cardinal explain card/front-matter-present\`. Every rule is in the [rule list](${options.rulesUrl}).\n`;
  }
  const meta = find(ruleId);
  if (!meta) {
    const guess = suggestRuleId(ruleId, ids);
    return [
      `There is no rule ${inlineCode(ruleId)}.${guess ? ` Did you mean ${inlineCode(guess)}? Ask with \`/cardinal explain ${guess}\`.` : ""}`,
      "",
      `Every rule is in the [rule list](${options.rulesUrl}).`,
      "",
    ].join("\n");
  }
  return [
    `**${escapeMarkdown(meta.title)}** · ${inlineCode(meta.id)}`,
    "",
    // Cardinal's own prose (as in the comment's "why" section); only values from the comment are escaped.
    meta.description,
    "",
    `**Why it matters:** ${meta.why}`,
    "",
    `[How to fix it, with examples](${docsUrl(meta.id, options.docsBase)})`,
    "",
  ].join("\n");
}
