/**
 * Schemas for exactly the webhook payload fields Cardinal reads (see
 * handler.ts and pull-request.ts), checked before a handler touches them.
 * A signed delivery is GitHub's, but "signed" says nothing about shape: a
 * trimmed or hand-made payload without `pull_request.head` crashed the
 * handler with a TypeError (a 500), and a number like `Infinity` or `1e20`
 * went straight into request paths (`/pulls/Infinity`). Here every number
 * Cardinal puts in a path is a positive safe integer, every sha 40 hex
 * digits, and every login, owner and repository name GitHub-shaped, so none
 * can carry a slash, a newline or a `..` into a URL or a log line.
 *
 * Each parser returns `{ ok: true, value }` with only the fields read (the
 * rest is dropped), or `{ ok: false, problem }`: one short line naming the
 * first bad field and what was expected, never its value.
 */
import { z } from "zod";
import type { PullRequestPayload } from "./pull-request.js";

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const POSITIVE = "expected a positive integer";

/** An issue, pull request, installation or check run number: what may go into a request path. */
const positiveInteger = z.number({ error: POSITIVE }).int({ error: POSITIVE }).min(1, { error: POSITIVE }).max(Number.MAX_SAFE_INTEGER, { error: POSITIVE });

const count = z
  .number({ error: "expected a whole number, 0 or more" })
  .int({ error: "expected a whole number, 0 or more" })
  .min(0, { error: "expected a whole number, 0 or more" })
  .max(Number.MAX_SAFE_INTEGER, { error: "expected a whole number, 0 or more" });

const sha = z.string({ error: "expected a 40-digit hex commit sha" }).regex(/^[0-9a-f]{40}$/u, { error: "expected a 40-digit hex commit sha" });

/**
 * A user or organisation login: letters, digits, hyphens (and the
 * underscore of managed users' `_shortcode`), at most 39 characters before
 * an optional `[bot]` suffix ("dependabot[bot]").
 */
const login = z
  .string({ error: "expected a GitHub login" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,38}(?:\[bot\])?$/u, { error: "expected a GitHub login (letters, digits, - and _)" });

/** A repository name: letters, digits, `.`, `-` and `_`, at most 100 characters, not `.` or `..`. */
const repoName = z
  .string({ error: "expected a repository name" })
  .regex(/^[A-Za-z0-9._-]{1,100}$/u, { error: "expected a repository name (letters, digits, ., - and _)" })
  .refine((name) => name !== "." && name !== "..", { error: "expected a repository name, not . or .." });

/** Short text without control characters: an action, a user type, an association, a check run's name or external id. */
function text(max: number) {
  return z
    .string({ error: "expected a string" })
    .max(max, { error: `expected at most ${max} characters` })
    .refine((value) => !hasControlCharacter(value), { error: "expected text without control characters" });
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** A branch name as git allows it: no whitespace, control characters, `~^:?*[\`, or `..`. */
const branch = z
  .string({ error: "expected a branch name" })
  .min(1, { error: "expected a branch name" })
  .max(255, { error: "expected a branch name of at most 255 characters" })
  .refine((name) => !/[\s~^:?*[\\]/u.test(name) && !hasControlCharacter(name) && !name.includes(".."), { error: "expected a branch name" });

const owner = z.object({ login }, { error: "expected an object" });
const user = z.object({ login, type: text(64) }, { error: "expected an object or null" }).nullable();
const repository = z.object({ name: repoName, owner }, { error: "expected an object" });
const installation = z.object({ id: positiveInteger }, { error: "expected an object" }).optional();

const pullRequest = z.object(
  {
    number: positiveInteger,
    // GitHub allows 256 characters; the title is only ever rendered, escaped.
    title: z.string({ error: "expected a string" }).max(1024, { error: "expected at most 1024 characters" }),
    draft: z.boolean({ error: "expected true or false" }).optional(),
    changed_files: count.optional(),
    author_association: text(64),
    user,
    labels: z.array(z.object({ name: z.string({ error: "expected a string" }).max(256, { error: "expected at most 256 characters" }) }, { error: "expected an object" }), { error: "expected a list" }).max(1000, { error: "expected at most 1000 labels" }).optional(),
    head: z.object({ sha, repo: repository.nullable() }, { error: "expected an object" }),
    base: z.object({ sha, repo: repository.extend({ default_branch: branch.optional() }) }, { error: "expected an object" }),
  },
  { error: "expected an object" },
);

const eventRepository = repository.extend({ full_name: z.string({ error: "expected owner/name" }).max(202, { error: "expected owner/name" }) }).refine(
  (repo) => repo.full_name === `${repo.owner.login}/${repo.name}`,
  { error: "expected owner/name matching repository.owner.login and repository.name", path: ["full_name"] },
);

const pullRequestEvent = z.object(
  { action: text(64), pull_request: pullRequest, repository: eventRepository, installation },
  { error: "expected an object" },
);

/** GitHub caps a comment body at 65,536 characters; JavaScript counts UTF-16 units, so allow twice that. */
const COMMENT_BODY_MAX = 2 * 65_536;

const issueCommentEvent = z.object(
  {
    action: z.literal("created", { error: 'expected "created"' }),
    issue: z.object(
      {
        number: positiveInteger,
        user,
        // Present (an object) when the issue is a pull request.
        pull_request: z.object({}, { error: "expected an object or null" }).nullable().optional(),
      },
      { error: "expected an object" },
    ),
    comment: z.object(
      { user, body: z.string({ error: "expected a string or null" }).max(COMMENT_BODY_MAX, { error: `expected at most ${COMMENT_BODY_MAX} characters` }).nullable().optional() },
      { error: "expected an object" },
    ),
    repository: eventRepository,
    installation,
  },
  { error: "expected an object" },
);

const checkRunEvent = z.object(
  {
    action: z.literal("rerequested", { error: 'expected "rerequested"' }),
    check_run: z.object(
      {
        name: text(256),
        head_sha: sha,
        external_id: text(256).nullable().optional(),
        pull_requests: z.array(z.object({ number: positiveInteger }, { error: "expected an object" }), { error: "expected a list" }).max(1000, { error: "expected at most 1000 pull requests" }),
      },
      { error: "expected an object" },
    ),
    repository: eventRepository,
    installation,
  },
  { error: "expected an object" },
);

export type ParsedPullRequest = z.infer<typeof pullRequest>;
export type PullRequestEvent = z.infer<typeof pullRequestEvent>;
export type IssueCommentEvent = z.infer<typeof issueCommentEvent>;
export type CheckRunEvent = z.infer<typeof checkRunEvent>;

// A parsed pull request is a PullRequestPayload: the handlers take it as is.
const _compatible: (pr: ParsedPullRequest) => PullRequestPayload = (pr) => pr;
void _compatible;

/** `["pull_request", "labels", 3, "name"]` → `pull_request.labels[3].name`. */
function pathOf(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(payload)" : out;
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, prefix: readonly PropertyKey[] = []): Parsed<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, problem: `${pathOf(prefix)}: not valid` };
  const where = pathOf([...prefix, ...issue.path]);
  const missing = issue.code === "invalid_type" && issue.input === undefined;
  return { ok: false, problem: `${where}: ${missing ? "missing" : issue.message}` };
}

/** A `pull_request` event (opened, synchronize, …): its pull request, repository and installation. */
export function parsePullRequestEvent(payload: unknown): Parsed<PullRequestEvent> {
  return parseWith(pullRequestEvent, payload);
}

/** `issue_comment.created`: the issue (a PR when `issue.pull_request` is set), the comment, the repository. */
export function parseIssueCommentEvent(payload: unknown): Parsed<IssueCommentEvent> {
  return parseWith(issueCommentEvent, payload);
}

/** `check_run.rerequested`: the run's name, head sha, external id and pull requests. */
export function parseCheckRunEvent(payload: unknown): Parsed<CheckRunEvent> {
  return parseWith(checkRunEvent, payload);
}

/**
 * A pull request object on its own, such as the REST answer to
 * `GET /repos/{owner}/{repo}/pulls/{number}` that a recheck or a re-run
 * reviews; `label` prefixes the problem's field path.
 */
export function parsePullRequest(value: unknown, label = "pull_request"): Parsed<ParsedPullRequest> {
  return parseWith(pullRequest, value, [label]);
}
