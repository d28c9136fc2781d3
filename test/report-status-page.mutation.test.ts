/**
 * report/status-page.ts, in process (test/status-page.test.ts drives a
 * browser): the page's summary line, each row's cells down to the character,
 * which addresses become links, and what every value becomes once escaped.
 */
import { describe, expect, it } from "vitest";
import { escapeHtml, renderStatusPage, type RepositoryHealth } from "../src/report/status-page.js";

const AT = "2026-12-08T04:00:00Z";
const GENERATED = "2026-12-08T05:00:00Z";

const health = (over: Partial<RepositoryHealth> = {}): RepositoryHealth => ({
  repo: "acme/zoo",
  private: false,
  state: "reviewed",
  at: AT,
  ...over,
});

const page = (repositories: readonly RepositoryHealth[], showPrivate = false) => renderStatusPage({ repositories, showPrivate, generatedAt: GENERATED });

/** The rows of the table, one string each. */
const rows = (html: string) => html.split("\n").filter((line) => line.startsWith("<tr class="));
const summary = (html: string) => html.split("\n").find((line) => line.startsWith('<p class="summary">'));

describe("escapeHtml", () => {
  it("escapes the five characters that end text or an attribute, and only those", () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&#39;f");
    expect(escapeHtml("&&")).toBe("&amp;&amp;");
    expect(escapeHtml("plain é / = ;")).toBe("plain é / = ;");
  });
});

describe("a reviewed repository's row", () => {
  it("shows every cell: verdict, link, state, branch and short commit, counts, dashboard link, time", () => {
    const html = page([
      health({
        defaultBranch: "main",
        sha: "0123456789abcdef",
        files: 12,
        errors: 0,
        warnings: 0,
        notices: 3,
        dashboardUrl: "https://github.com/acme/zoo/issues/7",
      }),
    ]);
    expect(rows(html)).toEqual([
      '<tr class="ok"><td><span class="badge ok">Healthy</span></td>' +
        '<td><a href="https://github.com/acme/zoo">acme/zoo</a></td>' +
        "<td>reviewed</td>" +
        "<td>main <code>0123456</code></td>" +
        '<td class="n">12</td><td class="n">0</td><td class="n">0</td><td class="n">3</td>' +
        '<td><a href="https://github.com/acme/zoo/issues/7">dashboard</a></td>' +
        `<td><time>${AT}</time></td></tr>`,
    ]);
    expect(summary(html)).toBe(`<p class="summary">1 repository shown, 1 with release files reviewed, 0 with errors. Rendered ${GENERATED}.</p>`);
  });

  it("leaves unknown counts, branch, commit and dashboard empty", () => {
    expect(rows(page([health({ state: "empty" })]))).toEqual([
      '<tr class="idle"><td><span class="badge idle">—</span></td>' +
        '<td><a href="https://github.com/acme/zoo">acme/zoo</a></td>' +
        "<td>empty</td><td></td>" +
        '<td class="n"></td><td class="n"></td><td class="n"></td><td class="n"></td>' +
        `<td></td><td><time>${AT}</time></td></tr>`,
    ]);
  });
});

describe("the verdict", () => {
  const verdictOf = (h: Partial<RepositoryHealth>) => /^<tr class="([^"]*)"><td><span class="badge ([^"]*)">([^<]*)<\/span>/.exec(rows(page([health(h)]))[0] ?? "")?.slice(1);

  it("is Failed for a failed review whatever its counts, then Errors, Warnings, Healthy, or a dash", () => {
    expect(verdictOf({ state: "failed", errors: 2 })).toEqual(["failed", "failed", "Failed"]);
    expect(verdictOf({ errors: 1, warnings: 4 })).toEqual(["error", "error", "Errors"]);
    expect(verdictOf({ errors: 0, warnings: 1 })).toEqual(["warning", "warning", "Warnings"]);
    expect(verdictOf({ errors: 0, warnings: 0, notices: 5 })).toEqual(["ok", "ok", "Healthy"]);
    expect(verdictOf({})).toEqual(["ok", "ok", "Healthy"]);
    // Counts decide before the state: a repository that is not "reviewed" but has errors shows them.
    expect(verdictOf({ state: "archived", warnings: 2 })).toEqual(["warning", "warning", "Warnings"]);
    expect(verdictOf({ state: "no-release-files" })).toEqual(["idle", "idle", "—"]);
  });

  it("words each state for a reader", () => {
    const stateOf = (state: RepositoryHealth["state"]) => rows(page([health({ state })]))[0]?.split("<td>")[3];
    expect(stateOf("reviewed")).toBe("reviewed</td>");
    expect(stateOf("no-release-files")).toBe("no release files</td>");
    expect(stateOf("empty")).toBe("empty</td>");
    expect(stateOf("archived")).toBe("archived (skipped)</td>");
    expect(stateOf("not-covered")).toBe("left out by the repositories setting</td>");
    expect(stateOf("sweep-off")).toBe("sweep: false, not reviewed on install</td>");
    expect(stateOf("failed")).toBe("review failed</td>");
  });

  it("adds a failed review's problem under its state, escaped", () => {
    const row = rows(page([health({ state: "failed", problem: "GitHub said 502 <Bad Gateway> & \"retry\"" })]))[0];
    expect(row).toContain("<td>review failed<br><small>GitHub said 502 &lt;Bad Gateway&gt; &amp; &quot;retry&quot;</small></td>");
  });
});

describe("links", () => {
  const dashboardCell = (dashboardUrl: string) => rows(page([health({ dashboardUrl })]))[0]?.split("<td>").at(-2);

  it("links only an https address of a host, with no space, quote or angle bracket", () => {
    expect(dashboardCell("https://github.com/acme/zoo/issues/1")).toBe('<a href="https://github.com/acme/zoo/issues/1">dashboard</a></td>');
    expect(dashboardCell("http://github.com/acme/zoo/issues/1")).toBe("dashboard</td>");
    expect(dashboardCell("javascript:alert(1)")).toBe("dashboard</td>");
    expect(dashboardCell("https://github.com")).toBe("dashboard</td>");
    expect(dashboardCell("https://git hub.com/x")).toBe("dashboard</td>");
    expect(dashboardCell("https://github.com/a b")).toBe("dashboard</td>");
    expect(dashboardCell('https://github.com/a"onmouseover="x')).toBe("dashboard</td>");
    expect(dashboardCell("https://github.com/a'b")).toBe("dashboard</td>");
    expect(dashboardCell("https://github.com/a<b")).toBe("dashboard</td>");
    expect(dashboardCell("https://github.com/a>b")).toBe("dashboard</td>");
    expect(dashboardCell("https://github.com/x\n")).toBe("dashboard</td>");
    expect(dashboardCell("see https://github.com/x")).toBe("dashboard</td>");
    expect(dashboardCell("https://github.com/")).toBe('<a href="https://github.com/">dashboard</a></td>');
  });

  it("escapes an & in a linked address", () => {
    expect(dashboardCell("https://github.com/a?x=1&y=2")).toBe('<a href="https://github.com/a?x=1&amp;y=2">dashboard</a></td>');
  });

  it("shows a repository whose address would not be a link as text", () => {
    expect(rows(page([health({ repo: "acme/<zoo>" })]))[0]).toContain("<td>acme/&lt;zoo&gt;</td>");
  });
});

describe("private repositories", () => {
  const repos = [health({ repo: "acme/open" }), health({ repo: "acme/secret", private: true }), health({ repo: "acme/hidden", private: true, errors: 1 })];

  it("are hidden unless allowed, and the summary counts them", () => {
    const html = page(repos);
    expect(rows(html)).toHaveLength(1);
    expect(html).not.toContain("acme/secret");
    expect(summary(html)).toBe(`<p class="summary">1 repository shown, 1 with release files reviewed, 0 with errors; 2 private repositories hidden. Rendered ${GENERATED}.</p>`);
    expect(summary(page(repos.slice(0, 2)))).toBe(
      `<p class="summary">1 repository shown, 1 with release files reviewed, 0 with errors; 1 private repository hidden. Rendered ${GENERATED}.</p>`,
    );
  });

  it("are shown with a tag when allowed", () => {
    const html = page(repos, true);
    expect(rows(html)[1]).toContain('<td><a href="https://github.com/acme/secret">acme/secret</a> <span class="private">private</span></td>');
    expect(rows(html)[0]).toContain('<td><a href="https://github.com/acme/open">acme/open</a></td>');
    expect(summary(html)).toBe(`<p class="summary">3 repositories shown, 3 with release files reviewed, 1 with errors. Rendered ${GENERATED}.</p>`);
  });
});

describe("the summary", () => {
  it("counts reviewed repositories and those with errors among them only", () => {
    const html = page([
      health({ repo: "a/one", errors: 2 }),
      health({ repo: "a/two", errors: 0, warnings: 1 }),
      health({ repo: "a/three", state: "archived", errors: 3 }),
      health({ repo: "a/four", state: "empty" }),
    ]);
    expect(summary(html)).toBe(`<p class="summary">4 repositories shown, 2 with release files reviewed, 1 with errors. Rendered ${GENERATED}.</p>`);
  });

  it("escapes the time it was rendered", () => {
    const html = renderStatusPage({ repositories: [], showPrivate: false, generatedAt: "<now>" });
    expect(summary(html)).toBe('<p class="summary">0 repositories shown, 0 with release files reviewed, 0 with errors. Rendered &lt;now&gt;.</p>');
  });
});

describe("the page", () => {
  it("with nothing reviewed says so, and has no table", () => {
    const html = page([]);
    expect(html).toContain("\n<p>No repository has been reviewed since this process started. Reviews run on install, on pushes to the default branch and on pull requests.</p>\n");
    expect(html).not.toContain("<table>");
  });

  it("is a whole document: head, styles, heading, the table's header and rows, and nothing after </html>", () => {
    const html = page([health({ repo: "a/one" }), health({ repo: "a/two" })]);
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain('<meta name="robots" content="noindex">\n<title>Cardinal status</title>\n<style>\n');
    expect(html).toContain(".badge.error, .badge.failed { background: #ffebe9; color: #a40e26; }\n");
    expect(html).toContain("</style>\n</head>\n<body>\n<h1>Cardinal status</h1>\n");
    expect(html).toContain(
      "<table>\n<thead><tr><th>Health</th><th>Repository</th><th>State</th><th>Default branch</th><th class=\"n\">Files</th>" +
        '<th class="n">Errors</th><th class="n">Warnings</th><th class="n">Notices</th><th>Dashboard</th><th>Reviewed at</th></tr></thead>\n<tbody>\n' +
        `${rows(html).join("\n")}\n</tbody>\n</table>\n</body>\n</html>\n`,
    );
    expect(html.endsWith("</html>\n")).toBe(true);
    expect(rows(html)).toHaveLength(2);
  });

  it("escapes every value of a row", () => {
    const row = rows(page([health({ defaultBranch: "<b>", sha: "<script>x", at: "<t>" })]))[0];
    expect(row).toContain("<td>&lt;b&gt; <code>&lt;script</code></td>");
    expect(row).toContain("<td><time>&lt;t&gt;</time></td>");
  });
});
