import { defineRule } from "../../../core/rule.js";
import { joinText, prose, text } from "../../../core/text.js";
import { basename, dirname } from "../../../parse/classify.js";
import { TRAINING_STATE } from "../../../parse/weights.js";

export default defineRule({
  meta: {
    id: "weights/training-leftovers",
    title: "Training state committed with the model",
    description: "The state a training run saves beside each checkpoint (`training_args.bin`, `optimizer.pt`, `scheduler.pt`, `scaler.pt`, `rng_state*.pth`) is not released with the model.",
    why:
      "`transformers.Trainer` writes these files so that a run can resume: the training arguments, the optimizer's moments (often twice the model's size), the learning-rate schedule, the random-number state. They are pickles that no library loads as model weights, so they only add download size and code that runs when someone opens them.",
    defaultSeverity: "notice",
  },
  check(context) {
    const byFolder = new Map<string, string[]>();
    for (const file of context.files) {
      if (file.kind !== "weights" || file.status === "removed" || !TRAINING_STATE.test(basename(file.path))) continue;
      const dir = dirname(file.path);
      const list = byFolder.get(dir);
      if (list) list.push(file.path);
      else byFolder.set(dir, [file.path]);
    }
    // One finding per folder: the leftovers of one checkpoint are one problem.
    for (const paths of byFolder.values()) {
      const [first, ...rest] = paths;
      if (!first) continue;
      const names = joinText(paths.map((p) => text`${basename(p)}`), ", ");
      context.report({
        path: first,
        line: 1,
        message:
          rest.length === 0
            ? text`${basename(first)} is training state saved by ${"transformers.Trainer"} (a pickle), not model weights.`
            : text`${names} are training state saved by ${"transformers.Trainer"} (pickles), not model weights.`,
        hint: prose(
          "Remove them from the release (`git rm --cached`, and add them to `.gitignore`); keep them only where a run must resume. The model needs only its weights, config and tokenizer files.",
        ),
      });
    }
  },
});
