import { PIPELINE_TYPES } from "@huggingface/tasks";
import { defineRule } from "../../../core/rule.js";
import { closest } from "../../../core/suggest.js";
import { prose, text, trusted } from "../../../core/text.js";
import { entry, lineFix, metadataOf } from "../../../parse/metadata.js";

const PIPELINES = new Set<string>(PIPELINE_TYPES);

/** Old task names still found in cards, with what the Hub uses now. */
const RENAMED: Record<string, { tag: string; note: string }> = {
  conversational: { tag: "text-generation", note: "`conversational` is now a tag on text-generation models, not a pipeline" },
  "text2text-generation": { tag: "text-generation", note: "text2text-generation is now a kind of text-generation" },
  "sentiment-analysis": { tag: "text-classification", note: "sentiment analysis is a kind of text-classification" },
  ner: { tag: "token-classification", note: "named-entity recognition is a kind of token-classification" },
  asr: { tag: "automatic-speech-recognition", note: "the pipeline's full name is automatic-speech-recognition" },
  "speech-recognition": { tag: "automatic-speech-recognition", note: "the pipeline's full name is automatic-speech-recognition" },
  tts: { tag: "text-to-speech", note: "the pipeline's full name is text-to-speech" },
  "image-generation": { tag: "text-to-image", note: "image generation from a prompt is text-to-image" },
  embeddings: { tag: "feature-extraction", note: "embedding models use feature-extraction (or sentence-similarity)" },
};

export default defineRule({
  meta: {
    id: "card/pipeline-tag-known",
    title: "Pipeline tag is not a Hub task",
    description: "`pipeline_tag` is one of the Hub's tasks (`text-generation`, `image-classification` …).",
    why:
      "The pipeline tag decides which task filter finds the model, which widget its page shows and how inference providers call it. A value outside the Hub's list leaves the model out of every task search.",
    defaultSeverity: "warning",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (card.kind !== "model" || !metadataOf(card)) continue;
      const e = entry(card, "pipeline_tag");
      if (!e || typeof e.value !== "string" || PIPELINES.has(e.value)) continue;
      const value = e.value;
      const renamed = RENAMED[value.toLowerCase()];
      const meant = renamed?.tag ?? (PIPELINES.has(value.toLowerCase()) ? value.toLowerCase() : closest(value.replace(/_/g, "-"), PIPELINES));
      const fix = meant ? lineFix(card, e.line, value, meant) : undefined;
      report({
        path: card.path,
        line: e.line,
        column: e.column,
        message: renamed
          ? text`${value} is not a Hub task: ${trusted(renamed.note)}.`
          : meant
            ? text`${value} is not a Hub task. Did you mean ${meant}?`
            : text`${value} is not one of the Hub's tasks.`,
        hint: meant ? text`Write ${meant}.` : prose("Pick the task from the list on the Hub's models page (for example `text-generation`, `fill-mask`, `image-classification`)."),
        ...(fix ? { fix } : {}),
      });
    }
  },
});
