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
