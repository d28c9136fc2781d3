import { fileExists, filesExist } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { basename } from "../../../parse/classify.js";
import { byCheckpoint, CHECKPOINT_PICKLES, findSafetensorsTwin, formatPhrase, TRAINING_STATE, weightFactsNear } from "../../../parse/weights.js";

export default defineRule({
  meta: {
    id: "weights/prefer-safetensors",
    title: "Weights saved as a pickle",
    description: "Model checkpoints are shipped as safetensors (or another format that holds only tensors), not as PyTorch-style pickles.",
    why:
      "PyTorch `.bin`/`.pt`/`.pth`/`.ckpt` files and other pickles can carry code that runs on the machine of everyone who loads them. safetensors holds only tensors, loads faster, and is what the Hub and most libraries prefer.",
    defaultSeverity: "warning",
  },
  async check(context) {
    const pickles = [];
    for (const file of context.files) {
      if (file.kind !== "weights" || file.status === "removed" || TRAINING_STATE.test(basename(file.path))) continue;
      const facts = await weightFactsNear(file.path, file.head, (paths) => filesExist(context, paths));
      // Plain pickles (.pkl, .joblib) are weights/pickle-file's: safetensors is not their answer.
      if (!CHECKPOINT_PICKLES.has(facts.format)) continue;
      pickles.push({ path: file.path, facts });
    }
    // One finding per checkpoint: the shards of one sharded checkpoint are one problem.
    for (const group of byCheckpoint(pickles)) {
      await context.checkpoint();
      const [first, ...rest] = group;
      if (!first) continue;
      // Beside its safetensors twin, weights/pickle-beside-safetensors says what remains to do.
      if (await findSafetensorsTwin(first.path, (p) => fileExists(context, p))) continue;
      const phrase = trusted(formatPhrase(first.facts));
      context.report({
        path: first.path,
        line: 1,
        message:
          rest.length === 0
            ? text`${basename(first.path)} ${phrase}: loading it can run code hidden in the file.`
            : text`${basename(first.path)} ${phrase}, and so ${rest.length === 1 ? prose("is the other shard") : text`are the other ${rest.length} shards`} of this checkpoint (${group.length} files): loading them can run code hidden in the files.`,
        hint: prose(
          "Save the weights as safetensors instead (`save_pretrained(..., safe_serialization=True)` in transformers, or `safetensors.torch.save_file(state_dict, \"model.safetensors\")`), and remove the pickle.",
        ),
      });
    }
  },
});
