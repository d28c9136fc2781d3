import { filesExist } from "../../../core/repo.js";
import { defineRule, type RuleContext } from "../../../core/rule.js";
import type { Card } from "../../../parse/card.js";
import { asStrings } from "../../../parse/card-schema.js";
import { text, trusted } from "../../../core/text.js";
import { dirname, inFolder } from "../../../parse/classify.js";
import { appendMetadataLine, entry, metadataOf } from "../../../parse/metadata.js";

/**
 * Architecture class suffixes whose task is certain, and the pipeline tag
 * that goes with them. Ambiguous heads (`ForConditionalGeneration`, used by
 * translation, summarisation, speech and vision-language models) are left out.
 */
const TASK_BY_SUFFIX: readonly [string, string][] = [
  ["ForCausalLM", "text-generation"],
  ["ForMaskedLM", "fill-mask"],
  ["ForSequenceClassification", "text-classification"],
  ["ForTokenClassification", "token-classification"],
  ["ForQuestionAnswering", "question-answering"],
  ["ForImageClassification", "image-classification"],
  ["ForObjectDetection", "object-detection"],
  ["ForSemanticSegmentation", "image-segmentation"],
  ["ForAudioClassification", "audio-classification"],
  ["ForCTC", "automatic-speech-recognition"],
  ["ForDepthEstimation", "depth-estimation"],
];

/** Tasks a card may declare for a head without contradicting it. */
const COMPATIBLE: Record<string, readonly string[]> = {
  "text-generation": ["text-generation", "image-text-to-text", "feature-extraction"],
  "fill-mask": ["fill-mask", "feature-extraction", "sentence-similarity"],
  "text-classification": ["text-classification", "zero-shot-classification", "sentence-similarity"],
  "image-segmentation": ["image-segmentation", "mask-generation"],
};

export default defineRule({
  meta: {
    id: "release/config-matches-card",
    title: "config.json and the card disagree",
    description: "The card's `pipeline_tag` fits the architecture in `config.json`, and a transformers model's card sets `library_name`.",
    why:
      "The Hub picks the widget, the inference task and the code snippet from the card. When the card names another task than the architecture performs, or leaves `library_name` out (since 2024 the Hub no longer assumes transformers from `config.json`), users get a snippet that does not run.",
    defaultSeverity: "notice",
  },
  async check(context) {
    const { files, cards, report } = context;
    for (const file of files) {
      if (file.kind !== "model-config" || file.status === "removed" || file.content.type !== "text") continue;
      const card = inFolder(cards, dirname(file.path)).find((c) => c.kind === "model");
      if (!card || !metadataOf(card)) continue;
      let config: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(file.content.text);
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) continue;
        config = parsed as Record<string, unknown>;
      } catch {
        continue;
      }

      const architectures = Array.isArray(config["architectures"]) ? config["architectures"].filter((a): a is string => typeof a === "string") : [];
      const tasks = new Set(architectures.flatMap((a) => TASK_BY_SUFFIX.filter(([suffix]) => a.endsWith(suffix)).map(([, t]) => t)));
      const pipeline = entry(card, "pipeline_tag");
      if (tasks.size === 1 && pipeline && typeof pipeline.value === "string") {
        const [task] = [...tasks] as [string];
        if (!(COMPATIBLE[task] ?? [task]).includes(pipeline.value)) {
          report({
            path: card.path,
            line: pipeline.line,
            column: pipeline.column,
            message: text`The card's ${"pipeline_tag"} is ${pipeline.value}, but ${file.path} describes ${architectures.join(", ")}, a ${trusted(task)} model.`,
            hint: text`Use ${task} unless the model really serves another task, for example through custom code.`,
          });
        }
      }

      const library = entry(card, "library_name");
      if (!library && typeof config["transformers_version"] === "string" && architectures.length > 0) {
        // A sentence-transformers model keeps a transformers config.json too; its library is sentence-transformers.
        const name = (await sentenceTransformers(context, card, dirname(file.path))) ? "sentence-transformers" : "transformers";
        const fix = appendMetadataLine(card, `library_name: ${name}`);
        report({
          path: card.path,
          line: metadataOf(card)?.block.closeLine ?? 1,
          message:
            name === "transformers"
              ? text`${file.path} was saved by transformers, but the card sets no ${"library_name"}, so the Hub shows no transformers snippet.`
              : text`${file.path} was saved by transformers for a sentence-transformers model, but the card sets no ${"library_name"}, so the Hub shows no sentence-transformers snippet.`,
          hint: text`Add ${`library_name: ${name}`} to the metadata.`,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});

/**
 * Whether the folder holds a sentence-transformers model: its own files
 * (`config_sentence_transformers.json`, `modules.json`), a
 * `sentence-transformers` tag, or a snippet that imports the library.
 */
async function sentenceTransformers(context: RuleContext, card: Card, dir: string): Promise<boolean> {
  if (asStrings(entry(card, "tags")?.value).includes("sentence-transformers")) return true;
  if (/\bfrom sentence_transformers import\b|\bimport sentence_transformers\b/.test(card.text)) return true;
  const paths = ["config_sentence_transformers.json", "modules.json"].map((name) => (dir ? `${dir}/${name}` : name));
  const exist = await filesExist(context, paths);
  return paths.some((p) => exist.get(p) === true);
}
