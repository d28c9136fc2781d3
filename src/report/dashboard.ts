/**
 * The release health dashboard: one issue per repository that shows what
 * Cardinal found on the default branch, by release folder, errors first.
 * Pure: the same review gives the same text, so the app edits the issue
 * only when the findings change (no dates, no commit ids in the body).
 */
import { DEFAULT_CLI_URL, type LocalRun } from "../core/docs.js";
import { countBySeverity, type FileFacts } from "../core/engine.js";
import type { HubReference } from "../core/hub.js";
import type { RuleMeta } from "../core/rule.js";
import type { Finding, Severity } from "../core/types.js";
import { HUB_UNREACHABLE_ID } from "./check-run.js";
import { COMMENT_BUDGET } from "./comment.js";
import { countPhrase, findingItem, groupByPath, groupHeading, SEVERITY_ICON, whySection } from "./group.js";
import { escapeMarkdown, inlineCode, renderText } from "./markdown.js";
import { opennessLines, renderOpenness } from "./openness.js";

/** Hidden marker that identifies Cardinal's dashboard issue (with the app's own login). */
export const DASHBOARD_MARKER = "<!-- cardinal:dashboard -->";
/** Hidden marker of the recheck checkbox: ticked by a person, it asks for a new review of the default branch. */
export const RECHECK_MARKER = "<!-- cardinal:recheck -->";
/** The checkbox as Cardinal writes it (unticked). */
export const RECHECK_LINE = `- [ ] ${RECHECK_MARKER} Review the default branch again now`;

export interface DashboardInput {
  /** `owner/name`. */
  readonly repo: string;
  readonly defaultBranch: string;
  readonly findings: readonly Finding[];
  /** What the review recognised in each file (to list clean release folders too, and the openness summary). */
  readonly files: readonly FileFacts[];
  /** What the Hub said of each repository the rules looked up. */
  readonly references?: readonly HubReference[];
  readonly ruleMeta: (id: string) => RuleMeta | undefined;
  readonly rulesUrl: string;
  readonly localRun?: LocalRun;
  /** false: the openness summary is switched off (`openness: false`). */
  readonly openness?: boolean;
  /** Relevant files the review left out (a very large tree). */
  readonly leftOut?: { readonly files: number; readonly treeTruncated: boolean };
}

/** Whether the dashboard has anything to show: otherwise its issue is closed. */
export function dashboardHasProblems(findings: readonly Finding[]): boolean {
  return findings.length > 0;
}

const ROOT_LABEL = "(repository root)";

function parentOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/**
 * The release folder of a path: the nearest folder above it that holds a
 * model or dataset card (a card's weights in `onnx/` belong to its
 * release), else the file's own folder.
 */
export function releaseFolderOf(path: string, cardFolders: ReadonlySet<string>): string {
  let dir = parentOf(path);
  for (;;) {
    if (cardFolders.has(dir)) return dir;
    if (dir === "") break;
    dir = parentOf(dir);
  }
  return parentOf(path);
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

interface Folder {
  readonly name: string;
  readonly files: number;
  readonly findings: Finding[];
}

/** Release folders with their findings, the worst first (errors, then warnings, then the most findings), then by name. */
export function releaseFolders(findings: readonly Finding[], files: readonly FileFacts[]): Folder[] {
  const cardFolders = new Set(files.filter((f) => f.kind === "model-card" || f.kind === "dataset-card").map((f) => parentOf(f.path)));
  const folders = new Map<string, { files: number; findings: Finding[] }>();
  const at = (name: string) => {
    let folder = folders.get(name);
    if (!folder) folders.set(name, (folder = { files: 0, findings: [] }));
    return folder;
  };
  // Repository-wide files (.gitattributes, Cardinal's configuration) make no folder a release of its own.
  const repositoryWide = (f: FileFacts) => f.kind === "gitattributes" || f.kind === "cardinal-config";
  for (const f of files) if (!repositoryWide(f)) at(releaseFolderOf(f.path, cardFolders)).files++;
  for (const f of findings) at(f.path === "" ? "" : releaseFolderOf(f.path, cardFolders)).findings.push(f);
  const worst = (list: readonly Finding[]) => Math.min(3, ...list.map((f) => RANK[f.severity]));
  return [...folders]
    .map(([name, folder]) => ({ name, ...folder }))
    .sort((a, b) => worst(a.findings) - worst(b.findings) || b.findings.length - a.findings.length || a.name.localeCompare(b.name));
}

function folderLabel(name: string): string {
  return name === "" ? ROOT_LABEL : inlineCode(name);
}

function folderIcon(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  if (counts.error > 0) return SEVERITY_ICON.error;
  if (counts.warning > 0) return SEVERITY_ICON.warning;
  if (counts.notice > 0) return SEVERITY_ICON.notice;
  return "✅";
}

/** Release folders listed in the table; the rest are counted in one line (an issue holds 65,536 characters). */
export const TABLE_FOLDERS = 100;

function table(folders: readonly Folder[]): string {
  const rest = folders.length - TABLE_FOLDERS;
  const rows = folders.slice(0, TABLE_FOLDERS).map((folder) => {
    const counts = countBySeverity(folder.findings);
    return `| ${folderIcon(folder.findings)} ${folderLabel(folder.name)} | ${folder.files} | ${counts.error} | ${counts.warning} | ${counts.notice} |`;
  });
  const table = ["| Release folder | Files | Errors | Warnings | Notices |", "| --- | ---: | ---: | ---: | ---: |", ...rows].join("\n");
  return rest > 0 ? `${table}\n\n_…and ${rest} more release folders, the cleanest ones._` : table;
}

function localRunSection(localRun: LocalRun = { url: DEFAULT_CLI_URL }): string {
  const how = localRun.command
    ? `Run ${inlineCode(localRun.command)} in a clone of the repository ([how to install the CLI](${localRun.url})).`
    : `Install Cardinal's command-line tool ([how](${localRun.url})) and run \`cardinal check\` in a clone of the repository, or \`cardinal check <folder>\` for one release.`;
  return ["### Run the same checks locally", "", `${how} It reads the same \`.github/cardinal.yml\` and reports the same findings, before you push.`].join("\n");
}

/** "What the Hub could not verify": the hub/unreachable findings, and each reference the Hub left unanswered. */
function unverifiedSection(findings: readonly Finding[], references: readonly HubReference[]): string {
  const notes = findings.filter((f) => f.ruleId === HUB_UNREACHABLE_ID).map((f) => `- ${renderText(f.message)}`);
  const covered = notes.join("\n");
  const refs = references
    .filter((r) => r.status === "unavailable" && !covered.includes(r.id))
    .map((r) => `- ${r.type} ${inlineCode(r.id)}${r.reason ? `: ${escapeMarkdown(r.reason)}` : ""}`);
  const lines = [...notes, ...refs];
  if (lines.length === 0) return "";
  return [
    "### What the Hub could not verify",
    "",
    "Cardinal could not ask the Hugging Face Hub about these, so the findings above may be incomplete. Tick the box below to try again.",
    "",
    ...lines,
  ].join("\n");
}

function footer(branch: string): string {
  return `<sub>Cardinal keeps this issue up to date after each push to ${inlineCode(branch)} that touches release files, and closes it when everything is clean. Each commit's full result is in its Cardinal check.</sub>`;
}

/** The dashboard issue's body while the default branch has findings. */
export function renderDashboard(input: DashboardInput): string {
  const references = input.references ?? [];
  const shown = input.findings.filter((f) => f.ruleId !== HUB_UNREACHABLE_ID);
  const folders = releaseFolders(shown, input.files).filter((f) => f.files > 0 || f.findings.length > 0);
  const withFindings = folders.filter((f) => f.findings.length > 0);
  const header = [
    DASHBOARD_MARKER,
    `## Release health of ${inlineCode(input.repo)}`,
    "",
    `Cardinal reviewed every model card, dataset card, license and model file on the default branch ${inlineCode(input.defaultBranch)}: ` +
      `**${countPhrase(shown)}** in ${withFindings.length} of ${folders.length} release ${folders.length === 1 ? "folder" : "folders"}.`,
    ...(input.leftOut && (input.leftOut.files > 0 || input.leftOut.treeTruncated)
      ? [
          "",
          `_This repository is larger than one review reads${input.leftOut.files > 0 ? `: ${input.leftOut.files} more files were left out` : ""}${input.leftOut.treeTruncated ? "; GitHub listed only part of its tree" : ""}. \`cardinal check\` on a clone reviews them all._`,
        ]
      : []),
    "",
    table(folders),
  ].join("\n");
  const unverified = unverifiedSection(input.findings, references);
  const openness = input.openness === false ? "" : renderOpenness(opennessLines(input.files, references));
  const why = whySection(shown, input.ruleMeta);
  const tail = [
    unverified,
    why,
    openness,
    localRunSection(input.localRun),
    ["### Recheck", "", RECHECK_LINE].join("\n"),
    footer(input.defaultBranch),
  ].filter((part) => part !== "");
  let left = COMMENT_BUDGET - header.length - tail.reduce((n, part) => n + part.length + 2, 0) - 300;
  const body: string[] = [];
  let omitted = 0;
  for (const folder of withFindings) {
    const heading = `### ${folderIcon(folder.findings)} ${folderLabel(folder.name)}: ${countPhrase(folder.findings)}`;
    const parts = [heading];
    for (const [path, group] of groupByPath([...folder.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0)))) {
      parts.push("", groupHeading(path, "All files"), "", ...group.map(findingItem));
    }
    const text = parts.join("\n");
    if (text.length + 2 > left) {
      omitted += folder.findings.length;
      continue;
    }
    left -= text.length + 2;
    body.push(text);
  }
  if (omitted > 0) {
    body.push(`_…and ${omitted} more finding${omitted === 1 ? "" : "s"} that do not fit in one issue. The Cardinal check on the latest commit lists every one._`);
  }
  return [header, ...body, ...tail, ""].join("\n\n").replace(/\n{3,}/g, "\n\n");
}

/** The body the issue keeps once everything is clean (the issue is closed with it). */
export function renderDashboardClean(input: Pick<DashboardInput, "repo" | "defaultBranch" | "files" | "localRun">): string {
  const folders = releaseFolders([], input.files).length;
  return [
    DASHBOARD_MARKER,
    `## ✅ Release health of ${inlineCode(input.repo)}: all clear`,
    "",
    `Cardinal found nothing to fix in the ${input.files.length} ${input.files.length === 1 ? "file" : "files"} of ${folders} release ${folders === 1 ? "folder" : "folders"} on ${inlineCode(input.defaultBranch)}. ` +
      "This issue is closed; Cardinal reopens it if a later push brings problems back.",
    "",
    localRunSection(input.localRun),
    "",
    footer(input.defaultBranch),
    "",
  ].join("\n");
}

/** Whether someone ticked the recheck box in a dashboard body. */
export function recheckRequested(body: string | null | undefined): boolean {
  if (!body) return false;
  return body.split("\n").some((line) => /^\s*[-*] \[[xX]\] /.test(line) && line.includes(RECHECK_MARKER));
}
