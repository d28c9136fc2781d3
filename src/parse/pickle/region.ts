/**
 * Byte regions the scanner reads: a file through the ByteSource port, a
 * slice of one (a stored zip member, a tar member, the pickle after a NumPy
 * header), or bytes in memory (an inflated member). Reads are ranges; no
 * region is ever loaded whole unless it is already in memory.
 */
import type { RangeReader } from "../../core/bytes.js";

/** Why a scan stopped early: what the finding says, and where. */
export type StopKind = "truncated" | "malformed" | "bound" | "unreadable" | "unsupported";

export class ScanStop extends Error {
  constructor(
    readonly kind: StopKind,
    message: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

export interface Region {
  readonly size: number;
  /** Exactly `length` bytes at `offset` (the caller keeps inside `size`); throws ScanStop("unreadable") when the source fails. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function memoryRegion(bytes: Uint8Array): Region {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

export function subRegion(parent: Region, start: number, size: number): Region {
  const clipped = Math.max(0, Math.min(size, parent.size - start));
  return {
    size: clipped,
    read: (offset, length) => parent.read(start + offset, Math.max(0, Math.min(length, clipped - offset))),
  };
}

/**
 * The region of a whole file: the first read tells its size. Returns the
 * reason instead when the source cannot read the file at all.
 */
export async function fileRegion(reader: RangeReader, headLength = 64 * 1024): Promise<{ region: Region; head: Uint8Array } | { reason: string }> {
  const first = await reader(0, headLength);
  if (!first.ok) return { reason: first.reason };
  const size = first.size;
  const head = first.bytes;
  const region: Region = {
    size,
    async read(offset, length) {
      const want = Math.max(0, Math.min(length, size - offset));
      if (offset + want <= head.length) return head.subarray(offset, offset + want);
      const got = await reader(offset, want);
      if (!got.ok) throw new ScanStop("unreadable", got.reason, offset);
      if (got.bytes.length < want) throw new ScanStop("truncated", `the source returned ${got.bytes.length} of ${want} bytes`, offset + got.bytes.length);
      return got.bytes;
    },
  };
  return { region, head };
}

const CHUNK = 256 * 1024;

/** A forward reader over a region, buffered in chunks, that can skip long payloads without reading them. */
export class Cursor {
  pos: number;
  private buf: Uint8Array = new Uint8Array(0);
  private bufStart = 0;

  constructor(
    readonly region: Region,
    start = 0,
  ) {
    this.pos = start;
  }

  get size(): number {
    return this.region.size;
  }

  /** True when `n` bytes from the position are buffered (sync fast path). */
  has(n: number): boolean {
    return this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.buf.length;
  }

  /** Buffers `n` bytes from the position; throws "truncated" past the region's end. */
  async fill(n: number): Promise<void> {
    if (this.pos + n > this.region.size) {
      throw new ScanStop("truncated", `the stream ends at byte ${this.region.size}, inside an opcode that needs ${n} more byte${n === 1 ? "" : "s"}`, this.pos);
    }
    const length = Math.min(Math.max(n, CHUNK), this.region.size - this.pos);
    this.buf = await this.region.read(this.pos, length);
    this.bufStart = this.pos;
    if (this.buf.length < n) throw new ScanStop("truncated", "the stream ends early", this.pos + this.buf.length);
  }

  /** `n` bytes (a view into the buffer, valid until the next read). */
  async take(n: number): Promise<Uint8Array> {
    if (!this.has(n)) await this.fill(n);
    const at = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }

  async u8(): Promise<number> {
    if (!this.has(1)) await this.fill(1);
    return this.buf[this.pos++ - this.bufStart] as number;
  }

  async uint(n: 1 | 2 | 4 | 8): Promise<number> {
    const b = await this.take(n);
    let value = 0;
    for (let i = n - 1; i >= 0; i--) value = value * 256 + (b[i] as number);
    return value;
  }

  /**
   * Buffers min(n, bytes left) bytes; undefined (no await needed) when they
   * already are. After it, reads of up to n bytes can be synchronous.
   */
  prefetch(n: number): Promise<void> | undefined {
    const want = Math.min(n, this.region.size - this.pos);
    if (want <= 0 || this.has(want)) return undefined;
    return this.fill(want);
  }

  /** One buffered byte (after prefetch); past the region's end: "truncated". */
  byte(): number {
    if (!this.has(1)) throw new ScanStop("truncated", "the stream ends inside an opcode", this.pos);
    return this.buf[this.pos++ - this.bufStart] as number;
  }

  /** A buffered little-endian unsigned integer of n bytes (after prefetch). */
  fixed(n: number): number {
    if (!this.has(n)) throw new ScanStop("truncated", `the stream ends at byte ${this.region.size}, inside an opcode that needs ${n} more byte${n === 1 ? "" : "s"}`, this.pos);
    const at = this.pos - this.bufStart;
    let value = 0;
    for (let i = n - 1; i >= 0; i--) value = value * 256 + (this.buf[at + i] as number);
    this.pos += n;
    return value;
  }

  fixedInt32(): number {
    const v = this.fixed(4);
    return v >= 0x80000000 ? v - 0x100000000 : v;
  }

  async int32(): Promise<number> {
    const v = await this.uint(4);
    return v >= 0x80000000 ? v - 0x100000000 : v;
  }

  /** Moves past `n` bytes without reading them. */
  skip(n: number): void {
    if (this.pos + n > this.region.size) {
      throw new ScanStop("truncated", `the stream ends at byte ${this.region.size}, inside a ${n}-byte value`, this.pos);
    }
    this.pos += n;
  }

  /** A newline-terminated line (without the newline), at most `max` bytes. */
  async line(max: number): Promise<Uint8Array> {
    const start = this.pos;
    const out: number[] = [];
    for (;;) {
      if (this.pos >= this.region.size) throw new ScanStop("truncated", "the stream ends inside a text argument", start);
      const b = await this.u8();
      if (b === 0x0a) return Uint8Array.from(out);
      if (out.length >= max) throw new ScanStop("bound", `a text argument is longer than ${max} bytes`, start);
      out.push(b);
    }
  }
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8", { fatal: false });

export function latin1Text(bytes: Uint8Array): string {
  return latin1.decode(bytes);
}

export function utf8Text(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 as Python's unpickler decodes names (`.decode("utf-8")`): undefined where Python raises. */
export function strictUtf8Text(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
