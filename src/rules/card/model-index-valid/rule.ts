import { PIPELINE_DATA, PIPELINE_TYPES, type PipelineData } from "@huggingface/tasks";
import { isMap, isScalar, isSeq, type Node } from "yaml";
import { defineRule } from "../../../core/rule.js";
import { closest } from "../../../core/suggest.js";
import { joinText, prose, text, type Text, trusted } from "../../../core/text.js";
import type { Fix } from "../../../core/types.js";
import type { Card } from "../../../parse/card.js";
import { deref, describeType, entry, field, items, lineFix, type Entry, type Located } from "../../../parse/metadata.js";

/** The task types of MTEB's tasks (mteb's `AbsTask*` classes), as its published result cards write them. */
const MTEB_TASK_TYPES: ReadonlySet<string> = new Set([
  "BitextMining",
  "Classification",
  "MultilabelClassification",
  "Clustering",
  "PairClassification",
  "Reranking",
  "Retrieval",
  "InstructionRetrieval",
  "InstructionReranking",
  "STS",
  "Summarization",
  "Speed",
]);
import { checkRepoId } from "../../../parse/repo-id.js";

const TASK_TYPES: ReadonlySet<string> = new Set(PIPELINE_TYPES);

/** Subtask id → the pipeline type it belongs to (`text2text-generation` → `text-generation`). */
const SUBTASK_PARENT: ReadonlyMap<string, string> = (() => {
  const parents = new Map<string, string>();
  for (const type of PIPELINE_TYPES) {
    const data: PipelineData = PIPELINE_DATA[type];
    for (const subtask of data.subtasks ?? []) {
      if (!parents.has(subtask.type)) parents.set(subtask.type, type);
    }
  }
  return parents;
})();

export interface Problem {
  readonly line: number;
  readonly message: Text;
  readonly hint: Text;
  readonly title?: string;
  /**
   * A value the spec asks for but the Hub takes today (a task type outside
   * @huggingface/tasks, a metric value written as text): card/model-index-values
   * reports these as notices; card/model-index-valid reports the rest.
   */
  readonly value?: true;
  readonly fix?: Fix;
}

const HINT_MODEL = prose(
  "Each entry of `model-index` is a mapping with the model's `name` and a `results` list: `- name: my-model` then `results:` indented under it.",
);
const HINT_RESULT = prose(
  "Each result needs a `task` with a `type`, a `dataset` with a `type` (its Hub id) and a `name`, and a `metrics` list.",
);
const HINT_METRIC = prose(
  "Each metric needs a `type` (a metric id such as `accuracy`) and a `value` (a number, or text such as `20.0 ± 1.2`).",
);
const HINT_SOURCE = prose("Give the `url` of the page the result comes from (a leaderboard, a paper), or remove `source`.");
const HINT_VERIFIED = prose(
  "Remove `verified: true`, or set it to `false`: only the Hub's evaluation service marks a result as verified, and it adds a `verifyToken` when it does.",
);

/** The line a finding about this node points at: a key's own line for a mapping entry. */
function lineOf(located: Located | Entry): number {
  return "keyLine" in located ? located.keyLine : located.line;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** "has no `a`", "has no `a` and no `b`", "has no `a`, no `b` and no `c`". */
function hasNo(keys: readonly string[]): Text {
  const parts = keys.map((k) => text`no ${k}`);
  const last = parts.pop() ?? [];
  return parts.length === 0 ? text`has ${last}` : text`has ${joinText(parts, ", ")} and ${last}`;
}

const cache = new WeakMap<Card, readonly Problem[]>();

/** The problems of a card's `model-index`, worked out once for both model-index rules. */
export function modelIndexProblems(card: Card): readonly Problem[] {
  let problems = cache.get(card);
  if (!problems) {
    problems = checkModelIndex(card);
    cache.set(card, problems);
  }
  return problems;
}

/** A number written as text: `"25.59"`, `25.59%`, `'0.91 '`. */
const NUMBER_AS_TEXT = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?) ?(%?)$/;

/** Checks the `model-index` of one card and returns its problems in file order. */
function checkModelIndex(card: Card): Problem[] {
  const problems: Problem[] = [];
  const visited = new Set<Node>();
  const add = (line: number, message: Text, hint: Text, title?: string) =>
    problems.push({ line, message, hint, ...(title ? { title } : {}) });
  const addValue = (line: number, message: Text, hint: Text, title: string, fix?: Fix) =>
    problems.push({ line, message, hint, title, value: true, ...(fix ? { fix } : {}) });

  /** False when a node reused through an alias was already checked (its problems are reported once). */
  const firstVisit = (located: Located): boolean => {
    const node = located.node;
    if (!node || isScalar(node)) return true;
    if (visited.has(node)) return false;
    visited.add(node);
    return true;
  };

  /**
   * The required fields of a mapping: missing keys are reported together at
   * the mapping's line, empty scalar values at their own line.
   */
  const required = (parent: Located, path: string, keys: readonly string[], hint: Text, scalars: readonly string[]) => {
    const found = new Map<string, Entry>();
    const missing: string[] = [];
    for (const key of keys) {
      const e = field(card, parent, key);
      if (e) found.set(key, e);
      else missing.push(key);
    }
    if (missing.length > 0) add(lineOf(parent), text`${trusted(path)} ${hasNo(missing)}.`, hint);
    for (const key of scalars) {
      const e = found.get(key);
      if (!e) continue;
      const value = deref(card, e).value;
      if (isEmpty(value)) {
        add(e.keyLine, text`${prose(`${path}.${key}`)} is empty.`, hint);
        found.delete(key);
      } else if (typeof value === "object") {
        add(e.keyLine, text`${prose(`${path}.${key}`)} is ${trusted(describeType(value))}, not a single value.`, hint);
        found.delete(key);
      }
    }
    return found;
  };

  /** Reports a value that is not a mapping; true when it is one. */
  const expectMapping = (located: Located, path: string, wanted: Text, hint: Text): boolean => {
    if (isMap(located.node)) return true;
    add(lineOf(located), text`${trusted(path)} is ${trusted(describeType(located.value))}, not ${wanted}.`, hint);
    return false;
  };

  const expectList = (located: Located, path: string, hint: Text): boolean => {
    if (isSeq(located.node)) return true;
    add(lineOf(located), text`${trusted(path)} is ${trusted(describeType(located.value))}, not a list.`, hint);
    return false;
  };

  const checkTaskType = (type: Entry, path: string) => {
    const value = String(deref(card, type).value);
    if (TASK_TYPES.has(value)) return;
    const title = "Task type in model-index is not a Hub task id";
    // What is known: hub-docs' modelcard.md asks for a task id, yet the Hub shows
    // results with other types (MTEB's `Classification`, `STS`, `Retrieval` on
    // hundreds of published cards). Say so, and let the author decide.
    const known = prose(
      "The model card spec (hub-docs `modelcard.md`) asks for a task id from https://huggingface.co/tasks, yet the Hub takes other types today: published MTEB cards use `Classification`, `STS`, `Retrieval`. Tools that group results by task will not find these under a Hub task.",
    );
    const parent = SUBTASK_PARENT.get(value);
    if (parent) {
      addValue(type.line, text`${trusted(path)} ${value} is a subtask of ${parent}, not a task type. ${known}`, text`Use ${parent} as the task type if the results belong to that task.`, title);
      return;
    }
    // MTEB's own task types (`Summarization` scores embeddings of summaries; it is not the Hub's
    // `summarization` task): no Hub id is offered for them.
    const suggestion = MTEB_TASK_TYPES.has(value) ? undefined : closest(value, PIPELINE_TYPES);
    addValue(
      type.line,
      suggestion
        ? text`${trusted(path)} ${value} is not a task id of ${"@huggingface/tasks"}; did you mean ${suggestion}? ${known}`
        : text`${trusted(path)} ${value} is not a task id of ${"@huggingface/tasks"}. ${known}`,
      suggestion
        ? text`If the results belong to that task, write ${suggestion}.`
        : prose("If the results belong to a Hub task, use its id, such as `text-classification` or `automatic-speech-recognition`."),
      title,
    );
  };

  const checkDatasetType = (type: Entry, path: string) => {
    const value = String(deref(card, type).value);
    const problem = checkRepoId(value, "dataset");
    if (!problem) return;
    add(
      type.line,
      text`${trusted(path)} ${value} is not a Hub dataset id: ${trusted(problem.reason)}.`,
      problem.suggestion
        ? text`Write the id ${problem.suggestion}; put a readable name in ${"dataset.name"}.`
        : text`Give the dataset's Hub id (${"namespace/name"}, for example ${"nyu-mll/glue"}) and put a readable name in ${"dataset.name"}.`,
      "Dataset id in model-index is not a Hub id",
    );
  };

  const checkMetric = (metric: Located, path: string) => {
    if (!firstVisit(metric)) return;
    if (!expectMapping(metric, path, text`a mapping with a ${"type"} and a ${"value"}`, HINT_METRIC)) return;
    const parts = required(metric, path, ["type", "value"], HINT_METRIC, ["type", "value"]);
    const value = parts.get("value");
    const raw = value ? deref(card, value).value : undefined;
    const number = typeof raw === "string" ? NUMBER_AS_TEXT.exec(raw.trim()) : null;
    if (value && number) {
      const [, digits = "", percent] = number;
      const quoted = card.lines.lineText(value.line).includes(`"${raw as string}"`) ? `"${raw as string}"` : card.lines.lineText(value.line).includes(`'${raw as string}'`) ? `'${raw as string}'` : undefined;
      // Only quotes around a plain number have a certain fix; a percentage's scale is the author's call.
      const fix = !percent && quoted ? lineFix(card, value.line, quoted, digits) : undefined;
      addValue(
        value.keyLine,
        text`${trusted(`${path}.value`)} is the text ${raw as string}, not a number. The Hub shows it as written, but leaderboards and tools that compare models read numbers.`,
        percent
          ? text`Write the number without ${"%"} (${digits}, or ${"0."}… if the metric is a fraction), and say in the metric's ${"name"} that it is a percentage.`
          : text`Write ${digits} without quotes.`,
        "Metric value in model-index is text, not a number",
        fix,
      );
    }
    const verified = field(card, metric, "verified");
    if (verified && deref(card, verified).value === true) {
      const token = field(card, metric, "verifyToken");
      if (!token || isEmpty(deref(card, token).value)) {
        add(
          verified.keyLine,
          text`${trusted(path)} is marked ${"verified: true"} but has no ${"verifyToken"}: the Hub did not verify it.`,
          HINT_VERIFIED,
          "Evaluation result marked as verified by hand",
        );
      }
    }
  };

  const checkResult = (result: Located, path: string) => {
    if (!firstVisit(result)) return;
    if (!expectMapping(result, path, text`a mapping with ${"task"}, ${"dataset"} and ${"metrics"}`, HINT_RESULT)) return;
    const found = required(result, path, ["task", "dataset", "metrics"], HINT_RESULT, []);

    const task = found.get("task");
    if (task) {
      const node = deref(card, task);
      if (firstVisit(node) && expectMapping(node, `${path}.task`, text`a mapping with a ${"type"}`, HINT_RESULT)) {
        const type = required(node, `${path}.task`, ["type"], HINT_RESULT, ["type"]).get("type");
        if (type) checkTaskType(type, `${path}.task.type`);
      }
    }

    const dataset = found.get("dataset");
    if (dataset) {
      const node = deref(card, dataset);
      if (firstVisit(node) && expectMapping(node, `${path}.dataset`, text`a mapping with a ${"type"} and a ${"name"}`, HINT_RESULT)) {
        const parts = required(node, `${path}.dataset`, ["type", "name"], HINT_RESULT, ["type", "name"]);
        const type = parts.get("type");
        if (type) checkDatasetType(type, `${path}.dataset.type`);
      }
    }

    const metrics = found.get("metrics");
    if (metrics) {
      const node = deref(card, metrics);
      if (firstVisit(node) && expectList(node, `${path}.metrics`, HINT_METRIC)) {
        items(card, node).forEach((metric, i) => checkMetric(deref(card, metric), `${path}.metrics[${i}]`));
      }
    }

    const source = field(card, result, "source");
    if (source) {
      const node = deref(card, source);
      if (firstVisit(node) && expectMapping(node, `${path}.source`, text`a mapping with a ${"url"}`, HINT_SOURCE)) {
        required(node, `${path}.source`, ["url"], HINT_SOURCE, ["url"]);
      }
    }
  };

  const checkModel = (model: Located, path: string) => {
    if (!firstVisit(model)) return;
    if (!expectMapping(model, path, text`a mapping with a ${"name"} and ${"results"}`, HINT_MODEL)) return;
    const found = required(model, path, ["name", "results"], HINT_MODEL, ["name"]);
    const results = found.get("results");
    if (!results) return;
    const node = deref(card, results);
    if (!firstVisit(node) || !expectList(node, `${path}.results`, HINT_RESULT)) return;
    items(card, node).forEach((result, i) => checkResult(deref(card, result), `${path}.results[${i}]`));
  };

  const index = entry(card, "model-index");
  if (!index) return problems;
  const root = deref(card, index);
  if (root.value === null) {
    // An empty `model-index:` is dropped before the Hub validates the card, unless
    // its content was written below it without indentation: then `results:` and
    // `name:` are top-level keys the Hub ignores, and the results are lost.
    const stray = ["results", "name"].map((k) => entry(card, k)).filter((e): e is Entry => e !== undefined && e.keyLine > index.keyLine);
    const first = stray[0];
    if (first && stray.some((e) => e.key === "results")) {
      add(
        index.keyLine,
        text`${"model-index"} is empty, and the ${"results:"} on line ${stray.find((e) => e.key === "results")?.keyLine ?? first.keyLine} below it stands at the top level, so the Hub reads no evaluation results.`,
        text`Indent the entry under ${"model-index:"} as a list item: ${"- name: my-model"}, then ${"results:"} indented under it.`,
        "model-index is empty; its results are at the top level",
      );
    }
    return problems;
  }
  if (!isSeq(root.node)) {
    const named = isMap(root.node) && field(card, root, "name") !== undefined;
    add(
      index.keyLine,
      text`${"model-index"} is ${trusted(describeType(root.value))}, not a list.`,
      named
        ? text`Turn the entry into a list item: write ${"- name: …"} instead of ${"name: …"} and indent ${"results:"} under it.`
        : HINT_MODEL,
    );
    return problems;
  }
  items(card, root).forEach((model, i) => checkModel(deref(card, model), `model-index[${i}]`));
  // Stable sort: problems on one line stay in the order they were found.
  return problems.sort((a, b) => a.line - b.line);
}

export default defineRule({
  meta: {
    id: "card/model-index-valid",
    title: "The model-index evaluation results are malformed",
    description:
      "A model card's `model-index` is a list of models, each with `results` that name a task, a Hub dataset and metrics with values.",
    why:
      "The Hub refuses a push whose `model-index` does not have this shape, and huggingface_hub drops all the evaluation results of a card it cannot parse. Results with a wrong task or dataset id, or a hand-set `verified` flag, mislead the readers who compare models by them.",
    defaultSeverity: "error",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (card.kind !== "model") continue;
      // A problem repeated down the results is merged into one finding by the engine.
      for (const p of modelIndexProblems(card)) {
        if (p.value) continue; // card/model-index-values
        report({ path: card.path, line: p.line, message: p.message, hint: p.hint, ...(p.title ? { title: p.title } : {}) });
      }
    }
  },
});
