import { MODEL_LIBRARIES_UI_ELEMENTS } from "@huggingface/tasks";
import { defineRule } from "../../../core/rule.js";
import { editDistance } from "../../../core/suggest.js";
import { text } from "../../../core/text.js";
import { entry, lineFix, metadataOf } from "../../../parse/metadata.js";

const LIBRARIES = Object.keys(MODEL_LIBRARIES_UI_ELEMENTS);
const LIBRARY_SET = new Set(LIBRARIES);

/** Framework and file-format names that people put in `library_name`. */
const FRAMEWORKS = new Set(["pytorch", "torch", "tensorflow", "tf", "jax", "flax", "onnx", "gguf", "safetensors", "pt", "keras2"]);

/** The library key meant, when certain: a case difference or one or two typos with a single best match. */
function intendedLibrary(value: string): string | undefined {
  const lower = value.toLowerCase();
  const exact = LIBRARIES.find((l) => l.toLowerCase() === lower || l.toLowerCase() === lower.replace(/_/g, "-"));
  if (exact) return exact;
  if (value.length < 5) return undefined;
  const ranked = LIBRARIES.map((l) => [l, editDistance(lower, l.toLowerCase())] as const).sort((a, b) => a[1] - b[1]);
  const [first, second] = ranked;
  if (first && first[1] <= 2 && (!second || second[1] > first[1])) return first[0];
  return undefined;
}

export default defineRule({
  meta: {
    id: "card/library-name-known",
    title: "Library name is not one the Hub knows",
    description: "`library_name` names a library from the Hub's list (`transformers`, `diffusers`, `peft` …).",
    why:
      "The Hub uses `library_name` to show the right \"Use this model\" code snippet, count downloads and list the model under its library. A misspelled name, or a framework such as `pytorch` in its place, gives the model none of these.",
    defaultSeverity: "warning",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (card.kind !== "model" || !metadataOf(card)) continue;
      const e = entry(card, "library_name");
      if (!e || typeof e.value !== "string" || LIBRARY_SET.has(e.value)) continue;
      const value = e.value;
      if (FRAMEWORKS.has(value.toLowerCase())) {
        report({
          path: card.path,
          line: e.line,
          column: e.column,
          message: text`${value} is a framework or file format, not a library the Hub knows, so the model gets no library snippet.`,
          hint: text`Name the library that loads the model (for example ${"transformers"}, ${"diffusers"} or ${"timm"}; leave it out if none fits), and list ${value} under ${"tags"}.`,
        });
        continue;
      }
      const meant = intendedLibrary(value);
      if (!meant) continue; // The Hub's list grows often: an unknown, unrelated name is not reported.
      const fix = lineFix(card, e.line, value, meant);
      report({
        path: card.path,
        line: e.line,
        column: e.column,
        message: text`${value} is not a library name the Hub knows. Did you mean ${meant}?`,
        hint: text`Write ${meant}.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
