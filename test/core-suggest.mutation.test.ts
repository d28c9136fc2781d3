/**
 * src/core/suggest.ts: the edit distance, and when a "did you mean" is offered
 * (for a misspelled key, a mistyped rule id).
 */
import { describe, expect, it } from "vitest";
import { closest, editDistance, suggestRuleId } from "../src/core/suggest.js";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions (Levenshtein)", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("flaw", "lawn")).toBe(2);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("ab", "ba")).toBe(2);
    expect(editDistance("abc", "abd")).toBe(1);
    expect(editDistance("abcd", "acd")).toBe(1);
    expect(editDistance("acd", "abcd")).toBe(1);
  });

  it("is exact up to a length difference of 16, and returns the difference past it", () => {
    // Exact: one substitution and 16 insertions.
    expect(editDistance("b", "a".repeat(17))).toBe(17);
    // Past the gap: the difference (17), not the exact 18.
    expect(editDistance("b", "a".repeat(18))).toBe(17);
    expect(editDistance("a".repeat(18), "b")).toBe(17);
  });
});

describe("closest", () => {
  it("compares without case, and answers the candidate as it is spelled", () => {
    expect(closest("DRAFTS", ["drafts", "bots"])).toBe("drafts");
    expect(closest("draft", ["Drafts", "bots"])).toBe("Drafts");
  });

  it("keeps the first of two equally close candidates", () => {
    expect(closest("cat", ["bat", "cut"])).toBe("bat");
    expect(closest("cat", ["cut", "bat"])).toBe("cut");
  });

  it("takes the closest, not the first close enough", () => {
    expect(closest("modle", ["mode", "model"])).toBe("mode");
    expect(closest("reviews", ["revie", "review"])).toBe("review");
  });

  it("allows a third of the longer length, and at most 3 edits", () => {
    // "ab" vs "abc": the longer has 3 characters, so 1 edit is allowed.
    expect(closest("ab", ["abc"])).toBe("abc");
    // "ab" vs "ac": 2 characters allow no edit.
    expect(closest("ab", ["ac"])).toBeUndefined();
    // 3 characters: 1 edit, not 3.
    expect(closest("abc", ["xyz"])).toBeUndefined();
    expect(closest("abc", ["abd"])).toBe("abd");
    // 6 characters: 2 edits, not 3.
    expect(closest("abcdef", ["abcxyf"])).toBe("abcxyf");
    expect(closest("abcdef", ["axcxyf"])).toBeUndefined();
    // 12 characters: 4 would be a third, but 3 is the most.
    expect(closest("abcdefghijkl", ["abcdefghiXYZ"])).toBe("abcdefghiXYZ");
    expect(closest("abcdefghijkl", ["abcdefghWXYZ"])).toBeUndefined();
  });

  it("no candidate, no answer", () => {
    expect(closest("abc", [])).toBeUndefined();
  });
});

describe("suggestRuleId", () => {
  const ids = ["card/known-keys", "license/known-id", "card/front-matter-valid-yaml", "release/has-model-card", "card/has-model-card"];

  it("the rule of that name in another domain, or with no domain", () => {
    expect(suggestRuleId("known-keys", ids)).toBe("card/known-keys");
    expect(suggestRuleId("license/known-keys", ids)).toBe("card/known-keys");
    expect(suggestRuleId("LICENSE/Known-Keys ", ids)).toBe("card/known-keys");
  });

  it("a name two domains share is settled by the closest id", () => {
    expect(suggestRuleId("releas/has-model-card", ids)).toBe("release/has-model-card");
    expect(suggestRuleId("cards/has-model-card", ids)).toBe("card/has-model-card");
  });

  it("else the closest id, else the rule whose name is closest", () => {
    expect(suggestRuleId("card/known-key", ids)).toBe("card/known-keys");
    expect(suggestRuleId("hub/front-matter-valid-yam", ids)).toBe("card/front-matter-valid-yaml");
  });

  it("nothing close, or no name at all: no suggestion", () => {
    expect(suggestRuleId("card/completely-different", ids)).toBeUndefined();
    expect(suggestRuleId("card/", ids)).toBeUndefined();
    expect(suggestRuleId("  ", ids)).toBeUndefined();
  });
});
