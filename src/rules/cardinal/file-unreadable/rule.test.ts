import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const OID = "a".repeat(64);

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "text card", files: { "README.md": "---\nlicense: mit\n---\n" } },
    { name: "weights are never read as text", files: { "model.safetensors": { content: { type: "not-fetched" } } } },
    { name: "weights in LFS are expected", files: { "model.bin": { content: { type: "lfs-pointer", oid: OID, size: 5 } } } },
    { name: "a removed LICENSE needs no text", files: { LICENSE: { status: "removed", content: { type: "removed" } } } },
  ],
  invalid: [
    {
      name: "binary README",
      files: { "README.md": { content: { type: "binary" } } },
      findings: [{ line: null, title: "Text file holds binary data", message: "`README.md` should be text, but it contains binary data, so Cardinal did not read it." }],
    },
    {
      name: "card stored in LFS",
      files: { "models/a/README.md": { content: { type: "lfs-pointer", oid: OID, size: 2_500_000 } } },
      findings: [{ line: 1, title: "Text file stored in Git LFS", message: "`models/a/README.md` is stored in Git LFS (a pointer to a 2.4 MB object), so GitHub and Cardinal see only the pointer, not its text.", hint: "Narrow the pattern in `.gitattributes` that sends this file to LFS (for example `*.safetensors` instead of `*`), then commit the file again." }],
    },
    {
      name: "too large",
      files: { LICENSE: { content: { type: "too-large", limit: 2 * 1024 * 1024 }, size: 9_000_000 } },
      findings: [{ line: null, title: "File too large to review", message: "`LICENSE` is larger than the 2 MB Cardinal reads per file, so it was not reviewed.", hint: "Raise `max_file_size` in `.github/cardinal.yml` if files this large are expected." }],
    },
    {
      name: "could not be fetched",
      files: { "config.json": { content: { type: "unavailable", reason: "GitHub answered 502" } } },
      findings: [{ line: null, title: "File could not be read", message: "Cardinal could not read `config.json` (GitHub answered 502), so it was not reviewed." }],
    },
  ],
});
