import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { basename } from "../../../parse/classify.js";
import { formatPhrase, TRAINING_STATE, weightFacts } from "../../../parse/weights.js";

/** Plain Python pickles: not checkpoints that safetensors replaces, but files that run code when loaded all the same. */
const PLAIN_PICKLES = new Set(["pickle", "joblib"]);

export default defineRule({
  meta: {
    id: "weights/pickle-file",
    title: "Python pickle in the release",
    description: "Files loaded with `pickle`, `joblib` or `numpy.load(allow_pickle=True)` (`.pkl`, `.pickle`, `.joblib`, NumPy object arrays) are named, so users know that loading them runs code.",
    why:
      "Unpickling can run any code stored in the file, whatever the file holds: a label mapping, a tokenizer table or a scikit-learn model. Data that is only numbers and strings loads safely from JSON, CSV or NumPy files without objects.",
    defaultSeverity: "notice",
  },
  check(context) {
    for (const file of context.files) {
      if (file.kind !== "weights" || file.status === "removed" || TRAINING_STATE.test(basename(file.path))) continue;
      const facts = weightFacts(file.path, file.head);
      if (!PLAIN_PICKLES.has(facts.format)) continue;
      context.report({
        path: file.path,
        line: 1,
        message: text`${basename(file.path)} ${trusted(formatPhrase(facts))}: whoever loads it with ${"pickle"}, ${"joblib"} or ${"torch.load"} runs any code stored in it.`,
        hint: prose(
          "If it holds plain data (a mapping, a vocabulary, an array), store it as JSON or as `.npy`/`.npz` without objects; for tensors use safetensors, for scikit-learn models skops. Otherwise say in the card that the file is a pickle.",
        ),
      });
    }
  },
});
