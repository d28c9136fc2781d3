import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import { rawSafetensors, safetensorsFile, safetensorsHeader } from "../../../../test/helpers/safetensors.js";
import { pointer } from "../../../../test/weights-helpers.js";
import { plain } from "../../../core/text.js";
import rule from "./rule.js";

const good = safetensorsFile({ "a.weight": { dtype: "F32", shape: [2, 3] }, "b.bias": { dtype: "BF16", shape: [4] } }, { format: "pt" });
const { header } = safetensorsHeader({ "a.weight": { dtype: "F32", shape: [2, 3] } });
const tensor = (entry: object) => ({ ...header, "a.weight": { ...(header["a.weight"] as object), ...entry } });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "a valid file through LFS", pullRequest: true, files: { "model.safetensors": pointer(good.length) }, bytes: { "model.safetensors": good } },
    { name: "a folder holding only the LFS pointer: no header to read", files: { "model.safetensors": pointer() }, bytes: { "model.safetensors": "it is a Git LFS pointer" } },
    { name: "a valid file on disk", files: { "model.safetensors": { content: { type: "not-fetched" } } }, bytes: { "model.safetensors": good } },
    { name: "every FP8 and FP4 dtype is known", pullRequest: true, files: { "m.safetensors": pointer() }, bytes: { "m.safetensors": safetensorsFile({ a: { dtype: "F8_E4M3", shape: [8] }, b: { dtype: "U8", shape: [3] } }) } },
    { name: "a scalar (empty shape) is one element", pullRequest: true, files: { "m.safetensors": pointer() }, bytes: { "m.safetensors": safetensorsFile({ step: { dtype: "I64", shape: [] } }) } },
    { name: "a header padded with spaces, as the format allows", pullRequest: true, files: { "m.safetensors": pointer() }, bytes: { "m.safetensors": rawSafetensors(`${JSON.stringify(header)}    `, 24) } },
    { name: "no byte source: silent", files: { "model.safetensors": pointer() } },
    { name: "a removed file is not read", files: { "model.safetensors": { content: { type: "removed" }, status: "removed" } }, bytes: {} },
    { name: "other weight formats are not read as safetensors", files: { "model.bin": pointer() }, bytes: { "model.bin": new Uint8Array([1, 2, 3]) } },
  ],
  invalid: [
    {
      name: "a header that is not JSON",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: { "model.safetensors": rawSafetensors('{"a.weight": {"dtype": "F32",', 0) },
      findings: [{ line: null, path: "model.safetensors", message: "The header is not valid JSON (Expected double-quoted property name in JSON at position 29)." }],
    },
    {
      name: "a header length over the library's 100 MB",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: { "model.safetensors": rawSafetensors(header, 24, 2 ** 40) },
      findings: [{ line: null, message: "The first 8 bytes give a header length of 1,099,511,627,776 bytes, over the 100,000,000 the safetensors library accepts: loading fails with \"header too large\"." }],
    },
    {
      name: "a header length past the end of the file",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: { "model.safetensors": rawSafetensors(header, 0, 5000) },
      findings: [{ line: null, message: "The first 8 bytes give a header length of 5,000 bytes, but the file has only 72 (72 bytes)." }],
    },
    {
      name: "an unknown dtype",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: { "model.safetensors": rawSafetensors(tensor({ dtype: "F12" }), 24) },
      findings: [{ line: null, message: "Tensor `a.weight` has dtype `F12`, which the safetensors format does not define." }],
    },
    {
      name: "offsets that do not match shape × dtype",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: { "model.safetensors": rawSafetensors(tensor({ shape: [2, 4] }), 24) },
      findings: [{ line: null, message: "Tensor `a.weight` needs 32 bytes for its shape and dtype, but its `data_offsets` span 24." }],
    },
    {
      name: "overlapping tensors",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: {
        "model.safetensors": rawSafetensors(
          { a: { dtype: "F32", shape: [4], data_offsets: [0, 16] }, b: { dtype: "F32", shape: [4], data_offsets: [8, 24] } },
          24,
        ),
      },
      findings: [{ line: null, message: "Tensor `b` begins at byte 8 of the data section, inside `a`, which ends at 16." }],
    },
    {
      name: "a gap between tensors",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: {
        "model.safetensors": rawSafetensors(
          { a: { dtype: "F32", shape: [2], data_offsets: [0, 8] }, b: { dtype: "F32", shape: [2], data_offsets: [16, 24] } },
          24,
        ),
      },
      findings: [{ line: null, message: "Tensor `b` begins at byte 16 of the data section; the tensor before it ends at 8, leaving a gap." }],
    },
    {
      name: "bytes after the last tensor",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: { "model.safetensors": rawSafetensors(header, 30) },
      findings: [{ line: null, message: "The header and tensors account for 96 bytes (8 + header + data), but the file has 102: the file has bytes no tensor describes." }],
    },
    {
      name: "a file cut short",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: { "model.safetensors": rawSafetensors(header, 10) },
      findings: [{ line: null, message: "The header and tensors account for 96 bytes (8 + header + data), but the file has 82: the file is cut short." }],
    },
    {
      name: "__metadata__ with a value that is not a string",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: { "model.safetensors": rawSafetensors({ __metadata__: { format: "pt", step: 3 }, ...header }, 24) },
      findings: [{ line: null, message: "`__metadata__` maps `step` to something other than a string; the format allows only strings." }],
    },
    {
      name: "a tensor entry without data_offsets",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: { "model.safetensors": rawSafetensors({ a: { dtype: "F32", shape: [2] } }, 0) },
      findings: [{ line: null, message: "Tensor `a` has no `data_offsets` pair of whole numbers." }],
    },
    {
      name: "fewer than 8 bytes",
      files: { "model.safetensors": { content: { type: "not-fetched" } } },
      bytes: { "model.safetensors": new Uint8Array([1, 2, 3]) },
      findings: [{ line: null, message: "The file has 3 bytes, fewer than the 8 that hold the header length." }],
    },
    {
      name: "bytes that could not be read: a notice with the reason, no verdict",
      pullRequest: true,
      files: { "model.safetensors": pointer() },
      bytes: { "model.safetensors": "the LFS object is not on the server" },
      findings: [{ line: null, severity: "notice", title: "safetensors header not checked", message: "Cardinal could not read the header of `model.safetensors`: the LFS object is not on the server." }],
    },
  ],
});

describe("weights/safetensors-header-valid bounds", () => {
  it("reports at most five problems per file and says how many more", async () => {
    const entries = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`t${i}`, { dtype: "Q9", shape: [1], data_offsets: [i, i + 1] }]));
    const findings = await runRule(rule, { name: "many", pullRequest: true, files: { "m.safetensors": pointer() }, bytes: { "m.safetensors": rawSafetensors(entries, 8) } });
    // Five reported (the engine folds alike findings into one line that counts them), three counted.
    const messages = findings.map((f) => plain(f.message));
    expect(messages.join("\n")).toContain("The same problem appears 3 more times.");
    expect(messages.at(-1)).toContain("Tensor `t4` has dtype `Q9`, which the safetensors format does not define. (3 more problems in this header.)");
  });

  it("reads only the header: one 64 KiB range for a small header, never the data section", async () => {
    const reads: [number, number][] = [];
    const big = rawSafetensors(header, 1_000_000);
    const { review } = await import("../../../core/engine.js");
    const { resolveConfig } = await import("../../../core/config.js");
    const { RULE_IDS } = await import("../../index.js");
    await review({
      workspace: { source: "folder", files: [{ path: "m.safetensors", status: "unchanged", content: { type: "not-fetched" } }] },
      bytes: { read: async (_p, offset, length) => (reads.push([offset, length]), { ok: true, bytes: big.subarray(offset, offset + length), size: big.length }) },
      config: resolveConfig({}, RULE_IDS).config,
      rules: [rule],
      ruleIds: RULE_IDS,
    });
    expect(reads).toEqual([[0, 65536]]);
  });

  it("a header longer than the first read is read in a second range that ends with it", async () => {
    const many = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`model.layers.${i}.self_attn.q_proj.weight`, { dtype: "F32", shape: [1] }]));
    const file = safetensorsFile(many);
    const length = Number(new DataView(file.buffer).getBigUint64(0, true));
    expect(length).toBeGreaterThan(65536);
    const findings = await runRule(rule, { name: "long", pullRequest: true, files: { "m.safetensors": pointer() }, bytes: { "m.safetensors": file } });
    expect(findings).toEqual([]);
  });
});

const HINT = "Save the weights again with the safetensors library (`save_file`, or `save_pretrained` in transformers) and commit the new file through Git LFS.";
/** The length, then the header's raw bytes, then `data` zero bytes. */
const rawBytes = (header: number[], data = 0) => {
  const out = new Uint8Array(8 + header.length + data);
  new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
  out.set(header, 8);
  return out;
};

ruleTester(rule, {
  valid: [
    { name: "a file read as binary is checked like one on disk", files: { "model.safetensors": { content: { type: "binary" } } }, bytes: { "model.safetensors": good } },
    { name: "a file that is not safetensors by name is not read, whatever its bytes", pullRequest: true, files: { "model.gguf": pointer() }, bytes: { "model.gguf": new Uint8Array([1]) } },
  ],
  invalid: [
    { name: "a file of one byte: the singular", files: { "model.safetensors": { content: { type: "binary" } } }, bytes: { "model.safetensors": new Uint8Array([1]) }, findings: [{ line: null, message: "The file has 1 byte, fewer than the 8 that hold the header length.", hint: HINT }] },
    { name: "a header that is not UTF-8", pullRequest: true, files: { "m.safetensors": pointer() }, bytes: { "m.safetensors": rawBytes([0x7b, 0xff, 0xfe, 0x7d]) }, findings: [{ line: null, message: "The header is not UTF-8 text, so it cannot be the JSON the format requires." }] },
    { name: "a header that is a JSON list", pullRequest: true, files: { "m.safetensors": pointer() }, bytes: { "m.safetensors": rawSafetensors("[]", 0) }, findings: [{ line: null, message: "The header is JSON but not an object mapping tensor names to their entries." }] },
    {
      name: "a tensor of FP4 values that fills half a byte",
      pullRequest: true,
      files: { "m.safetensors": pointer() },
      bytes: { "m.safetensors": rawSafetensors({ a: { dtype: "F4", shape: [3], data_offsets: [0, 2] } }, 2) },
      findings: [{ line: null, message: "Tensor `a` holds 12 bits, not a whole number of bytes." }],
    },
    {
      name: "__metadata__ that is not an object",
      pullRequest: true,
      files: { "m.safetensors": pointer() },
      bytes: { "m.safetensors": rawSafetensors({ __metadata__: "pt", ...header }, 24) },
      findings: [{ line: null, message: "`__metadata__` is not an object of strings." }],
    },
    {
      name: "a tensor entry that is not an object",
      pullRequest: true,
      files: { "m.safetensors": pointer() },
      bytes: { "m.safetensors": rawSafetensors({ a: 3 }, 0) },
      findings: [{ line: null, message: "Tensor `a` is not an object." }],
    },
    {
      name: "six problems: five reported (the engine folds the four alike), the last counts the one more in the singular",
      pullRequest: true,
      files: { "m.safetensors": pointer() },
      bytes: { "m.safetensors": rawSafetensors(Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((t, i) => [t, { dtype: "F32", shape: [1], data_offsets: [i * 2, i * 2 + 2] }])), 12) },
      findings: [
        { line: null, message: "Tensor `a` needs 4 bytes for its shape and dtype, but its `data_offsets` span 2. The same problem appears 3 more times." },
        { line: null, message: "Tensor `e` needs 4 bytes for its shape and dtype, but its `data_offsets` span 2. (1 more problem in this header.)" },
      ],
    },
    {
      name: "two files: each read and reported on its own",
      pullRequest: true,
      files: { "a.safetensors": pointer(), "b.safetensors": pointer(), "c.safetensors": pointer() },
      bytes: { "a.safetensors": new Uint8Array([1, 2]), "b.safetensors": good, "c.safetensors": "the LFS object is not on the server" },
      findings: [
        { path: "a.safetensors", line: null, message: "The file has 2 bytes, fewer than the 8 that hold the header length." },
        { path: "c.safetensors", line: null, severity: "notice", message: "Cardinal could not read the header of `c.safetensors`: the LFS object is not on the server.", hint: "Nothing is said about this file's header; run `cardinal check` on a clone with the file present to check it." },
      ],
    },
  ],
});
