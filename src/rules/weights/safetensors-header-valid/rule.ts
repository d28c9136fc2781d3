import { defineRule, type ReviewFile } from "../../../core/rule.js";
import { prose, quoted, text, trusted, type Text } from "../../../core/text.js";
import {
  formatBytes,
  SAFETENSORS_MAX_HEADER_BYTES,
  safetensorsHeaderOf,
  type SafetensorsProblem,
} from "../../../parse/safetensors.js";
import { weightFacts } from "../../../parse/weights.js";

/** Findings per file; the last one says how many more the header has. */
const MAX_FINDINGS_PER_FILE = 5;

/**
 * A safetensors file of the review whose bytes a ByteSource may hold (not
 * removed, not read as text). In a folder, a Git LFS pointer on disk is
 * only a pointer (the clone did not fetch the object): there is no header
 * to read, and weights/lfs-pointer-valid checks the pointer itself.
 */
export function safetensorsFiles(files: readonly ReviewFile[], source: "pull-request" | "folder"): ReviewFile[] {
  return files.filter(
    (f) =>
      f.kind === "weights" &&
      f.status !== "removed" &&
      weightFacts(f.path).format === "safetensors" &&
      ((f.content.type === "lfs-pointer" && source === "pull-request") || f.content.type === "not-fetched" || f.content.type === "binary"),
  );
}

const n = (value: number) => trusted(value.toLocaleString("en-US"));

/** One problem in words, with the numbers. */
export function describeProblem(p: SafetensorsProblem): Text {
  switch (p.kind) {
    case "too-short":
      return text`The file has ${n(p.size)} ${prose(p.size === 1 ? "byte" : "bytes")}, fewer than the 8 that hold the header length.`;
    case "header-too-large":
      return text`The first 8 bytes give a header length of ${n(p.length)} bytes, over the ${n(SAFETENSORS_MAX_HEADER_BYTES)} the safetensors library accepts: loading fails with "header too large".`;
    case "header-beyond-file":
      return text`The first 8 bytes give a header length of ${n(p.length)} bytes, but the file has only ${n(p.size)} (${trusted(formatBytes(p.size))}).`;
    case "not-utf8":
      return prose("The header is not UTF-8 text, so it cannot be the JSON the format requires.");
    case "not-json":
      return text`The header is not valid JSON (${quoted(p.detail)}).`;
    case "not-object":
      return prose("The header is JSON but not an object mapping tensor names to their entries.");
    case "bad-entry":
      return text`Tensor ${p.tensor} ${trusted(p.what)}.`;
    case "unknown-dtype":
      return text`Tensor ${p.tensor} has dtype ${p.dtype}, which the safetensors format does not define.`;
    case "size-mismatch":
      return text`Tensor ${p.tensor} needs ${n(p.expected)} bytes for its shape and dtype, but its \`data_offsets\` span ${n(p.span)}.`;
    case "partial-byte":
      return text`Tensor ${p.tensor} holds ${n(p.bits)} bits, not a whole number of bytes.`;
    case "gap":
      return text`Tensor ${p.tensor} begins at byte ${n(p.begin)} of the data section; the tensor before it ends at ${n(p.expected)}, leaving a gap.`;
    case "overlap":
      return text`Tensor ${p.tensor} begins at byte ${n(p.begin)} of the data section, inside ${p.previous}, which ends at ${n(p.previousEnd)}.`;
    case "coverage":
      return text`The header and tensors account for ${n(p.expected)} bytes (8 + header + data), but the file has ${n(p.size)}: ${trusted(p.size > p.expected ? "the file has bytes no tensor describes" : "the file is cut short")}.`;
    case "metadata":
      return p.key === undefined
        ? prose("`__metadata__` is not an object of strings.")
        : text`\`__metadata__\` maps ${p.key} to something other than a string; the format allows only strings.`;
  }
}

export default defineRule({
  meta: {
    id: "weights/safetensors-header-valid",
    title: "The safetensors header is broken",
    description:
      "A safetensors file's header parses, is within the 100 MB the library accepts, names known dtypes, and its tensors' offsets cover the data section exactly, without gaps or overlaps.",
    why:
      "Libraries read the header before any weight: a header that does not parse, a dtype they do not know or offsets that do not cover the file make loading fail for everyone, or read the wrong bytes as weights. The Hub shows no error on upload.",
    defaultSeverity: "error",
  },
  async check(context) {
    const source = context.bytes;
    if (!source) return;
    const files = safetensorsFiles(context.files, context.workspace.source);
    // Every header asked at once: the ByteSource bounds the transfers in flight and batches LFS lookups.
    const reads = files.map((file) => safetensorsHeaderOf(source, file.path));
    for (const [i, file] of files.entries()) {
      await context.checkpoint();
      const read = await (reads[i] as ReturnType<typeof safetensorsHeaderOf>);
      if (!read.ok) {
        context.report({
          path: file.path,
          atMost: "notice",
          title: "safetensors header not checked",
          message: text`Cardinal could not read the header of ${file.path}: ${trusted(read.reason)}.`,
          hint: prose("Nothing is said about this file's header; run `cardinal check` on a clone with the file present to check it."),
        });
        continue;
      }
      const problems = read.header.problems;
      const shown = problems.slice(0, MAX_FINDINGS_PER_FILE);
      shown.forEach((problem, i) => {
        const more = i === shown.length - 1 && problems.length > shown.length ? problems.length - shown.length : 0;
        context.report({
          path: file.path,
          message: more > 0 ? text`${describeProblem(problem)} ${trusted(`(${more} more ${more === 1 ? "problem" : "problems"} in this header.)`)}` : describeProblem(problem),
          hint: prose("Save the weights again with the safetensors library (`save_file`, or `save_pretrained` in transformers) and commit the new file through Git LFS."),
        });
      });
    }
  },
});
