import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { LFS_ATTRIBUTES, pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "a .gitattributes", files: { ".gitattributes": LFS_ATTRIBUTES, "model.safetensors": pointer() } },
    { name: "a gitattributes with no LFS lines and no weights beside it", files: { "docs/gitattributes": "*.md linguist-documentation\n" } },
    { name: "a removed gitattributes", files: { gitattributes: { content: { type: "removed" }, status: "removed" }, "model.safetensors": pointer() } },
  ],
  invalid: [
    {
      name: "the Hub's .gitattributes saved without its dot (m-medgemma-27b-it-copy)",
      files: { gitattributes: LFS_ATTRIBUTES, "config.json": "{}" },
      findings: [{ path: "gitattributes", line: 1, message: "`gitattributes` holds Git LFS patterns, but Git reads attributes only from files named `.gitattributes`: without the leading dot, none of its lines apply.", hint: "Rename it: `git mv gitattributes .gitattributes`, then commit the weights again so that they go through Git LFS." }],
    },
    {
      name: "the Hub's .gitattributes saved as gitattributes.txt (h-llama2-13b-chat-gptq-gitattributes-txt)",
      files: { "gitattributes.txt": LFS_ATTRIBUTES },
      findings: [{ path: "gitattributes.txt", line: 1, message: "`gitattributes.txt` holds Git LFS patterns, but Git reads attributes only from files named `.gitattributes`: under this name, none of its lines apply.", hint: "Rename it: `git mv gitattributes.txt .gitattributes`, then commit the weights again so that they go through Git LFS." }],
    },
    {
      name: ".gitattributes.txt beside weights",
      files: { "w/.gitattributes.txt": "*.md text\n", "w/model.safetensors": pointer() },
      findings: [{ line: 1, path: "w/.gitattributes.txt", message: "`w/.gitattributes.txt` sits beside weight files, but Git reads attributes only from files named `.gitattributes`: under this name, none of its lines apply." }],
    },
    {
      name: "beside weights, whatever it holds",
      files: { "m/gitattributes": "*.bin binary\n", "m/model.bin": pointer() },
      findings: [{ line: 1, message: "`m/gitattributes` sits beside weight files, but Git reads attributes only from files named `.gitattributes`: without the leading dot, none of its lines apply.", hint: "Rename it: `git mv m/gitattributes m/.gitattributes`, then commit the weights again so that they go through Git LFS." }],
    },
  ],
});

const holds = (path: string, why: string) => `\`${path}\` holds Git LFS patterns, but Git reads attributes only from files named \`.gitattributes\`: ${why}, none of its lines apply.`;
const sits = (path: string, why: string) => `\`${path}\` sits beside weight files, but Git reads attributes only from files named \`.gitattributes\`: ${why}, none of its lines apply.`;

ruleTester(rule, {
  valid: [
    { name: "weights in another folder do not count", files: { "docs/gitattributes": "*.md text\n", "model.safetensors": pointer() } },
    { name: "removed weights beside it do not count", pullRequest: true, files: { gitattributes: "*.md text\n", "model.safetensors": { content: { type: "removed" }, status: "removed" } } },
    { name: "filter=lfs only as part of another word is no LFS pattern", files: { gitattributes: "*.bin myfilter=lfs\n*.pt filter=lfs-custom\n" } },
    { name: "a gitattributes not read as text, with no weights beside it", files: { "gitattributes.txt": { content: { type: "not-fetched" } } } },
  ],
  invalid: [
    { name: "an LFS pattern on the last line, without a newline", files: { "GITATTRIBUTES.TXT": "*.md text\n*.bin filter=lfs" }, findings: [{ path: "GITATTRIBUTES.TXT", line: 1, message: holds("GITATTRIBUTES.TXT", "under this name") }] },
    { name: "an LFS pattern after a tab", files: { "a/gitattributes": "*.bin\tfilter=lfs\tdiff=lfs\n" }, findings: [{ line: 1, message: holds("a/gitattributes", "without the leading dot"), hint: "Rename it: `git mv a/gitattributes a/.gitattributes`, then commit the weights again so that they go through Git LFS." }] },
    { name: "a gitattributes not read as text, beside weights", files: { "w/gitattributes": { content: { type: "not-fetched" } }, "w/model.gguf": pointer() }, findings: [{ line: 1, message: sits("w/gitattributes", "without the leading dot") }] },
  ],
});
