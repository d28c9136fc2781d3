import { filesExist } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { joinText, prose, text, trusted } from "../../../core/text.js";
import { dirname } from "../../../parse/classify.js";
import { unsafeShardReason } from "../../../parse/weights.js";

/** The 1-based line of the first place `value` appears as a JSON string, or 1. */
function lineOf(source: string, value: string): number {
  const at = source.indexOf(JSON.stringify(value).slice(1, -1));
  return at === -1 ? 1 : source.slice(0, at).split("\n").length;
}

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
      } catch {
        continue; // release/config-json-valid says where the JSON breaks
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
      const named = [...new Set(Object.values(map).filter((v): v is string => typeof v === "string"))].sort();
      // A name that leaves the folder (or is read as a URL) is never joined to a path.
      const unsafe = named.flatMap((shard) => {
        const reason = unsafeShardReason(shard);
        return reason ? [{ shard, reason }] : [];
      });
      if (unsafe.length > 0) {
        const shown = unsafe.slice(0, 5);
        context.report({
          path: file.path,
          line: lineOf(file.content.text, unsafe[0]?.shard ?? ""),
          title: "Checkpoint index names an unsafe shard path",
          message: text`${file.path} names ${unsafe.length} ${prose(unsafe.length === 1 ? "shard" : "shards")} that ${prose(unsafe.length === 1 ? "is" : "are")} not a plain file name in its folder: ${joinText(
            shown.map((u) => text`${u.shard} (${trusted(u.reason)})`),
            ", ",
          )}${prose(unsafe.length > shown.length ? ", …" : "")}. Loaders refuse such names (huggingface.js) or could read a file outside the checkpoint.`,
          hint: prose("Write the index again with the library that saved the shards: `weight_map` values are file names beside the index, such as `model-00001-of-00002.safetensors`."),
        });
      }
      const shards = named.filter((shard) => unsafeShardReason(shard) === undefined);
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
