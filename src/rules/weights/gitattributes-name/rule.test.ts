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
