/** Types of scripts/mutation-table.mjs, for the tests. */
export interface ScoreRow {
  readonly module: string;
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Percent; NaN when the module has no mutant that counts. */
  readonly score: number;
}
export interface ScoreTable {
  readonly rows: readonly ScoreRow[];
  readonly total: ScoreRow;
}
export const DEFAULT_REPORT: string;
export function scoreTable(report: unknown, by?: "file" | "dir"): ScoreTable;
export function formatTable(table: ScoreTable, options?: { readonly markdown?: boolean }): string;
export function survivors(report: unknown): string[];
export function mergeReports(reports: readonly unknown[]): { files: Record<string, unknown> };
