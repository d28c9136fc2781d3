import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { blob, MAGIC, pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "a PyTorch checkpoint is weights/prefer-safetensors'", files: { "pytorch_model.bin": pointer() } },
    { name: "NumPy archives and plain arrays", files: { "mel_filters.npz": blob(MAGIC.zip, 4271), "emb.npy": blob(MAGIC.npy) } },
    { name: "training state is weights/training-leftovers'", files: { "training_args.bin": blob(MAGIC.pickle) } },
    { name: "a removed pickle", files: { "map.pkl": { content: { type: "removed" }, status: "removed" } } },
  ],
  invalid: [
    {
      name: "a small mapping pickle gets the pickle risk, not LFS advice",
      files: { "assets/chord_to_index_mapping.pkl": blob(MAGIC.pickle, 1750) },
      findings: [{ path: "assets/chord_to_index_mapping.pkl", line: 1, message: "`chord_to_index_mapping.pkl` is a Python pickle: whoever loads it with `pickle`, `joblib` or `torch.load` runs any code stored in it.", hint: "If it holds plain data (a mapping, a vocabulary, an array), store it as JSON or as `.npy`/`.npz` without objects; for tensors use safetensors, for scikit-learn models skops. Otherwise say in the card that the file is a pickle." }],
    },
    { name: "by name only, hedged", files: { "model.joblib": pointer() }, findings: [{ line: 1, message: "`model.joblib` is named like a joblib pickle: whoever loads it with `pickle`, `joblib` or `torch.load` runs any code stored in it." }] },
    {
      name: "a NumPy object array is a pickle",
      files: { "emb.npy": blob([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0x76, 0, ...Array.from("{'descr': '|O', 'fortran_order': False}", (c) => c.charCodeAt(0))]) },
      findings: [{ line: 1, message: "`emb.npy` is a Python pickle: whoever loads it with `pickle`, `joblib` or `torch.load` runs any code stored in it." }],
    },
  ],
});

ruleTester(rule, {
  valid: [{ name: "safetensors are no pickle", files: { "model.safetensors": pointer() } }],
  invalid: [
    {
      name: "a .pickle and a .pkl, by name: one finding each",
      files: { "vocab.pickle": pointer(), "data/labels.pkl": pointer() },
      findings: [
        { path: "data/labels.pkl", line: 1, message: "`labels.pkl` is named like a Python pickle: whoever loads it with `pickle`, `joblib` or `torch.load` runs any code stored in it." },
        { path: "vocab.pickle", line: 1, message: "`vocab.pickle` is named like a Python pickle: whoever loads it with `pickle`, `joblib` or `torch.load` runs any code stored in it." },
      ],
    },
  ],
});
