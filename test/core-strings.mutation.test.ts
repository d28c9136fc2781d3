/**
 * The linear trimming helpers of src/core/strings.ts, case by case: what each
 * keeps when the characters run to the very end (or start), when none is
 * there, and on an empty text.
 */
import { describe, expect, it } from "vitest";
import { beforeAny, trimChars, trimEndChars, trimStartChars } from "../src/core/strings.js";

describe("trimEndChars", () => {
  it("takes off every trailing character of the set, and only those", () => {
    expect(trimEndChars("a/b//", "/")).toBe("a/b");
    expect(trimEndChars("a/b/ ", "/ ")).toBe("a/b");
    expect(trimEndChars("/a", "/")).toBe("/a");
  });

  it("a text made only of those characters becomes empty (not one character short of it)", () => {
    expect(trimEndChars("///", "/")).toBe("");
    expect(trimEndChars("", "/")).toBe("");
  });
});

describe("trimStartChars", () => {
  it("takes off every leading character of the set, and only those", () => {
    expect(trimStartChars("//a/b", "/")).toBe("a/b");
    expect(trimStartChars(" /a/", "/ ")).toBe("a/");
    expect(trimStartChars("a/", "/")).toBe("a/");
  });

  it("a text made only of those characters becomes empty", () => {
    expect(trimStartChars("///", "/")).toBe("");
    expect(trimStartChars("", "/")).toBe("");
  });
});

describe("trimChars", () => {
  it("trims both ends and keeps the middle", () => {
    expect(trimChars("--a-b--", "-")).toBe("a-b");
    expect(trimChars("----", "-")).toBe("");
    expect(trimChars("a", "-")).toBe("a");
  });
});

describe("beforeAny", () => {
  it("cuts at the first of the characters", () => {
    expect(beforeAny("a#b?c", "?#")).toBe("a");
    expect(beforeAny("#a", "#")).toBe("");
    expect(beforeAny("ab?", "?")).toBe("ab");
  });

  it("keeps the whole text when none of them is in it", () => {
    expect(beforeAny("abc", "?#")).toBe("abc");
    expect(beforeAny("", "?")).toBe("");
  });
});
