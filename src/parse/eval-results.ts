/**
 * The Hub's evaluation-results files, read without trusting them:
 *
 * - `.eval_results/*.yaml` in a model repository: a list of results, each
 *   `{dataset: {id, task_id, revision?}, value, verifyToken?, date?,
 *   source?: {url, name?, user?, org?}, notes?}` (hub-docs `eval_results.yaml`
 *   and `docs/hub/eval-results.md`; huggingface_hub `_eval_results.py`);
 * - `eval.yaml` at the root of a benchmark dataset repository:
 *   `{name, description, evaluation_framework, tasks: [{id, config?, split?}]}`
 *   (hub-docs `docs/hub/eval-results.md`, "Eval.yaml specification"), with
 *   `evaluation_framework` one of `EVALUATION_FRAMEWORKS` (@huggingface/tasks
 *   `src/eval.ts`).
 *
 * The checks return problems at two levels: "error" for what the Hub's
 * specification calls required or validates at push, "warning" for what it
 * documents without saying the Hub refuses it. Rules report one level each.
 *
 * Hostile YAML: the document is walked node by node, never turned into data,
 * so an alias bomb costs one visit per node (every mapping is checked once,
 * however many aliases point at it). Duplicate keys are found with one Set
 * per mapping (the yaml library's own check is quadratic).
 */
import { EVALUATION_FRAMEWORKS } from "@huggingface/tasks";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import { closest } from "../core/suggest.js";
import { joinText, prose, quoted, text, trusted, type Text } from "../core/text.js";
import type { Fix } from "../core/types.js";
import { basename } from "./classify.js";
import { checkRepoId } from "./repo-id.js";

export type EvalLevel = "error" | "warning";

export interface EvalProblem {
  readonly level: EvalLevel;
  /** 1-based line of the file. */
  readonly line: number;
  readonly message: Text;
  readonly hint: Text;
  readonly title?: string;
  readonly fix?: Fix;
}

/** `.eval_results/<name>.yaml` (or `.yml`, which the Hub does not document) directly in that folder. */
const EVAL_RESULTS_PATH = /(^|\/)\.eval_results\/[^/]+\.ya?ml$/;

export function isEvalResultsPath(path: string): boolean {
  return EVAL_RESULTS_PATH.test(path);
}

/** A benchmark's configuration is `eval.yaml`, exactly, at the root of a dataset repository. */
export function isBenchmarkEvalPath(path: string): boolean {
  return basename(path) === "eval.yaml";
}

/** The evaluation frameworks the installed @huggingface/tasks knows, in its order. */
export const KNOWN_FRAMEWORKS: readonly string[] = Object.keys(EVALUATION_FRAMEWORKS);

// ---------------------------------------------------------------------------
// YAML, positioned

interface Parsed {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly source: string;
}

function parse(source: string): Parsed {
  // The yaml library knows CRLF and LF but not a lone CR: replace it one for one (offsets stay).
  const normalised = source.replace(/\r(?!\n)/g, "\n");
  const lineCounter = new LineCounter();
  const document = parseDocument(normalised, { lineCounter, uniqueKeys: false, prettyErrors: true, logLevel: "silent" });
  return { document, lineCounter, source: normalised };
}

/** One walk over a parsed file: problems in file order, each mapping visited once. */
class Walker {
  readonly problems: EvalProblem[] = [];
  private readonly visited = new Set<Node>();
  private aliasTargets: Map<Node, Node> | undefined;

  constructor(readonly parsed: Parsed) {}

  line(node: unknown, fallback = 1): number {
    const range = (node as Node | null | undefined)?.range;
    return range ? this.parsed.lineCounter.linePos(range[0]).line : fallback;
  }

  add(level: EvalLevel, line: number, message: Text, hint: Text, extra: { title?: string; fix?: Fix } = {}): void {
    this.problems.push({ level, line, message, hint, ...extra });
  }

  /**
   * The node an alias stands for (aliases of aliases do not exist in YAML).
   * Not the yaml library's `Alias.resolve`, which walks the whole document
   * for each alias (20,000 aliases took 50 seconds): one walk maps them all.
   */
  resolve(node: unknown): Node | null {
    if (!isAlias(node)) return (node as Node | null | undefined) ?? null;
    if (!this.aliasTargets) {
      const targets = new Map<Node, Node>();
      const anchors = new Map<string, Node>();
      visit(this.parsed.document, {
        Node: (_key, n) => {
          if (isAlias(n)) {
            const target = anchors.get(n.source);
            if (target) targets.set(n, target);
          } else if (n.anchor) {
            anchors.set(n.anchor, n);
          }
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(node) ?? null;
  }

  /** False when this node (reached again through an alias) was checked already. */
  firstVisit(node: Node | null): boolean {
    if (!node || isScalar(node)) return true;
    if (this.visited.has(node)) return false;
    this.visited.add(node);
    return true;
  }

  /** The pairs of a mapping by key (the first of each), reporting repeated keys. */
  pairs(map: YAMLMap, where: Text): Map<string, Pair> {
    const out = new Map<string, Pair>();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if (out.has(key)) {
        this.add(
          "error",
          this.line(pair.key),
          text`${where} has the key ${key} twice; YAML does not allow a key to repeat in one mapping.`,
          prose("Keep one of the two entries."),
          { title: "Repeated key in an evaluation file" },
        );
        continue;
      }
      out.set(key, pair);
    }
    return out;
  }

  /** The source text of a scalar as written. */
  sourceOf(node: Node): string {
    const range = node.range;
    return range ? this.parsed.source.slice(range[0], range[1]) : "";
  }

  /** A fix that replaces a one-line node's source with `replacement` on its line. */
  replaceFix(node: Node, replacement: string): Fix | undefined {
    const range = node.range;
    if (!range) return undefined;
    const src = this.parsed.source;
    const start = src.lastIndexOf("\n", range[0] - 1) + 1;
    let end = src.indexOf("\n", range[0]);
    if (end === -1) end = src.length;
    if (range[1] > end) return undefined;
    const lineText = src.slice(start, end).replace(/\r$/, "");
    const line = this.line(node);
    return { line, endLine: line, replacement: lineText.slice(0, range[0] - start) + replacement + lineText.slice(range[1] - start) };
  }
}

/** A value from the file as shown in a message: at most 80 characters. */
function clip(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}

function describe(node: Node | null): string {
  if (node === null) return "empty";
  if (isSeq(node)) return "a list";
  if (isMap(node)) return "a mapping";
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined || v === "") return "empty";
    if (typeof v === "boolean") return "true/false";
    if (typeof v === "number") return "a number";
    return "text";
  }
  return "a value";
}

function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && (node.value === null || node.value === undefined || String(node.value).trim() === ""));
}

/** The first syntax error of the file, as a problem; undefined when the YAML reads. */
function syntaxProblem(parsed: Parsed, what: string): EvalProblem | undefined {
  const error = parsed.document.errors[0];
  if (!error) return undefined;
  const first = (error.message.split("\n", 1)[0] ?? "").replace(/ at line \d+, column \d+:?$/, "").trim();
  // An error the parser finds only at the end of the input (an unclosed `[`) points past the text:
  // report it on the last line that has any, not on the empty line after the final line break.
  const lines = parsed.source.split(/\r\n|\r|\n/);
  let last = lines.length;
  while (last > 1 && (lines[last - 1] ?? "").trim() === "") last--;
  return {
    level: "error",
    line: Math.min(parsed.lineCounter.linePos(error.pos[0]).line, last),
    message: text`The ${what === "results" ? prose("evaluation results file") : prose("benchmark configuration")} is not valid YAML: ${quoted(first)}.`,
    hint: prose("Fix the YAML syntax; the Hub cannot read the file until it parses."),
    title: "Evaluation file is not valid YAML",
  };
}

// ---------------------------------------------------------------------------
// .eval_results/*.yaml

const RESULT_KEYS = ["dataset", "value", "verifyToken", "date", "source", "notes"] as const;
const DATASET_KEYS = ["id", "task_id", "revision"] as const;
const SOURCE_KEYS = ["url", "name", "user", "org"] as const;

/** Keys written in older drafts or confused with model-index, and what to do instead. */
const DATASET_KEY_ADVICE: Record<string, Text> = {
  config: prose(
    "The format has no `dataset.config`: `task_id` names the benchmark's task, and the benchmark's `eval.yaml` maps each task to a config and a split.",
  ),
  split: prose(
    "The format has no `dataset.split`: `task_id` names the benchmark's task, and the benchmark's `eval.yaml` maps each task to a config and a split.",
  ),
  name: prose("The format has no `dataset.name`: the Hub shows the benchmark dataset's own name."),
  type: prose("`dataset.type` is the model-index key; in `.eval_results` files the Hub dataset id goes in `dataset.id`."),
};

/** YAML 1.1 timestamps, as js-yaml (`type/timestamp.js`) resolves plain scalars: a date, or a date and time. */
const YAML11_DATE = /^\d{4}-\d{2}-\d{2}$/;
const YAML11_TIMESTAMP = /^\d{4}-\d\d?-\d\d?(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?$/;
/** ISO-8601 date or date-time, as the specification asks. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const HINT_SHAPE = prose(
  "Each result is a list item: `- dataset: {id: <benchmark dataset id>, task_id: <task>}` with a `value` under it, as in hub-docs `eval_results.yaml`.",
);
const HINT_REQUIRED = prose(
  "Give `dataset.id` (the benchmark's Hub dataset id), `dataset.task_id` (a task id from the benchmark's `eval.yaml`) and `value`.",
);

/**
 * The problems of one `.eval_results` file, in file order. `path` is the
 * file's path (its name is judged too).
 */
export function checkEvalResults(path: string, source: string): EvalProblem[] {
  const parsed = parse(source);
  const w = new Walker(parsed);
  if (!/\.yaml$/.test(path)) {
    w.add(
      "warning",
      1,
      text`The Hub documents evaluation results as ${".eval_results/*.yaml"} files; ${basename(path)} ends in ${".yml"}, which the documentation does not name.`,
      prose("Rename the file to end in `.yaml`."),
      { title: "Evaluation results file may not be read by the Hub" },
    );
  }
  const syntax = syntaxProblem(parsed, "results");
  if (syntax) return [...w.problems, syntax];

  const root = w.resolve(parsed.document.contents);
  if (isEmpty(root)) {
    w.add(
      "warning",
      1,
      prose("The evaluation results file is empty: it holds no result."),
      prose("Add at least one result, or remove the file."),
      { title: "Evaluation results file is empty" },
    );
    return w.problems;
  }
  if (!isSeq(root)) {
    const looksLikeOne = isMap(root) && root.items.some((p) => isScalar(p.key) && (p.key.value === "dataset" || p.key.value === "value"));
    w.add(
      "error",
      w.line(root),
      text`The file is ${trusted(describe(root))}, not a list of results.`,
      looksLikeOne ? prose("Make the result a list item: write `- dataset:` and indent the rest of the result under it.") : HINT_SHAPE,
      { title: "Evaluation results file is not a list" },
    );
    return w.problems;
  }
  root.items.forEach((item, i) => checkResult(w, w.resolve(item), i + 1, w.line(item, w.line(root))));
  return w.problems.sort((a, b) => a.line - b.line);
}

function checkResult(w: Walker, node: Node | null, n: number, itemLine: number): void {
  if (!w.firstVisit(node)) return;
  if (!isMap(node)) {
    w.add("error", itemLine, text`Result ${n} is ${trusted(describe(node))}, not a mapping with a ${"dataset"} and a ${"value"}.`, HINT_SHAPE, {
      title: "Evaluation result is malformed",
    });
    return;
  }
  const where = text`Result ${n}`;
  const pairs = w.pairs(node, where);
  const line = w.line(node, itemLine);
  const missing: string[] = [];

  const dataset = pairs.get("dataset");
  if (!dataset) missing.push("dataset");
  const value = pairs.get("value");
  if (!value) missing.push("value");
  if (missing.length > 0) {
    w.add(
      "error",
      line,
      missing.length === 2 ? text`Result ${n} has no ${"dataset"} and no ${"value"}.` : text`Result ${n} has no ${missing[0]}.`,
      HINT_REQUIRED,
      { title: "Evaluation result lacks a required field" },
    );
  }
  if (dataset) checkDataset(w, dataset, n);
  if (value) checkValue(w, value, n);

  for (const [key, pair] of pairs) {
    const v = w.resolve(pair.value);
    const keyLine = w.line(pair.key, line);
    if (key === "date") checkDate(w, pair, n);
    else if (key === "source") checkSource(w, pair, n);
    else if (key === "verifyToken" || key === "notes") {
      if (!isEmpty(v) && !(isScalar(v) && typeof v.value === "string")) {
        w.add("warning", keyLine, text`Result ${n}: ${key} is ${trusted(describe(v))}, not text.`, prose("Write it as a quoted string."), {
          title: "Evaluation result field has the wrong type",
        });
      }
    } else if (!(RESULT_KEYS as readonly string[]).includes(key)) {
      unknownKey(w, keyLine, where, key, RESULT_KEYS, undefined);
    }
  }
}

function unknownKey(w: Walker, line: number, where: Text, key: string, known: readonly string[], advice: Text | undefined): void {
  const suggestion = closest(key, known);
  w.add(
    "warning",
    line,
    suggestion
      ? text`${where}: ${key} is not a key of the evaluation results format; did you mean ${suggestion}?`
      : text`${where}: ${key} is not a key of the evaluation results format.`,
    advice ?? (suggestion ? text`Rename it to ${suggestion}.` : text`The keys documented here are ${joinCodes(known, "and")}; remove the key, or move what it says to ${"notes"}.`),
    { title: "Unknown key in an evaluation result" },
  );
}

function checkDataset(w: Walker, pair: Pair, n: number): void {
  const node = w.resolve(pair.value);
  const keyLine = w.line(pair.key);
  if (!isMap(node)) {
    const plainId = isScalar(node) && typeof node.value === "string" && node.value.includes("/");
    w.add(
      "error",
      keyLine,
      text`Result ${n}: ${"dataset"} is ${trusted(describe(node))}, not a mapping with an ${"id"} and a ${"task_id"}.`,
      plainId ? prose("Write the dataset as `dataset: {id: <dataset id>, task_id: <task>}`.") : HINT_REQUIRED,
      { title: "Evaluation result lacks a required field" },
    );
    return;
  }
  if (!w.firstVisit(node)) return;
  const where = text`Result ${n}: ${"dataset"}`;
  const pairs = w.pairs(node, where);
  const line = w.line(node, keyLine);
  const missing = (["id", "task_id"] as const).filter((k) => !pairs.has(k));
  if (missing.length > 0) {
    w.add(
      "error",
      line,
      missing.length === 2 ? text`Result ${n}: ${"dataset"} has no ${"id"} and no ${"task_id"}.` : text`Result ${n}: ${"dataset"} has no ${missing[0]}.`,
      missing.includes("task_id")
        ? prose("Add `task_id`: the id of a task defined in the benchmark's `eval.yaml` (hub-docs made it required in January 2026).")
        : HINT_REQUIRED,
      { title: "Evaluation result lacks a required field" },
    );
  }
  const id = pairs.get("id");
  if (id) {
    const v = w.resolve(id.value);
    const idLine = w.line(v ?? id.key, line);
    if (isEmpty(v)) {
      w.add("error", idLine, text`Result ${n}: ${"dataset.id"} is empty.`, HINT_REQUIRED, { title: "Evaluation result lacks a required field" });
    } else if (!isScalar(v)) {
      w.add("error", idLine, text`Result ${n}: ${"dataset.id"} is ${trusted(describe(v))}, not a dataset id.`, HINT_REQUIRED, {
        title: "Dataset id in evaluation results is not a Hub id",
      });
    } else {
      const value = String(v.value);
      const problem = checkRepoId(value, "dataset");
      if (problem) {
        w.add(
          "error",
          idLine,
          text`Result ${n}: ${"dataset.id"} ${clip(value)} is not a Hub dataset id: ${trusted(problem.reason)}.`,
          problem.suggestion ? text`Write the id ${problem.suggestion}.` : prose("Give the benchmark's Hub dataset id, `namespace/name` (for example `cais/hle`)."),
          {
            title: "Dataset id in evaluation results is not a Hub id",
            ...(problem.suggestion && isScalar(v) && v.type === "PLAIN" ? withFix(w.replaceFix(v, problem.suggestion)) : {}),
          },
        );
      } else if (typeof v.value !== "string") {
        w.add("warning", idLine, text`Result ${n}: ${"dataset.id"} is ${trusted(describe(v))}, not text.`, text`Quote it: ${`"${value}"`}.`, {
          title: "Evaluation result field has the wrong type",
        });
      }
    }
  }
  const task = pairs.get("task_id");
  if (task) {
    const v = w.resolve(task.value);
    const taskLine = w.line(v ?? task.key, line);
    if (isEmpty(v)) {
      w.add("error", taskLine, text`Result ${n}: ${"dataset.task_id"} is empty.`, HINT_REQUIRED, {
        title: "Evaluation result lacks a required field",
      });
    } else if (!isScalar(v)) {
      w.add("error", taskLine, text`Result ${n}: ${"dataset.task_id"} is ${trusted(describe(v))}, not a task id.`, HINT_REQUIRED, {
        title: "Evaluation result lacks a required field",
      });
    } else if (typeof v.value !== "string") {
      w.add(
        "warning",
        taskLine,
        text`Result ${n}: ${"dataset.task_id"} is ${trusted(describe(v))}, not text.`,
        text`Quote it as the benchmark's ${"eval.yaml"} writes the task id: ${`"${w.sourceOf(v)}"`}.`,
        { title: "Evaluation result field has the wrong type" },
      );
    }
  }
  const revision = pairs.get("revision");
  if (revision) {
    const v = w.resolve(revision.value);
    if (!isEmpty(v) && !(isScalar(v) && typeof v.value === "string")) {
      w.add(
        "warning",
        w.line(v ?? revision.key, line),
        text`Result ${n}: ${"dataset.revision"} is ${trusted(describe(v))}, not text; a commit hash read as a number loses its leading zeros.`,
        prose("Quote the revision hash."),
        { title: "Evaluation result field has the wrong type" },
      );
    }
  }
  for (const [key, p] of pairs) {
    if ((DATASET_KEYS as readonly string[]).includes(key)) continue;
    unknownKey(w, w.line(p.key, line), where, key, DATASET_KEYS, DATASET_KEY_ADVICE[key]);
  }
}

function withFix(fix: Fix | undefined): { fix?: Fix } {
  return fix ? { fix } : {};
}

function checkValue(w: Walker, pair: Pair, n: number): void {
  const v = w.resolve(pair.value);
  const line = w.line(v ?? pair.key, w.line(pair.key));
  if (isEmpty(v)) {
    w.add("error", line, text`Result ${n}: ${"value"} is empty.`, prose("Give the metric value, a number such as `20.9`."), {
      title: "Evaluation result lacks a required field",
    });
    return;
  }
  if (isScalar(v) && typeof v.value === "number") {
    if (!Number.isFinite(v.value)) {
      w.add("warning", line, text`Result ${n}: ${"value"} is ${clip(w.sourceOf(v))}, not a finite number.`, prose("Give the metric value as a finite number."), {
        title: "Evaluation result value is not a number",
      });
    }
    return;
  }
  if (isScalar(v) && typeof v.value === "string") {
    const raw = v.value.trim();
    const numeric = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(raw);
    const percent = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*%$/.exec(raw);
    const replacement = numeric ? raw : percent?.[1];
    w.add(
      "warning",
      line,
      text`Result ${n}: ${"value"} is text (${clip(raw)}), not a number; the specification and huggingface_hub's examples give a number, and Cardinal cannot tell how the Hub ranks text.`,
      replacement !== undefined
        ? text`Write the number without quotes${percent ? prose(" or percent sign") : prose("")}: ${`value: ${replacement}`}.`
        : prose("Give the metric value as a number; put details such as a confidence interval in `notes`."),
      {
        title: "Evaluation result value is not a number",
        ...(replacement !== undefined ? withFix(w.replaceFix(v, replacement)) : {}),
      },
    );
    return;
  }
  w.add("warning", line, text`Result ${n}: ${"value"} is ${trusted(describe(v))}, not a number.`, prose("Give one metric value per result, as a number."), {
    title: "Evaluation result value is not a number",
  });
}

function checkDate(w: Walker, pair: Pair, n: number): void {
  const v = w.resolve(pair.value);
  if (isEmpty(v)) return;
  const line = w.line(v ?? pair.key);
  if (!isScalar(v)) {
    w.add("warning", line, text`Result ${n}: ${"date"} is ${trusted(describe(v))}, not a date.`, prose('Write the date as a quoted ISO-8601 string: `date: "2025-01-15"`.'), {
      title: "Evaluation date is not a quoted ISO-8601 string",
    });
    return;
  }
  const raw = w.sourceOf(v);
  const plain = v.type === "PLAIN" || v.type === undefined;
  if (plain && (YAML11_DATE.test(raw) || YAML11_TIMESTAMP.test(raw))) {
    w.add(
      "warning",
      line,
      text`Result ${n}: ${"date"} ${clip(raw)} is not quoted; YAML parsers that follow YAML 1.1 (js-yaml, PyYAML) read it as a timestamp, not as the string the specification asks for.`,
      text`Quote it: ${`date: "${raw}"`}.`,
      { title: "Evaluation date is not a quoted ISO-8601 string", ...withFix(w.replaceFix(v, `"${raw}"`)) },
    );
    return;
  }
  if (typeof v.value !== "string") {
    w.add(
      "warning",
      line,
      text`Result ${n}: ${"date"} is ${trusted(describe(v))} (${clip(raw)}), not an ISO-8601 date.`,
      prose('Write the date as a quoted ISO-8601 string: `date: "2025-01-15"` or `date: "2025-01-15T10:30:00Z"`.'),
      { title: "Evaluation date is not a quoted ISO-8601 string" },
    );
    return;
  }
  if (!ISO_8601.test(v.value.trim())) {
    w.add(
      "warning",
      line,
      text`Result ${n}: ${"date"} ${clip(v.value)} is not an ISO-8601 date or date-time.`,
      prose('Write the date as `"2025-01-15"` or `"2025-01-15T10:30:00Z"`.'),
      { title: "Evaluation date is not a quoted ISO-8601 string" },
    );
  }
}

function checkSource(w: Walker, pair: Pair, n: number): void {
  const node = w.resolve(pair.value);
  const keyLine = w.line(pair.key);
  if (isEmpty(node)) return;
  if (!isMap(node)) {
    const isUrl = isScalar(node) && typeof node.value === "string" && /^https?:\/\//i.test(node.value.trim());
    w.add(
      "error",
      keyLine,
      text`Result ${n}: ${"source"} is ${trusted(describe(node))}, not a mapping with a ${"url"}.`,
      isUrl ? prose("Write the address under `url`: `source: {url: https://…, name: …}`.") : prose("Give `source.url`, a link to the evaluation's logs or paper, or remove `source`."),
      { title: "Evaluation result source has no url" },
    );
    return;
  }
  if (!w.firstVisit(node)) return;
  const where = text`Result ${n}: ${"source"}`;
  const pairs = w.pairs(node, where);
  const url = pairs.get("url");
  const urlNode = url ? w.resolve(url.value) : null;
  if (!url || isEmpty(urlNode)) {
    w.add(
      "error",
      url ? w.line(url.key) : w.line(node, keyLine),
      text`Result ${n}: ${"source"} has no ${"url"}; the specification requires it when ${"source"} is given.`,
      prose("Give `source.url`, a link to the evaluation's logs or paper, or remove `source`."),
      { title: "Evaluation result source has no url" },
    );
  } else if (!(isScalar(urlNode) && typeof urlNode.value === "string" && /^https?:\/\/\S+$/i.test(urlNode.value.trim()))) {
    w.add(
      "warning",
      w.line(urlNode ?? url.key),
      isScalar(urlNode) ? text`Result ${n}: ${"source.url"} ${clip(String(urlNode.value))} is not a web address.` : text`Result ${n}: ${"source.url"} is ${trusted(describe(urlNode))}, not a web address.`,
      prose("Give a full `https://` link to the evaluation's logs, paper or page."),
      { title: "Evaluation result source url is not a link" },
    );
  }
  for (const [key, p] of pairs) {
    if ((SOURCE_KEYS as readonly string[]).includes(key)) continue;
    unknownKey(w, w.line(p.key, keyLine), where, key, SOURCE_KEYS, undefined);
  }
}

// ---------------------------------------------------------------------------
// Benchmark eval.yaml

/** Whether an `eval.yaml` is a benchmark's configuration: it names an evaluation framework at the top level. */
export function namesFramework(source: string): boolean {
  return /^evaluation_framework[ \t]*:/m.test(source) || /^["']evaluation_framework["'][ \t]*:/m.test(source);
}

const HINT_BENCHMARK = prose(
  "A benchmark's `eval.yaml` has `name`, `description`, `evaluation_framework` and a `tasks` list whose items each have an `id` (hub-docs `docs/hub/eval-results.md`).",
);

/** Case, spaces and `_` aside, the known framework a value spells; undefined when none. */
function normalisedFramework(value: string): string | undefined {
  const key = value.trim().toLowerCase().replace(/[\s_]+/g, "-");
  return KNOWN_FRAMEWORKS.find((f) => f === key);
}

/** The problems of a benchmark `eval.yaml`, in file order. */
export function checkBenchmarkEval(source: string): EvalProblem[] {
  const parsed = parse(source);
  const w = new Walker(parsed);
  const syntax = syntaxProblem(parsed, "benchmark");
  if (syntax) return [syntax];
  const root = w.resolve(parsed.document.contents);
  if (!isMap(root)) {
    w.add("error", w.line(root), text`The benchmark configuration is ${trusted(describe(root))}, not a mapping.`, HINT_BENCHMARK, {
      title: "Benchmark eval.yaml is malformed",
    });
    return w.problems;
  }
  w.firstVisit(root);
  const pairs = w.pairs(root, prose("The benchmark configuration"));
  const missing = (["name", "description", "evaluation_framework", "tasks"] as const).filter((k) => !pairs.has(k) || isEmpty(w.resolve(pairs.get(k)?.value)));
  if (missing.length > 0) {
    w.add(
      "error",
      w.line(root),
      text`The benchmark configuration has no ${joinCodes(missing)}.`,
      HINT_BENCHMARK,
      { title: "Benchmark eval.yaml lacks a required field" },
    );
  }
  for (const key of ["name", "description"] as const) {
    const pair = pairs.get(key);
    const v = pair ? w.resolve(pair.value) : null;
    if (pair && !isEmpty(v) && !(isScalar(v) && typeof v.value === "string")) {
      w.add("warning", w.line(v ?? pair.key), text`${key} is ${trusted(describe(v))}, not text.`, prose("Write it as text; quote it if it looks like a number or a date."), {
        title: "Benchmark eval.yaml field has the wrong type",
      });
    }
  }
  const framework = pairs.get("evaluation_framework");
  const frameworkNode = framework ? w.resolve(framework.value) : null;
  let frameworkId: string | undefined;
  if (framework && !isEmpty(frameworkNode)) frameworkId = checkFramework(w, framework, frameworkNode);

  const tasks = pairs.get("tasks");
  const tasksNode = tasks ? w.resolve(tasks.value) : null;
  if (tasks && !isEmpty(tasksNode)) {
    if (!isSeq(tasksNode)) {
      w.add("error", w.line(tasks.key), text`${"tasks"} is ${trusted(describe(tasksNode))}, not a list.`, prose("Write each task as a list item: `- id: <task id>`."), {
        title: "Benchmark eval.yaml is malformed",
      });
    } else {
      if (tasksNode.items.length === 0) {
        w.add("warning", w.line(tasks.key), text`${"tasks"} is an empty list: the benchmark defines no leaderboard.`, prose("Add a task: `- id: <task id>`."), {
          title: "Benchmark eval.yaml defines no task",
        });
      }
      const seen = new Map<string, number>();
      // Inspect fields at the top level are taken as given for every task (hub-docs' example puts them in each task).
      const shared = new Set([...pairs.keys()].filter((k) => (INSPECT_FIELDS as readonly string[]).includes(k) || k === "scores"));
      tasksNode.items.forEach((item, i) => checkTask(w, w.resolve(item), i + 1, w.line(item, w.line(tasks.key)), seen, frameworkId, shared));
    }
  }
  return w.problems.sort((a, b) => a.line - b.line);
}

/** "`a`", "`a` or `b`", "`a`, `b` or `c`" (with "and" when asked). */
function joinCodes(keys: readonly string[], conjunction: "and" | "or" = "or"): Text {
  const parts = keys.map((k) => text`${k}`);
  const last = parts.pop() ?? [];
  if (parts.length === 0) return last;
  return [...joinText(parts, ", "), ...(conjunction === "and" ? prose(" and ") : prose(" or ")), ...last];
}

function checkFramework(w: Walker, pair: Pair, node: Node | null): string | undefined {
  const line = w.line(node ?? pair.key);
  if (!isScalar(node)) {
    w.add(
      "error",
      line,
      text`${"evaluation_framework"} is ${trusted(describe(node))}; the Hub supports exactly one framework per benchmark.`,
      prose("Give one framework id, such as `inspect-ai`."),
      { title: "Benchmark evaluation framework is not one the Hub knows" },
    );
    return undefined;
  }
  const value = String(node.value);
  if (KNOWN_FRAMEWORKS.includes(value)) return value;
  const near = normalisedFramework(value);
  if (near) {
    w.add(
      "error",
      line,
      text`${"evaluation_framework"} ${clip(value)} is not an evaluation framework the Hub knows; the id is written ${near}.`,
      text`Write ${`evaluation_framework: ${near}`}.`,
      { title: "Benchmark evaluation framework is not one the Hub knows", ...withFix(w.replaceFix(node, near)) },
    );
    return near;
  }
  const typo = closest(value, KNOWN_FRAMEWORKS);
  w.add(
    "warning",
    line,
    text`${"evaluation_framework"} ${clip(value)}${typo ? text` (did you mean ${typo}?)` : prose("")} is not in the list of evaluation frameworks Cardinal knows (from ${"@huggingface/tasks"}); the Hub validates the file at push and accepts only the frameworks of its own list, which may be newer.`,
    prose(
      "Use a framework id from `EVALUATION_FRAMEWORKS` in huggingface.js `packages/tasks/src/eval.ts` (such as `inspect-ai`), or add yours to that list first; if it is there already, Cardinal's copy is older than the Hub's.",
    ),
    { title: "Benchmark evaluation framework is not one Cardinal knows" },
  );
  return undefined;
}

const INSPECT_FIELDS = ["field_spec", "solvers", "scorers"] as const;

function checkTask(
  w: Walker,
  node: Node | null,
  n: number,
  itemLine: number,
  seen: Map<string, number>,
  framework: string | undefined,
  shared: ReadonlySet<string>,
): void {
  if (!w.firstVisit(node)) return;
  if (!isMap(node)) {
    const bare = isScalar(node) && !isEmpty(node);
    w.add(
      "error",
      itemLine,
      text`Task ${n} is ${trusted(describe(node))}, not a mapping with an ${"id"}.`,
      bare ? text`Write the task as ${`- id: ${w.sourceOf(node)}`}.` : prose("Write each task as a list item: `- id: <task id>`."),
      { title: "Benchmark eval.yaml is malformed", ...(bare && isScalar(node) ? withFix(w.replaceFix(node, `id: ${w.sourceOf(node)}`)) : {}) },
    );
    return;
  }
  const where = text`Task ${n}`;
  const pairs = w.pairs(node, where);
  const line = w.line(node, itemLine);
  const id = pairs.get("id");
  const idNode = id ? w.resolve(id.value) : null;
  if (!id || isEmpty(idNode)) {
    w.add("error", id ? w.line(id.key) : line, text`Task ${n} has no ${"id"}.`, prose("Give each task a unique `id`; model repositories name it in `task_id`."), {
      title: "Benchmark eval.yaml lacks a required field",
    });
  } else if (!isScalar(idNode)) {
    w.add("error", w.line(idNode), text`Task ${n}: ${"id"} is ${trusted(describe(idNode))}, not a task id.`, prose("Give each task a unique `id`."), {
      title: "Benchmark eval.yaml is malformed",
    });
  } else {
    const value = String(idNode.value);
    const first = seen.get(value);
    if (first !== undefined) {
      w.add(
        "error",
        w.line(idNode),
        text`Task ${n} repeats the id ${clip(value)} of task ${first}; each task's id must be unique.`,
        prose("Give each task its own `id`: each one is a leaderboard."),
        { title: "Benchmark task id is not unique" },
      );
    } else {
      seen.set(value, n);
    }
    if (typeof idNode.value !== "string") {
      w.add("warning", w.line(idNode), text`Task ${n}: ${"id"} is ${trusted(describe(idNode))}, not text.`, text`Quote it: ${`id: "${w.sourceOf(idNode)}"`}.`, {
        title: "Benchmark eval.yaml field has the wrong type",
      });
    }
  }
  for (const key of ["config", "split"] as const) {
    const pair = pairs.get(key);
    const v = pair ? w.resolve(pair.value) : null;
    if (pair && !isEmpty(v) && !(isScalar(v) && typeof v.value === "string")) {
      w.add("warning", w.line(v ?? pair.key), text`Task ${n}: ${key} is ${trusted(describe(v))}, not text.`, prose("Give the dataset config or split name as text."), {
        title: "Benchmark eval.yaml field has the wrong type",
      });
    }
  }
  if (framework === "inspect-ai") {
    const has = (k: string) => pairs.has(k) || shared.has(k);
    const lacking = INSPECT_FIELDS.filter((k) => !(has(k) || (k === "scorers" && has("scores"))));
    if (lacking.length > 0) {
      w.add(
        "warning",
        line,
        text`Task ${n} has no ${joinCodes(lacking)}; hub-docs says that with ${"evaluation_framework: inspect-ai"} these fields are required too.`,
        prose(
          "Add them to the task as in the HLE example of hub-docs `docs/hub/eval-results.md`: `field_spec` (`input`, `target`, …), a `solvers` list and a `scorers` list.",
        ),
        { title: "Inspect AI benchmark task is incomplete" },
      );
    }
  }
}

// ---------------------------------------------------------------------------
// Files of a review, checked once for both rules that report on them

interface ReviewedFile {
  readonly path: string;
  readonly status: string;
  readonly content: { readonly type: string; readonly text?: string };
}

const checked = new WeakMap<object, EvalProblem[]>();

function textOf(file: ReviewedFile): string | undefined {
  if (file.status === "removed" || file.content.type !== "text") return undefined;
  return typeof file.content.text === "string" ? file.content.text : undefined;
}

/** The problems of a `.eval_results` file of the review, or undefined when it has no text to check. */
export function evalResultsProblems(file: ReviewedFile): readonly EvalProblem[] | undefined {
  const source = textOf(file);
  if (source === undefined) return undefined;
  let problems = checked.get(file);
  if (!problems) {
    problems = checkEvalResults(file.path, source);
    checked.set(file, problems);
  }
  return problems;
}

/**
 * The problems of an `eval.yaml` of the review, or undefined when it is not
 * a benchmark's configuration: it neither names an `evaluation_framework`
 * nor sits beside a dataset card (a training or CI `eval.yaml` of a code
 * repository is none of Cardinal's business).
 */
export function benchmarkEvalProblems(file: ReviewedFile, besideDatasetCard: boolean): readonly EvalProblem[] | undefined {
  const source = textOf(file);
  if (source === undefined || !(besideDatasetCard || namesFramework(source))) return undefined;
  let problems = checked.get(file);
  if (!problems) {
    problems = checkBenchmarkEval(source);
    checked.set(file, problems);
  }
  return problems;
}
