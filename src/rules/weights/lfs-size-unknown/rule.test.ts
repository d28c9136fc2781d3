import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { blob, LFS_ATTRIBUTES, MB, pointer } from "../../../../test/weights-helpers.js";
import { GITATTRIBUTES_MAX_BYTES } from "../../../parse/gitattributes.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "a pointer", pullRequest: true, files: { "model.safetensors": pointer() }, repo: {} },
    { name: "a known size is weights/use-git-lfs'", pullRequest: true, files: { "model.safetensors": blob(undefined, 30 * MB) }, repo: {} },
    { name: "a local folder: sizes are known", files: { "model.safetensors": blob() }, repo: {} },
    { name: "no view of the repository's .gitattributes: no verdict", pullRequest: true, files: { "model.safetensors": blob() } },
    { name: "training state", pullRequest: true, files: { "training_args.bin": blob() }, repo: {} },
  ],
  invalid: [
    {
      name: "a plain file in a PR, no pattern",
      pullRequest: true,
      files: { "whisper/assets/mel_filters.npz": blob() },
      repo: {},
      findings: [{ path: "whisper/assets/mel_filters.npz", line: 1, message: "`mel_filters.npz` is not a Git LFS pointer in the diff and no `.gitattributes` pattern sends it through LFS. If it is over 10 MB, the Hub will ask for LFS (GitHub refuses files over 100 MB); if it is a small file, nothing needs to change.", hint: "If the file is large: add `*.npz filter=lfs diff=lfs merge=lfs -text` to `.gitattributes` (or run `git lfs track \"*.npz\"`), then commit the file again." }],
    },
    {
      name: "a pattern sends it to LFS, but the diff shows no pointer",
      pullRequest: true,
      files: { "adapter_model.safetensors": blob() },
      repo: { ".gitattributes": LFS_ATTRIBUTES },
      findings: [{ line: 1, title: "Weight file in plain Git although .gitattributes sends it to LFS", message: "`adapter_model.safetensors` is not a Git LFS pointer in the diff, although a `.gitattributes` pattern sends it to LFS: Git LFS was probably not installed when it was committed. If the file is over 10 MB, the Hub will ask for LFS." }],
    },
    {
      name: "shards are one finding",
      pullRequest: true,
      files: { "model-00001-of-00002.safetensors": blob(), "model-00002-of-00002.safetensors": blob() },
      repo: {},
      findings: [{ line: 1, message: "`model-00001-of-00002.safetensors` is not a Git LFS pointer in the diff and no `.gitattributes` pattern sends it through LFS. If it is over 10 MB, the Hub will ask for LFS (GitHub refuses files over 100 MB); if it is a small file, nothing needs to change. The same holds for the other shard of this checkpoint." }],
    },
  ],
});

const untracked = (name: string, more = "") =>
  `\`${name}\` is not a Git LFS pointer in the diff and no \`.gitattributes\` pattern sends it through LFS. If it is over 10 MB, the Hub will ask for LFS (GitHub refuses files over 100 MB); if it is a small file, nothing needs to change.${more}`;

ruleTester(rule, {
  valid: [
    { name: "a removed weight file", pullRequest: true, files: { "model.safetensors": { content: { type: "removed" }, status: "removed" } }, repo: {} },
    { name: "a config.json whose text was not fetched is no weight file", pullRequest: true, files: { "config.json": { content: { type: "not-fetched" } } }, repo: {} },
    { name: "a weight file read as text is not a plain blob of unknown size", pullRequest: true, files: { "weights.bin": { content: { type: "binary" } } }, repo: {} },
    {
      name: "a .gitattributes too large to read leaves the file undecided (weights/use-git-lfs speaks)",
      pullRequest: true,
      files: { "model.safetensors": blob(), ".gitattributes": "# padding\n".repeat(Math.ceil(GITATTRIBUTES_MAX_BYTES / 10) + 1) },
      repo: {},
    },
  ],
  invalid: [
    {
      name: "a pattern sends it to LFS: the title and the hint to reinstall LFS",
      pullRequest: true,
      files: { "m/pytorch_model.bin": blob() },
      repo: { ".gitattributes": LFS_ATTRIBUTES },
      findings: [
        {
          path: "m/pytorch_model.bin",
          line: 1,
          title: "Weight file in plain Git although .gitattributes sends it to LFS",
          message: "`pytorch_model.bin` is not a Git LFS pointer in the diff, although a `.gitattributes` pattern sends it to LFS: Git LFS was probably not installed when it was committed. If the file is over 10 MB, the Hub will ask for LFS.",
          hint: "If the file is large: run `git lfs install`, then `git rm --cached <file>` and `git add <file>`, and commit again.",
        },
      ],
    },
    {
      name: "a later line turns LFS off: not sent through LFS, the rule's own title",
      pullRequest: true,
      files: { "small/model.bin": blob() },
      repo: { ".gitattributes": `${LFS_ATTRIBUTES}small/** -filter\n` },
      findings: [{ line: 1, title: "Weight file in plain Git, size unknown", message: untracked("model.bin"), hint: "If the file is large: add `*.bin filter=lfs diff=lfs merge=lfs -text` to `.gitattributes` (or run `git lfs track \"*.bin\"`), then commit the file again." }],
    },
    {
      name: "three shards are one finding, counting the other two",
      pullRequest: true,
      files: { "model-00001-of-00003.safetensors": blob(), "model-00002-of-00003.safetensors": blob(), "model-00003-of-00003.safetensors": blob() },
      repo: {},
      findings: [{ path: "model-00001-of-00003.safetensors", line: 1, message: untracked("model-00001-of-00003.safetensors", " The same holds for the other 2 shards of this checkpoint.") }],
    },
    {
      name: "the pattern sends the shards to LFS: the count follows the tracked message too",
      pullRequest: true,
      files: { "model-00001-of-00002.safetensors": blob(), "model-00002-of-00002.safetensors": blob() },
      repo: { ".gitattributes": LFS_ATTRIBUTES },
      findings: [
        {
          line: 1,
          message:
            "`model-00001-of-00002.safetensors` is not a Git LFS pointer in the diff, although a `.gitattributes` pattern sends it to LFS: Git LFS was probably not installed when it was committed. If the file is over 10 MB, the Hub will ask for LFS. The same holds for the other shard of this checkpoint.",
        },
      ],
    },
  ],
});
