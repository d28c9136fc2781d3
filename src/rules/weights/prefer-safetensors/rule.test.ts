import { describe, expect, it } from "vitest";
import { formatPhrase, weightFacts } from "../../../parse/weights.js";
import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { blob, MAGIC, pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "safetensors", files: { "model.safetensors": pointer() } },
    { name: "GGUF", files: { "model-q4_k_m.gguf": pointer() } },
    { name: "a pickle beside its safetensors twin (the notice rule speaks)", files: { "pytorch_model.bin": pointer(), "model.safetensors": pointer() } },
    { name: "the twin already in the repository", files: { "pytorch_model.bin": pointer() }, repo: { "model.safetensors": null } },
    { name: "training state is not weights", files: { "training_args.bin": pointer(), "optimizer.pt": pointer() } },
    { name: "a removed pickle", files: { "pytorch_model.bin": { content: { type: "removed" }, status: "removed" } } },
    { name: "a .bin that the magic bytes show is GGML", files: { "llama-7b.q4.bin": blob([0x67, 0x67, 0x6a, 0x74, 1, 0, 0, 0]) } },
    { name: "a .bin that starts with GGUF", files: { "model.bin": blob(MAGIC.gguf) } },
    { name: "OpenVINO IR weights by name", files: { "ov/openvino_model.bin": pointer(), "ov/openvino_model.xml": "<net/>" } },
    { name: "OpenVINO IR under another stem, settled by the .xml beside it", files: { "ir/model.bin": pointer() }, repo: { "ir/model.xml": "<net/>" } },
    { name: "ONNX external data", files: { "onnx/model.onnx": pointer(), "onnx/model.onnx_data": pointer(), "onnx/decoder.onnx.data": pointer() } },
    { name: "a TensorRT engine", files: { "trt/model.engine": pointer(), "trt/model.plan": pointer() } },
    { name: "Core ML packages keep weight.bin", files: { "m.mlpackage/Data/com.apple.CoreML/weights/weight.bin": pointer(), "m.mlmodel": pointer() } },
    { name: "NumPy arrays and archives are not pickles", files: { "assets/mel_filters.npz": blob(MAGIC.zip, 4271), "emb.npy": blob(MAGIC.npy) } },
    { name: "plain pickles are weights/pickle-file's", files: { "assets/chord_to_index_mapping.pkl": blob(MAGIC.pickle, 1750), "clf.joblib": pointer() } },
  ],
  invalid: [
    {
      name: "an LFS pointer says nothing of the bytes: the name is hedged",
      files: { "pytorch_model.bin": pointer() },
      findings: [{ path: "pytorch_model.bin", line: 1, message: "`pytorch_model.bin` is named like a PyTorch pickle: loading it can run code hidden in the file.", hint: "Save the weights as safetensors instead (`save_pretrained(..., safe_serialization=True)` in transformers, or `safetensors.torch.save_file(state_dict, \"model.safetensors\")`), and remove the pickle." }],
    },
    { name: "the bytes prove it: said as a fact", files: { "pytorch_model.bin": blob(MAGIC.pickle) }, findings: [{ line: 1, message: "`pytorch_model.bin` is a PyTorch pickle: loading it can run code hidden in the file." }] },
    { name: "a .ckpt", files: { "sd/model.ckpt": pointer() }, findings: [{ line: 1, message: "`model.ckpt` is named like a PyTorch pickle: loading it can run code hidden in the file." }] },
    { name: "a zip checkpoint by its bytes", files: { "model.pt": blob(MAGIC.zip) }, findings: [{ line: 1, message: "`model.pt` is a PyTorch checkpoint (a zip with a pickle inside): loading it can run code hidden in the file." }] },
    { name: "a .bin whose .xml sibling is absent is still named like a pickle", files: { "ir/model.bin": pointer() }, repo: {}, findings: [{ line: 1, message: "`model.bin` is named like a PyTorch pickle: loading it can run code hidden in the file." }] },
    {
      name: "two shards are one finding",
      files: { "pytorch_model-00001-of-00002.bin": pointer(), "pytorch_model-00002-of-00002.bin": pointer() },
      findings: [{ line: 1, path: "pytorch_model-00001-of-00002.bin", message: "`pytorch_model-00001-of-00002.bin` is named like a PyTorch pickle, and so is the other shard of this checkpoint (2 files): loading them can run code hidden in the files." }],
    },
    {
      name: "eight shards are one finding, naming the count",
      files: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`pytorch_model-0000${i + 1}-of-00008.bin`, pointer()])),
      findings: [{ line: 1, message: "`pytorch_model-00001-of-00008.bin` is named like a PyTorch pickle, and so are the other 7 shards of this checkpoint (8 files): loading them can run code hidden in the files." }],
    },
    {
      name: "two checkpoints in two folders are two findings",
      files: { "a/pytorch_model-00001-of-00002.bin": pointer(), "a/pytorch_model-00002-of-00002.bin": pointer(), "b/pytorch_model.bin": pointer() },
      findings: [{ line: 1, path: "a/pytorch_model-00001-of-00002.bin", message: "`pytorch_model-00001-of-00002.bin` is named like a PyTorch pickle, and so is the other shard of this checkpoint (2 files): loading them can run code hidden in the files." }, { line: 1, path: "b/pytorch_model.bin", message: "`pytorch_model.bin` is named like a PyTorch pickle: loading it can run code hidden in the file." }],
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
    ["openvino_model.bin", undefined, "openvino", false],
    ["openvino_encoder_model.bin", undefined, "openvino", false],
    ["openvino_model.bin", MAGIC.pickle, "pickle", true],
    ["model.onnx_data", undefined, "onnx-external-data", false],
    ["model.onnx.data", undefined, "onnx-external-data", false],
    ["model.engine", undefined, "tensorrt", false],
    ["model.plan", undefined, "tensorrt", false],
    ["model.mlmodel", undefined, "coreml", false],
    ["m.mlpackage/Data/com.apple.CoreML/weights/weight.bin", undefined, "coreml", false],
    ["mel_filters.npz", MAGIC.zip, "numpy-archive", false],
    ["mel_filters.npz", undefined, "numpy-archive", false],
    ["emb.npy", MAGIC.npy, "numpy", false],
    ["x.pkl", undefined, "pickle", true],
  ] as const)("%s %j → %s", (path, head, format, pickle) => {
    const facts = weightFacts(path, head ? new Uint8Array(head) : undefined);
    expect(facts.format).toBe(format);
    expect(facts.pickle).toBe(pickle);
  });
});

describe("formats settled by a sibling", () => {
  it("a .bin beside an .xml of the same stem is OpenVINO IR, said as a fact", () => {
    const facts = weightFacts("ir/model.bin", undefined, (name) => name === "model.xml");
    expect(facts).toEqual({ format: "openvino", pickle: false, by: "sibling" });
    expect(formatPhrase(facts)).toBe("is an OpenVINO IR weights file");
  });
  it("pickle bytes win over an .xml beside it", () => {
    expect(weightFacts("model.bin", new Uint8Array(MAGIC.pickle), () => true).format).toBe("pytorch-pickle");
  });
  it("by name alone, the phrase is hedged", () => {
    expect(formatPhrase(weightFacts("pytorch_model.bin"))).toBe("is named like a PyTorch pickle");
  });
});

ruleTester(rule, {
  valid: [
    { name: "sharded pickles beside their safetensors shards (the notice rule speaks)", files: { "pytorch_model-00001-of-00002.bin": pointer(), "pytorch_model-00002-of-00002.bin": pointer(), "model-00001-of-00002.safetensors": pointer() } },
    { name: "a removed twin does not count, but a twin in the repository does", pullRequest: true, files: { "m/pytorch_model.bin": pointer() }, repo: { "m/model.safetensors": null } },
  ],
  invalid: [
    {
      name: "the pull request removes the safetensors twin: the pickle is alone again",
      pullRequest: true,
      files: { "pytorch_model.bin": pointer(), "model.safetensors": { content: { type: "removed" }, status: "removed" } },
      repo: { "model.safetensors": null },
      findings: [{ path: "pytorch_model.bin", line: 1, message: "`pytorch_model.bin` is named like a PyTorch pickle: loading it can run code hidden in the file." }],
    },
    {
      name: "a .pth by its pickle bytes, beside training state that is not reported",
      files: { "ckpt/model.pth": blob(MAGIC.pickle), "ckpt/optimizer.pt": blob(MAGIC.pickle) },
      findings: [{ path: "ckpt/model.pth", line: 1, message: "`model.pth` is a PyTorch pickle: loading it can run code hidden in the file." }],
    },
  ],
});
