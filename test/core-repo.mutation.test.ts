/**
 * src/core/repo.ts: the files index shared by a review's rules, which files
 * exist (the workspace first, then the repository, in one question), and the
 * `.gitattributes` that can apply to a set of paths.
 */
import { describe, expect, it } from "vitest";
import { fileExists, fileIndex, filesExist, gitattributesCandidates, gitattributesFiles, type RepoFiles } from "../src/core/repo.js";

type File = { path: string; status: string; content: { type: string; text?: string } };
const added = (path: string, text?: string): File => ({ path, status: "added", content: text === undefined ? { type: "binary" } : { type: "text", text } });
const removed = (path: string): File => ({ path, status: "removed", content: { type: "text", text: "" } });

/** A repository that has `files` (path → text) and records every question. */
function repo(files: Record<string, string>, answer: "known" | "unknown" = "known") {
  const existing: string[][] = [];
  const reads: string[] = [];
  const port: RepoFiles = {
    existing: (paths) => {
      existing.push([...paths]);
      return Promise.resolve(answer === "unknown" ? undefined : new Set(paths.filter((p) => Object.hasOwn(files, p))));
    },
    read: (path) => {
      reads.push(path);
      return Promise.resolve(files[path] === "(unreadable)" ? undefined : files[path]);
    },
  };
  return { port, existing, reads };
}

describe("fileIndex", () => {
  it("keeps the first file of a path, and every folder that holds a file", () => {
    const files = [
      { path: "a/b/c.txt", n: 1 },
      { path: "a/b/c.txt", n: 2 },
      { path: "top.md", n: 3 },
      { path: "a/d.txt", n: 4 },
    ];
    const index = fileIndex(files);
    expect(index.byPath.get("a/b/c.txt")?.n).toBe(1);
    expect([...index.byPath.keys()]).toEqual(["a/b/c.txt", "top.md", "a/d.txt"]);
    expect([...index.dirs]).toEqual(["a/b", "", "a"]);
  });

  it("is built once per files array", () => {
    const files = [{ path: "x" }];
    expect(fileIndex(files)).toBe(fileIndex(files));
    expect(fileIndex([{ path: "x" }])).not.toBe(fileIndex(files));
  });
});

describe("filesExist", () => {
  it("the workspace answers first (a removed file does not exist); the repository is asked once, for the rest, without repeats", async () => {
    const { port, existing } = repo({ "in-repo.txt": "" });
    const answers = await filesExist({ files: [added("new.txt", "x"), removed("gone.txt")], repo: port }, ["new.txt", "gone.txt", "in-repo.txt", "nowhere.txt", "in-repo.txt"]);
    expect([...answers]).toEqual([
      ["new.txt", true],
      ["gone.txt", false],
      ["in-repo.txt", true],
      ["nowhere.txt", false],
    ]);
    expect(existing).toEqual([["in-repo.txt", "nowhere.txt"]]);
  });

  it("the repository is not asked when the workspace answers every path", async () => {
    const { port, existing } = repo({});
    expect([...(await filesExist({ files: [added("a", "x")], repo: port }, ["a"]))]).toEqual([["a", true]]);
    expect(existing).toEqual([]);
  });

  it("without a repository, or when it cannot tell, the rest is unknown", async () => {
    expect([...(await filesExist({ files: [added("a", "x")] }, ["a", "b"]))]).toEqual([
      ["a", true],
      ["b", undefined],
    ]);
    const { port } = repo({ b: "" }, "unknown");
    expect([...(await filesExist({ files: [], repo: port }, ["b"]))]).toEqual([["b", undefined]]);
  });

  it("fileExists asks for one path", async () => {
    const { port } = repo({ "b.txt": "" });
    expect(await fileExists({ files: [removed("a.txt")], repo: port }, "a.txt")).toBe(false);
    expect(await fileExists({ files: [], repo: port }, "b.txt")).toBe(true);
    expect(await fileExists({ files: [], repo: port }, "c.txt")).toBe(false);
    expect(await fileExists({ files: [] }, "c.txt")).toBeUndefined();
  });
});

describe("gitattributesCandidates", () => {
  it("the root's, then each parent folder's, from the top down", () => {
    expect(gitattributesCandidates("a/b/model.bin")).toEqual([".gitattributes", "a/.gitattributes", "a/b/.gitattributes"]);
    expect(gitattributesCandidates("model.bin")).toEqual([".gitattributes"]);
  });
});

describe("gitattributesFiles", () => {
  it("takes the workspace's, reads the repository's for the rest, and skips what it cannot read", async () => {
    const { port, existing, reads } = repo({ ".gitattributes": "* text", "a/b/.gitattributes": "(unreadable)", "a/.gitattributes": "*.bin lfs", "z/.gitattributes": "never asked" });
    const files = [added("a/b/.gitattributes", "*.pt lfs"), added("notes.gitattributes", "not one"), added("c/.gitattributes")];
    expect(await gitattributesFiles({ files, repo: port }, ["a/b/model.bin", "a/b/other.bin"])).toEqual([
      { path: "a/b/.gitattributes", text: "*.pt lfs" },
      { path: ".gitattributes", text: "* text" },
      { path: "a/.gitattributes", text: "*.bin lfs" },
    ]);
    expect(existing).toEqual([[".gitattributes", "a/.gitattributes"]]);
    expect(reads).toEqual([".gitattributes", "a/.gitattributes"]);
  });

  it("a file the pull request removes is neither taken nor read from the repository", async () => {
    const { port, existing } = repo({ ".gitattributes": "* text", "a/.gitattributes": "*.bin lfs" });
    expect(await gitattributesFiles({ files: [removed("a/.gitattributes")], repo: port }, ["a/model.bin"])).toEqual([{ path: ".gitattributes", text: "* text" }]);
    expect(existing).toEqual([[".gitattributes"]]);
  });

  it("a file the repository does not have is not read", async () => {
    const { port, reads } = repo({ "a/.gitattributes": "*.bin lfs" });
    expect(await gitattributesFiles({ files: [], repo: port }, ["a/model.bin"])).toEqual([{ path: "a/.gitattributes", text: "*.bin lfs" }]);
    expect(reads).toEqual(["a/.gitattributes"]);
  });

  it("when the workspace has every candidate, the repository is not asked", async () => {
    const { port, existing } = repo({});
    expect(await gitattributesFiles({ files: [added(".gitattributes", "* lfs")], repo: port }, ["model.bin"])).toEqual([{ path: ".gitattributes", text: "* lfs" }]);
    expect(await gitattributesFiles({ files: [removed(".gitattributes")], repo: port }, ["model.bin"])).toEqual([]);
    expect(existing).toEqual([]);
  });

  it("without a repository: the workspace's, or undefined when it has none", async () => {
    expect(await gitattributesFiles({ files: [added("x/.gitattributes", "a")] }, ["model.bin"])).toEqual([{ path: "x/.gitattributes", text: "a" }]);
    expect(await gitattributesFiles({ files: [added("model.bin")] }, ["model.bin"])).toBeUndefined();
  });

  it("a repository that cannot tell which files exist: undefined", async () => {
    const { port, reads } = repo({ ".gitattributes": "* lfs" }, "unknown");
    expect(await gitattributesFiles({ files: [added("a/.gitattributes", "x")], repo: port }, ["a/model.bin"])).toBeUndefined();
    expect(reads).toEqual([]);
  });
});
