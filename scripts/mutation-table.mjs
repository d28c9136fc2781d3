/**
 * Per-module mutation scores from Stryker's JSON report
 * (mutation-testing-report-schema): `node scripts/mutation-table.mjs [REPORT ...] [--by file|dir] [--markdown]`.
 * Several reports (focused runs, one module's tests each) are merged: a file
 * measured in more than one keeps the result of the report named last.
 * A module's score is Stryker's: (killed + timeout) / (killed + timeout + survived + no coverage);
 * compile and run-time errors and ignored mutants count in neither.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export const DEFAULT_REPORT = "reports/mutation/mutation.json";

const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/** The module a file counts under: the file itself, or its folder (a rule's folder is its rule). */
function moduleOf(path, by) {
  if (by === "file") return path;
  const slash = path.lastIndexOf("/");
  return slash === -1 ? path : path.slice(0, slash);
}

/** Rows `{ module, killed, timeout, survived, noCoverage, score }` sorted by module, and the total. */
export function scoreTable(report, by = "file") {
  const rows = new Map();
  const blank = (module) => ({ module, killed: 0, timeout: 0, survived: 0, noCoverage: 0, score: NaN });
  const total = blank("total");
  for (const [path, file] of Object.entries(report.files ?? {})) {
    const module = moduleOf(path.replace(/\\/g, "/"), by);
    const row = rows.get(module) ?? blank(module);
    rows.set(module, row);
    for (const mutant of file.mutants ?? []) {
      for (const r of [row, total]) {
        if (mutant.status === "Killed") r.killed++;
        else if (mutant.status === "Timeout") r.timeout++;
        else if (mutant.status === "Survived") r.survived++;
        else if (mutant.status === "NoCoverage") r.noCoverage++;
      }
    }
  }
  const withScore = (r) => {
    const detected = r.killed + r.timeout;
    const valid = detected + r.survived + r.noCoverage;
    return { ...r, score: valid === 0 ? NaN : (100 * detected) / valid };
  };
  return {
    rows: [...rows.values()].map(withScore).sort((a, b) => a.module.localeCompare(b.module)),
    total: withScore(total),
  };
}

const pct = (score) => (Number.isNaN(score) ? "n/a" : `${score.toFixed(1)}%`);

/** The table as text: aligned columns, or a markdown table. */
export function formatTable({ rows, total }, { markdown = false } = {}) {
  const head = ["module", "score", "killed", "timeout", "survived", "no coverage"];
  const line = (r) => [r.module, pct(r.score), r.killed, r.timeout, r.survived, r.noCoverage].map(String);
  const body = [...rows.map(line), line(total)];
  if (markdown) {
    const cells = (c) => `| ${c.join(" | ")} |`;
    return [cells(head), cells(head.map((_, i) => (i === 0 ? "---" : "---:"))), ...body.map(cells)].join("\n");
  }
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((c) => c[i].length)));
  const pad = (c) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");
  return [pad(head), ...body.map(pad)].join("\n");
}

/** One report from several: each file's mutants come from the last report that has the file. */
export function mergeReports(reports) {
  const files = {};
  for (const report of reports) Object.assign(files, report.files ?? {});
  return { ...(reports[0] ?? {}), files };
}

/** Mutants still alive, as `path:line  mutator  replacement`, for working through survivors. */
export function survivors(report) {
  const out = [];
  for (const [path, file] of Object.entries(report.files ?? {})) {
    for (const m of file.mutants ?? []) {
      if (!UNDETECTED.has(m.status)) continue;
      out.push(`${path}:${m.location.start.line}:${m.location.start.column}  ${m.status}  ${m.mutatorName}  ${JSON.stringify(m.replacement ?? "")}`);
    }
  }
  return out.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const byAt = args.indexOf("--by");
  const by = byAt === -1 ? "file" : args[byAt + 1];
  if (by !== "file" && by !== "dir") {
    console.error("usage: node scripts/mutation-table.mjs [REPORT ...] [--by file|dir] [--markdown] [--survivors]");
    process.exit(2);
  }
  const named = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--by");
  const report = mergeReports((named.length > 0 ? named : [DEFAULT_REPORT]).map((file) => JSON.parse(readFileSync(file, "utf8"))));
  console.log(formatTable(scoreTable(report, by), { markdown: args.includes("--markdown") }));
  if (args.includes("--survivors")) console.log(["", ...survivors(report)].join("\n"));
}
