import { describe, expect, it } from "vitest";
import { weightFacts } from "../../../parse/weights.js";
import { ruleTester } from "../../../../test/rule-tester.js";
import { blob, MAGIC, pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "safetensors", files: { "model.safetensors": pointer() } },
    { name: "GGUF", files: { "model-q4_k_m.gguf": pointer() } },
    { name: "a pickle beside its safetensors twin (the notice rule speaks)", files: { "pytorch_model.bin": pointer(), "model.safetensors": pointer() } },
    { name: "the twin already in the repository", files: { "pytorch_model.bin": pointer() }, repo: { "model.safetensors": null } },
    { name: "training state is not weights", files: { "training_args.bin": pointer(), "optimizer.pt": pointer() } },
    { name: "a removed pickle", files: { "pytorch_model.bin": { content: { type: "removed" }, status: "removed" } } },
    { name: "a .bin that the magic bytes show is GGML", files: { "llama-7b.q4.bin": blob([0x67, 0x67, 0x6a, 0x74, 1, 0, 0, 0]) } },
  ],
  invalid: [
    { name: "pytorch_model.bin", files: { "pytorch_model.bin": pointer() }, findings: [{ path: "pytorch_model.bin", line: 1, message: "`pytorch_model.bin` is a PyTorch pickle: loading it can run code", hint: "safe_serialization=True" }] },
    { name: "a .ckpt", files: { "sd/model.ckpt": pointer() }, findings: [{ message: "`model.ckpt` is a PyTorch pickle" }] },
    { name: "a zip checkpoint by its bytes", files: { "model.pt": blob(MAGIC.zip) }, findings: [{ message: "PyTorch checkpoint (a zip with a pickle inside)" }] },
    { name: "a joblib file", files: { "clf.joblib": pointer() }, findings: [{ message: "joblib pickle" }] },
    {
      name: "a NumPy object array is a pickle",
      files: { "emb.npy": blob([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0x76, 0, ...Array.from("{'descr': '|O', 'fortran_order': False}", (c) => c.charCodeAt(0))]) },
      findings: [{ message: "Python pickle" }],
    },
    {
      name: "eight shards are one finding",
      files: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`pytorch_model-0000${i + 1}-of-00008.bin`, pointer()])),
      findings: [{ line: 1, message: "The same problem appears in 7 more files (`pytorch_model-00002-of-00008.bin`, `pytorch_model-00003-of-00008.bin`," }],
    },
  ],
});

describe("weight formats", () => {
  it.each([
    ["model.safetensors", undefined, "safetensors", false],
    ["x.bin", MAGIC.safetensors, "safetensors", false],
    ["x.bin", MAGIC.gguf, "gguf", false],
    ["x.bin", MAGIC.pickle, "pytorch-pickle", true],
    ["model.onnx", undefined, "onnx", false],
    ["tf_model.h5", undefined, "hdf5", false],
    ["model.keras", MAGIC.zip, "keras", false],
    ["flax_model.msgpack", undefined, "flax-msgpack", false],
    ["pytorch_model.bin", undefined, "pytorch-pickle", true],
    ["ggml-model-q4_0.bin", undefined, "ggml", false],
    ["model.nemo", undefined, "nemo", true],
  ] as const)("%s %j → %s", (path, head, format, pickle) => {
    const facts = weightFacts(path, head ? new Uint8Array(head) : undefined);
    expect(facts.format).toBe(format);
    expect(facts.pickle).toBe(pickle);
  });
});
