import { gitattributesFiles } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { basename } from "../../../parse/classify.js";
import { lfsAttributes } from "../../../parse/gitattributes.js";
import { byCheckpoint, lfsLine, lfsPatternFor, TRAINING_STATE } from "../../../parse/weights.js";

export default defineRule({
  meta: {
    id: "weights/lfs-size-unknown",
    title: "Weight file in plain Git, size unknown",
    description: "A weight file that a pull request adds as a plain Git file, not as a Git LFS pointer, when Cardinal cannot tell whether it is over the Hub's 10 MB threshold.",
    why:
      "The Hub asks for Git LFS for files over 10 MB and GitHub refuses files over 100 MB without it; a small file (a few KB of filter banks or a label map) needs neither. Cardinal never downloads weights, so it says what it saw and leaves the size to you.",
    defaultSeverity: "notice",
  },
  async check(context) {
    if (context.workspace.source !== "pull-request") return;
    const plain = context.files.filter(
      (f) => f.kind === "weights" && f.status !== "removed" && f.content.type === "not-fetched" && f.size === undefined && !TRAINING_STATE.test(basename(f.path)),
    );
    if (plain.length === 0) return;
    const attributes = await gitattributesFiles(context, plain.map((f) => f.path));
    if (!attributes) return; // the repository's .gitattributes cannot be seen: no verdict
    const lfs = lfsAttributes(attributes);
    const pending = plain.flatMap((file) => {
      const decided = lfs.decide(file.path);
      if (!decided.decided) return []; // weights/use-git-lfs speaks about that .gitattributes
      return [{ path: file.path, tracked: decided.attribute?.lfs === true }];
    });
    for (const group of byCheckpoint(pending)) {
      await context.checkpoint();
      const [first, ...rest] = group;
      if (!first) continue;
      const name = basename(first.path);
      const pattern = lfsPatternFor(first.path);
      const shards = rest.length > 0 ? (rest.length === 1 ? prose(" The same holds for the other shard of this checkpoint.") : text` The same holds for the other ${rest.length} shards of this checkpoint.`) : [];
      context.report({
        path: first.path,
        line: 1,
        title: first.tracked ? "Weight file in plain Git although .gitattributes sends it to LFS" : undefined,
        message: first.tracked
          ? text`${name} is not a Git LFS pointer in the diff, although a ${".gitattributes"} pattern sends it to LFS: Git LFS was probably not installed when it was committed. If the file is over 10 MB, the Hub will ask for LFS.${shards}`
          : text`${name} is not a Git LFS pointer in the diff and no ${".gitattributes"} pattern sends it through LFS. If it is over 10 MB, the Hub will ask for LFS (GitHub refuses files over 100 MB); if it is a small file, nothing needs to change.${shards}`,
        hint: first.tracked
          ? prose("If the file is large: run `git lfs install`, then `git rm --cached <file>` and `git add <file>`, and commit again.")
          : text`If the file is large: add ${lfsLine(pattern)} to ${".gitattributes"} (or run ${`git lfs track "${pattern}"`}), then commit the file again.`,
      });
    }
  },
});
