import { filesExist } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { dirname, inFolder } from "../../../parse/classify.js";

/** The names PEFT saves and loads an adapter's weights under (peft/utils/constants.py: SAFETENSORS_WEIGHTS_NAME, WEIGHTS_NAME). */
export const ADAPTER_WEIGHT_NAMES = ["adapter_model.safetensors", "adapter_model.bin"];

export default defineRule({
  meta: {
    id: "release/adapter-has-weights",
    title: "Adapter without weights",
    description: "A folder with `adapter_config.json` also holds the adapter's weights (`adapter_model.safetensors` or `adapter_model.bin`).",
    why:
      "`PeftModel.from_pretrained` reads `adapter_config.json` and then loads `adapter_model.safetensors` (or `adapter_model.bin`) from the same folder. Without one of them the adapter cannot be loaded: the release is only its configuration.",
    defaultSeverity: "warning",
  },
  async check(context) {
    for (const file of context.files) {
      if (file.kind !== "adapter-config" || file.status === "removed") continue;
      await context.checkpoint();
      const dir = dirname(file.path);
      // Any weights the review holds in that folder settle it (a renamed adapter is someone else's problem).
      if (inFolder(context.files, dir).some((f) => f.kind === "weights" && f.status !== "removed" && /\.(safetensors|bin)$/i.test(f.path))) continue;
      const candidates = ADAPTER_WEIGHT_NAMES.map((name) => (dir ? `${dir}/${name}` : name));
      const exists = await filesExist(context, candidates);
      // Absent only when every answer is a definite no: an unknown path is never called missing.
      if (!candidates.every((c) => exists.get(c) === false)) continue;
      context.report({
        path: file.path,
        line: 1,
        message: text`${file.path} describes an adapter, but neither ${candidates[0]} nor ${candidates[1]} is in the repository, so ${"PeftModel.from_pretrained"} has no weights to load.`,
        hint: prose(
          "Commit the adapter's weights beside its config (`model.save_pretrained(...)` writes both; through Git LFS), or remove `adapter_config.json` if the folder holds a merged model instead.",
        ),
      });
    }
  },
});
