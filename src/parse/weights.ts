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
  | "openvino"
  | "onnx-external-data"
  | "tensorrt"
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
  /**
   * How the format was determined: the first bytes, a sibling file that
   * settles it (`openvino_model.xml` beside `openvino_model.bin`), or the
   * name alone (then messages say what the name suggests, not what it is).
   */
  readonly by: "magic" | "sibling" | "name";
}

/** Whether a file sits beside `path` in its folder, when the caller knows (undefined: unknown). */
export type SiblingCheck = (name: string) => boolean | undefined;

/** Names optimum-intel gives OpenVINO IR weights: openvino_model.bin, openvino_encoder_model.bin … */
const OPENVINO_NAME = /^openvino(_[a-z0-9_]+)?_model\.bin$/;
/** ONNX external data: model.onnx_data, model.onnx.data, model.onnx.data_0 … */
const ONNX_DATA_NAME = /\.onnx(_data|\.data)(_?\d+)?$/;

function byName(path: string): WeightFormat {
  const name = basename(path).toLowerCase();
  // Core ML packages keep their weights in Data/com.apple.CoreML/weights/weight.bin.
  if (/\.mlpackage\//i.test(path)) return "coreml";
  if (OPENVINO_NAME.test(name)) return "openvino";
  if (ONNX_DATA_NAME.test(name)) return "onnx-external-data";
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
    case ".engine":
    case ".plan":
      return "tensorrt";
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

/**
 * The format a sibling settles: OpenVINO IR is an `.xml` graph beside a
 * `.bin` of raw weights with the same stem; ONNX external data sits beside
 * the `.onnx` that names it (`model.onnx` + `model.onnx_data`).
 */
function bySibling(path: string, nameFormat: WeightFormat, hasSibling: SiblingCheck): WeightFormat | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (lower.endsWith(".bin")) {
    const stem = name.slice(0, -".bin".length);
    if (hasSibling(`${stem}.xml`) === true) return "openvino";
  }
  if (nameFormat === "onnx-external-data") {
    const onnx = name.replace(/\.onnx(_data|\.data)(_?\d+)?$/i, ".onnx");
    if (hasSibling(onnx) === true) return "onnx-external-data";
  }
  return undefined;
}

export function weightFacts(path: string, head?: Uint8Array, hasSibling?: SiblingCheck): WeightFacts {
  const nameFormat = byName(path);
  const magic = head ? byMagic(head, nameFormat) : undefined;
  // Bytes that prove a pickle win over any sibling; otherwise a sibling settles raw-weight formats.
  const sibling = !magic && hasSibling ? bySibling(path, nameFormat, hasSibling) : undefined;
  const format = magic ?? sibling ?? nameFormat;
  return { format, pickle: PICKLE_FORMATS.has(format), by: magic ? "magic" : sibling ? "sibling" : "name" };
}

/** The sibling names that could settle a file's format: `x.xml` for `x.bin`, `x.onnx` for `x.onnx_data`. */
export function siblingCandidates(path: string): string[] {
  const name = basename(path);
  const out: string[] = [];
  if (/\.bin$/i.test(name)) out.push(`${name.slice(0, -".bin".length)}.xml`);
  if (ONNX_DATA_NAME.test(name.toLowerCase())) out.push(name.replace(/\.onnx(_data|\.data)(_?\d+)?$/i, ".onnx"));
  return out;
}

/**
 * weightFacts, with the siblings that could settle the format asked of
 * `exists` (the review's files, then the repository) in one go.
 */
export async function weightFactsNear(
  path: string,
  head: Uint8Array | undefined,
  exists: (paths: readonly string[]) => Promise<ReadonlyMap<string, boolean | undefined>>,
): Promise<WeightFacts> {
  const plain = weightFacts(path, head);
  if (plain.by === "magic") return plain;
  const dir = dirname(path);
  const full = (name: string) => (dir ? `${dir}/${name}` : name);
  const names = siblingCandidates(path);
  if (names.length === 0) return plain;
  const answers = await exists(names.map(full));
  return weightFacts(path, head, (name) => answers.get(full(name)));
}

/**
 * "is a PyTorch pickle" when the bytes (or a sibling) prove it, "is named
 * like a PyTorch pickle" when only the name speaks: an LFS pointer or a file
 * Cardinal did not read says nothing about its content.
 */
export function formatPhrase(facts: WeightFacts): string {
  const label = formatLabel(facts.format);
  const article = /^[aeiou]/i.test(label) ? "an" : "a";
  return facts.by === "name" ? `is named like ${article} ${label}` : `is ${article} ${label}`;
}

/** The shards of one checkpoint share a key: `dir/pytorch_model-*-of-00003.bin`; undefined for an unsharded file. */
export function shardKey(path: string): string | undefined {
  const name = basename(path);
  if (!/-\d{5}-of-\d{5}\./.test(name)) return undefined;
  const dir = dirname(path);
  const key = name.replace(/-\d{5}-of-(\d{5})\./, "-*-of-$1.");
  return dir ? `${dir}/${key}` : key;
}

/** Items grouped by checkpoint: the shards of one sharded checkpoint together, every other item alone, in first-seen order. */
export function byCheckpoint<T extends { readonly path: string }>(items: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = shardKey(item.path) ?? `\u0000${item.path}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/** The Hub asks for Git LFS (or Xet) above this size (hub-docs, repositories-getting-started.md: "files larger than 10MB"). */
export const HUB_LFS_THRESHOLD = 10 * 1024 * 1024;
/** GitHub warns about files over 50 MiB and blocks files over 100 MiB (docs.github.com, "About large files on GitHub"). */
export const GITHUB_WARN_SIZE = 50 * 1024 * 1024;
export const GITHUB_BLOCK_SIZE = 100 * 1024 * 1024;

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
    numpy: "NumPy array",
    openvino: "OpenVINO IR weights file",
    "onnx-external-data": "ONNX external data file",
    tensorrt: "TensorRT engine",
    coreml: "Core ML model",
    gguf: "GGUF file",
    ggml: "GGML file",
    onnx: "ONNX model",
    hdf5: "HDF5 file",
    keras: "Keras file",
    tflite: "TensorFlow Lite model",
    safetensors: "safetensors file",
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

/**
 * Training leftovers: the state `transformers.Trainer` saves in each
 * `checkpoint-*` folder besides the model (trainer.py: TRAINING_ARGS_NAME,
 * OPTIMIZER_NAME, SCHEDULER_NAME, SCALER_NAME, `rng_state_{rank}.pth`).
 * Pickles, never loaded as model weights.
 */
export const TRAINING_STATE = /^(training_args\.bin|optimizer\.(pt|bin)|scheduler\.pt|scaler\.pt|rng_state(_\d+)?\.pth|trainer_state\.pt)$/;

/** Checkpoint formats whose replacement is safetensors (weights/prefer-safetensors). */
export const CHECKPOINT_PICKLES: ReadonlySet<WeightFormat> = new Set(["pytorch-pickle", "pytorch-zip", "nemo", "paddle", "torchserve"]);

/**
 * Why a shard name from an index's `weight_map` is unsafe to join to the
 * index's folder, or undefined when it is a plain relative path. The same
 * checks as huggingface.js (@huggingface/hub 2.17.5, `assertSafeShardFilename`
 * in src/lib/parse-safetensors-metadata.ts): percent-decoded until stable
 * (five rounds at most), then the raw and the decoded form each checked for
 * control characters, backslashes, a leading `/`, a `:` in the first segment
 * (a URL scheme or a drive letter) and `.` or `..` segments.
 */
export function unsafeShardReason(name: string): string | undefined {
  if (name === "") return "empty";
  let decoded = name;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return "malformed percent-encoding";
    }
    if (next === decoded) break;
    decoded = next;
  }
  for (const candidate of new Set([name, decoded])) {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(candidate)) return "control character";
    if (candidate.includes("\\")) return "backslash";
    if (candidate.startsWith("/")) return "absolute path";
    const slash = candidate.indexOf("/");
    if ((slash === -1 ? candidate : candidate.slice(0, slash)).includes(":")) return "scheme-like first segment";
    if (candidate.split("/").some((segment) => segment === "." || segment === "..")) return candidate === name ? "dot segment" : "dot segment once percent-decoded";
  }
  return undefined;
}
