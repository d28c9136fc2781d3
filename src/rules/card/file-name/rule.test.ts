import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const WEIGHTS = { content: { type: "not-fetched" as const } };

ruleTester(rule, {
  valid: [
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus)", files: { "README.md": corpusCard("facebook-bart-large-mnli") } },
    { name: "README.md", files: { "README.md": "---\nlicense: mit\n---\n# Model\n", "model.safetensors": WEIGHTS } },
    { name: "a lower-case project readme is not a card", files: { "readme.md": "# My library\n\nInstall it.\n" } },
    { name: "MODEL_CARD.md in a code repository is not meant as the Hub card", files: { "MODEL_CARD.md": "# Card\n" } },
    {
      name: "a readme.md beside README.md is another document",
      files: { "README.md": "---\nlicense: mit\n---\n", "readme.md": "---\nlicense: mit\n---\n", "model.safetensors": WEIGHTS },
    },
    {
      name: "a Readme.md beside the folder's README.md is another document",
      files: { "m/README.md": "---\nlicense: mit\n---\n", "m/Readme.md": "# Notes\n", "m/model.safetensors": WEIGHTS },
    },
  ],
  invalid: [
    {
      name: "a README.md the pull request removes is no card to fall back on",
      pullRequest: true,
      files: { "README.md": { status: "removed", content: { type: "not-fetched" } }, "readme.md": "---\nlicense: mit\n---\n# Model\n", "model.safetensors": WEIGHTS },
      findings: [{ path: "readme.md", line: 1, message: "This model card is named `readme.md`; the Hub reads a card only from a file named exactly `README.md`, so on the Hub this repository would have no card and none of its metadata (GitHub shows either name)." }],
    },
    {
      name: "a README.md in another folder does not count",
      files: { "README.md": "---\nlicense: mit\n---\n", "m/readme.md": "---\nlicense: mit\n---\n", "m/model.safetensors": WEIGHTS },
      findings: [{ path: "m/readme.md", line: 1, message: "This model card is named `readme.md`; the Hub reads a card only from a file named exactly `README.md`, so on the Hub this repository would have no card and none of its metadata (GitHub shows either name)." }],
    },
    {
      name: "readme.md with dataset card metadata",
      files: { "readme.md": "---\nlicense: mit\ntask_categories: [token-classification]\n---\n# Data\n" },
      findings: [{ path: "readme.md", line: 1, message: "This dataset card is named `readme.md`; the Hub reads a card only from a file named exactly `README.md`, so on the Hub this repository would have no card and none of its metadata (GitHub shows either name).", hint: "Rename the file to `README.md`. On a file system that ignores case, rename in two steps: `git mv readme.md readme.md.tmp && git mv readme.md.tmp README.md`." }],
    },
    {
      name: "Readme.md beside weights, in a folder",
      files: { "models/tiny/Readme.md": "# Tiny\n\nA small model.\n", "models/tiny/model.safetensors": WEIGHTS },
      findings: [{ line: 1, path: "models/tiny/Readme.md", message: "This model card is named `Readme.md`; the Hub reads a card only from a file named exactly `README.md`, so on the Hub this repository would have no card and none of its metadata (GitHub shows either name).", hint: "Rename the file to `README.md`. On a file system that ignores case, rename in two steps: `git mv models/tiny/Readme.md models/tiny/Readme.md.tmp && git mv models/tiny/Readme.md.tmp models/tiny/README.md`." }],
    },
  ],
});
