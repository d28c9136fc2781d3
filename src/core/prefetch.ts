import { basename, classifyPath, dirname, foldersUp, CARD_FILE_NAMES } from "../parse/classify.js";
import { LICENSE_FILE_NAMES } from "../parse/license-files.js";
import { siblingCandidates, safetensorsTwins, TRAINING_STATE } from "../parse/weights.js";
import { gitattributesCandidates } from "./repo.js";

/**
 * Paths beyond a pull request's files that the rules are likely to ask the
 * repository about, so that they can be read together with the rest of the
 * review instead of one request each: the `.gitattributes` that apply to new
 * weights, a model card above them, their safetensors twins, and a LICENSE
 * beside each Markdown file. A guess only: a path it misses is still asked
 * when a rule needs it, and a path it adds costs a few bytes.
 */
export function likelyRepoLookups(files: readonly { readonly path: string; readonly removed: boolean }[]): string[] {
  const out = new Set<string>();
  const inPullRequest = new Set(files.map((f) => f.path));
  for (const f of files) {
    if (f.removed) continue;
    const kind = classifyPath(f.path);
    const weights = kind === "weights" && !TRAINING_STATE.test(basename(f.path));
    // release/has-model-card: weights and a model's configuration want a card in their folder or above.
    if (weights || kind === "model-config" || basename(f.path) === "model_index.json") {
      for (const folder of foldersUp(dirname(f.path))) for (const name of CARD_FILE_NAMES) out.add(folder ? `${folder}/${name}` : name);
    }
    if (weights) {
      for (const p of gitattributesCandidates(f.path)) out.add(p);
      if (!/\.safetensors$/i.test(f.path)) for (const p of safetensorsTwins(f.path)) out.add(p);
      // The sibling that settles a format: x.xml beside x.bin (OpenVINO IR), x.onnx beside x.onnx_data.
      const dir = dirname(f.path);
      for (const name of siblingCandidates(f.path)) out.add(dir ? `${dir}/${name}` : name);
    }
    if (weights && /^model(-\d{5}-of-\d{5})?\.safetensors$/.test(basename(f.path))) {
      // release/config-matches-weights: the config.json (and the index of shards) beside transformers' weights.
      const dir = dirname(f.path);
      for (const name of ["config.json", "model.safetensors.index.json"]) out.add(dir ? `${dir}/${name}` : name);
    }
    if (kind === "model-config" && basename(f.path) === "config.json") {
      // release/config-matches-weights: the weights a transformers config describes.
      const dir = dirname(f.path);
      for (const name of ["model.safetensors.index.json", "model.safetensors"]) out.add(dir ? `${dir}/${name}` : name);
    }
    if (kind === "weights-index") {
      // release/config-present: the config.json save_pretrained writes beside a shard index.
      const dir = dirname(f.path);
      out.add(dir ? `${dir}/config.json` : "config.json");
    }
    if (kind === "adapter-config") {
      // release/adapter-has-weights: the weights PEFT loads from the adapter's folder.
      const dir = dirname(f.path);
      for (const name of ["adapter_model.safetensors", "adapter_model.bin"]) out.add(dir ? `${dir}/${name}` : name);
    }
    if (/\.(md|markdown)$/i.test(f.path)) {
      const dir = dirname(f.path);
      for (const name of LICENSE_FILE_NAMES) out.add(dir ? `${dir}/${name}` : name);
    }
  }
  return [...out].filter((p) => !inPullRequest.has(p));
}
