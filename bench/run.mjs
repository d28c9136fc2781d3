/**
 * Cardinal's benchmark suite. `npm run bench` (builds first), or
 * `npm run bench -- --json FILE` to also write the figures as JSON.
 * Options: --quick (fewer iterations), --skip cli,scaling,memory,hostile,weights,burst.
 */
import { performance } from "node:perf_hooks";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { cliThroughput } from "./cli.mjs";
import { cardScaling } from "./engine.mjs";
import { hostileInputs } from "./hostile.mjs";
import { apiEconomy, memory, prScaling, reviewCost, setup } from "./review.mjs";
import { weightContent } from "./weights.mjs";
import { burst } from "./burst.mjs";

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt === -1 ? undefined : args[jsonAt + 1];
if (jsonAt !== -1 && !jsonFile) {
  console.error("usage: node bench/run.mjs [--json FILE] [--quick] [--skip cli,scaling,memory,hostile,weights,burst]");
  process.exit(2);
}
const quick = args.includes("--quick");
const skipAt = args.indexOf("--skip");
const skip = new Set(skipAt === -1 ? [] : (args[skipAt + 1] ?? "").split(","));

const started = performance.now();
const result = {
  machine: {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    date: new Date().toISOString(),
  },
};
const step = (name) => process.stderr.write(`bench: ${name}…\n`);

const env = await setup();
try {
  step("API economy");
  Object.assign(result, await apiEconomy(env));
  step("review cost");
  Object.assign(result, await reviewCost(env, { iterations: quick ? 10 : 50 }));
  // The same with 50 ms per GitHub answer, a typical round trip to api.github.com from a cloud host.
  const slow = await reviewCost(env, { iterations: quick ? 5 : 20, warmup: 1, latencyMs: 50 });
  result.reviewAt50msLatency = {
    msPerReview: slow.review.msPerReview,
    baselineMsPerReview: slow.review.baselineMsPerReview,
    ratioVsBaseline: slow.review.ratioVsBaseline,
    reReviewMsPerReview: slow.review.reReviewMsPerReview,
    reReviewBaselineMsPerReview: slow.review.reReviewBaselineMsPerReview,
    reReviewRatioVsBaseline: slow.review.reReviewRatioVsBaseline,
  };
  if (!skip.has("scaling")) {
    step("PR size scaling");
    result.scaling = { prFiles: await prScaling(env, quick ? [10, 300] : [10, 300, 3000]) };
  }
  if (!skip.has("memory")) {
    step("memory");
    Object.assign(result, await memory(env, { count: quick ? 200 : 2000 }));
  }
} finally {
  await env.close();
}
if (!skip.has("scaling")) {
  step("card size scaling");
  result.scaling = {
    ...result.scaling,
    cardSize: await cardScaling(
      quick ? { "10KB": 10e3, "100KB": 100e3, "1MB": 1e6 } : { "10KB": 10e3, "100KB": 100e3, "1MB": 1e6, "5MB": 5e6, "10MB": 10e6 },
    ),
  };
}
if (!skip.has("hostile")) {
  step("hostile inputs");
  Object.assign(result, await hostileInputs({ mutations: quick ? 300 : 2000 }));
}
if (!skip.has("weights")) {
  step("weight content");
  Object.assign(result, await weightContent({ iterations: quick ? 300 : 3000 }));
}
if (!skip.has("cli")) {
  step("CLI throughput");
  Object.assign(result, await cliThroughput({ runs: quick ? 1 : 2 }));
}
if (!skip.has("burst")) {
  step(`burst: ${quick ? 200 : 1000} events through two replicas on Redis`);
  Object.assign(result, await burst({ events: quick ? 200 : 1000 }));
}
result.totalSeconds = (performance.now() - started) / 1000;

// ---- table ----
const f = (x, d = 1) => (typeof x === "number" ? x.toFixed(d) : String(x ?? "—"));
const rows = [];
const row = (measure, value, note = "") => rows.push([measure, value, note]);
const g = result.githubRequests;
const h = result.hubRequests;
const r = result.review;
row("GitHub requests, first review (fresh process)", f(g.firstReview, 0), "target ≤ 6; incl. token + GET /app");
row("GitHub requests, first review (warm process)", f(g.firstReviewWarmProcess, 0), "token and bot identity cached");
row("GitHub requests, re-review (new sha, same files)", f(g.reReview, 0), "target ≤ 4");
row("Hub requests, cold cache", f(h.cold, 0), `distinct repos named: ${h.distinctReposAsked}`);
row("Hub requests, warm cache", f(h.warm, 0), "target 0");
row("Review, ms per review (mean)", f(r.msPerReview, 2), `median ${f(r.medianMs, 2)}, p95 ${f(r.p95Ms, 2)}, n=${r.iterations}`);
row("Review, reviews per second", f(r.reviewsPerSecond), "");
row("Baseline, ms per review (mean)", f(r.baselineMsPerReview, 2), "list files + one comment");
row("review.ratioVsBaseline", f(r.ratioVsBaseline, 2), "Cardinal / baseline; target ≤ 1.5");
row("Re-review, ms: Cardinal / baseline", `${f(r.reReviewMsPerReview, 2)} / ${f(r.reReviewBaselineMsPerReview, 2)}`, "a push to a reviewed PR, same process");
row("review.reReviewRatioVsBaseline", f(r.reReviewRatioVsBaseline, 2), "file list and texts read together");
if (result.reviewAt50msLatency) {
  const l = result.reviewAt50msLatency;
  row("With 50 ms per GitHub answer: Cardinal / baseline ms", `${f(l.msPerReview, 0)} / ${f(l.baselineMsPerReview, 0)}`, "");
  row("reviewAt50msLatency.ratioVsBaseline", f(l.ratioVsBaseline, 2), "round trips dominate, as against the real API");
  row("Re-review with 50 ms per answer: Cardinal / baseline ms", `${f(l.reReviewMsPerReview, 0)} / ${f(l.reReviewBaselineMsPerReview, 0)}`, "a push to a reviewed PR");
  row("reviewAt50msLatency.reReviewRatioVsBaseline", f(l.reReviewRatioVsBaseline, 2), "file list and texts read together");
}
if (result.scaling?.prFiles) {
  for (const v of Object.values(result.scaling.prFiles)) {
    row(`PR of ${v.files} files, ms per review`, f(v.msPerReview, 1), `${v.githubRequests} GitHub requests`);
  }
}
if (result.scaling?.cardSize) {
  for (const [k, v] of Object.entries(result.scaling.cardSize)) {
    row(`Card of ${k}, engine ms per review`, f(v.msPerReview, 1), `${f(v.msPerMB, 0)} ms/MB`);
  }
}
if (result.memory) {
  const m = result.memory;
  if (m.skipped) row("memory", "skipped", m.skipped);
  else {
    const half = Math.floor(m.reviews / 2);
    row(
      `memory.growthPercent (reviews ${half + 1}–${m.reviews} vs 1–${half})`,
      f(m.growthPercent, 1),
      `heap after GC ${f(m.heapUsedMiddleMB)} → ${f(m.heapUsedAfterMB)} MB`,
    );
    row(`Heap growth since warm-up (${m.reviews} reviews)`, f(m.growthFromWarmupPercent, 1), `heap ${f(m.heapUsedAfterWarmupMB)} MB after warm-up`);
    row(`Peak RSS over ${m.reviews} reviews, MB`, f(m.peakRssMB, 0), "sampled every 10 reviews");
  }
}
if (result.hostile) {
  const h = result.hostile;
  row(`Hostile inputs reviewed (${Object.keys(h.namedMs).length} named + ${h.mutations} mutated)`, f(h.inputs, 0), "every rule, engine only");
  row("Hostile input, slowest, ms", f(h.slowestMs, 0), h.slowestInput);
  row("Mutated corpus cards, p99 / max ms", `${f(h.mutationP99Ms, 0)} / ${f(h.mutationMaxMs, 0)}`, "");
}
if (result.cli) {
  const c = result.cli;
  row(`CLI cards/s (${c.cards} cards, ${f(c.corpusMB)} MB)`, f(c.cardinalCardsPerSecond, 0), `${f(c.cardinalMs, 0)} ms, process start included`);
  row("markdownlint-cli2 cards/s (same files)", f(c.markdownlintCardsPerSecond, 0), `${f(c.markdownlintMs, 0)} ms`);
  row("cli.ratioVsMarkdownlint", f(c.ratioVsMarkdownlint, 2), "Cardinal / markdownlint-cli2; below 1 is faster");
}
if (result.weights) {
  const w = result.weights;
  const h = w.safetensorsHeader;
  row(`safetensors header checks, MB/s of header (${h.tensors} tensors)`, f(h.headerMBps, 1), `${f(h.headersPerSecond, 0)} headers/s, ${f(h.headerBytes / 1024, 0)} KB each`);
  const l = w.lfsCheckpoint5GB;
  row("Bytes read of a 5 GB LFS checkpoint, one review", f(l.bytesServed, 0), `${l.lfsRequests} LFS requests (batch + one range); header ${f(l.headerBytes / 1024, 1)} KB`);
  row("weights.pickle", w.pickle.skipped ? "—" : f(w.pickle.scanMBps, 1), w.pickle.skipped ?? "MB/s");
}
if (result.burst) {
  const b = result.burst;
  if (b.skipped) row("burst", "skipped", b.skipped);
  else {
    row(`Burst: pull requests reviewed (${b.replicas} replicas, one Redis)`, `${b.reviewed} / ${b.events}`, `${b.installations} installations, ${b.latencyMs} ms per GitHub answer`);
    row("burst.duplicateComments", f(b.duplicateComments, 0), `${b.comments} comments for ${b.pullsNeedingComment} pull requests that need one; duplicate check runs ${b.duplicateCheckRuns}`);
    row("burst.p95WebhookMs", f(b.p95WebhookMs, 0), `max ${f(b.maxWebhookMs, 0)} ms; target < 500`);
    row("burst.msToLastVerdict", f(b.msToLastVerdict, 0), `all events sent after ${f(b.msToSendAll, 0)} ms; Probot paces writes at 1/s per installation`);
    row("burst.peakRssMB", Object.values(b.peakRssMB).join(" / "), "per replica");
    row("Burst: GitHub requests per review", f(b.githubRequestsPerReview, 2), "token, file list, snapshot, check run (+ comment)");
    row("Burst: GitHub requests in flight at once, max", f(b.maxConcurrentGithubRequests, 0), `GitHub allows ${b.limits.concurrentRequests}`);
    row("Burst: content-creating requests, busiest minute", `${b.contentCreatingPerMinutePerInstallation} / ${b.contentCreatingPerMinuteAll}`, `busiest installation / all ${b.installations} together; GitHub documents ${b.limits.contentCreatingPerMinute} a minute without saying per what; Probot paces writes per installation`);
  }
}
const w0 = Math.max(...rows.map((x) => x[0].length), 7);
const w1 = Math.max(...rows.map((x) => x[1].length), 5);
const lines = [`| ${"Measure".padEnd(w0)} | ${"Value".padStart(w1)} | Notes |`, `| ${"-".repeat(w0)} | ${"-".repeat(w1 - 1)}: | ----- |`];
for (const [a, b, c] of rows) lines.push(`| ${a.padEnd(w0)} | ${b.padStart(w1)} | ${c} |`);
console.log(`\nCardinal benchmarks — Node ${result.machine.node}, ${result.machine.cpus} × ${result.machine.cpuModel}, ${f(result.totalSeconds, 0)} s\n`);
console.log(lines.join("\n"));
const routes = (byRoute) => Object.entries(byRoute).map(([k, v]) => `${k} ${v}`).join(", ");
console.log(`\nFirst review (fresh process): ${routes(g.firstReviewByRoute)}`);
console.log(`First review (warm process): ${routes(g.firstReviewWarmProcessByRoute)}`);
console.log(`Re-review: ${routes(g.reReviewByRoute)}`);
if (env.github.counter.unknown.length > 0) {
  console.log(`\nGitHub requests the bench's fake does not know (answered 404): ${[...new Set(env.github.counter.unknown)].join("; ")}`);
  result.unknownGithubRequests = [...new Set(env.github.counter.unknown)];
}
if (jsonFile) {
  writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nJSON written to ${jsonFile}`);
}
