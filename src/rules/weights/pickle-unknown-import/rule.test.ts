import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { pickleFixture } from "../../../../test/pickle-fixtures.js";
import { blob } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

const file = (name: string) => ({ files: { [name]: blob() }, bytes: { [name]: pickleFixture(name) } });
const as = (path: string, fixture: string) => ({ files: { [path]: blob() }, bytes: { [path]: pickleFixture(fixture) } });

/** protocol 2: GLOBAL sklearn.linear_model._logistic LogisticRegression, EMPTY_TUPLE, REDUCE, STOP. */
const sklearn = new Uint8Array([0x80, 0x02, ...Array.from("csklearn.linear_model._logistic\nLogisticRegression\n)R.", (c) => c.charCodeAt(0))]);

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "a PyTorch state dict", ...as("pytorch_model.bin", "benign-state-dict.bin") },
    { name: "NumPy arrays inside a pickle (numpy reconstruct, dtype, ndarray, _codecs.encode)", ...file("benign-numpy-in-pickle.pkl") },
    { name: "a real zip checkpoint (picklescan's test data)", ...as("pytorch_model.bin", "picklescan/new_pytorch_model.bin") },
    { name: "dangerous imports are weights/pickle-calls-code's, not this rule's", ...file("malicious-reduce-protocol4.pkl") },
    { name: "training state imports trainer classes by design", files: { "training_args.bin": blob() }, bytes: { "training_args.bin": sklearn } },
  ],
  invalid: [
    {
      name: "a scikit-learn model: unknown, not malicious",
      files: { "model.joblib": blob() },
      bytes: { "model.joblib": sklearn },
      findings: [
        {
          line: 1, message:
            "`model.joblib` imports a name outside Cardinal's allowlist: `sklearn.linear_model._logistic.LogisticRegression` (GLOBAL at offset 2). Not known to be dangerous, but loading the file imports it and runs its code.",
        },
      ],
    },
    { name: "a global from the extension registry (EXT1)", ...file("bypass-ext-code.pkl"), findings: [{ line: 1, message: "`bypass-ext-code.pkl` takes a global from Python's extension registry (EXT1 at offset 2), which only the loading machine can resolve." }] },
  ],
});

const joined = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const ascii = (s: string) => new Uint8Array(Array.from(s, (c) => c.charCodeAt(0)));

ruleTester(rule, {
  valid: [{ name: "a plain pickle of data", ...file("benign-plain-protocol2.pkl") }],
  invalid: [
    {
      name: "four names outside the allowlist: three listed, one more",
      files: { "m.pkl": blob() },
      bytes: { "m.pkl": ascii("\x80\x02cm1\nA\n0cm2\nB\n0cm3\nC\n0cm4\nD\n0N.") },
      findings: [
        {
          line: 1,
          message: "`m.pkl` imports 4 names outside Cardinal's allowlist: `m1.A` (GLOBAL at offset 2), `m2.B` (GLOBAL at offset 9), `m3.C` (GLOBAL at offset 16) and 1 more. Not known to be dangerous, but loading the file imports them and runs their code.",
          hint: "Check that these are classes you meant to save (your own, or a library's). Weights saved as safetensors, and data saved as JSON, need no imports at all.",
        },
      ],
    },
    {
      name: "two names outside the allowlist, both listed",
      files: { "m.pkl": blob() },
      bytes: { "m.pkl": ascii("\x80\x02cm1\nA\n0cm2\nB\n0N.") },
      findings: [{ line: 1, message: "`m.pkl` imports 2 names outside Cardinal's allowlist: `m1.A` (GLOBAL at offset 2), `m2.B` (GLOBAL at offset 9). Not known to be dangerous, but loading the file imports them and runs their code." }],
    },
    {
      name: "two globals from the extension registry: counted, the first placed",
      files: { "e.pkl": blob() },
      bytes: { "e.pkl": joined(pickleFixture("bypass-ext-code.pkl"), pickleFixture("bypass-ext-code.pkl")) },
      findings: [{ line: 1, message: "`e.pkl` takes 2 globals from Python's extension registry (EXT1 at offset 2), which only the loading machine can resolve." }],
    },
    {
      name: "a name outside the allowlist and a global from the registry: one finding that says both",
      files: { "u.pkl": blob() },
      bytes: { "u.pkl": joined(ascii("\x80\x02cm1\nA\n0N."), pickleFixture("bypass-ext-code.pkl")) },
      findings: [
        {
          line: 1,
          message:
            "`u.pkl` imports a name outside Cardinal's allowlist: `m1.A` (GLOBAL at offset 2). Not known to be dangerous, but loading the file imports it and runs its code. It also takes a global from Python's extension registry (EXT1 at offset 13), which only the loading machine can resolve.",
        },
      ],
    },
  ],
});
