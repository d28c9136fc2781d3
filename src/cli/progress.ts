/**
 * The CLI's progress line: one line on stderr, written only when stderr is
 * a terminal and only once a run has taken PROGRESS_DELAY_MS, redrawn in
 * place (`\r`, erase line) as the run moves on, and erased at the end, so a
 * quick run prints nothing and a slow one (a big folder, a Hub that takes
 * its time) never looks stuck. Like npm's and cargo's, it is for people
 * watching a terminal: logs and pipes never see it.
 */

/** A run shorter than this shows no progress line. */
export const PROGRESS_DELAY_MS = 2_000;
/** The line is redrawn at most this often (a terminal need not repaint for every rule). */
export const PROGRESS_REDRAW_MS = 100;
/** Columns assumed when the terminal does not say. */
const DEFAULT_COLUMNS = 80;

/** Return to the start of the line and erase it. */
export const ERASE_LINE = "\r\u001b[K";

export interface ProgressLine {
  /** What the run is doing now; shown once the run is slow, and redrawn when it changes. */
  set(status: string): void;
  /** Erases the line before other output on stderr; it is drawn again afterwards. */
  interrupt(): void;
  /** Stops redrawing and erases the line if one was drawn. Safe to call twice. */
  stop(): void;
}

export interface ProgressOptions {
  /** Whether stderr is a terminal; without one, the progress line is a no-op. */
  readonly enabled: boolean;
  /** The terminal's width: the line is cut to fit, since a wrapped line cannot be redrawn in place. */
  readonly columns?: number;
  readonly delayMs?: number;
  readonly redrawMs?: number;
  /** The clock, in ms (default performance.now). */
  readonly now?: () => number;
}

const NO_PROGRESS: ProgressLine = { set: () => undefined, interrupt: () => undefined, stop: () => undefined };

/** A status cut to `width` characters, with an ellipsis. */
export function fitLine(status: string, width: number): string {
  const chars = Array.from(status);
  return chars.length <= width ? status : `${chars.slice(0, Math.max(0, width - 1)).join("")}…`;
}

export function progressLine(write: (s: string) => void, options: ProgressOptions): ProgressLine {
  if (!options.enabled) return NO_PROGRESS;
  // One column short of the width: writing the last column moves some terminals to the next line.
  const width = Math.max(20, (options.columns && options.columns > 0 ? options.columns : DEFAULT_COLUMNS) - 1);
  const redrawMs = options.redrawMs ?? PROGRESS_REDRAW_MS;
  const now = options.now ?? (() => performance.now());
  let status = "";
  let drawn: string | undefined;
  let lastDraw = -Infinity;
  let started = false;
  let stopped = false;
  let pending: NodeJS.Timeout | undefined;

  const draw = () => {
    pending = undefined;
    if (stopped || status === drawn) return;
    write(`${ERASE_LINE}${fitLine(status, width)}`);
    drawn = status;
    lastDraw = now();
  };
  // At most one redraw every redrawMs, and the latest status always drawn in the end.
  const schedule = (later = false) => {
    if (!started || stopped || pending) return;
    const wait = lastDraw + redrawMs - now();
    if (wait <= 0 && !later) draw();
    else (pending = setTimeout(draw, Math.max(0, wait))).unref();
  };
  const start = setTimeout(() => {
    started = true;
    draw();
  }, options.delayMs ?? PROGRESS_DELAY_MS);
  // The line never keeps the process alive.
  start.unref();

  return {
    set(next) {
      status = next;
      schedule();
    },
    interrupt() {
      if (stopped || drawn === undefined) return;
      write(ERASE_LINE);
      drawn = undefined;
      // Drawn again after the caller's own output, never before it.
      schedule(true);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(start);
      if (pending) clearTimeout(pending);
      if (drawn !== undefined) write(ERASE_LINE);
      drawn = undefined;
    },
  };
}
