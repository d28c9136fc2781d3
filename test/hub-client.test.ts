/**
 * The Hub client through a local fake Hub on 127.0.0.1: the real
 * @huggingface/hub requests, the real HTTP stack, no outside network.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultConfig } from "../src/core/config.js";
import { review } from "../src/core/engine.js";
import { HUB_LOOKUPS_PER_REVIEW, recordingHub, type HubClient, type HubLookup, type HubRepoInfo } from "../src/core/hub.js";
import { plain } from "../src/core/text.js";
import {
  createHubClient,
  DEFAULT_CONCURRENCY,
  formatDuration,
  HUB_FAILURES_BEFORE_STOP,
  hubClientFromEnv,
  MAX_REDIRECTS,
  RATE_LIMITED_REASON,
  retryAfterSeconds,
  type CardinalHubClient,
  type HubClientOptions,
} from "../src/io/hub/client.js";
import { renderCheckRun } from "../src/report/check-run.js";
import { renderComment } from "../src/report/comment.js";
import { renderJson } from "../src/report/json.js";
import { findRule, RULES } from "../src/rules/index.js";
import { loadFakeHubData, startFakeHub, type FakeHub, type FakeHubData } from "../src/tools/fake-hub.js";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/hub");
const DATA = loadFakeHubData([path.join(FIXTURES, "models.json"), path.join(FIXTURES, "datasets.json")]);
const TOKEN = "hf_TestTokenDoNotLeak1234567890";
const MODEL_EXPAND =
  "expand=pipeline_tag&expand=private&expand=gated&expand=downloads&expand=likes&expand=lastModified&expand=cardData&expand=tags&expand=disabled";
const DATASET_EXPAND =
  "expand=private&expand=downloads&expand=gated&expand=likes&expand=lastModified&expand=cardData&expand=tags&expand=disabled";

const hubs: FakeHub[] = [];

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** A fake Hub with the fixtures plus `extra`, and a client pointed at it. */
async function setup(
  extra: Omit<FakeHubData, "models" | "datasets"> = {},
  options: HubClientOptions = {},
): Promise<{ hub: FakeHub; client: CardinalHubClient; clock: { now: number } }> {
  const hub = await startFakeHub({ ...DATA, ...extra, redirects: { ...DATA.redirects, ...extra.redirects } });
  hubs.push(hub);
  const clock = { now: 1_700_000_000_000 };
  const client = createHubClient({ endpoint: hub.url, now: () => clock.now, ...options });
  return { hub, client, clock };
}

function info(result: HubLookup): HubRepoInfo {
  if (result.status !== "found") throw new Error(`expected found, got ${JSON.stringify(result)}`);
  return result.info;
}

describe("found repositories", () => {
  it("maps a gated model: canonical id, licenses, task, tags, gate, and sends the documented request", async () => {
    const { hub, client } = await setup();
    const result = await client.lookup("model", "meta-llama/Meta-Llama-3-8B");
    expect(info(result)).toEqual({
      id: "meta-llama/Meta-Llama-3-8B",
      type: "model",
      private: false,
      gated: "manual",
      disabled: false,
      licenses: ["llama3"],
      baseModels: [],
      pipelineTag: "text-generation",
      tags: expect.arrayContaining(["llama-3", "license:llama3", "text-generation"]),
    });
    expect(hub.requests).toEqual([`GET /api/models/meta-llama/Meta-Llama-3-8B/revision/HEAD?${MODEL_EXPAND}`]);
  });

  it("reads license: other with license_name/license_link and a string base_model", async () => {
    const { client } = await setup();
    const result = info(await client.lookup("model", "acme-ai/tiny-llm-instruct"));
    expect(result.licenses).toEqual(["other"]);
    expect(result.licenseName).toBe("llama3");
    expect(result.licenseLink).toBe("https://llama.meta.com/llama3/license/");
    expect(result.baseModels).toEqual(["meta-llama/Meta-Llama-3-8B"]);
  });

  it("reads a license list and a base_model list, without duplicating license:* tags", async () => {
    const { client } = await setup();
    const result = info(await client.lookup("model", "acme-ai/merged-7b"));
    expect(result.licenses).toEqual(["apache-2.0", "mit"]);
    expect(result.baseModels).toEqual(["mistralai/Mistral-7B-v0.1", "HuggingFaceH4/zephyr-7b-beta"]);
  });

  it("maps the real deepset/roberta-base-squad2 response (base_model as a one-element list)", async () => {
    const { client } = await setup();
    const result = info(await client.lookup("model", "deepset/roberta-base-squad2"));
    expect(result).toMatchObject({ licenses: ["cc-by-4.0"], baseModels: ["FacebookAI/roberta-base"], pipelineTag: "question-answering" });
  });

  it("maps a dataset: no task and no base models, the license from the card and tags", async () => {
    const { hub, client } = await setup();
    const result = info(await client.lookup("dataset", "tatsu-lab/alpaca"));
    expect(result).toMatchObject({ id: "tatsu-lab/alpaca", type: "dataset", licenses: ["cc-by-nc-4.0"], baseModels: [], gated: false });
    expect(result.pipelineTag).toBeUndefined();
    expect(hub.requests).toEqual([`GET /api/datasets/tatsu-lab/alpaca/revision/HEAD?${DATASET_EXPAND}`]);
  });

  it("reports a gated dataset (readable info, gated auto) and a disabled model", async () => {
    const { client } = await setup();
    expect(info(await client.lookup("dataset", "bigcode/the-stack"))).toMatchObject({ gated: "auto", licenses: ["other"] });
    expect(info(await client.lookup("model", "acme-ai/removed-model"))).toMatchObject({ disabled: true, licenses: ["creativeml-openrail-m"] });
  });

  it("returns frozen answers, so one caller cannot change what the cache gives the next", async () => {
    const { client } = await setup();
    const result = info(await client.lookup("model", "google-bert/bert-base-uncased"));
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.licenses)).toBe(true);
  });
});

describe("canonical ids", () => {
  it("answers a wrong-case id with the Hub's spelling, and caches the canonical id too", async () => {
    const { hub, client } = await setup();
    const result = info(await client.lookup("model", "META-LLAMA/meta-llama-3-8b"));
    expect(result.id).toBe("meta-llama/Meta-Llama-3-8B");
    expect(hub.requests).toHaveLength(1);
    expect(hub.requests[0]).toContain("/api/models/META-LLAMA/meta-llama-3-8b/revision/HEAD?");
    // The canonical spelling is now known: no request.
    expect(info(await client.lookup("model", "meta-llama/Meta-Llama-3-8B")).id).toBe("meta-llama/Meta-Llama-3-8B");
    expect(hub.requests).toHaveLength(1);
    // The key stays exact: a third spelling is asked again.
    await client.lookup("model", "Meta-Llama/Meta-Llama-3-8B");
    expect(hub.requests).toHaveLength(2);
  });

  it("follows a rename (307) within the endpoint and reports the new id", async () => {
    const { hub, client } = await setup();
    expect(info(await client.lookup("dataset", "squad_v2")).id).toBe("rajpurkar/squad_v2");
    expect(hub.requests.map((r) => r.split("?")[0])).toEqual([
      "GET /api/datasets/squad_v2/revision/HEAD",
      "GET /api/datasets/rajpurkar/squad_v2/revision/HEAD",
    ]);
    expect(client.stats().requests).toBe(2);
  });
});

describe("not found (showPrivate: the Hub's status as it came, for the CLI)", () => {
  it("maps 404 (unknown repo, with a token) to not-found", async () => {
    const { hub, client } = await setup({}, { token: TOKEN, showPrivate: true });
    expect(await client.lookup("model", "acme-ai/no-such-model")).toEqual({ status: "not-found", httpStatus: 404 });
    expect(hub.requests).toHaveLength(1);
  });

  it("maps 401 (unknown or private repo, no token) to not-found, as the Hub gives no way to tell them apart", async () => {
    const { client } = await setup({}, { showPrivate: true });
    expect(await client.lookup("model", "acme-ai/no-such-model")).toEqual({ status: "not-found", httpStatus: 401 });
    expect(await client.lookup("model", "acme-ai/internal-draft")).toEqual({ status: "not-found", httpStatus: 401 });
  });

  it("maps 403 (gated or no permission) to not-found", async () => {
    const { client } = await setup({ behaviours: { "datasets/bigcode/the-stack": { status: 403 } } }, { showPrivate: true });
    expect(await client.lookup("dataset", "bigcode/the-stack")).toEqual({ status: "not-found", httpStatus: 403 });
  });

  it("answers an id that cannot be a repo id without a request (no path tricks reach the Hub)", async () => {
    const { hub, client } = await setup({}, { token: TOKEN });
    for (const id of ["../../whoami-v2", "https://huggingface.co/gpt2", "a/b/c", "acme?x=1", ""]) {
      expect(await client.lookup("model", id)).toEqual({ status: "not-found", httpStatus: 400 });
    }
    expect(hub.requests).toEqual([]);
  });
});

describe("unavailable", () => {
  it("times out a slow answer with the configured timeout in the reason, and gives the request up", async () => {
    // The Hub would answer after a minute, past the test's own timeout: only the client's 50 ms can end the lookup.
    const { hub, client } = await setup({ behaviours: { "acme-ai/tiny-llm-instruct": { delayMs: 60_000 } } }, { timeoutMs: 50 });
    expect(await client.lookup("model", "acme-ai/tiny-llm-instruct")).toEqual({
      status: "unavailable",
      reason: "the Hub did not answer in 50 ms",
      kind: "timeout",
    });
    expect(hub.requests).toHaveLength(1);
    // The client closed the request it gave up on: the fake, still holding its answer, sees it go.
    await vi.waitFor(() => expect(hub.inFlight()).toBe(0), { timeout: 2_000, interval: 10 });
    expect(formatDuration(5_000)).toBe("5 s");
  });

  it("maps 5xx to 'the Hub answered <status>'", async () => {
    const { client } = await setup({
      behaviours: { "tatsu-lab/alpaca": { status: 500 }, "datasets/tatsu-lab/alpaca": { status: 503 } },
    });
    expect(await client.lookup("dataset", "tatsu-lab/alpaca")).toEqual({ status: "unavailable", reason: "the Hub answered 503", kind: "server-error" });
    expect(await client.lookup("model", "tatsu-lab/alpaca")).toEqual({ status: "unavailable", reason: "the Hub answered 500", kind: "server-error" });
  });

  it("maps 429 with Retry-After, and holds every lookup back until the wait is over", async () => {
    const { hub, client, clock } = await setup({
      behaviours: { "datasets/tatsu-lab/alpaca": { status: 429, retryAfter: 2, times: 1 } },
    });
    const limited = await client.lookup("dataset", "tatsu-lab/alpaca");
    expect(limited.status).toBe("unavailable");
    expect(limited.status === "unavailable" && limited.reason).toBe("the Hub rate limit was reached (429)");
    // Another repository during the pause: answered without a request.
    expect(await client.lookup("dataset", "rajpurkar/squad_v2")).toMatchObject({ status: "unavailable" });
    expect(hub.requests).toHaveLength(1);
    expect(client.stats().rateLimited).toBe(1);
    clock.now += 2_001;
    expect((await client.lookup("dataset", "rajpurkar/squad_v2")).status).toBe("found");
    expect(hub.requests).toHaveLength(2);
  });

  it("reads Retry-After as seconds or an HTTP date, and the Hub's RateLimit t= as a fallback", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterSeconds(new Headers({ "retry-after": "7" }), now)).toBe(7);
    expect(retryAfterSeconds(new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" }), now)).toBe(30);
    expect(retryAfterSeconds(new Headers({ ratelimit: '"api";r=0;t=55' }), now)).toBe(55);
    expect(retryAfterSeconds(new Headers(), now)).toBeUndefined();
  });

  it("maps a dropped connection and a closed port to 'the Hub could not be reached'", async () => {
    const { client } = await setup({ behaviours: { "acme-ai/merged-7b": { drop: true } } });
    expect(await client.lookup("model", "acme-ai/merged-7b")).toEqual({ status: "unavailable", reason: "the Hub could not be reached", kind: "no-connection" });

    const gone = await startFakeHub(DATA);
    await gone.close();
    const offline = createHubClient({ endpoint: gone.url });
    expect(await offline.lookup("model", "acme-ai/merged-7b")).toEqual({ status: "unavailable", reason: "the Hub could not be reached", kind: "no-connection" });
  });

  it("maps an unreadable 200 body to unavailable", async () => {
    const { client } = await setup({ behaviours: { "acme-ai/merged-7b": { rawBody: "{not json" } } });
    expect(await client.lookup("model", "acme-ai/merged-7b")).toEqual({
      status: "unavailable",
      reason: "the Hub sent an answer Cardinal could not read",
      kind: "unexpected-answer",
    });
  });

  it("is recorded by recordingHub as a reference the review could not verify", async () => {
    const { client } = await setup({ behaviours: { "datasets/tatsu-lab/alpaca": { status: 502 } } });
    const recording = recordingHub(client);
    await recording.client.lookup("dataset", "tatsu-lab/alpaca");
    await recording.client.lookup("model", "google-bert/bert-base-uncased");
    expect(recording.failures()).toEqual([{ type: "dataset", id: "tatsu-lab/alpaca", reason: "the Hub answered 502", kind: "server-error" }]);
  });
});

describe("a Hub that keeps failing: the client stops asking", () => {
  const ids = Array.from({ length: 10 }, (_, i) => `acme/data-${i}`);
  const STOP_REASON = "3 requests in a row failed (the Hub answered 503), so Cardinal stopped asking the Hub";

  it("sends HUB_FAILURES_BEFORE_STOP requests, then answers every other lookup without one, in one wording", async () => {
    const { hub, client } = await setup({ behaviours: { "*": { status: 503 } } }, { concurrency: 1 });
    const results = [];
    for (const id of ids) results.push(await client.lookup("dataset", id));
    expect(HUB_FAILURES_BEFORE_STOP).toBe(3);
    expect(hub.requests).toHaveLength(HUB_FAILURES_BEFORE_STOP);
    expect(results.slice(0, 3)).toEqual(results.slice(0, 3).map(() => ({ status: "unavailable", reason: "the Hub answered 503", kind: "server-error" })));
    expect(results.slice(3)).toEqual(results.slice(3).map(() => ({ status: "unavailable", reason: `${STOP_REASON} for 60 s`, kind: "stopped" })));
    expect(client.stats()).toMatchObject({ requests: 3, stopped: 7 });
  });

  it("stops as well when every lookup is asked at once: no more requests than the ones already in flight", async () => {
    // Answers after a minute, past the test's timeout: the lookups end only through the client's timeout and stop.
    const { hub, client } = await setup({ behaviours: { "*": { delayMs: 60_000 } } }, { timeoutMs: 50 });
    const many = Array.from({ length: 60 }, (_, i) => `acme/data-${i}`);
    const results = await Promise.all(many.map((id) => client.lookup("dataset", id)));
    await vi.waitFor(() => expect(hub.inFlight()).toBe(0), { timeout: 2_000, interval: 10 });
    // 8 in flight when the first ones time out; each freed slot may start one more before the third failure lands.
    expect(hub.requests.length).toBeLessThanOrEqual(DEFAULT_CONCURRENCY + HUB_FAILURES_BEFORE_STOP - 1);
    expect(results.every((r) => r.status === "unavailable")).toBe(true);
    expect(new Set(results.map((r) => r.status === "unavailable" && r.kind))).toEqual(new Set(["timeout", "stopped"]));
    expect(results.at(-1)).toEqual({
      status: "unavailable",
      reason: "3 requests in a row failed (the Hub did not answer in 50 ms), so Cardinal stopped asking the Hub for 60 s",
      kind: "stopped",
    });
  });

  it("ends the requests already in flight when it stops, so nobody waits out their timeouts", async () => {
    const behaviours = {
      "datasets/acme/data-0": { status: 503 },
      "datasets/acme/data-1": { status: 503 },
      "datasets/acme/data-2": { status: 503, delayMs: 20 },
      ...Object.fromEntries(ids.slice(3, 8).map((id) => [`datasets/${id}`, { delayMs: 60_000 }])),
    };
    // Neither the Hub (a minute) nor the timeout (two) ends these five before the test's own timeout: only the stop can.
    const { hub, client } = await setup({ behaviours }, { timeoutMs: 120_000 });
    const results = await Promise.all(ids.slice(0, 8).map((id) => client.lookup("dataset", id)));
    await vi.waitFor(() => expect(hub.inFlight()).toBe(0), { timeout: 2_000, interval: 10 });
    expect(hub.requests).toHaveLength(8);
    expect(results.slice(3)).toEqual(results.slice(3).map(() => ({ status: "unavailable", reason: `${STOP_REASON} for 60 s`, kind: "stopped" })));
  });

  it("counts failures in a row only: an answer in between starts the count again", async () => {
    const behaviours = {
      "datasets/acme/data-0": { status: 503 },
      "datasets/acme/data-1": { status: 502 },
      "datasets/acme/data-3": { status: 500 },
      "datasets/acme/data-4": { drop: true },
      "datasets/acme/data-5": { status: 503 },
    };
    const { hub, client } = await setup({ behaviours }, { concurrency: 1 });
    // fail, fail, not found (data-2 is unknown), fail, fail: no stop yet.
    for (const id of ids.slice(0, 5)) await client.lookup("dataset", id);
    expect(hub.requests).toHaveLength(5);
    expect(client.stats().stopped).toBe(0);
    // The third failure in a row stops the client; each reason of the three is named once.
    await client.lookup("dataset", "acme/data-5");
    expect(await client.lookup("dataset", "acme/data-6")).toEqual({
      status: "unavailable",
      reason: "3 requests in a row failed (the Hub answered 500; the Hub could not be reached; the Hub answered 503), so Cardinal stopped asking the Hub for 60 s",
      kind: "stopped",
    });
    expect(hub.requests).toHaveLength(6);
  });

  it("does not count a rate limit or a refused redirect as the Hub failing", async () => {
    const elsewhere = "https://elsewhere.invalid/api/models/x/y";
    const { hub, client } = await setup(
      { behaviours: { "datasets/acme/data-0": { status: 429, retryAfter: 0 } }, redirects: { "acme/m1": elsewhere, "acme/m2": elsewhere, "acme/m3": elsewhere } },
      { concurrency: 1 },
    );
    await client.lookup("dataset", "acme/data-0");
    for (const id of ["acme/m1", "acme/m2", "acme/m3"]) await client.lookup("model", id);
    expect((await client.lookup("dataset", "tatsu-lab/alpaca")).status).toBe("found");
    expect(hub.requests).toHaveLength(5);
  });

  it("tries again after stopMs, and stops again at the next failure; with stopMs Infinity it never asks again", async () => {
    const { hub, client, clock } = await setup({ behaviours: { "*": { status: 503 } } }, { concurrency: 1, cache: { unavailableTtlMs: 0 } });
    for (const id of ids.slice(0, 4)) await client.lookup("dataset", id);
    expect(hub.requests).toHaveLength(3);
    clock.now += 60_001;
    expect(await client.lookup("dataset", ids[4] ?? "")).toMatchObject({ kind: "server-error" });
    expect(await client.lookup("dataset", ids[5] ?? "")).toMatchObject({ kind: "stopped", reason: `4 requests in a row failed (the Hub answered 503), so Cardinal stopped asking the Hub for 60 s` });
    expect(hub.requests).toHaveLength(4);

    const run = await setup({ behaviours: { "*": { status: 503 } } }, { concurrency: 1, stopMs: Infinity, cache: { unavailableTtlMs: 0 } });
    for (const id of ids.slice(0, 4)) await run.client.lookup("dataset", id);
    run.clock.now += 24 * 3_600_000;
    expect(await run.client.lookup("dataset", ids[9] ?? "")).toEqual({ status: "unavailable", reason: `${STOP_REASON} for the rest of this run`, kind: "stopped" });
    expect(run.hub.requests).toHaveLength(3);
  });

  it("never stops with failuresBeforeStop 0", async () => {
    const { hub, client } = await setup({ behaviours: { "*": { status: 503 } } }, { concurrency: 1, failuresBeforeStop: 0 });
    for (const id of ids) await client.lookup("dataset", id);
    expect(hub.requests).toHaveLength(ids.length);
  });
});

describe("requests, de-duplication and the cache", () => {
  it("sends one request for three concurrent lookups of the same dataset", async () => {
    const { hub, client } = await setup({ behaviours: { "datasets/tatsu-lab/alpaca": { delayMs: 30 } } });
    const results = await Promise.all([1, 2, 3].map(() => client.lookup("dataset", "tatsu-lab/alpaca")));
    expect(results.map((r) => r.status)).toEqual(["found", "found", "found"]);
    expect(hub.requests).toHaveLength(1);
    expect(client.stats()).toMatchObject({ requests: 1, coalesced: 2 });
  });

  it("answers a second lookup within the TTL from the cache, and asks again after it", async () => {
    const { hub, client, clock } = await setup();
    await client.lookup("dataset", "tatsu-lab/alpaca");
    clock.now += 59 * 60_000;
    await client.lookup("dataset", "tatsu-lab/alpaca");
    expect(hub.requests).toHaveLength(1);
    expect(client.stats().cacheHits).toBe(1);
    clock.now += 2 * 60_000;
    await client.lookup("dataset", "tatsu-lab/alpaca");
    expect(hub.requests).toHaveLength(2);
  });

  it("keeps a not-found answer for 10 minutes", async () => {
    const { hub, client, clock } = await setup();
    await client.lookup("model", "acme-ai/no-such-model");
    clock.now += 9 * 60_000;
    await client.lookup("model", "acme-ai/no-such-model");
    expect(hub.requests).toHaveLength(1);
    clock.now += 2 * 60_000;
    await client.lookup("model", "acme-ai/no-such-model");
    expect(hub.requests).toHaveLength(2);
  });

  it("keeps an error for 30 seconds only, then asks again", async () => {
    const { hub, client, clock } = await setup({ behaviours: { "datasets/tatsu-lab/alpaca": { status: 503, times: 1 } } });
    expect((await client.lookup("dataset", "tatsu-lab/alpaca")).status).toBe("unavailable");
    clock.now += 10_000;
    expect((await client.lookup("dataset", "tatsu-lab/alpaca")).status).toBe("unavailable");
    expect(hub.requests).toHaveLength(1);
    clock.now += 21_000;
    expect((await client.lookup("dataset", "tatsu-lab/alpaca")).status).toBe("found");
    expect(hub.requests).toHaveLength(2);
  });

  it("does not cache errors at all with unavailableTtlMs 0", async () => {
    const { hub, client } = await setup(
      { behaviours: { "datasets/tatsu-lab/alpaca": { status: 503, times: 1 } } },
      { cache: { unavailableTtlMs: 0 } },
    );
    expect((await client.lookup("dataset", "tatsu-lab/alpaca")).status).toBe("unavailable");
    expect((await client.lookup("dataset", "tatsu-lab/alpaca")).status).toBe("found");
    expect(hub.requests).toHaveLength(2);
  });

  it("bounds the cache by size (least recently used goes first)", async () => {
    const { hub, client } = await setup({}, { cache: { max: 2 } });
    for (const id of ["tatsu-lab/alpaca", "bigcode/the-stack", "rajpurkar/squad_v2", "tatsu-lab/alpaca"]) {
      await client.lookup("dataset", id);
    }
    expect(hub.requests).toHaveLength(4);
    expect(client.stats().cached).toBe(2);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    const ids = ["meta-llama/Meta-Llama-3-8B", "google-bert/bert-base-uncased", "deepset/roberta-base-squad2", "acme-ai/tiny-llm-instruct", "acme-ai/merged-7b"];
    const behaviours = Object.fromEntries(ids.map((id) => [id, { delayMs: 40 }]));
    const { hub, client } = await setup({ behaviours }, { concurrency: 2 });
    const results = await Promise.all(ids.map((id) => client.lookup("model", id)));
    expect(results.every((r) => r.status === "found")).toBe(true);
    expect(hub.requests).toHaveLength(5);
    expect(hub.maxInFlight()).toBe(2);
  });

  it("measures 3 datasets + 1 base model: 4 requests cold, 0 warm", async () => {
    const { hub, client } = await setup();
    const refs = [
      ["dataset", "tatsu-lab/alpaca"],
      ["dataset", "bigcode/the-stack"],
      ["dataset", "rajpurkar/squad_v2"],
      ["model", "meta-llama/Meta-Llama-3-8B"],
    ] as const;
    const review = () => Promise.all(refs.map(([type, id]) => client.lookup(type, id)));
    expect((await review()).every((r) => r.status === "found")).toBe(true);
    const cold = { requests: hub.requests.length };
    await review();
    const warm = { requests: hub.requests.length - cold.requests };
    expect(cold.requests).toBe(4);
    expect(warm.requests).toBe(0);
    expect(client.stats()).toMatchObject({ requests: 4, cacheHits: 4 });
  });
});

describe("the token", () => {
  it("is sent as a Bearer token when it starts with hf_", async () => {
    const { hub, client } = await setup({}, { token: TOKEN, showPrivate: true });
    expect(client.authenticated).toBe(true);
    expect(info(await client.lookup("model", "acme-ai/internal-draft")).private).toBe(true);
    expect(hub.log.map((r) => r.authorization)).toEqual([`Bearer ${TOKEN}`]);
  });

  it("is not sent when it does not start with hf_", async () => {
    const { hub, client } = await setup({}, { token: "ghp_NotAHubToken", showPrivate: true });
    expect(client.authenticated).toBe(false);
    expect(await client.lookup("model", "acme-ai/internal-draft")).toEqual({ status: "not-found", httpStatus: 401 });
    expect(hub.log.map((r) => r.authorization)).toEqual([undefined]);
  });

  it("opens a repo that requires it, and never appears in a reason", async () => {
    const { client } = await setup(
      {
        behaviours: {
          "acme-ai/tiny-llm-instruct": { requireToken: TOKEN },
          "acme-ai/merged-7b": { delayMs: 500 },
          "datasets/tatsu-lab/alpaca": { status: 503 },
          "datasets/bigcode/the-stack": { status: 429, retryAfter: 1 },
          "datasets/rajpurkar/squad_v2": { drop: true },
        },
      },
      { token: TOKEN, timeoutMs: 40 },
    );
    expect((await client.lookup("model", "acme-ai/tiny-llm-instruct")).status).toBe("found");
    const failures = [
      await client.lookup("model", "acme-ai/merged-7b"),
      await client.lookup("dataset", "tatsu-lab/alpaca"),
      await client.lookup("dataset", "rajpurkar/squad_v2"),
      await client.lookup("dataset", "bigcode/the-stack"),
      await client.lookup("dataset", "bigcode/the-stack-v2"),
    ];
    expect(failures.map((f) => f.status)).toEqual(["unavailable", "unavailable", "unavailable", "unavailable", "unavailable"]);
    for (const failure of failures) expect(JSON.stringify(failure)).not.toContain("TestTokenDoNotLeak");
  });
});

describe("hubClientFromEnv", () => {
  it("reads HF_ENDPOINT, HF_TOKEN and CARDINAL_HUB_TIMEOUT_MS", async () => {
    const hub = await startFakeHub(DATA, {});
    hubs.push(hub);
    const client = hubClientFromEnv({ HF_ENDPOINT: `${hub.url}/`, HF_TOKEN: TOKEN, CARDINAL_HUB_TIMEOUT_MS: "2500" });
    expect(client.endpoint).toBe(hub.url);
    expect(client.authenticated).toBe(true);
    expect((await client.lookup("model", "google-bert/bert-base-uncased")).status).toBe("found");
    expect(hub.log[0]?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("defaults to huggingface.co without a token", () => {
    const client = hubClientFromEnv({});
    expect(client.endpoint).toBe("https://huggingface.co");
    expect(client.authenticated).toBe(false);
  });

  it("rejects a bad timeout or endpoint without echoing secrets", () => {
    expect(() => hubClientFromEnv({ CARDINAL_HUB_TIMEOUT_MS: "soon" })).toThrow(/CARDINAL_HUB_TIMEOUT_MS/);
    expect(() => hubClientFromEnv({ HF_ENDPOINT: "not a url", HF_TOKEN: TOKEN })).toThrow(/^HF_ENDPOINT: /);
    expect(() => hubClientFromEnv({ HF_ENDPOINT: `https://user:${TOKEN}@hub.example` })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(TOKEN) }),
    );
  });
});

describe("the fake Hub", () => {
  it("answers `expand` with _id, id and the listed properties only, like the Hub", async () => {
    const { hub } = await setup();
    const response = await fetch(`${hub.url}/api/models/google-bert/bert-base-uncased/revision/HEAD?expand=gated&expand=cardData`);
    expect(Object.keys((await response.json()) as object).sort()).toEqual(["_id", "cardData", "gated", "id"]);
    const missing = await fetch(`${hub.url}/api/datasets/nobody/nothing`);
    expect([missing.status, missing.headers.get("x-error-code")]).toEqual([401, "RepoNotFound"]);
  });
});

/** A model card in a pull request, reviewed by every rule with `hub`. */
async function reviewCard(text: string, hub: HubClient) {
  return review({
    workspace: { source: "pull-request", files: [{ path: "README.md", status: "added", content: { type: "text", text } }] },
    config: defaultConfig(),
    rules: RULES,
    hub,
  });
}

/** Everything a pull request's author can read of a review: findings, JSON, check run, comment. */
function visible(result: Awaited<ReturnType<typeof reviewCard>>): string {
  const ruleMeta = (id: string) => findRule(id)?.meta;
  return JSON.stringify({
    findings: result.findings,
    json: renderJson(result.findings, result.files, { hub: "on", references: result.references ?? [] }),
    checkRun: renderCheckRun({ findings: result.findings, files: result.files, ruleMeta }),
    comment: renderComment({ findings: result.findings, ruleMeta, rulesUrl: "https://example.test/rules" }),
  });
}

describe("issue 18: a stranger's pull request and the operator's token", () => {
  it("a card listing 3,000 dataset ids sends at most 100 requests (was 6,000) and gets one notice naming the rest", async () => {
    const { hub, client } = await setup({}, { token: TOKEN });
    const ids = Array.from({ length: 3000 }, (_, i) => `org${i}/data${i}`);
    const card = `---\nlicense: mit\ndatasets:\n${ids.map((id) => `- ${id}`).join("\n")}\n---\n# M\n`;
    const result = await reviewCard(card, client);

    expect(hub.requests.length).toBeLessThanOrEqual(HUB_LOOKUPS_PER_REVIEW);
    expect(result.references).toHaveLength(HUB_LOOKUPS_PER_REVIEW);
    const notices = result.findings.filter((f) => f.ruleId === "hub/unreachable");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: "Too many repositories to verify with the Hub", path: "README.md", line: 104 });
    expect(plain(notices[0]?.message ?? [])).toBe(
      "Did not verify 2,900 more repositories: this review had already asked the Hub about 100 repositories, the most one review asks about. " +
        "Not checked: `org100/data100`, `org101/data101`, `org102/data102`, `org103/data103`, `org104/data104` and 2,895 more.",
    );
    // A second review of the same card: the same notice, and no request beyond the cache.
    const again = await reviewCard(card, client);
    expect(again.findings.filter((f) => f.ruleId === "hub/unreachable")).toEqual(notices);
    expect(hub.requests.length).toBeLessThanOrEqual(HUB_LOOKUPS_PER_REVIEW);
  });

  it("takes the limit from the client (lookupsPerReview), and malformed ids do not use it up", async () => {
    const { hub, client } = await setup({}, { lookupsPerReview: 3 });
    const recording = recordingHub(client);
    for (const id of ["a b", "../x", "a/1", "a/2", "a/1", "a/3", "a/4", "a/5"]) await recording.client.lookup("dataset", id);
    expect(hub.requests).toHaveLength(3);
    expect(recording.failures().map((f) => [f.id, f.limited])).toEqual([
      ["a/4", true],
      ["a/5", true],
    ]);
  });

  it("answers a private repository the token sees exactly like a missing one: the same review, byte for byte", async () => {
    const secret = {
      models: {
        "acme-ai/public-ft": { id: "acme-ai/public-ft", private: false, gated: false, tags: [], cardData: { license: "mit", base_model: "acme-ai/secret-base" } },
        "acme-ai/secret-base": { id: "acme-ai/secret-base", private: true, gated: false, tags: ["license:cc-by-nc-4.0"], cardData: { license: "cc-by-nc-4.0" } },
        "acme-ai/Secret-Renamed": { id: "acme-ai/Secret-Renamed", private: true, gated: "manual", tags: [], cardData: {} },
      },
      datasets: { "acme-ai/secret-data": { id: "acme-ai/secret-data", private: true, gated: false, tags: [], cardData: { license: "cc-by-nc-4.0" } } },
    };
    const withSecrets = await startFakeHub(secret);
    const without = await startFakeHub({ models: { "acme-ai/public-ft": secret.models["acme-ai/public-ft"] } });
    hubs.push(withSecrets, without);
    const card = [
      "---",
      "license: mit",
      "base_model: acme-ai/public-ft",
      "new_version: acme-ai/secret-renamed",
      "datasets:",
      "- acme-ai/secret-data",
      "- acme-ai/secret-base",
      "---",
      "# M",
      "See [the base](https://huggingface.co/acme-ai/secret-base).",
      "",
    ].join("\n");

    const app = (url: string) => createHubClient({ endpoint: url, token: TOKEN });
    const seen = await reviewCard(card, app(withSecrets.url));
    const missing = await reviewCard(card, app(without.url));
    expect(withSecrets.log.some((r) => r.id === "acme-ai/secret-data")).toBe(true);
    expect(visible(seen)).toBe(visible(missing));
    expect(visible(seen)).not.toMatch(/is private:|private\\?":\s*true|cc-by-nc|Secret-Renamed|"manual/);

    // The CLI (the token's owner) is told: the same Hubs, showPrivate.
    const cli = (url: string) => createHubClient({ endpoint: url, token: TOKEN, showPrivate: true });
    const own = await reviewCard(card, cli(withSecrets.url));
    expect(own.findings.some((f) => f.ruleId === "hub/repo-access" && plain(f.message).includes("is private"))).toBe(true);
    expect(visible(own)).not.toBe(visible(await reviewCard(card, cli(without.url))));
  });

  it("gives every not-found answer one shape in the app, whatever the Hub said (401, 403, 404, private)", async () => {
    const { client } = await setup({ behaviours: { "datasets/bigcode/the-stack": { status: 403 } } }, { token: TOKEN });
    const anonymous = createHubClient({ endpoint: client.endpoint });
    const answers = [
      await client.lookup("model", "acme-ai/internal-draft"),
      await client.lookup("model", "acme-ai/no-such-model"),
      await client.lookup("dataset", "bigcode/the-stack"),
      await anonymous.lookup("model", "acme-ai/internal-draft"),
      await anonymous.lookup("model", "acme-ai/no-such-model"),
    ];
    for (const answer of answers) expect(answer).toEqual({ status: "not-found", httpStatus: 404 });
  });

  it("keeps each installation's answers to itself: scoped views share no cached answer and no request in flight", async () => {
    const { hub, client } = await setup(
      { behaviours: { "acme-ai/internal-draft": { delayMs: 20 } } },
      { token: TOKEN, showPrivate: true },
    );
    const one = client.scoped("installation:1");
    const two = client.scoped("installation:2");
    expect(info(await one.lookup("model", "acme-ai/internal-draft")).private).toBe(true);
    expect(info(await one.lookup("model", "acme-ai/internal-draft")).private).toBe(true);
    expect(hub.requests).toHaveLength(1);
    // Installation 2, and the unscoped client, ask for themselves: the first answer is never theirs.
    await Promise.all([two.lookup("model", "acme-ai/internal-draft"), client.lookup("model", "acme-ai/internal-draft")]);
    expect(hub.requests).toHaveLength(3);
    expect(client.stats()).toMatchObject({ requests: 3, cacheHits: 1, coalesced: 0 });
    // A scoped view keeps the client's settings.
    expect(two).toMatchObject({ authenticated: true, endpoint: client.endpoint, lookupsPerReview: HUB_LOOKUPS_PER_REVIEW });
  });

  it("keeps today's TTLs in a scoped view (found 1 h, not found 10 min, errors 30 s)", async () => {
    const { hub, client, clock } = await setup({ behaviours: { "datasets/tatsu-lab/alpaca": { status: 503, times: 1 } } });
    const view = client.scoped("installation:7");
    const ask = async () => {
      await view.lookup("dataset", "tatsu-lab/alpaca");
      await view.lookup("dataset", "rajpurkar/squad_v2");
      await view.lookup("model", "acme-ai/no-such-model");
      return hub.requests.length;
    };
    expect(await ask()).toBe(3);
    clock.now += 29_000;
    expect(await ask()).toBe(3);
    clock.now += 2_000; // 31 s: the error is asked again
    expect(await ask()).toBe(4);
    clock.now += 9 * 60_000; // 9 min 31 s
    expect(await ask()).toBe(4);
    clock.now += 60_000; // 10 min 31 s: the not-found is asked again
    expect(await ask()).toBe(5);
    clock.now += 50 * 60_000; // 60 min 31 s: everything is asked again
    expect(await ask()).toBe(8);
  });

  it("words every 429 one way: the refused request, the lookups held back, with or without Retry-After", async () => {
    const { client, clock } = await setup({
      behaviours: {
        "datasets/tatsu-lab/alpaca": { status: 429, retryAfter: 5 },
        "datasets/bigcode/the-stack": { status: 429, errorCode: "RateLimited" },
      },
    });
    const reasons = [
      await client.lookup("dataset", "tatsu-lab/alpaca"),
      await client.lookup("dataset", "rajpurkar/squad_v2"),
      await client.scoped("installation:2").lookup("model", "acme-ai/merged-7b"),
    ];
    clock.now += 6_000;
    // The fake sends RateLimit t=60 when Retry-After is absent: a second pause, the same words.
    reasons.push(await client.lookup("dataset", "bigcode/the-stack"), await client.lookup("model", "google-bert/bert-base-uncased"));
    expect(reasons).toEqual(reasons.map(() => ({ status: "unavailable", reason: RATE_LIMITED_REASON, kind: "rate-limited" })));
  });

  it("takes the Hub's spelling of an id only when it is a well-formed repo id", async () => {
    const { client } = await setup({
      behaviours: {
        "acme-ai/odd": { rawBody: JSON.stringify({ _id: "1", id: "acme-ai/odd\nbase_model: evil/x", private: false, tags: [] }) },
        "acme-ai/odder": { rawBody: JSON.stringify({ _id: "2", id: "../../whoami-v2/x", private: false, tags: [] }) },
      },
    });
    expect(info(await client.lookup("model", "acme-ai/odd")).id).toBe("acme-ai/odd");
    expect(info(await client.lookup("model", "acme-ai/odder")).id).toBe("acme-ai/odder");
    const result = await reviewCard("---\nlicense: mit\nbase_model: acme-ai/odd\n---\n# M\n", client);
    expect(result.findings.filter((f) => f.ruleId === "hub/canonical-id")).toEqual([]);
    expect(result.references?.[0]).not.toHaveProperty("canonicalId");
  });

  it("does not follow a redirect to another origin: nothing is sent there, and the lookup is unavailable", async () => {
    const elsewhere = await startFakeHub(DATA);
    hubs.push(elsewhere);
    const { hub, client } = await setup(
      { redirects: { "acme-ai/moved": `${elsewhere.url}/api/models/acme-ai/tiny-llm-instruct/revision/HEAD` } },
      { token: TOKEN },
    );
    expect(await client.lookup("model", "acme-ai/moved")).toEqual({
      status: "unavailable",
      reason: "the Hub redirected to another site, which Cardinal does not follow",
      kind: "redirect-refused",
    });
    expect(hub.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  });

  it("stops a redirect loop within the endpoint after MAX_REDIRECTS", async () => {
    const { hub, client } = await setup({ redirects: { "acme-ai/ping": "acme-ai/pong", "acme-ai/pong": "acme-ai/ping" } });
    expect(await client.lookup("model", "acme-ai/ping")).toEqual({ status: "unavailable", reason: "the Hub redirected too many times", kind: "redirect-refused" });
    expect(hub.requests).toHaveLength(MAX_REDIRECTS + 1);
  });
});
