/**
 * The Hub's own verdict on a base model's files, through the Hub client and
 * a fake Hub on 127.0.0.1: `GET /api/models/{id}?securityStatus=true`, read
 * from `securityRepoStatus`, cached and bounded like a lookup; a review says
 * what the Hub flags, and when the Hub does not answer, only that it could
 * not verify.
 */
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../src/core/config.js";
import { review } from "../src/core/engine.js";
import { plain } from "../src/core/text.js";
import { createHubClient } from "../src/io/hub/client.js";
import { findRule, RULE_IDS } from "../src/rules/index.js";
import { startFakeHub, type FakeHub, type FakeHubData } from "../src/tools/fake-hub.js";

const BASE = "acme-ai/base-7b";
const DATA: FakeHubData = {
  models: {
    [BASE]: {
      _id: "64b0",
      id: BASE,
      private: false,
      tags: [],
      securityRepoStatus: {
        scansDone: true,
        filesWithIssues: [
          { path: "pytorch_model.bin", level: "unsafe" },
          { path: "optimizer.pt", level: "suspicious" },
          { path: "README.md", level: "safe" },
        ],
      },
    },
    "acme-ai/clean": { _id: "64b1", id: "acme-ai/clean", private: false, tags: [], securityRepoStatus: { scansDone: true, filesWithIssues: [] } },
    "acme-ai/hidden": { _id: "64b2", id: "acme-ai/hidden", private: true, tags: [], securityRepoStatus: { scansDone: true, filesWithIssues: [{ path: "x.bin", level: "unsafe" }] } },
  },
  behaviours: { "acme-ai/down": { status: 503 } },
};

const hubs: FakeHub[] = [];
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.close()));
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

async function setup() {
  const hub = await startFakeHub(DATA);
  hubs.push(hub);
  return { hub, client: createHubClient({ endpoint: hub.url, token: "hf_TestTokenDoNotLeak1234567890", failuresBeforeStop: 0 }) };
}

describe("HubClient.securityStatus", () => {
  it("asks /api/models/{id}?securityStatus=true&blobs=true and reads securityRepoStatus", async () => {
    const { hub, client } = await setup();
    expect(await client.securityStatus(BASE)).toEqual({
      status: "found",
      private: false,
      scansDone: true,
      filesWithIssues: [
        { path: "pytorch_model.bin", level: "unsafe" },
        { path: "optimizer.pt", level: "suspicious" },
        { path: "README.md", level: "safe" },
      ],
    });
    expect(hub.requests).toEqual([`GET /api/models/${BASE}?securityStatus=true&blobs=true`]);
  });

  it("is cached like a lookup, apart from it", async () => {
    const { hub, client } = await setup();
    await client.securityStatus(BASE);
    await client.securityStatus(BASE);
    await client.lookup("model", BASE);
    expect(hub.requests.filter((r) => r.includes("securityStatus"))).toHaveLength(1);
    expect(hub.requests).toHaveLength(2);
  });

  it("a private model answers as a missing one, whatever the token sees", async () => {
    const { client } = await setup();
    expect(await client.securityStatus("acme-ai/hidden")).toEqual({ status: "not-found", httpStatus: 404 });
    expect(await client.securityStatus("acme-ai/nope")).toEqual({ status: "not-found", httpStatus: 404 });
  });

  it("a Hub that fails is unavailable, with the usual reason", async () => {
    const { client } = await setup();
    expect(await client.securityStatus("acme-ai/down")).toMatchObject({ status: "unavailable", reason: "the Hub answered 503", kind: "server-error" });
  });
});

describe("a review of a card whose base model the Hub flags", () => {
  const card = (base: string) => ({ path: "README.md", status: "added" as const, content: { type: "text" as const, text: `---\nlicense: mit\nbase_model: ${base}\n---\n# x\n` } });
  const run = async (base: string) => {
    const { client } = await setup();
    const result = await review({
      workspace: { source: "pull-request", files: [card(base)] },
      hub: client,
      config: defaultConfig(),
      rules: [findRule("hub/base-model-files-safe"), findRule("hub/unreachable")].filter((r) => r !== undefined),
      ruleIds: RULE_IDS,
    });
    return result.findings.map((f) => `${f.ruleId} ${f.severity} ${plain(f.message)}`);
  };

  it("repeats the Hub's words: unsafe as an error, suspicious as a warning", async () => {
    expect(await run(BASE)).toEqual([
      "hub/base-model-files-safe error The Hub's security scan marks 1 file of the base model `acme-ai/base-7b` unsafe: `pytorch_model.bin`.",
      "hub/base-model-files-safe warning The Hub's security scan marks 1 file of the base model `acme-ai/base-7b` suspicious: `optimizer.pt`.",
    ]);
  });

  it("a clean base model: nothing", async () => {
    expect(await run("acme-ai/clean")).toEqual([]);
  });

  it("a Hub that does not answer: only hub/unreachable's could-not-verify notice", async () => {
    expect(await run("acme-ai/down")).toEqual(["hub/unreachable notice Could not verify the model `acme-ai/down`: the Hub answered 503."]);
  });
});

describe("recordingHub and the security scan", () => {
  it("a scan the Hub did not give, for a model it found, is a failure hub/unreachable names", async () => {
    const { recordingHub } = await import("../src/core/hub.js");
    const recorded = recordingHub({
      lookup: async (type, id) => ({ status: "found", info: { id, type, private: false, gated: false, disabled: false, licenses: [], baseModels: [], tags: [] } }),
      securityStatus: async () => ({ status: "unavailable", reason: "the Hub did not answer in 5 s", kind: "timeout" }),
    });
    await recorded.client.lookup("model", BASE);
    await recorded.client.securityStatus?.(BASE);
    expect(recorded.failures()).toEqual([
      { type: "model", id: BASE, reason: "the Hub's security scan of its files could not be read (the Hub did not answer in 5 s)", kind: "timeout" },
    ]);
  });
});
