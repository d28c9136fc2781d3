import { fileIndex } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { PASS_ON_TERMS } from "../../../data/license-terms.js";
import type { Card } from "../../../parse/card.js";
import { asStrings } from "../../../parse/card-schema.js";
import { dirname } from "../../../parse/classify.js";
import { effectiveLicenses } from "../../../parse/license-values.js";
import { familyFromName } from "../../../parse/lineage.js";
import { entry } from "../../../parse/metadata.js";
import { jsonObject } from "../../../parse/model-config.js";
import { checkRepoId } from "../../../parse/repo-id.js";

/** Meta's community licenses, which allow commercial use (section 2 asks only products over 700 million monthly users for another license). */
const COMMERCIAL_LLAMA = new Set(["llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"]);

const NON_COMMERCIAL = /\bnon-?commercial\b/i;
const LLAMA = /\bllama\b/i;
const LICENSE_WORD = /\b(?:licen[cs]e|terms)\b/i;

const within = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/** The Llama license the release is under, and what says so. */
function llamaLicenseOf(card: Card, read: (path: string) => string | undefined): { license: string; because: ReturnType<typeof text> } | undefined {
  const declared = effectiveLicenses(card).find((l) => COMMERCIAL_LLAMA.has(l.id));
  if (declared) return { license: declared.id, because: text`the card declares ${`license: ${declared.id}`}` };
  const ids = asStrings(entry(card, "base_model")?.value).filter((id) => !checkRepoId(id, "model"));
  const dir = dirname(card.path);
  for (const [name, key] of [["adapter_config.json", "base_model_name_or_path"], ["config.json", "_name_or_path"]] as const) {
    const value = jsonObject(read(within(dir, name)) ?? "")?.[key];
    if (typeof value === "string" && value.includes("/") && !checkRepoId(value, "model")) ids.push(value);
  }
  for (const id of ids) {
    const named = familyFromName(id);
    if (named && COMMERCIAL_LLAMA.has(named.license)) return { license: named.license, because: text`${id}'s name says ${trusted(named.family)}` };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: "license/terms-described",
    title: "The card misstates the Llama license",
    description: "A card for a model under a Llama community license (Llama 2 and later) does not describe that license as non-commercial.",
    why:
      "The original LLaMA (2023) was released for non-commercial research only; Llama 2 and every later Llama license allow commercial use, and ask only products with more than 700 million monthly active users for a separate license from Meta (section 2, \"Additional Commercial Terms\"). A card that tells users the Llama license forbids commercial use gives them the wrong terms, or adds a restriction of its own without saying so.",
    defaultSeverity: "notice",
  },
  async check(context) {
    const { byPath } = fileIndex(context.files);
    const read = (path: string) => {
      const f = byPath.get(path);
      return f && f.status !== "removed" && f.content.type === "text" ? f.content.text : undefined;
    };
    for (const card of context.cards) {
      await context.checkpoint();
      if (card.kind !== "model") continue;
      const start = card.frontMatter.status === "present" ? card.frontMatter.block.bodyLine : 1;
      let fence = false;
      let hit: { line: number; value: string } | undefined;
      for (let line = start; line <= card.lines.lineCount && !hit; line++) {
        const value = card.lines.lineText(line);
        if (/^\s*(```|~~~)/.test(value)) fence = !fence;
        if (!fence && NON_COMMERCIAL.test(value) && LLAMA.test(value) && LICENSE_WORD.test(value)) hit = { line, value };
      }
      if (!hit) continue;
      const under = llamaLicenseOf(card, read);
      if (!under) continue;
      const terms = PASS_ON_TERMS.get(under.license);
      context.report({
        path: card.path,
        line: hit.line,
        message: text`This line speaks of non-commercial use under the Llama license, but ${under.because}, and ${trusted(terms?.name ?? under.license)} allows commercial use: only products with more than 700 million monthly active users need a separate license from Meta (section 2). The non-commercial LLaMA license was the original LLaMA's (2023).`,
        hint: prose(
          "If the restriction is your own choice, say so and declare it (`license: other` with your terms); if it describes Meta's license, correct it and link the license the model is under.",
        ),
      });
    }
  },
});
