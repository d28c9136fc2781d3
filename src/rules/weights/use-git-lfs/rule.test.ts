import { describe, expect, it } from "vitest";
import { compileGitattributes, GITATTRIBUTES_MAX_BYTES, lfsAttributeFor, lfsAttributes } from "../../../parse/gitattributes.js";
import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { blob, LFS_ATTRIBUTES, MAGIC, MB, pointer } from "../../../../test/weights-helpers.js";
import rule, { sizeVerdict } from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "PR: pointer and pattern", pullRequest: true, files: { "model.safetensors": pointer() }, repo: { ".gitattributes": LFS_ATTRIBUTES } },
    { name: "PR: the pattern comes in the same PR", pullRequest: true, files: { "m/model.safetensors": pointer(), ".gitattributes": LFS_ATTRIBUTES }, repo: {} },
    { name: "folder: a local file covered by a pattern", files: { "model.safetensors": blob(), ".gitattributes": LFS_ATTRIBUTES }, repo: {} },
    { name: "a nested .gitattributes", pullRequest: true, files: { "models/a/w.pt": pointer() }, repo: { "models/.gitattributes": "*.pt filter=lfs diff=lfs merge=lfs -text\n" } },
    { name: "no view of the repository: no verdict", pullRequest: true, files: { "model.safetensors": blob(undefined, 400 * MB) } },
    { name: "folder: mel_filters.npz (4 KB) needs no LFS", files: { "whisper/assets/mel_filters.npz": blob(MAGIC.zip, 4271) }, repo: {} },
    { name: "folder: chord_to_index_mapping.pkl (1.7 KB) needs no LFS", files: { "assets/chord_to_index_mapping.pkl": blob(MAGIC.pickle, 1750) }, repo: {} },
    { name: "folder: a file of exactly 10 MB needs no LFS", files: { "adapter_model.safetensors": blob(MAGIC.safetensors, 10 * MB) }, repo: {} },
    { name: "PR: a plain file of unknown size is weights/lfs-size-unknown's", pullRequest: true, files: { "model.safetensors": blob() }, repo: {} },
    { name: "training state is weights/training-leftovers'", files: { "optimizer.pt": blob(MAGIC.pickle, 900 * MB), "training_args.bin": blob(MAGIC.pickle, 4600) }, repo: {} },
  ],
  invalid: [
    {
      name: "PR: committed as a plain blob",
      pullRequest: true,
      files: { "models/x/model.safetensors": blob(undefined, 30 * MB) },
      repo: {},
      findings: [
        {
          line: 1,
          message: "`model.safetensors` was committed as a plain Git file, not through Git LFS. At 30 MB it is over the 10 MB above which the Hub asks for Git LFS.",
          hint: "Add `*.safetensors filter=lfs diff=lfs merge=lfs -text` to `.gitattributes` (or run `git lfs track \"*.safetensors\"`), then commit the file again.",
        },
      ],
    },
    {
      name: "PR: pattern exists but the file is a blob (LFS not installed)",
      pullRequest: true,
      files: { "model.bin": blob(undefined, 200 * MB) },
      repo: { ".gitattributes": LFS_ATTRIBUTES },
      findings: [{ line: 1, message: "`model.bin` was committed as a plain Git file, although `.gitattributes` line 2 (`*.bin`) sends it to LFS: Git LFS was probably not installed when it was added. At 200 MB it is over the 10 MB above which the Hub asks for Git LFS. GitHub refuses files over 100 MB pushed without LFS.", hint: "Run `git lfs install`, then `git rm --cached <file>` and `git add <file>`, and commit again." }],
    },
    {
      name: "PR: a pointer without a pattern",
      pullRequest: true,
      files: { "model.gguf": pointer() },
      repo: { ".gitattributes": "*.safetensors filter=lfs diff=lfs merge=lfs -text\n" },
      findings: [{ line: 1, severity: "warning", title: "LFS pointer not covered by .gitattributes", message: "`model.gguf` is committed as a Git LFS pointer, but no `.gitattributes` pattern sends it through LFS, so clones get the pointer instead of the weights." }],
    },
    {
      name: "a later line turns LFS off",
      pullRequest: true,
      files: { "small/model.bin": pointer() },
      repo: { ".gitattributes": `${LFS_ATTRIBUTES}small/** -filter\n` },
      findings: [{ line: 1, severity: "warning", message: "`model.bin` is committed as a Git LFS pointer, but `.gitattributes` line 4 (`small/**`) turns LFS off for it, so clones get the pointer instead of the weights." }],
    },
    {
      name: "a pattern written for picomatch's extglob is literal in Git: `*(*a)b` does not match 28 a's",
      pullRequest: true,
      files: { [`${"a".repeat(28)}.bin`]: pointer(), ".gitattributes": "*(*a)b filter=lfs\n" },
      repo: {},
      findings: [{ line: 1, severity: "warning", message: "`aaaaaaaaaaaaaaaaaaaaaaaaaaaa.bin` is committed as a Git LFS pointer, but no `.gitattributes` pattern sends it through LFS, so clones get the pointer instead of the weights." }],
    },
    {
      name: "a .gitattributes over 4 MB: one finding on it, no verdict on the weights",
      pullRequest: true,
      files: { "model.safetensors": blob(undefined, 20 * MB), ".gitattributes": `${"# padding\n".repeat(Math.ceil(GITATTRIBUTES_MAX_BYTES / 10) + 1)}` },
      repo: {},
      findings: [{ line: null, path: ".gitattributes", message: "`.gitattributes` is 4 MB, more than the 4 MB Cardinal reads, so it did not check the weight files below it against its patterns." }],
    },
    {
      name: "patterns that cost too many steps: one finding, the undecided weights get no verdict",
      pullRequest: true,
      files: {
        ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${"a".repeat(200)}-${String(i + 1).padStart(5, "0")}-of-00020.safetensors`, pointer()])),
        ".gitattributes": Array.from({ length: 1100 }, (_, i) => `${"*a".repeat(900)}${i}b filter=lfs`).join("\n"),
      },
      repo: {},
      findings: [{ line: null, path: ".gitattributes", message: "Matching the weight files against the patterns of `.gitattributes` took more than the 20,000,000 steps Cardinal allows, so the weights it had not decided were not checked." }],
    },
    {
      name: "a line Git ignores for its length, in a .gitattributes the PR changes",
      pullRequest: true,
      files: { "model.safetensors": pointer(), ".gitattributes": `${LFS_ATTRIBUTES}${"x".repeat(3000)} filter=lfs\n` },
      repo: {},
      findings: [{ path: ".gitattributes", line: 4, message: "Line 4 of `.gitattributes` is 2,048 bytes or longer; Git ignores such lines, and so does Cardinal." }],
    },
    {
      name: "folder: no pattern",
      files: { "model.safetensors": blob(MAGIC.safetensors, 120 * MB) },
      repo: {},
      findings: [{ line: 1, message: "No `.gitattributes` pattern beside or above `model.safetensors` sends it through Git LFS, so committing it would put the whole file into Git. At 120 MB it is over the 10 MB above which the Hub asks for Git LFS. GitHub refuses files over 100 MB pushed without LFS." }],
    },
    {
      name: "folder: a small file committed as a pointer without a pattern is still broken",
      files: { "assets/mel_filters.npz": pointer(4271) },
      repo: {},
      findings: [{ line: 1, severity: "warning", message: "`mel_filters.npz` is committed as a Git LFS pointer, but no `.gitattributes` pattern sends it through LFS, so clones get the pointer instead of the weights." }],
    },
    {
      name: "three shards without a pattern are one finding",
      files: { "m-00001-of-00003.safetensors": pointer(), "m-00002-of-00003.safetensors": pointer(), "m-00003-of-00003.safetensors": pointer() },
      repo: {},
      findings: [{ line: 1, path: "m-00001-of-00003.safetensors", severity: "warning", message: "`m-00001-of-00003.safetensors` is committed as a Git LFS pointer, but no `.gitattributes` pattern sends it through LFS, so clones get the pointer instead of the weights. The same holds for the other 2 shards of this checkpoint." }],
    },
  ],
});

describe(".gitattributes matching", () => {
  const files = [
    { path: ".gitattributes", text: "*.bin filter=lfs\n/top.pt filter=lfs\nsub/*.onnx filter=lfs\n" },
    { path: "deep/.gitattributes", text: "*.bin -filter\n" },
  ];
  it.each([
    ["a/b/c.bin", true],
    ["top.pt", true],
    ["x/top.pt", undefined],
    ["sub/m.onnx", true],
    ["deep/m.bin", false],
    ["other.gguf", undefined],
  ] as const)("%s → %s", (path, lfs) => {
    expect(lfsAttributeFor(path, files)?.lfs).toBe(lfs);
  });
});

describe(".gitattributes read the way Git reads it", () => {
  const decide = (text: string, path: string, source = ".gitattributes") => lfsAttributeFor(path, [{ path: source, text }])?.lfs;
  it.each([
    ["a trailing slash names folders only", "models/ filter=lfs\n", "models/m.bin", undefined],
    ["a leading slash anchors", "/m.bin filter=lfs\n", "sub/m.bin", undefined],
    ["no slash: any depth", "m.bin filter=lfs\n", "a/b/m.bin", true],
    ["a slash: relative to the file", "sub/*.bin filter=lfs\n", "x/sub/m.bin", undefined],
    ["**/ at any depth", "**/ckpt/*.bin filter=lfs\n", "a/b/ckpt/m.bin", true],
    ["/** inside a folder", "big/** filter=lfs\n", "big/x/y.bin", true],
    ["* does not cross a slash", "big/* filter=lfs\n", "big/x/y.bin", undefined],
    ["no braces", "*.{bin,pt} filter=lfs\n", "m.bin", undefined],
    ["[...] classes", "model-[0-9][0-9].bin filter=lfs\n", "model-07.bin", true],
    ["[!...] negated classes", "model-[!0-9].bin filter=lfs\n", "model-7.bin", undefined],
    ["backslash escapes", "model\\*.bin filter=lfs\n", "model*.bin", true],
    ["negative patterns are ignored", "!*.bin filter=lfs\n", "m.bin", undefined],
    ["a macro definition is not a pattern", "[attr]big filter=lfs\n", "b.bin", undefined],
    ["an invalid attribute name drops the line", "*.bin filter=lfs bad@name\n", "m.bin", undefined],
    ["a quoted pattern with a space", '"my model.bin" filter=lfs\n', "my model.bin", true],
    ["-filter turns it off", "*.bin filter=lfs\nm.bin -filter\n", "m.bin", false],
    ["the last filter on a line wins", "*.bin -filter filter=lfs\n", "m.bin", true],
    ["a bare filter is not LFS", "*.bin filter\n", "m.bin", false],
    ["a byte-order mark before the first line", "\uFEFF*.bin filter=lfs\n", "m.bin", true],
    ["CRLF line ends", "*.bin filter=lfs\r\n*.pt filter=lfs\r\n", "m.pt", true],
  ] as const)("%s", (_name, text, path, lfs) => {
    expect(decide(text, path)).toBe(lfs);
  });

  it("the later line wins, also over a literal, and a deeper file over a shallower", () => {
    expect(lfsAttributeFor("m.bin", [{ path: ".gitattributes", text: "m.bin -filter\n*.bin filter=lfs\n" }])).toMatchObject({ line: 2, lfs: true });
    expect(lfsAttributeFor("m.bin", [{ path: ".gitattributes", text: "*.bin filter=lfs\nm.bin -filter\n" }])).toMatchObject({ line: 2, lfs: false });
    const files = [
      { path: "a/.gitattributes", text: "*.bin -filter\n" },
      { path: ".gitattributes", text: "*.bin filter=lfs\n" },
    ];
    expect(lfsAttributeFor("a/b/m.bin", files)).toMatchObject({ source: "a/.gitattributes", lfs: false });
    expect(lfsAttributeFor("ab/m.bin", files)).toMatchObject({ source: ".gitattributes", lfs: true });
  });

  it("a pattern repeated on 40,000 lines compiles to one rule, at its last line", () => {
    const line = "*.safetensors filter=lfs diff=lfs merge=lfs -text\n";
    const compiled = compileGitattributes(line.repeat(40_000), ".gitattributes");
    expect(compiled.wild).toHaveLength(1);
    expect(compiled.wild[0]?.line).toBe(40_000);
  });

  it("a 2 MB .gitattributes and 50 shards: the file is compiled once, not once per shard", () => {
    const line = "*.safetensors filter=lfs diff=lfs merge=lfs -text\n";
    const text = line.repeat(Math.floor((2 * 1024 * 1024) / line.length));
    const lfs = lfsAttributes([{ path: ".gitattributes", text }, { path: "models/.gitattributes", text: "*.bin -filter\n" }]);
    for (let i = 1; i <= 50; i++) {
      expect(lfs.decide(`models/model-${String(i).padStart(5, "0")}-of-00050.safetensors`)).toMatchObject({ decided: true, attribute: { lfs: true } });
    }
    expect(lfs.compiled).toBe(2);
    expect(lfs.problems()).toEqual([]);
  });

  it("a 62 MB .gitattributes (under max_file_size: 100MB) is measured, not compiled", () => {
    const text = "*.bin filter=lfs\n".repeat(62 * 65536);
    const lfs = lfsAttributes([{ path: ".gitattributes", text }]);
    expect(lfs.decide("m.bin")).toMatchObject({ decided: false, problem: { kind: "too-large", bytes: text.length } });
  });
});

const plainInPr = (name: string, why: string) => `\`${name}\` was committed as a plain Git file, not through Git LFS. ${why}`;
const ADD_SAFETENSORS = "Add `*.safetensors filter=lfs diff=lfs merge=lfs -text` to `.gitattributes` (or run `git lfs track \"*.safetensors\"`), then commit the file again.";
const noPattern = (name: string, more = "") => `\`${name}\` is committed as a Git LFS pointer, but no \`.gitattributes\` pattern sends it through LFS, so clones get the pointer instead of the weights.${more}`;

ruleTester(rule, {
  valid: [
    { name: "a broken pointer is weights/lfs-pointer-valid's", pullRequest: true, files: { "model.safetensors": { content: { type: "lfs-pointer-invalid", text: "version https://git-lfs.github.com/spec/v1\n" } } }, repo: {} },
    { name: "a removed weight file", pullRequest: true, files: { "model.safetensors": { content: { type: "removed" }, status: "removed" } }, repo: {} },
    { name: "a long line in a .gitattributes the pull request does not change is not said", pullRequest: true, files: { "model.safetensors": pointer() }, repo: { ".gitattributes": `${LFS_ATTRIBUTES}${"x".repeat(3000)} filter=lfs\n` } },
    { name: "folder: a small file of unknown size", files: { "model.safetensors": blob() }, repo: {} },
  ],
  invalid: [
    {
      name: "PR: over 50 MB, GitHub warns",
      pullRequest: true,
      files: { "model.safetensors": blob(undefined, 60 * MB) },
      repo: {},
      findings: [{ line: 1, message: plainInPr("model.safetensors", "At 60 MB it is over the 10 MB above which the Hub asks for Git LFS. GitHub warns about files over 50 MB."), hint: ADD_SAFETENSORS }],
    },
    {
      name: "PR: exactly 50 MB and exactly 100 MB are under GitHub's limits; the size rounded to a tenth",
      pullRequest: true,
      files: { "a/model.safetensors": blob(undefined, 50 * MB), "b/model.safetensors": blob(undefined, 100 * MB), "c/model.safetensors": blob(undefined, Math.round(12.34 * MB)), "d/model.safetensors": blob(undefined, 10 * MB + 1) },
      repo: {},
      findings: [
        { path: "a/model.safetensors", line: 1, message: plainInPr("model.safetensors", "At 50 MB it is over the 10 MB above which the Hub asks for Git LFS.") },
        { path: "b/model.safetensors", line: 1, message: plainInPr("model.safetensors", "At 100 MB it is over the 10 MB above which the Hub asks for Git LFS. GitHub warns about files over 50 MB.") },
        { path: "c/model.safetensors", line: 1, message: plainInPr("model.safetensors", "At 12.3 MB it is over the 10 MB above which the Hub asks for Git LFS.") },
        { path: "d/model.safetensors", line: 1, message: plainInPr("model.safetensors", "At 10 MB it is over the 10 MB above which the Hub asks for Git LFS.") },
      ],
    },
    {
      name: "two shards as pointers without a pattern: the other one, in the singular",
      pullRequest: true,
      files: { "model-00001-of-00002.safetensors": pointer(), "model-00002-of-00002.safetensors": pointer() },
      repo: { ".gitattributes": "*.bin filter=lfs\n" },
      findings: [{ line: 1, severity: "warning", message: noPattern("model-00001-of-00002.safetensors", " The same holds for the other shard of this checkpoint."), hint: ADD_SAFETENSORS }],
    },
    {
      name: "two shards with different problems are two findings",
      pullRequest: true,
      files: { "model-00001-of-00002.safetensors": pointer(), "model-00002-of-00002.safetensors": blob(undefined, 20 * MB) },
      repo: {},
      findings: [
        { path: "model-00001-of-00002.safetensors", line: 1, severity: "warning", message: noPattern("model-00001-of-00002.safetensors") },
        { path: "model-00002-of-00002.safetensors", line: 1, message: plainInPr("model-00002-of-00002.safetensors", "At 20 MB it is over the 10 MB above which the Hub asks for Git LFS.") },
      ],
    },
    {
      name: "PR: a nested .gitattributes sends it to LFS, the bytes are plain: that file and line are named",
      pullRequest: true,
      files: { "models/a/w.pt": blob(undefined, 11 * MB) },
      repo: { "models/.gitattributes": "# weights\n*.pt filter=lfs diff=lfs merge=lfs -text\n" },
      findings: [
        {
          line: 1,
          message: "`w.pt` was committed as a plain Git file, although `models/.gitattributes` line 2 (`*.pt`) sends it to LFS: Git LFS was probably not installed when it was added. At 11 MB it is over the 10 MB above which the Hub asks for Git LFS.",
          hint: "Run `git lfs install`, then `git rm --cached <file>` and `git add <file>`, and commit again.",
        },
      ],
    },
    {
      name: "two long lines in a .gitattributes the PR changes: the first, and the count of the others",
      pullRequest: true,
      files: { "model.safetensors": pointer(), ".gitattributes": `${LFS_ATTRIBUTES}${"x".repeat(3000)} filter=lfs\n${"y".repeat(2100)} filter=lfs\n` },
      repo: {},
      findings: [{ path: ".gitattributes", line: 4, title: ".gitattributes line too long for Git", message: "Line 4 of `.gitattributes` (and 1 more) is 2,048 bytes or longer; Git ignores such lines, and so does Cardinal.", hint: "Split the line, or use a shorter pattern: Git reads no attributes from it." }],
    },
  ],
});

describe("sizeVerdict", () => {
  it("is small up to 10 MB, large above, unknown without a size", () => {
    expect(sizeVerdict(undefined)).toBe("unknown");
    expect(sizeVerdict(0)).toBe("small");
    expect(sizeVerdict(10 * MB)).toBe("small");
    expect(sizeVerdict(10 * MB + 1)).toBe("large");
  });
});
