/**
 * report/dashboard.ts down to the character: the issue body's header,
 * table, folder sections and tail, what the Hub could not verify, the
 * left-out lines, the exact edge of its budget, the clean body, and which
 * ticked boxes ask for a recheck.
 */
import { describe, expect, it } from "vitest";
import type { FileFacts } from "../src/core/engine.js";
import type { RuleMeta } from "../src/core/rule.js";
import { text } from "../src/core/text.js";
import type { Finding } from "../src/core/types.js";
import { COMMENT_BUDGET } from "../src/report/comment.js";
import {
  DASHBOARD_MARKER,
  dashboardHasProblems,
  RECHECK_LINE,
  RECHECK_MARKER,
  recheckRequested,
  releaseFolderOf,
  releaseFolders,
  renderDashboard,
  renderDashboardClean,
  TABLE_FOLDERS,
} from "../src/report/dashboard.js";
import { findingItem } from "../src/report/group.js";

const finding = (path: string, over: Partial<Finding> = {}): Finding => ({
  ruleId: "card/known-keys",
  severity: "warning",
  title: "Unknown key",
  message: text`The key ${"lisence"} is unknown.`,
  path,
  line: 3,
  docsUrl: "https://docs.test/card/known-keys.md",
  ...over,
});
const card = (path: string, over: Partial<FileFacts> = {}): FileFacts => ({ path, kind: "model-card", status: "unchanged", storage: "text", ...over });
const base = { repo: "acme/zoo", defaultBranch: "main", ruleMeta: () => undefined, rulesUrl: "https://docs.test/rules" };

const LOCAL_RUN = [
  "### Run the same checks locally",
  "",
  "Install Cardinal's command-line tool ([how](https://github.com/cardinal-app/cardinal/blob/main/docs/cli.md#install)) and run `cardinal check` in a clone of the repository, or `cardinal check <folder>` for one release. It reads the same `.github/cardinal.yml` and reports the same findings, before you push.",
].join("\n");
const RECHECK = ["### Recheck", "", RECHECK_LINE].join("\n");
const FOOTER =
  "<sub>Cardinal keeps this issue up to date after each push to `main` that touches release files, and closes it when everything is clean. Each commit's full result is in its Cardinal check.</sub>";

describe("renderDashboard", () => {
  it("writes the header, the table, a section per folder with findings, and the tail", () => {
    const body = renderDashboard({
      ...base,
      findings: [finding("m/README.md"), finding("m/README.md", { severity: "error", line: 9 }), finding("m/README.md", { severity: "error", line: 1 }), finding("n/README.md", { severity: "notice" })],
      files: [card("m/README.md"), card("m/model.bin", { kind: "weights" }), card("n/README.md"), card("o/README.md")],
    });
    const sorted = [finding("m/README.md", { severity: "error", line: 1 }), finding("m/README.md", { severity: "error", line: 9 }), finding("m/README.md")];
    expect(body).toBe(
      [
        DASHBOARD_MARKER,
        "## Release health of `acme/zoo`",
        "",
        "Cardinal reviewed every model card, dataset card, license and model file on the default branch `main`: **2 errors, 1 warning, 1 notice** in 2 of 3 release folders.",
        "",
        "| Release folder | Files | Errors | Warnings | Notices |",
        "| --- | ---: | ---: | ---: | ---: |",
        "| ❌ `m` | 2 | 2 | 1 | 0 |",
        "| ℹ️ `n` | 1 | 0 | 0 | 1 |",
        "| ✅ `o` | 1 | 0 | 0 | 0 |",
        "",
        "### ❌ `m`: 2 errors, 1 warning",
        "",
        "#### `m/README.md`",
        "",
        ...sorted.map(findingItem),
        "",
        "### ℹ️ `n`: 1 notice",
        "",
        "#### `n/README.md`",
        "",
        findingItem(finding("n/README.md", { severity: "notice" })),
        "",
        LOCAL_RUN,
        "",
        RECHECK,
        "",
        FOOTER,
        "",
        "",
      ].join("\n"),
    );
  });

  it("sorts a folder's findings by severity, then path, then line, and heads review-wide ones All files", () => {
    const body = renderDashboard({
      ...base,
      findings: [finding("r/b.md", { line: 1 }), finding("r/a.md", { line: 5 }), finding("r/a.md", { line: undefined }), finding("", { severity: "notice", title: "Whole" }), finding("r/c.md", { severity: "error" })],
      files: [card("r/README.md")],
    });
    const headings = body.split("\n").filter((l) => l.startsWith("#### ") || (l.startsWith("- ") && !l.startsWith("- [ ]")));
    expect(headings.map((l) => l.replace(/ · .*/, ""))).toEqual([
      "#### `r/c.md`",
      "- ❌ **Unknown key** (line 3)",
      "#### `r/a.md`",
      "- ⚠️ **Unknown key**",
      "- ⚠️ **Unknown key** (line 5)",
      "#### `r/b.md`",
      "- ⚠️ **Unknown key** (line 1)",
      "#### All files",
      "- ℹ️ **Whole** (line 3)",
    ]);
    expect(body).toContain("| ℹ️ (repository root) | 0 | 0 | 0 | 1 |");
    expect(body).toContain("### ℹ️ (repository root): 1 notice");
    expect(body).toContain("in 2 of 2 release folders.");
  });

  it("shows a warning folder's icon, and says one release folder in the singular", () => {
    const body = renderDashboard({ ...base, findings: [finding("README.md")], files: [card("README.md")] });
    expect(body).toContain("**1 warning** in 1 of 1 release folder.");
    expect(body).toContain("| ⚠️ (repository root) | 1 | 0 | 1 | 0 |");
  });

  it("names the operator's command in the local-run section", () => {
    const body = renderDashboard({ ...base, findings: [finding("README.md")], files: [], localRun: { url: "https://cli.test", command: "npx cardinal check" } });
    expect(body).toContain(
      "### Run the same checks locally\n\nRun `npx cardinal check` in a clone of the repository ([how to install the CLI](https://cli.test)). It reads the same `.github/cardinal.yml` and reports the same findings, before you push.",
    );
  });

  it("says what a very large repository left out", () => {
    const line = (leftOut: { files: number; treeTruncated: boolean } | undefined) =>
      renderDashboard({ ...base, findings: [finding("README.md")], files: [], ...(leftOut ? { leftOut } : {}) }).split("\n").filter((l) => l.startsWith("_This repository"));
    expect(line({ files: 3, treeTruncated: true })).toEqual([
      "_This repository is larger than one review reads: 3 more files were left out; GitHub listed only part of its tree. `cardinal check` on a clone reviews them all._",
    ]);
    expect(line({ files: 2, treeTruncated: false })).toEqual(["_This repository is larger than one review reads: 2 more files were left out. `cardinal check` on a clone reviews them all._"]);
    expect(line({ files: 0, treeTruncated: true })).toEqual(["_This repository is larger than one review reads; GitHub listed only part of its tree. `cardinal check` on a clone reviews them all._"]);
    expect(line({ files: 0, treeTruncated: false })).toEqual([]);
    expect(line(undefined)).toEqual([]);
  });

  it("lists what the Hub could not verify: its notes, then each unanswered reference they do not name", () => {
    const unreachable = finding("", { ruleId: "hub/unreachable", severity: "notice", message: text`Could not verify ${"acme/data"}.` });
    const body = renderDashboard({
      ...base,
      findings: [finding("README.md"), unreachable],
      files: [card("README.md")],
      references: [
        { type: "dataset", id: "acme/data", status: "unavailable", reason: "503" },
        { type: "model", id: "acme/base", status: "unavailable", reason: "a *slow* answer" },
        { type: "model", id: "acme/quiet", status: "unavailable" },
        { type: "model", id: "acme/fine", status: "found" },
      ],
    });
    expect(body).toContain(
      [
        "### What the Hub could not verify",
        "",
        "Cardinal could not ask the Hugging Face Hub about these, so the findings above may be incomplete. Tick the box below to try again.",
        "",
        "- Could not verify `acme/data`.",
        "- model `acme/base`: a \\*slow\\* answer",
        "- model `acme/quiet`",
        "",
        LOCAL_RUN,
      ].join("\n"),
    );
    // The note is no finding of the table or the counts.
    expect(body).toContain("**1 warning** in 1 of 1 release folder.");
    expect(body).not.toContain("acme/fine");
  });

  it("adds the why section and the licenses' openness, unless openness is off", () => {
    const meta: RuleMeta = { id: "card/known-keys", title: "t", description: "d", why: "Keys matter.", defaultSeverity: "warning" };
    const input = { ...base, ruleMeta: () => meta, findings: [finding("README.md")], files: [card("README.md", { licenses: ["mit"] })] };
    const why = "<details><summary>Why these checks matter</summary>\n\n- [`card/known-keys`](https://docs.test/card/known-keys.md): Keys matter.\n\n</details>";
    const openness =
      "<details><summary>What these licenses allow</summary>\n\n- The model card `README.md` declares `mit`: open source (OSI-approved) — any use, with attribution.\n\n</details>";
    expect(renderDashboard(input)).toContain(`\n\n${why}\n\n${openness}\n\n${LOCAL_RUN}\n\n`);
    expect(renderDashboard({ ...input, openness: false })).toContain(`\n\n${why}\n\n${LOCAL_RUN}\n\n`);
    expect(renderDashboard({ ...input, openness: true })).toContain(openness);
  });

  it("lists a hundred folders in the table and counts the rest", () => {
    expect(TABLE_FOLDERS).toBe(100);
    const files = (n: number) => Array.from({ length: n }, (_, i) => card(`f${String(i).padStart(3, "0")}/README.md`));
    const rows = (body: string) => body.split("\n").filter((l) => l.startsWith("| ✅"));
    const hundred = renderDashboard({ ...base, findings: [finding("f000/README.md")], files: files(100) });
    expect(rows(hundred)).toHaveLength(99);
    expect(hundred).not.toContain("more release folders");
    const more = renderDashboard({ ...base, findings: [finding("f000/README.md")], files: files(102) });
    expect(rows(more)).toHaveLength(99);
    expect(rows(more).at(-1)).toBe("| ✅ `f099` | 1 | 0 | 0 | 0 |");
    expect(more).toContain("| ✅ `f099` | 1 | 0 | 0 | 0 |\n\n_…and 2 more release folders, the cleanest ones._\n\n");
  });

  describe("its budget", () => {
    // Everything but the folder sections counts: the header, each part of the tail and 2 characters
    // between parts, and 300 characters kept free.
    const header = [
      DASHBOARD_MARKER,
      "## Release health of `acme/zoo`",
      "",
      "Cardinal reviewed every model card, dataset card, license and model file on the default branch `main`: **2 warnings** in 2 of 2 release folders.",
      "",
      "| Release folder | Files | Errors | Warnings | Notices |",
      "| --- | ---: | ---: | ---: | ---: |",
      "| ⚠️ `a` | 0 | 0 | 1 | 0 |",
      "| ⚠️ `b` | 0 | 0 | 1 | 0 |",
    ].join("\n");
    const tail = [LOCAL_RUN, RECHECK, FOOTER].reduce((n, part) => n + part.length + 2, 0);
    const section = (title: string) => ["### ⚠️ `a`: 1 warning", "", "#### `a/x.md`", "", findingItem(finding("a/x.md", { title }))].join("\n");
    const room = COMMENT_BUDGET - header.length - tail - 300;
    const render = (titleLength: number) => renderDashboard({ ...base, findings: [finding("a/x.md", { title: "x".repeat(titleLength) }), finding("b/x.md")], files: [] });
    // The section of folder `a` with a title of n characters, and its cost.
    const cost = (n: number) => section("x".repeat(n)).length + 2;
    const fits = room - cost(0);

    it("keeps a folder whose section fits to the character, and counts one that does not", () => {
      const exact = render(fits);
      expect(exact).toContain(section("x".repeat(fits)));
      // Nothing is left for the next folder.
      expect(exact).not.toContain("### ⚠️ `b`");
      expect(exact).toContain("_…and 1 more finding that do not fit in one issue.");
      const over = render(fits + 1);
      expect(over).not.toContain("### ⚠️ `a`");
      // The next folder still fits in what is left.
      expect(over).toContain("### ⚠️ `b`: 1 warning");
      expect(over).toContain("_…and 1 more finding that do not fit in one issue. The Cardinal check on the latest commit lists every one._");
    });

    it("counts every finding of the folders left out", () => {
      const many = [finding("a/x.md", { title: "x".repeat(COMMENT_BUDGET) }), finding("a/y.md", { title: "y".repeat(COMMENT_BUDGET) })];
      expect(renderDashboard({ ...base, findings: many, files: [] })).toContain("_…and 2 more findings that do not fit in one issue.");
    });
  });
});

describe("renderDashboardClean", () => {
  it("says all clear, counts files and folders, and keeps the local-run section and footer", () => {
    expect(renderDashboardClean({ ...base, files: [card("a/README.md"), card("a/model.bin", { kind: "weights" }), card("b/README.md")] })).toBe(
      [
        DASHBOARD_MARKER,
        "## ✅ Release health of `acme/zoo`: all clear",
        "",
        "Cardinal found nothing to fix in the 3 files of 2 release folders on `main`. This issue is closed; Cardinal reopens it if a later push brings problems back.",
        "",
        LOCAL_RUN,
        "",
        FOOTER,
        "",
      ].join("\n"),
    );
    expect(renderDashboardClean({ ...base, files: [card("README.md")] })).toContain("nothing to fix in the 1 file of 1 release folder on `main`.");
  });
});

describe("release folders", () => {
  it("climb to the nearest card's folder, the root's too, else stay in the file's own folder", () => {
    expect(releaseFolderOf("a/b/c/w.bin", new Set(["a", "a/b"]))).toBe("a/b");
    expect(releaseFolderOf("a/b/w.bin", new Set([""]))).toBe("");
    expect(releaseFolderOf("w.bin", new Set())).toBe("");
    expect(releaseFolderOf("a/b/w.bin", new Set(["a/b/c"]))).toBe("a/b");
  });

  it("count files and findings per folder, dataset cards making folders too, configuration none", () => {
    const folders = releaseFolders(
      [finding("d/onnx/m.onnx", { severity: "notice" }), finding("", { severity: "notice" })],
      [card("d/README.md", { kind: "dataset-card" }), card("d/onnx/m.onnx", { kind: "weights" }), card(".github/cardinal.yml", { kind: "cardinal-config" })],
    );
    expect(folders.map((f) => [f.name, f.files, f.findings.length])).toEqual([
      ["", 0, 1],
      ["d", 2, 1],
    ]);
  });

  it("order warnings before notices before clean folders, then the most findings, then the name", () => {
    const folders = releaseFolders(
      [finding("z/a.md", { severity: "notice" }), finding("y/a.md"), finding("x/a.md", { severity: "notice" }), finding("x/b.md", { severity: "notice" })],
      [card("w/README.md"), card("v/README.md")],
    );
    expect(folders.map((f) => f.name)).toEqual(["y", "x", "z", "v", "w"]);
  });
});

describe("dashboardHasProblems", () => {
  it("is true as soon as there is one finding", () => {
    expect(dashboardHasProblems([])).toBe(false);
    expect(dashboardHasProblems([finding("a", { severity: "notice" })])).toBe(true);
  });
});

describe("recheckRequested", () => {
  it("reads the box ticked with x or X, with - or *, indented or not, only on the marker's line", () => {
    expect(RECHECK_LINE).toBe("- [ ] <!-- cardinal:recheck --> Review the default branch again now");
    expect(recheckRequested(`intro\n  * [x] ${RECHECK_MARKER} again`)).toBe(true);
    expect(recheckRequested(`- [X] ${RECHECK_MARKER}`)).toBe(true);
    expect(recheckRequested(`- [x]${RECHECK_MARKER}`)).toBe(false);
    expect(recheckRequested(`-  [x] ${RECHECK_MARKER}`)).toBe(false);
    expect(recheckRequested(`text - [x] ${RECHECK_MARKER}`)).toBe(false);
    expect(recheckRequested(`+ [x] ${RECHECK_MARKER}`)).toBe(false);
    expect(recheckRequested(`- [x] done\n${RECHECK_MARKER}`)).toBe(false);
    expect(recheckRequested("")).toBe(false);
    expect(recheckRequested(undefined)).toBe(false);
  });
});
