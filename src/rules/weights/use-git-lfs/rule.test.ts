import { describe, expect, it } from "vitest";
import { lfsAttributeFor } from "../../../parse/gitattributes.js";
import { ruleTester } from "../../../../test/rule-tester.js";
import { blob, LFS_ATTRIBUTES, pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "PR: pointer and pattern", pullRequest: true, files: { "model.safetensors": pointer() }, repo: { ".gitattributes": LFS_ATTRIBUTES } },
    { name: "PR: the pattern comes in the same PR", pullRequest: true, files: { "m/model.safetensors": pointer(), ".gitattributes": LFS_ATTRIBUTES }, repo: {} },
    { name: "folder: a local file covered by a pattern", files: { "model.safetensors": blob(), ".gitattributes": LFS_ATTRIBUTES }, repo: {} },
    { name: "a nested .gitattributes", pullRequest: true, files: { "models/a/w.pt": pointer() }, repo: { "models/.gitattributes": "*.pt filter=lfs diff=lfs merge=lfs -text\n" } },
    { name: "no view of the repository: no verdict", pullRequest: true, files: { "model.safetensors": blob() } },
  ],
  invalid: [
    {
      name: "PR: committed as a plain blob",
      pullRequest: true,
      files: { "models/x/model.safetensors": blob() },
      repo: {},
      findings: [{ line: 1, message: "`model.safetensors` was committed as a plain Git file, not through Git LFS.", hint: "Add `*.safetensors filter=lfs diff=lfs merge=lfs -text` to `.gitattributes`" }],
    },
    {
      name: "PR: pattern exists but the file is a blob (LFS not installed)",
      pullRequest: true,
      files: { "model.bin": blob() },
      repo: { ".gitattributes": LFS_ATTRIBUTES },
      findings: [{ message: "although `.gitattributes` line 2 (`*.bin`) sends it to LFS", hint: "git lfs install" }],
    },
    {
      name: "PR: a pointer without a pattern",
      pullRequest: true,
      files: { "model.gguf": pointer() },
      repo: { ".gitattributes": "*.safetensors filter=lfs diff=lfs merge=lfs -text\n" },
      findings: [{ message: "committed as a Git LFS pointer, but no `.gitattributes` pattern sends it through LFS" }],
    },
    {
      name: "a later line turns LFS off",
      pullRequest: true,
      files: { "small/model.bin": pointer() },
      repo: { ".gitattributes": `${LFS_ATTRIBUTES}small/** -filter\n` },
      findings: [{ message: "`.gitattributes` line 4 (`small/**`) turns LFS off for it" }],
    },
    {
      name: "folder: no pattern",
      files: { "model.safetensors": blob() },
      repo: {},
      findings: [{ message: "No `.gitattributes` pattern sends `model.safetensors` through Git LFS" }],
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
