/**
 * What a `config.json` or `model_index.json` says about the model it belongs
 * to: a transformers model (`architectures`, `model_type`) or a diffusers
 * pipeline (`_class_name` and its components). Pure: text in, facts out.
 */

import type { FileContent } from "../core/types.js";
import { basename, type PathKind } from "./classify.js";

export type ModelDescription =
  | { readonly library: "transformers"; readonly architecture?: string }
  | { readonly library: "diffusers"; readonly pipeline: string; readonly components: readonly string[] };

/** A JSON text's top-level object, or undefined when it is not JSON or not an object. */
export function jsonObject(textValue: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(textValue);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A transformers `config.json` names the model class under `architectures`
 * (a list) and its family under `model_type`; a sentence-transformers module
 * config (`1_Pooling/config.json`) has neither, and is not a model.
 */
export function describeModelConfig(textValue: string): ModelDescription | undefined {
  const config = jsonObject(textValue);
  if (!config) return undefined;
  const architectures = config["architectures"];
  const first = Array.isArray(architectures) ? architectures.find((a): a is string => typeof a === "string" && a !== "") : undefined;
  if (first) return { library: "transformers", architecture: first };
  return typeof config["model_type"] === "string" && config["model_type"] !== "" ? { library: "transformers" } : undefined;
}

/**
 * What a review file says about a model: a transformers `config.json`
 * (classified `model-config`) or a diffusers `model_index.json`; undefined
 * for any other file.
 */
export function describeModelFile(file: { readonly path: string; readonly kind: PathKind; readonly content: FileContent }): ModelDescription | undefined {
  if (file.content.type !== "text") return undefined;
  if (file.kind === "model-config") return describeModelConfig(file.content.text);
  return basename(file.path) === "model_index.json" ? describeModelIndex(file.content.text) : undefined;
}

/**
 * A diffusers `model_index.json`: `_class_name` is the pipeline, and every
 * other key whose value is a `[library, class]` pair is a component saved
 * in the folder of that name.
 */
export function describeModelIndex(textValue: string): ModelDescription | undefined {
  const index = jsonObject(textValue);
  const pipeline = index?.["_class_name"];
  if (!index || typeof pipeline !== "string" || pipeline === "") return undefined;
  const components = Object.entries(index)
    .filter(([key, value]) => !key.startsWith("_") && Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string"))
    .map(([key]) => key);
  return { library: "diffusers", pipeline, components };
}
