/**
 * publish.ts on its own, against a recording stand-in for Octokit (no
 * network at all): which check runs count as "the same verdict", which
 * comments are Cardinal's, how annotations are batched and how rate-limit
 * refusals are retried. Written from the mutants the handler tests let live.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { CHECK_NAME, type Annotation, type CheckRunOutput } from "../src/report/check-run.js";
import { COMMENT_MARKER } from "../src/report/comment.js";
import {
  MAX_RETRY_AFTER_SECONDS,
  publishCheckRun,
  rateLimitWait,
  upsertComment,
  withRateLimitRetry,
} from "../src/io/github/publish.js";
import type { Octokit } from "../src/io/github/pull-request.js";
import type { KnownCheckRun, KnownComment } from "../src/io/github/snapshot.js";

const REPO = { owner: "acme", repo: "models" };
const SHA = "a".repeat(40);
const LOGIN = "cardinal-review[bot]";
const SLUG = "cardinal-review";

interface Call {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

/** An Octokit that records every call and answers from `answers`. */
function fakeOctokit(answers: { comments?: KnownComment[]; runs?: unknown[]; createdId?: number } = {}) {
  const calls: Call[] = [];
  const record =
    (method: string, answer: () => unknown = () => ({ data: {} })) =>
    async (params: Record<string, unknown>) => {
      calls.push({ method, params });
      return answer();
    };
  const listComments = record("issues.listComments", () => ({ data: answers.comments ?? [] }));
  const octokit = {
    paginate: async (route: unknown, params: Record<string, unknown>) => {
      calls.push({ method: route === listComments ? "paginate(issues.listComments)" : "paginate(?)", params });
      return answers.comments ?? [];
    },
    rest: {
      issues: {
        listComments,
        deleteComment: record("issues.deleteComment"),
        updateComment: record("issues.updateComment"),
        createComment: record("issues.createComment"),
      },
      checks: {
        create: record("checks.create", () => ({ data: { id: answers.createdId ?? 77 } })),
        update: record("checks.update"),
        listForRef: record("checks.listForRef", () => ({ data: { check_runs: answers.runs ?? [] } })),
      },
    },
  };
  return { octokit: octokit as unknown as Octokit, calls, methods: () => calls.map((c) => c.method) };
}

function annotation(n: number): Annotation {
  return { path: "README.md", start_line: n, end_line: n, annotation_level: "warning", title: `t${n}`, message: `m${n}` };
}

const OUTPUT: CheckRunOutput = {
  conclusion: "failure",
  title: "1 error",
  summary: "Cardinal found **1 error**.",
  annotations: [annotation(1)],
};

/** A run on the commit that shows exactly OUTPUT's verdict. */
const SAME: KnownCheckRun = {
  id: 10,
  appSlug: SLUG,
  status: "completed",
  conclusion: OUTPUT.conclusion,
  title: OUTPUT.title,
  summary: OUTPUT.summary,
  annotationsCount: OUTPUT.annotations.length,
};

const publish = (octokit: Octokit, existing: readonly KnownCheckRun[] | undefined, extra: { force?: boolean; botLogin?: string } = {}) =>
  publishCheckRun(octokit, REPO, SHA, OUTPUT, { externalId: "ext-1", botLogin: LOGIN, existing, ...extra });

describe("publishCheckRun: the same verdict is not written twice", () => {
  it("writes nothing when Cardinal's latest run shows the same verdict", async () => {
    const gh = fakeOctokit();
    expect(await publish(gh.octokit, [SAME])).toBe("unchanged");
    expect(gh.calls).toEqual([]);
  });

  it.each([
    ["still in progress", { status: "in_progress" }],
    ["another conclusion", { conclusion: "success" }],
    ["another title", { title: "2 errors" }],
    ["another summary", { summary: "Cardinal found **2 errors**." }],
    ["another number of annotations", { annotationsCount: 2 }],
  ])("writes a new run when the latest is %s", async (_, change) => {
    const gh = fakeOctokit();
    expect(await publish(gh.octokit, [{ ...SAME, ...change }])).toBe("created");
    expect(gh.methods()).toEqual(["checks.create"]);
  });

  it("writes a run when the commit has none", async () => {
    const gh = fakeOctokit();
    expect(await publish(gh.octokit, [])).toBe("created");
  });

  it("compares with the newest of its own runs, not an older one", async () => {
    const newerDifferent = { ...SAME, id: 12, title: "other" };
    const olderSame = { ...SAME, id: 11 };
    const gh = fakeOctokit();
    expect(await publish(gh.octokit, [olderSame, newerDifferent])).toBe("created");
    expect(await publish(gh.octokit, [{ ...SAME, id: 13 }, { ...newerDifferent, id: 9 }])).toBe("unchanged");
  });

  it("ignores runs of another app named Cardinal, and runs without an app", async () => {
    const gh = fakeOctokit();
    expect(await publish(gh.octokit, [{ ...SAME, appSlug: "imposter" }])).toBe("created");
    expect(await publish(gh.octokit, [{ ...SAME, appSlug: undefined }])).toBe("created");
    // The newest run is another app's: Cardinal's own older run still decides.
    expect(await publish(gh.octokit, [{ ...SAME, id: 99, appSlug: "imposter", title: "x" }, SAME])).toBe("unchanged");
  });

  it("takes its slug from the login without the [bot] suffix only", async () => {
    const gh = fakeOctokit();
    expect(await publish(gh.octokit, [{ ...SAME, appSlug: "cardinal-review" }], { botLogin: "cardinal-review[bot]" })).toBe("unchanged");
    expect(await publish(gh.octokit, [{ ...SAME, appSlug: "cardinal-review" }], { botLogin: "cardinal[bot]-review" })).toBe("created");
  });

  it("always writes without its own login (it cannot tell its runs), and reads nothing", async () => {
    const gh = fakeOctokit({ runs: [] });
    expect(await publishCheckRun(gh.octokit, REPO, SHA, OUTPUT, { externalId: "e", existing: [SAME] })).toBe("created");
    expect(gh.methods()).toEqual(["checks.create"]);
  });

  it("always writes when a re-run was asked for, and reads nothing", async () => {
    const gh = fakeOctokit();
    expect(await publish(gh.octokit, undefined, { force: true })).toBe("created");
    expect(gh.methods()).toEqual(["checks.create"]);
  });

  it("lists the commit's latest Cardinal runs when the snapshot could not say, and keeps only this commit's", async () => {
    const rest = { status: "completed", conclusion: OUTPUT.conclusion, app: { slug: SLUG } };
    const out = { title: OUTPUT.title, summary: OUTPUT.summary, annotations_count: 1 };
    const same = fakeOctokit({ runs: [{ id: 5, head_sha: SHA, ...rest, output: out }] });
    expect(await publish(same.octokit, undefined)).toBe("unchanged");
    expect(same.calls).toEqual([
      {
        method: "checks.listForRef",
        params: { ...REPO, ref: SHA, check_name: CHECK_NAME, filter: "latest", per_page: 100 },
      },
    ]);

    const otherCommit = fakeOctokit({ runs: [{ id: 5, head_sha: "b".repeat(40), ...rest, output: out }] });
    expect(await publish(otherCommit.octokit, undefined)).toBe("created");

    for (const [field, value] of [
      ["status", "queued"],
      ["conclusion", "neutral"],
    ] as const) {
      const gh = fakeOctokit({ runs: [{ id: 5, head_sha: SHA, ...rest, [field]: value, output: out }] });
      expect(await publish(gh.octokit, undefined)).toBe("created");
    }
    for (const change of [{ title: "x" }, { summary: "y" }, { annotations_count: 3 }]) {
      const gh = fakeOctokit({ runs: [{ id: 5, head_sha: SHA, ...rest, output: { ...out, ...change } }] });
      expect(await publish(gh.octokit, undefined)).toBe("created");
    }
    const noApp = fakeOctokit({ runs: [{ id: 5, head_sha: SHA, status: "completed", conclusion: "failure", output: out }] });
    expect(await publish(noApp.octokit, undefined)).toBe("created");
  });
});

describe("publishCheckRun: what it writes", () => {
  it("creates a completed run named Cardinal with the verdict, the external id and the first annotations", async () => {
    const gh = fakeOctokit();
    await publish(gh.octokit, [], {});
    const [create] = gh.calls;
    expect(create?.method).toBe("checks.create");
    const { completed_at, ...params } = create?.params ?? {};
    expect(params).toEqual({
      ...REPO,
      name: CHECK_NAME,
      head_sha: SHA,
      status: "completed",
      conclusion: "failure",
      external_id: "ext-1",
      output: { title: OUTPUT.title, summary: OUTPUT.summary, annotations: [annotation(1)] },
    });
    expect(typeof completed_at).toBe("string");
    expect(new Date(completed_at as string).toISOString()).toBe(completed_at);
  });

  it("sends the text when there is one, and no annotations key when there are none", async () => {
    const gh = fakeOctokit();
    await publishCheckRun(gh.octokit, REPO, SHA, { ...OUTPUT, text: "### Files reviewed", annotations: [] }, { externalId: "e" });
    expect(gh.calls[0]?.params.output).toEqual({ title: OUTPUT.title, summary: OUTPUT.summary, text: "### Files reviewed" });
    expect(gh.calls).toHaveLength(1);
  });

  it("sends annotations 50 at a time: the first batch with the run, the rest as updates of that run", async () => {
    const all = Array.from({ length: 120 }, (_, i) => annotation(i + 1));
    const gh = fakeOctokit({ createdId: 4242 });
    await publishCheckRun(gh.octokit, REPO, SHA, { ...OUTPUT, annotations: all }, { externalId: "e" });
    expect(gh.methods()).toEqual(["checks.create", "checks.update", "checks.update"]);
    const sent = gh.calls.map((c) => (c.params.output as { annotations: Annotation[] }).annotations);
    expect(sent.map((a) => a.length)).toEqual([50, 50, 20]);
    expect(sent.flat()).toEqual(all);
    for (const update of gh.calls.slice(1)) {
      expect(update.params).toMatchObject({ ...REPO, check_run_id: 4242, output: { title: OUTPUT.title, summary: OUTPUT.summary } });
    }
  });

  it("fits exactly 50 annotations in the run itself", async () => {
    const gh = fakeOctokit();
    await publishCheckRun(gh.octokit, REPO, SHA, { ...OUTPUT, annotations: Array.from({ length: 50 }, (_, i) => annotation(i)) }, { externalId: "e" });
    expect(gh.methods()).toEqual(["checks.create"]);
  });
});

describe("upsertComment: only Cardinal's own comment", () => {
  const ours = (id: number, body = `${COMMENT_MARKER}\nold`): KnownComment => ({ id, body, user: { login: LOGIN, type: "Bot" } });
  const issue = { ...REPO, issue_number: 7 };
  const upsert = (octokit: Octokit, body: string | undefined, known: KnownComment[] | undefined, createIfMissing = true) =>
    upsertComment(octokit, issue, body, { login: LOGIN }, { createIfMissing, known });

  it("touches nothing without its own login", async () => {
    const gh = fakeOctokit();
    expect(await upsertComment(gh.octokit, issue, "x", {}, { createIfMissing: true, known: [ours(1), ours(2)] })).toBe("unknown-identity");
    expect(await upsertComment(gh.octokit, issue, "x", { login: "" }, { createIfMissing: true, known: [] })).toBe("unknown-identity");
    expect(gh.calls).toEqual([]);
  });

  it("leaves its login's comments without the marker, and others' comments with it, alone", async () => {
    const gh = fakeOctokit();
    const known: KnownComment[] = [
      { id: 1, body: "Thanks for the review!", user: { login: LOGIN, type: "Bot" } },
      { id: 2, body: `quoted: ${COMMENT_MARKER}`, user: { login: LOGIN, type: "Bot" } },
      { id: 3, body: `${COMMENT_MARKER}\ncopied`, user: { login: "mallory", type: "User" } },
      { id: 4, user: { login: LOGIN, type: "Bot" } },
      { id: 5, body: `${COMMENT_MARKER}\nno user`, user: null },
    ];
    expect(await upsert(gh.octokit, `${COMMENT_MARKER}\nnew`, known)).toBe("created");
    expect(gh.calls).toEqual([{ method: "issues.createComment", params: { ...issue, body: `${COMMENT_MARKER}\nnew` } }]);
  });

  it("keeps the oldest of its comments, deletes the others, and edits the oldest", async () => {
    const gh = fakeOctokit();
    expect(await upsert(gh.octokit, `${COMMENT_MARKER}\nnew`, [ours(30), ours(10), ours(20)])).toBe("updated");
    expect(gh.calls).toEqual([
      { method: "issues.deleteComment", params: { ...REPO, comment_id: 20 } },
      { method: "issues.deleteComment", params: { ...REPO, comment_id: 30 } },
      { method: "issues.updateComment", params: { ...REPO, comment_id: 10, body: `${COMMENT_MARKER}\nnew` } },
    ]);
  });

  it("does not edit a comment that already says the same", async () => {
    const gh = fakeOctokit();
    expect(await upsert(gh.octokit, `${COMMENT_MARKER}\nold`, [ours(1)])).toBe("unchanged");
    expect(gh.calls).toEqual([]);
  });

  it("with nothing new to say, still removes duplicates but writes nothing", async () => {
    const gh = fakeOctokit();
    expect(await upsert(gh.octokit, undefined, [ours(1), ours(2)])).toBe("none");
    expect(gh.calls).toEqual([{ method: "issues.deleteComment", params: { ...REPO, comment_id: 2 } }]);
  });

  it("creates a comment only when asked to", async () => {
    const gh = fakeOctokit();
    expect(await upsert(gh.octokit, `${COMMENT_MARKER}\nnew`, [], false)).toBe("none");
    expect(gh.calls).toEqual([]);
  });

  it("lists the comments, 100 a page, when the snapshot did not read them", async () => {
    const gh = fakeOctokit({ comments: [ours(3)] });
    expect(await upsert(gh.octokit, `${COMMENT_MARKER}\nnew`, undefined)).toBe("updated");
    expect(gh.calls[0]).toEqual({ method: "paginate(issues.listComments)", params: { ...issue, per_page: 100 } });
  });
});

describe("rate-limit refusals", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const refusal = (status: number, retryAfter?: string | number) =>
    Object.assign(new Error("rate limited"), { status, response: { headers: retryAfter === undefined ? {} : { "retry-after": retryAfter } } });

  it("reads the wait GitHub asks for from a 403 or 429 only", () => {
    expect(rateLimitWait(refusal(403, "7"))).toBe(7);
    expect(rateLimitWait(refusal(429, 3))).toBe(3);
    expect(rateLimitWait(refusal(429, "0"))).toBe(0);
    expect(rateLimitWait(refusal(500, "7"))).toBeUndefined();
    expect(rateLimitWait(refusal(403))).toBeUndefined();
    expect(rateLimitWait(refusal(403, "soon"))).toBeUndefined();
    expect(rateLimitWait(refusal(403, "-1"))).toBeUndefined();
    expect(rateLimitWait(refusal(403, "Infinity"))).toBeUndefined();
    expect(rateLimitWait(null)).toBeUndefined();
    expect(rateLimitWait({ status: 403 })).toBeUndefined();
    expect(rateLimitWait({ status: 429, response: {} })).toBeUndefined();
  });

  it("waits the seconds asked for, then tries again", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const done = withRateLimitRetry(async () => {
      calls++;
      if (calls === 1) throw refusal(403, "2");
      return "ok";
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await expect(done).resolves.toBe("ok");
  });

  it("gives up after two retries, and at once on a long wait or another error", async () => {
    let calls = 0;
    const always = refusal(429, "0");
    await expect(withRateLimitRetry(async () => (calls++, Promise.reject(always)))).rejects.toBe(always);
    expect(calls).toBe(3);

    calls = 0;
    const long = refusal(403, String(MAX_RETRY_AFTER_SECONDS + 1));
    await expect(withRateLimitRetry(async () => (calls++, Promise.reject(long)))).rejects.toBe(long);
    expect(calls).toBe(1);

    calls = 0;
    const boom = new Error("boom");
    await expect(withRateLimitRetry(async () => (calls++, Promise.reject(boom)))).rejects.toBe(boom);
    expect(calls).toBe(1);
  });

  it("waits the longest wait allowed", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const done = withRateLimitRetry(async () => {
      calls++;
      if (calls === 1) throw refusal(403, String(MAX_RETRY_AFTER_SECONDS));
      return "ok";
    });
    await vi.advanceTimersByTimeAsync(MAX_RETRY_AFTER_SECONDS * 1000);
    await expect(done).resolves.toBe("ok");
    expect(calls).toBe(2);
  });
});
