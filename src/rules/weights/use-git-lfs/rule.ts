import { gitattributesFiles } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { basename } from "../../../parse/classify.js";
import { lfsAttributeFor } from "../../../parse/gitattributes.js";
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

    for (const file of weights) {
      const name = basename(file.path);
      const decision = lfsAttributeFor(file.path, attributes);
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
  },
});
