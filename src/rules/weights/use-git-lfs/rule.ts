import { gitattributesFiles } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { basename } from "../../../parse/classify.js";
import { GIT_MAX_ATTRIBUTES_LINE, lfsAttributes, type GitattributesProblem } from "../../../parse/gitattributes.js";
import { lfsLine, lfsPatternFor } from "../../../parse/weights.js";

export default defineRule({
  meta: {
    id: "weights/use-git-lfs",
    title: "Weights not stored with Git LFS",
    description: "Weight files go through Git LFS: a `.gitattributes` pattern marks them `filter=lfs`, and they are committed as LFS pointers.",
    why:
      "A checkpoint committed as a plain Git blob stays in the repository's history for good: every clone downloads it, GitHub refuses files over 100 MB, and removing it later means rewriting history. An LFS pointer without a matching `.gitattributes` pattern is just as broken: clones get the pointer text, not the weights.",
    defaultSeverity: "error",
  },
  async check(context) {
    const weights = context.files.filter((f) => f.kind === "weights" && f.status !== "removed");
    if (weights.length === 0) return;
    const attributes = await gitattributesFiles(context, weights.map((f) => f.path));
    if (!attributes) return; // the repository's .gitattributes cannot be seen: no verdict
    const fromPullRequest = context.workspace.source === "pull-request";
    const lfs = lfsAttributes(attributes);

    for (const file of weights) {
      await context.checkpoint();
      const name = basename(file.path);
      const decided = lfs.decide(file.path);
      if (!decided.decided) continue; // said once per .gitattributes below
      const decision = decided.attribute;
      const tracked = decision?.lfs === true;
      const pattern = lfsPatternFor(file.path);
      const add = text`Add ${lfsLine(pattern)} to ${".gitattributes"} (or run ${`git lfs track "${pattern}"`}), then commit the file again.`;

      if (file.content.type === "lfs-pointer") {
        if (tracked) continue;
        context.report({
          path: file.path,
          line: 1,
          message: decision
            ? text`${name} is committed as a Git LFS pointer, but ${decision.source} line ${decision.line} (${decision.pattern}) turns LFS off for it, so clones get the pointer instead of the weights.`
            : text`${name} is committed as a Git LFS pointer, but no ${".gitattributes"} pattern sends it through LFS, so clones get the pointer instead of the weights.`,
          hint: add,
        });
        continue;
      }
      if (file.content.type === "lfs-pointer-invalid") continue; // weights/lfs-pointer-valid
      if (fromPullRequest) {
        // Not a pointer in the diff: the bytes themselves are in the commit.
        context.report({
          path: file.path,
          line: 1,
          message: tracked
            ? text`${name} was committed as a plain Git file, although ${decision?.source ?? ".gitattributes"} line ${decision?.line ?? 0} (${decision?.pattern ?? pattern}) sends it to LFS: Git LFS was probably not installed when it was added.`
            : text`${name} was committed as a plain Git file, not through Git LFS.`,
          hint: tracked
            ? prose("Run `git lfs install`, then `git rm --cached <file>` and `git add <file>`, and commit again.")
            : add,
        });
      } else if (!tracked) {
        context.report({
          path: file.path,
          line: 1,
          message: text`No ${".gitattributes"} pattern sends ${name} through Git LFS, so committing it would put the whole file into Git.`,
          hint: add,
        });
      }
    }
    const changed = new Set(context.files.map((f) => f.path));
    for (const problem of lfs.problems()) {
      // Lines Git ignores are worth a word only in a .gitattributes the pull request changes.
      if (problem.kind === "long-lines" && !changed.has(problem.source)) continue;
      context.report(problemReport(problem));
    }
  },
});

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function problemReport(problem: GitattributesProblem) {
  switch (problem.kind) {
    case "too-large":
      return {
        path: problem.source,
        title: ".gitattributes too large to check",
        message: text`${problem.source} is ${trusted(megabytes(problem.bytes))}, more than the ${trusted(megabytes(problem.limit))} Cardinal reads, so it did not check the weight files below it against its patterns.`,
        hint: prose("Keep `.gitattributes` to the patterns the repository needs: one line such as `*.safetensors filter=lfs diff=lfs merge=lfs -text` covers every shard."),
      };
    case "too-complex":
      return {
        path: problem.source,
        title: ".gitattributes patterns too complex to check",
        message: text`Matching the weight files against the patterns of ${problem.source} took more than the ${trusted(problem.limit.toLocaleString("en-US"))} steps Cardinal allows, so the weights it had not decided were not checked.`,
        hint: prose("Use plain patterns such as `*.safetensors` or `models/**/*.bin`; a long run of `*` and `[...]` in one pattern is rarely what was meant."),
      };
    case "long-lines": {
      const [first, ...rest] = problem.lines;
      return {
        path: problem.source,
        ...(first !== undefined ? { line: first } : {}),
        title: ".gitattributes line too long for Git",
        message: text`Line ${first ?? 0} of ${problem.source}${rest.length > 0 ? trusted(` (and ${rest.length} more)`) : []} is ${trusted(GIT_MAX_ATTRIBUTES_LINE.toLocaleString("en-US"))} bytes or longer; Git ignores such lines, and so does Cardinal.`,
        hint: prose("Split the line, or use a shorter pattern: Git reads no attributes from it."),
      };
    }
  }
}
