/**
 * Line arithmetic over a whole file. A line break is CRLF, a lone CR or LF,
 * as in the Hub's own front-matter regex, so line numbers agree with what
 * GitHub shows for files with any line ending.
 */
export class LineIndex {
  /** Offsets at which each line starts; `starts[0]` is 0. */
  private readonly starts: number[] = [0];

  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) {
      const ch = source.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (source.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of a character offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }

  /** Offset of the first character of a 1-based line. */
  offsetOf(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1] ?? 0;
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    if (line < 1 || line > this.starts.length) return "";
    const start = this.starts[line - 1] ?? 0;
    const next = this.starts[line];
    const raw = next === undefined ? this.source.slice(start) : this.source.slice(start, next);
    return raw.replace(/\r?\n$|\r$/, "");
  }
}

/** Counts line breaks (CRLF, CR or LF) in a string. */
export function countLineBreaks(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (ch === 13) {
      if (value.charCodeAt(i + 1) === 10) i++;
      count++;
    } else if (ch === 10) {
      count++;
    }
  }
  return count;
}
