import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "a valid pointer", files: { "model.safetensors": pointer() } }],
  invalid: [
    {
      name: "a short oid",
      files: { "model.safetensors": { content: { type: "lfs-pointer-invalid", text: "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n" } } },
      findings: [{ line: 1, message: "`model.safetensors` starts like a Git LFS pointer but lacks a valid `oid sha256:` line (64 hexadecimal characters)." }],
    },
    {
      name: "no size",
      files: { "model.bin": { content: { type: "lfs-pointer-invalid", text: `version https://git-lfs.github.com/spec/v1\noid sha256:${"a".repeat(64)}\n` } } },
      findings: [{ line: 1, message: "`model.bin` starts like a Git LFS pointer but lacks a `size` line." }],
    },
  ],
});
