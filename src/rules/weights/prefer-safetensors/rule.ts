import { fileExists } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { basename } from "../../../parse/classify.js";
import { findSafetensorsTwin, formatLabel, TRAINING_STATE, weightFacts } from "../../../parse/weights.js";

export default defineRule({
  meta: {
    id: "weights/prefer-safetensors",
    title: "Weights saved as a pickle",
    description: "Model weights are shipped as safetensors (or another format that holds only tensors), not as Python pickles.",
    why:
      "PyTorch `.bin`/`.pt`/`.pth`/`.ckpt` files and other pickles can carry code that runs on the machine of everyone who loads them. safetensors holds only tensors, loads faster, and is what the Hub and most libraries prefer.",
    defaultSeverity: "warning",
  },
  async check(context) {
    for (const file of context.files) {
      if (file.kind !== "weights" || file.status === "removed" || TRAINING_STATE.test(basename(file.path))) continue;
      const facts = weightFacts(file.path, file.head);
      if (!facts.pickle) continue;
      // Beside its safetensors twin, weights/pickle-beside-safetensors says what remains to do.
      if (await findSafetensorsTwin(file.path, (p) => fileExists(context, p))) continue;
      context.report({
        path: file.path,
        line: 1,
        message: text`${basename(file.path)} is a ${trusted(formatLabel(facts.format))}: loading it can run code hidden in the file.`,
        hint: prose(
          "Save the weights as safetensors instead (`save_pretrained(..., safe_serialization=True)` in transformers, or `safetensors.torch.save_file(state_dict, \"model.safetensors\")`), and remove the pickle.",
        ),
      });
    }
  },
});
