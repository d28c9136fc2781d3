/**
 * The pull request ByteSource against a fake LFS server on 127.0.0.1: range
 * requests for LFS objects (only the bytes asked for), plain blobs through
 * the contents API (bounded), the byte budget, the time limit, and a reason
 * for every failure.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import nock from "nock";
import { rangeReader } from "../src/core/bytes.js";
import { lfsRangeCache, prefetchWeightHeaders, pullRequestByteSource, webBaseOf, type PullRequestByteSourceOptions } from "../src/io/github/byte-source.js";
import type { Octokit } from "../src/io/github/pull-request.js";
import { readSafetensorsHeader, SAFETENSORS_FIRST_READ } from "../src/parse/safetensors.js";
import { startFakeLfs, type FakeLfs } from "../src/tools/fake-lfs.js";
import type { WorkspaceFile } from "../src/core/types.js";
import { checkpointHead, rawSafetensors, safetensorsFile } from "./helpers/safetensors.js";

const OID = "b".repeat(64);
const MISSING = "c".repeat(64);
const FIVE_GB = 5 * 1024 ** 3;
const header = safetensorsFile({ "model.embed_tokens.weight": { dtype: "BF16", shape: [4, 4] } });
// The same header, as the start of a 5 GB file: the data section is what the offsets say.
const bigHeader = checkpointHead(FIVE_GB);

let lfs: FakeLfs;
let rangeless: FakeLfs;
beforeAll(async () => {
  lfs = await startFakeLfs({ objects: { [OID]: { head: bigHeader, size: FIVE_GB } }, token: "ghs_test" });
  rangeless = await startFakeLfs({ objects: { [OID]: { head: bigHeader, size: FIVE_GB } }, ignoreRange: true });
});
afterAll(async () => {
  await lfs.close();
  await rangeless.close();
});
beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^127\.0\.0\.1(:\d+)?$/);
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const REPO = { owner: "acme-ai", repo: "tiny-llm" };
const lfsFile = (path: string, oid = OID, size = FIVE_GB): WorkspaceFile => ({ path, status: "added", size, content: { type: "lfs-pointer", oid, size } });

/** A stand-in for Octokit's contents API: path → bytes (JSON with base64 up to 1 MB, raw beyond, as GitHub does). */
function contentsOctokit(files: Record<string, Uint8Array>, calls: string[] = []): Octokit {
  const getContent = async (params: { path: string; mediaType?: { format?: string } }) => {
    calls.push(`${params.mediaType?.format ?? "json"} ${params.path}`);
    const bytes = files[params.path];
    if (!bytes) throw Object.assign(new Error("Not Found"), { status: 404 });
    if (params.mediaType?.format === "raw") return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) };
    const small = bytes.length <= 1024 * 1024;
    return { data: { type: "file", size: bytes.length, encoding: small ? "base64" : "none", content: small ? Buffer.from(bytes).toString("base64") : "" } };
  };
  return { rest: { repos: { getContent } }, request: { endpoint: { DEFAULTS: { baseUrl: "https://api.github.com" } } } } as unknown as Octokit;
}

const source = (files: WorkspaceFile[], options: Partial<PullRequestByteSourceOptions> = {}) =>
  pullRequestByteSource({
    octokit: contentsOctokit({}),
    sources: [REPO],
    headSha: "6dcb09b5b57875f334f61aebed695e2e4193db5e",
    files,
    token: async () => "ghs_test",
    lfsUrl: (r) => `${lfs.url}/${r.owner}/${r.repo}.git/info/lfs`,
    ...options,
  });

describe("pull request ByteSource: Git LFS objects by HTTP range", () => {
  it("reads a 5 GB checkpoint's safetensors header with one batch request and one 64 KiB range", async () => {
    const before = lfs.requests.length;
    const bytes = source([lfsFile("model.safetensors")]);
    const read = await readSafetensorsHeader(rangeReader(bytes, "model.safetensors"));
    expect(read.ok && read.header.problems).toEqual([]);
    expect(lfs.requests.slice(before)).toEqual([
      "POST /acme-ai/tiny-llm.git/info/lfs/objects/batch",
      `GET /objects/${OID} bytes=0-65535`,
    ]);
    expect(bytes.stats().byPath.get("model.safetensors")).toBe(65536);
    expect(lfs.served.get(OID)).toBeLessThanOrEqual(65536);
  });

  it("an object the server does not have: the finding's reason", async () => {
    const read = await source([lfsFile("x.safetensors", MISSING, 1000)]).read("x.safetensors", 0, 100);
    expect(read).toEqual({ ok: false, reason: "the LFS object is not on the server" });
  });

  it("a token the LFS server refuses is said, never retried as a guess", async () => {
    const read = await source([lfsFile("x.safetensors")], { token: async () => "ghs_wrong" }).read("x.safetensors", 0, 100);
    expect(read).toEqual({ ok: false, reason: "the LFS server refused Cardinal's token (401)" });
  });

  it("a batch endpoint that redirects is not followed with the token", async () => {
    const seen: string[] = [];
    const redirecting: typeof fetch = async (input, init) => {
      seen.push(`${init?.method ?? "GET"} ${String(input)} ${init?.redirect}`);
      return new Response(null, { status: 302, headers: { location: "https://elsewhere.example/lfs" } });
    };
    const read = await source([lfsFile("x.safetensors")], { fetch: redirecting }).read("x.safetensors", 0, 10);
    expect(read).toEqual({ ok: false, reason: "the LFS server redirected elsewhere, where Cardinal does not send its token" });
    expect(seen).toEqual([`POST ${lfs.url}/acme-ai/tiny-llm.git/info/lfs/objects/batch manual`]);
  });

  it("the byte budget: a read past it is refused with the budget in words", async () => {
    const bytes = source([lfsFile("a.safetensors"), lfsFile("b.safetensors")], { budget: 100_000 });
    expect((await bytes.read("a.safetensors", 0, 65536)).ok).toBe(true);
    expect(await bytes.read("b.safetensors", 0, 65536)).toEqual({ ok: false, reason: "the review's byte budget (98 KB) is spent" });
  });

  it("a server that ignores Range: only what was asked is read, then the transfer is cut off", async () => {
    const bytes = source([lfsFile("model.safetensors")], { lfsUrl: (r) => `${rangeless.url}/${r.owner}/${r.repo}.git/info/lfs` });
    const read = await bytes.read("model.safetensors", 0, 1000);
    expect(read.ok && read.bytes.length).toBe(1000);
    expect(bytes.stats().bytes).toBeLessThan(1024 * 1024);
    // The server stops sending once the client goes away; were it never cut off, 5 GB would keep this waiting past the test's timeout.
    await rangeless.idle();
    expect(rangeless.served.get(OID) ?? 0).toBeLessThan(64 * 1024 * 1024);
  });

  it("the review's time for reading weights: a server that does not answer is named", async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(Object.assign(new Error("timeout"), { name: "TimeoutError" }))));
    const read = await source([lfsFile("x.safetensors")], { fetch: hanging, timeoutMs: 50 }).read("x.safetensors", 0, 10);
    expect(read).toEqual({ ok: false, reason: "the LFS server did not answer within 0.1 s" });
  });

  it("a range read once is not read again by the next review of the same repository; another repository, or a failure, is asked again", async () => {
    const cache = lfsRangeCache();
    const before = lfs.requests.length;
    const first = await source([lfsFile("model.safetensors")], { cache }).read("model.safetensors", 0, 4096);
    const again = source([lfsFile("renamed.safetensors")], { cache });
    const second = await again.read("renamed.safetensors", 0, 4096);
    expect(second).toEqual(first);
    expect(first.ok && first.bytes.length).toBe(4096);
    expect(first.ok && Buffer.from(first.bytes.subarray(0, 64))).toEqual(Buffer.from(bigHeader.subarray(0, 64)));
    expect(again.stats()).toMatchObject({ requests: 0, bytes: 0 });
    // Another range of the same object, and the same range for another repository, are read.
    await again.read("renamed.safetensors", 0, 100);
    const otherRepo = { owner: "acme-ai", repo: "other" };
    await source([lfsFile("model.safetensors")], { cache, sources: [otherRepo] }).read("model.safetensors", 0, 4096);
    expect(lfs.requests.slice(before)).toEqual([
      "POST /acme-ai/tiny-llm.git/info/lfs/objects/batch",
      `GET /objects/${OID} bytes=0-4095`,
      "POST /acme-ai/tiny-llm.git/info/lfs/objects/batch",
      `GET /objects/${OID} bytes=0-99`,
      "POST /acme-ai/other.git/info/lfs/objects/batch",
      `GET /objects/${OID} bytes=0-4095`,
    ]);
    const missing = () => source([lfsFile("x.safetensors", MISSING, 1000)], { cache }).read("x.safetensors", 0, 100);
    expect(await missing()).toEqual({ ok: false, reason: "the LFS object is not on the server" });
    const mark = lfs.requests.length;
    expect(await missing()).toEqual({ ok: false, reason: "the LFS object is not on the server" });
    expect(lfs.requests.length).toBe(mark + 1);
  });

  it("the headers prefetched beside the snapshot answer the review's first reads, even while still on their way: one batch and one range per file", async () => {
    const cache = lfsRangeCache();
    const before = lfs.requests.length;
    const octokit = Object.assign(contentsOctokit({}), { auth: async () => ({ token: "ghs_test" }) }) as unknown as Octokit;
    const files = [lfsFile("model.safetensors"), lfsFile("weights.bin")];
    prefetchWeightHeaders(octokit, [REPO], "6dcb09b5b57875f334f61aebed695e2e4193db5e", files, { lfsBaseUrl: lfs.url, cache });
    // The review starts at once: its read waits for the prefetch rather than asking again.
    const review = source(files, { cache });
    const header = await readSafetensorsHeader(rangeReader(review, "model.safetensors"));
    expect(header.ok && header.header.problems).toEqual([]);
    expect(review.stats().requests).toBe(0);
    // The .bin file is not a safetensors header: not prefetched.
    expect(lfs.requests.slice(before)).toEqual(["POST /acme-ai/tiny-llm.git/info/lfs/objects/batch", `GET /objects/${OID} bytes=0-${SAFETENSORS_FIRST_READ - 1}`]);
  });

  it("a file outside the pull request, or removed by it, is not read", async () => {
    const bytes = source([{ path: "gone.safetensors", status: "removed", content: { type: "removed" } }]);
    expect(await bytes.read("other.safetensors", 0, 8)).toEqual({ ok: false, reason: "Cardinal reads only the weight files the pull request adds or changes" });
    expect(await bytes.read("gone.safetensors", 0, 8)).toEqual({ ok: false, reason: "the pull request removes it" });
  });
});

describe("pull request ByteSource: plain Git blobs", () => {
  const blobFile = (path: string): WorkspaceFile => ({ path, status: "added", content: { type: "not-fetched" } });

  it("reads a small blob once through the contents API and serves every range from it", async () => {
    const calls: string[] = [];
    const bytes = source([blobFile("model.safetensors")], { octokit: contentsOctokit({ "model.safetensors": header }, calls) });
    const read = await readSafetensorsHeader(rangeReader(bytes, "model.safetensors"));
    expect(read.ok && read.header.tensors.map((t) => t.name)).toEqual(["model.embed_tokens.weight"]);
    await bytes.read("model.safetensors", 8, 4);
    expect(calls).toEqual(["json model.safetensors"]);
  });

  it("a blob over 1 MB comes with the raw media type", async () => {
    const calls: string[] = [];
    const big = rawSafetensors({ w: { dtype: "U8", shape: [2_000_000], data_offsets: [0, 2_000_000] } }, 2_000_000);
    const bytes = source([blobFile("m.safetensors")], { octokit: contentsOctokit({ "m.safetensors": big }, calls) });
    const read = await readSafetensorsHeader(rangeReader(bytes, "m.safetensors"));
    expect(read.ok && read.header.problems).toEqual([]);
    expect(calls).toEqual(["json m.safetensors", "raw m.safetensors"]);
  });

  it("a blob over the bound is not downloaded, and the reason says what to do", async () => {
    const bytes = source([blobFile("m.safetensors")], { octokit: contentsOctokit({ "m.safetensors": new Uint8Array(3000) }), maxBlobBytes: 2048 });
    expect(await bytes.read("m.safetensors", 0, 8)).toEqual({
      ok: false,
      reason: "it is a Git blob of 3 KB, over the 2 KB Cardinal reads through GitHub (commit it through Git LFS)",
    });
  });

  it("a blob GitHub does not have at the head commit", async () => {
    expect(await source([blobFile("m.safetensors")]).read("m.safetensors", 0, 8)).toEqual({ ok: false, reason: "GitHub found no file at commit 6dcb09b" });
  });
});

describe("webBaseOf", () => {
  it("maps GitHub's API to its web host, and an Enterprise Server's /api/v3 to its root", () => {
    expect(webBaseOf("https://api.github.com")).toBe("https://github.com");
    expect(webBaseOf("https://ghe.example.com/api/v3")).toBe("https://ghe.example.com");
  });
});

describe("the replay's fake GitHub and LFS", () => {
  it("answers the LFS Batch API at the web host: a folder's pointers have no objects, so each is not on the server", async () => {
    const { startFakeGitHub, FAKE_OWNER, FAKE_REPO } = await import("../src/tools/fake-github.js");
    const { fileURLToPath } = await import("node:url");
    const github = await startFakeGitHub(fileURLToPath(new URL("fixtures/folders/clean-release", import.meta.url)));
    try {
      const files: WorkspaceFile[] = [lfsFile("model.safetensors", OID, 1000)];
      const bytes = pullRequestByteSource({
        octokit: { request: { endpoint: { DEFAULTS: { baseUrl: github.url } } } } as unknown as Octokit,
        sources: [{ owner: FAKE_OWNER, repo: FAKE_REPO }],
        headSha: "0".repeat(40),
        files,
      });
      expect(await bytes.read("model.safetensors", 0, 8)).toEqual({ ok: false, reason: "the LFS object is not on the server" });
      expect(github.unknown).toEqual([]);
    } finally {
      await github.close();
    }
  });
});

describe("weightBytesFromEnv", () => {
  it("on by default, off when asked, a budget in MB, an LFS base; bad values named", async () => {
    const { weightBytesFromEnv } = await import("../src/io/github/byte-source.js");
    expect(weightBytesFromEnv({})).toEqual({});
    expect(weightBytesFromEnv({ CARDINAL_WEIGHT_BYTES: "OFF" })).toBe(false);
    expect(weightBytesFromEnv({ CARDINAL_WEIGHT_BYTES_BUDGET_MB: "64", CARDINAL_LFS_URL: "https://ghe.example.com" })).toEqual({ budget: 64 * 1024 * 1024, lfsBaseUrl: "https://ghe.example.com" });
    expect(() => weightBytesFromEnv({ CARDINAL_WEIGHT_BYTES_BUDGET_MB: "lots" })).toThrow('CARDINAL_WEIGHT_BYTES_BUDGET_MB must be a whole number of megabytes above 0, got "lots"');
    expect(() => weightBytesFromEnv({ CARDINAL_LFS_URL: "https://user:pw@ghe.example.com" })).toThrow("CARDINAL_LFS_URL must not carry credentials");
  });
});
