/**
 * The two smallest ports of src/core: a ByteSource read through one path's
 * range reader, and defineRule.
 */
import { describe, expect, it } from "vitest";
import { rangeReader, type ByteRead, type ByteSource } from "../src/core/bytes.js";
import { defineRule } from "../src/core/rule.js";

describe("rangeReader", () => {
  it("reads its path at the offset and length asked, and answers what the source answers", async () => {
    const calls: [string, number, number][] = [];
    const answer: ByteRead = { ok: true, bytes: new Uint8Array([1, 2]), size: 10 };
    const source: ByteSource = {
      read: (path, offset, length) => {
        calls.push([path, offset, length]);
        return Promise.resolve(answer);
      },
    };
    const read = rangeReader(source, "weights/model.bin");
    expect(await read(4, 2)).toBe(answer);
    expect(await read(0, 8)).toBe(answer);
    expect(calls).toEqual([
      ["weights/model.bin", 4, 2],
      ["weights/model.bin", 0, 8],
    ]);
  });
});

describe("defineRule", () => {
  it("gives back the rule it is given", () => {
    const rule = { meta: { id: "x/y", title: "t", description: "d", why: "w", defaultSeverity: "notice" as const }, check: () => undefined };
    expect(defineRule(rule)).toBe(rule);
  });
});
