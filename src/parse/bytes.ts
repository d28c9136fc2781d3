import type { FileContent } from "../core/types.js";

/** Git LFS pointer files are tiny; anything bigger is the object itself. */
export const LFS_POINTER_MAX_BYTES = 1024;

const LFS_VERSION_LINE = "version https://git-lfs.github.com/spec/v1";

export interface LfsPointer {
  readonly oid: string;
  readonly size: number;
}

/**
 * Reads a Git LFS pointer ("version …\noid sha256:…\nsize N\n"). Returns
 * undefined for anything else, including a pointer with a bad oid or size.
 */
export function parseLfsPointer(textValue: string): LfsPointer | undefined {
  if (textValue.length > LFS_POINTER_MAX_BYTES || !textValue.startsWith(LFS_VERSION_LINE)) return undefined;
  const oid = /^oid sha256:([0-9a-f]{64})$/m.exec(textValue)?.[1];
  const size = /^size (\d+)$/m.exec(textValue)?.[1];
  if (!oid || !size) return undefined;
  return { oid, size: Number(size) };
}

/** Looks like an LFS pointer (starts with the version line), valid or not. */
export function looksLikeLfsPointer(textValue: string): boolean {
  return textValue.length <= LFS_POINTER_MAX_BYTES && textValue.startsWith(LFS_VERSION_LINE);
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * What a file's bytes are to Cardinal: text, an LFS pointer, or binary.
 * Binary means a NUL byte in the first 8 KB or bytes that are not UTF-8;
 * binary data is never decoded.
 */
export function decodeContent(bytes: Uint8Array): FileContent {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { type: "binary" };
  let value: string;
  try {
    value = decoder.decode(bytes);
  } catch {
    return { type: "binary" };
  }
  const pointer = parseLfsPointer(value);
  if (pointer) return { type: "lfs-pointer", oid: pointer.oid, size: pointer.size };
  if (looksLikeLfsPointer(value)) return { type: "lfs-pointer-invalid", text: value };
  return { type: "text", text: value };
}
