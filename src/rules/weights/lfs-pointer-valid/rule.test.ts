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

const invalid = (text: string) => ({ content: { type: "lfs-pointer-invalid" as const, text } });
const VERSION = "version https://git-lfs.github.com/spec/v1\n";
const lacks = (path: string, what: string) => `\`${path}\` starts like a Git LFS pointer but lacks ${what}.`;
const OID_LINE = "a valid `oid sha256:` line (64 hexadecimal characters)";

ruleTester(rule, {
  valid: [{ name: "a removed pointer", files: { "model.bin": { content: { type: "removed" }, status: "removed" } } }],
  invalid: [
    {
      name: "neither an oid nor a size",
      files: { "w.safetensors": invalid(VERSION) },
      findings: [
        {
          path: "w.safetensors",
          line: 1,
          message: lacks("w.safetensors", `${OID_LINE} and a \`size\` line`),
          hint: "Commit the file again through Git LFS (`git lfs install`, `git rm --cached <file>`, `git add <file>`) instead of editing the pointer by hand.",
        },
      ],
    },
    { name: "both lines right, something else wrong: the expected layout", files: { "w.bin": invalid(`${VERSION}oid sha256:${"b".repeat(64)}\nsize 12\nsize 13\n`) }, findings: [{ line: 1, message: lacks("w.bin", "the expected layout") }] },
    { name: "an oid in capitals", files: { "w.bin": invalid(`${VERSION}oid sha256:${"B".repeat(64)}\nsize 12\n`) }, findings: [{ line: 1, message: lacks("w.bin", OID_LINE) }] },
    { name: "an oid of 65 characters", files: { "w.bin": invalid(`${VERSION}oid sha256:${"b".repeat(65)}\nsize 12\n`) }, findings: [{ line: 1, message: lacks("w.bin", OID_LINE) }] },
    { name: "an oid line that does not start the line", files: { "w.bin": invalid(`${VERSION} oid sha256:${"b".repeat(64)}\nsize 12\n`) }, findings: [{ line: 1, message: lacks("w.bin", OID_LINE) }] },
    { name: "a size that is not a number", files: { "w.bin": invalid(`${VERSION}oid sha256:${"b".repeat(64)}\nsize 12 bytes\n`) }, findings: [{ line: 1, message: lacks("w.bin", "a `size` line") }] },
    { name: "a size line that does not start the line", files: { "w.bin": invalid(`${VERSION}oid sha256:${"b".repeat(64)}\nxsize 12\n`) }, findings: [{ line: 1, message: lacks("w.bin", "a `size` line") }] },
    { name: "a size without digits", files: { "w.bin": invalid(`${VERSION}oid sha256:${"b".repeat(64)}\nsize \n`) }, findings: [{ line: 1, message: lacks("w.bin", "a `size` line") }] },
  ],
});
