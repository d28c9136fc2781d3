import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a".repeat(64) + "\nsize 100\n";
const CLAUSE = "c) Models. If machine learning model(s) are included, you may use the model(s), but you may not distribute the models.";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "the clause with no weights in the release (a card that links elsewhere)", files: { "README.md": `# M\n\n${CLAUSE}\n` } },
    { name: "a condition after it is not a ban", files: { "README.md": "# M\n\nYou may not distribute the model for commercial purposes.\n", "model.safetensors": POINTER } },
    { name: "a ban on redistributing data, not the model", files: { "README.md": "# M\n\nYou may not distribute the data.\n", "model.safetensors": POINTER } },
    { name: "weights in a sibling folder, the card in another", files: { "docs/README.md": `# M\n\n${CLAUSE}\n`, "weights/model.safetensors": POINTER } },
  ],
  invalid: [
    {
      name: "a card that is the Microsoft Research License, beside weights",
      files: { "README.md": `THE MODEL IS SOLELY THE PROPERTY OF MICROSOFT UNDER THE FOLLOWING LICENSE:\n\n${CLAUSE}\n`, "pytorch_model-00001-of-00002.bin": POINTER, "pytorch_model-00002-of-00002.bin": POINTER },
      findings: [
        {
          path: "README.md",
          line: 3,
          message:
            "The card's license text says “c) Models. If machine learning model(s) are included, you may use the model(s), but you may not distribute the models”, and the release distributes model weights (`pytorch_model-00001-of-00002.bin` and 1 more): unless this release is the license holder's own, publishing them breaks that license.",
        },
      ],
    },
    {
      name: "a LICENSE file with the clause, weights in a folder below",
      files: { LICENSE: `MICROSOFT RESEARCH LICENSE TERMS\n\n${CLAUSE}\n`, "ckpt/model.safetensors": POINTER },
      findings: [{ path: "LICENSE", line: 3, message: "The license file says “c) Models. If machine learning model(s) are included, you may use the model(s), but you may not distribute the models”, and the release distributes model weights (`model.safetensors`): unless this release is the license holder's own, publishing them breaks that license." }],
    },
  ],
});
