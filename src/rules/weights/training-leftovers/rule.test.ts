import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { blob, MAGIC, pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "model weights", files: { "pytorch_model.bin": pointer(), "model.safetensors": pointer() } },
    { name: "removed leftovers", files: { "optimizer.pt": { content: { type: "removed" }, status: "removed" } } },
  ],
  invalid: [
    {
      name: "training_args.bin alone",
      files: { "training_args.bin": blob(MAGIC.pickle, 4600) },
      findings: [{ path: "training_args.bin", line: 1, message: "`training_args.bin` is training state saved by `transformers.Trainer` (a pickle), not model weights.", hint: "Remove them from the release (`git rm --cached`, and add them to `.gitignore`); keep them only where a run must resume. The model needs only its weights, config and tokenizer files." }],
    },
    {
      name: "a Trainer checkpoint folder is one finding",
      files: {
        "checkpoint-500/optimizer.pt": pointer(),
        "checkpoint-500/scheduler.pt": blob(MAGIC.pickle, 1000),
        "checkpoint-500/rng_state.pth": blob(MAGIC.pickle, 14000),
        "checkpoint-500/scaler.pt": blob(MAGIC.pickle, 600),
        "checkpoint-500/training_args.bin": blob(MAGIC.pickle, 4600),
        "checkpoint-500/adapter_model.safetensors": pointer(),
      },
      findings: [{ line: 1, path: "checkpoint-500/optimizer.pt", message: "`optimizer.pt`, `scheduler.pt`, `rng_state.pth`, `scaler.pt`, `training_args.bin` are training state saved by `transformers.Trainer` (pickles), not model weights." }],
    },
    {
      name: "two folders, two findings; per-rank RNG state",
      files: { "a/rng_state_0.pth": blob(), "a/rng_state_1.pth": blob(), "b/optimizer.bin": pointer() },
      findings: [{ line: 1, path: "a/rng_state_0.pth", message: "`rng_state_0.pth`, `rng_state_1.pth` are training state saved by `transformers.Trainer` (pickles), not model weights." }, { line: 1, path: "b/optimizer.bin", message: "`optimizer.bin` is training state saved by `transformers.Trainer` (a pickle), not model weights." }],
    },
  ],
});

ruleTester(rule, {
  valid: [{ name: "weights whose names only contain a training-state name", files: { "my_optimizer.pt": pointer(), "training_args.bin.bak": "x" } }],
  invalid: [
    {
      name: "one removed, one kept: only the kept one, in the singular",
      pullRequest: true,
      files: { "ckpt/optimizer.pt": { content: { type: "removed" }, status: "removed" }, "ckpt/trainer_state.pt": pointer() },
      findings: [{ path: "ckpt/trainer_state.pt", line: 1, message: "`trainer_state.pt` is training state saved by `transformers.Trainer` (a pickle), not model weights." }],
    },
  ],
});
