import { parse as parseYaml } from "yaml";
import { fileIndex } from "../../../core/repo.js";
import { defineRule, type RuleContext } from "../../../core/rule.js";
import { joinText, prose, text, trusted, type Text } from "../../../core/text.js";
import type { Fix } from "../../../core/types.js";
import type { Card } from "../../../parse/card.js";
import { asStrings } from "../../../parse/card-schema.js";
import { dirname } from "../../../parse/classify.js";
import { entry, metadataOf } from "../../../parse/metadata.js";
import { jsonObject } from "../../../parse/model-config.js";
import { codeMentions, mergekitModels, statedBases } from "../../../parse/references.js";
import { checkRepoId } from "../../../parse/repo-id.js";

const MERGEKIT_NAMES = ["mergekit_config.yml", "mergekit_config.yaml"];

/** What the release says the model was made from, and where it says it. */
interface Evidence {
  readonly ids: readonly string[];
  readonly family?: string;
  /** How the message names the source. */
  readonly where: "mergekit" | "card" | "config";
  readonly source: string;
  readonly line?: number;
}

const within = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/** Ids as separate code spans: `a/b`, `c/d` and `e/f`. */
function ids(list: readonly string[]): Text {
  const parts = list.map((id) => text`${id}`);
  if (parts.length < 2) return parts[0] ?? [];
  return [...joinText(parts.slice(0, -1), ", "), ...prose(" and "), ...(parts[parts.length - 1] ?? [])];
}

/** Files beside a card that say what the model was made from. */
const SOURCES = ["adapter_config.json", ...MERGEKIT_NAMES, "config.json"];

type Reader = (path: string) => Promise<string | undefined>;

/**
 * Reads the folder's source files from the review's files. The repository is
 * asked only for a mergekit configuration, and only when the card speaks of
 * mergekit: every other lookup would cost a pull request review a request.
 */
async function folderReader(context: RuleContext, card: Card, dir: string): Promise<Reader> {
  const paths = SOURCES.map((name) => within(dir, name));
  // The review's shared index: a lookup per path, not a scan of the files per card.
  const { byPath } = fileIndex(context.files);
  const inReview = new Map(paths.flatMap((p) => { const f = byPath.get(p); return f ? [[p, f] as const] : []; }));
  const merges = MERGEKIT_NAMES.map((name) => within(dir, name)).filter((p) => !inReview.has(p));
  const asks = context.repo !== undefined && merges.length > 0 && /mergekit/i.test(card.text);
  const existing = asks ? await context.repo?.existing(merges) : undefined;
  return async (path) => {
    const file = inReview.get(path);
    if (file) return file.status !== "removed" && file.content.type === "text" ? file.content.text : undefined;
    return existing?.has(path) ? context.repo?.read(path) : undefined;
  };
}

/** The `base_model` lines to add, as one fix before the closing fence. */
function addBaseModels(card: Card, ids: readonly string[]): Fix | undefined {
  const fm = metadataOf(card);
  if (!fm || ids.length === 0) return undefined;
  const eol = card.text.includes("\r\n") ? "\r\n" : "\n";
  const lines = ids.length === 1 ? [`base_model: ${ids[0] ?? ""}`] : ["base_model:", ...ids.map((id) => `- ${id}`)];
  const close = fm.block.closeLine;
  return { line: close, endLine: close, replacement: [...lines, card.lines.lineText(close)].join(eol) };
}

export default defineRule({
  meta: {
    id: "card/base-model-stated",
    title: "The release names a base model the card does not",
    description:
      "When the release itself says which model it was made from (a mergekit configuration, a sentence or link in the card, `_name_or_path` in `config.json`), the card's `base_model` names it.",
    why:
      "The Hub builds the model tree (fine-tunes, adapters, quantizations and merges of a model) only from the card's `base_model`. A model whose card leaves it out is missing from its base's tree, and no one (nor Cardinal) can follow its lineage to the license it inherits.",
    defaultSeverity: "warning",
  },
  async check(context) {
    for (const card of context.cards) {
      await context.checkpoint();
      // Only the Hub's README.md has a base_model anything reads (a MODEL_CARD.md in a code repository has none).
      if (card.kind !== "model" || !card.hubCard) continue;
      const fm = metadataOf(card);
      // A block that does not parse: the YAML rules speak, and nothing can be said about its keys.
      if (!fm && card.frontMatter.status !== "absent") continue;
      const dir = dirname(card.path);
      const declared = fm ? asStrings(entry(card, "base_model")?.value) : [];
      const known = new Set(declared.map((d) => d.toLowerCase()));

      // An adapter's base: release/adapter-base-model's finding, not a second one here.
      const read = await folderReader(context, card, dir);
      const adapter = jsonObject((await read(within(dir, "adapter_config.json"))) ?? "");
      if (typeof adapter?.["base_model_name_or_path"] === "string") continue;

      const evidence = await gather(read, card, dir, declared.length > 0);
      if (!evidence) continue;
      const missing = evidence.ids.filter((id) => !known.has(id.toLowerCase()));
      if (evidence.ids.length > 0 && missing.length === 0) continue;

      const line = declared.length > 0 ? (entry(card, "base_model")?.keyLine ?? 1) : evidence.where === "card" && evidence.line ? evidence.line : fm ? fm.block.closeLine : 1;
      const said =
        evidence.where === "mergekit"
          ? text`${evidence.source} merges ${ids(missing)}`
          : evidence.where === "config"
            ? text`${evidence.source} was saved from ${ids(missing)} (its ${"_name_or_path"})`
            : evidence.family
              ? text`The card says it was made from ${trusted(evidence.family)}`
              : text`The card says it was made from ${ids(missing)}`;
      const partly = declared.length > 0;
      const fix = !partly && fm ? addBaseModels(card, missing) : undefined;
      context.report({
        path: card.path,
        line,
        ...(evidence.where === "config" ? { atMost: "notice" as const } : {}),
        message: partly
          ? text`${said}, but the card's ${"base_model"} lists only ${ids(declared)}: the Hub shows the model as made from ${prose(declared.length === 1 ? "that one" : "those")} alone.`
          : text`${said}, but the card ${prose(fm ? "names no" : "has no metadata block, so it names no")} ${"base_model"}: the model is missing from its base model's tree on the Hub.${
              evidence.where === "config" ? prose(" (`_name_or_path` is often the model's own id or a local folder; if it is not the model this one was made from, ignore this.)") : []
            }`,
        hint: evidence.family
          ? text`Add ${"base_model:"} with the Hub id of the ${trusted(evidence.family)} checkpoint the model was trained from.`
          : partly
            ? text`List every model it was made from under ${"base_model"}: ${ids([...declared, ...missing])}.`
            : fm
              ? text`Add ${missing.length === 1 ? `base_model: ${missing[0] ?? ""}` : "base_model:"} to the metadata${missing.length > 1 ? prose(", with each of them as a list item") : prose("")}.`
              : text`Start the card with a metadata block that names it: ${"---"}, ${`base_model: ${missing[0] ?? ""}`}, ${"---"}.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
});

/** The strongest statement of the base in the release: a merge configuration, the card's id, config.json, then a family the card names. */
async function gather(read: Reader, card: Card, dir: string, hasBase: boolean): Promise<Evidence | undefined> {
  for (const name of MERGEKIT_NAMES) {
    const path = within(dir, name);
    const raw = await read(path);
    if (raw === undefined) continue;
    let parsed: unknown;
    try {
      parsed = parseYaml(raw, { maxAliasCount: 50 });
    } catch {
      continue;
    }
    const ids = mergekitModels(parsed);
    if (ids.length > 0) return { ids, where: "mergekit", source: path };
  }
  // With a base_model already in the card, only a merge configuration says what else belongs there.
  if (hasBase) return undefined;
  const stated = statedBases(card);
  const byId = stated.find((s) => s.id);
  if (byId?.id) return { ids: [byId.id], where: "card", source: card.path, line: byId.line };
  const configPath = within(dir, "config.json");
  const config = jsonObject((await read(configPath)) ?? "");
  const origin = config?.["_name_or_path"];
  // Only a Hub id with an owner, which the card's own snippets do not load (then it is most likely the model itself).
  if (typeof origin === "string" && origin.includes("/") && !checkRepoId(origin, "model") && !codeMentions(card, origin)) {
    return { ids: [origin], where: "config", source: configPath };
  }
  // A family without an id ("fine-tuning LLaMA") comes last: an id from config.json is more use to the fix.
  const byFamily = stated.find((s) => s.family);
  if (byFamily?.family) return { ids: [], family: byFamily.family, where: "card", source: card.path, line: byFamily.line };
  return undefined;
}
