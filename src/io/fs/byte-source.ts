/**
 * ByteSource over a folder on disk (the CLI and the Action): ranges of files
 * inside the folder, with the same refusals as every other read (symbolic
 * links out of the folder, FIFOs, devices), within a byte budget per review.
 */
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import type { ByteRead, ByteSource } from "../../core/bytes.js";
import { type Boundary, errorReason, isInside, openRegular, Refused } from "./safe-read.js";
import { LFS_POINTER_MAX_BYTES, looksLikeLfsPointer } from "../../parse/bytes.js";

/** Bytes one local review may read inside weight files, unless the caller says otherwise. */
export const FOLDER_BYTE_BUDGET = 1024 * 1024 * 1024;

function amount(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${n} bytes`;
}

export interface FolderByteSourceOptions {
  readonly boundary?: Boundary;
  /** Total bytes the review may read; default FOLDER_BYTE_BUDGET. */
  readonly budget?: number;
}

export function folderByteSource(root: string, options: FolderByteSourceOptions = {}): ByteSource {
  const budget = options.budget ?? FOLDER_BYTE_BUDGET;
  let spent = 0;
  return {
    async read(relative, offset, length): Promise<ByteRead> {
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
        return { ok: false, reason: `the range ${offset}+${length} is not a valid byte range` };
      }
      const absolute = path.join(root, relative);
      if (!isInside(absolute, root)) return { ok: false, reason: "it lies outside the folder" };
      if (spent + length > budget) return { ok: false, reason: `the review's byte budget (${amount(budget)}) is spent` };
      let handle: FileHandle | undefined;
      try {
        const opened = await openRegular(absolute, options.boundary);
        handle = opened.handle;
        // A Git LFS pointer on disk is not the object it points to: its bytes would be read as weights.
        if (opened.size <= LFS_POINTER_MAX_BYTES) {
          const small = Buffer.alloc(opened.size);
          const { bytesRead } = await handle.read(small, 0, opened.size, 0);
          if (looksLikeLfsPointer(small.subarray(0, bytesRead).toString("latin1"))) {
            return { ok: false, reason: "it is a Git LFS pointer, and the object it points to is not in the folder (`git lfs pull` fetches it)" };
          }
        }
        const want = Math.max(0, Math.min(length, opened.size - offset));
        const buffer = Buffer.alloc(want);
        let got = 0;
        while (got < want) {
          const { bytesRead } = await handle.read(buffer, got, want - got, offset + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        spent += got;
        return { ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, got), size: opened.size };
      } catch (error) {
        return { ok: false, reason: error instanceof Refused ? error.message : errorReason(error) };
      } finally {
        await handle?.close();
      }
    },
  };
}
