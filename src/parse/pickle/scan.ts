/**
 * The pickle scanner: finds every pickle stream in a weight file, whatever
 * its extension says (the first bytes decide), walks each one without
 * executing it, and lists every imported global with where it was found.
 *
 * Containers: raw pickles (several concatenated ones too), PyTorch zip
 * archives (every `*.pkl` member), the legacy PyTorch formats (a tar with
 * `sys_info`/`pickle`/`storages`/`tensors`, and the pre-1.6 stream of magic
 * number, protocol, system info, data and storage-key pickles), NeMo and
 * other tars, joblib (also gzip- and zlib-compressed), NumPy `.npy` object
 * arrays and `.npz` archives, and pickles nested as bytes inside a pickle.
 *
 * Pure: bytes come from a RangeReader; nothing is loaded whole unless it is
 * a compressed member that has to be inflated, and that within a bound.
 */
import type { RangeReader } from "../../core/bytes.js";
import { classifyGlobal, type GlobalVerdict } from "./globals.js";
import { inflate, type Compression } from "./inflate.js";
import { fileRegion, latin1Text, memoryRegion, ScanStop, subRegion, type Region, type StopKind } from "./region.js";
import { DEFAULT_LIMITS, looksLikePickle, walkStream, type WalkBudget, type WalkLimits } from "./walk.js";
import { memberData, readZipDirectory, type ZipMember } from "./zip.js";

export type Container =
  | "pickle"
  | "pytorch-zip"
  | "pytorch-legacy"
  | "pytorch-legacy-tar"
  | "tar"
  | "zip"
  | "numpy"
  | "numpy-archive"
  | "gzip"
  | "zlib";

export interface FoundImport {
  readonly module: string;
  readonly name: string;
  readonly verdict: GlobalVerdict;
  readonly opcode: string;
  /** Offset of the opcode within `where`'s stream. */
  readonly offset: number;
  /** Where the stream is: "" for the file itself, else members joined by " › " (`archive/data.pkl`, `nested pickle at offset 40`). */
  readonly where: string;
}

export interface Unresolved {
  readonly opcode: string;
  readonly offset: number;
  readonly where: string;
  readonly detail: string;
}

export interface Incomplete {
  readonly kind: StopKind;
  /** Sentence fragment: "the stream ends before its STOP opcode". */
  readonly reason: string;
  readonly offset?: number;
  readonly where: string;
}

export interface PickleScan {
  /** What the first bytes showed; undefined when the file could not be read at all. */
  readonly container?: Container;
  readonly imports: readonly FoundImport[];
  readonly unresolved: readonly Unresolved[];
  /** What could not be scanned, and why. Empty when every stream was walked to its end. */
  readonly incomplete: readonly Incomplete[];
  /** Pickle streams walked. */
  readonly streams: number;
  /** True when the bytes hold no pickle at all (a plain NumPy array, a zip without pickle members). */
  readonly noPickle: boolean;
}

export interface ScanOptions {
  readonly limits?: Partial<WalkLimits & ScanLimits>;
  /** The review's checkpoint, called every so many opcodes. */
  readonly tick?: () => Promise<void> | void;
}

export interface ScanLimits {
  /** Members a zip may list. */
  readonly maxEntries: number;
  readonly maxDirectoryBytes: number;
  /** Pickle members scanned per file. */
  readonly maxMembers: number;
  /** Largest inflated member or compressed file. */
  readonly maxInflated: number;
  /** Containers inside containers (a zip in a tar, a pickle in bytes in a pickle). */
  readonly maxDepth: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = {
  maxEntries: 200_000,
  maxDirectoryBytes: 64 * 1024 * 1024,
  maxMembers: 1_000,
  maxInflated: 512 * 1024 * 1024,
  maxDepth: 4,
};

/** The legacy PyTorch magic number, pickled as LONG1 (torch/serialization.py MAGIC_NUMBER 0x1950a86a20f9469cfc6c). */
const LEGACY_MAGIC = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e];

/** Largest compressed member inflated only to see whether it starts like a pickle. */
const SNIFF_INFLATE_MAX = 16 * 1024 * 1024;

const PICKLE_OPCODES = new Set(Array.from("(.0123FGIJKLMNPQRSTUVXabcdeghijloprstu}])", (ch) => ch.charCodeAt(0)));

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  return bytes.every((b, i) => head[at + i] === b);
}

const join = (where: string, part: string) => (where ? `${where} › ${part}` : part);

class Scan {
  readonly imports: FoundImport[] = [];
  readonly unresolved: Unresolved[] = [];
  readonly incomplete: Incomplete[] = [];
  streams = 0;
  members = 0;
  readonly budget: WalkBudget;
  readonly walkLimits: WalkLimits;
  readonly limits: ScanLimits;

  constructor(options: ScanOptions) {
    this.walkLimits = { ...DEFAULT_LIMITS, ...options.limits };
    this.limits = { ...DEFAULT_SCAN_LIMITS, ...options.limits };
    this.budget = { ops: 0, ...(options.tick ? { tick: options.tick } : {}) };
  }

  stopped(stop: ScanStop, where: string): void {
    this.incomplete.push({ kind: stop.kind, reason: stop.message, ...(stop.offset !== undefined ? { offset: stop.offset } : {}), where });
  }

  /**
   * Walks consecutive streams from `start`: `count` of them, or until the
   * region ends. Returns the offset after the last stream walked.
   */
  async pickles(region: Region, where: string, depth: number, start = 0, count = Infinity): Promise<number> {
    let at = start;
    for (let n = 0; n < count && at < region.size; n++) {
      const result = await walkStream(region, at, this.walkLimits, this.budget);
      this.streams++;
      for (const i of result.imports) this.imports.push({ ...i, verdict: classifyGlobal(i.module, i.name), where });
      for (const u of result.unresolved) this.unresolved.push({ ...u, where });
      for (const nested of result.nested) {
        const label = join(where, `pickle nested in bytes at offset ${nested.offset}`);
        if (depth >= this.limits.maxDepth) {
          this.incomplete.push({ kind: "bound", reason: "pickles are nested deeper than Cardinal follows", offset: nested.offset, where });
          continue;
        }
        const inner = nested.decoded ? memoryRegion(nested.decoded) : subRegion(region, nested.offset, nested.length);
        // pickle.loads reads one stream; whatever follows it in the bytes is never unpickled.
        await this.pickles(inner, label, depth + 1, 0, 1);
      }
      if (result.stop) {
        if (n > 0 && result.stop.kind === "malformed" && result.stop.offset === at) {
          // After a complete pickle, bytes that are not one are trailing data, said as such.
          this.incomplete.push({ kind: "malformed", reason: `bytes after the pickle that ends at offset ${at} are not a pickle (${result.stop.message})`, offset: at, where });
        } else this.stopped(result.stop, where);
        return result.end;
      }
      at = result.end;
    }
    return at;
  }

  /** Any region: decides the container by its first bytes. */
  async any(region: Region, where: string, depth: number): Promise<Container | undefined> {
    if (depth > this.limits.maxDepth) {
      this.incomplete.push({ kind: "bound", reason: "containers are nested deeper than Cardinal follows", where });
      return undefined;
    }
    const head = await region.read(0, Math.min(region.size, 512));
    if (head.length === 0) {
      this.incomplete.push({ kind: "truncated", reason: "the file is empty", offset: 0, where });
      return undefined;
    }
    if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return this.zip(region, where, depth);
    if (startsWith(head, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) {
      await this.npy(region, where, depth);
      return "numpy";
    }
    if (head.length >= 262 && latin1Text(head.subarray(257, 262)) === "ustar") return this.tar(region, where, depth);
    if (startsWith(head, [0x1f, 0x8b])) return this.compressed(region, "gzip", where, depth);
    if (head[0] === 0x78 && head.length > 1 && ((head[0] << 8) | (head[1] as number)) % 31 === 0) return this.compressed(region, "deflate", where, depth);
    const other = otherCompression(head);
    if (other) {
      this.incomplete.push({ kind: "unsupported", reason: `it is compressed with ${other}, which Cardinal cannot open`, offset: 0, where });
      return undefined;
    }
    if (startsWith(head, LEGACY_MAGIC)) {
      // magic number, protocol version, system info, the data, the storage keys; raw storage bytes follow.
      await this.pickles(region, where, depth, 0, 5);
      return "pytorch-legacy";
    }
    if (looksLikePickle(head[0], head[1]) || PICKLE_OPCODES.has(head[0] as number)) {
      await this.pickles(region, where, depth);
      return "pickle";
    }
    this.incomplete.push({
      kind: "unsupported",
      reason: `its first byte (0x${(head[0] as number).toString(16).padStart(2, "0")}) starts no pickle, zip, tar or NumPy file Cardinal knows`,
      offset: 0,
      where,
    });
    return undefined;
  }

  async compressed(region: Region, format: Compression, where: string, depth: number): Promise<Container | undefined> {
    const inflated = await this.guard(where, () => inflate(region, format, this.limits.maxInflated, where ? `${where}` : "the file"));
    if (!inflated) return format === "gzip" ? "gzip" : "zlib";
    await this.any(inflated, join(where, format === "gzip" ? "gzip content" : "zlib content"), depth + 1);
    return format === "gzip" ? "gzip" : "zlib";
  }

  async zip(region: Region, where: string, depth: number): Promise<Container | undefined> {
    const members = await this.guard(where, () => readZipDirectory(region, this.limits));
    if (!members) return "zip";
    const pkl = members.filter((m) => /\.pkl$/i.test(m.name));
    const npy = members.filter((m) => /\.npy$/i.test(m.name));
    const archives = members.filter((m) => /\.(pt|pth|ckpt|bin|pickle|joblib|npz|nemo|mar|zip)$/i.test(m.name));
    const container: Container = pkl.length > 0 ? "pytorch-zip" : npy.length > 0 ? "numpy-archive" : "zip";
    const named = new Set([...pkl, ...npy, ...archives]);
    // Any other member is sniffed: a pickle under another name (data.txt) is still a pickle. Tensor
    // storages (torch's `<archive>/data/<key>`) are raw numbers and are not.
    // A compressed member is only inflated to be sniffed when it is small.
    const others = members.filter(
      (m) => !named.has(m) && !/(^|\/)data\/\d+$/.test(m.name) && !m.name.endsWith("/") && m.size >= 2 && (m.method === 0 || m.compressedSize <= SNIFF_INFLATE_MAX),
    );
    for (const member of [...pkl, ...npy, ...archives, ...others]) {
      if (++this.members > this.limits.maxMembers) {
        this.incomplete.push({ kind: "bound", reason: `the archive has more than ${this.limits.maxMembers} members to scan`, where });
        break;
      }
      const label = join(where, member.name);
      const sniffOnly = !named.has(member);
      const data = await this.guard(label, () => this.memberRegion(region, member, label));
      if (!data) continue;
      if (member.encrypted) {
        // The flag alone proves nothing (picklescan was bypassed by setting it on a plain member): bytes that
        // plainly start a pickle are scanned; truly encrypted bytes cannot be, and a pickle member says so.
        const head = await this.guard(label, () => data.read(0, Math.min(2, data.size)));
        if (head && looksLikePickle(head[0], head[1])) await this.guard(label, () => this.pickles(data, label, depth));
        else if (!sniffOnly) this.incomplete.push({ kind: "unsupported", reason: "it is encrypted, so its bytes cannot be read", where: label });
        continue;
      }
      if (sniffOnly) {
        const head = await this.guard(label, () => data.read(0, Math.min(2, data.size)));
        if (head && looksLikePickle(head[0], head[1])) await this.guard(label, () => this.pickles(data, label, depth));
        continue;
      }
      if (/\.pkl$/i.test(member.name)) await this.guard(label, () => this.pickles(data, label, depth));
      else await this.guard(label, () => this.any(data, label, depth + 1));
    }
    return container;
  }

  async memberRegion(region: Region, member: ZipMember, label: string): Promise<Region> {
    const data = await memberData(region, member);
    if (member.method === 0) return data;
    if (member.method === 8) return inflate(data, "deflate-raw", this.limits.maxInflated, label);
    throw new ScanStop("unsupported", `it is compressed with zip method ${member.method}, which Cardinal cannot open`, member.localHeaderOffset);
  }

  async npy(region: Region, where: string, depth: number): Promise<void> {
    const head = await region.read(0, Math.min(region.size, 12));
    const major = head[6] ?? 0;
    const lengthBytes = major === 1 ? 2 : 4;
    if (head.length < 8 + lengthBytes) {
      this.incomplete.push({ kind: "truncated", reason: "the NumPy header is cut short", offset: 0, where });
      return;
    }
    let headerLength = 0;
    for (let i = lengthBytes - 1; i >= 0; i--) headerLength = headerLength * 256 + (head[8 + i] as number);
    const start = 8 + lengthBytes + headerLength;
    if (start > region.size || headerLength > 1024 * 1024) {
      this.incomplete.push({ kind: "malformed", reason: "the NumPy header is longer than the file", offset: 8, where });
      return;
    }
    const header = latin1Text(await region.read(8 + lengthBytes, headerLength));
    const descrAt = header.indexOf("'descr'");
    const descrEnd = Math.min(...["'fortran_order'", "'shape'"].map((k) => header.indexOf(k, descrAt)).filter((i) => i > descrAt), header.length);
    const descr = descrAt >= 0 ? header.slice(descrAt + 7, descrEnd) : header;
    // An object dtype ('|O', or a structured dtype with an 'O' field) is stored as a pickle after the header.
    if (!/'\|?O\d*'/.test(descr)) return;
    await this.pickles(subRegion(region, start, region.size - start), join(where, "object array"), depth);
  }

  async tar(region: Region, where: string, depth: number): Promise<Container> {
    let at = 0;
    const members: { name: string; start: number; size: number }[] = [];
    while (at + 512 <= region.size) {
      const header = await region.read(at, 512);
      if (header.every((b) => b === 0)) break;
      const name = latin1Text(header.subarray(0, 100)).replace(/\0.*$/s, "");
      const sizeText = latin1Text(header.subarray(124, 136)).replace(/\0.*$/s, "").trim();
      const size = header[124] === 0x80 ? Number(new DataView(header.buffer, header.byteOffset + 128, 8).getBigUint64(0)) : parseInt(sizeText || "0", 8);
      if (!Number.isSafeInteger(size) || size < 0) {
        this.incomplete.push({ kind: "malformed", reason: `the tar header of ${JSON.stringify(name)} has no valid size`, offset: at, where });
        break;
      }
      const type = String.fromCharCode(header[156] ?? 0x30);
      if (type === "0" || type === "\0") members.push({ name, start: at + 512, size });
      at += 512 + Math.ceil(size / 512) * 512;
      if (members.length > this.limits.maxEntries) break;
    }
    const base = (n: string) => n.replace(/^.*\//, "");
    const legacy = ["sys_info", "pickle", "storages"].every((n) => members.some((m) => base(m.name) === n));
    for (const member of members) {
      const label = join(where, member.name);
      const data = subRegion(region, member.start, member.size);
      if (data.size < member.size) {
        this.incomplete.push({ kind: "truncated", reason: `${member.name} runs past the end of the tar`, offset: member.start, where });
        continue;
      }
      if (++this.members > this.limits.maxMembers) {
        this.incomplete.push({ kind: "bound", reason: `the archive has more than ${this.limits.maxMembers} members to scan`, where });
        break;
      }
      if (legacy && ["sys_info", "pickle"].includes(base(member.name))) await this.guard(label, () => this.pickles(data, label, depth));
      // Legacy storages/tensors: a count pickle, then per entry a small pickle and raw bytes; the first pickle is read.
      else if (legacy && ["storages", "tensors"].includes(base(member.name))) await this.guard(label, () => this.pickles(data, label, depth, 0, 1));
      else if (/\.(pt|pth|ckpt|bin|pkl|pickle|joblib|npy|npz|zip)$/i.test(member.name)) await this.guard(label, () => this.any(data, label, depth + 1));
    }
    return legacy ? "pytorch-legacy-tar" : "tar";
  }

  /** Runs a step; a ScanStop becomes an incomplete entry (and undefined), anything else propagates. */
  async guard<T>(where: string, step: () => Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof ScanStop) {
        this.stopped(error, where);
        return undefined;
      }
      throw error;
    }
  }
}

function otherCompression(head: Uint8Array): string | undefined {
  if (startsWith(head, [0x42, 0x5a, 0x68])) return "bzip2";
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return "xz";
  if (startsWith(head, [0x04, 0x22, 0x4d, 0x18])) return "lz4";
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return "zstd";
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return "7z";
  return undefined;
}

/** Scans one file read through `reader`. Never throws for bad bytes; only the review's checkpoint may. */
export async function scanPickleFile(reader: RangeReader, options: ScanOptions = {}): Promise<PickleScan> {
  const scan = new Scan(options);
  const opened = await fileRegion(reader);
  if ("reason" in opened) {
    return { imports: [], unresolved: [], incomplete: [{ kind: "unreadable", reason: opened.reason, where: "" }], streams: 0, noPickle: false };
  }
  const container = await scan.guard("", () => scan.any(opened.region, "", 0));
  return {
    ...(container ? { container } : {}),
    imports: scan.imports,
    unresolved: scan.unresolved,
    incomplete: scan.incomplete,
    streams: scan.streams,
    noPickle: scan.streams === 0 && scan.incomplete.length === 0,
  };
}

/** Scans bytes already in memory (tests, nested data). */
export function scanPickleBytes(bytes: Uint8Array, options: ScanOptions = {}): Promise<PickleScan> {
  return scanPickleFile(async (offset, length) => ({ ok: true, bytes: bytes.subarray(offset, offset + length), size: bytes.length }), options);
}

export type ScanVerdict = "dangerous" | "unknown" | "incomplete" | "clean";

/**
 * One word for a scan, worst first: a dangerous import or an import whose
 * name only exists at load time (STACK_GLOBAL over a computed value:
 * picklescan and modelscan also count that as dangerous); an import outside
 * the allowlist or from copyreg's extension registry; a stream not scanned
 * to its end; or nothing to say.
 */
export function scanVerdict(scan: PickleScan): ScanVerdict {
  if (scan.imports.some((i) => i.verdict === "dangerous") || scan.unresolved.some((u) => u.opcode === "STACK_GLOBAL")) return "dangerous";
  if (scan.imports.some((i) => i.verdict === "unknown") || scan.unresolved.length > 0) return "unknown";
  if (scan.incomplete.length > 0) return "incomplete";
  return "clean";
}
