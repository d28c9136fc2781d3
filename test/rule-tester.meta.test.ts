/**
 * The rule tester's own tests: each loophole of the old tester (a rule that
 * throws passes its valid cases, a fix is never looked at, a finding's line
 * or most of its message goes unchecked, an extra finding slips through)
 * now fails the case. Each test pairs the rejected case with the same case
 * written correctly, which passes, so a rejection cannot come from a broken
 * fake rule.
 */
import { describe, expect, it } from "vitest";
import { defineRule, type Rule } from "../src/core/rule.js";
import { prose, text } from "../src/core/text.js";
import type { Fix } from "../src/core/types.js";
import { checkInvalid, checkValid, corpusCard, runRule, type ExpectedFinding, type InvalidCase } from "./rule-tester.js";

const meta = { id: "test/meta", title: "Test rule", description: "d", why: "w", defaultSeverity: "warning" as const };

const CARD = "---\nlicence: mit\n---\n# Model\n";
const files = { "README.md": CARD };

/** A rule that reports line 2 of a card that spells `licence`, with `fix` when given, and `extra` more findings on line 4. */
function reporting(options: { fix?: Fix; extra?: number } = {}): Rule {
  return defineRule({
    meta,
    check({ cards, report }) {
      for (const card of cards) {
        if (!card.text.includes("licence")) continue;
        report({ path: card.path, line: 2, message: text`The key ${"licence"} is misspelt.`, hint: prose("Write license."), ...(options.fix ? { fix: options.fix } : {}) });
        for (let i = 0; i < (options.extra ?? 0); i++) report({ path: card.path, line: 4, message: prose("Another problem.") });
      }
    },
  });
}

const throwing = defineRule({
  meta,
  check() {
    throw new TypeError("cannot read properties of undefined");
  },
});

const silent = defineRule({ meta, check() {} });

const EXPECTED: ExpectedFinding = { line: 2, message: "The key `licence` is misspelt.", hint: "Write license." };
const FIX: Fix = { line: 2, endLine: 2, replacement: "license: mit" };

describe("the rule tester fails a rule that throws", () => {
  it("in a valid case: the engine's internal error is not 'no finding'", async () => {
    await expect(checkValid(throwing, { name: "throws", files })).rejects.toThrow(/did not finish cleanly/);
    await expect(checkValid(silent, { name: "quiet", files })).resolves.toBeUndefined();
  });

  it("in an invalid case, and in runRule", async () => {
    await expect(checkInvalid(throwing, { name: "throws", files, findings: [EXPECTED] })).rejects.toThrow(/cardinal\/internal-error/);
    await expect(runRule(throwing, { name: "throws", files })).rejects.toThrow(/cannot read properties of undefined/);
    await expect(runRule(silent, { name: "quiet", files })).resolves.toEqual([]);
  });
});

describe("the rule tester checks fixes", () => {
  const fixing = reporting({ fix: FIX });
  const fixed = "---\nlicense: mit\n---\n# Model\n";

  it("fails a finding that carries a fix when the case gives no output", async () => {
    await expect(checkInvalid(fixing, { name: "no output", files, findings: [EXPECTED] })).rejects.toThrow(/must give its output/);
    await expect(checkInvalid(fixing, { name: "output", files, findings: [EXPECTED], output: fixed })).resolves.toBeUndefined();
  });

  it("fails an output that is not exactly what the fix writes", async () => {
    await expect(checkInvalid(fixing, { name: "wrong output", files, findings: [EXPECTED], output: "---\nlicense: mit\n---\n" })).rejects.toThrow();
    await expect(checkInvalid(fixing, { name: "by path", files, findings: [EXPECTED], output: { "README.md": fixed } })).resolves.toBeUndefined();
    await expect(checkInvalid(fixing, { name: "wrong path", files, findings: [EXPECTED], output: { "other.md": fixed } })).rejects.toThrow();
  });

  it("fails an output, or output: null, that does not match whether a fix was offered", async () => {
    await expect(checkInvalid(reporting(), { name: "no fix", files, findings: [EXPECTED], output: fixed })).rejects.toThrow(/one fixed file/);
    await expect(checkInvalid(fixing, { name: "null", files, findings: [EXPECTED], output: null })).rejects.toThrow(/no finding should carry a fix/);
    await expect(checkInvalid(reporting(), { name: "null", files, findings: [EXPECTED], output: null })).resolves.toBeUndefined();
  });

  it("fails a fix that repairs nothing: the rule reports the same on the fixed text", async () => {
    const stubborn = defineRule({
      meta,
      check: ({ cards, report }) => {
        for (const card of cards) report({ path: card.path, line: 2, message: prose("Always."), fix: { line: 2, endLine: 2, replacement: "license: mit" } });
      },
    });
    const always = { line: 2, message: "Always." };
    await expect(checkInvalid(stubborn, { name: "stubborn", files, findings: [always], output: fixed })).rejects.toThrow(/after the fixes, the rule still reports/);
  });

  it("fails a fix of lines the file does not have", async () => {
    const beyond = reporting({ fix: { line: 9, endLine: 9, replacement: "license: mit" } });
    await expect(checkInvalid(beyond, { name: "beyond", files, findings: [EXPECTED], output: CARD })).rejects.toThrow(/fix of lines 9-9 in README.md, which has 5/);
  });
});

describe("the rule tester pins each expected finding", () => {
  const rule = reporting();

  it("fails an expected finding without a line", async () => {
    const noLine: Partial<ExpectedFinding> = { ...EXPECTED };
    delete noLine.line;
    const lineless = { name: "no line", files, findings: [noLine] } as unknown as InvalidCase;
    await expect(checkInvalid(rule, lineless)).rejects.toThrow(/must pin its line/);
  });

  it("fails a wrong line, and line: null for a finding that has one", async () => {
    await expect(checkInvalid(rule, { name: "line 3", files, findings: [{ ...EXPECTED, line: 3 }] })).rejects.toThrow();
    await expect(checkInvalid(rule, { name: "null", files, findings: [{ ...EXPECTED, line: null }] })).rejects.toThrow();
  });

  it("accepts line: null for a finding about a whole file", async () => {
    const fileLevel = defineRule({ meta, check: ({ report }) => report({ path: "LICENSE", message: prose("Missing.") }) });
    await expect(checkInvalid(fileLevel, { name: "file", files, findings: [{ path: "LICENSE", line: null, message: "Missing." }] })).resolves.toBeUndefined();
    await expect(checkInvalid(fileLevel, { name: "file", files, findings: [{ path: "LICENSE", line: 1, message: "Missing." }] })).rejects.toThrow();
  });

  it("no longer matches a part of the message, or of the hint", async () => {
    await expect(checkInvalid(rule, { name: "part", files, findings: [{ ...EXPECTED, message: "misspelt" }] })).rejects.toThrow();
    await expect(checkInvalid(rule, { name: "hint part", files, findings: [{ ...EXPECTED, hint: "license" }] })).rejects.toThrow();
    const pattern = { name: "pattern", files, findings: [{ ...EXPECTED, message: /misspelt/ }] } as unknown as InvalidCase;
    await expect(checkInvalid(rule, pattern)).rejects.toThrow(/exact text/);
    await expect(checkInvalid(rule, { name: "exact", files, findings: [EXPECTED] })).resolves.toBeUndefined();
  });

  it("fails an unexpected extra finding, and a missing one", async () => {
    await expect(checkInvalid(reporting({ extra: 1 }), { name: "extra", files, findings: [EXPECTED] })).rejects.toThrow(/findings were/);
    await expect(checkInvalid(rule, { name: "missing", files, findings: [EXPECTED, { line: 4, message: "Another problem." }] })).rejects.toThrow(/findings were/);
    await expect(checkInvalid(reporting({ extra: 1 }), { name: "both", files, findings: [EXPECTED, { line: 4, message: "Another problem." }] })).resolves.toBeUndefined();
  });

  it("fails a valid case with any finding, and an invalid case that expects none", async () => {
    await expect(checkValid(rule, { name: "finds", files })).rejects.toThrow();
    await expect(checkInvalid(silent, { name: "none", files, findings: [] })).rejects.toThrow(/at least one finding/);
  });

  it("fails a finding at another severity", async () => {
    await expect(checkInvalid(rule, { name: "severity", files, findings: [{ ...EXPECTED, severity: "error" }] })).rejects.toThrow();
  });
});

describe("corpusCard", () => {
  it("loads a real card of the corpus by its slug", () => {
    const card = corpusCard("facebook-bart-large-mnli");
    expect(card.startsWith("---\n")).toBe(true);
    expect(card).toContain("license: mit");
    expect(() => corpusCard("no-such-card")).toThrow(/ENOENT/);
  });
});
