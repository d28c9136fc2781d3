/**
 * The port through which weight checks read the bytes of a file: a file on
 * disk for the CLI; for a pull request, a blob through GitHub or a Git LFS
 * object by HTTP range. Checks ask only for the ranges they need (a zip's
 * central directory and its pickle member, a safetensors header), and every
 * implementation holds a per-review byte budget and time limit: what could
 * not be read comes back as a reason that the finding repeats, never as a
 * guess.
 */
export interface ByteSource {
  /**
   * Up to `length` bytes of `path` starting at `offset` (fewer at the end of
   * the file). For an LFS pointer, the bytes of the object it points to.
   */
  read(path: string, offset: number, length: number): Promise<ByteRead>;
}

export type ByteRead =
  /** `size` is the whole file's (or LFS object's) size in bytes. */
  | { readonly ok: true; readonly bytes: Uint8Array; readonly size: number }
  /**
   * `reason` is a sentence fragment a finding can quote: "the review's byte
   * budget (256 MB) is spent", "GitHub did not answer within 20 s", "the LFS
   * object is not on the server".
   */
  | { readonly ok: false; readonly reason: string };

/** A random-access reader over one file, as scanners take it. */
export type RangeReader = (offset: number, length: number) => Promise<ByteRead>;

/** The reader of one path through a ByteSource. */
export function rangeReader(source: ByteSource, path: string): RangeReader {
  return (offset, length) => source.read(path, offset, length);
}
