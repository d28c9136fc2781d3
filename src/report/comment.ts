import { DEFAULT_CLI_URL, type LocalRun } from "../core/docs.js";
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
  /** How to run the same checks locally (default: a link to the CLI guide, no command). */
  readonly localRun?: LocalRun;
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
  /** The default branch, for the link to the contributing guide. */
  readonly defaultBranch: string;
  /** The contributing guide's path on the default branch (`CONTRIBUTING.md`, `.github/CONTRIBUTING.md`…); none when there is none, and then no link. */
  readonly contributing?: string;
}


/** A GitHub login can be mentioned safely only if it has a login's shape. */
export function mention(login: string | undefined): string {
  return login && /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(login) ? `@${login}` : "";
}

const DEFAULT_LOCAL_RUN: LocalRun = { url: DEFAULT_CLI_URL };

/**
 * The comment's last line. From a pull request it says how the comment follows pushes; from the CLI
 * (files on disk) it speaks of no pull request, check run or push.
 */
function footer(rulesUrl: string, localRun: LocalRun = DEFAULT_LOCAL_RUN, where: CommentInput["where"] = "pull-request"): string {
  const local = localRun.command
    ? `run the same checks locally with ${inlineCode(localRun.command)} ([how to install](${localRun.url}))`
    : `[run the same checks locally](${localRun.url})`;
  if (where === "folder") return `<sub>Cardinal · [rules](${rulesUrl}) · ${local}</sub>`;
  return `<sub>Cardinal · this comment follows the latest push; each commit's result is in its Cardinal check · [rules](${rulesUrl}) · ${local}</sub>`;
}

/** A branch name or a path in a relative link: each segment encoded, parentheses too (they would end the link). */
function branchPath(branch: string): string {
  return branch
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");
}

/** Cardinal's own welcome, before its last sentences: what it checks and how to read it. */
const DEFAULT_WELCOME = [
  "### 👋 Welcome, {author}, and thank you for your first pull request to {repo}!",
  "",
  "Cardinal is an automatic reviewer. On every pull request it checks the model cards, dataset cards, " +
    "licenses and model weight files against the rules of the Hugging Face Hub. When it finds something, " +
    "it lists it below by file and line, says why it matters and how to fix it: ❌ errors make the check fail, " +
    "⚠️ warnings are worth fixing, ℹ️ notices are suggestions. Each finding links to a page that explains its rule.",
].join("\n");

/** The welcome's last sentences: how to run the checks locally, and where the rules of the house are (when written down). */
function welcomeEnd(welcome: WelcomeInput, run: LocalRun): string {
  const local = run.command
    ? ` You can run the same checks on your computer before you push: ${inlineCode(run.command)} in the repository ([how to install it](${run.url})).`
    : ` You can run the same checks on your computer before you push: [this guide](${run.url}) shows how to install Cardinal's command-line tool and run it in the repository.`;
  const guide = welcome.contributing
    ? ` The [contributing guide](../blob/${branchPath(welcome.defaultBranch)}/${branchPath(welcome.contributing)}) explains how this project works.`
    : "";
  return local + guide;
}

/**
 * The welcome paragraph: the repository's own text, or Cardinal's.
 * Placeholders are filled in one pass, so a value can never introduce
 * another placeholder; the values are escaped (the author is mentioned only
 * when the login has a login's shape). The local command and the
 * contributing guide's path are added after, so they are never read as
 * placeholders either.
 */
export function renderWelcome(welcome: WelcomeInput, author: string | undefined, localRun: LocalRun = DEFAULT_LOCAL_RUN): string {
  const who = mention(author) || (author ? inlineCode(author) : "new contributor");
  const filled = (welcome.template ?? DEFAULT_WELCOME)
    .replace(/\{(author|repo)\}/g, (_match, name: string) => (name === "author" ? who : escapeMarkdown(welcome.repo)))
    .trim();
  return welcome.template === undefined ? `${filled}${welcomeEnd(welcome, localRun)}` : filled;
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
    ...(input.welcome ? [renderWelcome(input.welcome, input.author, input.localRun), ""] : []),
    "### Cardinal review",
    "",
    `**${countPhrase(findings)}**${files > 0 ? ` in ${files} ${files === 1 ? "file" : "files"}` : ""}`,
  ].join("\n");
  const why = whySection(findings, input.ruleMeta);
  const openness = renderOpenness(input.openness ?? []);
  const lineage = input.lineage ?? "";
  const end = footer(input.rulesUrl, input.localRun, input.where);
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
export function renderAllClear(input: Pick<CommentInput, "author" | "rulesUrl" | "localRun" | "welcome" | "muted" | "where" | "leftOut">): string {
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
      footer(input.rulesUrl, input.localRun, input.where),
      "",
    ].join("\n");
  }
  return [
    COMMENT_MARKER,
    ...(input.welcome ? [renderWelcome(input.welcome, input.author, input.localRun), ""] : []),
    `### ✅ All clear${who ? ` — thank you, ${who}!` : ""}`,
    "",
    "Cardinal found nothing to fix in the model cards, licenses and model files of this pull request.",
    "",
    ...(input.muted && input.muted.length > 0 ? [mutedLine(input.muted), ""] : []),
    footer(input.rulesUrl, input.localRun),
    "",
  ].join("\n");
}
