import { defineRule } from "../../../core/rule.js";
import { prose, quoted, text } from "../../../core/text.js";
import { basename } from "../../../parse/classify.js";
import { jsonErrorOffset } from "../../../parse/json-error.js";

const JSON_KINDS = new Set(["model-config", "adapter-config", "release-config", "weights-index"]);

/** The 1-based line and column of an offset. */
export function placeOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

/** The parser's words, without the offset (the finding gives line and column). */
function reason(message: string): string {
  const at = message.indexOf(" in JSON at position ");
  return (at === -1 ? message : message.slice(0, at)).trim();
}

export default defineRule({
  meta: {
    id: "release/config-json-valid",
    title: "Configuration file is not valid JSON",
    description:
      "The JSON files libraries load beside the weights (`config.json`, `adapter_config.json`, `tokenizer_config.json`, `generation_config.json`, `preprocessor_config.json`, `model_index.json`, `*.safetensors.index.json`, `*.bin.index.json`) parse as JSON.",
    why:
      "transformers, diffusers and PEFT read these files with a strict JSON parser before they load a single weight: one trailing comma or comment makes `from_pretrained` fail for everyone, and the Hub cannot read the model's architecture or the shard index either.",
    defaultSeverity: "error",
  },
  check(context) {
    for (const file of context.files) {
      if (!JSON_KINDS.has(file.kind) || file.status === "removed" || file.content.type !== "text") continue;
      const source = file.content.text;
      try {
        JSON.parse(source.replace(/^\uFEFF/, ""));
        continue;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // A byte-order mark is invisible in an editor: the column is counted without it.
        const body = source.startsWith("\uFEFF") ? source.slice(1) : source;
        const offset = jsonErrorOffset(body);
        // NaN and Infinity: JavaScript refuses them, Python's json (what the libraries use) reads them.
        if (offset === undefined) continue;
        const place = placeOf(body, offset);
        context.report({
          path: file.path,
          line: place.line,
          column: place.column,
          message: text`${basename(file.path)} is not valid JSON at line ${place.line}, column ${place.column} (${quoted(reason(message))}), so libraries fail to load it.`,
          hint: prose("JSON allows no comments, no trailing commas and only double-quoted strings; save the file again with the library that wrote it (`save_pretrained`), or fix it and check it with `python -m json.tool <file>`."),
        });
      }
    }
  },
});
