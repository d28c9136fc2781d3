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
