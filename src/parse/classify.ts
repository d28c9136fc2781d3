/**
 * What a path is, judged by its name alone. This decides which files of a
 * pull request Cardinal fetches at all, so it must be cheap and must never
 * need the file's bytes.
 */

export type PathKind =
  /** README.md: a model or dataset card when it carries card metadata or sits beside model files. */
  | "readme"
  | "model-card"
  | "dataset-card"
  | "license"
  | "notice"
  | "gitattributes"
  | "weights"
  | "weights-index"
  | "model-config"
  | "adapter-config"
  /** Other JSON files libraries load beside the weights: tokenizer_config.json, generation_config.json … */
  | "release-config"
  | "cardinal-config"
  /** `.eval_results/*.yaml`: a model's evaluation results (hub-docs `docs/hub/eval-results.md`). */
  | "eval-results"
  /** `eval.yaml`: a benchmark dataset's configuration, when it is one (the rule decides). */
  | "benchmark-eval"
  /** `dataset_infos.json` / `dataset_info.json`, written by `datasets` beside a dataset: known by name, never read. */
  | "dataset-info"
  | "other";

/** Weight and checkpoint file endings, lower case. */
export const WEIGHT_EXTENSIONS: readonly string[] = [
  ".safetensors",
  ".gguf",
  ".ggml",
  ".onnx",
  ".onnx_data",
  ".onnx.data",
  ".engine",
  ".plan",
  ".bin",
  ".pt",
  ".pth",
  ".ckpt",
  ".pkl",
  ".pickle",
  ".joblib",
  ".h5",
  ".hdf5",
  ".keras",
  ".tflite",
  ".msgpack",
  ".npz",
  ".npy",
  ".nemo",
  ".mlmodel",
  ".pdparams",
  ".mar",
];

const MODEL_CARD_NAMES = new Set(["model_card.md", "modelcard.md", "model-card.md"]);
const DATASET_CARD_NAMES = new Set(["dataset_card.md", "datasetcard.md", "dataset-card.md"]);
// LICENSE, LICENSE.md, LICENSE-MODEL.txt, COPYING.LESSER; not license_check.py.
const LICENSE_NAME =
  /^(licen[cs]e|copying|unlicense)(?:[-_][\w-]+(?:\.(?:md|markdown|txt|rst))?|\.(?:md|markdown|txt|rst|lesser|gpl|lgpl|apache|mit|bsd))?$/i;
/** JSON files transformers, diffusers and PEFT load beside config.json (release/config-json-valid). */
const RELEASE_CONFIG_NAMES = new Set(["tokenizer_config.json", "generation_config.json", "preprocessor_config.json", "model_index.json"]);
const NOTICE_NAME = /^notice(\.(md|txt))?$/i;
const CARDINAL_CONFIG = /^\.github\/cardinal\.ya?ml$/;

export function basename(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? path : path.slice(slash + 1);
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/**
 * Names a `.gitattributes` gets when a Hub repository is downloaded file by
 * file or saved by an editor: `gitattributes`, `gitattributes.txt`,
 * `.gitattributes.txt`. Git reads none of them.
 */
export function misnamedGitattributes(name: string): boolean {
  return name === "gitattributes" || /^\.?gitattributes\.txt$/i.test(name);
}

export function classifyPath(path: string): PathKind {
  if (CARDINAL_CONFIG.test(path)) return "cardinal-config";
  const name = basename(path);
  const lower = name.toLowerCase();
  if (lower === "readme.md") return "readme";
  if (MODEL_CARD_NAMES.has(lower)) return "model-card";
  if (DATASET_CARD_NAMES.has(lower)) return "dataset-card";
  // `gitattributes` without the dot (or saved as `gitattributes.txt`) is read here only so that
  // weights/gitattributes-name can say Git ignores it.
  if (lower === ".gitattributes" || misnamedGitattributes(name)) return "gitattributes";
  if (lower === "config.json") return "model-config";
  if (lower === "adapter_config.json") return "adapter-config";
  if (RELEASE_CONFIG_NAMES.has(lower)) return "release-config";
  if (/\.(safetensors|bin|pt|pth|ckpt)\.index\.json$/.test(lower)) return "weights-index";
  if (/(^|\/)\.eval_results\/[^/]+\.ya?ml$/.test(path)) return "eval-results";
  if (name === "eval.yaml") return "benchmark-eval";
  if (name === "dataset_infos.json" || name === "dataset_info.json") return "dataset-info";
  if (NOTICE_NAME.test(name)) return "notice";
  // REUSE keeps license texts under LICENSES/<SPDX-id>.txt.
  if (LICENSE_NAME.test(name) || /(^|\/)LICENSES\/[^/]+\.(txt|md)$/.test(path)) return "license";
  if (WEIGHT_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !lower.startsWith(".")) return "weights";
  return "other";
}

/**
 * A Markdown file whose name or place says "model or dataset card" but that
 * Cardinal does not review by default: `MODEL_CARD_VISION.md`,
 * `LLAMA3_MODEL_CARD.md`, `dataset-card-v2.md`, and Markdown files in a
 * `models/` folder (`models/llama3.md`). Listed for the user, with the
 * `cards:` setting that would include them; never read.
 */
export function looksLikeCardDocument(path: string): boolean {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (!/\.(md|markdown)$/.test(lower) || lower === "readme.md") return false;
  if (classifyPath(path) !== "other") return false;
  if (/(?:model|dataset)[-_ ]?card/.test(lower)) return true;
  return /(^|\/)models\/[^/]+$/i.test(path);
}

/** Whether such a document reads as a dataset card rather than a model card. */
export function looksLikeDatasetCardDocument(path: string): boolean {
  return /dataset[-_ ]?card/i.test(basename(path));
}

/** Kinds whose text Cardinal reads. Weights are judged by name and LFS pointer only. */
export function needsText(kind: PathKind): boolean {
  return kind !== "weights" && kind !== "other" && kind !== "dataset-info";
}

/** File names that hold a model card, looked for in the folder of weights or above it. */
export const CARD_FILE_NAMES = ["README.md", "MODEL_CARD.md", "modelcard.md", "model_card.md"];

/**
 * Every folder that holds one of `paths`, directly or below ("" for the
 * root): built in one pass, each folder once, so a rule that asks per card
 * or per config stays linear.
 */
export function foldersHolding(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const path of paths) {
    for (let dir = dirname(path); !out.has(dir); dir = dirname(dir)) {
      out.add(dir);
      if (dir === "") break;
    }
  }
  return out;
}

/** The folder itself, then each folder above it up to the repository root (""). */
export function foldersUp(dir: string): string[] {
  const out = [dir];
  let current = dir;
  while (current !== "") {
    current = dirname(current);
    out.push(current);
  }
  return out;
}

const folderIndexes = new WeakMap<readonly { readonly path: string }[], Map<string, readonly { readonly path: string }[]>>();

/**
 * The items of a list that sit directly in `dir`, in list order. The index
 * is built once per list (memoised on the array), so a rule that asks once
 * per file stays linear however many cards and files a review has.
 */
export function inFolder<T extends { readonly path: string }>(items: readonly T[], dir: string): readonly T[] {
  let index = folderIndexes.get(items);
  if (!index) {
    index = new Map();
    for (const item of items) {
      const d = dirname(item.path);
      const list = index.get(d) as T[] | undefined;
      if (list) list.push(item);
      else index.set(d, [item]);
    }
    folderIndexes.set(items, index);
  }
  return (index.get(dir) as readonly T[] | undefined) ?? [];
}
