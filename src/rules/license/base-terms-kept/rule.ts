import { fileIndex } from "../../../core/repo.js";
import { defineRule, type RuleContext } from "../../../core/rule.js";
import { prose, text, trusted, type Text } from "../../../core/text.js";
import { PASS_ON_TERMS, type PassOnTerms } from "../../../data/license-terms.js";
import type { Card } from "../../../parse/card.js";
import { asStrings } from "../../../parse/card-schema.js";
import { basename, dirname, foldersUp } from "../../../parse/classify.js";
import { effectiveLicenses } from "../../../parse/license-values.js";
import { familyFromName } from "../../../parse/lineage.js";
import { entry } from "../../../parse/metadata.js";
import { describeModelFile, jsonObject } from "../../../parse/model-config.js";
import { checkRepoId } from "../../../parse/repo-id.js";

/** Files that carry a license or its notice: LICENSE, NOTICE, COPYING, USE_POLICY.md, GEMMA_TERMS_OF_USE.md, LLAMA2_LICENSE.txt … */
const TERMS_FILE = /licen[cs]e|^notice|^copying|use_policy|terms/i;

/** Files whose presence makes a folder a release of model weights. */
const RELEASE_FILES = ["config.json", "adapter_config.json", "model_index.json"];

/** "the original LLaMA weights", "LLaMA-1", "LLaMA v1": the first LLaMA, by words that leave no doubt. */
const ORIGINAL_LLAMA = /\b(?:original|first)\s+LLaMA\b|\bLLaMA[- ]?v?1\b(?![\d.])/;

const within = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/** What says which model the release comes from. */
interface Origin {
  /** How the message says it: "the card's `base_model` (…)". */
  readonly said: Text;
  readonly terms: PassOnTerms;
  /** The Hub said the license; otherwise a name or a sentence did. */
  readonly byHub: boolean;
  /** Only a sentence of the card says it: a notice, and the card's own license does not silence it. */
  readonly byProse: boolean;
  readonly path: string;
  readonly line: number;
}

function lineOf(textValue: string, needle: string): number {
  const at = textValue.indexOf(needle);
  return at === -1 ? 1 : textValue.slice(0, at).split("\n").length;
}

function termsOfName(id: string): PassOnTerms | undefined {
  const named = familyFromName(id);
  return named ? PASS_ON_TERMS.get(named.license) : undefined;
}

export default defineRule({
  meta: {
    id: "license/base-terms-kept",
    title: "The base model's license terms are not passed on",
    description:
      "A release of a model made from Llama, Gemma or a Stable Diffusion (OpenRAIL) model carries what the base model's license asks of anyone who distributes it: a copy of the license, and the notice some of them ask for.",
    why:
      "These licenses let anyone share the model and models made from it, on a condition: the license travels with the files. The Llama licenses ask for a copy of the agreement and a \"Notice\" file, the Gemma Terms of Use for a copy and a notice, OpenRAIL-M for a copy and its use restrictions. A release without them breaks the license it depends on, and leaves its users without the terms that bind them.",
    defaultSeverity: "warning",
  },
  async check(context) {
    const { byPath } = fileIndex(context.files);
    const dirs = new Set<string>();
    for (const f of context.files) {
      if (f.status === "removed") continue;
      const name = basename(f.path);
      if (name === "config.json" ? describeModelFile(f) : RELEASE_FILES.includes(name)) dirs.add(dirname(f.path));
    }
    // The Hub's model card of each folder, found once: a lookup per folder would make a review of many cards quadratic.
    const cardOf = new Map<string, Card>();
    for (const card of context.cards) {
      if (card.kind !== "model" || !card.hubCard) continue;
      dirs.add(dirname(card.path));
      if (!cardOf.has(dirname(card.path))) cardOf.set(dirname(card.path), card);
    }
    const termsDirs = termsFolders(context);
    const reported = new Set<string>();
    for (const dir of [...dirs].sort((a, b) => a.length - b.length)) {
      await context.checkpoint();
      // The card of the folder, or of the nearest folder above it.
      const card = foldersUp(dir)
        .map((d) => cardOf.get(d))
        .find((c) => c !== undefined);
      const origin = await originOf(context, card, dir, (path) => {
        const f = byPath.get(path);
        return f && f.status !== "removed" && f.content.type === "text" ? f.content.text : undefined;
      });
      if (!origin || reported.has(origin.terms.license)) continue;
      // A card that gives these terms' own id, or `other` (which may be them), names them; so does a card whose
      // text speaks of them. A card with no license at all names nothing (license/declared asks for the id; this
      // finding says what else the base's license asks).
      const declared = card ? effectiveLicenses(card).map((l) => l.id) : [];
      if (declared.some((id) => id === "other" || id === origin.terms.license || id.startsWith("llama"))) continue;
      if (card && origin.terms.named(card.text)) continue;
      const carried = await termsFileIn(context, dir, termsDirs);
      if (carried !== false) continue; // a license file is there, or Cardinal cannot tell
      reported.add(origin.terms.license);
      const { terms } = origin;
      const what = !card
        ? prose("no license file or notice, and no model card")
        : declared.length === 0
          ? prose("no license file or notice, and its card declares no license")
          : text`no license file or notice, and its card declares ${declared.join(", ")} without naming these terms`;
      const quoted = terms.notice ? `: “${terms.notice}”${terms.notice.endsWith(".") ? "" : "."}` : ".";
      const rests: Text = origin.byHub
        ? []
        : origin.byProse
          ? prose(" This rests on a sentence of the card.")
          : prose(context.hub ? " The Hub gave no license for it, so this rests on its name." : " This rests on the name (Cardinal did not ask the Hub).");
      context.report({
        path: origin.path,
        line: origin.line,
        ...(origin.byProse || !origin.byHub ? { atMost: origin.byProse ? ("notice" as const) : ("warning" as const) } : {}),
        message: text`${origin.said}, so the release is ${prose(origin.byHub ? "bound" : "likely bound")} by ${trusted(terms.name)}, whose ${trusted(terms.asks)}${trusted(quoted)} ${dir === "" ? prose("The repository") : text`The folder ${dir}`} holds ${what}.${rests}`,
        hint: text`Add the license's text as ${within(dir, "LICENSE")} (from ${terms.text})${terms.notice ? text` and a ${within(dir, "NOTICE")} file with the notice` : []}, and say in the card which terms apply.`,
      });
    }
  },
});

/** Where the release says it comes from, strongest first: the card's base_model (the Hub's licenses, or the name), an adapter's or a config's base, a sentence. */
async function originOf(
  context: RuleContext,
  card: Card | undefined,
  dir: string,
  read: (path: string) => string | undefined,
): Promise<Origin | undefined> {
  const bases = card ? asStrings(entry(card, "base_model")?.value).filter((id) => !checkRepoId(id, "model")) : [];
  if (card && bases.length > 0) {
    // A card with a license and a base model: license/compatible-with-base-model judges the one against the other.
    if (effectiveLicenses(card).length > 0) return undefined;
    const line = entry(card, "base_model")?.keyLine ?? 1;
    for (const id of bases) {
      const answer = context.hub ? await context.hub.lookup("model", id) : undefined;
      if (answer?.status === "found" && answer.info.licenses.length > 0) {
        const terms = answer.info.licenses.map((l) => PASS_ON_TERMS.get(l)).find((t) => t !== undefined);
        if (terms) return { said: text`The Hub lists the card's ${"base_model"} ${id} under ${terms.license}`, terms, byHub: true, byProse: false, path: card.path, line };
        continue;
      }
      const terms = termsOfName(id);
      if (terms) return { said: text`The card's ${"base_model"} is ${id}, whose name says ${trusted(familyFromName(id)?.family ?? id)}`, terms, byHub: false, byProse: false, path: card.path, line };
    }
    return undefined;
  }
  for (const [name, key] of [["adapter_config.json", "base_model_name_or_path"], ["config.json", "_name_or_path"], ["model_index.json", "_name_or_path"]] as const) {
    const path = within(dir, name);
    const raw = read(path);
    const value = raw === undefined ? undefined : jsonObject(raw)?.[key];
    if (typeof value !== "string" || !value.includes("/") || checkRepoId(value, "model")) continue;
    const line = lineOf(raw ?? "", `"${key}"`);
    const answer = context.hub ? await context.hub.lookup("model", value) : undefined;
    if (answer?.status === "found" && answer.info.licenses.length > 0) {
      // The Hub's answer replaces the name's.
      const terms = answer.info.licenses.map((l) => PASS_ON_TERMS.get(l)).find((t) => t !== undefined);
      if (!terms) return undefined;
      return { said: text`${path} names ${value} as its ${key}, which the Hub lists under ${terms.license}`, terms, byHub: true, byProse: false, path, line };
    }
    const terms = termsOfName(value);
    if (!terms) continue;
    return {
      said: text`${path} names ${value} as its ${key}, a name that says ${trusted(familyFromName(value)?.family ?? value)}`,
      terms,
      byHub: false,
      byProse: false,
      path,
      line,
    };
  }
  if (card) {
    const body = card.frontMatter.status === "present" ? card.frontMatter.block.bodyLine : 1;
    for (let line = body; line <= card.lines.lineCount; line++) {
      const sentence = card.lines.lineText(line);
      const match = ORIGINAL_LLAMA.exec(sentence);
      const terms = PASS_ON_TERMS.get("llama1");
      if (!match || !terms) continue;
      return { said: text`The card speaks of “${trusted(match[0])}”`, terms, byHub: false, byProse: true, path: card.path, line };
    }
  }
  return undefined;
}

/** The folders that hold a license or notice file: those of the review, then (listed once, when asked) the repository's. */
function termsFolders(context: RuleContext): { review: Set<string>; repo: () => Promise<Set<string> | undefined> } {
  const review = new Set<string>();
  for (const f of context.files) if (f.status !== "removed" && TERMS_FILE.test(basename(f.path))) review.add(dirname(f.path));
  let listed: Promise<Set<string> | undefined> | undefined;
  const repo = () =>
    (listed ??= (async () => {
      const all = context.repo?.filesUnder ? await context.repo.filesUnder("") : undefined;
      return all ? new Set(all.filter((p) => TERMS_FILE.test(basename(p))).map(dirname)) : undefined;
    })());
  return { review, repo };
}

/** Whether `dir` or a folder above it holds a license or notice file; undefined when Cardinal cannot tell. */
async function termsFileIn(context: RuleContext, dir: string, termsDirs: ReturnType<typeof termsFolders>): Promise<boolean | undefined> {
  const folders = foldersUp(dir);
  if (folders.some((d) => termsDirs.review.has(d))) return true;
  if (context.repo?.filesUnder) {
    const listed = await termsDirs.repo();
    if (!listed) return undefined;
    return folders.some((d) => listed.has(d));
  }
  // A folder's files are all in the review; a pull request's port cannot list the repository, and a license
  // file under a name of its own (LLAMA2_LICENSE.txt) would go unseen: then Cardinal cannot tell.
  return context.workspace.source === "folder" && !context.repo ? false : undefined;
}
