/** Workspace file specs for weight files, shared by the weights and release rule tests. */
import type { FileSpec } from "./rule-tester.js";

export const OID = "a".repeat(64);

/** An LFS pointer as the PR's diff shows it. */
export const pointer = (size = 500_000_000): Exclude<FileSpec, string> => ({ content: { type: "lfs-pointer", oid: OID, size }, size });

/** A blob whose bytes Cardinal did not read (a plain Git file in a PR, or a local file). */
export const blob = (head?: number[], size?: number): Exclude<FileSpec, string> => ({
  content: { type: "not-fetched" },
  ...(head ? { head: new Uint8Array(head) } : {}),
  ...(size !== undefined ? { size } : {}),
});

/** Sizes either side of the Hub's 10 MB LFS threshold. */
export const MB = 1024 * 1024;

/** The first bytes of common formats. */
export const MAGIC = {
  pickle: [0x80, 0x02, 0x7d, 0x71, 0x00],
  zip: [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00],
  gguf: [0x47, 0x47, 0x55, 0x46, 0x03, 0x00, 0x00, 0x00],
  safetensors: [0x58, 0x01, 0, 0, 0, 0, 0, 0, 0x7b, 0x22],
  /** \x93NUMPY, version 1.0, then a header of plain floats. */
  npy: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0x76, 0, ...Array.from("{'descr': '<f4', 'fortran_order': False}", (c) => c.charCodeAt(0))],
};

export const LFS_ATTRIBUTES = "*.safetensors filter=lfs diff=lfs merge=lfs -text\n*.bin filter=lfs diff=lfs merge=lfs -text\n*.gguf filter=lfs diff=lfs merge=lfs -text\n";
