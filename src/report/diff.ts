/**
 * Unified diffs of what `cardinal check --fix-dry-run` would change, in the
 * format of `diff -u` and `git diff` (headers `--- a/…` and `+++ b/…`, hunks
 * with 3 lines of context). Pure.
 */

/** Lines of context around each change. */
export const DIFF_CONTEXT = 3;

/** A text's lines, each with its line break (CRLF, CR or LF; the last may have none). */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */ || ch === 10 /* \n */) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

type Op = { readonly kind: " " | "-" | "+"; readonly line: string };

/**
 * The shortest edit script from `a` to `b` (Myers' O((N+M)·D) algorithm),
 * after trimming the common start and end: fixes change a few lines of a
 * long file, so D stays small and the work close to linear.
 */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x0 = a.slice(head, a.length - tail);
  const y0 = b.slice(head, b.length - tail);
  const middle = myers(x0, y0);
  return [
    ...a.slice(0, head).map((line) => ({ kind: " " as const, line })),
    ...middle,
    ...a.slice(a.length - tail).map((line) => ({ kind: " " as const, line })),
  ];
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ kind: "+", line }));
  if (m === 0) return a.map((line) => ({ kind: "-", line }));
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] as it was before step d.
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)) ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const snap = trace[d]!;
    const at = (k: number) => snap[k + d] ?? 0;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: " ", line: a[x - 1]! });
      x--;
      y--;
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: "+", line: b[prevY]! });
    else ops.push({ kind: "-", line: a[prevX]! });
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/** Characters that would act on a terminal (all controls but the tab, bidi controls), shown as escapes. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be shown
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(value: string): string {
  return value.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

function body(line: string): { text: string; ended: boolean } {
  const text = line.replace(/\r\n$|\r$|\n$/, "");
  return { text, ended: text.length < line.length };
}

function range(start: number, count: number): string {
  // As diff -u: an empty range names the line before it.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/**
 * A unified diff of one file, or "" when the texts are equal. Lines keep
 * their content; a line without a final line break is followed by
 * `\ No newline at end of file`. Control characters in the file (and in
 * the path) are shown as escapes, so the diff cannot act on a terminal.
 */
export function unifiedDiff(path: string, before: string, after: string, context = DIFF_CONTEXT): string {
  if (before === after) return "";
  const ops = diffLines(splitLines(before), splitLines(after));
  const changes = ops.map((op, i) => (op.kind === " " ? -1 : i)).filter((i) => i >= 0);
  // Hunks: runs of changes whose context would touch or overlap.
  const hunks: { from: number; to: number }[] = [];
  for (const i of changes) {
    const last = hunks.at(-1);
    if (last && i - last.to <= 2 * context + 1) last.to = i;
    else hunks.push({ from: i, to: i });
  }
  const name = visible(path);
  const out = [`--- a/${name}`, `+++ b/${name}`];
  // Line counts of each side before every op.
  const aBefore: number[] = [];
  const bBefore: number[] = [];
  let aCount = 0;
  let bCount = 0;
  for (const op of ops) {
    aBefore.push(aCount);
    bBefore.push(bCount);
    if (op.kind !== "+") aCount++;
    if (op.kind !== "-") bCount++;
  }
  for (const hunk of hunks) {
    const from = Math.max(0, hunk.from - context);
    const to = Math.min(ops.length - 1, hunk.to + context);
    const slice = ops.slice(from, to + 1);
    const aLen = slice.filter((op) => op.kind !== "+").length;
    const bLen = slice.filter((op) => op.kind !== "-").length;
    out.push(`@@ -${range(aBefore[from] ?? 0, aLen)} +${range(bBefore[from] ?? 0, bLen)} @@`);
    for (const op of slice) {
      const { text, ended } = body(op.line);
      out.push(`${op.kind}${visible(text)}`);
      if (!ended) out.push("\\ No newline at end of file");
    }
  }
  return `${out.join("\n")}\n`;
}
