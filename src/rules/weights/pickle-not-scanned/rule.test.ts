import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { pickleFixture } from "../../../../test/pickle-fixtures.js";
import { blob, pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

const file = (name: string) => ({ files: { [name]: blob() }, bytes: { [name]: pickleFixture(name) } });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "a complete PyTorch zip", ...file("benign-state-dict-deflated.pt") },
    { name: "concatenated pickles are read to the end", ...file("benign-concatenated.pkl") },
    { name: "a plain NumPy array holds no pickle", ...file("benign-float-array.npy") },
  ],
  invalid: [
    {
      name: "a truncated stream: what was cut, and where",
      ...file("incomplete-truncated-benign.pkl"),
      findings: [{ line: 1, message: "Cardinal could not scan all of `incomplete-truncated-benign.pkl`: the stream ends at byte 40, inside an opcode that needs 1 more byte (at offset 40). What it read before that is checked.", hint: "A damaged pickle fails to load only after running what comes before the damage. Re-save the file (as safetensors for weights) rather than shipping it as it is." }],
    },
    {
      name: "a compression Cardinal cannot open is a notice",
      ...file("incomplete-xz.joblib"),
      findings: [{ line: 1, message: "Cardinal could not scan all of `incomplete-xz.joblib`: it is compressed with xz, which Cardinal cannot open (at offset 0).", severity: "notice", hint: "Save the weights as safetensors, which hold only tensors and need no scan; if the file must stay a pickle, store it uncompressed." }],
    },
    {
      name: "bytes the door could not read: its reason, as a notice",
      files: { "pytorch_model.bin": pointer() },
      bytes: {},
      findings: [{ line: 1, message: "Cardinal could not scan all of `pytorch_model.bin`: no bytes were given for it.", severity: "notice", hint: "Run `cardinal check` on a local copy to scan the whole file, or save the weights as safetensors, which need no scan." }],
    },
    {
      name: "a malformed byte after a malicious prefix",
      ...file("bypass-malformed-tail.pkl"),
      findings: [{ line: 1, message: "Cardinal could not scan all of `bypass-malformed-tail.pkl`: byte 0xff is not a pickle opcode (at offset 52). What it read before that is checked." }],
    },
  ],
});

const ascii = (s: string) => new Uint8Array(Array.from(s, (c) => c.charCodeAt(0)));
/** SHORT_BINBYTES holding `payload` (a pickle the scanner reads too), then POP. */
const nested = (payload: string) => `C${String.fromCharCode(payload.length)}${payload}0`;
const DAMAGED = "A damaged pickle fails to load only after running what comes before the damage. Re-save the file (as safetensors for weights) rather than shipping it as it is.";

ruleTester(rule, {
  valid: [{ name: "a removed pickle is not read", files: { "m.pkl": { content: { type: "removed" }, status: "removed" } }, bytes: { "m.pkl": ascii("\xff") } }],
  invalid: [
    {
      name: "three breaks: two listed with their places, one more counted",
      files: { "n.pkl": blob() },
      bytes: { "n.pkl": ascii(`\x80\x02${nested("\x80\x02\xff")}${nested("\x80\x02cm\n")}${nested("\x80\x02\xfe")}N.`) },
      findings: [
        {
          line: 1,
          severity: "warning",
          message:
            "Cardinal could not scan all of `n.pkl`: byte 0xff is not a pickle opcode (at offset 2 in `pickle nested in bytes at offset 4`); the stream ends inside a text argument (at offset 5 in `pickle nested in bytes at offset 10`); and 1 more. What it read before that is checked.",
          hint: DAMAGED,
        },
      ],
    },
    {
      name: "two breaks: both listed, nothing counted",
      files: { "n.pkl": blob() },
      bytes: { "n.pkl": ascii(`\x80\x02${nested("\x80\x02\xff")}${nested("\x80\x02\xfe")}N.`) },
      findings: [
        {
          line: 1,
          message:
            "Cardinal could not scan all of `n.pkl`: byte 0xff is not a pickle opcode (at offset 2 in `pickle nested in bytes at offset 4`); byte 0xfe is not a pickle opcode (at offset 2 in `pickle nested in bytes at offset 10`). What it read before that is checked.",
        },
      ],
    },
    {
      name: "an empty file: damaged, and nothing was read before it",
      files: { "empty.pkl": blob() },
      bytes: { "empty.pkl": new Uint8Array([]) },
      findings: [{ line: 1, severity: "warning", message: "Cardinal could not scan all of `empty.pkl`: the file is empty (at offset 0).", hint: DAMAGED }],
    },
    {
      name: "a first byte that starts no format Cardinal knows: a notice",
      files: { "model.pkl": blob() },
      bytes: { "model.pkl": ascii("\xfe") },
      findings: [
        {
          line: 1,
          severity: "notice",
          message: "Cardinal could not scan all of `model.pkl`: its first byte (0xfe) starts no pickle, zip, tar or NumPy file Cardinal knows (at offset 0).",
          hint: "Save the weights as safetensors, which hold only tensors and need no scan; if the file must stay a pickle, store it uncompressed.",
        },
      ],
    },
  ],
});
