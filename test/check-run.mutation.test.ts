/**
 * The check run's output on its own: the verdict, each annotation's lines and
 * columns, the cuts at GitHub's limits and the files table. Written from the
 * mutants the report tests let live.
 */
import { describe, expect, it } from "vitest";
import type { FileFacts } from "../src/core/engine.js";
import type { RuleMeta } from "../src/core/rule.js";
import { prose, quoted, text, trusted } from "../src/core/text.js";
import type { Finding } from "../src/core/types.js";
import {
  annotationText,
  conclusionOf,
  HUB_UNREACHABLE_ID,
  OUTPUT_LIMIT,
  renderCheckRun,
  renderSkipped,
  toAnnotation,
} from "../src/report/check-run.js";

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: "card/known-keys",
  severity: "warning",
  title: "Unknown key",
  message: text`The key ${"lisence"} is not a card key.`,
  path: "README.md",
  line: 3,
  docsUrl: "https://cardinal.test/rules/card/known-keys",
  ...over,
});

const ruleMeta = (): RuleMeta | undefined => undefined;
const card = (path: string, over: Partial<FileFacts> = {}): FileFacts => ({ path, kind: "model-card", status: "added", storage: "text", ...over });

describe("conclusionOf", () => {
  it("fails on any error, whatever else there is", () => {
    expect(conclusionOf([finding({ severity: "notice" }), finding({ severity: "error" })])).toBe("failure");
    expect(conclusionOf([finding({ severity: "error" }), finding({ ruleId: HUB_UNREACHABLE_ID })])).toBe("failure");
  });

  it("is neutral when any finding says the Hub could not be asked, even among others", () => {
    expect(conclusionOf([finding(), finding({ ruleId: HUB_UNREACHABLE_ID, severity: "warning" })])).toBe("neutral");
    expect(conclusionOf([finding({ ruleId: HUB_UNREACHABLE_ID, severity: "notice" })])).toBe("neutral");
  });

  it("passes warnings and notices", () => {
    expect(conclusionOf([finding(), finding({ severity: "notice" })])).toBe("success");
    expect(conclusionOf([])).toBe("success");
  });

  it("is the verdict of the rendered run", () => {
    const output = renderCheckRun({ findings: [finding(), finding({ ruleId: HUB_UNREACHABLE_ID, path: "" })], files: [], ruleMeta });
    expect(output.conclusion).toBe("neutral");
  });
});

describe("toAnnotation", () => {
  it("spans the finding's lines", () => {
    expect(toAnnotation(finding({ line: 3, endLine: 7 }))).toMatchObject({ start_line: 3, end_line: 7 });
  });

  it("never ends before it starts, and defaults to line 1", () => {
    expect(toAnnotation(finding({ line: 5, endLine: 2 }))).toMatchObject({ start_line: 5, end_line: 5 });
    expect(toAnnotation(finding({ line: undefined }))).toMatchObject({ start_line: 1, end_line: 1 });
    expect(toAnnotation(finding({ line: undefined, endLine: 4 }))).toMatchObject({ start_line: 1, end_line: 4 });
  });

  it("keeps columns on a single line only, the end never before the start", () => {
    expect(toAnnotation(finding({ column: 4, endColumn: 9 }))).toMatchObject({ start_column: 4, end_column: 9 });
    expect(toAnnotation(finding({ column: 4, endColumn: 2 }))).toMatchObject({ start_column: 4, end_column: 4 });
    expect(toAnnotation(finding({ line: 3, endLine: 3, column: 4 }))).toMatchObject({ start_column: 4, end_column: 4 });
    const multi = toAnnotation(finding({ line: 3, endLine: 4, column: 4, endColumn: 9 }));
    expect(multi).not.toHaveProperty("start_column");
    expect(multi).not.toHaveProperty("end_column");
    expect(toAnnotation(finding())).not.toHaveProperty("start_column");
  });

  it("maps severities to annotation levels", () => {
    expect(toAnnotation(finding({ severity: "error" }))?.annotation_level).toBe("failure");
    expect(toAnnotation(finding({ severity: "warning" }))?.annotation_level).toBe("warning");
    expect(toAnnotation(finding({ severity: "notice" }))?.annotation_level).toBe("notice");
  });

  it("says the message, the fix and the rule, in that order, blank lines between", () => {
    expect(toAnnotation(finding({ hint: prose("Rename it.") }))?.message).toBe(
      "The key `lisence` is not a card key.\n\nHow to fix: Rename it.\n\nRule: card/known-keys — https://cardinal.test/rules/card/known-keys",
    );
    expect(toAnnotation(finding())?.message).toBe(
      "The key `lisence` is not a card key.\n\nRule: card/known-keys — https://cardinal.test/rules/card/known-keys",
    );
  });

  it("says no 'How to fix:' for an empty hint, as the comment, JSON and SARIF do", () => {
    expect(toAnnotation(finding({ hint: [] }))?.message).toBe(
      "The key `lisence` is not a card key.\n\nRule: card/known-keys — https://cardinal.test/rules/card/known-keys",
    );
  });

  it("cuts a long message to 60,000 characters ending in an ellipsis, and keeps a short one whole", () => {
    const long = toAnnotation(finding({ message: trusted("x".repeat(70_000)) }))?.message ?? "";
    expect(long).toHaveLength(60_000);
    expect(long.endsWith("x…")).toBe(true);
    const title = toAnnotation(finding({ title: "t".repeat(255) }))?.title;
    expect(title).toBe("t".repeat(255));
    expect(toAnnotation(finding({ title: "t".repeat(256) }))?.title).toBe(`${"t".repeat(254)}…`);
  });

  it("keeps the title on one line", () => {
    expect(toAnnotation(finding({ title: "a\nRule: b" }))?.title).toBe("a Rule: b");
  });
});

describe("annotationText", () => {
  it("puts values in backticks on one line, and quoted words without quotes", () => {
    expect(annotationText(text`Key ${"a\nb"} and ${quoted("x\u202ey")}.`)).toBe("Key `a b` and x\uFFFDy.");
  });
});

describe("renderCheckRun", () => {
  it("says how many files it reviewed when there is nothing to fix", () => {
    expect(renderCheckRun({ findings: [], files: [card("a/README.md")], ruleMeta }).summary).toBe(
      "Cardinal reviewed 1 file and found nothing to fix.",
    );
    const two = renderCheckRun({ findings: [], files: [card("a/README.md"), card("b/README.md")], ruleMeta });
    expect(two).toMatchObject({ conclusion: "success", title: "No problems found", summary: "Cardinal reviewed 2 files and found nothing to fix." });
    const none = renderCheckRun({ findings: [], files: [], ruleMeta });
    expect(none.summary).toBe("This pull request changes no model cards, dataset cards, licenses or model files.");
    expect(none).not.toHaveProperty("text");
  });

  it("titles the run with the count, capitalised", () => {
    const output = renderCheckRun({ findings: [finding({ severity: "error" }), finding()], files: [card("README.md")], ruleMeta });
    expect(output.title).toBe("1 error, 1 warning");
    expect(output.summary.startsWith("Cardinal found **1 error, 1 warning**.")).toBe(true);
  });

  it("lists the files reviewed in the details, with their storage when it is not text", () => {
    const { text } = renderCheckRun({
      findings: [],
      files: [
        card("README.md", { metadata: "present" }),
        { path: "model.safetensors", kind: "weights", status: "added", storage: "lfs-pointer" },
        { path: "big.bin", kind: "weights", status: "added", storage: "not-fetched" },
        { path: "a|b\\|c.md", kind: "model-card", status: "added", storage: "text" },
      ],
      ruleMeta,
    });
    expect(text).toBe(
      [
        "### Files reviewed",
        "",
        "| File | Recognised as | Metadata |",
        "| --- | --- | --- |",
        "| `README.md` | model-card | present |",
        "| `model.safetensors` | weights (lfs-pointer) |  |",
        "| `big.bin` | weights |  |",
        "| `a\\|b\u29f5\\|c.md` | model-card |  |",
      ].join("\n"),
    );
  });

  it("cuts the files table before GitHub's 65,535-character limit and says how many files it left out", () => {
    const files = Array.from({ length: 2_000 }, (_, i) => card(`models/model-${String(i).padStart(4, "0")}/${"d".repeat(40)}/README.md`));
    const { text = "" } = renderCheckRun({ findings: [], files, ruleMeta });
    // 200 characters stay free past the last row, for the note.
    expect(text.length).toBeLessThanOrEqual(OUTPUT_LIMIT - 100);
    const rows = text.split("\n").filter((l) => l.startsWith("| `models/"));
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.length).toBeLessThan(files.length);
    // The rows shown are the first files, in order, and the note counts the rest.
    expect(rows[0]).toContain("model-0000");
    expect(rows.at(-1)).toContain(`model-${String(rows.length - 1).padStart(4, "0")}`);
    expect(text.endsWith(`_…and ${files.length - rows.length} more files._`)).toBe(true);
    // It stops only when the next row would not fit, with room left for the note.
    const rowLength = (rows[0] ?? "").length;
    expect(text.length + rowLength + 200).toBeGreaterThan(OUTPUT_LIMIT - 200);
  });

  it("lists every file when they fit", () => {
    const files = Array.from({ length: 300 }, (_, i) => card(`m${i}/README.md`));
    const { text = "" } = renderCheckRun({ findings: [], files, ruleMeta });
    expect(text).not.toContain("more files");
    expect(text.split("\n").filter((l) => l.startsWith("| `m"))).toHaveLength(300);
  });

  it("keeps the summary within GitHub's limit however many findings there are", () => {
    const findings = Array.from({ length: 3_000 }, (_, i) =>
      finding({ path: `m${i}/README.md`, message: trusted(`Problem ${i} ${"z".repeat(60)}`) }),
    );
    const output = renderCheckRun({ findings, files: [], ruleMeta });
    expect(output.summary.length).toBeLessThanOrEqual(OUTPUT_LIMIT);
    expect(output.annotations).toHaveLength(3_000);
  });

  it("leaves room in the summary for the note on what was left out and the reasons, however many rules reported", () => {
    const why = (id: string): RuleMeta => ({ id, title: "t", description: "d", why: `Why ${id} matters: ${"w".repeat(150)}.`, defaultSeverity: "warning" });
    const findings = Array.from({ length: 3_000 }, (_, i) =>
      finding({ ruleId: `t/rule-${i % 100}`, path: `m${i}/README.md`, message: trusted(`Problem ${"z".repeat(60)}`) }),
    );
    const { summary } = renderCheckRun({ findings, files: [], ruleMeta: why });
    expect(summary.length).toBeLessThanOrEqual(OUTPUT_LIMIT);
    expect(summary).toMatch(/_…and \d+ more findings\. Every finding is also an annotation on its file\._/);
    expect(summary.endsWith("</details>")).toBe(true);
    expect(summary).toContain("[`t/rule-99`]");
  });

  it("makes no annotation of a finding about the whole pull request", () => {
    const output = renderCheckRun({ findings: [finding({ path: "" }), finding()], files: [], ruleMeta });
    expect(output.annotations).toHaveLength(1);
  });
});

describe("renderSkipped", () => {
  it("is a skipped run that says why", () => {
    expect(renderSkipped("Drafts are not reviewed.")).toEqual({
      conclusion: "skipped",
      title: "Review skipped",
      summary: "Drafts are not reviewed.",
      annotations: [],
    });
  });
});
