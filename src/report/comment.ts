import type { RuleMeta } from "../core/rule.js";
import type { Finding } from "../core/types.js";
import { countPhrase, groupByPath, renderGroups, whySection } from "./group.js";
import { escapeMarkdown, inlineCode } from "./markdown.js";
import { renderOpenness } from "./openness.js";

/** Hidden marker that identifies Cardinal's sticky comment. */
export const COMMENT_MARKER = "<!-- cardinal:guidance -->";

/** GitHub refuses comment bodies over 65,536 characters; stay well below. */
export const COMMENT_BUDGET = 60_000;

export interface CommentInput {
  readonly findings: readonly Finding[];
  /** The PR author's login, to thank them when all is clear. */
  readonly author?: string;
  readonly ruleMeta: (id: string) => RuleMeta | undefined;
  /** Where the full rule list lives. */
  readonly rulesUrl: string;
  /** "What these licenses allow" lines (report/openness.ts); none to leave the section out. */
  readonly openness?: readonly string[];
  /** The lineage graph (report/lineage-graph.ts), shown before those lines; none or "" to leave it out. */
  readonly lineage?: string;
  /** A welcome for a first-time contributor, opening the comment; none for everyone else. */
  readonly welcome?: WelcomeInput;
  /** Rules muted on this pull request by a label, said in the comment so nobody wonders. */
  readonly muted?: readonly { readonly ruleId: string; readonly label: string }[];
  /**
   * What was reviewed: a pull request (the app, the default) or files on
   * disk (the CLI's `--format markdown`), whose preview must not speak of a
   * pull request, a check run or the latest push.
   */
  readonly where?: "pull-request" | "folder";
  /** The CLI's `--quiet`: what it left out ("1 warning"), so that an empty review is not called all clear. */
  readonly leftOut?: string;
}

function mutedLine(muted: CommentInput["muted"]): string {
  if (!muted || muted.length === 0) return "";
  return `_Muted on this pull request by a label: ${muted.map((m) => `${inlineCode(m.ruleId)} (${inlineCode(m.label)})`).join(", ")}._`;
}

export interface WelcomeInput {
  /** The repository's own text (`welcome:` in cardinal.yml), with {author} and {repo}; none for Cardinal's. */
  readonly template?: string;
  /** `owner/name` of the repository. */
  readonly repo: string;
  /** The default branch, for the link to CONTRIBUTING.md. */
  readonly defaultBranch: string;
}


/** A GitHub login can be mentioned safely only if it has a login's shape. */
export function mention(login: string | undefined): string {
  return login && /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(login) ? `@${login}` : "";
}

function footer(rulesUrl: string, where: CommentInput["where"]): string {
  if (where === "folder") return `<sub>Cardinal · [rules](${rulesUrl})</sub>`;
  return `<sub>Cardinal · this comment follows the latest push; each commit's result is in its Cardinal check · [rules](${rulesUrl}) · run the same checks locally with \`npx cardinal-review check .\`</sub>`;
}

/** A branch name as a path in a relative link: each segment encoded, parentheses too (they would end the link). */
function branchPath(branch: string): string {
  return branch
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");
}

/** Cardinal's own welcome: what it checks, how to read it, how to run it locally, where the rules of the house are. */
function defaultWelcome(defaultBranch: string): string {
  return [
    "### 👋 Welcome, {author}, and thank you for your first pull request to {repo}!",
    "",
    "Cardinal is an automatic reviewer. On every pull request it checks the model cards, dataset cards, " +
      "licenses and model weight files against the rules of the Hugging Face Hub. When it finds something, " +
      "it lists it below by file and line, says why it matters and how to fix it: ❌ errors make the check fail, " +
      "⚠️ warnings are worth fixing, ℹ️ notices are suggestions. Each finding links to a page that explains its rule. " +
      "You can run the same checks on your computer before you push: `npx cardinal-review check .` in the repository. " +
      `The [contributing guide](../blob/${branchPath(defaultBranch)}/CONTRIBUTING.md) explains how this project works.`,
  ].join("\n");
}

/**
 * The welcome paragraph. Placeholders are filled in one pass, so a value
 * can never introduce another placeholder; the values are escaped (the
 * author is mentioned only when the login has a login's shape).
 */
export function renderWelcome(welcome: WelcomeInput, author: string | undefined): string {
  const template = welcome.template ?? defaultWelcome(welcome.defaultBranch);
  const who = mention(author) || (author ? inlineCode(author) : "new contributor");
  return template
    .replace(/\{(author|repo)\}/g, (_match, name: string) => (name === "author" ? who : escapeMarkdown(welcome.repo)))
    .trim();
}

/**
 * The sticky PR comment: findings grouped by file, most important first,
 * each with what is wrong and how to fix it. Pure: same input, same text.
 */
export function renderComment(input: CommentInput): string {
  const { findings } = input;
  if (findings.length === 0) return renderAllClear(input);

  // Findings about the review as a whole (no path) are in no file.
  const files = [...groupByPath(findings).keys()].filter((p) => p !== "").length;
  const header = [
    COMMENT_MARKER,
    ...(input.welcome ? [renderWelcome(input.welcome, input.author), ""] : []),
    "### Cardinal review",
    "",
    `**${countPhrase(findings)}**${files > 0 ? ` in ${files} ${files === 1 ? "file" : "files"}` : ""}`,
  ].join("\n");
  const why = whySection(findings, input.ruleMeta);
  const openness = renderOpenness(input.openness ?? []);
  const lineage = input.lineage ?? "";
  const end = footer(input.rulesUrl, input.where);
  const budget = { left: COMMENT_BUDGET - header.length - why.length - lineage.length - openness.length - end.length - 12 };
  const body =
    input.where === "folder"
      ? renderGroups(findings, budget, "`cardinal check` in the text or JSON format lists every finding.", "All files")
      : renderGroups(findings, budget, "The check run lists every finding.");
  return [header, body, "", mutedLine(input.muted), "", why, "", lineage, "", openness, "", end, ""]
    .filter((part, i, all) => !(part === "" && all[i - 1] === ""))
    .join("\n");
}

/** What the comment becomes once every finding is fixed. */
export function renderAllClear(input: Pick<CommentInput, "author" | "rulesUrl" | "welcome" | "muted" | "where" | "leftOut">): string {
  const who = mention(input.author);
  if (input.where === "folder") {
    return [
      COMMENT_MARKER,
      input.leftOut ? "### ✅ No errors" : "### ✅ All clear",
      "",
      input.leftOut
        ? `Cardinal found no errors in the model cards, licenses and model files it reviewed; \`--quiet\` left out ${input.leftOut}.`
        : "Cardinal found nothing to report in the model cards, licenses and model files it reviewed.",
      "",
      footer(input.rulesUrl, input.where),
      "",
    ].join("\n");
  }
  return [
    COMMENT_MARKER,
    ...(input.welcome ? [renderWelcome(input.welcome, input.author), ""] : []),
    `### ✅ All clear${who ? ` — thank you, ${who}!` : ""}`,
    "",
    "Cardinal found nothing to fix in the model cards, licenses and model files of this pull request.",
    "",
    ...(input.muted && input.muted.length > 0 ? [mutedLine(input.muted), ""] : []),
    footer(input.rulesUrl, input.where),
    "",
  ].join("\n");
}
