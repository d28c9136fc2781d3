import { ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const OID = "a".repeat(64);

ruleTester(rule, {
  valid: [
    { name: "text card", files: { "README.md": "---\nlicense: mit\n---\n" } },
    { name: "weights are never read as text", files: { "model.safetensors": { content: { type: "not-fetched" } } } },
    { name: "weights in LFS are expected", files: { "model.bin": { content: { type: "lfs-pointer", oid: OID, size: 5 } } } },
    { name: "a removed LICENSE needs no text", files: { LICENSE: { status: "removed", content: { type: "removed" } } } },
  ],
  invalid: [
    {
      name: "binary README",
      files: { "README.md": { content: { type: "binary" } } },
      findings: [{ title: "Text file holds binary data", message: "contains binary data" }],
    },
    {
      name: "card stored in LFS",
      files: { "models/a/README.md": { content: { type: "lfs-pointer", oid: OID, size: 2_500_000 } } },
      findings: [{ line: 1, title: "Text file stored in Git LFS", message: "pointer to a 2.4 MB object", hint: ".gitattributes" }],
    },
    {
      name: "too large",
      files: { LICENSE: { content: { type: "too-large", limit: 2 * 1024 * 1024 }, size: 9_000_000 } },
      findings: [{ title: "File too large to review", message: "larger than the 2 MB", hint: "max_file_size" }],
    },
    {
      name: "could not be fetched",
      files: { "config.json": { content: { type: "unavailable", reason: "GitHub answered 502" } } },
      findings: [{ title: "File could not be read", message: "GitHub answered 502" }],
    },
  ],
});
