/**
 * Default-branch reviews, the install sweep and the release health
 * dashboard, through the real app (src/index.ts) in a real Probot, against a
 * fake organisation on 127.0.0.1 (helpers/fake-org.ts) and the fake Hub.
 */
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import app from "../src/index.js";
import { registerDefaultBranchJobs } from "../src/io/github/install-handler.js";
import { DEFAULT_REPO_CONCURRENCY } from "../src/io/github/repo-queue.js";
import { WritePacer } from "../src/io/github/sweep.js";
import { DASHBOARD_MARKER, RECHECK_MARKER } from "../src/report/dashboard.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import { APP_LOGIN, startFakeOrg, type FakeOrg } from "./helpers/fake-org.js";
import { GOOD_CARD } from "./helpers/cards.js";
import { INSTALLATION, installationCreated, issueEdited, ORG, orgProbot, push, repositoriesAdded, writeArtefact } from "./helpers/org-payloads.js";

useFakeHub({ behaviours: { "datasets/acme-ai/stories-v2": { status: 503 } } });

const LFS = (size: number, fill = "a") => `version https://git-lfs.github.com/spec/v1\noid sha256:${fill.repeat(64)}\nsize ${size}\n`;
const ATTRIBUTES = "*.safetensors filter=lfs diff=lfs merge=lfs -text\n*.bin filter=lfs diff=lfs merge=lfs -text\n";
const BAD_LICENSE_CARD = GOOD_CARD.replace("license: apache-2.0", "license: apache2");
const NO_LICENSE_CARD = GOOD_CARD.split("\n").filter((l) => !l.startsWith("license:")).join("\n");

/** A clean release: card, safetensors pointer, .gitattributes. */
function cleanRelease(folder = "models/tiny"): Map<string, string> {
  return new Map([
    [".gitattributes", ATTRIBUTES],
    [`${folder}/README.md`, GOOD_CARD],
    [`${folder}/model.safetensors`, LFS(163_000_000)],
  ]);
}

let org: FakeOrg;
let seq = 0;
const deliveries = () => `delivery-${++seq}`;

beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^127\.0\.0\.1(:\d+)?$/);
  org = await startFakeOrg(ORG, { installationId: INSTALLATION });
});

afterEach(async () => {
  await org.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

async function loadedProbot() {
  const { probot, lines } = orgProbot(org);
  await probot.load(app);
  return { probot, lines };
}

const issuesOf = (name: string) => org.issues.get(`${ORG}/${name}`) ?? [];
const writes = (name: string, method: string, pattern: RegExp) =>
  org.requests.filter((r) => r.repo === `${ORG}/${name}` && r.method === method && pattern.test(r.path)).length;

describe("the install sweep", { timeout: 30_000 }, () => {
  it("sweeps an organisation of 120 repositories: paginated, archived and empty skipped, a bounded number of requests per repository", async () => {
    org.orgConfig = "dashboard: true\n";
    const kinds = new Map<string, "archived" | "empty" | "code" | "clean" | "broken">();
    for (let i = 0; i < 120; i++) {
      const name = `repo-${String(i).padStart(3, "0")}`;
      const kind = i < 10 ? "archived" : i < 15 ? "empty" : i < 45 ? "code" : i < 105 ? "clean" : "broken";
      kinds.set(name, kind);
      const files =
        kind === "code"
          ? new Map([["src/train.py", "print('hello')\n"], [".gitignore", "lib/\n"]])
          : kind === "broken"
            ? new Map([...cleanRelease(), ["models/tiny/README.md", BAD_LICENSE_CARD]])
            : kind === "clean" || kind === "archived"
              ? cleanRelease()
              : new Map<string, string>();
      org.addRepo({ name, archived: kind === "archived", empty: kind === "empty", files, private: i % 7 === 0 });
    }
    // The jobs as index.ts registers them, with a pacer that counts the writes it holds back instead of waiting.
    let paced = 0;
    class CountingPacer extends WritePacer {
      override async wait(): Promise<void> {
        paced++;
      }
    }
    const { probot, lines } = orgProbot(org);
    await probot.load((a, o) => {
      registerDefaultBranchJobs(a, { addHandler: o.addHandler, pacer: () => new CountingPacer() });
    });

    await probot.receive({ id: deliveries(), name: "installation", payload: installationCreated(org) as never });

    // The list of repositories came in two pages of 100.
    expect(org.requests.filter((r) => r.path.startsWith("/installation/repositories")).map((r) => r.path)).toEqual([
      "/installation/repositories?per_page=100",
      "/installation/repositories?per_page=100&page=2",
    ]);
    // The organisation's configuration was read once for the whole sweep.
    expect(org.requestsFor(`${ORG}/.github`)).toBe(1);

    // Requests per repository, by kind: archived none; empty the head ref (409); code ref + tree +
    // the dashboard lookup; a release ref + tree + one GraphQL query + the check run lookup and write
    // + the dashboard lookup, and one more to open the dashboard when there are findings.
    const expected = { archived: 0, empty: 1, code: 3, clean: 6, broken: 7 } as const;
    const counts = new Map([...kinds].map(([name]) => [name, org.requestsFor(`${ORG}/${name}`)]));
    for (const [name, kind] of kinds) expect({ name, requests: counts.get(name) }).toEqual({ name, requests: expected[kind] });
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(7);
    // Bounded concurrency: never more requests at once than jobs at once.
    expect(org.maxInFlight).toBeLessThanOrEqual(DEFAULT_REPO_CONCURRENCY);

    // One check run per reviewed repository, on its default branch's head.
    const reviewed = [...kinds].filter(([, k]) => k === "clean" || k === "broken");
    expect(org.checkRuns).toHaveLength(reviewed.length);
    for (const [name, kind] of reviewed) {
      const run = org.checkRuns.find((c) => c.repo === `${ORG}/${name}`);
      expect(run?.head_sha).toBe(org.repos.get(name)?.headSha);
      expect(run?.conclusion).toBe(kind === "broken" ? "failure" : "success");
      expect(run?.external_id).toBe("branch:main");
    }
    // Every write (75 check runs, 15 dashboards) went through the sweep's pacer; no read did.
    expect(paced).toBe(90);
    // A dashboard only where there is something to fix, one each.
    for (const [name, kind] of kinds) expect(issuesOf(name)).toHaveLength(kind === "broken" ? 1 : 0);
    expect(issuesOf("repo-110")[0]?.body).toContain("`apache2` is not a Hub license id");

    // The organisation summary: one line per repository, then one for the whole sweep.
    const summary = lines.filter((l) => typeof l["repo"] === "string" && typeof l["requests"] === "number").map((l) => l.msg);
    expect(summary).toHaveLength(120);
    expect(summary).toContain("acme-ai/repo-110 reviewed: 1 errors, 0 warnings, 0 notices in 3 files (7 requests)");
    expect(summary).toContain("acme-ai/repo-003 archived, skipped (0 requests)");
    expect(summary).toContain("acme-ai/repo-012 empty, skipped (1 request)");
    expect(summary).toContain("acme-ai/repo-020 no release files (3 requests)");
    // The app's own count agrees with what GitHub (the fake) received: 560 for the repositories
    // (5×1 + 30×3 + 60×6 + 15×7), two pages of the list, the organisation's configuration, the token.
    expect(org.requests.filter((r) => r.path !== "/app")).toHaveLength(564);
    expect(lines.map((l) => l.msg).filter((m) => m.startsWith("sweep done"))).toEqual([
      "sweep done: 120 repositories, 75 reviewed, 30 without release files, 10 archived, 5 empty, 0 failed; 15 with errors; 564 requests",
    ]);
  }, 60_000);

  it("sweeps only the repositories added to an installation", async () => {
    for (const name of ["old-model", "new-model"]) org.addRepo({ name, files: cleanRelease() });
    const { probot } = await loadedProbot();
    await probot.receive({ id: deliveries(), name: "installation_repositories", payload: repositoriesAdded(org, ["new-model"]) as never });
    expect(org.checkRuns.map((c) => c.repo)).toEqual([`${ORG}/new-model`]);
    expect(org.requestsFor(`${ORG}/old-model`)).toBe(0);
  });

  it("skips the sweep when the organisation says sweep: false, and leaves out repositories not in `repositories`", async () => {
    org.addRepo({ name: "model-a", files: cleanRelease() });
    org.orgConfig = "sweep: false\n";
    const first = await loadedProbot();
    await first.probot.receive({ id: deliveries(), name: "installation", payload: installationCreated(org) as never });
    expect(org.requests.filter((r) => r.path.startsWith("/installation/repositories"))).toHaveLength(0);
    expect(org.checkRuns).toHaveLength(0);
    expect(first.lines.map((l) => l.msg)).toContain("install sweep skipped: sweep: false in acme-ai/.github");

    org.orgConfig = "repositories: ['models-*']\n";
    org.addRepo({ name: "models-b", files: cleanRelease() });
    const second = await loadedProbot();
    await second.probot.receive({ id: deliveries(), name: "installation", payload: installationCreated(org) as never });
    expect(org.checkRuns.map((c) => c.repo)).toEqual([`${ORG}/models-b`]);
  });

  it("skips at install a repository whose own file says sweep: false, and still reviews its pushes", async () => {
    org.addRepo({ name: "quiet", files: new Map([...cleanRelease(), [".github/cardinal.yml", "sweep: false\n"]]) });
    const { probot, lines } = await loadedProbot();
    await probot.receive({ id: deliveries(), name: "installation", payload: installationCreated(org) as never });
    expect(org.checkRuns).toHaveLength(0);
    expect(lines.map((l) => l.msg)).toContain("acme-ai/quiet sweep: false, skipped (3 requests)");
    const before = org.repos.get("quiet")!.headSha;
    const after = org.push("quiet", { "models/tiny/README.md": BAD_LICENSE_CARD });
    await probot.receive({ id: deliveries(), name: "push", payload: push(org, "quiet", before, after, { modified: ["models/tiny/README.md"] }) as never });
    expect(org.checkRuns.map((c) => [c.head_sha, c.conclusion])).toEqual([[after, "failure"]]);
  });
});

describe("pushes to the default branch and the dashboard", { timeout: 30_000 }, () => {
  const NAME = "tiny-llm";

  async function pushFiles(probot: Awaited<ReturnType<typeof loadedProbot>>["probot"], files: Record<string, string | null>, changed = Object.keys(files)) {
    const before = org.repos.get(NAME)!.headSha;
    const after = org.push(NAME, files);
    await probot.receive({ id: deliveries(), name: "push", payload: push(org, NAME, before, after, { modified: changed }) as never });
    return after;
  }

  it("reviews the pushed commit, and keeps one dashboard: edited only on change, closed when clean, reopened when problems return", async () => {
    org.orgConfig = "dashboard:\n  title: 'Release health (Cardinal)'\n  labels: [release-health]\n";
    org.addRepo({ name: NAME, files: cleanRelease() });
    const { probot } = await loadedProbot();

    // 1. A broken license: a failing check run on the pushed commit, and the dashboard opened.
    const sha1 = await pushFiles(probot, { "models/tiny/README.md": BAD_LICENSE_CARD });
    expect(org.checkRuns.at(-1)).toMatchObject({ repo: `${ORG}/${NAME}`, head_sha: sha1, conclusion: "failure", title: "1 error" });
    expect(issuesOf(NAME)).toHaveLength(1);
    const issue = issuesOf(NAME)[0]!;
    expect(issue).toMatchObject({ title: "Release health (Cardinal)", state: "open", labels: ["release-health"] });
    expect(issue.body.startsWith(DASHBOARD_MARKER)).toBe(true);
    expect(issue.body).toContain("| ❌ `models/tiny` | 2 | 1 | 0 | 0 |");
    expect(issue.body).toContain("**How to fix:** Write `apache-2.0`.");
    expect(issue.body).toContain("(https://github.com/cardinal-app/cardinal/blob/main/docs/rules/license/known-id.md)");
    expect(issue.body).toContain(`- [ ] ${RECHECK_MARKER} Review the default branch again now`);

    // 2. A push that changes a card but not the findings: a new check run, the dashboard untouched.
    const sha2 = await pushFiles(probot, { "models/tiny/README.md": `${BAD_LICENSE_CARD}\nMore words about the model.\n` });
    expect(org.checkRuns.at(-1)?.head_sha).toBe(sha2);
    expect(writes(NAME, "PATCH", /\/issues\/1$/)).toBe(0);

    // 3. A push that touches no release file is not reviewed at all.
    const before = org.requests.length;
    await pushFiles(probot, { "src/serve.py": "print('hi')\n" });
    expect(org.requests.length).toBe(before);

    // 4. A second problem: the dashboard is edited in place.
    await pushFiles(probot, { "models/extra/README.md": NO_LICENSE_CARD });
    expect(writes(NAME, "PATCH", /\/issues\/1$/)).toBe(1);
    expect(issuesOf(NAME)[0]?.body).toContain("The model card declares no `license`.");

    // 5. Everything fixed: the dashboard says so and is closed.
    await pushFiles(probot, { "models/tiny/README.md": GOOD_CARD, "models/extra/README.md": GOOD_CARD });
    expect(org.checkRuns.at(-1)?.conclusion).toBe("success");
    expect(issuesOf(NAME)[0]).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(issuesOf(NAME)[0]?.body).toContain("all clear");

    // 6. The problem returns: the same issue is reopened, never a second one.
    await pushFiles(probot, { "models/tiny/README.md": BAD_LICENSE_CARD });
    expect(issuesOf(NAME)).toHaveLength(1);
    expect(issuesOf(NAME)[0]).toMatchObject({ number: 1, state: "open", state_reason: "reopened" });
    expect(issuesOf(NAME)[0]?.body).toContain("`apache2` is not a Hub license id");
  }, 30_000);

  it("ignores pushes to other branches and branch deletions", async () => {
    org.addRepo({ name: NAME, files: cleanRelease() });
    const { probot } = await loadedProbot();
    const repo = org.repos.get(NAME)!;
    await probot.receive({ id: deliveries(), name: "push", payload: push(org, NAME, repo.headSha, "b".repeat(40), { modified: ["models/tiny/README.md"] }, "refs/heads/feature") as never });
    await probot.receive({ id: deliveries(), name: "push", payload: { ...push(org, NAME, repo.headSha, "0".repeat(40), { modified: [] }), deleted: true } as never });
    expect(org.requests.filter((r) => r.repo !== "")).toHaveLength(0);
  });

  it("answers a push or an installation that lacks GitHub's shape with one log line, and requests nothing", async () => {
    org.addRepo({ name: NAME, files: cleanRelease() });
    const { probot, lines } = await loadedProbot();
    const repo = org.repos.get(NAME)!;
    const good = push(org, NAME, repo.headSha, "c".repeat(40), { modified: ["models/tiny/README.md"] });
    await probot.receive({ id: deliveries(), name: "push", payload: { ...good, after: "../../etc/passwd" } as never });
    await probot.receive({ id: deliveries(), name: "push", payload: { ...good, repository: { ...good.repository, name: "a/b" } } as never });
    await probot.receive({ id: deliveries(), name: "installation", payload: { ...installationCreated(org), installation: { id: "48151623" } } as never });
    expect(org.requests.filter((r) => r.repo !== "")).toHaveLength(0);
    expect(lines.filter((l) => l.msg.startsWith("ignoring")).map((l) => l.msg)).toEqual([
      "ignoring a push delivery: it does not have the shape GitHub documents (after: expected a 40-digit hex commit sha)",
      "ignoring a push delivery: it does not have the shape GitHub documents (repository.name: expected a repository name)",
      "ignoring an installation delivery: it does not have the shape GitHub documents (installation.id: expected a positive integer)",
    ]);
  });

  it("never opens two dashboards when two pushes race, nor when GitHub's issue list lags behind", async () => {
    org.orgConfig = "dashboard: true\n";
    org.listLag = 10; // the list does not show a new issue for the next ten lists
    org.addRepo({ name: NAME, files: cleanRelease() });
    const { probot } = await loadedProbot();
    const repo = org.repos.get(NAME)!;
    const base = repo.headSha;
    const a = org.push(NAME, { "models/tiny/README.md": BAD_LICENSE_CARD });
    const b = org.push(NAME, { "models/tiny/README.md": NO_LICENSE_CARD });
    // Both deliveries at once; the repository's head is b for both reviews that read it.
    await Promise.all([
      probot.receive({ id: deliveries(), name: "push", payload: push(org, NAME, base, a, { modified: ["models/tiny/README.md"] }) as never }),
      probot.receive({ id: deliveries(), name: "push", payload: push(org, NAME, a, b, { modified: ["models/tiny/README.md"] }) as never }),
    ]);
    // And one more after, while the list still hides the issue.
    const c = org.push(NAME, { "models/tiny/README.md": BAD_LICENSE_CARD });
    await probot.receive({ id: deliveries(), name: "push", payload: push(org, NAME, b, c, { modified: ["models/tiny/README.md"] }) as never });
    expect(issuesOf(NAME)).toHaveLength(1);
    expect(issuesOf(NAME)[0]?.body).toContain("`apache2` is not a Hub license id");
  });

  it("closes duplicates a past race left, keeping the oldest", async () => {
    org.orgConfig = "dashboard: true\n";
    org.addRepo({ name: NAME, files: cleanRelease() });
    const dup = (number: number) => ({ number, title: "Cardinal: release health", body: `${DASHBOARD_MARKER}\nold`, state: "open" as const, state_reason: null, labels: [], user: { login: APP_LOGIN, type: "Bot" } });
    const impostor = { ...dup(3), user: { login: "mallory", type: "User" } };
    org.issues.set(`${ORG}/${NAME}`, [dup(1), dup(2), impostor]);
    const { probot } = await loadedProbot();
    await pushFiles(probot, { "models/tiny/README.md": BAD_LICENSE_CARD });
    const [first, second, third] = issuesOf(NAME);
    expect(first).toMatchObject({ state: "open" });
    expect(first?.body).toContain("`apache2` is not a Hub license id");
    expect(second).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(second?.body).toContain("A duplicate of #1");
    expect(third).toMatchObject({ state: "open", body: `${DASHBOARD_MARKER}\nold` }); // not Cardinal's: left alone
  });

  it("reviews again when a person ticks the dashboard's recheck box, and not when Cardinal edits it", async () => {
    org.orgConfig = "dashboard: true\n";
    org.addRepo({ name: NAME, files: cleanRelease() });
    const { probot } = await loadedProbot();
    await pushFiles(probot, { "models/tiny/README.md": BAD_LICENSE_CARD });
    const issue = issuesOf(NAME)[0]!;
    const ticked = issue.body.replace(`- [ ] ${RECHECK_MARKER}`, `- [x] ${RECHECK_MARKER}`);
    const runs = org.checkRuns.length;

    const bot = { login: APP_LOGIN, id: 9001, node_id: "BOT_kgDOCard", type: "Bot" };
    await probot.receive({ id: deliveries(), name: "issues", payload: issueEdited(org, NAME, { ...issue, body: ticked, previous: issue.body }, bot) as never });
    expect(org.checkRuns.length).toBe(runs);

    issue.body = ticked;
    await probot.receive({ id: deliveries(), name: "issues", payload: issueEdited(org, NAME, { ...issue, body: ticked, previous: "" }) as never });
    // A new check run even though the verdict is the same, and the box unticked again.
    expect(org.checkRuns.length).toBe(runs + 1);
    expect(issuesOf(NAME)[0]?.body).toContain(`- [ ] ${RECHECK_MARKER}`);
  });

  it("publishes the check run and says why when GitHub refuses the dashboard (Issues write not accepted)", async () => {
    org.orgConfig = "dashboard: true\n";
    org.issuesForbidden = true;
    org.addRepo({ name: NAME, files: cleanRelease() });
    const { probot, lines } = await loadedProbot();
    const sha = await pushFiles(probot, { "models/tiny/README.md": BAD_LICENSE_CARD });
    expect(org.checkRuns.at(-1)).toMatchObject({ head_sha: sha, conclusion: "failure" });
    expect(issuesOf(NAME)).toHaveLength(0);
    expect(lines.map((l) => l.msg)).toContain(
      "acme-ai/tiny-llm: GitHub refused the dashboard issue (403): the installation may not have accepted the Issues write permission yet",
    );
  });

  it("renders the dashboard of a repository with three release folders", async () => {
    org.orgConfig = "dashboard: true\n";
    org.addRepo({ name: "zoo", files: new Map([[".gitattributes", ATTRIBUTES]]) });
    const { probot } = await loadedProbot();
    const before = org.repos.get("zoo")!.headSha;
    const files = {
      "models/tiny-a/README.md": BAD_LICENSE_CARD.replace("- roneneldan/TinyStories", "- acme-ai/stories-v2"),
      "models/tiny-a/model.safetensors": LFS(163_000_000),
      "models/tiny-b/README.md": NO_LICENSE_CARD,
      "models/tiny-b/pytorch_model.bin": LFS(5_000_000, "b"),
      "datasets/stories/README.md": "---\nlicense: cc-by-4.0\ntask_categories:\n- text-generation\n---\n\n# stories\n\nShort stories written for the tiny models, in English, one per line.\n\n## Dataset structure\n\nOne JSON object per line with a `text` field.\n\n## Dataset creation\n\nWritten by the team in 2026.\n",
    };
    const after = org.push("zoo", files);
    await probot.receive({ id: deliveries(), name: "push", payload: push(org, "zoo", before, after, { added: Object.keys(files) }) as never });
    const body = issuesOf("zoo")[0]?.body ?? "";
    const file = writeArtefact("dashboard-three-folders.md", body);
    console.log(`dashboard issue for three release folders written to ${file}`);
    const folderOrder = ["`models/tiny-a`: 1 error", "`models/tiny-b`: 2 warnings"].map((h) => body.indexOf(h));
    expect(folderOrder.every((i) => i > 0)).toBe(true);
    expect(folderOrder[0]).toBeLessThan(folderOrder[1]!);
    expect(body).toContain("| ✅ `datasets/stories` | 1 | 0 | 0 | 0 |");
    expect(body).toContain("### What the Hub could not verify");
    // The check run on the pushed commit speaks of no pull request.
    const run = org.checkRuns.find((c) => c.head_sha === after);
    expect(run).toMatchObject({ conclusion: "failure", title: "1 error, 2 warnings, 1 notice" });
    expect(run?.summary).not.toMatch(/pull request/i);
    expect(body).toContain("acme-ai/stories-v2");
    expect(body).toContain("What these licenses allow");
    expect(body).toContain("### Run the same checks locally");
    expect(body).toContain("https://github.com/cardinal-app/cardinal/blob/main/docs/cli.md#install");
  });
});
