/**
 * The Hub repositories a card refers to, with where: `datasets`,
 * `base_model`, `new_version`, model-index `dataset.type`, and dataset
 * links in the card's text. Only well-formed ids are listed; malformed ones
 * are card/repo-ids-valid's findings.
 */
import { isMap, isSeq, type Node } from "yaml";
import type { Card } from "./card.js";
import { asStrings } from "./card-schema.js";
import { entry, field, items, metadataOf, type Located } from "./metadata.js";
import { checkRepoId } from "./repo-id.js";
import { trimEndChars } from "../core/strings.js";

export type ReferenceSource = "datasets" | "base_model" | "new_version" | "model-index" | "link";

export interface Reference {
  readonly type: "model" | "dataset";
  readonly id: string;
  readonly source: ReferenceSource;
  readonly line: number;
  readonly column: number;
}

/** Hub dataset addresses in text. Linear: no nested quantifiers. */
const DATASET_LINK = /https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/datasets\/([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)?)/g;

function fromEntry(card: Card, key: "datasets" | "base_model" | "new_version", type: "model" | "dataset"): Reference[] {
  const e = entry(card, key);
  if (!e || e.value === null || asStrings(e.value).length === 0) return [];
  return items(card, e).flatMap((item) =>
    typeof item.value === "string" && !checkRepoId(item.value, type)
      ? [{ type, id: item.value, source: key, line: item.line, column: item.column }]
      : [],
  );
}

function fromModelIndex(card: Card): Reference[] {
  const e = entry(card, "model-index");
  if (!e || !isSeq(e.node)) return [];
  const out: Reference[] = [];
  for (const model of items(card, e)) {
    if (!isMap(model.node)) continue;
    const results = field(card, model, "results");
    if (!results || !isSeq(results.node)) continue;
    for (const result of items(card, results)) {
      if (!isMap(result.node)) continue;
      const dataset = field(card, result as Located, "dataset");
      if (!dataset || !isMap(dataset.node as Node)) continue;
      const type = field(card, dataset, "type");
      if (type && typeof type.value === "string" && !checkRepoId(type.value, "dataset")) {
        out.push({ type: "dataset", id: type.value, source: "model-index", line: type.line, column: type.column });
      }
    }
  }
  return out;
}

function fromLinks(card: Card): Reference[] {
  const fm = card.frontMatter;
  const start = fm.status === "present" ? fm.block.bodyOffset : 0;
  const out: Reference[] = [];
  DATASET_LINK.lastIndex = 0;
  const body = card.text.slice(start);
  for (const match of body.matchAll(DATASET_LINK)) {
    const id = trimEndChars(match[1] ?? "", ".");
    if (!id || checkRepoId(id, "dataset")) continue;
    const { line, column } = card.lines.position(start + (match.index ?? 0));
    out.push({ type: "dataset", id, source: "link", line, column });
  }
  return out;
}

/** A card's references, found once per card object (each hub/* rule asks). */
const referencesOfCard = new WeakMap<Card, readonly Reference[]>();

/** Every reference of a card, in file order. */
export function cardReferences(card: Card): Reference[] {
  let known = referencesOfCard.get(card);
  if (!known) {
    known = findReferences(card);
    referencesOfCard.set(card, known);
  }
  return [...known];
}

function findReferences(card: Card): Reference[] {
  const metadata = metadataOf(card)
    ? [
        ...fromEntry(card, "datasets", "dataset"),
        ...(card.kind === "model" ? [...fromEntry(card, "base_model", "model"), ...fromEntry(card, "new_version", "model")] : []),
        ...(card.kind === "model" ? fromModelIndex(card) : []),
      ]
    : [];
  return [...metadata, ...fromLinks(card)];
}

/** Where a card's text says which model it was made from. */
export interface StatedBase {
  /** The Hub id the sentence names, when it names one. */
  readonly id?: string;
  /** The family a sentence names without an id ("a DreamBooth of Stable Diffusion 1.5"). */
  readonly family?: string;
  readonly line: number;
}

const ID = "([A-Za-z0-9][A-Za-z0-9_.-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.-]{0,95})";
/**
 * "fine-tuned from", "a fine-tune of", "based on", "quantized version of", "Finetuned from model :",
 * "converted from", "quantised 4bit models of", "GPTQ model files for" … (not "trained on": that names data).
 */
const MADE_FROM =
  "(?:\\b(?:fine[- ]?tun(?:ed|e|ing)|based|built|derived|converted|quantized|quantised|quantization|distilled|adapted|dreambooth|lora|merge|continued pre-?training)\\b" +
  "(?: \\d{1,2}[- ]?bits?)?(?: (?:version|models?|adapter|checkpoint|fine[- ]?tune))? (?:of|from|upon|(?<=(?:based|built) )on)\\b" +
  // TheBloke's "This repo contains GPTQ model files for [X](https://huggingface.co/…)".
  "|\\b(?:gptq|gguf|ggml|awq|exl2|onnx|mlx) (?:format )?model files for\\b)" +
  // Then emphasis, brackets and the words "the", "base", "model": each round consumes a word, so nothing overlaps.
  "[\\s*_`\\[:]{0,8}(?:(?:the|base|model)\\b[\\s*_`\\[:]{0,8}){0,3}";
const HUB_URL = "https?://(?:www\\.)?(?:huggingface\\.co|hf\\.co)/";
/** The id as plain text, a link to it on the Hub, or a bare Hub URL soon after. Bounded and linear: no nested quantifiers. */
const STATED_ID = new RegExp(`${MADE_FROM}(?:${ID}|[^\\]\\n]{0,80}\\]\\(${HUB_URL}${ID}\\)|[^\\]\\n]{0,80}?(?<![\\w/])${HUB_URL}${ID})`, "i");
/** The rest of a Markdown link whose text was just read: `](https://huggingface.co/<id>)`. */
const LINK_TARGET = new RegExp(`^\\]\\(${HUB_URL}${ID}\\)`, "i");
/** Hub URL paths that are pages, not model repositories. */
const NOT_A_MODEL = /^(?:datasets|spaces|docs|blog|papers|collections|learn|organizations|settings|join|login|models|tasks)\//i;
const STABLE_DIFFUSION = /\bstable[- ]diffusion[- ]?(?:v|version ?)?(1\.[1-5]|2\.[01]|2|xl)\b/i;
/** Words before the name (within SD_BEFORE characters) that make it the model trained from. */
const TRAINED_FROM = /\b(?:dreambooth|fine[- ]?tun|lora)/i;
const SD_BEFORE = 80;
/** Meta's LLaMA by name: "LLaMA", "LLaMA-7B", "Llama 2", "Llama-3.1-8B"; not llama.cpp. */
const LLAMA = /\bLLaMA(?:[- ]?([1-4](?:\.[0-9])?)(?![0-9]))?(?![.\-_]?cpp)\b/i;
/**
 * Words before the name that make it the model trained from ("fine-tuning LLaMA", "on top of the
 * original LLaMA weights"); not the verb "fine-tune" ("developers may fine-tune Llama 2 models").
 */
const LLAMA_FROM = /\b(?:fine[- ]?tun(?:ed|ing)|on top of|based on|built on|derived from|delta (?:on|of|to|for)|quanti[sz](?:ed|ation))\b/i;

/** Cardinal's own name for the version LLAMA read. */
function llamaFamily(version: string | undefined): string {
  return !version || version === "1" ? "LLaMA" : `Llama ${version}`;
}

/** Cardinal's own names for the versions STABLE_DIFFUSION reads (never the card's words). */
const SD_FAMILIES: Readonly<Record<string, string>> = {
  "1.1": "Stable Diffusion 1.1",
  "1.2": "Stable Diffusion 1.2",
  "1.3": "Stable Diffusion 1.3",
  "1.4": "Stable Diffusion 1.4",
  "1.5": "Stable Diffusion 1.5",
  "2": "Stable Diffusion 2",
  "2.0": "Stable Diffusion 2.0",
  "2.1": "Stable Diffusion 2.1",
  xl: "Stable Diffusion XL",
};

/** Sentences of a card's body (outside code blocks) that say which model it was made from. */
export function statedBases(card: Card): StatedBase[] {
  const fm = card.frontMatter;
  const start = fm.status === "present" ? fm.block.bodyLine : 1;
  const out: StatedBase[] = [];
  let fence = false;
  for (let line = start; line <= card.lines.lineCount; line++) {
    const value = card.lines.lineText(line);
    if (/^\s*(```|~~~)/.test(value)) {
      fence = !fence;
      continue;
    }
    if (fence || value.length > 2000) continue;
    const match = STATED_ID.exec(value);
    // "[CompVis/stable-diffusion-v1-4-original](https://huggingface.co/CompVis/stable-diffusion-v-1-4-original)":
    // the link's target is the repository; its text is only what the author typed.
    const target = match?.[1] ? LINK_TARGET.exec(value.slice(match.index + match[0].length))?.[1] : undefined;
    const id = trimEndChars(target ?? match?.[1] ?? match?.[2] ?? match?.[3] ?? "", ".");
    // "This model card … is based on the [DALL-E Mini model card](…)" speaks of the card, not the model.
    const lead = match === null ? "" : value.slice(Math.max(0, match.index - 80), match.index);
    const aboutCard = match !== null && (/\bcard\b/i.test(match[0]) || /\bcard\b/i.test(lead.slice(lead.lastIndexOf(".") + 1)));
    if (id && !aboutCard && !checkRepoId(id, "model") && !NOT_A_MODEL.test(id)) {
      out.push({ id, line });
      continue;
    }
    const sd = STABLE_DIFFUSION.exec(value);
    const before = sd ? value.slice(Math.max(0, sd.index - SD_BEFORE), sd.index) : "";
    const family = sd && TRAINED_FROM.test(before) ? SD_FAMILIES[sd[1]?.toLowerCase() ?? ""] : undefined;
    if (family) {
      out.push({ family, line });
      continue;
    }
    const llama = LLAMA.exec(value);
    const llamaLead = llama ? value.slice(Math.max(0, llama.index - SD_BEFORE), llama.index) : "";
    if (llama && LLAMA_FROM.test(llamaLead)) out.push({ family: llamaFamily(llama[1]), line });
  }
  return out;
}

/** Whether the card's code blocks mention `id` (usage snippets load the model itself by its id). */
export function codeMentions(card: Card, id: string): boolean {
  const lower = id.toLowerCase();
  let fence = false;
  for (let line = 1; line <= card.lines.lineCount; line++) {
    const value = card.lines.lineText(line);
    if (/^\s*(```|~~~)/.test(value)) fence = !fence;
    else if ((fence || /`/.test(value)) && value.toLowerCase().includes(lower)) return true;
  }
  return false;
}

/**
 * The models a mergekit configuration merges: `models[].model`,
 * `slices[].sources[].model` and `base_model`, Hub ids only (a local path
 * or a `model+lora` pair is left out), each once, in file order.
 */
export function mergekitModels(config: unknown): string[] {
  const out: string[] = [];
  const add = (value: unknown) => {
    if (typeof value !== "string") return;
    const id = value.trim();
    if (id.includes("+") || !id.includes("/") || checkRepoId(id, "model")) return;
    if (!out.some((o) => o.toLowerCase() === id.toLowerCase())) out.push(id);
  };
  const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const root = record(config);
  for (const m of list(root["models"])) add(record(m)["model"]);
  for (const slice of list(root["slices"])) for (const source of list(record(slice)["sources"])) add(record(source)["model"]);
  add(root["base_model"]);
  return out;
}
