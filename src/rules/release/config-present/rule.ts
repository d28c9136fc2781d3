import { filesExist } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { basename, dirname } from "../../../parse/classify.js";

/**
 * The shard indexes `save_pretrained` writes (transformers' and diffusers'
 * names, with an optional variant such as `fp16`). Another library's index
 * is not read: only these say "load me with from_pretrained".
 */
const PRETRAINED_INDEX = /^(?:model|pytorch_model|tf_model|flax_model|diffusion_pytorch_model)(?:\.[a-z0-9_]{1,20})?\.(?:safetensors|bin|h5|msgpack)\.index\.json$/;

export default defineRule({
  meta: {
    id: "release/config-present",
    title: "Sharded weights without config.json",
    description: "A folder with a shard index that `save_pretrained` writes (`model.safetensors.index.json`, `pytorch_model.bin.index.json` …) also holds the `config.json` written with it.",
    why:
      "`from_pretrained` reads `config.json` first, to know which model to build, and only then the index and its shards. Without it the checkpoint cannot be loaded, and the Hub cannot tell the model's architecture.",
    defaultSeverity: "warning",
  },
  async check(context) {
    const folders = new Map<string, string>();
    for (const f of context.files) {
      if (f.kind !== "weights-index" || f.status === "removed" || !PRETRAINED_INDEX.test(basename(f.path))) continue;
      // A pull request that only touches an index already released is not a new checkpoint.
      if (context.workspace.source === "pull-request" && f.status !== "added") continue;
      const dir = dirname(f.path);
      if (!folders.has(dir)) folders.set(dir, f.path);
    }
    if (folders.size === 0) return;
    const configOf = (dir: string) => (dir ? `${dir}/config.json` : "config.json");
    const exists = await filesExist(context, [...folders.keys()].map(configOf));
    for (const [dir, index] of folders) {
      if (exists.get(configOf(dir)) !== false) continue; // present, or unknown: never called missing
      context.report({
        path: index,
        line: 1,
        message: text`${index} indexes a sharded checkpoint, but ${configOf(dir)} is not beside it, so ${"from_pretrained"} cannot tell which model to build.`,
        hint: prose(
          "Commit the `config.json` that `save_pretrained` wrote with the shards (it names the architecture and its sizes) in the same folder.",
        ),
      });
    }
  },
});
