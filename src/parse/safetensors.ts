/**
 * The safetensors format, checked the way the reference implementation
 * checks it (huggingface/safetensors, `safetensors/src/tensor.rs`:
 * `SafeTensors::read_metadata` and `Metadata::validate`): an 8-byte
 * little-endian header length N (at most 100,000,000, `MAX_HEADER_SIZE`),
 * N bytes of UTF-8 JSON, then the data section. Each tensor entry has a
 * known `dtype`, a `shape` and `data_offsets` [begin, end) relative to the
 * data section; sorted by offset, the entries must start at 0, follow one
 * another without gap or overlap, span exactly elements × dtype bits / 8,
 * and the last end must be where the file ends (`MetadataIncompleteBuffer`).
 * `__metadata__` is a map of strings to strings.
 *
 * Pure: it reads through a RangeReader, never a file.
 */
import { rangeReader, type ByteSource, type RangeReader } from "../core/bytes.js";

/** The reference implementation refuses a longer header (`MAX_HEADER_SIZE` in tensor.rs). */
export const SAFETENSORS_MAX_HEADER_BYTES = 100_000_000;

/**
 * Bits per element of every dtype the reference implementation knows
 * (`enum Dtype` and `Dtype::bitsize` in tensor.rs, including the FP8, FP6
 * and FP4 microscaling types).
 */
export const SAFETENSORS_DTYPE_BITS: Readonly<Record<string, number>> = Object.freeze({
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  F8_E4M3FNUZ: 8,
  F8_E5M2FNUZ: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
});

/** Bytes read at once from the start of a file: the length and, for most checkpoints, the whole header. */
export const SAFETENSORS_FIRST_READ = 64 * 1024;

export interface SafetensorsTensor {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

/** One problem of a header, in Cardinal's words (values kept apart by the rule). */
export type SafetensorsProblem =
  | { readonly kind: "too-short"; readonly size: number }
  | { readonly kind: "header-too-large"; readonly length: number }
  | { readonly kind: "header-beyond-file"; readonly length: number; readonly size: number }
  | { readonly kind: "not-utf8" }
  | { readonly kind: "not-json"; readonly detail: string }
  | { readonly kind: "not-object" }
  | { readonly kind: "bad-entry"; readonly tensor: string; readonly what: string }
  | { readonly kind: "unknown-dtype"; readonly tensor: string; readonly dtype: string }
  | { readonly kind: "size-mismatch"; readonly tensor: string; readonly expected: number; readonly span: number }
  | { readonly kind: "partial-byte"; readonly tensor: string; readonly bits: number }
  | { readonly kind: "gap"; readonly tensor: string; readonly expected: number; readonly begin: number }
  | { readonly kind: "overlap"; readonly tensor: string; readonly previous: string; readonly begin: number; readonly previousEnd: number }
  | { readonly kind: "coverage"; readonly expected: number; readonly size: number }
  | { readonly kind: "metadata"; readonly key?: string };

export interface SafetensorsHeader {
  /** The header length N from the first 8 bytes. */
  readonly headerLength: number;
  /** Tensors in file order (by begin offset). */
  readonly tensors: readonly SafetensorsTensor[];
  readonly metadata: Readonly<Record<string, string>>;
  /** Bytes of the data section the tensors span (last end). */
  readonly dataBytes: number;
  readonly problems: readonly SafetensorsProblem[];
}

export type SafetensorsRead =
  | { readonly ok: true; readonly header: SafetensorsHeader; readonly bytesRead: number }
  | { readonly ok: false; readonly reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

/** The 64-bit little-endian length at the start, as a number (beyond 2^53 it is simply too large). */
export function headerLengthOf(first8: Uint8Array): number {
  let n = 0;
  for (let i = 7; i >= 0; i--) n = n * 256 + (first8[i] ?? 0);
  return n;
}

/**
 * Checks a header's JSON against the file size. `json` is the N bytes after
 * the length; `size` the whole file's size in bytes.
 */
export function checkSafetensorsHeader(json: Uint8Array, size: number): SafetensorsHeader {
  const headerLength = json.length;
  const problems: SafetensorsProblem[] = [];
  const empty = (problem: SafetensorsProblem): SafetensorsHeader => ({ headerLength, tensors: [], metadata: {}, dataBytes: 0, problems: [problem] });
  let source: string;
  try {
    source = new TextDecoder("utf-8", { fatal: true }).decode(json);
  } catch {
    return empty({ kind: "not-utf8" });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    return empty({ kind: "not-json", detail: error instanceof Error ? error.message.split("\n")[0] ?? "" : "" });
  }
  if (!isRecord(parsed)) return empty({ kind: "not-object" });

  const metadata: Record<string, string> = {};
  const tensors: SafetensorsTensor[] = [];
  for (const [name, entry] of Object.entries(parsed)) {
    if (name === "__metadata__") {
      if (!isRecord(entry)) {
        problems.push({ kind: "metadata" });
        continue;
      }
      for (const [key, value] of Object.entries(entry)) {
        if (typeof value === "string") metadata[key] = value;
        else problems.push({ kind: "metadata", key });
      }
      continue;
    }
    if (!isRecord(entry)) {
      problems.push({ kind: "bad-entry", tensor: name, what: "is not an object" });
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = entry;
    if (typeof dtype !== "string") {
      problems.push({ kind: "bad-entry", tensor: name, what: "has no `dtype` string" });
      continue;
    }
    if (!Array.isArray(shape) || !shape.every(isCount)) {
      problems.push({ kind: "bad-entry", tensor: name, what: "has no `shape` list of whole numbers" });
      continue;
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
      problems.push({ kind: "bad-entry", tensor: name, what: "has no `data_offsets` pair of whole numbers" });
      continue;
    }
    const [begin, end] = offsets as [number, number];
    if (end < begin) {
      problems.push({ kind: "bad-entry", tensor: name, what: "ends before it begins (`data_offsets`)" });
      continue;
    }
    tensors.push({ name, dtype, shape: shape as number[], begin, end });
  }

  tensors.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  let previous: SafetensorsTensor | undefined;
  for (const t of tensors) {
    const bits = SAFETENSORS_DTYPE_BITS[t.dtype];
    if (bits === undefined) problems.push({ kind: "unknown-dtype", tensor: t.name, dtype: t.dtype });
    else {
      const elements = t.shape.reduce((a, b) => a * b, 1);
      const totalBits = elements * bits;
      if (totalBits % 8 !== 0) problems.push({ kind: "partial-byte", tensor: t.name, bits: totalBits });
      else if (totalBits / 8 !== t.end - t.begin) problems.push({ kind: "size-mismatch", tensor: t.name, expected: totalBits / 8, span: t.end - t.begin });
    }
    if (t.begin > expected) problems.push({ kind: "gap", tensor: t.name, expected, begin: t.begin });
    else if (t.begin < expected && previous) problems.push({ kind: "overlap", tensor: t.name, previous: previous.name, begin: t.begin, previousEnd: expected });
    expected = Math.max(expected, t.end);
    previous = t;
  }
  const dataBytes = expected;
  const total = 8 + headerLength + dataBytes;
  if (total !== size) problems.push({ kind: "coverage", expected: total, size });
  return { headerLength, tensors, metadata, dataBytes, problems };
}

/**
 * Reads and checks a safetensors header through `read`: one read of the
 * first 64 KiB (the length and most headers), a second only for the rest of
 * a longer header. Never more than 8 + N bytes, and never the data section.
 * A failed read is a reason, never a verdict on the file.
 */
export async function readSafetensorsHeader(read: RangeReader): Promise<SafetensorsRead> {
  const first = await read(0, SAFETENSORS_FIRST_READ);
  if (!first.ok) return first;
  const { size } = first;
  let bytesRead = first.bytes.length;
  const fail = (problem: SafetensorsProblem): SafetensorsRead => ({
    ok: true,
    header: { headerLength: 0, tensors: [], metadata: {}, dataBytes: 0, problems: [problem] },
    bytesRead,
  });
  if (first.bytes.length < 8) return fail({ kind: "too-short", size });
  const length = headerLengthOf(first.bytes.subarray(0, 8));
  if (length > SAFETENSORS_MAX_HEADER_BYTES) return fail({ kind: "header-too-large", length });
  if (8 + length > size) return fail({ kind: "header-beyond-file", length, size });
  let json: Uint8Array;
  if (8 + length <= first.bytes.length) json = first.bytes.subarray(8, 8 + length);
  else {
    const rest = await read(first.bytes.length, 8 + length - first.bytes.length);
    if (!rest.ok) return rest;
    bytesRead += rest.bytes.length;
    json = new Uint8Array(length);
    json.set(first.bytes.subarray(8), 0);
    json.set(rest.bytes, first.bytes.length - 8);
    if (first.bytes.length - 8 + rest.bytes.length < length) return fail({ kind: "header-beyond-file", length, size });
  }
  return { ok: true, header: checkSafetensorsHeader(json, size), bytesRead };
}

/** Bytes in words: "512 bytes", "1.5 KB", "4.2 GB" (decimal units, as the Hub shows sizes). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} ${n === 1 ? "byte" : "bytes"}`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = n / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : Number(value.toFixed(1))} ${units[unit]}`;
}

const readsBySource = new WeakMap<ByteSource, Map<string, Promise<SafetensorsRead>>>();

/**
 * The header of `path`, read once per ByteSource (one per review): the rules
 * that check a header, an index against its shards and a config against the
 * tensors share one read.
 */
export function safetensorsHeaderOf(source: ByteSource, path: string): Promise<SafetensorsRead> {
  let reads = readsBySource.get(source);
  if (!reads) {
    reads = new Map();
    readsBySource.set(source, reads);
  }
  let read = reads.get(path);
  if (!read) {
    read = readSafetensorsHeader(rangeReader(source, path));
    reads.set(path, read);
  }
  return read;
}
