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
    { name: "binary weights and an unreadable image are not files Cardinal reads as text", files: { "model.bin": { content: { type: "binary" } }, "docs/plot.png": { content: { type: "unavailable", reason: "GitHub answered 502" } } } },
    { name: "a card Cardinal did not fetch is not reported as unreadable", files: { "README.md": { content: { type: "not-fetched" } } } },
  ],
  invalid: [
    {
      name: "binary README",
      files: { "README.md": { content: { type: "binary" } } },
      findings: [{ line: null, title: "Text file holds binary data", message: "`README.md` should be text, but it contains binary data, so Cardinal did not read it.", hint: "Check that the right file was committed under this name." }],
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
      findings: [{ line: null, title: "File could not be read", message: "Cardinal could not read `config.json` (GitHub answered 502), so it was not reviewed.", hint: "In a pull request, re-run the check; if this persists, check the app's access to the repository. In a local folder, make it a regular file inside the folder (the CLI reads no pipes, devices, or links that lead outside)." }],
    },
    {
      name: "sizes in the words a reader uses: bytes below 1 KB, whole KB below 1 MB, MB with one decimal when it has one",
      files: {
        "a/README.md": { content: { type: "lfs-pointer", oid: OID, size: 1023 } },
        "b/README.md": { content: { type: "lfs-pointer", oid: OID, size: 1024 } },
        "c/README.md": { content: { type: "lfs-pointer", oid: OID, size: 1536 } },
        "d/README.md": { content: { type: "lfs-pointer", oid: OID, size: 1023 * 1024 } },
        "e/README.md": { content: { type: "lfs-pointer", oid: OID, size: 1024 * 1024 } },
        "f/README.md": { content: { type: "lfs-pointer", oid: OID, size: 1.5 * 1024 * 1024 } },
      },
      findings: [
        { path: "a/README.md", line: 1, message: "`a/README.md` is stored in Git LFS (a pointer to a 1023 bytes object), so GitHub and Cardinal see only the pointer, not its text." },
        { path: "b/README.md", line: 1, message: "`b/README.md` is stored in Git LFS (a pointer to a 1 KB object), so GitHub and Cardinal see only the pointer, not its text." },
        { path: "c/README.md", line: 1, message: "`c/README.md` is stored in Git LFS (a pointer to a 2 KB object), so GitHub and Cardinal see only the pointer, not its text." },
        { path: "d/README.md", line: 1, message: "`d/README.md` is stored in Git LFS (a pointer to a 1023 KB object), so GitHub and Cardinal see only the pointer, not its text." },
        { path: "e/README.md", line: 1, message: "`e/README.md` is stored in Git LFS (a pointer to a 1 MB object), so GitHub and Cardinal see only the pointer, not its text." },
        { path: "f/README.md", line: 1, message: "`f/README.md` is stored in Git LFS (a pointer to a 1.5 MB object), so GitHub and Cardinal see only the pointer, not its text." },
      ],
    },
    {
      name: "each unreadable file its own finding, in the order of the review's files",
      files: { "README.md": { content: { type: "binary" } }, "model.bin": { content: { type: "binary" } }, ".github/cardinal.yml": { content: { type: "too-large", limit: 512 * 1024 } } },
      findings: [
        { path: ".github/cardinal.yml", line: null, title: "File too large to review", message: "`.github/cardinal.yml` is larger than the 512 KB Cardinal reads per file, so it was not reviewed." },
        { path: "README.md", line: null, title: "Text file holds binary data", message: "`README.md` should be text, but it contains binary data, so Cardinal did not read it." },
      ],
    },
  ],
});
