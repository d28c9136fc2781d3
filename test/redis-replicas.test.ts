/**
 * Replicas on one Redis, as deployed: real `probot run lib/index.js`
 * processes (and a `cardinal worker`), a real redis-server started here on
 * a free port, and a loopback fake GitHub that all of them talk to. What
 * is asserted is what GitHub ends up with (comments, check runs per head
 * sha) and the log lines an operator reads. Every wait is on a signal (a
 * request reaching the fake, a log line) with a generous timeout.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeGitHubFleet, type FakeGitHubFleet, type FleetPullRequest } from "../src/tools/fake-github-fleet.js";
import { deliver, fleetPrivateKey, freePort, startReplica, stopReplica, type LogLine, type Replica } from "../src/tools/fleet.js";
import { redisServerPath, startRedisServer, type RedisServer } from "../src/tools/redis-server.js";

const ROOT = path.resolve(import.meta.dirname, "..");
/** A card whose YAML does not parse: an error, so the review writes a comment as well as a check run. */
const CARD = "---\nlicense: mit\ntags: [text-generation, llama\npipeline_tag: text-generation\n---\n\n# broken\n\nA small model.\n";
/** Short locks, so that a killed replica's job is taken over in seconds. */
const FAST = { CARDINAL_JOB_LOCK_MS: "3000", CARDINAL_STALLED_INTERVAL_MS: "1000", CARDINAL_JOB_BACKOFF_MS: "300" };
const sha = (n: number) => n.toString(16).padStart(40, "0");
const STACK_LINE = /^\s+at .+(\(|:\d+:\d+)/m;

const redisBinary = redisServerPath();
if (!redisBinary) {
  // Loud, and a failure where the project's CI runs (it installs redis-server in .ci/run).
  process.stderr.write("\n*** test/redis-replicas.test.ts: redis-server is not installed; the Redis tests are SKIPPED (apt-get install redis-server) ***\n\n");
}

describe.runIf(!redisBinary)("replicas on Redis (redis-server missing)", () => {
  it("fails in CI, where .ci/run installs redis-server", () => {
    expect(process.env["CI"], "redis-server must be installed where CI runs the tests").toBeUndefined();
  });
});

describe.runIf(redisBinary)("replicas on one Redis", { timeout: 120_000 }, () => {
  let redis: RedisServer;
  let github: FakeGitHubFleet;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, "lib/index.js")) || !existsSync(path.join(ROOT, "lib/worker.js"))) {
      throw new Error("lib/ is missing: run `npm run build` before this test");
    }
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((r) => stopReplica(r, "SIGKILL")));
    await github?.close();
    // A job a killed replica left behind must not reach the next test's replicas.
    const client = new Redis(redis.url);
    await client.flushall();
    client.disconnect();
  });

  /** Two app replicas, A talking to the fake's first port and B to its second. */
  async function twoReplicas(env: Record<string, string> = {}): Promise<[Replica, Replica]> {
    github = await startFakeGitHubFleet({ ports: 2 });
    const [a, b] = await Promise.all(
      ["A", "B"].map((name, i) => startReplica({ name, githubHost: github.hosts[i] ?? "", redisUrl: redis.url, env: { ...FAST, ...env } })),
    );
    replicas.push(a as Replica, b as Replica);
    return [a as Replica, b as Replica];
  }

  const addPull = (repo: string, number: number, installation: number, head: string): FleetPullRequest =>
    github.addPull({ owner: "acme", repo, number, installation, head, files: { "README.md": CARD }, author: "alice" });
  const published = (pr: FleetPullRequest) => (line: LogLine) => line.msg === "review published" && line["pr"] === `acme/${pr.repo}#${pr.number}`;
  const runsFor = (pr: FleetPullRequest, head: string) => github.checkRuns.filter((r) => r.repo === `acme/${pr.repo}` && r.head_sha === head);
  const commentsOn = (pr: FleetPullRequest) => github.commentsCreated.filter((c) => c.pr === `acme/${pr.repo}#${pr.number}`);
  /** Resolves when any of `from` logs a line that matches. */
  const anyLogs = (from: readonly Replica[], match: (l: LogLine) => boolean, ms: number, what: string) =>
    Promise.any(from.map((r) => r.waitForLog(match, ms, what))).catch(() => {
      throw new Error(`no replica logged ${what} within ${ms} ms:\n${from.map((r) => `--- ${r.name}\n${r.output.join("")}`).join("\n")}`);
    });

  it("refuses to start when REDIS_URL does not answer: one line with the reason, exit 1", async () => {
    const closed = await freePort();
    const env: Record<string, string> = { PATH: process.env["PATH"] ?? "", LOG_FORMAT: "json", APP_ID: "1", PRIVATE_KEY: fleetPrivateKey(), WEBHOOK_SECRET: "s", HOST: "127.0.0.1", PORT: String(await freePort()), REDIS_URL: `redis://127.0.0.1:${closed}` };
    const app = spawnSync(process.execPath, [path.join(ROOT, "node_modules/probot/bin/probot.js"), "run", path.join(ROOT, "lib/index.js")], { encoding: "utf8", env, timeout: 60_000 });
    expect(app.status).toBe(1);
    const reason =
      `Cardinal cannot start: Redis at redis://127.0.0.1:${closed} (REDIS_URL) did not answer (connect ECONNREFUSED 127.0.0.1:${closed}). ` +
      "Cardinal does not start without it: replicas that do not share one queue would review the same pull requests twice. " +
      "Start Redis or correct REDIS_URL, or unset REDIS_URL to run as one process with its state in memory.";
    expect(app.stderr).toBe(`${reason}\n`);
    expect(app.stdout).toContain(`"level":60`);
    expect(app.stdout).toContain(reason);
    // `npm start` checks Redis before Probot starts: the one line, and nothing else.
    const started = spawnSync(process.execPath, [path.join(ROOT, "lib/start.js")], { encoding: "utf8", env, timeout: 60_000, cwd: os.tmpdir() });
    expect(started.status).toBe(1);
    expect(started.stderr).toBe(`${reason}\n`);
    expect(started.stdout).toBe("");
    const worker = spawnSync(process.execPath, [path.join(ROOT, "lib/worker.js")], { encoding: "utf8", env: { PATH: process.env["PATH"] ?? "" } });
    expect(worker.status).toBe(1);
    expect(worker.stderr).toBe(
      "Cardinal worker cannot start: a worker takes its reviews from the queue on Redis, and REDIS_URL is not set: set it to the Redis the app replicas use (docs/deployment.md).\n",
    );
  });

  it("five synchronize events racing over both replicas: one comment and one check run, for the newest sha only", async () => {
    const [a, b] = await twoReplicas();
    const pr = addPull("racing", 1, 101, sha(5));
    // The first review to start is held at its first read until every push is delivered.
    const held = github.hold((r) => r.path === "/repos/acme/racing/pulls/1/files");
    const answers = [];
    for (let n = 1; n <= 5; n++) answers.push(await deliver(n % 2 ? a : b, "pull_request", github.payload(pr, "synchronize", sha(n))));
    expect(answers.map((x) => x.status)).toEqual([200, 200, 200, 200, 200]);
    await held.arrived;
    held.release();
    await anyLogs([a, b], published(pr), 60_000, "the newest sha's review");
    expect(runsFor(pr, sha(5))).toHaveLength(1);
    for (let n = 1; n <= 4; n++) expect(runsFor(pr, sha(n)), `check runs for superseded sha ${n}`).toEqual([]);
    expect(commentsOn(pr)).toHaveLength(1);
    expect(github.comments.filter((c) => c.pr === "acme/racing#1")).toHaveLength(1);
    const dropped = [...a.logs, ...b.logs].filter((l) => l.msg === "a newer push is queued; skipping this one" || l.msg === "a newer push arrived while this review ran; leaving the verdict to its review");
    expect(dropped.length).toBeGreaterThanOrEqual(1);
  });

  it("the same delivery sent to both replicas is reviewed once", async () => {
    const [a, b] = await twoReplicas();
    const pr = addPull("twice", 2, 102, sha(7));
    const payload = github.payload(pr, "opened");
    const [first, second] = await Promise.all([deliver(a, "pull_request", payload, "delivery-twice"), deliver(b, "pull_request", payload, "delivery-twice")]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await anyLogs([a, b], (l) => l.msg === "delivery already handled; ignoring the redelivery", 10_000, "the ignored copy");
    await anyLogs([a, b], published(pr), 60_000, "the review");
    expect(runsFor(pr, sha(7))).toHaveLength(1);
    expect(commentsOn(pr)).toHaveLength(1);
    expect([...a.logs, ...b.logs].filter(published(pr))).toHaveLength(1);
  });

  it("SIGKILL of the replica running a review: the other takes the job over and GitHub sees one comment and one check run", async () => {
    const [a, b] = await twoReplicas();
    const pr = addPull("killed", 3, 103, sha(9));
    // The review gets as far as its check run; its comment never reaches GitHub.
    const held = github.hold((r) => r.method === "POST" && r.path === "/repos/acme/killed/issues/3/comments");
    expect((await deliver(a, "pull_request", github.payload(pr, "opened"))).status).toBe(200);
    const comment = await held.arrived;
    const victim = comment.port === github.ports[0] ? a : b;
    const survivor = victim === a ? b : a;
    await github.waitFor((r) => r.method === "POST" && r.path === "/repos/acme/killed/check-runs" && r.port === comment.port, 10_000, "check run of the victim");
    await expect.poll(() => runsFor(pr, sha(9)).length, { timeout: 10_000 }).toBe(1);
    expect(await stopReplica(victim, "SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
    held.release();

    await survivor.waitForLog(published(pr), 60_000, "the taken-over review");
    expect(runsFor(pr, sha(9))).toHaveLength(1);
    expect(commentsOn(pr)).toHaveLength(1);
    expect(commentsOn(pr)[0]?.port).toBe(survivor === a ? github.ports[0] : github.ports[1]);
    const stalled = await survivor.waitForLog((l) => String(l.msg).startsWith("a review job stalled"), 5_000, "the stalled job");
    const line = survivor.logs.find(published(pr));
    expect(line?.["check"]).toBe("unchanged");
    expect(line?.["comment"]).toBe("created");
    const lines = (r: Replica) => r.logs.filter((l) => l.msg !== undefined && !/^(GET \/ready|Running Probot|Listening)/.test(String(l.msg)));
    // The log of this test, for the issue's closing note.
    if (process.env["DEBUG_FLEET"]) process.stdout.write(`${victim.output.join("")}\n=====\n${survivor.output.join("")}\n`);
    process.stdout.write(
      `\n--- SIGKILL test: ${victim.name} killed while its comment was held; ${survivor.name} took over\n` +
        [...lines(victim).map((l) => `${victim.name}: ${l.msg}`), ...lines(survivor).map((l) => `${survivor.name}: ${l.msg}${l["check"] ? ` (check ${String(l["check"])}, comment ${String(l["comment"])})` : ""}`)].join("\n") +
        "\n",
    );
    expect(stalled.msg).toContain("another worker takes it over");
    expect(survivor.output.join("")).not.toMatch(STACK_LINE);
  });

  it("Redis restarted mid-stream: every queued review completes", async () => {
    const [a, b] = await twoReplicas({ CARDINAL_WORKER_CONCURRENCY: "1" });
    github.setLatency(100);
    const pulls = Array.from({ length: 6 }, (_, i) => addPull(`restart${i}`, 10 + i, 200 + i, sha(100 + i)));
    for (const [i, pr] of pulls.entries()) expect((await deliver(i % 2 ? a : b, "pull_request", github.payload(pr, "opened"))).status).toBe(200);
    await anyLogs([a, b], (l) => l.msg === "review published", 60_000, "a first review");
    await redis.restart(1_000);
    await anyLogs([a, b], (l) => /^Redis connection \(\w+\) is back/.test(String(l.msg)), 30_000, "the reconnection");
    // Deliveries after the restart are queued too.
    const late = addPull("restart-late", 20, 210, sha(120));
    expect((await deliver(a, "pull_request", github.payload(late, "opened"))).status).toBe(200);
    for (const pr of [...pulls, late]) {
      await expect.poll(() => runsFor(pr, pr.head).length, { timeout: 90_000, interval: 250 }).toBe(1);
      await expect.poll(() => commentsOn(pr).length, { timeout: 30_000, interval: 250 }).toBe(1);
    }
    expect([...a.logs, ...b.logs].some((l) => /^Redis connection \(\w+\) lost/.test(String(l.msg)))).toBe(true);
  });

  it("SIGTERM: the running review finishes, the waiting one stays queued for another replica, exit 0", async () => {
    github = await startFakeGitHubFleet();
    const host = github.hosts[0] ?? "";
    const a = await startReplica({ name: "A", githubHost: host, redisUrl: redis.url, env: { ...FAST, CARDINAL_WORKER_CONCURRENCY: "1" } });
    replicas.push(a);
    const running = addPull("drain", 40, 400, sha(400));
    const waiting = addPull("drain", 41, 401, sha(401));
    const held = github.hold((r) => r.method === "POST" && r.path === "/repos/acme/drain/issues/40/comments");
    expect((await deliver(a, "pull_request", github.payload(running, "opened"))).status).toBe(200);
    await held.arrived;
    expect((await deliver(a, "pull_request", github.payload(waiting, "opened"))).status).toBe(200);
    a.child.kill("SIGTERM");
    await a.waitForLog((l) => String(l.msg).startsWith("SIGTERM: taking no new reviews"), 10_000, "the SIGTERM line");
    const ready = await fetch(`${a.url}/ready`);
    expect([ready.status, await ready.text()]).toEqual([503, "shutting down: no new reviews are taken\n"]);
    held.release();
    expect(await a.exited).toEqual({ code: 0, signal: null });
    const messages = a.logs.map((l) => l.msg);
    expect(messages.indexOf("review published")).toBeGreaterThan(-1);
    expect(messages.indexOf("review published")).toBeLessThan(messages.indexOf("stopped"));
    expect(commentsOn(running)).toHaveLength(1);
    expect(runsFor(waiting, sha(401))).toEqual([]);
    // The job A left queued is taken by the next replica.
    const b = await startReplica({ name: "B", githubHost: host, redisUrl: redis.url, env: FAST });
    replicas.push(b);
    await b.waitForLog(published(waiting), 60_000, "the queued review");
    expect(runsFor(waiting, sha(401))).toHaveLength(1);
  });

  it("a failure no retry would mend: one neutral check run that says so, no retry", async () => {
    github = await startFakeGitHubFleet();
    const a = await startReplica({ name: "A", githubHost: github.hosts[0] ?? "", redisUrl: redis.url, env: FAST });
    replicas.push(a);
    const pr = addPull("gone", 50, 500, sha(500));
    github.fail((r) => r.path === "/repos/acme/gone/pulls/50/files", 404);
    expect((await deliver(a, "pull_request", github.payload(pr, "opened"))).status).toBe(200);
    await a.waitForLog((l) => l.msg === "review job failed for good; its check run says so", 60_000, "the final failure");
    const runs = runsFor(pr, sha(500));
    expect(runs.map((r) => [r.conclusion, r.output.title])).toEqual([["neutral", "Review could not be completed"]]);
    expect(runs[0]?.output.summary).toMatch(/^Cardinal could not finish this review: Not Found/);
    expect(github.requests.filter((r) => r.path === "/repos/acme/gone/pulls/50/files")).toHaveLength(1);
    expect(a.logs.some((l) => l.msg === "review job tried again")).toBe(false);
  });

  it("an install sweep on Redis: the replica that started it is killed mid-sweep, the other finishes it; one check run per repository head", async () => {
    const [a, b] = await twoReplicas({ CARDINAL_SWEEP_CONCURRENCY: "2" });
    github.setLatency(20);
    const clean = "---\nlicense: mit\npipeline_tag: text-generation\n---\n\n# tiny\n\nA small model.\n\n## Uses\n\nTests.\n\n## Limitations\n\nSmall.\n";
    const repos = Array.from({ length: 10 }, (_, i) => github.addRepository({ owner: "zoo", repo: `model-${i}`, installation: 700, head: sha(7000 + i), files: { "README.md": i % 3 === 0 ? CARD : clean } }));
    github.addRepository({ owner: "zoo", repo: "old-model", installation: 700, head: sha(7999), files: { "README.md": clean }, archived: true });
    // The first check run A writes is held: A is killed in the middle of that repository's review.
    const held = github.hold((r) => r.method === "POST" && /^\/repos\/zoo\/[^/]+\/check-runs$/.test(r.path) && r.port === github.ports[0]);
    const install = github.installationPayload(700, "zoo");
    expect((await deliver(a, "installation", install, "install-zoo")).status).toBe(200);
    // The same delivery reaching the other replica (a redelivery) starts no second sweep.
    expect((await deliver(b, "installation", install, "install-zoo")).status).toBe(200);
    await b.waitForLog((l) => l.msg === "delivery already handled; ignoring the redelivery", 10_000, "the ignored copy");
    const victimRun = await held.arrived;
    expect(await stopReplica(a, "SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
    held.release();

    const done = await b.waitForLog((l) => String(l.msg).startsWith("sweep done:"), 90_000, "the sweep's summary");
    expect(done.msg).toBe("sweep done: 11 repositories, 10 reviewed, 0 without release files, 1 archived, 0 empty, 0 failed; 4 with errors; " + String(done["requests"]) + " requests (repository lists not counted)");
    for (const r of repos) expect(github.checkRuns.filter((run) => run.repo === `zoo/${r.repo}` && run.head_sha === r.head), `check runs of zoo/${r.repo}`).toHaveLength(1);
    expect(github.checkRuns.filter((run) => run.repo.startsWith("zoo/"))).toHaveLength(10);
    expect(github.checkRuns.some((run) => run.repo === "zoo/old-model")).toBe(false);
    // The held repository's review was taken over by B after A's job stalled; it published once, from B.
    const victimRepo = victimRun.path.split("/")[3] ?? "";
    expect(github.checkRuns.find((run) => run.repo === `zoo/${victimRepo}`)?.port).toBe(github.ports[1]);
    const stalled = await b.waitForLog((l) => String(l.msg).startsWith("a default-branch job stalled"), 5_000, "the stalled job");
    expect(stalled.msg).toContain("another worker takes it over");
    // Each repository's default branch was reviewed to the end once (A never finished the held one).
    const reviewed = [...a.logs, ...b.logs].filter((l) => l.msg === "default branch reviewed").map((l) => String(l["repo"]));
    expect(reviewed.sort()).toEqual(repos.map((r) => `zoo/${r.repo}`).sort());
    // The organisation summary: one line per repository, from the replica that recorded the last one.
    const summary = b.logs.filter((l) => typeof l["repo"] === "string" && String(l["repo"]).startsWith("zoo/") && / \(\d+ requests?\)$/.test(String(l.msg)));
    expect(summary.map((l) => l["repo"]).sort()).toEqual([...repos.map((r) => `zoo/${r.repo}`), "zoo/old-model"].sort());
    // A bounded cost per repository, as in one process (handler-default-branch.test.ts): the head, the tree, the texts, the check run's
    // lookup and write, a text a rule asks for; the organisation's configuration once per replica and sweep, on that replica's first job.
    for (const line of summary.filter((l) => l["state"] === "reviewed")) expect(Number(line["requests"]), String(line.msg)).toBeLessThanOrEqual(7);
    expect(github.requests.filter((r) => r.path === "/repos/zoo/.github/contents/.github/cardinal.yml").length).toBeLessThanOrEqual(3);
    const shown = (r: Replica) => r.logs.filter((l) => l.msg !== undefined && /sweep|default branch reviewed|default-branch job|reviewed already|zoo\//.test(String(l.msg)));
    process.stdout.write(
      `\n--- SIGKILL sweep test: A killed while its check run for zoo/${victimRepo} was held; B finished the sweep\n` +
        [...shown(a).map((l) => `A: ${l.msg}${l["repo"] && l.msg === "default branch reviewed" ? ` ${String(l["repo"])}` : ""}`), ...shown(b).map((l) => `B: ${l.msg}${l["repo"] && l.msg === "default branch reviewed" ? ` ${String(l["repo"])}` : ""}`)].join("\n") +
        "\n",
    );
    expect([...a.logs, ...b.logs].filter((l) => String(l.msg).startsWith("install sweep: "))).toHaveLength(1);
    // A push that names a head the sweep reviewed (it raced the sweep, or came again) is not reviewed twice.
    const pushed = repos[1] as (typeof repos)[number];
    const push = {
      ref: "refs/heads/main",
      before: sha(1),
      after: pushed.head,
      repository: { name: pushed.repo, full_name: `zoo/${pushed.repo}`, private: false, default_branch: "main", owner: { login: "zoo" } },
      commits: [{ added: [], removed: [], modified: ["README.md"] }],
      installation: { id: 700 },
    };
    expect((await deliver(b, "push", push)).status).toBe(200);
    await b.waitForLog((l) => String(l.msg) === `zoo/${pushed.repo}: this head was reviewed already (another job of this sweep, a push or a replica that stopped); not reviewed again`, 30_000, "the skipped push");
    expect(github.checkRuns.filter((run) => run.repo === `zoo/${pushed.repo}`)).toHaveLength(1);
    expect(b.output.join("")).not.toMatch(STACK_LINE);
  });

  it("a cardinal worker process runs the reviews a replica with no workers queues", async () => {
    github = await startFakeGitHubFleet();
    const app = await startReplica({ name: "app", githubHost: github.hosts[0] ?? "", redisUrl: redis.url, env: { ...FAST, CARDINAL_WORKER_CONCURRENCY: "0" } });
    const worker = await startReplica({ name: "worker", kind: "worker", githubHost: github.hosts[0] ?? "", redisUrl: redis.url, env: FAST });
    replicas.push(app, worker);
    const pr = addPull("workers", 30, 300, sha(300));
    expect((await deliver(app, "pull_request", github.payload(pr, "opened"))).status).toBe(200);
    await worker.waitForLog(published(pr), 60_000, "the review");
    expect(app.logs.some(published(pr))).toBe(false);
    expect(runsFor(pr, sha(300))).toHaveLength(1);
    // SIGTERM: the worker stops cleanly.
    expect(await stopReplica(worker, "SIGTERM")).toEqual({ code: 0, signal: null });
    expect(worker.logs.map((l) => l.msg)).toContain("stopped");
  });
});
