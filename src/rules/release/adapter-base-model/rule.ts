import { defineRule, type RuleContext } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import type { Card } from "../../../parse/card.js";
import { asStrings } from "../../../parse/card-schema.js";
import { dirname, inFolder } from "../../../parse/classify.js";
import { appendMetadataLine, entry, metadataOf } from "../../../parse/metadata.js";
import { checkRepoId } from "../../../parse/repo-id.js";

/** The model card of a folder among the reviewed cards. */
function cardOf(context: RuleContext, dir: string): Card | undefined {
  return inFolder(context.cards, dir).find((c) => c.kind === "model");
}

/** After `.from_pretrained(`: a quoted id, or a name, as the first argument. Anchored, so linear. */
const FIRST_ARGUMENT = /^\s*(?:pretrained_model_name_or_path\s*=\s*)?(?:["']([^"'\s]{3,200})["']|([A-Za-z_]\w{0,60})\s*[,)])/;
const ASSIGN = /^\s*([A-Za-z_]\w{0,60})\s*=\s*["']([^"'\s]{3,200})["']\s*$/;

/**
 * The base model a card's own Python snippet loads before `PeftModel.from_pretrained` puts the
 * adapter on it: a literal id, or a name assigned one earlier in the same block. Only in a code
 * block that uses PeftModel, so a snippet that loads the merged model is not read.
 */
export function snippetBase(card: Card): { readonly id: string; readonly line: number } | undefined {
  let block: { line: number; text: string }[] | undefined;
  for (let line = 1; line <= card.lines.lineCount; line++) {
    const value = card.lines.lineText(line);
    if (/^\s*(```|~~~)/.test(value)) {
      if (block) {
        const found = baseInBlock(block);
        if (found) return found;
        block = undefined;
      } else block = [];
      continue;
    }
    if (block && value.length <= 2000) block.push({ line, text: value });
  }
  return undefined;
}

const CALL = ".from_pretrained(";

/** The first argument of a model class's `from_pretrained` on a line (not PeftModel's, not a tokenizer's). */
function modelLoad(value: string): { readonly literal?: string; readonly name?: string } | undefined {
  const at = value.indexOf(CALL);
  if (at === -1) return undefined;
  let start = at;
  while (start > 0 && /\w/.test(value.charAt(start - 1))) start--;
  const receiver = value.slice(start, at);
  const modelClass = receiver !== "PeftModel" && (receiver.startsWith("AutoModel") || receiver.includes("For") || receiver.endsWith("Model"));
  if (!modelClass) return undefined;
  const argument = FIRST_ARGUMENT.exec(value.slice(at + CALL.length));
  if (!argument) return undefined;
  return argument[1] ? { literal: argument[1] } : argument[2] ? { name: argument[2] } : undefined;
}

function baseInBlock(block: readonly { line: number; text: string }[]): { id: string; line: number } | undefined {
  if (!block.some((l) => l.text.includes("PeftModel.from_pretrained("))) return undefined;
  const names = new Map<string, { id: string; line: number }>();
  for (const { line, text: value } of block) {
    const assigned = ASSIGN.exec(value);
    if (assigned?.[1] && assigned[2]) names.set(assigned[1], { id: assigned[2], line });
    const loaded = modelLoad(value);
    if (loaded?.literal && !checkRepoId(loaded.literal, "model")) return { id: loaded.literal, line };
    const known = loaded?.name ? names.get(loaded.name) : undefined;
    if (known && !checkRepoId(known.id, "model")) return known;
  }
  return undefined;
}

/** A path on someone's disk: relative, absolute, under the home folder, or on a Windows drive. */
const LOCAL_PATH = /^(?:\.{1,2}[\\/]|[\\/]|~[\\/]|[A-Za-z]:[\\/])/;

/**
 * The last folder of a local path (`/root/autodl-tmp/models/glm-4-9b-chat` → `glm-4-9b-chat`), when it has one;
 * never for an address or an id with too many parts, whose last part is no folder the model was in.
 */
function localFolderName(path: string): string | undefined {
  if (!LOCAL_PATH.test(path.trim())) return undefined;
  return path.split(/[\\/]/).filter((p) => p !== "" && p !== "." && p !== "..").at(-1);
}

export default defineRule({
  meta: {
    id: "release/adapter-base-model",
    title: "Adapter's base model is not in the card",
    description: "An adapter's `adapter_config.json` names a Hub model as its base, and the card's `base_model` names the same one.",
    why:
      "An adapter (LoRA, PEFT) is useless without the model it adapts. The Hub links adapter and base only through the card's `base_model`, and PEFT loads the base from `base_model_name_or_path`; when the two disagree, or the config holds a local path, users cannot load the adapter.",
    defaultSeverity: "warning",
  },
  async check(context) {
    for (const file of context.files) {
      if (file.kind !== "adapter-config" || file.status === "removed" || file.content.type !== "text") continue;
      let config: unknown;
      try {
        config = JSON.parse(file.content.text);
      } catch {
        continue; // not ours to judge: a broken JSON file fails loudly in PEFT itself
      }
      const base = (config as { base_model_name_or_path?: unknown } | null)?.base_model_name_or_path;
      if (typeof base !== "string" || base === "") continue;
      const line = Math.max(1, file.content.text.split(/\r\n|\r|\n/).findIndex((l) => l.includes('"base_model_name_or_path"')) + 1);

      const problem = checkRepoId(base, "model");
      if (problem && !problem.suggestion) {
        context.report({
          path: file.path,
          line,
          message: text`${"base_model_name_or_path"} is ${base}: ${trusted(problem.reason)}, so nobody else can load the adapter's base model.`,
          hint: localFolderName(base)
            ? text`Set it to the Hub id of the model that was in the folder ${localFolderName(base) ?? ""} (the Hub id is ${"owner/name"}: find the repository that model was downloaded from), and name the same id in the card's ${"base_model"}.`
            : prose("Set it to the Hub id of the base model (`owner/name`, as on its Hub page), and name the same id in the card's `base_model`."),
        });
        continue;
      }
      const id = problem?.suggestion ?? base;
      const card = cardOf(context, dirname(file.path));
      if (!card) continue; // no card in this review: release/has-model-card speaks
      const loaded = snippetBase(card);
      if (loaded && loaded.id.toLowerCase() !== id.toLowerCase()) {
        // Two statements of the base that disagree: which one is right is not known, so a notice.
        context.report({
          path: card.path,
          line: loaded.line,
          atMost: "notice",
          title: "The card's code loads the adapter on another base",
          message: text`The card's code loads the adapter on ${loaded.id}, but ${file.path} says it was trained on ${id}: one of the two is wrong about the base.`,
          hint: prose("Load the adapter on the model it was trained on, and make the card's code, its `base_model` and `base_model_name_or_path` name the same id."),
        });
      }
      if (!metadataOf(card)) {
        // A card with no metadata block at all (a GitHub README) names no base model either; a broken block is the YAML rules' to report.
        if (card.frontMatter.status !== "absent") continue;
        context.report({
          path: card.path,
          line: 1,
          message: text`${file.path} adapts ${id}, but the card has no metadata block, so it names no ${"base_model"} and the Hub cannot link the adapter to its base.`,
          hint: text`Start the card with a metadata block that names the base: ${"---"}, ${`base_model: ${id}`}, ${"---"}.`,
        });
        continue;
      }
      const declared = asStrings(entry(card, "base_model")?.value);
      if (declared.includes(id)) continue;
      if (declared.length === 0) {
        const fix = appendMetadataLine(card, `base_model: ${id}`);
        context.report({
          path: card.path,
          line: metadataOf(card)?.block.closeLine ?? 1,
          message: text`${file.path} adapts ${id}, but the card names no ${"base_model"}.`,
          hint: text`Add ${`base_model: ${id}`} to the metadata.`,
          ...(fix ? { fix } : {}),
        });
      } else {
        const e = entry(card, "base_model");
        context.report({
          path: card.path,
          line: e?.keyLine ?? 1,
          message: text`${file.path} adapts ${id}, but the card's ${"base_model"} says ${declared.join(", ")}.`,
          hint: prose("Make the two agree: the card should name the model the adapter was trained on."),
        });
      }
    }
  },
});
