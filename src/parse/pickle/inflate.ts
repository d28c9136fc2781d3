/**
 * Inflates a compressed region into memory, stopping at a size cap (a zip
 * bomb is a bound, not an out-of-memory). Uses the web platform's
 * DecompressionStream, a global in Node 20 and browsers: computation only,
 * no I/O, so the core stays pure without a zlib import.
 */
import { memoryRegion, ScanStop, type Region } from "./region.js";

export type Compression = "deflate-raw" | "deflate" | "gzip";

const CHUNK = 1024 * 1024;

export async function inflate(region: Region, format: Compression, maxOutput: number, what: string): Promise<Region> {
  const stream = new DecompressionStream(format);
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  let overflow = false;
  const collect = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.length;
      if (total > maxOutput) {
        overflow = true;
        await reader.cancel();
        return;
      }
      parts.push(value);
    }
  })();
  let failure: unknown;
  try {
    for (let offset = 0; offset < region.size && !overflow; offset += CHUNK) {
      await writer.write(Uint8Array.from(await region.read(offset, Math.min(CHUNK, region.size - offset))));
    }
    if (!overflow) await writer.close();
  } catch (error) {
    failure = error;
  }
  try {
    await collect;
  } catch (error) {
    failure ??= error;
  }
  if (overflow) {
    const limit = maxOutput >= 1024 * 1024 ? `${Math.round(maxOutput / (1024 * 1024))} MB` : `${maxOutput} bytes`;
    throw new ScanStop("bound", `${what} inflates to more than ${limit}`, 0);
  }
  if (failure instanceof ScanStop) throw failure;
  if (failure !== undefined) {
    // What was inflated before the damage is still scanned: the loader would have read it too.
    if (total === 0) throw new ScanStop("malformed", `${what} does not inflate (${failure instanceof Error ? failure.message : "damaged data"})`, 0);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return memoryRegion(out);
}
