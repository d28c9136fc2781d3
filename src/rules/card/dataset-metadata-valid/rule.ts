import { PIPELINE_DATA, PIPELINE_TYPES, SUBTASK_TYPES, type PipelineData } from "@huggingface/tasks";
import { isMap, isSeq } from "yaml";
import { defineRule } from "../../../core/rule.js";
import { closest } from "../../../core/suggest.js";
import { joinText, prose, text, type Text, trusted } from "../../../core/text.js";
import type { Fix, Report } from "../../../core/types.js";
import type { Card } from "../../../parse/card.js";
import { deref, describeType, entry, field, fields, items, type Entry, type Located } from "../../../parse/metadata.js";
import { checkRepoId } from "../../../parse/repo-id.js";
import { nearMiss, replaceValueFix } from "./values.js";

/** datasetcard.md, huggingface_hub DatasetCardData. */
export const SIZE_CATEGORIES = [
  "n<1K",
  "1K<n<10K",
  "10K<n<100K",
  "100K<n<1M",
  "1M<n<10M",
  "10M<n<100M",
  "100M<n<1B",
  "1B<n<10B",
  "10B<n<100B",
  "100B<n<1T",
  "n>1T",
  "other",
] as const;
export const ANNOTATIONS_CREATORS = ["found", "crowdsourced", "expert-generated", "machine-generated", "no-annotation", "other"] as const;
export const LANGUAGE_CREATORS = ["found", "crowdsourced", "expert-generated", "machine-generated", "other"] as const;
export const MULTILINGUALITY = ["monolingual", "multilingual", "translation", "other"] as const;

const PIPELINES: readonly string[] = PIPELINE_TYPES;
const SUBTASKS: readonly string[] = [...new Set(SUBTASK_TYPES)];

/** Subtask id → the task category it belongs to. */
const SUBTASK_PARENT: ReadonlyMap<string, string> = (() => {
  const parents = new Map<string, string>();
  for (const type of PIPELINE_TYPES) {
    const data: PipelineData = PIPELINE_DATA[type];
    for (const subtask of data.subtasks ?? []) if (!parents.has(subtask.type)) parents.set(subtask.type, type);
  }
  return parents;
})();

function subtasksOf(type: string): string[] {
  const data: PipelineData | undefined = (PIPELINE_DATA as Record<string, PipelineData>)[type];
  return (data?.subtasks ?? []).map((s) => s.type);
}

/** `a`, `b` and `c` (values as code). */
function listOf(values: readonly string[], conjunction = "or"): Text {
  const parts = values.map((v) => text`${v}`);
  const last = parts.pop() ?? [];
  return parts.length === 0 ? last : text`${joinText(parts, ", ")} ${trusted(conjunction)} ${last}`;
}

interface EnumKey {
  readonly key: string;
  readonly values: readonly string[];
  readonly hint: Text;
}

const ENUM_KEYS: readonly EnumKey[] = [
  {
    key: "task_categories",
    values: PIPELINES,
    hint: prose(
      "Use task ids from https://huggingface.co/tasks (the `pipeline_tag` values), such as `text-classification`, `question-answering` or `image-segmentation`.",
    ),
  },
  {
    key: "task_ids",
    values: SUBTASKS,
    hint: prose(
      "Use subtask ids of the Hub's tasks, such as `extractive-qa`, `named-entity-recognition` or `semantic-segmentation`; leave `task_ids` out when none fits.",
    ),
  },
  { key: "size_categories", values: SIZE_CATEGORIES, hint: text`Use one of ${listOf(SIZE_CATEGORIES)}, by the number of examples.` },
  { key: "annotations_creators", values: ANNOTATIONS_CREATORS, hint: text`Use one or more of ${listOf(ANNOTATIONS_CREATORS)}.` },
  { key: "language_creators", values: LANGUAGE_CREATORS, hint: text`Use one or more of ${listOf(LANGUAGE_CREATORS)}.` },
  { key: "multilinguality", values: MULTILINGUALITY, hint: text`Use one or more of ${listOf(MULTILINGUALITY)}.` },
];

const SOURCE_KEYWORDS = ["original", "extended"] as const;

/** Split names the `datasets` library accepts (its `_split_re`, `^\w+(\.\w+)*$`). */
const SPLIT_NAME = /^[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*$/u;

const HINT_CONFIGS = prose(
  "Write `configs` as a list: `- config_name: default` with `data_files:` under it, either a path pattern, a list of them, or a list of `split`/`path` entries.",
);
const HINT_DATA_FILES = prose(
  "`data_files` is a path pattern (`data/*.csv`), a list of patterns, or a list of entries with exactly a `split` and a `path`: `- split: train` then `path: data/train-*`.",
);
const HINT_DATASET_INFO = prose(
  "`dataset_info` is a mapping (`features`, `splits`, `download_size` …), or a list of them with a `config_name` each; `features` and `splits` are lists. Regenerating it with `datasets` (`push_to_hub`) writes it correctly.",
);

type Add = (report: Omit<Report, "path">) => void;

const TITLE_TYPE = "Dataset metadata value is not text";
const TITLE_CONFIGS = "A dataset config is malformed";
const TITLE_INFO = "The dataset_info block is malformed";

/** The values of a key that holds a string or a list of strings; reports other shapes. */
function valuesOf(card: Card, e: Entry, add: Add): Located[] {
  const v = deref(card, e);
  // An empty key (`task_ids:`) is dropped before the Hub validates the card.
  if (v.value === null) return [];
  if (isMap(v.node)) {
    add({
      line: e.keyLine,
      title: TITLE_TYPE,
      message: text`${e.key} is a mapping; it takes a value or a list of values.`,
      hint: text`Write each value as a list item under ${e.key}: ${`- value`} on its own line.`,
    });
    return [];
  }
  const values = isSeq(v.node) ? items(card, v).map((item) => deref(card, item)) : [v];
  return values.filter((item) => {
    if (typeof item.value === "string") return true;
    add({
      line: item.line,
      title: TITLE_TYPE,
      message:
        item.value === null
          ? text`${e.key} has an empty item.`
          : text`A value of ${e.key} is ${trusted(describeType(item.value))}, not text.`,
      hint:
        item.value === null
          ? prose("Remove the empty `-` line, or write the value after it.")
          : prose("Write a single value; quote it if it is meant as text (`\"2020\"`)."),
    });
    return false;
  });
}

function fixFor(card: Card, located: Located, replacement: string, certain: boolean): { fix?: Fix } {
  if (!certain) return {};
  const fix = replaceValueFix(card, located, replacement);
  return fix ? { fix } : {};
}

function checkEnum(card: Card, spec: EnumKey, add: Add): void {
  const e = entry(card, spec.key);
  if (!e) return;
  for (const item of valuesOf(card, e, add)) {
    const value = item.value as string;
    if (spec.values.includes(value)) continue;

    if (spec.key === "task_categories" && SUBTASKS.includes(value)) {
      const parent = SUBTASK_PARENT.get(value);
      add({
        line: item.line,
        title: "A task id is listed as a task category",
        message: parent
          ? text`${value} is a task id (a subtask of ${parent}), not a task category.`
          : text`${value} is a task id, not a task category.`,
        hint: parent
          ? text`Move it to ${"task_ids"} and list ${parent} under ${"task_categories"}.`
          : text`Move it to ${"task_ids"}.`,
      });
      continue;
    }
    if (spec.key === "task_ids" && PIPELINES.includes(value)) {
      const subtasks = subtasksOf(value);
      const shown = subtasks.slice(0, 5);
      const verb = subtasks.length > shown.length ? "include" : "are";
      add({
        line: item.line,
        title: "A task category is listed as a task id",
        message: text`${value} is a task category, not a task id.`,
        hint:
          shown.length > 0
            ? text`Move it to ${"task_categories"}; its task ids ${prose(verb)} ${listOf(shown, "and")}.`
            : text`Move it to ${"task_categories"}; it has no task ids, so leave ${"task_ids"} out.`,
      });
      continue;
    }

    const near = nearMiss(value, spec.values);
    add({
      line: item.line,
      title: "Unknown dataset metadata value",
      message: near
        ? text`${value} is not a known ${spec.key} value; did you mean ${near.suggestion}?`
        : text`${value} is not a known ${spec.key} value.`,
      hint: near?.certain ? text`Write ${near.suggestion}.` : spec.hint,
      ...(near ? fixFor(card, item, near.suggestion, near.certain) : {}),
    });
  }
}

function checkSourceDatasets(card: Card, add: Add): void {
  const e = entry(card, "source_datasets");
  if (!e) return;
  const title = "Unknown source dataset";
  const hint = text`Use ${"original"} (data collected for this dataset), ${"extended"}, ${"extended|<id>"} (built on dataset ${"<id>"}) or a Hub dataset id such as ${"wikimedia/wikipedia"}.`;
  for (const item of valuesOf(card, e, add)) {
    const value = item.value as string;
    if ((SOURCE_KEYWORDS as readonly string[]).includes(value)) continue;
    if (value.startsWith("extended|")) {
      const id = value.slice("extended|".length);
      const problem = checkRepoId(id, "dataset");
      if (problem) {
        add({
          line: item.line,
          title,
          message: text`${value} names no dataset id after ${"extended|"}: ${trusted(problem.reason)}.`,
          hint: problem.suggestion ? text`Write ${`extended|${problem.suggestion}`}.` : hint,
        });
      }
      continue;
    }
    const near = value.includes("/") ? undefined : nearMiss(value, SOURCE_KEYWORDS);
    if (near) {
      add({
        line: item.line,
        title,
        message: text`${value} in ${"source_datasets"} is not ${"original"} or ${"extended"}; did you mean ${near.suggestion}?`,
        hint: near.certain ? text`Write ${near.suggestion}.` : hint,
        ...fixFor(card, item, near.suggestion, near.certain),
      });
      continue;
    }
    const problem = checkRepoId(value, "dataset");
    if (problem) {
      add({
        line: item.line,
        title,
        message: text`${value} in ${"source_datasets"} is not a Hub dataset id: ${trusted(problem.reason)}.`,
        hint: problem.suggestion ? text`Write the id ${problem.suggestion}.` : hint,
      });
    }
  }
}

function checkDataFiles(card: Card, dataFiles: Entry, path: string, add: Add): void {
  const v = deref(card, dataFiles);
  if (v.value === null || typeof v.value === "string") return;
  if (!isSeq(v.node)) {
    add({
      line: dataFiles.keyLine,
      message: text`${trusted(path)} is ${trusted(describeType(v.value))}; it takes a path, a list of paths or a list of ${"split"}/${"path"} entries.`,
      hint: HINT_DATA_FILES,
    });
    return;
  }
  items(card, v).forEach((raw, i) => {
    const item = deref(card, raw);
    const at = `${path}[${i}]`;
    if (typeof item.value === "string") return;
    if (!isMap(item.node)) {
      add({
        line: item.line,
        message: text`${trusted(at)} is ${trusted(describeType(item.value))}, not a path or a ${"split"}/${"path"} entry.`,
        hint: HINT_DATA_FILES,
      });
      return;
    }
    const entries = fields(card, item);
    const has = (key: string) => entries.some((f) => f.key === key);
    const missing = ["split", "path"].filter((k) => !has(k));
    if (missing.length === 2 && !entries.some((f) => closest(f.key, missing) !== undefined)) {
      // Nothing of a split/path entry: one finding for the whole item.
      add({
        line: item.line,
        message: text`${trusted(at)} is a mapping without ${"split"} and ${"path"}.`,
        hint: HINT_DATA_FILES,
      });
      return;
    }
    // An unknown key close to a missing one (`paths`) is reported once, as a misspelling.
    const explained = new Set<string>();
    for (const f of entries) {
      if (f.key === "split" || f.key === "path") continue;
      const meant = closest(f.key, missing.filter((k) => !explained.has(k)));
      if (meant) explained.add(meant);
      add({
        line: f.keyLine,
        message: meant
          ? text`${trusted(at)} has the key ${f.key}; did you mean ${meant}?`
          : text`${trusted(at)} has the key ${f.key}; an entry of ${"data_files"} has only ${"split"} and ${"path"}.`,
        hint: HINT_DATA_FILES,
      });
    }
    const unexplained = missing.filter((k) => !explained.has(k));
    if (unexplained.length > 0) {
      add({
        line: item.line,
        message: text`${trusted(at)} has no ${listOf(unexplained, "and no")}.`,
        hint: HINT_DATA_FILES,
      });
    }
    const split = field(card, item, "split");
    if (split) {
      const name = deref(card, split).value;
      if (typeof name !== "string" || !SPLIT_NAME.test(name)) {
        add({
          line: split.line,
          message:
            typeof name === "string"
              ? text`${trusted(at)}: the split name ${name} has characters a split name cannot have.`
              : text`${trusted(at)}: the split name is ${trusted(describeType(name))}, not text.`,
          hint: prose("A split name is letters, digits and `_`, in parts separated by `.` (`train`, `test_2024`); dashes and spaces are not allowed."),
        });
      }
    }
    const filePath = field(card, item, "path");
    if (filePath) {
      const pv = deref(card, filePath);
      if (Array.isArray(pv.value)) {
        items(card, pv).forEach((p, j) => {
          const value = deref(card, p).value;
          if (typeof value === "string") return;
          add({
            line: p.line,
            message: text`${prose(`${at}.path[${j}]`)} is ${trusted(describeType(value))}, not a path.`,
            hint: HINT_DATA_FILES,
          });
        });
      } else if (typeof pv.value !== "string") {
        add({
          line: filePath.keyLine,
          message: text`${prose(`${at}.path`)} is ${trusted(describeType(pv.value))}; it takes a path or a list of paths.`,
          hint: HINT_DATA_FILES,
        });
      }
    }
  });
}

function checkConfigs(card: Card, addRaw: Add): void {
  const add: Add = (r) => addRaw({ title: TITLE_CONFIGS, ...r });
  const e = entry(card, "configs");
  if (!e) return;
  const v = deref(card, e);
  if (v.value === null) return;
  if (!isSeq(v.node)) {
    add({ line: e.keyLine, message: text`${"configs"} is ${trusted(describeType(v.value))}, not a list.`, hint: HINT_CONFIGS });
    return;
  }
  const names = new Map<string, { path: string; line: number }>();
  let firstDefault: { path: string; line: number } | undefined;
  items(card, v).forEach((raw, i) => {
    const config = deref(card, raw);
    const path = `configs[${i}]`;
    if (!isMap(config.node)) {
      add({
        line: config.line,
        message: text`${trusted(path)} is ${trusted(describeType(config.value))}, not a mapping with a ${"config_name"}.`,
        hint: HINT_CONFIGS,
      });
      return;
    }
    const nameEntry = field(card, config, "config_name");
    const name = nameEntry ? deref(card, nameEntry).value : undefined;
    let duplicate = false;
    if (!nameEntry) {
      add({
        line: config.line,
        message: text`${trusted(path)} has no ${"config_name"}.`,
        hint: prose("Every config needs a `config_name`, even when there is only one: use `default` for a single config."),
      });
    } else if (typeof name !== "string" || name.trim() === "") {
      add({
        line: nameEntry.keyLine,
        message:
          typeof name === "string" || name === null
            ? text`${prose(`${path}.config_name`)} is empty.`
            : text`${prose(`${path}.config_name`)} is ${trusted(describeType(name))}, not text.`,
        hint: prose("Give the config a name as text; quote it if it looks like a number (`\"2020\"`)."),
      });
    } else {
      const earlier = names.get(name);
      if (earlier) {
        duplicate = true;
        add({
          line: nameEntry.line,
          message: text`${trusted(path)} uses the config name ${name} of ${trusted(earlier.path)} (line ${earlier.line}) again.`,
          hint: prose("Give each config its own `config_name`; the later one replaces the earlier."),
        });
      } else {
        names.set(name, { path, line: nameEntry.line });
      }
    }

    const defaultEntry = field(card, config, "default");
    const isDefault = name === "default" || (defaultEntry !== undefined && deref(card, defaultEntry).value === true);
    // A second config named `default` is already reported as a duplicate name.
    if (isDefault && !duplicate) {
      const here = { path, line: defaultEntry?.keyLine ?? nameEntry?.line ?? config.line };
      if (firstDefault) {
        add({
          line: here.line,
          message: text`${trusted(path)} is a default config, and so is ${trusted(firstDefault.path)} (line ${firstDefault.line}).`,
          hint: prose("Keep one default config: `default: true` on one entry only, and no other config named `default`."),
        });
      } else {
        firstDefault = here;
      }
    }

    const dataFiles = field(card, config, "data_files");
    if (dataFiles) checkDataFiles(card, dataFiles, `${path}.data_files`, add);
  });
}

function checkDatasetInfo(card: Card, addRaw: Add): void {
  const add: Add = (r) => addRaw({ title: TITLE_INFO, ...r });
  const e = entry(card, "dataset_info");
  if (!e) return;
  const v = deref(card, e);
  if (v.value === null) return;
  let infos: { located: Located; path: string }[];
  if (isMap(v.node)) infos = [{ located: v, path: "dataset_info" }];
  else if (isSeq(v.node)) infos = items(card, v).map((item, i) => ({ located: deref(card, item), path: `dataset_info[${i}]` }));
  else {
    add({
      line: e.keyLine,
      message: text`${"dataset_info"} is ${trusted(describeType(v.value))}, not a mapping or a list of mappings.`,
      hint: HINT_DATASET_INFO,
    });
    return;
  }
  for (const { located, path } of infos) {
    if (!isMap(located.node)) {
      add({
        line: located.line,
        message: text`${trusted(path)} is ${trusted(describeType(located.value))}, not a mapping.`,
        hint: HINT_DATASET_INFO,
      });
      continue;
    }
    for (const key of ["features", "splits"]) {
      const f = field(card, located, key);
      if (!f) continue;
      const fv = deref(card, f);
      if (fv.value === null || isSeq(fv.node)) continue;
      add({
        line: f.keyLine,
        message: text`${prose(`${path}.${key}`)} is ${trusted(describeType(fv.value))}, not a list.`,
        hint: HINT_DATASET_INFO,
      });
    }
  }
}

export default defineRule({
  meta: {
    id: "card/dataset-metadata-valid",
    title: "Dataset card metadata is not what the Hub expects",
    description:
      "A dataset card's task, size, creator and language fields hold values from the Hub's lists, and its `source_datasets`, `configs` and `dataset_info` have the shape the Hub and the `datasets` library read.",
    why:
      "The Hub builds its dataset filters and search from these fields, so a misspelt value hides the dataset from people looking for it. A malformed `configs` entry stops `load_dataset` and the Dataset Viewer from finding the data files.",
    defaultSeverity: "warning",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (card.kind !== "dataset") continue;
      const add: Add = (r) => report({ path: card.path, ...r });
      for (const spec of ENUM_KEYS) checkEnum(card, spec, add);
      checkSourceDatasets(card, add);
      checkConfigs(card, add);
      checkDatasetInfo(card, add);
    }
  },
});
