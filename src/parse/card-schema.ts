import { editDistance } from "../core/suggest.js";

/** Top-level keys of model card metadata (hub-docs modelcard.md, huggingface_hub ModelCardData). */
export const MODEL_CARD_KEYS: readonly string[] = [
  "language",
  "language_bcp47",
  "language_details",
  "license",
  "license_name",
  "license_link",
  "license_details",
  "library_name",
  "tags",
  "datasets",
  "buckets",
  "metrics",
  "base_model",
  "base_model_relation",
  "new_version",
  "pipeline_tag",
  "model-index",
  "widget",
  "inference",
  "thumbnail",
  "co2_eq_emissions",
  "extra_gated_prompt",
  "extra_gated_heading",
  "extra_gated_description",
  "extra_gated_button_content",
  "extra_gated_fields",
  "extra_gated_eu_disallowed",
  "mask_token",
  "instance_prompt",
  "finetuned_from",
  "model_name",
];

/** Top-level keys of dataset card metadata (hub-docs datasetcard.md, DatasetCardData). */
export const DATASET_CARD_KEYS: readonly string[] = [
  "language",
  "language_bcp47",
  "language_details",
  "license",
  "license_name",
  "license_link",
  "license_details",
  "pretty_name",
  "tags",
  "task_categories",
  "task_ids",
  "size_categories",
  "source_datasets",
  "annotations_creators",
  "language_creators",
  "multilinguality",
  "paperswithcode_id",
  "configs",
  "dataset_info",
  "train-eval-index",
  "viewer",
  "extra_gated_prompt",
  "extra_gated_heading",
  "extra_gated_description",
  "extra_gated_button_content",
  "extra_gated_fields",
  "extra_gated_eu_disallowed",
];

/**
 * The value shapes the Hub expects for card metadata keys (hub-docs
 * modelcard.md and datasetcard.md, huggingface_hub ModelCardData /
 * DatasetCardData, huggingface.js ApiModelMetadata).
 */

export type Shape =
  | "string"
  /** A string or a list of strings. */
  | "strings"
  | "boolean"
  | "mapping"
  | "list"
  | "list-of-mappings"
  | "number-or-mapping"
  | "boolean-or-mapping"
  /** A mapping, or a list of mappings (dataset_info). */
  | "mapping-or-list";

export const MODEL_KEY_SHAPES: Readonly<Record<string, Shape>> = {
  language: "strings",
  language_bcp47: "strings",
  license: "strings",
  license_name: "string",
  license_link: "string",
  license_details: "string",
  library_name: "string",
  tags: "strings",
  datasets: "strings",
  buckets: "strings",
  metrics: "strings",
  base_model: "strings",
  base_model_relation: "string",
  new_version: "string",
  pipeline_tag: "string",
  "model-index": "list-of-mappings",
  widget: "list-of-mappings",
  inference: "boolean-or-mapping",
  thumbnail: "string",
  co2_eq_emissions: "number-or-mapping",
  extra_gated_prompt: "string",
  extra_gated_heading: "string",
  extra_gated_description: "string",
  extra_gated_button_content: "string",
  extra_gated_fields: "mapping",
  extra_gated_eu_disallowed: "boolean",
  mask_token: "string",
  instance_prompt: "string",
};

export const DATASET_KEY_SHAPES: Readonly<Record<string, Shape>> = {
  language: "strings",
  language_bcp47: "strings",
  license: "strings",
  license_name: "string",
  license_link: "string",
  license_details: "string",
  pretty_name: "string",
  tags: "strings",
  task_categories: "strings",
  task_ids: "strings",
  size_categories: "strings",
  source_datasets: "strings",
  annotations_creators: "strings",
  language_creators: "strings",
  multilinguality: "strings",
  configs: "list-of-mappings",
  dataset_info: "mapping-or-list",
  "train-eval-index": "list-of-mappings",
  viewer: "boolean",
  extra_gated_prompt: "string",
  extra_gated_heading: "string",
  extra_gated_description: "string",
  extra_gated_button_content: "string",
  extra_gated_fields: "mapping",
  extra_gated_eu_disallowed: "boolean",
};

/**
 * Keys seen in widely used cards that the Hub does not define but tolerates
 * (unknown keys are allowed). Listed so that a near spelling is not taken
 * for a typo of a Hub key.
 */
export const TOLERATED_KEYS: readonly string[] = [
  "model_creator",
  "model_name",
  "model_type",
  "model_link",
  "quantized_by",
  "prompt_template",
  "finetuned_from",
  "description",
  "arxiv",
  "papers",
  "co2_eq_emissions",
  "duplicated_from",
  "pretty_name",
  "paperswithcode_id",
  "language_details",
  "title",
  "emoji",
  "colorFrom",
  "colorTo",
  "sdk",
  "sdk_version",
  "app_file",
  "pinned",
  "short_description",
];

const isString = (v: unknown): v is string => typeof v === "string";
const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function matchesShape(shape: Shape, value: unknown): boolean {
  switch (shape) {
    case "string":
      return isString(value);
    case "strings":
      return isString(value) || (Array.isArray(value) && value.every(isString));
    case "boolean":
      return typeof value === "boolean";
    case "mapping":
      return isMapping(value);
    case "list":
      return Array.isArray(value);
    case "list-of-mappings":
      return Array.isArray(value) && value.every(isMapping);
    case "number-or-mapping":
      return typeof value === "number" || isMapping(value);
    case "boolean-or-mapping":
      return typeof value === "boolean" || isMapping(value);
    case "mapping-or-list":
      return isMapping(value) || (Array.isArray(value) && value.every(isMapping));
  }
}

export const SHAPE_WORDS: Readonly<Record<Shape, string>> = {
  string: "a single text value",
  strings: "a text value or a list of text values",
  boolean: "true or false",
  mapping: "a mapping of keys to values",
  list: "a list",
  "list-of-mappings": "a list of mappings (entries starting with `- key: value`)",
  "number-or-mapping": "a number or a mapping",
  "boolean-or-mapping": "true, false or a mapping",
  "mapping-or-list": "a mapping or a list of mappings",
};

/** Every key Cardinal knows: the Hub's, and tolerated ones. */
export const KNOWN_KEYS: ReadonlySet<string> = new Set([
  ...MODEL_CARD_KEYS,
  ...DATASET_CARD_KEYS,
  ...Object.keys(MODEL_KEY_SHAPES),
  ...Object.keys(DATASET_KEY_SHAPES),
  ...TOLERATED_KEYS,
]);

/** Spellings seen in real cards whose intended key is certain. */
const ALIASES: Record<string, string> = {
  licence: "license",
  licenses: "license",
  licences: "license",
  dataset: "datasets",
  training_datasets: "datasets",
  tag: "tags",
  languages: "language",
  lang: "language",
  pipeline: "pipeline_tag",
  pipeline_tags: "pipeline_tag",
  task: "pipeline_tag",
  library: "library_name",
  metric: "metrics",
  base_models: "base_model",
  basemodel: "base_model",
  model_index: "model-index",
  modelindex: "model-index",
};

/** The Hub key meant by an unknown key, when the match is close enough to be certain. */
export function intendedKey(key: string): string | undefined {
  const lower = key.toLowerCase().replace(/-/g, "_");
  const alias = ALIASES[lower];
  if (alias) return alias;
  if (KNOWN_KEYS.has(lower) && lower !== key) return lower;
  if (key === "model_index") return "model-index";
  if (key.length < 4) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  let tie = false;
  for (const candidate of KNOWN_KEYS) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  return best && !tie && bestDistance <= 2 ? best : undefined;
}

/**
 * Keys the datasets library's card metadata used before it took the Hub's
 * names (huggingface/datasets#4607, 2022: `languages` became `language`,
 * `licenses` became `license`; #5158 then fixed 402 Hub datasets that still
 * had the old ones). Not misspellings: old names.
 */
export const RENAMED_KEYS: Readonly<Record<string, string>> = { languages: "language", licenses: "license" };

/**
 * Whether a value could be meant for `key`: a mapping is no `datasets` list,
 * a list is no `license` string. Keys with no known shape fit anything.
 */
export function valueFitsKey(kind: "model" | "dataset", key: string, value: unknown): boolean {
  const shape = kind === "dataset" ? DATASET_KEY_SHAPES[key] ?? MODEL_KEY_SHAPES[key] : MODEL_KEY_SHAPES[key] ?? DATASET_KEY_SHAPES[key];
  return shape === undefined || value === null || matchesShape(shape, value);
}

/** The list form of a `strings` value. */
export function asStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
