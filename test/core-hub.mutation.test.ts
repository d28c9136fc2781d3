/**
 * src/core/hub.ts: recordingHub, the wrapper a review asks the Hub through.
 * It remembers each answer (the references of the JSON output), names the
 * lookups that could not be answered (hub/unreachable), and stops asking past
 * the review's bound of repositories.
 */
import { describe, expect, it } from "vitest";
import { HUB_LOOKUPS_PER_REVIEW, recordingHub, type HubClient, type HubLookup, type HubRepoInfo, type HubSecurityLookup } from "../src/core/hub.js";

const info = (id: string, over: Partial<HubRepoInfo> = {}): HubRepoInfo => ({
  id,
  type: "model",
  private: false,
  gated: false,
  disabled: false,
  licenses: ["mit"],
  baseModels: [],
  tags: [],
  ...over,
});

/** A client that answers from `answers` (by `type:id`, found otherwise) and records what it was asked. */
function fake(answers: Record<string, HubLookup> = {}, extra: Partial<HubClient> = {}) {
  const asked: string[] = [];
  const client: HubClient = {
    lookup: (type, id) => {
      asked.push(`${type}:${id}`);
      return Promise.resolve(answers[`${type}:${id}`] ?? { status: "found", info: info(id) });
    },
    ...extra,
  };
  return { client, asked };
}

const limitReason = (n: number) => `this review had already asked the Hub about ${n} repositories, the most one review asks about`;

describe("recordingHub: the references", () => {
  it("records the first answer for each repository, by type and id", async () => {
    const { client } = fake({
      "model:acme/Renamed": { status: "found", info: info("acme/renamed", { private: true, gated: "manual", disabled: true, licenses: ["apache-2.0"] }) },
      "model:acme/gone": { status: "not-found", httpStatus: 404 },
      "dataset:acme/slow": { status: "unavailable", reason: "the Hub did not answer within 10 s", kind: "timeout" },
    });
    const hub = recordingHub(client);
    await hub.client.lookup("model", "acme/Renamed");
    await hub.client.lookup("model", "acme/same");
    await hub.client.lookup("model", "acme/gone");
    await hub.client.lookup("dataset", "acme/slow");
    await hub.client.lookup("dataset", "acme/same");
    expect(hub.references()).toEqual([
      { type: "model", id: "acme/Renamed", status: "found", canonicalId: "acme/renamed", private: true, gated: "manual", disabled: true, licenses: ["apache-2.0"] },
      { type: "model", id: "acme/same", status: "found", private: false, gated: false, disabled: false, licenses: ["mit"] },
      { type: "model", id: "acme/gone", status: "not-found" },
      { type: "dataset", id: "acme/slow", status: "unavailable", reason: "the Hub did not answer within 10 s" },
      { type: "dataset", id: "acme/same", status: "found", private: false, gated: false, disabled: false, licenses: ["mit"] },
    ]);
    expect(hub.failures()).toEqual([{ type: "dataset", id: "acme/slow", reason: "the Hub did not answer within 10 s", kind: "timeout" }]);
  });

  it("a later answer for the same repository does not replace the first", async () => {
    let calls = 0;
    const client: HubClient = {
      lookup: (_type, id) =>
        Promise.resolve(calls++ === 0 ? { status: "unavailable", reason: "first" } : { status: "found", info: info(id) }),
    };
    const hub = recordingHub(client);
    expect((await hub.client.lookup("model", "acme/a")).status).toBe("unavailable");
    expect((await hub.client.lookup("model", "acme/a")).status).toBe("found");
    expect(hub.references()).toEqual([{ type: "model", id: "acme/a", status: "unavailable", reason: "first" }]);
    // A failure without a kind names none.
    expect(hub.failures()).toEqual([{ type: "model", id: "acme/a", reason: "first" }]);
  });
});

describe("recordingHub: the bound on repositories", () => {
  it("past the client's own bound, a new repository is answered unavailable without asking, and named once as limited", async () => {
    const { client, asked } = fake({}, { lookupsPerReview: 2 });
    const hub = recordingHub(client);
    await hub.client.lookup("model", "acme/a");
    await hub.client.lookup("dataset", "acme/a");
    expect(await hub.client.lookup("model", "acme/c")).toEqual({ status: "unavailable", reason: limitReason(2) });
    expect(await hub.client.lookup("model", "acme/c")).toEqual({ status: "unavailable", reason: limitReason(2) });
    // One already asked about is still answered.
    expect((await hub.client.lookup("model", "acme/a")).status).toBe("found");
    expect(asked).toEqual(["model:acme/a", "dataset:acme/a", "model:acme/a"]);
    expect(hub.failures()).toEqual([{ type: "model", id: "acme/c", reason: limitReason(2), limited: true }]);
    expect(hub.references().map((r) => `${r.type}:${r.id}`)).toEqual(["model:acme/a", "dataset:acme/a"]);
  });

  it("an id that is no Hub id costs nothing and is passed on, even past the bound", async () => {
    const { client, asked } = fake({}, { lookupsPerReview: 1 });
    const hub = recordingHub(client);
    await hub.client.lookup("model", "not an id!");
    await hub.client.lookup("model", "acme/a");
    await hub.client.lookup("model", "also not/an/id");
    expect(asked).toEqual(["model:not an id!", "model:acme/a", "model:also not/an/id"]);
    expect(hub.failures()).toEqual([]);
  });

  it("the bound given wins over the client's; without either it is HUB_LOOKUPS_PER_REVIEW", async () => {
    const { client } = fake({}, { lookupsPerReview: 5 });
    const one = recordingHub(client, 1);
    await one.client.lookup("model", "acme/a");
    expect(await one.client.lookup("model", "acme/b")).toEqual({ status: "unavailable", reason: limitReason(1) });

    expect(HUB_LOOKUPS_PER_REVIEW).toBe(100);
    const plain = fake();
    const hub = recordingHub(plain.client);
    for (let i = 0; i < 100; i++) await hub.client.lookup("model", `acme/m${i}`);
    expect(plain.asked).toHaveLength(100);
    expect(await hub.client.lookup("model", "acme/one-more")).toEqual({ status: "unavailable", reason: limitReason(100) });
    expect(plain.asked).toHaveLength(100);
  });
});

describe("recordingHub: the security scan", () => {
  it("is offered only when the client offers it", () => {
    expect(recordingHub(fake().client).client.securityStatus).toBeUndefined();
  });

  it("an unanswered scan is a failure once, with the Hub's reason and kind; an unrecorded one is none", async () => {
    const answers: Record<string, HubSecurityLookup> = {
      "acme/a": { status: "unavailable", reason: "the Hub answered 503", kind: "server-error" },
      "acme/b": { status: "unavailable", reason: "no kind" },
      "acme/c": { status: "unavailable", reason: "mirror question" },
      "acme/d": { status: "found", scansDone: true, filesWithIssues: [] },
    };
    const asked: string[] = [];
    const { client } = fake({}, {
      securityStatus: (id) => {
        asked.push(id);
        return Promise.resolve(answers[id]!);
      },
    });
    const hub = recordingHub(client);
    const scan = hub.client.securityStatus!;
    expect(await scan("acme/a")).toBe(answers["acme/a"]);
    await scan("acme/a");
    await scan("acme/b");
    expect(await scan("acme/c", { unrecorded: true })).toBe(answers["acme/c"]);
    await scan("acme/d");
    expect(asked).toEqual(["acme/a", "acme/a", "acme/b", "acme/c", "acme/d"]);
    expect(hub.failures()).toEqual([
      { type: "model", id: "acme/a", reason: "the Hub's security scan of its files could not be read (the Hub answered 503)", kind: "server-error" },
      { type: "model", id: "acme/b", reason: "the Hub's security scan of its files could not be read (no kind)" },
    ]);
  });

  it("a model whose lookup was already unanswered is not named a second time for its scan", async () => {
    const { client } = fake({ "model:acme/a": { status: "unavailable", reason: "down" }, "dataset:acme/b": { status: "unavailable", reason: "down" } }, {
      securityStatus: () => Promise.resolve({ status: "unavailable", reason: "down too" }),
    });
    const hub = recordingHub(client);
    await hub.client.lookup("model", "acme/a");
    await hub.client.lookup("dataset", "acme/b");
    await hub.client.securityStatus!("acme/a");
    await hub.client.securityStatus!("acme/b");
    expect(hub.failures()).toEqual([
      { type: "model", id: "acme/a", reason: "down" },
      { type: "dataset", id: "acme/b", reason: "down" },
      { type: "model", id: "acme/b", reason: "the Hub's security scan of its files could not be read (down too)" },
    ]);
  });

  it("failures list the unanswered lookups, then the limited ones, then the scans", async () => {
    const { client } = fake({ "model:acme/a": { status: "unavailable", reason: "down" } }, {
      lookupsPerReview: 1,
      securityStatus: () => Promise.resolve({ status: "unavailable", reason: "scan down" }),
    });
    const hub = recordingHub(client);
    await hub.client.securityStatus!("acme/z");
    await hub.client.lookup("model", "acme/a");
    await hub.client.lookup("model", "acme/c");
    expect(hub.failures()).toEqual([
      { type: "model", id: "acme/a", reason: "down" },
      { type: "model", id: "acme/c", reason: limitReason(1), limited: true },
      { type: "model", id: "acme/z", reason: "the Hub's security scan of its files could not be read (scan down)" },
    ]);
  });
});
