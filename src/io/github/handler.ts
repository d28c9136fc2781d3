import { LRUCache } from "lru-cache";
import { Context, type Probot } from "probot";
import { CONFIG_FILE, CONFIG_PATH, defaultConfig, resolveConfig, type Config, type ConfigProblem } from "../../core/config.js";
import { review } from "../../core/engine.js";
import { rulesIndexUrl, type LocalRun } from "../../core/docs.js";
import { resolveConfigText, type ConfigText } from "../../parse/config-file.js";
import type { Finding } from "../../core/types.js";
import { HUB_UNREACHABLE_ID, renderCheckRun, renderSkipped, type CheckRunOutput } from "../../report/check-run.js";
import type { HubClient } from "../../core/hub.js";
import { renderComment, type WelcomeInput } from "../../report/comment.js";
import { escapeMarkdown, inlineCode } from "../../report/markdown.js";
import { lineageGraph } from "../../report/lineage-graph.js";
import { opennessLines } from "../../report/openness.js";
import { findRule, RULES, RULE_IDS } from "../../rules/index.js";
import { CHANGE_BREAKS_CONFIG } from "../../rules/cardinal/config-valid/rule.js";
import { likelyRepoLookups } from "../../core/prefetch.js";
import {
  likelyTextBlobs,
  listedLfsPointers,
  listPullRequestFiles,
  loadPullRequest,
  pullRequestContext,
  pullRequestSources,
  requestIdOf,
  requestIdValue,
  type ListedFile,
  type Octokit,
  type PullRequestPayload,
} from "./pull-request.js";
import { MAX_ALIASES_PER_QUERY } from "./graphql.js";
import { readSnapshot, type Snapshot } from "./snapshot.js";
import { SKIP_TITLE_TIMEOUT_MS, titleMatches } from "./title-match.js";
import { pullRequestRepoFiles } from "./repo-files.js";
import { prefetchWeightHeaders, reviewByteSource, type WeightBytesOptions } from "./byte-source.js";
import { APP_REVIEW_SECONDS, reviewPacing } from "../pacing.js";
import { publishCheckRun, upsertComment, withRateLimitRetry, type BotIdentity } from "./publish.js";
import { ReplyLimiter, reviewState, ReviewedStates } from "./flood.js";
import { parseCheckRunEvent, parseIssueCommentEvent, parsePullRequest, parsePullRequestEvent, type Parsed } from "./payloads.js";
import { publishSuggestions } from "./review.js";
import { suggestionComments } from "../../report/suggestions.js";
import { parseCommand, renderExplain, renderHelp, renderRecheckRefused, renderUnknownCommand, WRITE_ROLES } from "./commands.js";
import type { AuthorAssociation } from "../../core/types.js";
import { memoryCache, type SharedCache } from "../cache/shared-cache.js";
import { MemoryJobQueue, type JobControl, type JobProcessor, type JobQueue } from "../queue/job-queue.js";
import type { JobCodec } from "../queue/redis-queue.js";
import { SharedReviewedStates, type StateLedger } from "./shared-states.js";

export interface HandlerOptions {
  /** Base address of the rule docs pages (CARDINAL_DOCS_URL). */
  readonly docsBase?: string;
  /** The Hub client, shared by every review of the process (its cache and request bound are per client). */
  readonly hub?: HubClient;
  /** How comments tell contributors to run the checks locally (CARDINAL_CLI_URL, CARDINAL_CLI_COMMAND). */
  readonly localRun?: LocalRun;
  /** Read ranges of the PR's weight files (LFS by HTTP range, small blobs whole); absent or false: content checks stay silent. */
  readonly weightBytes?: WeightBytesOptions | false;
  /**
   * Where reviews wait and what the handlers remember: undefined for one
   * process with everything in memory (the default), or the shared cache
   * and durable queue of replicas on Redis (io/github/infrastructure.ts).
   */
  readonly infrastructure?: ReviewInfrastructure;
}

/** The ports a deployment gives the handlers (DESIGN: "ports for infrastructure"). */
export interface ReviewInfrastructure {
  readonly cache: SharedCache;
  queue(processor: JobProcessor<ReviewJob>, codec: JobCodec<ReviewJob>): JobQueue<ReviewJob>;
}

/** One review waiting in the queue: the delivery it came from, and what to review. */
export interface ReviewJob {
  readonly context: Context;
  readonly octokit: Octokit;
  readonly pr: PullRequestPayload;
  readonly trigger: ReviewTrigger;
  /** The pull request state (flood.ts reviewState) this review claimed. */
  readonly state: string;
  /** Called when the job starts (in one process only: a waiting recheck stops taking joiners). */
  readonly onStart?: () => void;
}

/** Marks a check run with its PR, so a re-run of a fork's check finds the PR again. */
export function externalId(prNumber: number): string {
  return `pr:${prNumber}`;
}

function prNumberFromExternalId(value: string | null | undefined): number | undefined {
  const match = /^pr:(\d{1,15})$/.exec(value ?? "");
  const number = match ? Number(match[1]) : 0;
  return Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/**
 * A payload (or a GitHub answer) in the shape Cardinal reads, or undefined
 * after one log line that names the field at fault: a delivery that does not
 * have GitHub's documented shape is answered (200) and ignored, never a
 * TypeError, and no odd value reaches a request path.
 */
function valid<T>(parsed: Parsed<T>, log: Context["log"], what: string): T | undefined {
  if (parsed.ok) return parsed.value;
  log.warn({ problem: parsed.problem }, `ignoring ${what}: it does not have the shape GitHub documents (${parsed.problem})`);
  return undefined;
}

/** GET /pulls/N, checked like a payload; a malformed answer stops the job with a one-line error. */
async function getPullRequest(octokit: Octokit, repo: { owner: string; repo: string }, number: number): Promise<PullRequestPayload> {
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  const parsed = parsePullRequest(data, "pulls.get");
  if (!parsed.ok) throw new Error(`GitHub's answer to GET /pulls/${number} does not have the documented shape (${parsed.problem})`);
  return parsed.value;
}

/** The configuration the review runs with, its problems, and the file they are in when it is not this repository's own. */
interface LoadedConfig {
  readonly config: Config;
  readonly problems: readonly ConfigProblem[];
  readonly origin?: string;
}

/** Reads `.github/cardinal.yml` through Probot (default branch, org defaults via `_extends`) and validates it. */
async function loadConfigThroughProbot(context: Context, own?: ConfigText): Promise<LoadedConfig> {
  let raw: unknown;
  const problems: ConfigProblem[] = [];
  try {
    raw = await context.config<Record<string, unknown>>(CONFIG_FILE);
  } catch (error) {
    problems.push(unreadableConfig(error));
    raw = undefined;
  }
  const resolved = resolveConfig(raw, RULE_IDS);
  // Keys of the repository's own file are found at their line there; those it extends are not.
  const located = resolved.problems.map((problem) => {
    const line = own?.lineOf(problem.path);
    return line !== undefined ? { ...problem, line } : problem;
  });
  return { config: resolved.config, problems: [...problems, ...located] };
}

/**
 * Probot's loader could not read or parse a file: its words, with the YAML
 * parser's (which name the line) when it was the YAML.
 */
function unreadableConfig(error: unknown): ConfigProblem {
  const first = (value: unknown) => ((value instanceof Error ? value.message : String(value)).split("\n")[0] ?? "").trim();
  const reason = first(error).replace(/^\[@probot\/octokit-plugin-config\]\s*/, "");
  const cause = error instanceof Error && error.cause !== undefined ? `: ${first(error.cause).replace(/:$/, "")}` : "";
  return { key: "(file)", path: [], message: `The configuration could not be read (${reason}${cause})`, effect: "file" };
}

/**
 * The configuration from the review's snapshot: parsed as Probot parses it
 * (YAML; an empty file is `{}`), and validated, with each problem's line. A
 * file that is not valid YAML applies not at all. A file that extends
 * another (`_extends`) or that GraphQL cut short is read through Probot
 * instead, which follows `_extends` exactly as other Probot apps do.
 */
async function loadConfig(context: Context, snapshot: Snapshot | undefined): Promise<LoadedConfig> {
  if (!snapshot) return loadConfigThroughProbot(context);
  if (!snapshot.config) return { config: resolveConfig(undefined, RULE_IDS).config, problems: [] };
  if (snapshot.config.truncated) return loadConfigThroughProbot(context);
  const { owner, repo } = context.repo();
  // The organisation's `.github` repository answers when this repository has no file.
  const origin = snapshot.config.source === `${owner}/${repo}:${CONFIG_PATH}` ? undefined : snapshot.config.source;
  const resolved = resolveConfigText(snapshot.config.text, RULE_IDS);
  if (resolved.raw !== null && typeof resolved.raw === "object" && "_extends" in resolved.raw) {
    return loadConfigThroughProbot(context, origin === undefined ? resolved : undefined);
  }
  return { config: resolved.config, problems: resolved.problems, ...(origin !== undefined ? { origin } : {}) };
}

/**
 * What reviews read, to read it again beside the file list: the paths each
 * pull request's last review read (by `owner/repo#number`), and those
 * reviews of a repository read (by `owner/repo`), for a first review.
 */
interface PathMemory {
  readonly pullRequests: SharedCache;
  readonly repositories: SharedCache;
}

/** A day without a push and a pull request's paths are forgotten; a repository's after a week. */
const PULL_REQUEST_PATHS_TTL_MS = 24 * 60 * 60 * 1000;
const REPOSITORY_PATHS_TTL_MS = 7 * 24 * 60 * 60 * 1000;

function repositoryKey(pr: PullRequestPayload): string {
  return `${pr.base.repo.owner.login}/${pr.base.repo.name}`;
}

function pullRequestKey(pr: PullRequestPayload): string {
  return `${pr.base.repo.owner.login}/${pr.base.repo.name}#${pr.number}`;
}

function listedPaths(listed: readonly ListedFile[]): { path: string; removed: boolean }[] {
  return listed.map((f) => ({ path: f.filename, removed: f.status === "removed" }));
}

/** What a review assumes before it has read the repository's configuration. */
const DEFAULT_CONFIG = defaultConfig();
const DEFAULT_SKIP_LABELS = DEFAULT_CONFIG.review.skip_labels.map((l) => l.toLowerCase());

/** Who Cardinal is on GitHub, asked once per process (GET /app with the app's JWT). */
function botIdentity(app: Probot): () => Promise<BotIdentity> {
  let identity: Promise<BotIdentity> | undefined;
  return () => {
    identity ??= (async () => {
      try {
        const appOctokit = await app.auth();
        const { data } = await appOctokit.rest.apps.getAuthenticated();
        return data?.slug ? { login: `${data.slug}[bot]` } : {};
      } catch (error) {
        app.log.warn({ err: error }, "could not read the app's own login; matching Cardinal's comment by marker and bot type");
        identity = undefined; // ask again on the next review instead of keeping the fallback for the process's life
        return {};
      }
    })();
    return identity;
  };
}

/**
 * Findings that make a new comment worth posting: errors and warnings about
 * the PR's files, its own `.github/cardinal.yml` included. Notices, the
 * default branch's (or the organisation's) config problems and a Hub that
 * did not answer are shown in the check run, and in a comment that exists
 * for other reasons, but never start one.
 */
function commentWorthy(findings: readonly Finding[]): boolean {
  return findings.some(
    (f) =>
      f.severity !== "notice" &&
      !(f.ruleId === "cardinal/config-valid" && f.title !== CHANGE_BREAKS_CONFIG) &&
      f.ruleId !== HUB_UNREACHABLE_ID,
  );
}

/**
 * First-time contributors, as GitHub's `author_association` says: never
 * committed to this repository (FIRST_TIME_CONTRIBUTOR) or to GitHub at all
 * (FIRST_TIMER). NONE is not treated as first-time: GitHub also uses it for
 * private organisation members and others, and telling them apart would cost
 * requests on every pull request. After a first merge GitHub says CONTRIBUTOR,
 * so later pull requests of the same person get no welcome.
 */
export function isFirstTimeContributor(association: AuthorAssociation): boolean {
  return association === "FIRST_TIME_CONTRIBUTOR" || association === "FIRST_TIMER";
}

/** Why a review runs, where that changes what it does. */
interface ReviewTrigger {
  /** The pull request was just opened: the moment to label a first-time contributor's. */
  readonly opened?: boolean;
  /** Someone asked for this review (`/cardinal recheck`): publish a check run even if the verdict is unchanged. */
  readonly requested?: boolean;
}

/** Why a pull request is not reviewed under this configuration, or undefined to review it. */
/** Prefix of the labels that mute one rule on one pull request. */
export const MUTE_LABEL_PREFIX = "cardinal: mute ";

/** Rules muted by labels on the pull request (unknown rule ids are ignored). */
function mutedRules(pr: PullRequestPayload): { ruleId: string; label: string }[] {
  return (pr.labels ?? []).flatMap((l) => {
    if (!l.name.toLowerCase().startsWith(MUTE_LABEL_PREFIX)) return [];
    const ruleId = l.name.slice(MUTE_LABEL_PREFIX.length).trim();
    return RULE_IDS.includes(ruleId) ? [{ ruleId, label: l.name }] : [];
  });
}

function skipReasonFor(pr: PullRequestPayload, config: Config, log?: Context["log"]): string | undefined {
  const { author, draft, title } = pullRequestContext(pr);
  if (draft && !config.review.drafts) {
    return "This pull request is a draft. Cardinal reviews it when it is marked ready for review (set `review.drafts: true` in `.github/cardinal.yml` to review drafts too).";
  }
  if (author.isBot && !config.review.bots) {
    return "This pull request was opened by a bot, and Cardinal skips bot pull requests (set `review.bots: true` in `.github/cardinal.yml` to review them).";
  }
  if (config.review.ignore_authors.includes(author.login)) {
    return "The author of this pull request is listed in `review.ignore_authors`, so Cardinal does not review it.";
  }
  const skipLabels = config.review.skip_labels.map((l) => l.toLowerCase());
  const label = (pr.labels ?? []).find((l) => skipLabels.includes(l.name.toLowerCase()));
  if (label) {
    return `This pull request has the label ${inlineCode(label.name)}, which is listed in \`review.skip_labels\`, so Cardinal does not review it. To have it reviewed, remove the label, then push a commit or comment \`/cardinal recheck\`.`;
  }
  const pattern = config.review.skip_title;
  const matched = pattern === undefined ? false : titleMatches(pattern, title);
  if (matched === "timeout") {
    log?.warn({ pattern }, `review.skip_title took over ${SKIP_TITLE_TIMEOUT_MS} ms on this title; reviewing the pull request (simplify the pattern)`);
  }
  if (pattern !== undefined && matched === true) {
    return `The title of this pull request matches \`review.skip_title\` (${inlineCode(pattern)}), so Cardinal does not review it. To have it reviewed, change the title, then push a commit or comment \`/cardinal recheck\`.`;
  }
  return undefined;
}

/** Adds `first_time_label` to a first-time contributor's new pull request, unless it is there already. */
async function labelFirstTimer(octokit: Octokit, pr: PullRequestPayload, label: string, log: Context["log"]): Promise<void> {
  if ((pr.labels ?? []).some((l) => l.name.toLowerCase() === label.toLowerCase())) return;
  const { owner, repo } = pullRequestContext(pr);
  try {
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels: [label] });
  } catch (error) {
    // A label is a courtesy: the review goes on without it.
    log.warn({ err: error }, "could not add the first-time contributor label");
  }
}

/**
 * The whole road for one pull request: file list → snapshot (config,
 * comments, check runs and file texts in one GraphQL query) → rules → check
 * run and comment. A typical review costs four requests: the file list, the
 * snapshot, the check run and the comment (none when its text is unchanged).
 */
async function reviewPullRequest(
  context: Context,
  octokit: Octokit,
  pr: PullRequestPayload,
  identity: BotIdentity,
  options: HandlerOptions,
  remembered: PathMemory,
  trigger: ReviewTrigger = {},
  control?: JobControl,
): Promise<void> {
  const prContext = pullRequestContext(pr);
  const repo = { owner: prContext.owner, repo: prContext.repo };
  const log = context.log.child({ pr: `${repo.owner}/${repo.repo}#${pr.number}`, sha: prContext.headSha.slice(0, 7) });

  // A draft, a bot's pull request or one with a default skip label is skipped under the default
  // configuration: read the configuration before listing files that would not be reviewed.
  const likelySkipped =
    prContext.draft || prContext.author.isBot || (pr.labels ?? []).some((l) => DEFAULT_SKIP_LABELS.includes(l.name.toLowerCase()));
  let listed: ListedFile[] | undefined;
  let snapshot: Snapshot | undefined;
  // Reads, like writes, wait out a secondary rate limit (Probot's Octokit only logs those).
  // Weight headers are asked for as soon as the list shows their LFS pointers, beside the snapshot.
  const weightBytes = options.weightBytes;
  const list = () =>
    withRateLimitRetry(() => listPullRequestFiles(octokit, pr)).then((files) => {
      if (weightBytes) prefetchWeightHeaders(octokit, pullRequestSources(pr), prContext.headSha, listedLfsPointers(files), weightBytes);
      return files;
    });
  const read = (blobShas: readonly string[], paths: readonly string[]) =>
    withRateLimitRetry(() =>
      readSnapshot(octokit, {
        repo,
        number: pr.number,
        headSha: prContext.headSha,
        defaultBranch: pr.base.repo.default_branch ?? "HEAD",
        blobShas,
        paths,
      }),
    );
  // The paths the last review of this pull request read: a push mostly changes the same files, so
  // their texts at the new head are asked for beside the file list instead of after it.
  // A first review reads what reviews of the same repository read (a card, a license, a config).
  const previousPaths = likelySkipped ? undefined : await recallPaths(remembered, pr, log);
  try {
    if (previousPaths) {
      const [files, answer] = await Promise.allSettled([list(), read([], previousPaths)]);
      if (files.status === "rejected") throw files.reason;
      listed = files.value;
      if (answer.status === "rejected") throw answer.reason;
      snapshot = answer.value;
    } else {
      if (!likelySkipped) listed = await list();
      snapshot = await read(listed ? likelyTextBlobs(listed, DEFAULT_CONFIG) : [], listed ? likelyRepoLookups(listedPaths(listed)) : []);
    }
  } catch (error) {
    if (listed === undefined && !likelySkipped) {
      // GitHub did not list the files: nothing can be reviewed; say so on the check run below.
      return failReview(error);
    }
    log.warn({ err: error, requestId: requestIdValue(error) }, "GitHub's GraphQL API did not answer the review's query; reading through REST instead");
  }
  // A late or redelivered event for a commit that is no longer the head: its check run is still
  // true of that commit, but the conversation belongs to the newest head (its own review says it).
  const stale = snapshot?.pullRequestHead !== undefined && snapshot.pullRequestHead !== prContext.headSha;
  if (stale) log.info({ head: snapshot?.pullRequestHead?.slice(0, 7) }, "this commit is no longer the pull request's head; publishing its check run only");
  const { config, problems, origin: configOrigin } = await loadConfig(context, snapshot);
  const publish = (output: CheckRunOutput) =>
    publishCheckRun(octokit, repo, prContext.headSha, output, {
      externalId: externalId(pr.number),
      ...(identity.login ? { botLogin: identity.login } : {}),
      ...(trigger.requested ? { force: true } : {}),
      existing: snapshot?.checkRuns,
    });

  async function failReview(error: unknown): Promise<never> {
    // A queue that will try again: the failure is published only by the last try.
    if (control && !control.isFinal(error)) {
      log.warn({ err: error, requestId: requestIdValue(error), attempt: control.attempt }, `review failed${requestIdOf(error)}; it will be tried again`);
      throw error;
    }
    // GitHub's request id, so that a failure can be traced with GitHub support.
    log.error({ err: error, requestId: requestIdValue(error) }, `review failed${requestIdOf(error)}`);
    // Never leave the PR without a verdict: say what went wrong, then let Probot log the error.
    const detail = `${error instanceof Error ? error.message : String(error)}${requestIdOf(error)}`;
    const tries = control && control.attempt > 1 ? ` (after ${control.attempt} tries)` : "";
    try {
      await publishCheckRun(octokit, repo, prContext.headSha, {
        conclusion: "neutral",
        title: "Review could not be completed",
        summary: `Cardinal could not finish this review${tries}: ${escapeMarkdown(detail)}\n\nRe-run the check to try again.`,
        annotations: [],
      }, { externalId: externalId(pr.number), force: true });
    } catch (publishError) {
      log.error({ err: publishError }, "could not publish the failure either");
    }
    throw error;
  }

  const author = prContext.author;
  const firstTime = isFirstTimeContributor(author.association);
  if (firstTime && trigger.opened && config.first_time_label && !stale) {
    await labelFirstTimer(octokit, pr, config.first_time_label, log);
  }
  /** A newer push came in while this review ran (queues across replicas): its own review publishes. */
  const supersededNow = async () => {
    if (!control || (await control.stillNewest())) return false;
    log.info("a newer push arrived while this review ran; leaving the verdict to its review");
    return true;
  };
  const skipReason = skipReasonFor(pr, config, log);
  if (skipReason) {
    if (await supersededNow()) return;
    await publish(renderSkipped(skipReason));
    log.info({ reason: skipReason.split(".")[0] }, "review skipped");
    return;
  }

  // A `cardinal: mute <rule-id>` label switches one rule off for this pull request only.
  const muted = mutedRules(pr);
  const reviewConfig = muted.length > 0 ? { ...config, rules: { ...config.rules, ...Object.fromEntries(muted.map((m) => [m.ruleId, "off" as const])) } } : config;

  // Set once the verdict is on GitHub: a later failure (the comment) must not replace it with "neutral".
  let verdictPublished = false;
  try {
    const workspace = await loadPullRequest(octokit, pr, config, {
      ...(listed ? { listed } : {}),
      ...(snapshot ? { blobs: snapshot.blobs, atHead: snapshot.paths } : { graphql: false }),
    });
    const readPaths = [...new Set([...workspace.read, ...likelyRepoLookups(listedPaths(workspace.listed))])].slice(0, MAX_ALIASES_PER_QUERY);
    // Off the review's road: on Redis these are round trips the verdict need not wait for (never rejects).
    const remembering = rememberPaths(remembered, pr, readPaths, log);
    const bytes = options.weightBytes ? reviewByteSource(octokit, pullRequestSources(pr), prContext.headSha, workspace.files, options.weightBytes) : undefined;
    const result = await review({
      workspace,
      repo: pullRequestRepoFiles(octokit, pullRequestSources(pr), prContext.headSha, snapshot?.paths),
      ...(bytes ? { bytes } : {}),
      // The Hub's answers are cached per installation: one installation's lookups never answer another's.
      ...(options.hub && config.hub ? { hub: options.hub.scoped?.(`installation:${installationOf(context)}`) ?? options.hub } : {}),
      config: reviewConfig,
      configSource: { path: CONFIG_PATH, problems, ...(configOrigin !== undefined ? { origin: configOrigin } : {}) },
      rules: RULES,
      ...(options.docsBase ? { docsBase: options.docsBase } : {}),
      pacing: reviewPacing(APP_REVIEW_SECONDS),
    });
    const ruleMeta = (id: string) => findRule(id)?.meta;
    const checkOutput = renderCheckRun({ findings: result.findings, files: result.files, ruleMeta });
    const worthy = commentWorthy(result.findings);
    const commentBody =
      config.comment === "never" || stale
        ? undefined
        : renderComment({
            // While an error or warning remains, every finding; then "all clear" (notices stay in the check run).
            findings: worthy ? result.findings : [],
            author: author.login,
            ruleMeta,
            rulesUrl: rulesIndexUrl(options.docsBase),
            ...(options.localRun ? { localRun: options.localRun } : {}),
            ...(config.openness
              ? { openness: opennessLines(result.files, result.references ?? []), lineage: lineageGraph(result.files, result.references ?? []) }
              : {}),
            ...(firstTime && config.welcome !== false ? { welcome: welcomeInput(pr, config.welcome, snapshot?.contributing ?? null) } : {}),
            ...(muted.length > 0 ? { muted } : {}),
          });
    if (await supersededNow()) return;
    // The check run and the comment do not depend on each other: both are written at once.
    const [checked, commented] = await Promise.allSettled([
      publish(checkOutput),
      commentBody === undefined
        ? Promise.resolve("none" as const)
        : upsertComment(octokit, { ...repo, issue_number: pr.number }, commentBody, identity, {
            createIfMissing: worthy || config.comment === "always",
            known: snapshot?.comments,
          }),
    ]);
    await remembering;
    if (checked.status === "rejected") throw checked.reason;
    verdictPublished = true;
    if (commented.status === "rejected") throw commented.reason;
    const checkAction = checked.value;
    const commentAction = commented.value;

    let reviewAction = "none";
    if (config.suggestions && !stale && result.findings.some((f) => f.fix)) {
      reviewAction = await publishSuggestions(
        octokit,
        { ...repo, pull_number: pr.number },
        prContext.headSha,
        suggestionComments(result.findings, workspace.patches),
        identity,
        log,
      );
    }
    if (commentAction === "unknown-identity" || reviewAction === "unknown-identity") {
      log.warn("Cardinal could not learn its own login (GET /app failed), so it created, edited and deleted no comment; the check run carries the verdict");
    }
    log.info(
      {
        files: result.files.length,
        findings: result.findings.length,
        check: checkAction,
        comment: commentAction,
        review: reviewAction,
        ...(bytes && bytes.stats().requests > 0 ? { weightBytes: bytes.stats().bytes } : {}),
      },
      "review published",
    );
  } catch (error) {
    if (!verdictPublished) return failReview(error);
    log.error({ err: error, requestId: requestIdValue(error) }, `review failed${requestIdOf(error)}`);
    throw error;
  }
}

/** The paths to read beside the file list: the pull request's last review's, else its repository's reviews'. */
async function recallPaths(remembered: PathMemory, pr: PullRequestPayload, log: Context["log"]): Promise<string[] | undefined> {
  try {
    // Both at once: on Redis a first review pays one round trip, not two.
    const [ofPullRequest, ofRepository] = await Promise.all([
      remembered.pullRequests.get<string[]>(pullRequestKey(pr)),
      remembered.repositories.get<string[]>(repositoryKey(pr)),
    ]);
    return ofPullRequest ?? ofRepository;
  } catch (error) {
    log.warn({ err: error }, "could not recall the paths earlier reviews read; listing the files first");
    return undefined;
  }
}

/**
 * Remembers the paths a review read, for the pull request's next review,
 * and beside those of other reviews of the repository (most recent first),
 * for its next first review. Memory is a help, not a need: a cache that
 * does not answer costs one round trip later, never the review.
 */
async function rememberPaths(remembered: PathMemory, pr: PullRequestPayload, paths: readonly string[], log: Context["log"]): Promise<void> {
  try {
    const repoKey = repositoryKey(pr);
    const [, known] = await Promise.all([
      remembered.pullRequests.set(pullRequestKey(pr), paths, PULL_REQUEST_PATHS_TTL_MS),
      remembered.repositories.get<string[]>(repoKey),
    ]);
    const before = known ?? [];
    const merged = [...new Set([...paths, ...before])].slice(0, MAX_ALIASES_PER_QUERY);
    await remembered.repositories.set(repoKey, merged, REPOSITORY_PATHS_TTL_MS);
  } catch (error) {
    log.warn({ err: error }, "could not remember the paths this review read; the next review lists the files first");
  }
}

/** The installation a delivery came through ("none" for a payload without one, as in `npm run replay`). */
function installationOf(context: Context): string {
  const id = (context.payload as { installation?: { id?: unknown } }).installation?.id;
  return typeof id === "number" ? String(id) : "none";
}

/** What the welcome needs: the repository's own text (a string in `welcome:`) or Cardinal's (`true`). */
function welcomeInput(pr: PullRequestPayload, setting: string | true, contributing: string | null): WelcomeInput {
  const { owner, repo } = pullRequestContext(pr);
  return {
    ...(typeof setting === "string" ? { template: setting } : {}),
    // Linked only when the snapshot saw it on the default branch: never a link to a missing page.
    ...(contributing ? { contributing } : {}),
    repo: `${owner}/${repo}`,
    // GitHub resolves HEAD in a blob link to the default branch, should a payload not name it.
    defaultBranch: pr.base.repo.default_branch ?? "HEAD",
  };
}

/** The pull request actions that start a review. */
export const PULL_REQUEST_ACTIONS = [
  "pull_request.opened",
  "pull_request.reopened",
  "pull_request.synchronize",
  "pull_request.ready_for_review",
] as const;

/** Every webhook event Cardinal handles; app.yml subscribes to exactly these. */
export const HANDLED_EVENTS = ["pull_request", "check_run", "issue_comment"] as const;

/** Whether a user may write to the repository (write, maintain or admin), per GitHub. */
async function hasWriteAccess(octokit: Octokit, repo: { owner: string; repo: string }, username: string): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    const role = (data as { role_name?: string }).role_name ?? data.permission;
    return WRITE_ROLES.includes(role);
  } catch (error) {
    if ((error as { status?: unknown } | null)?.status === 404) return false; // not a collaborator
    throw error;
  }
}

/**
 * An error as it leaves a handler: its name, message, stack and HTTP status,
 * and nothing else. @octokit/webhooks assigns the whole payload to a thrown
 * error (`event`) and Probot logs it; a payload is the stranger's text (and
 * Octokit's errors carry the request body), so none of it reaches the log.
 */
function bare(error: unknown): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const out = new Error(source.message);
  out.name = source.name;
  if (source.stack) out.stack = source.stack;
  const status = (source as { status?: unknown }).status;
  if (typeof status === "number") Object.assign(out, { status });
  // Assignments of `event` are ignored: the payload never rides on the error.
  Object.defineProperty(out, "event", { get: () => undefined, set: () => undefined, enumerable: false });
  return out;
}

/** What the webhooks of a replica and the workers of a queue share: the queue, and what reviews remember. */
export interface ReviewRuntime {
  /** Runs `job` once per delivery id; a failed delivery may be redelivered (same id) from GitHub's UI, so it is let through. */
  once(context: Context, job: () => Promise<void>): Promise<void>;
  /**
   * Queues a review unless the same pull request state is reviewed or queued
   * already (a flood of deliveries for one head costs one review); a
   * requested review (recheck, Re-run) always runs.
   */
  reviewQueued(context: Context, octokit: Octokit, pr: PullRequestPayload, trigger?: ReviewTrigger, onStart?: () => void): Promise<void>;
  readonly queue: JobQueue<ReviewJob>;
}

/** A review job as JSON and back: the delivery, and a fresh installation token for the worker that runs it. */
function reviewCodec(app: Probot): JobCodec<ReviewJob> {
  interface Stored {
    readonly event: { id: string; name: string; payload: Record<string, unknown> };
    readonly pr: PullRequestPayload;
    readonly trigger: ReviewTrigger;
    readonly state: string;
  }
  return {
    encode: (job): Stored => ({
      event: { id: job.context.id, name: job.context.name, payload: job.context.payload as unknown as Record<string, unknown> },
      pr: job.pr,
      trigger: job.trigger,
      state: job.state,
    }),
    async decode(stored, attempt) {
      const { event, pr, trigger, state } = stored as Stored;
      const installation = (event.payload["installation"] as { id?: unknown } | undefined)?.id;
      const octokit = await app.auth(typeof installation === "number" ? installation : undefined);
      const log = app.log.child({ id: event.id, name: event.name, ...(attempt > 1 ? { attempt } : {}) });
      const context = new Context(event as ConstructorParameters<typeof Context>[0], octokit, log);
      return { context, octokit, pr, trigger, state };
    },
  };
}

/**
 * The queue and memory of reviews: in this process (no infrastructure) or
 * on Redis. The webhook handlers add jobs; the processor (here, or in a
 * `cardinal-worker` process) runs them.
 */
export function createReviewRuntime(app: Probot, options: HandlerOptions = {}): ReviewRuntime {
  const shared = options.infrastructure?.cache;
  const seenDeliveries = shared?.namespace("delivery") ?? memoryCache({ max: 10_000 });
  // Bounded: a few hundred bytes per pull request, forgotten after a day without a push.
  const remembered: PathMemory = {
    pullRequests: shared?.namespace("pr-paths") ?? memoryCache({ max: 5_000 }),
    repositories: shared?.namespace("repo-paths") ?? memoryCache({ max: 2_000 }),
  };
  const identity = botIdentity(app);
  const states: StateLedger = shared ? new SharedReviewedStates(shared.namespace("state")) : new ReviewedStates();

  const processor: JobProcessor<ReviewJob> = {
    async run(job, control) {
      const key = pullRequestKey(job.pr);
      let published = false;
      let final = true;
      try {
        job.onStart?.();
        await reviewPullRequest(job.context, job.octokit, job.pr, await identity(), options, remembered, job.trigger, control);
        published = true;
      } catch (error) {
        final = control.isFinal(error);
        throw error;
      } finally {
        // A job that will be tried again keeps its claim on the state.
        if (final) await states.settle(key, job.state, published, job.trigger.requested === true);
      }
    },
    async superseded(job) {
      const key = pullRequestKey(job.pr);
      job.onStart?.();
      job.context.log.info({ pr: key }, "a newer push is queued; skipping this one");
      await states.settle(key, job.state, false, job.trigger.requested === true);
    },
  };
  const queue = options.infrastructure?.queue(processor, reviewCodec(app)) ?? new MemoryJobQueue(processor);

  const once = async (context: Context, job: () => Promise<void>) => {
    if (!(await seenDeliveries.claim(context.id, 60 * 60 * 1000))) {
      context.log.info("delivery already handled; ignoring the redelivery");
      return;
    }
    try {
      await job();
    } catch (error) {
      await seenDeliveries.delete(context.id).catch(() => undefined);
      throw error;
    }
  };

  const reviewQueued = async (context: Context, octokit: Octokit, pr: PullRequestPayload, trigger: ReviewTrigger = {}, onStart?: () => void) => {
    const key = pullRequestKey(pr);
    const state = reviewState(pr);
    const requested = trigger.requested === true;
    if (!(await states.claim(key, state, requested))) {
      context.log.info({ pr: key, sha: pr.head.sha.slice(0, 7) }, "this pull request state is already reviewed or queued; ignoring the delivery");
      return;
    }
    try {
      await queue.add({
        key,
        headSha: pr.head.sha,
        // A requested review is its own job; a delivery's is one per pull request state.
        dedupeId: requested ? `${state}:${context.id}` : state,
        data: { context, octokit, pr, trigger, state, ...(onStart ? { onStart } : {}) },
      });
    } catch (error) {
      // Not stored (Redis did not answer): the state is free for a redelivery.
      if (queue.durable) await Promise.resolve(states.settle(key, state, false, requested)).catch(() => undefined);
      throw error;
    }
  };

  return { once, reviewQueued, queue };
}

/** Wires Cardinal's handlers into a Probot app; returns the review runtime (its queue, to close on shutdown). */
export function registerHandlers(app: Probot, options: HandlerOptions = {}): ReviewRuntime {
  // The failed delivery as a whole (AggregateError) carries the payload too, logged by @octokit's
  // middleware after the error handlers run: keep only its id and name.
  app.onError((error) => {
    const failed = error as { event?: { id?: unknown; name?: unknown } };
    if (failed.event) failed.event = { id: failed.event.id, name: failed.event.name };
  });
  /** Runs a handler; what it throws leaves without the payload (see `bare`). */
  const guard =
    <C>(handler: (context: C) => Promise<void>) =>
    async (context: C): Promise<void> => {
      try {
        await handler(context);
      } catch (error) {
        throw bare(error);
      }
    };
  const runtime = createReviewRuntime(app, options);
  const replies = new ReplyLimiter();
  /** A recheck waiting to start, per pull request: later `/cardinal recheck` comments join it. */
  const pendingRechecks = new Map<string, Promise<void>>();
  /** Who may write to a repository, asked of GitHub once per ten minutes per person. */
  const writers = new LRUCache<string, boolean>({ max: 10_000, ttl: 10 * 60 * 1000 });
  const { once, reviewQueued } = runtime;

  const handle = async (context: Context, octokit: Octokit, pr: PullRequestPayload, trigger: ReviewTrigger = {}) =>
    once(context, () => reviewQueued(context, octokit, pr, trigger));

  app.on(
    [...PULL_REQUEST_ACTIONS],
    guard(async (context) => {
      const event = valid(parsePullRequestEvent(context.payload), context.log, `a ${context.name} delivery`);
      if (!event) return;
      await handle(context as unknown as Context, context.octokit, event.pull_request, {
        opened: event.action === "opened",
      });
    }),
  );

  app.on("issue_comment.created", guard(async (context) => {
    if (!context.payload.issue?.pull_request) return; // a comment on an issue, not on a pull request
    const event = valid(parseIssueCommentEvent(context.payload), context.log, "an issue_comment delivery");
    if (!event) return;
    const { issue, comment, repository } = event;
    const user = comment.user;
    // Bots never give commands; this covers Cardinal's own comments and replies too.
    if (!user || user.type === "Bot" || user.login.endsWith("[bot]")) return;
    const command = parseCommand(comment.body ?? "");
    if (!command) return;
    const octokit = context.octokit;
    const prKey = `${repository.full_name}#${issue.number}`;
    const log = context.log.child({ pr: prKey, command: command.name });
    const reply = async (body: string) => {
      const decision = replies.decide(prKey, user.login, comment.body ?? "");
      if (decision !== "reply") {
        log.info({ user: user.login, reason: decision }, "command not answered: replies are limited per person and pull request");
        return;
      }
      await octokit.rest.issues.createComment(context.repo({ issue_number: issue.number, body }));
    };

    await once(context as unknown as Context, async () => {
      switch (command.name) {
        case "help":
          return reply(renderHelp(rulesIndexUrl(options.docsBase)));
        case "unknown":
          return reply(renderUnknownCommand(command.text));
        case "explain":
          return reply(
            renderExplain(command.ruleId, (id) => findRule(id)?.meta, RULE_IDS, {
              rulesUrl: rulesIndexUrl(options.docsBase),
              ...(options.docsBase ? { docsBase: options.docsBase } : {}),
            }),
          );
        case "recheck": {
          const writerKey = `${repository.full_name}:${user.login.toLowerCase()}`;
          let allowed = user.login === issue.user?.login || writers.get(writerKey);
          if (allowed === undefined) {
            allowed = await hasWriteAccess(octokit, context.repo(), user.login);
            writers.set(writerKey, allowed);
          }
          if (!allowed) {
            log.info({ user: user.login }, "recheck refused: neither the author nor a writer");
            return reply(renderRecheckRefused());
          }
          // Rechecks that arrive before the waiting one has started join it: a burst costs one review
          // (two when one was already running), whatever the number of comments.
          const waiting = pendingRechecks.get(prKey);
          if (waiting) {
            log.info({ user: user.login }, "a recheck of this pull request is already waiting; joining it");
            return waiting;
          }
          const started = () => {
            if (pendingRechecks.get(prKey) === job) pendingRechecks.delete(prKey);
          };
          // Deferred a tick, so `job` is set before its body can call `started`.
          const job: Promise<void> = Promise.resolve().then(async () => {
            try {
              const pr = await getPullRequest(octokit, context.repo(), issue.number);
              log.info({ user: user.login }, "recheck requested");
              await reviewQueued(context as unknown as Context, octokit, pr, { requested: true }, started);
            } finally {
              started();
            }
          });
          pendingRechecks.set(prKey, job);
          return job;
        }
      }
    });
  }));

  app.on("check_run.rerequested", guard(async (context) => {
    const event = valid(parseCheckRunEvent(context.payload), context.log, "a check_run delivery");
    if (!event) return;
    const run = event.check_run;
    if (run.name !== "Cardinal") return;
    // Fork PRs leave `pull_requests` empty; the external id keeps the number.
    const number = run.pull_requests[0]?.number ?? prNumberFromExternalId(run.external_id);
    if (number === undefined) {
      context.log.warn({ sha: run.head_sha }, "re-run requested for a check run that names no pull request");
      return;
    }
    const pr = await getPullRequest(context.octokit, context.repo(), number);
    // Someone pressed Re-run: publish a check run even when the verdict is unchanged, so the button never looks dead.
    await handle(context as unknown as Context, context.octokit, pr, { requested: true });
  }));
  return runtime;
}
