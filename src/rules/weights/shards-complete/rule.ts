import { filesExist } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { joinText, prose, quoted, text } from "../../../core/text.js";
import { dirname } from "../../../parse/classify.js";

export default defineRule({
  meta: {
    id: "weights/shards-complete",
    title: "Checkpoint shards are missing",
    description: "Every shard named in a sharded checkpoint's index (`model.safetensors.index.json`) is in the repository.",
    why:
      "Libraries load a sharded checkpoint through its index file. A shard that the index names but the repository lacks makes loading fail for everyone, usually only after gigabytes of the other shards have downloaded.",
    defaultSeverity: "error",
  },
  async check(context) {
    for (const file of context.files) {
      if (file.kind !== "weights-index" || file.status === "removed" || file.content.type !== "text") continue;
      let index: unknown;
      try {
        index = JSON.parse(file.content.text);
      } catch (error) {
        context.report({
          path: file.path,
          line: 1,
          title: "Checkpoint index is not valid JSON",
          message: text`${file.path} is not valid JSON (${quoted(error instanceof Error ? error.message : String(error))}), so no library can load the checkpoint.`,
          hint: prose("Write the index again with the library that saved the shards."),
        });
        continue;
      }
      const map = (index as { weight_map?: unknown } | null)?.weight_map;
      if (typeof map !== "object" || map === null || Array.isArray(map)) {
        context.report({
          path: file.path,
          line: 1,
          title: "Checkpoint index has no weight map",
          message: text`${file.path} has no ${"weight_map"} object naming the shard of each tensor.`,
          hint: prose("Write the index again with the library that saved the shards."),
        });
        continue;
      }
      const dir = dirname(file.path);
      const shards = [...new Set(Object.values(map).filter((v): v is string => typeof v === "string"))].sort();
      const pathOf = (shard: string) => (dir ? `${dir}/${shard}` : shard);
      const exists = await filesExist(context, shards.map(pathOf));
      const missing = shards.filter((shard) => exists.get(pathOf(shard)) === false);
      if (missing.length === 0) continue;
      const shown = missing.slice(0, 5);
      context.report({
        path: file.path,
        line: 1,
        message: text`${missing.length} of the ${shards.length} shards named in ${file.path} ${prose(missing.length === 1 ? "is" : "are")} not in the repository: ${joinText(shown.map((s) => text`${s}`), ", ")}${prose(missing.length > shown.length ? ", …" : "")}.`,
        hint: prose("Add the missing shards (through Git LFS), or save the checkpoint again so that the index and the shards match."),
      });
    }
  },
});
