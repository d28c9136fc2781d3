/**
 * A zip central-directory reader over a Region (zip64 included): the
 * end-of-central-directory record from the file's tail, the directory, and
 * each member's data found through its local header. CRCs are not checked:
 * PyTorch's reader does not stop on a bad CRC, so neither may a scanner
 * (picklescan CVE-2025-10156 was a zip whose CRC made the scanner give up).
 */
import { ScanStop, subRegion, utf8Text, type Region } from "./region.js";

export interface ZipMember {
  readonly name: string;
  /** 0 stored, 8 deflated; anything else cannot be opened here. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
  /** Traditional or strong encryption (general-purpose flag bit 0): the bytes cannot be read without the password. */
  readonly encrypted: boolean;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, at: number): number {
  const value = dv.getUint32(at, true) + dv.getUint32(at + 4, true) * 0x100000000;
  if (!Number.isSafeInteger(value)) throw new ScanStop("malformed", "a zip64 size is too large to be real", at);
  return value;
}

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxDirectoryBytes: number;
}

/** The members of a zip, in central-directory order. */
export async function readZipDirectory(region: Region, limits: ZipLimits): Promise<ZipMember[]> {
  const tailLength = Math.min(region.size, 22 + 0xffff + 20);
  const tailStart = region.size - tailLength;
  const tail = await region.read(tailStart, tailLength);
  const tv = view(tail);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ScanStop("malformed", "the zip has no end-of-central-directory record (it is cut short or not a zip)", region.size);
  let entries = tv.getUint16(eocd + 10, true);
  let directorySize = tv.getUint32(eocd + 12, true);
  let directoryOffset = tv.getUint32(eocd + 16, true);
  if ((entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) && eocd >= 20 && tv.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const recordOffset = u64(tv, eocd - 20 + 8);
    if (recordOffset + 56 > region.size) throw new ScanStop("malformed", "the zip64 locator points past the end of the file", tailStart + eocd - 20);
    const record = await region.read(recordOffset, 56);
    const rv = view(record);
    if (record.length < 56 || rv.getUint32(0, true) !== ZIP64_EOCD) throw new ScanStop("malformed", "the zip64 end record is missing", recordOffset);
    entries = u64(rv, 32);
    directorySize = u64(rv, 40);
    directoryOffset = u64(rv, 48);
  }
  if (entries > limits.maxEntries) throw new ScanStop("bound", `the zip lists ${entries.toLocaleString("en-US")} members, more than the ${limits.maxEntries.toLocaleString("en-US")} Cardinal reads`, directoryOffset);
  if (directorySize > limits.maxDirectoryBytes) throw new ScanStop("bound", `the zip's central directory is ${directorySize.toLocaleString("en-US")} bytes, more than Cardinal reads`, directoryOffset);
  if (directoryOffset + directorySize > region.size) throw new ScanStop("malformed", "the zip's central directory lies past the end of the file", directoryOffset);
  const directory = await region.read(directoryOffset, directorySize);
  const dv = view(directory);
  const members: ZipMember[] = [];
  let at = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > directory.length || dv.getUint32(at, true) !== CENTRAL) {
      throw new ScanStop("malformed", `central directory entry ${n + 1} of ${entries} is damaged`, directoryOffset + at);
    }
    const encrypted = (dv.getUint16(at + 8, true) & 1) === 1;
    const method = dv.getUint16(at + 10, true);
    let compressedSize = dv.getUint32(at + 20, true);
    let size = dv.getUint32(at + 24, true);
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    let localHeaderOffset = dv.getUint32(at + 42, true);
    if (at + 46 + nameLength + extraLength > directory.length) throw new ScanStop("malformed", `central directory entry ${n + 1} runs past the directory`, directoryOffset + at);
    const name = utf8Text(directory.subarray(at + 46, at + 46 + nameLength));
    // zip64 extended information: the 0xffffffff fields, in order.
    let e = at + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = dv.getUint16(e, true);
      const length = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let f = e + 4;
        const fieldEnd = Math.min(f + length, extraEnd);
        if (size === 0xffffffff && f + 8 <= fieldEnd) {
          size = u64(dv, f);
          f += 8;
        }
        if (compressedSize === 0xffffffff && f + 8 <= fieldEnd) {
          compressedSize = u64(dv, f);
          f += 8;
        }
        if (localHeaderOffset === 0xffffffff && f + 8 <= fieldEnd) localHeaderOffset = u64(dv, f);
      }
      e += 4 + length;
    }
    members.push({ name, method, compressedSize, size, localHeaderOffset, encrypted });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

/** The region of a member's stored (possibly compressed) bytes. */
export async function memberData(region: Region, member: ZipMember): Promise<Region> {
  if (member.localHeaderOffset + 30 > region.size) throw new ScanStop("malformed", `the local header of ${member.name} lies past the end of the file`, member.localHeaderOffset);
  const header = await region.read(member.localHeaderOffset, 30);
  const hv = view(header);
  if (hv.getUint32(0, true) !== LOCAL) throw new ScanStop("malformed", `no local header where the directory puts ${member.name}`, member.localHeaderOffset);
  const start = member.localHeaderOffset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
  if (start + member.compressedSize > region.size) {
    throw new ScanStop("truncated", `${member.name} runs past the end of the file`, start);
  }
  return subRegion(region, start, member.compressedSize);
}
