import type { RuleMeta } from "../core/rule.js";
import type { Finding } from "../core/types.js";
import { countPhrase, groupByPath, renderGroups, whySection } from "./group.js";
import { inlineCode } from "./markdown.js";
import { renderOpenness } from "./openness.js";

/** Hidden marker that identifies Cardinal's sticky comment. */
export const COMMENT_MARKER = "<!-- cardinal:guidance -->";

/** GitHub refuses comment bodies over 65,536 characters; stay well below. */
export const COMMENT_BUDGET = 60_000;

export interface CommentInput {
  readonly findings: readonly Finding[];
  readonly headSha: string;
  /** The PR author's login, to thank them when all is clear. */
  readonly author?: string;
  readonly ruleMeta: (id: string) => RuleMeta | undefined;
  /** Where the full rule list lives. */
  readonly rulesUrl: string;
  /** "What these licenses allow" lines (report/openness.ts); none to leave the section out. */
  readonly openness?: readonly string[];
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** A GitHub login can be mentioned safely only if it has a login's shape. */
function mention(login: string | undefined): string {
  return login && /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(login) ? `@${login}` : "";
}

function footer(rulesUrl: string): string {
  return `<sub>Cardinal · [rules](${rulesUrl}) · run the same checks locally with \`npx cardinal-review check .\`</sub>`;
}

/**
 * The sticky PR comment: findings grouped by file, most important first,
 * each with what is wrong and how to fix it. Pure: same input, same text.
 */
export function renderComment(input: CommentInput): string {
  const { findings, headSha } = input;
  if (findings.length === 0) return renderAllClear(input);

  const files = groupByPath(findings).size;
  const header = [
    COMMENT_MARKER,
    "### Cardinal review",
    "",
    `**${countPhrase(findings)}** in ${files} ${files === 1 ? "file" : "files"} · reviewed at ${inlineCode(shortSha(headSha))}`,
  ].join("\n");
  const why = whySection(findings, input.ruleMeta);
  const openness = renderOpenness(input.openness ?? []);
  const end = footer(input.rulesUrl);
  const budget = { left: COMMENT_BUDGET - header.length - why.length - openness.length - end.length - 10 };
  const body = renderGroups(findings, budget, "The check run lists every finding.");
  return [header, body, "", why, "", openness, "", end, ""].filter((part, i, all) => !(part === "" && all[i - 1] === "")).join("\n");
}

/** What the comment becomes once every finding is fixed. */
export function renderAllClear(input: Pick<CommentInput, "headSha" | "author" | "rulesUrl">): string {
  const who = mention(input.author);
  return [
    COMMENT_MARKER,
    `### ✅ All clear at ${inlineCode(shortSha(input.headSha))}${who ? ` — thank you, ${who}!` : ""}`,
    "",
    "Cardinal found nothing to fix in the model cards, licenses and model files of this pull request.",
    "",
    footer(input.rulesUrl),
    "",
  ].join("\n");
}
