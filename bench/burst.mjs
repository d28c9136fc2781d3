/**
 * The burst benchmark (issue 16): 1,000 pull request events through the
 * HTTP servers of two real replicas (`probot run lib/index.js`) on one
 * Redis, a loopback fake GitHub answering every request after 50 ms. What
 * it measures, as GitHub and the operator would see it: every pull request
 * reviewed (a check run for its head), duplicate comments, the webhook's
 * answer time (p95), the time from the first event to the last verdict,
 * each replica's peak RSS, GitHub requests per review, and GitHub's limits
 * as the fake counts them (requests in flight at once; content-creating
 * requests in the busiest minute).
 *
 * The events are spread over 100 installations (10 pull requests each):
 * Probot throttles writes per installation (one a second, Bottleneck on
 * Redis with REDIS_URL), so a thousand reviews in one installation would
 * take a quarter of an hour by design, not by Cardinal's cost.
 */
import { performance } from "node:perf_hooks";
import { clearInterval, setInterval, setTimeout } from "node:timers";
import { startFakeGitHubFleet } from "../lib/tools/fake-github-fleet.js";
import { deliver, rssMB, startReplica, stopReplica } from "../lib/tools/fleet.js";
import { redisServerPath, startRedisServer } from "../lib/tools/redis-server.js";

/** A clean card (check run only) and, for one pull request in ten, a broken one (check run and comment). */
const CLEAN = "---\nlicense: mit\npipeline_tag: text-generation\n---\n\n# tiny\n\nA small model.\n\n## Uses\n\nTests.\n\n## Limitations\n\nSmall.\n";
const BROKEN = "---\nlicense: mit\ntags: [text-generation, llama\n---\n\n# broken\n";
const sha = (n) => n.toString(16).padStart(40, "0");

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function burst({ events = 1000, installations = 100, latencyMs = 50, inFlight = 10, concurrency = 4, timeoutMs = 10 * 60 * 1000 } = {}) {
  if (!redisServerPath()) return { burst: { skipped: "redis-server is not installed (apt-get install redis-server)" } };
  const redis = await startRedisServer();
  const github = await startFakeGitHubFleet({ ports: 2 });
  const replicas = [];
  try {
    const env = { CARDINAL_WORKER_CONCURRENCY: String(concurrency), LOG_LEVEL: "warn" };
    replicas.push(...(await Promise.all(["A", "B"].map((name, i) => startReplica({ name, githubHost: github.hosts[i], redisUrl: redis.url, env })))));
    github.setLatency(latencyMs);
    const pulls = Array.from({ length: events }, (_, i) =>
      github.addPull({
        owner: `org${i % installations}`,
        repo: "models",
        number: 1 + Math.floor(i / installations),
        installation: 1000 + (i % installations),
        head: sha(10_000 + i),
        files: { "README.md": i % 10 === 0 ? BROKEN : CLEAN },
        author: "alice",
      }),
    );
    const sampler = setInterval(async () => {
      for (const r of replicas) r.peakRssMB = Math.max(r.peakRssMB, await rssMB(r.child.pid));
    }, 250);
    const webhookMs = [];
    const statuses = new Map();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < pulls.length) {
          const i = next++;
          const answer = await deliver(replicas[i % replicas.length], "pull_request", github.payload(pulls[i], "opened"));
          webhookMs.push(answer.ms);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        }
      }),
    );
    const sentMs = performance.now() - started;
    // Reviewed: a check run for the head and, where the findings call for one, the comment.
    const reviewed = () =>
      pulls.filter(
        (pr) =>
          github.checkRuns.some((run) => run.repo === `${pr.owner}/${pr.repo}` && run.head_sha === pr.head) &&
          (pr.files["README.md"] !== BROKEN || github.commentsCreated.some((c) => c.pr === `${pr.owner}/${pr.repo}#${pr.number}`)),
      ).length;
    const deadline = Date.now() + timeoutMs;
    while (reviewed() < pulls.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const msToLastVerdict = performance.now() - started;
    clearInterval(sampler);
    for (const r of replicas) r.peakRssMB = Math.max(r.peakRssMB, await rssMB(r.child.pid));

    const commentsPerPull = new Map();
    for (const c of github.commentsCreated) commentsPerPull.set(c.pr, (commentsPerPull.get(c.pr) ?? 0) + 1);
    const duplicateComments = [...commentsPerPull.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const runsPerHead = new Map();
    for (const run of github.checkRuns) runsPerHead.set(`${run.repo}@${run.head_sha}`, (runsPerHead.get(`${run.repo}@${run.head_sha}`) ?? 0) + 1);
    const duplicateCheckRuns = [...runsPerHead.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const done = reviewed();
    const broken = pulls.filter((pr) => pr.files["README.md"] === BROKEN);
    const withoutComment = broken.filter((pr) => !commentsPerPull.has(`${pr.owner}/${pr.repo}#${pr.number}`));
    if (withoutComment.length > 0 && process.env["BURST_DEBUG"]) {
      for (const pr of withoutComment) console.error("no comment:", pr.owner, pr.number, github.checkRuns.filter((r) => r.repo === `${pr.owner}/${pr.repo}`).map((r) => [r.head_sha.slice(-5), r.conclusion, r.output.title]));
      for (const r of replicas) console.error(r.output.join("").slice(-3000));
    }
    return {
      burst: {
        events,
        reviewed: done,
        replicas: replicas.length,
        installations,
        latencyMs,
        duplicateComments,
        duplicateCheckRuns,
        comments: github.commentsCreated.length,
        /** Pull requests whose findings call for a comment, and those that got none. */
        pullsNeedingComment: broken.length,
        pullsMissingComment: withoutComment.length,
        webhookStatuses: Object.fromEntries(statuses),
        p95WebhookMs: percentile(webhookMs, 95),
        maxWebhookMs: Math.max(...webhookMs),
        msToSendAll: sentMs,
        msToLastVerdict,
        peakRssMB: Object.fromEntries(replicas.map((r) => [r.name, Math.round(r.peakRssMB)])),
        githubRequests: github.requests.length,
        githubRequestsPerReview: github.requests.length / Math.max(1, done),
        githubByRoute: Object.fromEntries(github.stats.byRoute),
        maxConcurrentGithubRequests: github.stats.maxInFlight,
        contentCreatingPerMinutePerInstallation: github.stats.contentCreatingPerMinute(),
        contentCreatingPerMinuteAll: github.stats.contentCreatingPerMinuteAll(),
        limits: { concurrentRequests: 100, contentCreatingPerMinute: 80 },
        /** Log lines at error level or above, every replica together (0 expected). */
        replicaErrors: replicas.reduce((n, r) => n + r.logs.filter((l) => (l.level ?? 0) >= 50).length, 0),
        replicaErrorSamples: [...new Set(replicas.flatMap((r) => r.logs.filter((l) => (l.level ?? 0) >= 50).map((l) => String(l.msg))))].slice(0, 5),
      },
    };
  } finally {
    await Promise.all(replicas.map((r) => stopReplica(r, "SIGTERM")));
    await github.close();
    await redis.stop();
  }
}

// `node bench/burst.mjs [--events N]`: the burst alone, as JSON on stdout.
if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf("--events");
  const events = at === -1 ? 1000 : Number(process.argv[at + 1]);
  console.log(JSON.stringify(await burst({ events }), null, 2));
}
