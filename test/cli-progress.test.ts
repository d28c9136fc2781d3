import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ERASE_LINE, fitLine, progressLine, PROGRESS_DELAY_MS, PROGRESS_REDRAW_MS } from "../src/cli/progress.js";

describe("the progress line", () => {
  let written: string[];
  const write = (s: string) => void written.push(s);
  const line = (options: Partial<Parameters<typeof progressLine>[1]> = {}) =>
    progressLine(write, { enabled: true, now: () => Date.now(), ...options });

  beforeEach(() => {
    written = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it("writes nothing for a run shorter than PROGRESS_DELAY_MS, not even the erase", () => {
    expect(PROGRESS_DELAY_MS).toBe(2_000);
    const progress = line();
    progress.set("cardinal: reviewing 4 files");
    vi.advanceTimersByTime(PROGRESS_DELAY_MS - 1);
    progress.stop();
    vi.advanceTimersByTime(10_000);
    expect(written).toEqual([]);
  });

  it("appears after the delay with the latest status, is redrawn in place when it changes, and is erased at the end", () => {
    const progress = line();
    progress.set("cardinal: reading the files…");
    progress.set("cardinal: reviewing 3,433 files · rule 1/63 cardinal/config-valid");
    vi.advanceTimersByTime(PROGRESS_DELAY_MS);
    expect(written).toEqual([`${ERASE_LINE}cardinal: reviewing 3,433 files · rule 1/63 cardinal/config-valid`]);
    // Changes within PROGRESS_REDRAW_MS are drawn once, the latest, when it has passed.
    progress.set("cardinal: reviewing 3,433 files · rule 2/63 cardinal/pr-file-limit");
    progress.set("cardinal: reviewing 3,433 files · rule 3/63 cardinal/file-unreadable");
    expect(written).toHaveLength(1);
    vi.advanceTimersByTime(PROGRESS_REDRAW_MS);
    expect(written.at(-1)).toBe(`${ERASE_LINE}cardinal: reviewing 3,433 files · rule 3/63 cardinal/file-unreadable`);
    expect(written).toHaveLength(2);
    // Nothing changes, nothing is written.
    vi.advanceTimersByTime(10_000);
    expect(written).toHaveLength(2);
    progress.stop();
    progress.stop();
    expect(written.slice(2)).toEqual([ERASE_LINE]);
  });

  it("steps aside for other output on stderr, and comes back after it", () => {
    const progress = line();
    progress.set("cardinal: reviewing 20 files · Hub 3/60");
    vi.advanceTimersByTime(PROGRESS_DELAY_MS);
    progress.interrupt();
    write("cardinal: skipped models/x: permission denied\n");
    vi.advanceTimersByTime(PROGRESS_REDRAW_MS);
    expect(written).toEqual([
      `${ERASE_LINE}cardinal: reviewing 20 files · Hub 3/60`,
      ERASE_LINE,
      "cardinal: skipped models/x: permission denied\n",
      `${ERASE_LINE}cardinal: reviewing 20 files · Hub 3/60`,
    ]);
  });

  it("is cut to the terminal's width, one column short, so it never wraps", () => {
    const progress = line({ columns: 30 });
    progress.set("cardinal: reviewing 3,433 files · rule 33/63 hub/dataset-exists");
    vi.advanceTimersByTime(PROGRESS_DELAY_MS);
    expect(written).toEqual([`${ERASE_LINE}cardinal: reviewing 3,433 fi…`]);
    expect(Array.from(written[0]?.slice(ERASE_LINE.length) ?? "")).toHaveLength(29);
    expect(fitLine("short", 29)).toBe("short");
  });

  it("does nothing at all when stderr is not a terminal", () => {
    const progress = progressLine(write, { enabled: false });
    progress.set("cardinal: reviewing");
    vi.advanceTimersByTime(PROGRESS_DELAY_MS * 10);
    progress.interrupt();
    progress.stop();
    expect(written).toEqual([]);
  });
});
