/**
 * The read-only status page (`GET /cardinal/status`): one row per reviewed
 * repository with its health. Pure HTML, every value escaped; no script, no
 * outside resources (the page is served with a Content-Security-Policy that
 * forbids them).
 */

export type RepositoryState = "reviewed" | "no-release-files" | "empty" | "archived" | "not-covered" | "sweep-off" | "failed";

export interface RepositoryHealth {
  /** `owner/name`. */
  readonly repo: string;
  readonly private: boolean;
  readonly state: RepositoryState;
  readonly defaultBranch?: string;
  /** The reviewed commit. */
  readonly sha?: string;
  readonly files?: number;
  readonly errors?: number;
  readonly warnings?: number;
  readonly notices?: number;
  /** The dashboard issue's address, when the repository has one. */
  readonly dashboardUrl?: string;
  /** When the review finished (ISO 8601). */
  readonly at: string;
  /** A one-line reason for `failed` (GitHub's status and request id, never a payload). */
  readonly problem?: string;
}

export interface StatusPageInput {
  readonly repositories: readonly RepositoryHealth[];
  /** Private repositories are left out unless the operator allowed them (CARDINAL_STATUS_PRIVATE=true). */
  readonly showPrivate: boolean;
  /** When the page was rendered (ISO 8601), from the door: the renderer reads no clock. */
  readonly generatedAt: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML content and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Only https GitHub addresses become links; anything else is shown as text. */
function safeLink(url: string | undefined, label: string): string {
  if (!url || !/^https:\/\/[A-Za-z0-9.-]+\/[^\s"'<>]*$/.test(url)) return escapeHtml(label);
  return `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

const STATE_WORDS: Record<RepositoryState, string> = {
  reviewed: "reviewed",
  "no-release-files": "no release files",
  empty: "empty",
  archived: "archived (skipped)",
  "not-covered": "left out by the repositories setting",
  "sweep-off": "sweep: false, not reviewed on install",
  failed: "review failed",
};

function verdict(h: RepositoryHealth): { cls: string; word: string } {
  if (h.state === "failed") return { cls: "failed", word: "Failed" };
  if ((h.errors ?? 0) > 0) return { cls: "error", word: "Errors" };
  if ((h.warnings ?? 0) > 0) return { cls: "warning", word: "Warnings" };
  if (h.state === "reviewed") return { cls: "ok", word: "Healthy" };
  return { cls: "idle", word: "—" };
}

function count(value: number | undefined): string {
  return value === undefined ? "" : String(value);
}

export function renderStatusPage(input: StatusPageInput): string {
  const shown = input.repositories.filter((h) => input.showPrivate || !h.private);
  const hidden = input.repositories.length - shown.length;
  const reviewed = shown.filter((h) => h.state === "reviewed");
  const withErrors = reviewed.filter((h) => (h.errors ?? 0) > 0).length;
  const rows = shown.map((h) => {
    const v = verdict(h);
    const repoUrl = `https://github.com/${h.repo}`;
    return [
      `<tr class="${v.cls}">`,
      `<td><span class="badge ${v.cls}">${escapeHtml(v.word)}</span></td>`,
      `<td>${safeLink(repoUrl, h.repo)}${h.private ? ' <span class="private">private</span>' : ""}</td>`,
      `<td>${escapeHtml(STATE_WORDS[h.state])}${h.problem ? `<br><small>${escapeHtml(h.problem)}</small>` : ""}</td>`,
      `<td>${escapeHtml(h.defaultBranch ?? "")}${h.sha ? ` <code>${escapeHtml(h.sha.slice(0, 7))}</code>` : ""}</td>`,
      `<td class="n">${escapeHtml(count(h.files))}</td>`,
      `<td class="n">${escapeHtml(count(h.errors))}</td>`,
      `<td class="n">${escapeHtml(count(h.warnings))}</td>`,
      `<td class="n">${escapeHtml(count(h.notices))}</td>`,
      `<td>${h.dashboardUrl ? safeLink(h.dashboardUrl, "dashboard") : ""}</td>`,
      `<td><time>${escapeHtml(h.at)}</time></td>`,
      "</tr>",
    ].join("");
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Cardinal status</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
p.summary { margin: 0 0 1rem; color: #59636e; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d1d9e0; vertical-align: top; }
th { background: #f6f8fa; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-weight: 600; }
.badge.error, .badge.failed { background: #ffebe9; color: #a40e26; }
.badge.warning { background: #fff8c5; color: #7d4e00; }
.badge.ok { background: #dafbe1; color: #116329; }
.badge.idle { color: #59636e; }
.private { font-size: .8em; border: 1px solid #d1d9e0; border-radius: 1rem; padding: 0 .4rem; }
code { font-size: .9em; }
</style>
</head>
<body>
<h1>Cardinal status</h1>
<p class="summary">${shown.length} ${shown.length === 1 ? "repository" : "repositories"} shown, ${reviewed.length} with release files reviewed, ${withErrors} with errors${hidden > 0 ? `; ${hidden} private ${hidden === 1 ? "repository" : "repositories"} hidden` : ""}. Rendered ${escapeHtml(input.generatedAt)}.</p>
${
  shown.length === 0
    ? "<p>No repository has been reviewed since this process started. Reviews run on install, on pushes to the default branch and on pull requests.</p>"
    : `<table>
<thead><tr><th>Health</th><th>Repository</th><th>State</th><th>Default branch</th><th class="n">Files</th><th class="n">Errors</th><th class="n">Warnings</th><th class="n">Notices</th><th>Dashboard</th><th>Reviewed at</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`
}
</body>
</html>
`;
}
