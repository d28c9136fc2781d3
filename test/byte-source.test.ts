import { execFileSync } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rangeReader } from "../src/core/bytes.js";
import { folderByteSource } from "../src/io/fs/byte-source.js";

let root: string;
let outside: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "cardinal-bytes-"));
  outside = await mkdtemp(path.join(tmpdir(), "cardinal-outside-"));
  await writeFile(path.join(root, "w.bin"), Buffer.from("0123456789"));
  await writeFile(path.join(outside, "secret.bin"), Buffer.from("secret"));
  await writeFile(path.join(root, "pointer.safetensors"), `version https://git-lfs.github.com/spec/v1\noid sha256:${"a".repeat(64)}\nsize 5368709120\n`);
  await symlink(path.join(outside, "secret.bin"), path.join(root, "link.bin"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe("folderByteSource", () => {
  const boundary = () => ({ real: root, label: "the folder" });

  it("reads the range asked for, with the file's size, and stops at the end of the file", async () => {
    const read = rangeReader(folderByteSource(root, { boundary: boundary() }), "w.bin");
    const middle = await read(3, 4);
    expect(middle).toEqual({ ok: true, bytes: new Uint8Array(Buffer.from("3456")), size: 10 });
    const tail = await read(8, 100);
    expect(tail.ok && Buffer.from(tail.bytes).toString()).toBe("89");
    const past = await read(20, 5);
    expect(past.ok && past.bytes.length).toBe(0);
  });

  it("refuses a symbolic link out of the folder, a missing file and a bad range, with reasons", async () => {
    const source = folderByteSource(root, { boundary: boundary() });
    const link = await source.read("link.bin", 0, 6);
    expect(link).toEqual({ ok: false, reason: "it is a symbolic link to a file outside the folder" });
    const missing = await source.read("nope.bin", 0, 6);
    expect(missing.ok).toBe(false);
    expect(await source.read("../x", 0, 1)).toEqual({ ok: false, reason: "it lies outside the folder" });
    expect(await source.read("w.bin", -1, 1)).toEqual({ ok: false, reason: "the range -1+1 is not a valid byte range" });
  });

  it("a Git LFS pointer on disk is not read as the object: the reason says how to fetch it", async () => {
    const read = await folderByteSource(root, { boundary: boundary() }).read("pointer.safetensors", 0, 65536);
    expect(read).toEqual({ ok: false, reason: "it is a Git LFS pointer, and the object it points to is not in the folder (`git lfs pull` fetches it)" });
  });

  it("does not block on a FIFO", async () => {
    execFileSync("mkfifo", [path.join(root, "pipe.bin")]);
    const answer = await folderByteSource(root).read("pipe.bin", 0, 4);
    expect(answer.ok).toBe(false);
  });

  it("stops reading once the review's budget is spent, and says so", async () => {
    const source = folderByteSource(root, { budget: 6 });
    expect((await source.read("w.bin", 0, 4)).ok).toBe(true);
    expect(await source.read("w.bin", 4, 4)).toEqual({ ok: false, reason: "the review's byte budget (6 bytes) is spent" });
  });
});
