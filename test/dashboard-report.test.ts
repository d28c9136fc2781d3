/** The dashboard's and the status page's pure renderers, and the small seams beside them. */
import { describe, expect, it } from "vitest";
import { coversRepository, dashboardSettings, resolveConfig } from "../src/core/config.js";
import { text, trusted } from "../src/core/text.js";
import type { Finding } from "../src/core/types.js";
import type { FileFacts } from "../src/core/engine.js";
import { pushTouchesReleaseFiles, sweepConcurrency, sweepWritesPerMinute } from "../src/io/github/install-handler.js";
import { InProcessRepoQueue } from "../src/io/github/repo-queue.js";
import { statusPageFromEnv, tokenMatches } from "../src/io/github/status-page.js";
import { RATE_LIMIT_RESERVE, RequestMeter, WritePacer } from "../src/io/github/sweep.js";
import { DASHBOARD_MARKER, recheckRequested, releaseFolderOf, releaseFolders, renderDashboard, renderDashboardClean, RECHECK_LINE } from "../src/report/dashboard.js";
import { renderStatusPage } from "../src/report/status-page.js";
import { RULE_IDS } from "../src/rules/index.js";

const finding = (path: string, severity: Finding["severity"], ruleId = "license/known-id", extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  severity,
  title: `${severity} in ${path}`,
  message: text`something about ${path}`,
  hint: trusted("Do the thing."),
  path,
  line: 2,
  docsUrl: `https://example.org/rules/${ruleId}.md`,
  ...extra,
});
const card = (path: string): FileFacts => ({ path, kind: "model-card", status: "unchanged", storage: "text" });
const weights = (path: string): FileFacts => ({ path, kind: "weights", status: "unchanged", storage: "lfs-pointer" });
const base = { repo: "acme-ai/zoo", defaultBranch: "main", ruleMeta: () => undefined, rulesUrl: "https://example.org/rules/README.md" };

describe("release folders", () => {
  it("puts weights below a card's folder into that card's release", () => {
    const cards = new Set(["models/a", ""]);
    expect(releaseFolderOf("models/a/onnx/model.onnx", cards)).toBe("models/a");
    expect(releaseFolderOf("models/b/model.bin", cards)).toBe("");
    expect(releaseFolderOf("weights/x.bin", new Set())).toBe("weights");
  });

  it("orders folders errors first, then warnings, then the most findings, then by name", () => {
    const files = [card("a/README.md"), card("b/README.md"), card("c/README.md"), card("d/README.md")];
    const folders = releaseFolders([finding("a/README.md", "warning"), finding("b/README.md", "notice"), finding("b/README.md", "notice"), finding("c/README.md", "error")], files);
    expect(folders.map((f) => f.name)).toEqual(["c", "a", "b", "d"]);
  });
});

describe("renderDashboard", () => {
  const files = [card("m/a/README.md"), weights("m/a/model.bin"), card("m/b/README.md"), card("d/README.md")];
  const findings = [finding("m/b/README.md", "warning", "license/declared"), finding("m/a/README.md", "error"), finding("m/a/model.bin", "warning", "weights/prefer-safetensors")];

  it("lists each release folder with its findings, errors first, with fix and docs link, then the recheck box", () => {
    const body = renderDashboard({ ...base, findings, files });
    expect(body.startsWith(`${DASHBOARD_MARKER}\n## Release health of \`acme-ai/zoo\``)).toBe(true);
    expect(body).toContain("**1 error, 2 warnings** in 2 of 3 release folders.");
    expect(body.indexOf("### ❌ `m/a`: 1 error, 1 warning")).toBeLessThan(body.indexOf("### ⚠️ `m/b`: 1 warning"));
    // Within a folder, the error before the warning even though the weights file sorts first by path.
    expect(body.indexOf("error in m/a/README.md")).toBeLessThan(body.indexOf("warning in m/a/model.bin"));
    expect(body).toContain("| ✅ `d` | 1 | 0 | 0 | 0 |");
    expect(body).toContain("**How to fix:** Do the thing.");
    expect(body).toContain("(https://example.org/rules/license/known-id.md)");
    expect(body).toContain(RECHECK_LINE);
    expect(body).not.toContain("What the Hub could not verify");
  });

  it("is the same text for the same review (no date, no commit), so the issue is edited only on change", () => {
    expect(renderDashboard({ ...base, findings, files })).toBe(renderDashboard({ ...base, findings: [...findings], files: [...files] }));
  });

  it("keeps what the Hub could not verify apart from the findings", () => {
    const unreachable = finding("", "notice", "hub/unreachable", { message: text`Could not verify the dataset ${"acme/data"}: the Hub answered 503.` });
    const body = renderDashboard({ ...base, findings: [...findings, unreachable], files, references: [{ type: "model", id: "acme/base", status: "unavailable", reason: "timeout" }] });
    expect(body).toContain("### What the Hub could not verify");
    expect(body).toContain("- Could not verify the dataset `acme/data`: the Hub answered 503.");
    expect(body).toContain("- model `acme/base`: timeout");
    expect(body).toContain("**1 error, 2 warnings**");
  });

  it("stays under GitHub's issue body limit, saying how many findings it left out", () => {
    const many = Array.from({ length: 3000 }, (_, i) => finding(`m/f${i}/README.md`, "warning"));
    const body = renderDashboard({ ...base, findings: many, files: many.map((f) => card(f.path)) });
    expect(body.length).toBeLessThan(65_536);
    expect(body).toMatch(/_…and \d+ more findings that do not fit in one issue/);
    expect(body).toContain(RECHECK_LINE);
  });

  it("says all clear when there is nothing to fix", () => {
    const body = renderDashboardClean({ repo: "acme-ai/zoo", defaultBranch: "main", files });
    expect(body).toContain("## ✅ Release health of `acme-ai/zoo`: all clear");
    expect(body).toContain("nothing to fix in the 4 files of 3 release folders on `main`");
  });

  it("reads a ticked recheck box, and only a ticked one", () => {
    expect(recheckRequested(RECHECK_LINE)).toBe(false);
    expect(recheckRequested(RECHECK_LINE.replace("[ ]", "[x]"))).toBe(true);
    expect(recheckRequested(RECHECK_LINE.replace("[ ]", "[X]"))).toBe(true);
    expect(recheckRequested("- [x] some other box")).toBe(false);
    expect(recheckRequested(null)).toBe(false);
  });
});

describe("renderStatusPage", () => {
  const at = "2026-12-07T02:00:00.000Z";
  it("escapes every value and hides private repositories unless allowed", () => {
    const repositories = [
      { repo: "acme/<b>x</b>", private: false, state: "failed" as const, at, problem: "<script>alert(1)</script> & \"quotes\"" },
      { repo: "acme/hidden", private: true, state: "reviewed" as const, at, errors: 0, warnings: 0, notices: 0, files: 2 },
      { repo: "acme/link", private: false, state: "reviewed" as const, at, errors: 1, dashboardUrl: "javascript:alert(1)" },
    ];
    const html = renderStatusPage({ repositories, showPrivate: false, generatedAt: at });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;");
    expect(html).toContain("acme/&lt;b&gt;x&lt;/b&gt;");
    expect(html).not.toContain("acme/hidden");
    expect(html).toContain("1 private repository hidden");
    expect(html).not.toContain('href="javascript:');
    expect(renderStatusPage({ repositories, showPrivate: true, generatedAt: at })).toContain("acme/hidden");
  });

  it("says so when nothing was reviewed yet", () => {
    expect(renderStatusPage({ repositories: [], showPrivate: false, generatedAt: at })).toContain("No repository has been reviewed since this process started.");
  });
});

describe("status page settings", () => {
  it("is off without a token, refuses a short one, and shows private repositories only when asked", () => {
    expect(statusPageFromEnv({})).toEqual({});
    expect(statusPageFromEnv({ CARDINAL_STATUS_TOKEN: "short" }).problem).toMatch(/at least 16 characters/);
    expect(statusPageFromEnv({ CARDINAL_STATUS_TOKEN: "x".repeat(20) }).settings).toEqual({ token: "x".repeat(20), showPrivate: false });
    expect(statusPageFromEnv({ CARDINAL_STATUS_TOKEN: "x".repeat(20), CARDINAL_STATUS_PRIVATE: "true" }).settings?.showPrivate).toBe(true);
  });

  it("compares tokens of any length without throwing", () => {
    expect(tokenMatches("a".repeat(20), "a".repeat(20))).toBe(true);
    expect(tokenMatches("a", "a".repeat(20))).toBe(false);
    expect(tokenMatches("", "a".repeat(20))).toBe(false);
  });
});

describe("configuration", () => {
  it("takes dashboard: true or a mapping, and names a mistake", () => {
    expect(dashboardSettings(resolveConfig({ dashboard: true }, RULE_IDS).config)).toEqual({ enabled: true, title: "Cardinal: release health", labels: [] });
    expect(dashboardSettings(resolveConfig({ dashboard: { title: "Health", labels: ["a"] } }, RULE_IDS).config)).toEqual({ enabled: true, title: "Health", labels: ["a"] });
    expect(dashboardSettings(resolveConfig(undefined, RULE_IDS).config).enabled).toBe(false);
    const wrong = resolveConfig({ dashboard: "yes", sweep: "no", repositories: "models-*" }, RULE_IDS);
    expect(wrong.problems.map((p) => p.key)).toEqual(["sweep", "repositories", "dashboard"]);
    expect(JSON.stringify(wrong.problems.find((p) => p.key === "dashboard")?.message)).toContain("true, false, or a mapping with `enabled`, `title` and `labels`");
    const typo = resolveConfig({ dashboard: { titel: "x" } }, RULE_IDS).problems;
    expect(typo.map((p) => p.key)).toEqual(["dashboard.titel"]);
    expect(JSON.stringify(typo[0]?.message)).toContain("unknown key");
  });

  it("covers repositories by name globs, with ! to leave some out", () => {
    const covers = (repositories: string[], name: string) => coversRepository({ repositories }, name);
    expect(covers([], "anything")).toBe(true);
    expect(covers(["models-*"], "Models-Tiny")).toBe(true);
    expect(covers(["models-*"], "website")).toBe(false);
    expect(covers(["models-*", "!models-legacy-*"], "models-legacy-1")).toBe(false);
    expect(covers(["!website"], "models-a")).toBe(true);
    expect(covers(["!website"], "website")).toBe(false);
  });

  it("reviews a push when it touches a release file, markdown or the configuration", () => {
    expect(pushTouchesReleaseFiles(["src/app.py", "package.json"])).toBe(false);
    expect(pushTouchesReleaseFiles(["models/x/model.safetensors"])).toBe(true);
    expect(pushTouchesReleaseFiles(["docs/card.md"])).toBe(true);
    expect(pushTouchesReleaseFiles([".github/cardinal.yml"])).toBe(true);
  });

  it("reads CARDINAL_SWEEP_CONCURRENCY, refusing what is not 1 to 16", () => {
    expect(sweepConcurrency({})).toEqual({ concurrency: 4 });
    expect(sweepConcurrency({ CARDINAL_SWEEP_CONCURRENCY: "8" })).toEqual({ concurrency: 8 });
    expect(sweepConcurrency({ CARDINAL_SWEEP_CONCURRENCY: "100" }).problem).toMatch(/from 1 to 16, got "100"; using 4/);
  });
});

describe("the per-repository queue", () => {
  it("runs one job per key at a time, at most `concurrency` at once, and drops a waiting job a newer one replaced", async () => {
    const queue = new InProcessRepoQueue(2);
    let running = 0;
    let most = 0;
    const order: string[] = [];
    // Every job holds its place until `release`: the ones that run meanwhile are the ones the queue let start.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let firstStarted!: () => void;
    const a1Started = new Promise<void>((r) => (firstStarted = r));
    let bothRunning!: () => void;
    const full = new Promise<void>((r) => (bothRunning = r));
    const job = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      if (name === "a1") firstStarted();
      if (running === 2) bothRunning();
      await released;
      order.push(name);
      running--;
    };
    const first = queue.run("a", job("a1"), { latestWins: true });
    await a1Started; // a1 has started; a2 and a3 wait behind it
    const rest = [
      queue.run("a", job("a2"), { latestWins: true }),
      queue.run("a", job("a3"), { latestWins: true }),
      queue.run("b", job("b1")),
      queue.run("c", job("c1")),
      queue.run("d", job("d1")),
    ];
    await full; // a1 and b1 hold the two places; a3, c1 and d1 wait for one
    release();
    const results = await Promise.all([first, ...rest]);
    expect(results).toEqual(["done", "superseded", "done", "done", "done", "done"]);
    expect(most).toBe(2);
    expect(order.indexOf("a1")).toBeLessThan(order.indexOf("a3"));
    expect(order).not.toContain("a2");
    expect(queue.pending).toBe(0);
  });

  it("keeps going after a job fails", async () => {
    const queue = new InProcessRepoQueue(1);
    await expect(queue.run("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(queue.run("a", async () => undefined)).resolves.toBe("done");
  });
});

describe("RequestMeter", () => {
  it("asks the sweep to wait for the reset only when the rate limit is nearly used up", () => {
    const meter = new RequestMeter();
    const hooks: Record<string, (x: unknown) => unknown> = {};
    const octokit = { hook: { before: (_: string, f: () => void) => (hooks["before"] = f), after: (_: string, f: (r: unknown) => void) => (hooks["after"] = f), error: (_: string, f: (e: unknown) => void) => (hooks["error"] = f) } };
    meter.attach(octokit as never);
    expect(meter.waitNeeded(0)).toBe(0);
    hooks["after"]?.({ headers: { "x-ratelimit-remaining": String(RATE_LIMIT_RESERVE), "x-ratelimit-reset": "100" } });
    expect(meter.waitNeeded(0)).toBe(0);
    hooks["after"]?.({ headers: { "x-ratelimit-remaining": "10", "x-ratelimit-reset": "100" } });
    expect(meter.waitNeeded(40_000)).toBe(60_000);
    expect(meter.waitNeeded(200_000)).toBe(0);
  });
});

describe("WritePacer", () => {
  it("spaces writes evenly under the per-minute limit and holds them once an hour's worth is used", async () => {
    let clock = 0;
    const waits: number[] = [];
    const pacer = new WritePacer(60, 3, () => clock, async (ms) => {
      waits.push(ms);
      clock += ms;
    });
    for (let i = 0; i < 4; i++) await pacer.wait();
    // One a second; the fourth waits for the first of the hour to age out.
    expect(waits).toEqual([1_000, 1_000, 3_600_000 - 2_000]);
    expect(sweepWritesPerMinute({ CARDINAL_SWEEP_WRITES_PER_MINUTE: "200" }).problem).toMatch(/from 1 to 80/);
    expect(sweepWritesPerMinute({ CARDINAL_SWEEP_WRITES_PER_MINUTE: "30" })).toEqual({ perMinute: 30 });
  });
});

describe("the check run of a default branch", () => {
  it("heads review-wide findings 'All files', not 'This pull request'", async () => {
    const { renderCheckRun } = await import("../src/report/check-run.js");
    const output = renderCheckRun({ findings: [finding("", "warning", "cardinal/review-time-limit")], files: [], ruleMeta: () => undefined, whole: "All files" });
    expect(output.summary).toContain("#### All files");
    expect(output.summary).not.toContain("This pull request");
  });
});

describe("release folders and repository-wide files", () => {
  it("does not make the root a release folder for its .gitattributes alone, but lists it when a finding is there", () => {
    const attributes: FileFacts = { path: ".gitattributes", kind: "gitattributes", status: "unchanged", storage: "text" };
    expect(releaseFolders([], [attributes, card("m/README.md")]).map((f) => f.name)).toEqual(["m"]);
    expect(releaseFolders([finding(".gitattributes", "warning")], [attributes, card("m/README.md")]).map((f) => [f.name, f.files])).toEqual([["", 0], ["m", 1]]);
  });
});
