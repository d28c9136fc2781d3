import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a".repeat(64) + "\nsize 100\n";
const HINT =
  "If the weights are someone else's, remove them and link to where the license holder publishes them. If the license holder has since released them under another license, put that license's text here instead and name it in the card's metadata.";
const LINE = "  Under these terms, and in every country where the licensor holds rights to the model, and in every country where the licensor holds rights to the model, and in every country where the licensor holds rights to the model, you may not redistribute weights;  ";
/** The line trimmed, its ";" dropped, then cut to 199 characters and an ellipsis. */
const SHOWN = "Under these terms, and in every country where the licensor holds rights to the model, and in every country where the licensor holds rights to the model, and in every country where the licensor holds …";
const CLAUSE = "c) Models. If machine learning model(s) are included, you may use the model(s), but you may not distribute the models.";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "the clause with no weights in the release (a card that links elsewhere)", files: { "README.md": `# M\n\n${CLAUSE}\n` } },
    { name: "a condition after it is not a ban", files: { "README.md": "# M\n\nYou may not distribute the model for commercial purposes.\n", "model.safetensors": POINTER } },
    { name: "a ban on redistributing data, not the model", files: { "README.md": "# M\n\nYou may not distribute the data.\n", "model.safetensors": POINTER } },
    { name: "weights in a sibling folder, the card in another", files: { "docs/README.md": `# M\n\n${CLAUSE}\n`, "weights/model.safetensors": POINTER } },
    { name: "a LICENSE in a sibling folder of the weights", files: { "docs/LICENSE": `${CLAUSE}\n`, "weights/model.safetensors": POINTER } },
    { name: "a dataset card with the clause beside weights is not the model's license", files: { "README.md": `---\ntask_categories: [text-classification]\n---\n${CLAUSE}\n`, "model.safetensors": POINTER } },
    { name: "weights the pull request removes are not distributed", pullRequest: true, files: { LICENSE: `${CLAUSE}\n`, "model.safetensors": { status: "removed", content: { type: "removed" } } } },
    { name: "a LICENSE the pull request removes is not read from the repository", pullRequest: true, files: { LICENSE: { status: "removed", content: { type: "removed" } }, "model.safetensors": POINTER }, repo: { LICENSE: CLAUSE } },
    { name: "a binary LICENSE has no words to read", files: { LICENSE: { content: { type: "binary" } }, "model.safetensors": POINTER } },
    { name: "a pull request does not ask the repository for the LICENSE beside each card", pullRequest: true, files: { "README.md": "# M\n", "model.safetensors": POINTER }, repo: { "LICENSE.md": `Terms\n${CLAUSE}\n` } },
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
      findings: [{ path: "LICENSE", line: 3, message: "The license file says “c) Models. If machine learning model(s) are included, you may use the model(s), but you may not distribute the models”, and the release distributes model weights (`model.safetensors`): unless this release is the license holder's own, publishing them breaks that license.", hint: HINT }],
    },
    {
      name: "a folder review reads the LICENSE beside the card from the repository",
      files: { "README.md": "# M\n", "model.safetensors": POINTER },
      repo: { "LICENSE.md": `Terms\n${CLAUSE}\n` },
      findings: [{ path: "LICENSE.md", line: 2, message: "The license file says “c) Models. If machine learning model(s) are included, you may use the model(s), but you may not distribute the models”, and the release distributes model weights (`model.safetensors`): unless this release is the license holder's own, publishing them breaks that license." }],
    },
    {
      name: "the card and the LICENSE both say it: each its own notice, the card's at its first such line",
      files: { "README.md": `# M\n${CLAUSE}\nAgain: you may not distribute the weights.\n`, LICENSE: `T\n\n${CLAUSE}\n`, "model.safetensors": POINTER },
      findings: [
        { path: "LICENSE", line: 3, message: "The license file says “c) Models. If machine learning model(s) are included, you may use the model(s), but you may not distribute the models”, and the release distributes model weights (`model.safetensors`): unless this release is the license holder's own, publishing them breaks that license." },
        { path: "README.md", line: 2, message: "The card's license text says “c) Models. If machine learning model(s) are included, you may use the model(s), but you may not distribute the models”, and the release distributes model weights (`model.safetensors`): unless this release is the license holder's own, publishing them breaks that license.", hint: HINT },
      ],
    },
    {
      name: "only the weights under the LICENSE's folder are counted",
      files: { "a/LICENSE": `${CLAUSE}\n`, "a/b/x.bin": POINTER, "a/c/y.bin": POINTER, "a/z.bin": POINTER, "other.bin": POINTER },
      findings: [{ path: "a/LICENSE", line: 1, message: "The license file says “c) Models. If machine learning model(s) are included, you may use the model(s), but you may not distribute the models”, and the release distributes model weights (`x.bin` and 2 more): unless this release is the license holder's own, publishing them breaks that license." }],
    },
    {
      name: "a long sentence is quoted trimmed, without its stop, and cut at 200 characters",
      files: { LICENSE: `Terms\n${LINE}\n`, "model.safetensors": POINTER },
      findings: [{ path: "LICENSE", line: 2, message: `The license file says “${SHOWN}”, and the release distributes model weights (\`model.safetensors\`): unless this release is the license holder's own, publishing them breaks that license.` }],
    },
  ],
});
