/** The per-module score table of `npm run mutation`, from a report in Stryker's JSON schema. */
import { describe, expect, it } from "vitest";
import { formatTable, mergeReports, scoreTable, survivors } from "../scripts/mutation-table.mjs";

const mutant = (status: string, line = 1, mutatorName = "BooleanLiteral", replacement = "true") => ({
  id: `${line}-${status}`,
  mutatorName,
  replacement,
  status,
  location: { start: { line, column: 3 }, end: { line, column: 9 } },
});

const REPORT = {
  schemaVersion: "2",
  thresholds: { high: 85, low: 80 },
  files: {
    "src/core/engine.ts": { language: "typescript", source: "", mutants: [mutant("Killed"), mutant("Killed"), mutant("Timeout"), mutant("Survived", 7)] },
    "src/rules/card/a/rule.ts": { language: "typescript", source: "", mutants: [mutant("NoCoverage", 2), mutant("Killed"), mutant("CompileError"), mutant("Ignored")] },
    "src/rules/card/a/helper.ts": { language: "typescript", source: "", mutants: [mutant("RuntimeError")] },
  },
};

describe("scoreTable", () => {
  it("scores each file as Stryker does: killed and timed out over all but errors and ignored", () => {
    const { rows, total } = scoreTable(REPORT);
    expect(rows.map((r) => [r.module, r.score])).toEqual([
      ["src/core/engine.ts", 75],
      ["src/rules/card/a/helper.ts", NaN],
      ["src/rules/card/a/rule.ts", 50],
    ]);
    expect(total).toMatchObject({ killed: 3, timeout: 1, survived: 1, noCoverage: 1 });
    expect(total.score).toBeCloseTo((100 * 4) / 6, 10);
  });

  it("can group by folder", () => {
    expect(scoreTable(REPORT, "dir").rows.map((r) => [r.module, r.score])).toEqual([
      ["src/core", 75],
      ["src/rules/card/a", 50],
    ]);
  });
});

describe("formatTable", () => {
  it("prints aligned columns, or markdown, with the total last", () => {
    const table = scoreTable(REPORT, "dir");
    expect(formatTable(table).split("\n")).toEqual([
      "module            score  killed  timeout  survived  no coverage",
      "src/core          75.0%       2        1         1            0",
      "src/rules/card/a  50.0%       1        0         0            1",
      "total             66.7%       3        1         1            1",
    ]);
    expect(formatTable(table, { markdown: true }).split("\n").slice(0, 3)).toEqual([
      "| module | score | killed | timeout | survived | no coverage |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      "| src/core | 75.0% | 2 | 1 | 1 | 0 |",
    ]);
    expect(formatTable(scoreTable({ files: {} }))).toContain("n/a");
  });
});

describe("survivors", () => {
  it("lists the mutants no test detected, by file and line", () => {
    expect(survivors(REPORT)).toEqual([
      'src/core/engine.ts:7:3  Survived  BooleanLiteral  "true"',
      'src/rules/card/a/rule.ts:2:3  NoCoverage  BooleanLiteral  "true"',
    ]);
  });
});

describe("mergeReports", () => {
  it("joins focused runs, a file measured twice keeping the later report's mutants", () => {
    const later = { schemaVersion: "2", files: { "src/core/engine.ts": { language: "typescript", source: "", mutants: [mutant("Killed")] } } };
    const other = { schemaVersion: "2", files: { "src/report/sarif.ts": { language: "typescript", source: "", mutants: [mutant("Survived", 4)] } } };
    const { rows, total } = scoreTable(mergeReports([REPORT, later, other]));
    expect(rows.map((r) => [r.module, r.score])).toEqual([
      ["src/core/engine.ts", 100],
      ["src/report/sarif.ts", 0],
      ["src/rules/card/a/helper.ts", NaN],
      ["src/rules/card/a/rule.ts", 50],
    ]);
    expect(total).toMatchObject({ killed: 2, timeout: 0, survived: 1, noCoverage: 1 });
  });
});
