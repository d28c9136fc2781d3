/**
 * Weight content checks: how fast safetensors headers are checked, and how
 * few bytes a pull request review reads of a 5 GB checkpoint committed
 * through Git LFS (range requests served by the loopback fake LFS server,
 * lib/tools/fake-lfs.js, which counts every byte it sends).
 */
import { performance } from "node:perf_hooks";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { defaultConfig } from "../lib/core/config.js";
import { review } from "../lib/core/engine.js";
import { pullRequestByteSource } from "../lib/io/github/byte-source.js";
import { checkSafetensorsHeader } from "../lib/parse/safetensors.js";
import { RULE_IDS, RULES } from "../lib/rules/index.js";
import { startFakeLfs } from "../lib/tools/fake-lfs.js";

const FIVE_GB = 5 * 1024 ** 3;
/** A review must read a 5 GB checkpoint's header, not its weights: this many bytes at most, or the bench fails. */
export const MAX_BYTES_PER_LFS_FILE = 1024 * 1024;

/** The 8-byte length and the JSON header of a safetensors file (no data). */
function withLength(header) {
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const out = Buffer.alloc(8 + json.length);
  out.writeBigUInt64LE(BigInt(json.length), 0);
  json.copy(out, 8);
  return out;
}

/**
 * The header of a Llama-style shard of `layers` decoder layers (nine tensors
 * each, bf16, 4096 wide), whose offsets end at `size` bytes of file when
 * given (the data itself is never built).
 */
export function llamaShardHead(layers, size) {
  const shapes = [];
  shapes.push(["model.embed_tokens.weight", [32000, 4096]]);
  for (let i = 0; i < layers; i++) {
    const p = `model.layers.${i}`;
    shapes.push([`${p}.input_layernorm.weight`, [4096]], [`${p}.post_attention_layernorm.weight`, [4096]]);
    for (const m of ["q_proj", "k_proj", "v_proj", "o_proj"]) shapes.push([`${p}.self_attn.${m}.weight`, [4096, 4096]]);
    for (const m of ["gate_proj", "up_proj"]) shapes.push([`${p}.mlp.${m}.weight`, [11008, 4096]]);
    shapes.push([`${p}.mlp.down_proj.weight`, [4096, 11008]]);
  }
  const build = (fill) => {
    const header = { __metadata__: { format: "pt" } };
    let offset = 0;
    for (const [name, shape] of shapes) {
      const bytes = shape.reduce((a, b) => a * b, 1) * 2;
      header[name] = { dtype: "BF16", shape, data_offsets: [offset, offset + bytes] };
      offset += bytes;
    }
    if (fill !== undefined && fill > offset) header["model.padding"] = { dtype: "U8", shape: [fill - offset], data_offsets: [offset, fill] };
    return { header, offset };
  };
  if (size === undefined) {
    const { header, offset } = build();
    return { head: withLength(header), size: 0, dataBytes: offset };
  }
  // The data section fills the file: its length depends on the header's, which barely moves.
  let data = size - 8;
  for (let i = 0; i < 4; i++) data = size - withLength(build(data).header).length;
  const head = withLength(build(data).header);
  return { head, size: head.length + data, dataBytes: data };
}

/** A fake LFS server holding the typical PR's shards (bench/pr.mjs): their pointers' oids, valid headers at their sizes. */
export async function startWeightLfs(pr) {
  const objects = {};
  for (const text of Object.values(pr.contents)) {
    const oid = /^oid sha256:([0-9a-f]{64})$/m.exec(text)?.[1];
    const size = Number(/^size (\d+)$/m.exec(text)?.[1]);
    if (oid && size) objects[oid] = { head: llamaShardHead(8, size).head, size };
  }
  return startFakeLfs({ objects });
}

/** Header checks per second and MB/s of header JSON, on a 32-layer shard's header (289 tensors). */
function headerThroughput(iterations) {
  const { head } = llamaShardHead(32);
  const json = head.subarray(8);
  const size = head.length; // data offsets are not covered: the check still runs every validation
  for (let i = 0; i < 20; i++) checkSafetensorsHeader(json, size);
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) checkSafetensorsHeader(json, size);
  const ms = performance.now() - t0;
  return { headerBytes: json.length, tensors: 1 + 32 * 9, iterations, headersPerSecond: (iterations / ms) * 1000, headerMBps: (json.length * iterations) / 1e6 / (ms / 1000) };
}

/** One pull request review of a 5 GB safetensors checkpoint through LFS: bytes and requests the fake LFS server saw. */
async function lfsCheckpoint() {
  const { head, size } = llamaShardHead(11, FIVE_GB);
  const oid = createHash("sha256").update("bench-5gb").digest("hex");
  const lfs = await startFakeLfs({ objects: { [oid]: { head, size } } });
  try {
    const files = [{ path: "model.safetensors", status: "added", size, content: { type: "lfs-pointer", oid, size } }];
    const bytes = pullRequestByteSource({
      octokit: { request: { endpoint: { DEFAULTS: { baseUrl: "https://api.github.com" } } } },
      sources: [{ owner: "acme-ai", repo: "tiny-llm" }],
      headSha: "0".repeat(40),
      files,
      lfsUrl: (r) => `${lfs.url}/${r.owner}/${r.repo}.git/info/lfs`,
    });
    const t0 = performance.now();
    const result = await review({ workspace: { source: "pull-request", files }, bytes, config: defaultConfig(), rules: RULES, ruleIds: RULE_IDS });
    const ms = performance.now() - t0;
    const served = lfs.served.get(oid) ?? 0;
    const headerFindings = result.findings.filter((f) => f.ruleId === "weights/safetensors-header-valid").length;
    if (served > MAX_BYTES_PER_LFS_FILE) throw new Error(`a review read ${served} bytes of a 5 GB LFS checkpoint; only its header should be read`);
    if (headerFindings !== 0) throw new Error("the bench's valid 5 GB checkpoint got a header finding");
    return { objectBytes: size, headerBytes: head.length, bytesServed: served, bytesReadByReview: bytes.stats().bytes, lfsRequests: lfs.requests.length, requests: [...lfs.requests], msPerReview: ms };
  } finally {
    await lfs.close();
  }
}

/**
 * A protocol 2 pickle of one dict with `n` string keys and int values, in
 * batches of 1,000 as Python's pickler writes them: opcode-dense, as state
 * dicts' metadata is.
 */
function denseDictPickle(n) {
  const parts = [Buffer.from([0x80, 0x02, 0x7d])]; // PROTO 2, EMPTY_DICT
  for (let i = 0; i < n; i++) {
    if (i % 1000 === 0) parts.push(Buffer.from(i === 0 ? [0x28] : [0x75, 0x28])); // (SETITEMS,) MARK
    const key = Buffer.from(`model.layers.${i}.weight`, "utf8");
    const item = Buffer.alloc(1 + 4 + key.length + 1 + 4);
    item[0] = 0x58; // BINUNICODE
    item.writeUInt32LE(key.length, 1);
    key.copy(item, 5);
    item[5 + key.length] = 0x4a; // BININT
    item.writeInt32LE(i, 6 + key.length);
    parts.push(item);
  }
  parts.push(Buffer.from([0x75, 0x2e])); // SETITEMS, STOP
  return Buffer.concat(parts);
}

/**
 * The pickle scanner: MB/s over an opcode-dense stream held in memory, and
 * the bytes it asks for of a PyTorch zip checkpoint read by range (the
 * fixture's benign state dict), as a pull request's LFS reads would.
 */
async function pickleThroughput() {
  const { scanPickleBytes, scanPickleFile } = await import("../lib/parse/pickle/scan.js");
  const stream = denseDictPickle(500_000);
  const t0 = performance.now();
  const scan = await scanPickleBytes(new Uint8Array(stream));
  const ms = performance.now() - t0;
  if (scan.incomplete.length > 0 || scan.imports.length > 0) throw new Error("the bench's dense pickle was not scanned to its end, or imported something");
  const zip = readFileSync(new URL("../test/fixtures/pickles/generated/benign-state-dict.bin", import.meta.url));
  let asked = 0;
  const reader = async (offset, length) => {
    const bytes = zip.subarray(offset, offset + length);
    asked += bytes.length;
    return { ok: true, bytes: new Uint8Array(bytes), size: zip.length };
  };
  const zipScan = await scanPickleFile(reader);
  if (zipScan.imports.some((i) => i.verdict !== "allowed")) throw new Error("the benign state dict got a finding in the bench");
  return { scanMBps: stream.length / (1024 * 1024) / (ms / 1000), streamBytes: stream.length, msPerScan: ms, torchZipBytes: zip.length, torchZipBytesRead: asked };
}

export async function weightContent({ iterations = 2000 } = {}) {
  return { weights: { safetensorsHeader: headerThroughput(iterations), lfsCheckpoint5GB: await lfsCheckpoint(), pickle: await pickleThroughput() } };
}
