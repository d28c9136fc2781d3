/**
 * The payload schemas (src/io/github/payloads.ts) against the real-shaped
 * fixtures, and against every missing or odd field an attacker-shaped (or
 * trimmed) signed payload could carry: nothing odd gets through, and the
 * problem names the field in one line without echoing its value.
 */
import { describe, expect, it } from "vitest";
import {
  parseCheckRunEvent,
  parseIssueCommentEvent,
  parsePullRequest,
  parsePullRequestEvent,
  type Parsed,
} from "../src/io/github/payloads.js";
import { pullRequestContext, type PullRequestPayload } from "../src/io/github/pull-request.js";
import app from "../src/index.js";
import {
  api,
  createLoggingProbot,
  fixture,
  HEAD_SHA,
  mockCreateCheckRun,
  mockReviewStart,
  OWNER,
  pullFixture,
  REPO,
  useNockSandbox,
} from "./helpers/github.js";

type Json = Record<string, unknown>;

const PULL_REQUEST_FIXTURES = [
  "pull_request.opened.json",
  "pull_request.opened.bot.json",
  "pull_request.opened.contributor.json",
  "pull_request.opened.draft.json",
  "pull_request.opened.first-timer.json",
  "pull_request.opened.fork.json",
  "pull_request.opened.skip-label.json",
  "pull_request.ready_for_review.json",
  "pull_request.synchronize.json",
];

const pullRequestEvent = (file = "pull_request.opened.json"): Json => fixture<"pull_request.opened">(file) as unknown as Json;
const commentEvent = (file = "issue_comment.created.json"): Json => fixture<"issue_comment.created">(file) as unknown as Json;
const checkRunEvent = (): Json => fixture<"check_run.rerequested">("check_run.rerequested.fork.json") as unknown as Json;

/** Sets (or with `undefined`, deletes) the field at a dotted path such as `pull_request.head.sha`. */
function withField(payload: Json, path: string, value: unknown): Json {
  const keys = path.split(".");
  let node: Json = payload;
  for (const key of keys.slice(0, -1)) node = node[key] as Json;
  const last = keys.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return payload;
}

function problemOf<T>(result: Parsed<T>): string {
  expect(result.ok).toBe(false);
  return result.ok ? "" : result.problem;
}

describe("parsePullRequestEvent on real-shaped payloads", () => {
  it.each(PULL_REQUEST_FIXTURES)("accepts %s, and its pull request is a PullRequestPayload the handlers take as is", (file) => {
    const payload = pullRequestEvent(file);
    const result = parsePullRequestEvent(payload);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const pr: PullRequestPayload = result.value.pull_request;
    const original = payload["pull_request"] as PullRequestPayload;
    // The same review context as from the raw payload: nothing Cardinal reads was lost.
    expect(pullRequestContext(pr)).toEqual(pullRequestContext(original));
    expect(pr.labels).toEqual(original.labels?.map((l) => ({ name: l.name })));
    expect(pr.base.repo.default_branch).toBe(original.base.repo.default_branch);
    expect(result.value.repository.full_name).toBe((payload["repository"] as { full_name: string }).full_name);
  });

  it("keeps only the fields Cardinal reads", () => {
    const result = parsePullRequestEvent(pullRequestEvent());
    expect(result.ok && Object.keys(result.value.pull_request).sort()).toEqual(
      ["author_association", "base", "changed_files", "draft", "head", "labels", "number", "title", "user"].sort(),
    );
  });

  it("accepts a fork whose repository was deleted (head.repo null), a ghost user (null) and no labels or draft", () => {
    const payload = pullRequestEvent("pull_request.opened.fork.json");
    withField(payload, "pull_request.head.repo", null);
    withField(payload, "pull_request.user", null);
    withField(payload, "pull_request.labels", undefined);
    withField(payload, "pull_request.draft", undefined);
    withField(payload, "pull_request.changed_files", undefined);
    withField(payload, "installation", undefined);

    const result = parsePullRequestEvent(payload);

    expect(result.ok).toBe(true);
    expect(result.ok && pullRequestContext(result.value.pull_request)).toMatchObject({ fork: true, author: { login: "ghost" }, draft: false });
  });

  it("accepts bot logins, managed-user logins, dotted repository names and a slashed default branch", () => {
    const payload = pullRequestEvent();
    withField(payload, "pull_request.user", { login: "dependabot[bot]", type: "Bot" });
    withField(payload, "pull_request.head.repo.owner.login", "octo_acme");
    withField(payload, "pull_request.head.repo.name", "my.model-v2_final");
    withField(payload, "pull_request.base.repo.default_branch", "release/2026.03");
    withField(payload, "pull_request.changed_files", 0);

    expect(parsePullRequestEvent(payload)).toMatchObject({ ok: true });
  });
});

describe("parsePullRequestEvent refuses odd fields, naming them", () => {
  const numberCases: [string, unknown][] = [
    ["Infinity", Infinity],
    ["-Infinity", -Infinity],
    ["-1", -1],
    ["0", 0],
    ['"1" (a string)', "1"],
    ["NaN", NaN],
    ["1e20", 1e20],
    ["2^53 (unsafe)", 2 ** 53],
    ["1.5", 1.5],
    ["null", null],
    ["an object", { valueOf: 7 }],
  ];

  it.each(numberCases)("pull_request.number = %s", (_name, value) => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), "pull_request.number", value)))).toBe(
      "pull_request.number: expected a positive integer",
    );
  });

  it.each(numberCases.filter(([name]) => name !== "null"))("installation.id = %s", (_name, value) => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), "installation.id", value)))).toBe("installation.id: expected a positive integer");
  });

  it.each([
    ["pull_request.changed_files", -1],
    ["pull_request.changed_files", Infinity],
    ["pull_request.changed_files", "3"],
  ])("%s = %s", (path, value) => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), path, value)))).toBe(`${path}: expected a whole number, 0 or more`);
  });

  const shaCases: [string, unknown][] = [
    ["39 hex digits", HEAD_SHA.slice(0, 39)],
    ["41 hex digits", `${HEAD_SHA}0`],
    ["upper case", HEAD_SHA.toUpperCase()],
    ["a path", `../../${HEAD_SHA.slice(6)}`],
    ["a newline at the end", `${HEAD_SHA}\n`],
    ["a ref name", "main"],
    ["a number", 1234],
  ];

  it.each(shaCases)("pull_request.head.sha as %s", (_name, value) => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), "pull_request.head.sha", value)))).toBe(
      "pull_request.head.sha: expected a 40-digit hex commit sha",
    );
  });

  it.each(shaCases)("pull_request.base.sha as %s", (_name, value) => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), "pull_request.base.sha", value)))).toMatch(/^pull_request\.base\.sha: /);
  });

  const loginCases: [string, unknown][] = [
    ["with a newline", "octo-dana\nINFO forged log line"],
    ["with a slash", "acme-ai/../evil"],
    ["with a space", "octo dana"],
    ["empty", ""],
    ["starting with a hyphen", "-octo"],
    ["40 characters", "a".repeat(40)],
    ["with a percent escape", "acme%2Fevil"],
    ["a number", 42],
  ];

  it.each(loginCases)("pull_request.user.login %s", (_name, value) => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), "pull_request.user.login", value)))).toMatch(/^pull_request\.user\.login: expected a GitHub login/);
  });

  it.each(loginCases)("pull_request.base.repo.owner.login (the owner in request paths) %s", (_name, value) => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), "pull_request.base.repo.owner.login", value)))).toMatch(
      /^pull_request\.base\.repo\.owner\.login: expected a GitHub login/,
    );
  });

  it.each(loginCases)("pull_request.head.repo.owner.login (a fork's owner) %s", (_name, value) => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent("pull_request.opened.fork.json"), "pull_request.head.repo.owner.login", value)))).toMatch(
      /^pull_request\.head\.repo\.owner\.login: expected a GitHub login/,
    );
  });

  it.each([
    ["with a slash", "tiny-llm/../../orgs"],
    [".", "."],
    ["..", ".."],
    ["with a newline", "tiny\nllm"],
    ["with a query", "tiny-llm?x=1"],
    ["101 characters", "r".repeat(101)],
    ["empty", ""],
  ])("pull_request.base.repo.name %s", (_name, value) => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), "pull_request.base.repo.name", value)))).toMatch(/^pull_request\.base\.repo\.name: expected a repository name/);
  });

  it.each([
    ["with ..", "main..evil"],
    ["with a space", "main branch"],
    ["with a newline", "main\n"],
    ["empty", ""],
  ])("pull_request.base.repo.default_branch %s", (_name, value) => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), "pull_request.base.repo.default_branch", value)))).toBe(
      "pull_request.base.repo.default_branch: expected a branch name",
    );
  });

  it.each([
    "pull_request",
    "pull_request.number",
    "pull_request.title",
    "pull_request.head",
    "pull_request.head.sha",
    "pull_request.head.repo",
    "pull_request.base",
    "pull_request.base.repo",
    "pull_request.base.repo.owner",
    "pull_request.base.repo.owner.login",
    "pull_request.user",
    "pull_request.author_association",
    "repository",
    "repository.owner.login",
    "action",
  ])("%s missing", (path) => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), path, undefined)))).toBe(`${path}: missing`);
  });

  it("labels that are not a list, or hold a label without a name, name the label", () => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), "pull_request.labels", "bug")))).toBe("pull_request.labels: expected a list");
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), "pull_request.labels", [{ name: "ok" }, { color: "red" }])))).toBe(
      "pull_request.labels[1].name: missing",
    );
  });

  it("a repository whose full_name is not owner/name is refused", () => {
    expect(problemOf(parsePullRequestEvent(withField(pullRequestEvent(), "repository.full_name", "someone/else")))).toMatch(/^repository\.full_name: expected owner\/name/);
  });

  it("no payload at all, or not an object", () => {
    for (const payload of [undefined, null, "{}", 7, []]) {
      expect(problemOf(parsePullRequestEvent(payload))).toMatch(/^\(payload\): (missing|expected an object)$/);
    }
  });

  it("the problem is one short line that never echoes the value", () => {
    const hostile = `evil\n${"x".repeat(10_000)}`;
    for (const path of ["pull_request.user.login", "pull_request.head.sha", "pull_request.base.repo.name", "pull_request.title"]) {
      const value = path === "pull_request.title" ? hostile.repeat(2) : hostile;
      const problem = problemOf(parsePullRequestEvent(withField(pullRequestEvent(), path, value)));
      expect(problem).not.toContain("\n");
      expect(problem).not.toContain("evil");
      expect(problem.length).toBeLessThan(120);
    }
  });
});

describe("parseIssueCommentEvent", () => {
  it("accepts a comment on a pull request and one on a plain issue, keeping what the command handler reads", () => {
    const onPr = parseIssueCommentEvent(commentEvent());
    const onIssue = parseIssueCommentEvent(commentEvent("issue_comment.created.issue.json"));

    expect(onPr).toMatchObject({ ok: true, value: { issue: { number: 7, pull_request: {} }, comment: { user: { login: "octo-dana" } }, repository: { full_name: "acme-ai/tiny-llm" } } });
    expect(onPr.ok && onPr.value.comment.body).toContain("/cardinal recheck");
    expect(onIssue.ok).toBe(true);
    expect(onIssue.ok && onIssue.value.issue.pull_request).toBeUndefined();
  });

  it("accepts a deleted commenter (null user) and a null body, which the handler ignores", () => {
    const payload = withField(withField(commentEvent(), "comment.user", null), "comment.body", null);
    expect(parseIssueCommentEvent(payload)).toMatchObject({ ok: true, value: { comment: { user: null, body: null } } });
  });

  it.each([
    ["issue.number", Infinity, "issue.number: expected a positive integer"],
    ["issue.number", "7", "issue.number: expected a positive integer"],
    ["issue.number", -7, "issue.number: expected a positive integer"],
    ["issue.number", 1e20, "issue.number: expected a positive integer"],
    ["issue.number", undefined, "issue.number: missing"],
    ["comment.user.login", "octo\ndana", "comment.user.login: expected a GitHub login (letters, digits, - and _)"],
    ["comment.user.login", "a/b", "comment.user.login: expected a GitHub login (letters, digits, - and _)"],
    ["comment.user.type", "User\n", "comment.user.type: expected text without control characters"],
    ["comment.body", 42, "comment.body: expected a string or null"],
    ["comment.body", "x".repeat(2 * 65_536 + 1), "comment.body: expected at most 131072 characters"],
    ["comment", undefined, "comment: missing"],
    ["issue.pull_request", "yes", "issue.pull_request: expected an object or null"],
    ["repository.owner.login", "acme/evil", "repository.owner.login: expected a GitHub login (letters, digits, - and _)"],
    ["repository.name", "..", "repository.name: expected a repository name, not . or .."],
    ["action", "edited", 'action: expected "created"'],
  ])("%s = %j → %s", (path, value, problem) => {
    expect(problemOf(parseIssueCommentEvent(withField(commentEvent(), path, value)))).toBe(problem);
  });
});

describe("parseCheckRunEvent", () => {
  it("accepts a fork's re-run (no pull_requests, the number in external_id)", () => {
    expect(parseCheckRunEvent(checkRunEvent())).toMatchObject({
      ok: true,
      value: { check_run: { name: "Cardinal", external_id: "pr:7", pull_requests: [] }, installation: { id: 48151623 } },
    });
  });

  it("accepts a same-repo re-run listing its pull request, and a null external_id", () => {
    const payload = withField(withField(checkRunEvent(), "check_run.pull_requests", [{ number: 7, id: 1, head: { sha: HEAD_SHA } }]), "check_run.external_id", null);
    expect(parseCheckRunEvent(payload)).toMatchObject({ ok: true, value: { check_run: { pull_requests: [{ number: 7 }], external_id: null } } });
  });

  it.each([
    ["check_run.pull_requests", [{ number: Infinity }], "check_run.pull_requests[0].number: expected a positive integer"],
    ["check_run.pull_requests", [{ number: 7 }, { number: "8" }], "check_run.pull_requests[1].number: expected a positive integer"],
    ["check_run.pull_requests", [{}], "check_run.pull_requests[0].number: missing"],
    ["check_run.pull_requests", undefined, "check_run.pull_requests: missing"],
    ["check_run.pull_requests", {}, "check_run.pull_requests: expected a list"],
    ["check_run.head_sha", "6dcb09b5b57875f334f61aebed695e2e4193db5", "check_run.head_sha: expected a 40-digit hex commit sha"],
    ["check_run.external_id", "pr:7\nforged", "check_run.external_id: expected text without control characters"],
    ["check_run.name", undefined, "check_run.name: missing"],
    ["action", "created", 'action: expected "rerequested"'],
    ["installation.id", NaN, "installation.id: expected a positive integer"],
  ])("%s = %j → %s", (path, value, problem) => {
    expect(problemOf(parseCheckRunEvent(withField(checkRunEvent(), path, value)))).toBe(problem);
  });
});

describe("parsePullRequest (a REST pull request, as pulls.get answers)", () => {
  it("accepts the fork PR GitHub's REST API returns", () => {
    const result = parsePullRequest(pullFixture("pulls.get.fork.json"));
    expect(result.ok).toBe(true);
    expect(result.ok && pullRequestContext(result.value).fork).toBe(true);
  });

  it("names the field under the label it is given", () => {
    const pr = pullFixture("pulls.get.fork.json");
    withField(pr, "number", Infinity);
    expect(problemOf(parsePullRequest(pr))).toBe("pull_request.number: expected a positive integer");
    expect(problemOf(parsePullRequest(pr, "pulls.get"))).toBe("pulls.get.number: expected a positive integer");
  });
});

describe("malformed signed payloads through the app", () => {
  const unmatched = useNockSandbox();

  async function receiveLogged(name: "pull_request" | "issue_comment" | "check_run", payload: Json) {
    const { probot, lines } = createLoggingProbot();
    await probot.load(app);
    await probot.receive({ id: `malformed-${name}`, name, payload } as never);
    return lines;
  }

  it.each([
    ["a pull request without its number", (p: Json) => delete (p["pull_request"] as Json)["number"], "pull_request.number: missing"],
    ["a pull request numbered Infinity", (p: Json) => ((p["pull_request"] as Json)["number"] = Infinity), "pull_request.number"],
    ["a head without its sha", (p: Json) => delete ((p["pull_request"] as Json)["head"] as Json)["sha"], "pull_request.head.sha: missing"],
  ])("%s: no request to GitHub, no exception, one warning that names the field", async (_name, damage, field) => {
    const payload = fixture<"pull_request.opened">("pull_request.opened.json") as unknown as Json;
    damage(payload);
    const lines = await receiveLogged("pull_request", payload);
    expect(unmatched.requests).toEqual([]);
    const warnings = lines.filter((l) => l.level === 40 && !l.msg.startsWith("INSECURE"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain(field);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it("a check run whose external id names a number past 2^53 reaches no /pulls/Infinity", async () => {
    const payload = fixture<"check_run.rerequested">("check_run.rerequested.fork.json") as unknown as Json;
    (payload["check_run"] as Json)["external_id"] = `pr:${"9".repeat(200)}`;
    const lines = await receiveLogged("check_run", payload);
    expect(unmatched.requests).toEqual([]);
    expect(lines.some((l) => l.msg.includes("names no pull request"))).toBe(true);
  });
});

describe("a failing delivery's log", () => {
  useNockSandbox();

  it("holds no part of the payload: the thrown error carries only its message and status, the failed delivery only its id and name", async () => {
    const { probot, raw } = createLoggingProbot();
    await probot.load(app);
    const payload = fixture<"pull_request.opened">("pull_request.opened.json");
    const canary = "CANARY-7f3a payload text a stranger wrote";
    payload.pull_request.title = canary;
    payload.pull_request.body = canary;
    const scope = api();
    mockReviewStart(scope);
    scope.get(`/repos/${OWNER}/${REPO}/pulls/7/files`).query({ per_page: "100" }).reply(500, { message: "Server Error" });
    mockCreateCheckRun(scope, []);

    const failure: unknown = await probot.receive({ id: "delivery-canary", name: "pull_request", payload }).catch((error: unknown) => error);

    expect(failure).toMatchObject({ errors: [expect.objectContaining({ status: 500 })], event: { id: "delivery-canary", name: "pull_request" } });
    expect(JSON.stringify((failure as { errors: unknown[] }).errors)).not.toContain("CANARY");
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.filter((line) => line.includes("CANARY"))).toEqual([]);
  });
});
