import { defineRule, type ReviewFile, type RuleContext } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { basename, dirname } from "../../../parse/classify.js";
import { jsonObject } from "../../../parse/model-config.js";
import { safetensorsHeaderOf } from "../../../parse/safetensors.js";
import { weightMap } from "../../weights/index-matches-shards/rule.js";

/**
 * Architectures whose tensor names are certain, checked in transformers'
 * modeling code (models/llama/modeling_llama.py, models/mistral/…,
 * models/qwen2/…): the causal LM holds `self.model = XModel(config)`, whose
 * `embed_tokens = nn.Embedding(config.vocab_size, config.hidden_size, …)`
 * and `layers = nn.ModuleList(… for layer_idx in range(config.num_hidden_layers))`.
 * Saved, those are `model.embed_tokens.weight` ([vocab_size, hidden_size])
 * and `model.layers.{0 … num_hidden_layers − 1}.…`.
 */
const CERTAIN: Readonly<Record<string, string>> = {
  llama: "LlamaForCausalLM",
  mistral: "MistralForCausalLM",
  qwen2: "Qwen2ForCausalLM",
};

const LAYER = /^model\.layers\.(\d{1,6})\./;
const EMBED = "model.embed_tokens.weight";
const count = (n: number) => trusted(n.toLocaleString("en-US"));

/** The 1-based line of `"key"` in a JSON text, or 1. */
function lineOfKey(source: string, key: string): number {
  const at = source.indexOf(`"${key}"`);
  return at === -1 ? 1 : source.slice(0, at).split("\n").length;
}

async function textOf(context: RuleContext, byPath: ReadonlyMap<string, ReviewFile>, path: string): Promise<string | undefined> {
  const file = byPath.get(path);
  if (file) return file.status !== "removed" && file.content.type === "text" ? file.content.text : undefined;
  return context.repo?.read(path);
}

export default defineRule({
  meta: {
    id: "release/config-matches-weights",
    title: "config.json does not match the weights",
    description:
      "For architectures whose tensor names are certain (Llama, Mistral, Qwen2 causal LMs), `config.json`'s `num_hidden_layers`, `hidden_size` and `vocab_size` agree with the tensors in the safetensors weights.",
    why:
      "transformers builds the model from `config.json` and then loads the tensors into it. An embedding whose shape differs from `vocab_size` × `hidden_size` fails the load; a config that declares more layers than the weights hold leaves the extra layers randomly initialised, with only a warning in a log, and a model that produces noise.",
    defaultSeverity: "error",
  },
  async check(context) {
    const byPath = new Map(context.files.map((f) => [f.path, f] as const));
    // Folders where the pull request (or the folder) touches the config or the safetensors weights.
    const dirs = new Set<string>();
    for (const f of context.files) {
      const name = basename(f.path);
      if (f.kind === "model-config" && name === "config.json") dirs.add(dirname(f.path));
      if (name === "model.safetensors" || name === "model.safetensors.index.json" || /^model-\d{5}-of-\d{5}\.safetensors$/.test(name)) dirs.add(dirname(f.path));
    }
    for (const dir of dirs) {
      await context.checkpoint();
      const at = (name: string) => (dir ? `${dir}/${name}` : name);
      // The tensor names first (the index's weight map, or the single file's header), so that a
      // folder whose weights cannot be read costs no lookup of its config.
      const indexPath = at("model.safetensors.index.json");
      const singlePath = at("model.safetensors");
      // A single-file checkpoint in the review has no index to look for.
      const indexText = byPath.has(indexPath) || !byPath.has(singlePath) ? await textOf(context, byPath, indexPath) : undefined;
      const index = indexText === undefined ? undefined : weightMap(indexText);
      let tensorNames: string[] | undefined;
      let embedShard: string | undefined;
      if (index) {
        tensorNames = [...index.map.keys()];
        embedShard = index.map.get(EMBED);
      } else if (context.bytes && (byPath.has(singlePath) || (await context.repo?.existing([singlePath]))?.has(singlePath))) {
        const read = await safetensorsHeaderOf(context.bytes, singlePath);
        if (read.ok && read.header.problems.length === 0) {
          tensorNames = read.header.tensors.map((t) => t.name);
          embedShard = "model.safetensors";
        }
      }
      if (!tensorNames) continue;
      const configPath = at("config.json");
      const configText = await textOf(context, byPath, configPath);
      const config = configText === undefined ? undefined : jsonObject(configText);
      if (!config || configText === undefined) continue;
      const modelType = config["model_type"];
      const architectures = config["architectures"];
      if (typeof modelType !== "string" || !(modelType in CERTAIN)) continue;
      if (!Array.isArray(architectures) || architectures.length !== 1 || architectures[0] !== CERTAIN[modelType]) continue;
      const where = byPath.has(configPath) ? configPath : index ? indexPath : singlePath;
      const lineFor = (key: string) => (where === configPath ? lineOfKey(configText, key) : 1);

      const layers = config["num_hidden_layers"];
      const indexes = tensorNames.flatMap((name) => {
        const m = LAYER.exec(name);
        return m ? [Number(m[1])] : [];
      });
      if (typeof layers === "number" && Number.isSafeInteger(layers) && indexes.length > 0) {
        const held = Math.max(...indexes) + 1;
        if (held !== layers) {
          context.report({
            path: where,
            line: lineFor("num_hidden_layers"),
            message: text`${configPath} declares ${count(layers)} layers (\`num_hidden_layers\`), but the weights hold ${count(held)} (\`model.layers.0\` to \`model.layers.${trusted(String(held - 1))}\`).${trusted(
              layers > held ? " transformers would initialise the missing layers randomly." : " transformers would ignore the layers past the declared count.",
            )}`,
            hint: prose("Write `config.json` from the model that produced these weights (`save_pretrained` writes both), or commit the weights that match it."),
          });
        }
      }

      // The embedding's shape, unless the weights are quantized (a quantized embedding's stored shape is not the model's).
      if (config["quantization_config"] !== undefined || !context.bytes || !embedShard) continue;
      const shardPath = at(embedShard);
      if (index && !(byPath.has(shardPath) || (await context.repo?.existing([shardPath]))?.has(shardPath))) continue;
      const read = await safetensorsHeaderOf(context.bytes, shardPath);
      if (!read.ok || read.header.problems.length > 0) continue; // said by the header and index rules
      const embed = read.header.tensors.find((t) => t.name === EMBED);
      if (!embed || embed.shape.length !== 2) continue;
      const [rows, width] = embed.shape as [number, number];
      const vocab = config["vocab_size"];
      const hidden = config["hidden_size"];
      if (typeof hidden === "number" && hidden !== width) {
        context.report({
          path: where,
          line: lineFor("hidden_size"),
          message: text`${configPath} declares \`hidden_size\` ${count(hidden)}, but ${EMBED} in ${embedShard} is ${count(width)} wide (shape [${count(rows)}, ${count(width)}]). Loading fails with a size mismatch.`,
          hint: prose("Write `config.json` from the model that produced these weights, or commit the weights that match it."),
        });
      }
      if (typeof vocab === "number" && vocab !== rows) {
        context.report({
          path: where,
          line: lineFor("vocab_size"),
          message: text`${configPath} declares \`vocab_size\` ${count(vocab)}, but ${EMBED} in ${embedShard} has ${count(rows)} rows (shape [${count(rows)}, ${count(width)}]). Loading fails with a size mismatch.`,
          hint: prose("A vocabulary padded with `resize_token_embeddings` sets `vocab_size` to the padded size; save the config and weights together after resizing."),
        });
      }
    }
  },
});
