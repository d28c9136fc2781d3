/**
 * report/group.ts: the counts, labels, items and file groups that the
 * comment and the check run's summary share, down to the character, and
 * how a group list stops at its budget.
 */
import { describe, expect, it } from "vitest";
import type { RuleMeta } from "../src/core/rule.js";
import { text } from "../src/core/text.js";
import { countPhrase, findingItem, groupByPath, groupHeading, lineLabel, renderGroups, whySection } from "../src/report/group.js";
import { finding } from "./helpers/findings.js";

describe("countPhrase", () => {
  it("counts each severity, plural past one, errors first", () => {
    expect(countPhrase([finding({ severity: "notice" }), finding(), finding(), finding({ severity: "error" })])).toBe(
      "1 error, 2 warnings, 1 notice",
    );
    expect(countPhrase([finding({ severity: "error" }), finding({ severity: "error" }), finding({ severity: "notice" }), finding({ severity: "notice" })])).toBe(
      "2 errors, 2 notices",
    );
    expect(countPhrase([])).toBe("no problems");
  });
});

describe("groupByPath", () => {
  it("keeps files in first-seen order and findings in order within each", () => {
    const a1 = finding({ path: "a", line: 1 });
    const b1 = finding({ path: "b", line: 1 });
    const a2 = finding({ path: "a", line: 2 });
    expect([...groupByPath([a1, b1, a2])]).toEqual([
      ["a", [a1, a2]],
      ["b", [b1]],
    ]);
  });
});

describe("lineLabel", () => {
  it("names one line, a range, or nothing", () => {
    expect(lineLabel(finding({ line: undefined }))).toBe("");
    expect(lineLabel(finding({ line: 3 }))).toBe("line 3");
    expect(lineLabel(finding({ line: 3, endLine: 3 }))).toBe("line 3");
    expect(lineLabel(finding({ line: 3, endLine: 5 }))).toBe("lines 3–5");
  });
});

describe("findingItem", () => {
  it("is a list item with the icon, the title, the line, the rule link and the message", () => {
    expect(findingItem(finding())).toBe(
      "- ⚠️ **Unknown key** (line 3) · [`card/known-keys`](https://docs.test/card/known-keys.md)\n  The key `lisence` is unknown.",
    );
    expect(findingItem(finding({ severity: "error", line: undefined }))).toBe(
      "- ❌ **Unknown key** · [`card/known-keys`](https://docs.test/card/known-keys.md)\n  The key `lisence` is unknown.",
    );
    expect(findingItem(finding({ severity: "notice", title: "A *b*" }))).toContain("- ℹ️ **A \\*b\\***");
  });

  it("adds the hint when there is one", () => {
    expect(findingItem(finding({ hint: text`Rename it to ${"license"}.` })).split("\n")[2]).toBe("  **How to fix:** Rename it to `license`.");
    expect(findingItem(finding({ hint: [] })).split("\n")).toHaveLength(2);
  });

  it("shows a fix's replacement in an indented YAML block, naming its lines", () => {
    expect(findingItem(finding({ fix: { line: 2, endLine: 2, replacement: "license: mit" } })).split("\n").slice(2)).toEqual([
      "  Replace line 2 with:",
      "  ```yaml",
      "  license: mit",
      "  ```",
    ]);
    expect(findingItem(finding({ fix: { line: 2, endLine: 4, replacement: "a: 1\nb: 2" } })).split("\n").slice(2)).toEqual([
      "  Replace lines 2–4 with:",
      "  ```yaml",
      "  a: 1",
      "  b: 2",
      "  ```",
    ]);
  });
});

describe("groupHeading", () => {
  it("names the file as code, or the review as a whole", () => {
    expect(groupHeading("a/README.md")).toBe("#### `a/README.md`");
    expect(groupHeading("")).toBe("#### This pull request");
    expect(groupHeading("", "All files")).toBe("#### All files");
  });
});

describe("renderGroups", () => {
  it("renders each file's heading once, then its findings", () => {
    const findings = [finding({ path: "a", line: 1 }), finding({ path: "a", line: 2 }), finding({ path: "b", line: 1 })];
    const budget = { left: 10_000 };
    const out = renderGroups(findings, budget, "See the check run.");
    expect(out).toBe(["", "#### `a`", "", findingItem(findings[0]!), findingItem(findings[1]!), "", "#### `b`", "", findingItem(findings[2]!)].join("\n"));
    // The budget shrinks by what was written: each item and its line break, each heading and its blank lines.
    const spent = findings.reduce((n, f) => n + findingItem(f).length + 1, 0) + "#### `a`".length + 2 + "#### `b`".length + 2;
    expect(budget.left).toBe(10_000 - spent);
  });

  it("names the review as a whole with the heading it is given", () => {
    expect(renderGroups([finding({ path: "" })], { left: 10_000 }, "x", "All files")).toContain("#### All files");
  });

  it("stops when the next item would not fit with 200 characters to spare, and counts what it left out", () => {
    const findings = [finding({ path: "a", line: 1 }), finding({ path: "a", line: 2 }), finding({ path: "b", line: 1 })];
    const first = findingItem(findings[0]!).length + 1 + "#### `a`".length + 2;
    const second = findingItem(findings[1]!).length + 1;
    // Room for exactly the first item.
    const one = renderGroups(findings, { left: first + 200 }, "See the check run.");
    expect(one).toBe(["", "#### `a`", "", findingItem(findings[0]!), "", "_…and 2 more findings. See the check run._"].join("\n"));
    // One character short of the second item: still one.
    expect(renderGroups(findings, { left: first + second + 199 }, "N.")).toContain("_…and 2 more findings. N._");
    // Room for both items of `a`; `b` does not fit and is left out whole.
    const two = renderGroups(findings, { left: first + second + 200 }, "N.");
    expect(two).not.toContain("#### `b`");
    expect(two.endsWith("_…and 1 more finding. N._")).toBe(true);
    expect(renderGroups(findings, { left: 0 }, "N.")).toBe("\n_…and 3 more findings. N._");
  });
});

describe("whySection", () => {
  const meta = (id: string): RuleMeta | undefined =>
    id === "t/none" ? undefined : { id, title: "t", description: "d", why: `Why ${id}.`, defaultSeverity: "warning" };

  it("has one line per rule that reported, linked to its page, in the order rules first appear", () => {
    const findings = [
      finding({ ruleId: "t/b", docsUrl: "https://d/b" }),
      finding({ ruleId: "t/a", docsUrl: "https://d/a" }),
      finding({ ruleId: "t/b", docsUrl: "https://d/other" }),
      finding({ ruleId: "t/none" }),
    ];
    expect(whySection(findings, meta)).toBe(
      ["<details><summary>Why these checks matter</summary>", "", "- [`t/b`](https://d/b): Why t/b.", "- [`t/a`](https://d/a): Why t/a.", "", "</details>"].join("\n"),
    );
  });

  it("is empty when no rule has a reason to give", () => {
    expect(whySection([finding({ ruleId: "t/none" })], meta)).toBe("");
    expect(whySection([], meta)).toBe("");
  });
});
