/**
 * Benchmarks through the real Probot (`probot.receive`): review cost against
 * a baseline app, GitHub and Hub requests per review, PR-size scaling, and
 * heap growth over many reviews.
 */
import { setImmediate } from "node:timers";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import nock from "nock";
import app from "../lib/index.js";
import { loadFakeHubData, startFakeHub } from "../lib/tools/fake-hub.js";
import { baselineApp, createProbot, installGitHub } from "./github.mjs";
import { nextSha, payloadFor, typicalPr } from "./pr.mjs";
import { startWeightLfs } from "./weights.mjs";

const HUB_FIXTURES = ["models.json", "datasets.json"].map((f) => fileURLToPath(new URL(`../test/fixtures/hub/${f}`, import.meta.url)));
const now = () => performance.now();

export async function setup() {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  const hub = await startFakeHub(loadFakeHubData(HUB_FIXTURES));
  process.env.HF_ENDPOINT = hub.url;
  // The typical PR's LFS shards, served by range (a review reads each shard's header: one batch and one range request).
  const lfs = await startWeightLfs(typicalPr());
  process.env.CARDINAL_LFS_URL = lfs.url;
  const github = installGitHub();
  let delivery = 0;
  let prNumber = 100;

  /** One review of a new PR (a first review) or of the same PR at a new head sha. */
  async function receive(probot, { number, action = "opened", pr = typicalPr() } = {}) {
    const sha = nextSha();
    const n = number ?? ++prNumber;
    const payload = payloadFor(action, n, sha, pr.files.length);
    github.setPull(n, { ...pr, sha, payload });
    await probot.receive({ id: `bench-${++delivery}`, name: "pull_request", payload });
    return n;
  }

  return {
    hub,
    github,
    receive,
    async close() {
      github.stop();
      await hub.close();
      await lfs.close();
      nock.enableNetConnect();
    },
  };
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { mean, median: q(0.5), p95: q(0.95), min: sorted[0], max: sorted.at(-1) };
}

/** 2. API economy: a fresh process (cold), then a push that changed nothing relevant. */
export async function apiEconomy(env) {
  const probot = await createProbot(app);
  const hubBefore = env.hub.requests.length;
  const mark = env.github.mark();
  const number = await env.receive(probot);
  const first = env.github.since(mark);
  const hubCold = env.hub.requests.length - hubBefore;
  const distinctRepos = new Set(env.hub.requests.slice(hubBefore).map((r) => r.split("?")[0].replace(/\/revision\/.*$/, "")));

  const hubBefore2 = env.hub.requests.length;
  const mark2 = env.github.mark();
  await env.receive(probot, { number, action: "synchronize" });
  const re = env.github.since(mark2);
  const hubWarm = env.hub.requests.length - hubBefore2;

  // A first review of another PR in the same, warm process (token and bot identity already known).
  const mark3 = env.github.mark();
  const other = await env.receive(probot);
  const steady = env.github.since(mark3);
  env.github.dropPull(number);
  env.github.dropPull(other);
  return {
    githubRequests: {
      firstReview: first.total,
      reReview: re.total,
      firstReviewWarmProcess: steady.total,
      firstReviewByRoute: first.byRoute,
      reReviewByRoute: re.byRoute,
      firstReviewWarmProcessByRoute: steady.byRoute,
    },
    hubRequests: { cold: hubCold, warm: hubWarm, distinctReposAsked: distinctRepos.size },
  };
}

/**
 * 1. Review cost: Cardinal and the baseline, interleaved in rounds, each
 * review a new PR. `latencyMs` delays every GitHub answer, as a network would.
 */
export async function reviewCost(env, { iterations = 50, warmup = 5, latencyMs = 0 } = {}) {
  env.github.setLatency(latencyMs);
  const cardinal = await createProbot(app);
  const baseline = await createProbot(baselineApp);
  for (let i = 0; i < warmup; i++) {
    env.github.dropPull(await env.receive(cardinal));
    env.github.dropPull(await env.receive(baseline));
  }
  const times = { cardinal: [], baseline: [] };
  // A push to the same pull request right after (new head sha, same files): the re-review.
  const again = { cardinal: [], baseline: [] };
  const rounds = 5;
  const per = Math.ceil(iterations / rounds);
  for (let r = 0; r < rounds; r++) {
    for (const [name, probot] of [
      ["cardinal", cardinal],
      ["baseline", baseline],
    ]) {
      for (let i = 0; i < per; i++) {
        const t0 = now();
        const n = await env.receive(probot);
        times[name].push(now() - t0);
        const t1 = now();
        await env.receive(probot, { number: n, action: "synchronize" });
        again[name].push(now() - t1);
        env.github.dropPull(n);
      }
    }
  }
  env.github.setLatency(0);
  const c = stats(times.cardinal);
  const b = stats(times.baseline);
  const rc = stats(again.cardinal);
  const rb = stats(again.baseline);
  return {
    review: {
      iterations: times.cardinal.length,
      msPerReview: c.mean,
      medianMs: c.median,
      p95Ms: c.p95,
      reviewsPerSecond: 1000 / c.mean,
      baselineMsPerReview: b.mean,
      baselineMedianMs: b.median,
      baselineReviewsPerSecond: 1000 / b.mean,
      ratioVsBaseline: c.mean / b.mean,
      reReviewMsPerReview: rc.mean,
      reReviewBaselineMsPerReview: rb.mean,
      reReviewRatioVsBaseline: rc.mean / rb.mean,
    },
  };
}

/** 4b. PRs of many files: a few cards among many non-relevant files. */
export async function prScaling(env, sizes = [10, 300, 3000]) {
  const probot = await createProbot(app);
  env.github.dropPull(await env.receive(probot)); // token, bot identity, Hub cache
  const out = {};
  for (const size of sizes) {
    const base = typicalPr();
    const extra = Array.from({ length: Math.max(0, size - base.files.length) }, (_, i) => `src/data/shard-${String(i).padStart(5, "0")}.py`);
    const pr = typicalPr({ extraFiles: extra });
    const reps = size >= 3000 ? 3 : size >= 300 ? 6 : 10;
    const samples = [];
    let requests = 0;
    for (let i = 0; i < reps; i++) {
      const mark = env.github.mark();
      const t0 = now();
      const n = await env.receive(probot, { pr });
      samples.push(now() - t0);
      requests = env.github.since(mark).total;
      env.github.dropPull(n);
    }
    const s = stats(samples);
    out[`files${size}`] = { files: pr.files.length, msPerReview: s.mean, medianMs: s.median, githubRequests: requests };
  }
  return out;
}

/**
 * 5. Memory: `count` reviews of new PRs in one process; heap after a forced GC
 * after a warm-up, after the first half and after the second. Growth between
 * the halves is the figure that must stay flat (bounded caches); peak RSS is
 * sampled every 10 reviews.
 */
export async function memory(env, { count = 2000, warmup = 20 } = {}) {
  if (typeof globalThis.gc !== "function") return { memory: { skipped: "run node with --expose-gc" } };
  const probot = await createProbot(app);
  const gc = async () => {
    for (let i = 0; i < 3; i++) {
      globalThis.gc();
      await new Promise((r) => setImmediate(r));
    }
    return process.memoryUsage();
  };
  for (let i = 0; i < warmup; i++) env.github.dropPull(await env.receive(probot));
  const before = await gc();
  let peakRss = before.rss;
  const half = Math.floor(count / 2);
  let middle;
  for (let i = 0; i < count; i++) {
    env.github.dropPull(await env.receive(probot));
    if (i % 10 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (i === half - 1) middle = await gc();
  }
  const after = await gc();
  const mb = (x) => x / 1024 / 1024;
  return {
    memory: {
      reviews: count,
      heapUsedAfterWarmupMB: mb(before.heapUsed),
      heapUsedMiddleMB: mb(middle.heapUsed),
      heapUsedAfterMB: mb(after.heapUsed),
      // The first half against the second: the "growth between the first and the second 1,000".
      growthPercent: ((after.heapUsed - middle.heapUsed) / middle.heapUsed) * 100,
      growthFromWarmupPercent: ((after.heapUsed - before.heapUsed) / before.heapUsed) * 100,
      peakRssMB: mb(peakRss),
    },
  };
}
