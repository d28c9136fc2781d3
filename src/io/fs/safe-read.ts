import { constants, type Stats } from "node:fs";
import { lstat, open, realpath, stat, type FileHandle } from "node:fs/promises";
import path from "node:path";

/**
 * Reading files from a folder someone else filled (a pull request's checkout in CI).
 *
 * Only regular files are opened. A named pipe would block the open itself, a device
 * (`/dev/zero`, `/dev/urandom`) never ends, and a symbolic link may lead anywhere on
 * the machine: so every path is resolved and typed with `lstat`/`realpath`/`stat`
 * first (none of which opens the file), must stay inside the boundary folder, and is
 * then opened without following a last symbolic link and without blocking. The open
 * file is checked to be the one that was typed, and read with a bounded buffer, so a
 * file that grows while it is read still costs at most `limit + 1` bytes.
 */

/** Why a path was not read, in words for the user. */
export class Refused extends Error {
  constructor(
    message: string,
    /** The system's error code, when the refusal is the system's (ENOENT: nothing there). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Whether `inner` is `outer` or below it (both absolute and resolved). */
export function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** What a path is when it is not a regular file, as in "it is a named pipe (FIFO)". */
export function typeName(info: Stats): string {
  if (info.isFIFO()) return "a named pipe (FIFO)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  if (info.isDirectory()) return "a folder";
  if (info.isSymbolicLink()) return "a symbolic link";
  return "not a file";
}

/** A file system error as a short reason, without the absolute path Node puts in its message. */
export function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "it is a symbolic link loop";
    case "ENAMETOOLONG":
      return "its path is longer than the system allows";
    case "ENOENT":
    case "ENOTDIR":
      return "there is no such file";
    case "EMFILE":
    case "ENFILE":
      return "too many files are open";
    case "EIO":
      return "the disk reported an I/O error";
    default:
      return code ? `the system refused it (${code})` : "it could not be read";
  }
}

export interface Boundary {
  /** Real path (symbolic links resolved) that every file read must lie inside. */
  readonly real: string;
  /** How the boundary is named in messages, as in "outside the repository". */
  readonly label: string;
}

export interface OpenedFile {
  readonly handle: FileHandle;
  readonly size: number;
}

// Without following a last symbolic link (it was resolved already) and without
// blocking (a FIFO swapped in after the check must not hang the open).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Opens `absolute` for reading if it is, or links to, a regular file inside the
 * boundary (when one is given); throws Refused with the reason otherwise.
 */
export async function openRegular(absolute: string, boundary?: Boundary): Promise<OpenedFile> {
  let link: boolean;
  try {
    link = (await lstat(absolute)).isSymbolicLink();
  } catch (error) {
    throw new Refused(errorReason(error), (error as NodeJS.ErrnoException).code);
  }
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Refused(link && code === "ENOENT" ? "it is a symbolic link to a file that does not exist" : errorReason(error));
  }
  if (boundary && !isInside(real, boundary.real)) {
    throw new Refused(
      link
        ? `it is a symbolic link to a file outside ${boundary.label}`
        : `it lies behind a symbolic link that leads outside ${boundary.label}`,
    );
  }
  let info: Stats;
  try {
    info = await stat(real);
  } catch (error) {
    throw new Refused(errorReason(error));
  }
  if (!info.isFile()) throw new Refused(`it is ${link ? "a symbolic link to " : ""}${typeName(info)}, not a regular file`);
  let handle: FileHandle;
  try {
    handle = await open(real, OPEN_FLAGS);
  } catch (error) {
    throw new Refused(errorReason(error));
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== info.ino || opened.dev !== info.dev) {
      throw new Refused("it changed while Cardinal was reading it");
    }
    return { handle, size: opened.size };
  } catch (error) {
    await handle.close();
    throw error instanceof Refused ? error : new Refused(errorReason(error));
  }
}

const CHUNK_BYTES = 64 * 1024;

/**
 * At most `limit + 1` bytes from the start of an open file: whatever its size said,
 * a file that grows (or lies about its size) is never read further. A result longer
 * than `limit` means "too large".
 */
export async function readBounded(handle: FileHandle, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= limit) {
    const want = Math.min(CHUNK_BYTES, limit + 1 - total);
    const buffer = Buffer.allocUnsafe(want);
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(buffer, 0, want, total));
    } catch (error) {
      throw new Refused(errorReason(error));
    }
    if (bytesRead === 0) break;
    chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** Opens, reads at most `limit + 1` bytes and closes; throws Refused when the path may not be read. */
export async function readRegular(absolute: string, limit: number, boundary?: Boundary): Promise<{ bytes: Buffer; size: number }> {
  const { handle, size } = await openRegular(absolute, boundary);
  try {
    return { bytes: await readBounded(handle, limit), size };
  } finally {
    await handle.close();
  }
}
