import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { pickleFixture } from "../../../../test/pickle-fixtures.js";
import { blob, pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

const file = (name: string) => ({ files: { [name]: blob() }, bytes: { [name]: pickleFixture(name) } });
const as = (path: string, fixture: string) => ({ files: { [path]: blob() }, bytes: { [path]: pickleFixture(fixture) } });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "a PyTorch state dict (torch.save's globals only)", ...as("pytorch_model.bin", "benign-state-dict.bin") },
    { name: "a real legacy-format checkpoint (picklescan's test data)", ...as("pytorch_model.bin", "picklescan/pytorch_model.bin") },
    { name: "plain data at protocol 0", ...file("benign-plain-protocol0.pkl") },
    { name: "without bytes (a door that cannot read them), nothing is said", files: { "pytorch_model.bin": pointer() } },
    { name: "safetensors are never read as pickles", files: { "model.safetensors": blob() }, bytes: { "model.safetensors": pickleFixture("malicious-reduce-protocol4.pkl") } },
    { name: "a removed file is not read", files: { "model.pkl": { content: { type: "removed" }, status: "removed" } }, bytes: { "model.pkl": pickleFixture("malicious-reduce-protocol4.pkl") } },
  ],
  invalid: [
    {
      name: "a PyTorch zip whose data.pkl calls os.system: the call, the opcode offset and the member",
      ...as("pytorch_model.bin", "malicious-pytorch-zip.bin"),
      findings: [
        {
          path: "pytorch_model.bin",
          line: 1,
          message: "`pytorch_model.bin` imports `posix.system` (GLOBAL at offset 180 in `archive/data.pkl`): loading it with `torch.load`, `pickle.load` or `joblib.load` calls it.",
          hint: "Do not load or merge this file. If you saved it yourself, save the weights as safetensors instead (`save_pretrained(..., safe_serialization=True)` or `safetensors.torch.save_file`) from a clean environment; if it came from someone else, treat its source as compromised.",
        },
      ],
    },
    {
      name: "two dangerous names are both listed",
      ...file("malicious-builtins-getattr.pkl"),
      findings: [{ line: 1, message: "`malicious-builtins-getattr.pkl` imports `builtins.getattr` (GLOBAL at offset 2), `builtins.__import__` (GLOBAL at offset 21): loading it with `torch.load`, `pickle.load` or `joblib.load` calls them." }],
    },
    {
      name: "past three, the rest are counted (picklescan's malicious0.pkl)",
      ...as("model.pkl", "picklescan/malicious0.pkl"),
      findings: [{ line: 1, message: "`model.pkl` imports `__builtin__.globals` (GLOBAL at offset 0), `__builtin__.compile` (GLOBAL at offset 30), `__builtin__.eval` (GLOBAL at offset 123) and 2 more dangerous names: loading it with `torch.load`, `pickle.load` or `joblib.load` calls them." }],
    },
    {
      name: "a STACK_GLOBAL whose module is computed at load time",
      ...file("bypass-stack-global-computed.pkl"),
      findings: [{ line: 1, message: "`bypass-stack-global-computed.pkl` imports a name built while loading (STACK_GLOBAL at offset 33; module: the result of calling builtins.str; name: the string \"system\"): no scanner can tell what that runs, and Python's own pickler never writes one." }],
    },
    {
      name: "the bytes decide, not the name: a raw pickle named .ckpt",
      ...as("model.ckpt", "bypass-plain-pickle-named.ckpt"),
      findings: [{ line: 1, message: "`model.ckpt` imports `posix.system` (GLOBAL at offset 2): loading it with `torch.load`, `pickle.load` or `joblib.load` calls it." }],
    },
    {
      name: "a pickle nested in bytes is scanned too",
      ...file("bypass-nested-loads.pkl"),
      findings: [{ line: 1, message: "`bypass-nested-loads.pkl` imports `_pickle.loads` (GLOBAL at offset 2), `posix.system` (GLOBAL at offset 2 in `pickle nested in bytes at offset 22`): loading it with `torch.load`, `pickle.load` or `joblib.load` calls them." }],
    },
    {
      name: "a NumPy object array inside an npz, in a pull request through an LFS pointer",
      pullRequest: true,
      files: { "assets/meta.npz": pointer(392) },
      bytes: { "assets/meta.npz": pickleFixture("bypass-object-array.npz") },
      findings: [{ line: 1, message: "`meta.npz` imports `posix.system` (GLOBAL at offset 2 in `meta.npy › object array`): loading it with `torch.load`, `pickle.load` or `joblib.load` calls it." }],
    },
    {
      name: "training state is scanned like any pickle",
      ...as("checkpoint-5/optimizer.pt", "malicious-pytorch-zip-deflated.pt"),
      findings: [{ line: 1, path: "checkpoint-5/optimizer.pt", message: "`optimizer.pt` imports `posix.system` (GLOBAL at offset 180 in `archive/data.pkl`): loading it with `torch.load`, `pickle.load` or `joblib.load` calls it." }],
    },
  ],
});

/** Byte arrays joined: pickles one after the other, which loaders read in turn. */
const joined = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const ascii = (s: string) => new Uint8Array(Array.from(s, (c) => c.charCodeAt(0)));
const calls = "loading it with `torch.load`, `pickle.load` or `joblib.load` calls";
const built = 'module: the result of calling builtins.str; name: the string "system"';

ruleTester(rule, {
  valid: [{ name: "a pickle that imports only names on the allowlist", files: { "m.pkl": blob() }, bytes: { "m.pkl": ascii("\x80\x02ccollections\nOrderedDict\n)R.") } }],
  invalid: [
    {
      name: "four dangerous names: three listed, one more in the singular",
      files: { "four.pkl": blob() },
      bytes: { "four.pkl": ascii("\x80\x02cposix\nsystem\n0cbuiltins\neval\n0cbuiltins\nexec\n0csubprocess\nPopen\n0N.") },
      findings: [{ line: 1, message: `\`four.pkl\` imports \`posix.system\` (GLOBAL at offset 2), \`builtins.eval\` (GLOBAL at offset 17), \`builtins.exec\` (GLOBAL at offset 33) and 1 more dangerous name: ${calls} them.` }],
    },
    {
      name: "two names built while loading: the first shown, the other counted",
      files: { "two.pkl": blob() },
      bytes: { "two.pkl": joined(pickleFixture("bypass-stack-global-computed.pkl"), pickleFixture("bypass-stack-global-computed.pkl")) },
      findings: [{ line: 1, message: `\`two.pkl\` imports a name built while loading (STACK_GLOBAL at offset 33; ${built}), 1 more like it: no scanner can tell what that runs, and Python's own pickler never writes one.` }],
    },
    {
      name: "a dangerous name and names built while loading: one finding that says both",
      files: { "both.pkl": blob() },
      bytes: { "both.pkl": joined(pickleFixture("malicious-reduce-protocol4.pkl"), pickleFixture("bypass-stack-global-computed.pkl"), pickleFixture("bypass-stack-global-computed.pkl")) },
      findings: [
        {
          line: 1,
          message: `\`both.pkl\` imports \`posix.system\` (STACK_GLOBAL at offset 28): ${calls} it. It also imports a name built while loading (STACK_GLOBAL at offset 92; ${built}), 1 more like it: no scanner can tell what that runs, and Python's own pickler never writes one.`,
        },
      ],
    },
  ],
});
