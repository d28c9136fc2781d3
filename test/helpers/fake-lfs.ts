/**
 * A fake Git LFS server for the duration of a test file: CARDINAL_LFS_URL
 * points the app's pull request ByteSource at it and CARDINAL_WEIGHT_BYTES
 * switches weight reading on (helpers/github.ts switches it off for every
 * other handler test).
 */
import { afterAll, beforeAll } from "vitest";
import { startFakeLfs, type FakeLfs, type FakeLfsOptions } from "../../src/tools/fake-lfs.js";

export function useFakeLfs(options: FakeLfsOptions): { lfs: FakeLfs | undefined } {
  const handle: { lfs: FakeLfs | undefined } = { lfs: undefined };
  const previous = { bytes: process.env["CARDINAL_WEIGHT_BYTES"], url: process.env["CARDINAL_LFS_URL"] };
  const restore = (name: string, value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  beforeAll(async () => {
    handle.lfs = await startFakeLfs(options);
    process.env["CARDINAL_WEIGHT_BYTES"] = "on";
    process.env["CARDINAL_LFS_URL"] = handle.lfs.url;
  });
  afterAll(async () => {
    restore("CARDINAL_WEIGHT_BYTES", previous.bytes);
    restore("CARDINAL_LFS_URL", previous.url);
    await handle.lfs?.close();
  });
  return handle;
}
