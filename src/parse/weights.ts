/**
 * Weight file formats, by name and (when Cardinal has the first bytes) by
 * magic bytes, and whether loading them can run code (pickle).
 */
import { basename, dirname } from "./classify.js";

export type WeightFormat =
  | "safetensors"
  | "gguf"
  | "ggml"
  | "onnx"
  | "hdf5"
  | "keras"
  | "tflite"
  | "tensorflow-savedmodel"
  | "flax-msgpack"
  | "numpy"
  | "numpy-archive"
  | "pytorch-pickle"
  | "pytorch-zip"
  | "pickle"
  | "joblib"
  | "nemo"
  | "coreml"
  | "paddle"
  | "torchserve"
  | "unknown";

/** Formats whose loading unpickles data, so opening the file can run code. */
const PICKLE_FORMATS: ReadonlySet<WeightFormat> = new Set([
  "pytorch-pickle",
  "pytorch-zip",
  "pickle",
  "joblib",
  "nemo",
  "paddle",
  "torchserve",
]);

export interface WeightFacts {
  readonly format: WeightFormat;
  /** Loading it can execute code embedded in the file. */
  readonly pickle: boolean;
  /** How the format was determined. */
  readonly by: "magic" | "name";
}

function byName(path: string): WeightFormat {
  const name = basename(path).toLowerCase();
  const ext = name.slice(name.lastIndexOf("."));
  switch (ext) {
    case ".safetensors":
      return "safetensors";
    case ".gguf":
      return "gguf";
    case ".ggml":
      return "ggml";
    case ".onnx":
      return "onnx";
    case ".h5":
    case ".hdf5":
      return "hdf5";
    case ".keras":
      return "keras";
    case ".tflite":
      return "tflite";
    case ".msgpack":
      return "flax-msgpack";
    case ".npy":
      return "numpy";
    case ".npz":
      return "numpy-archive";
    case ".pkl":
    case ".pickle":
      return "pickle";
    case ".joblib":
      return "joblib";
    case ".nemo":
      return "nemo";
    case ".mlmodel":
      return "coreml";
    case ".pdparams":
      return "paddle";
    case ".mar":
      return "torchserve";
    case ".bin":
      // GGML-era llama.cpp files were also called .bin; PyTorch's are pickles.
      return /ggml|ggjt|gguf/.test(name) ? "ggml" : "pytorch-pickle";
    case ".pt":
    case ".pth":
    case ".ckpt":
      return "pytorch-pickle";
    case ".pb":
      return "tensorflow-savedmodel";
    default:
      return "unknown";
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** The format the first bytes prove, or undefined when they prove nothing. */
function byMagic(head: Uint8Array, nameFormat: WeightFormat): WeightFormat | undefined {
  if (head.length < 4) return undefined;
  if (startsWith(head, ascii("GGUF"))) return "gguf";
  if (startsWith(head, ascii("ggml")) || startsWith(head, ascii("ggjt")) || startsWith(head, ascii("ggmf")) || startsWith(head, ascii("lmgg"))) {
    return "ggml";
  }
  if (startsWith(head, [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])) return "hdf5";
  if (startsWith(head, [0x93, ...ascii("NUMPY")])) {
    // An object array ('|O') is stored as a pickle.
    const header = new TextDecoder("latin1").decode(head.subarray(0, 256));
    return /'descr':\s*'\|O'/.test(header) ? "pickle" : "numpy";
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip: PyTorch's default format since 1.6 (with a pickle inside), or Keras 3 / npz.
    if (nameFormat === "keras" || nameFormat === "numpy-archive") return nameFormat;
    return "pytorch-zip";
  }
  if (head[0] === 0x80 && (head[1] ?? 0) >= 2 && (head[1] ?? 0) <= 5) {
    return nameFormat === "joblib" ? "joblib" : nameFormat === "pytorch-pickle" ? "pytorch-pickle" : "pickle";
  }
  // safetensors: an 8-byte little-endian header length, then a JSON object.
  if (head.length >= 9 && head[8] === 0x7b && head[6] === 0 && head[7] === 0) return "safetensors";
  return undefined;
}

export function weightFacts(path: string, head?: Uint8Array): WeightFacts {
  const nameFormat = byName(path);
  const magic = head ? byMagic(head, nameFormat) : undefined;
  const format = magic ?? nameFormat;
  return { format, pickle: PICKLE_FORMATS.has(format), by: magic ? "magic" : "name" };
}

/**
 * Paths of the safetensors file that would replace a pickle checkpoint:
 * `x.bin` → `x.safetensors`, `pytorch_model.bin` → `model.safetensors`,
 * shards `pytorch_model-00001-of-00002.bin` → `model-00001-of-00002.safetensors`,
 * `adapter_model.bin` → `adapter_model.safetensors`.
 */
export function safetensorsTwins(path: string): string[] {
  const dir = dirname(path);
  const name = basename(path);
  const stem = name.replace(/\.(bin|pt|pth|ckpt|pkl|pickle)$/i, "");
  const candidates = new Set([`${stem}.safetensors`, `${stem.replace(/^pytorch_model/, "model")}.safetensors`]);
  return [...candidates].map((c) => (dir ? `${dir}/${c}` : c));
}

/** Git LFS's attribute line for a file pattern. */
export function lfsLine(pattern: string): string {
  return `${pattern} filter=lfs diff=lfs merge=lfs -text`;
}

/** The pattern to suggest for a weight file: by extension, the way Hub repositories do. */
export function lfsPatternFor(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `*${name.slice(dot)}` : name;
}

/** A format in words, for messages. */
export function formatLabel(format: WeightFormat): string {
  const labels: Partial<Record<WeightFormat, string>> = {
    "pytorch-pickle": "PyTorch pickle",
    "pytorch-zip": "PyTorch checkpoint (a zip with a pickle inside)",
    pickle: "Python pickle",
    joblib: "joblib pickle",
    nemo: "NeMo archive (with pickles inside)",
    paddle: "PaddlePaddle pickle",
    torchserve: "TorchServe archive (with pickles inside)",
    "tensorflow-savedmodel": "TensorFlow SavedModel",
    "flax-msgpack": "Flax msgpack",
    "numpy-archive": "NumPy archive",
  };
  return labels[format] ?? format;
}

/** The safetensors twin of a pickle checkpoint that exists, if any. */
export async function findSafetensorsTwin(
  path: string,
  exists: (candidate: string) => Promise<boolean | undefined>,
): Promise<string | undefined> {
  for (const candidate of safetensorsTwins(path)) if ((await exists(candidate)) === true) return candidate;
  return undefined;
}

/** Training leftovers that are pickles but never loaded as model weights. */
export const TRAINING_STATE = /^(training_args\.bin|optimizer\.(pt|bin)|scheduler\.pt|scaler\.pt|rng_state(_\d+)?\.pth|trainer_state\.pt)$/;
