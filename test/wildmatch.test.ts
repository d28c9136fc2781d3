/**
 * Git's wildmatch with WM_PATHNAME, the way gitattributes matches a path:
 * cases after git's t/t3070-wildmatch.sh (its first column), then the
 * patterns that made the old picomatch matcher backtrack for minutes.
 */
import { describe, expect, it } from "vitest";
import { compileWildmatch, utf8, wildmatch } from "../src/parse/wildmatch.js";

// [matches, text, pattern]
const GIT_CASES: readonly (readonly [boolean, string, string])[] = [
  // Basic wildmatch features
  [true, "foo", "foo"],
  [false, "foo", "bar"],
  [true, "foo", "???"],
  [false, "foo", "??"],
  [true, "foo", "*"],
  [true, "foo", "f*"],
  [false, "foo", "*f"],
  [true, "foo", "*foo*"],
  [true, "foobar", "*ob*a*r*"],
  [true, "aaaaaaabababab", "*ab"],
  [true, "foo*", "foo\\*"],
  [false, "foobar", "foo\\*bar"],
  [true, "f\\oo", "f\\\\oo"],
  [true, "ball", "*[al]?"],
  [false, "ten", "[ten]"],
  [true, "ten", "**[!te]"],
  [false, "ten", "**[!ten]"],
  [true, "ten", "t[a-g]n"],
  [false, "ten", "t[!a-g]n"],
  [true, "ton", "t[!a-g]n"],
  [true, "ton", "t[^a-g]n"],
  [true, "a]b", "a[]]b"],
  [true, "a-b", "a[]-]b"],
  [true, "a]b", "a[]-]b"],
  [false, "aab", "a[]-]b"],
  [true, "aab", "a[]a-]b"],
  [true, "]", "]"],
  // Slashes
  [false, "foo/baz/bar", "foo*bar"],
  [false, "foo/baz/bar", "foo**bar"],
  [true, "foobazbar", "foo**bar"],
  [true, "foo/baz/bar", "foo/**/bar"],
  [true, "foo/baz/bar", "foo/**/**/bar"],
  [true, "foo/b/a/z/bar", "foo/**/bar"],
  [true, "foo/b/a/z/bar", "foo/**/**/bar"],
  [true, "foo/bar", "foo/**/bar"],
  [true, "foo/bar", "foo/**/**/bar"],
  [false, "foo/bar", "foo?bar"],
  [false, "foo/bar", "foo[/]bar"],
  [false, "foo/bar", "foo[^a-z]bar"],
  [false, "foo/bar", "f[^eiu][^eiu][^eiu][^eiu][^eiu]r"],
  [true, "foo-bar", "f[^eiu][^eiu][^eiu][^eiu][^eiu]r"],
  [true, "foo", "**/foo"],
  [true, "XXX/foo", "**/foo"],
  [true, "bar/baz/foo", "**/foo"],
  [false, "bar/baz/foo", "*/foo"],
  [false, "foo/bar/baz", "**/bar*"],
  [true, "deep/foo/bar/baz", "**/bar/*"],
  [false, "deep/foo/bar/baz/", "**/bar/*"],
  [true, "deep/foo/bar/baz/", "**/bar/**"],
  [false, "deep/foo/bar", "**/bar/*"],
  [true, "deep/foo/bar/", "**/bar/**"],
  [false, "foo/bar/baz", "**/bar**"],
  [true, "foo/bar/baz/x", "*/bar/**"],
  [false, "deep/foo/bar/baz/x", "*/bar/**"],
  [true, "deep/foo/bar/baz/x", "**/bar/*/*"],
  // Various additional tests
  [false, "acrt", "a[c-c]st"],
  [true, "acrt", "a[c-c]rt"],
  [false, "]", "[!]-]"],
  [true, "a", "[!]-]"],
  [false, "\\", "\\"],
  [false, "XXX/\\", "*/\\"],
  [true, "XXX/\\", "*/\\\\"],
  [true, "@foo", "@foo"],
  [false, "foo", "@foo"],
  [true, "[ab]", "\\[ab]"],
  [true, "[ab]", "[[]ab]"],
  [true, "[ab]", "[[:]ab]"],
  [false, "[ab]", "[[::]ab]"],
  [true, "[ab]", "[[:digit]ab]"],
  [true, "[ab]", "[\\[:]ab]"],
  [true, "?a?b", "\\??\\?b"],
  [true, "abc", "\\a\\b\\c"],
  [false, "foo", ""],
  [true, "foo/bar/baz/to", "**/t[o]"],
  // Character classes
  [true, "a1B", "[[:alpha:]][[:digit:]][[:upper:]]"],
  [false, "a", "[[:digit:][:upper:][:space:]]"],
  [true, "A", "[[:digit:][:upper:][:space:]]"],
  [true, "1", "[[:digit:][:upper:][:space:]]"],
  [false, "1", "[[:digit:][:upper:][:spaci:]]"],
  [true, " ", "[[:digit:][:upper:][:space:]]"],
  [false, ".", "[[:digit:][:upper:][:space:]]"],
  [true, ".", "[[:digit:][:punct:][:space:]]"],
  [true, "5", "[[:xdigit:]]"],
  [true, "f", "[[:xdigit:]]"],
  [true, "D", "[[:xdigit:]]"],
  [true, "_", "[[:alnum:][:alpha:][:blank:][:cntrl:][:digit:][:graph:][:lower:][:print:][:punct:][:space:][:upper:][:xdigit:]]"],
  [true, ".", "[^[:alnum:][:alpha:][:blank:][:cntrl:][:digit:][:lower:][:space:][:upper:][:xdigit:]]"],
  [true, "5", "[a-c[:digit:]x-z]"],
  [true, "b", "[a-c[:digit:]x-z]"],
  [true, "y", "[a-c[:digit:]x-z]"],
  [false, "q", "[a-c[:digit:]x-z]"],
  // Malformed and tricky classes
  [true, "]", "[\\\\-^]"],
  [false, "[", "[\\\\-^]"],
  [true, "-", "[\\-_]"],
  [true, "]", "[\\]]"],
  [false, "\\]", "[\\]]"],
  [false, "\\", "[\\]]"],
  [false, "ab", "a[]b"],
  [false, "a[]b", "a[]b"],
  [false, "ab[", "ab["],
  [false, "ab", "[!"],
  [false, "ab", "[-"],
  [true, "-", "[-]"],
  [false, "-", "[a-"],
  [false, "-", "[!a-"],
  [true, "-", "[--A]"],
  [true, "5", "[--A]"],
  [true, " ", "[ --]"],
  [true, "$", "[ --]"],
  [true, "-", "[ --]"],
  [false, "0", "[ --]"],
  [true, "-", "[---]"],
  [true, "-", "[------]"],
  [false, "j", "[a-e-n]"],
  [true, "-", "[a-e-n]"],
  [true, "a", "[!------]"],
  [false, "[", "[]-a]"],
  [true, "^", "[]-a]"],
  [false, "^", "[!]-a]"],
  [true, "[", "[!]-a]"],
  [true, "^", "[a^bc]"],
  [true, "-b]", "[a-]b]"],
  [false, "\\", "[\\]"],
  [true, "\\", "[\\\\]"],
  [false, "\\", "[!\\\\]"],
  [true, "G", "[A-\\\\]"],
  [false, "aaabbb", "b*a"],
  [false, "aabcaa", "*ba*"],
  [true, ",", "[,]"],
  [true, ",", "[\\\\,]"],
  [true, "\\", "[\\\\,]"],
  [true, "-", "[,-.]"],
  [false, "+", "[,-.]"],
  [false, "-.]", "[,-.]"],
  [true, "2", "[\\1-\\3]"],
  [true, "3", "[\\1-\\3]"],
  [false, "4", "[\\1-\\3]"],
  [true, "\\", "[[-\\]]"],
  [true, "[", "[[-\\]]"],
  [true, "]", "[[-\\]]"],
  [false, "-", "[[-\\]]"],
  // Recursion
  [true, "-adobe-courier-bold-o-normal--12-120-75-75-m-70-iso8859-1", "-*-*-*-*-*-*-12-*-*-*-m-*-*-*"],
  [false, "-adobe-courier-bold-o-normal--12-120-75-75-X-70-iso8859-1", "-*-*-*-*-*-*-12-*-*-*-m-*-*-*"],
  [false, "-adobe-courier-bold-o-normal--12-120-75-75-/-70-iso8859-1", "-*-*-*-*-*-*-12-*-*-*-m-*-*-*"],
  [true, "XXX/adobe/courier/bold/o/normal//12/120/75/75/m/70/iso8859/1", "XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*"],
  [false, "XXX/adobe/courier/bold/o/normal//12/120/75/75/X/70/iso8859/1", "XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*"],
  [true, "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txt", "**/*a*b*g*n*t"],
  [false, "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txtz", "**/*a*b*g*n*t"],
  [false, "foo", "*/*/*"],
  [false, "foo/bar", "*/*/*"],
  [true, "foo/bba/arr", "*/*/*"],
  [false, "foo/bb/aa/rr", "*/*/*"],
  [true, "foo/bb/aa/rr", "**/**/**"],
  [true, "abcXdefXghi", "*X*i"],
  [false, "ab/cXd/efXg/hi", "*X*i"],
  [true, "ab/cXd/efXg/hi", "*/*X*/*/*i"],
  [true, "ab/cXd/efXg/hi", "**/*X*/**/*i"],
];

describe("wildmatch, as git's t3070 with WM_PATHNAME", () => {
  it.each(GIT_CASES)("%s: %j against %j", (expected, text, pattern) => {
    expect(wildmatch(pattern, text)).toBe(expected);
  });
});

describe("what git has not: no extglob, no braces", () => {
  it.each([
    [true, "x(yya)b", "*(*a)b"],
    [false, "ab", "*(*a)b"],
    [false, "aaab", "*(*a)b"],
    [false, "a.bin", "*.{bin,pt}"],
    [true, "a.{bin,pt}", "*.{bin,pt}"],
    [true, "+(a)", "+(a)"],
    [false, "a", "+(a)"],
    [false, "a", "@(a)"],
    [true, "!(a)", "!(a)"],
  ] as const)("%s: %j against %j", (expected, text, pattern) => {
    expect(wildmatch(pattern, text)).toBe(expected);
  });

  it("compares bytes, as git does: `?` is one byte of UTF-8", () => {
    expect(wildmatch("?", "é")).toBe(false);
    expect(wildmatch("??", "é")).toBe(true);
    expect(wildmatch("*é*", "café.bin")).toBe(true);
    expect(wildmatch("[!a]", "é")).toBe(false);
  });

  it("gives literals and `*.ext` patterns a fast path with the same answers", () => {
    expect(compileWildmatch("model\\ 1.bin").literal).toBe("model 1.bin");
    expect(compileWildmatch("*.bin").literal).toBeUndefined();
    expect(wildmatch("*.bin", "a.bin")).toBe(true);
    expect(wildmatch("*.bin", ".bin")).toBe(true);
    expect(wildmatch("*.bin", "d/a.bin")).toBe(false);
    expect(wildmatch("*.bin", "a.bin.x")).toBe(false);
    expect(compileWildmatch("a[").valid).toBe(false);
    expect(compileWildmatch("a\\").valid).toBe(false);
  });
});

describe("no exponential backtracking", () => {
  it("`*(*a)b` against 28 and 10,000 `a`s: a few thousand steps, not 2^28", () => {
    const matcher = compileWildmatch("*(*a)b");
    for (const n of [28, 10_000]) {
      const meter = { steps: 0 };
      expect(matcher.test(utf8(`${"a".repeat(n)}.bin`), meter)).toBe(false);
      expect(meter.steps).toBeLessThanOrEqual((n + 4) * 7);
    }
  });

  it("100 stars against 4,000 `a`s with no final `b`: at most path × pattern steps", () => {
    const pattern = `${"*a".repeat(100)}b`;
    const subject = utf8("a".repeat(4000));
    const meter = { steps: 0 };
    expect(compileWildmatch(pattern).test(subject, meter)).toBe(false);
    expect(meter.steps).toBeLessThanOrEqual(subject.length * (pattern.length + 1));
    expect(wildmatch(pattern, `${"a".repeat(4000)}b`)).toBe(true);
  });

  it("`**/` runs and classes on a deep path stay linear in the path", () => {
    const pattern = `${"**/".repeat(50)}[a-z]*`;
    const path = `${"d/".repeat(2000)}x`;
    const meter = { steps: 0 };
    expect(compileWildmatch(pattern).test(utf8(path), meter)).toBe(true);
    expect(meter.steps).toBeLessThanOrEqual(path.length * 110);
  });
});
