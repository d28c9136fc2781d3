import { gitattributesFiles } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted, type Text } from "../../../core/text.js";
import type { Severity } from "../../../core/types.js";
import { basename } from "../../../parse/classify.js";
import { GIT_MAX_ATTRIBUTES_LINE, lfsAttributes, type GitattributesProblem } from "../../../parse/gitattributes.js";
import {
  byCheckpoint,
  GITHUB_BLOCK_SIZE,
  GITHUB_WARN_SIZE,
  HUB_LFS_THRESHOLD,
  lfsLine,
  lfsPatternFor,
  TRAINING_STATE,
} from "../../../parse/weights.js";

/** What a weight file's size says about Git LFS. */
export type SizeVerdict = "small" | "large" | "unknown";

/** Under the Hub's 10 MB threshold a file needs no LFS; a file whose size Cardinal does not know gets no verdict here. */
export function sizeVerdict(size: number | undefined): SizeVerdict {
  if (size === undefined) return "unknown";
  return size > HUB_LFS_THRESHOLD ? "large" : "small";
}

/** Why a size matters, in Cardinal's words: the Hub's threshold, and GitHub's when it is passed too. */
function sizeReason(size: number): string {
  const github =
    size > GITHUB_BLOCK_SIZE
      ? " GitHub refuses files over 100 MB pushed without LFS."
      : size > GITHUB_WARN_SIZE
        ? " GitHub warns about files over 50 MB."
        : "";
  return `At ${megabytes(size)} it is over the 10 MB above which the Hub asks for Git LFS.${github}`;
}

interface Pending {
  readonly path: string;
  /** Findings that differ only by file: the shards of one checkpoint become one finding. */
  readonly variant: string;
  readonly report: { path: string; line: number; message: Text; hint: Text; title?: string; atMost?: Severity };
}

export default defineRule({
  meta: {
    id: "weights/use-git-lfs",
    title: "Weights not stored with Git LFS",
    description:
      "Weight files over 10 MB go through Git LFS (a `.gitattributes` pattern marks them `filter=lfs`), and a file committed as an LFS pointer has a pattern that sends it through LFS.",
    why:
      "A checkpoint committed as a plain Git blob stays in the repository's history for good: every clone downloads it, the Hub asks for Git LFS above 10 MB, GitHub refuses files over 100 MB, and removing it later means rewriting history. An LFS pointer without a matching `.gitattributes` pattern is just as broken: clones get the pointer text, not the weights.",
    defaultSeverity: "error",
  },
  async check(context) {
    // Training state is weights/training-leftovers' (remove it, rather than move it to LFS).
    const weights = context.files.filter((f) => f.kind === "weights" && f.status !== "removed" && !TRAINING_STATE.test(basename(f.path)));
    if (weights.length === 0) return;
    const attributes = await gitattributesFiles(context, weights.map((f) => f.path));
    if (!attributes) return; // the repository's .gitattributes cannot be seen: no verdict
    const fromPullRequest = context.workspace.source === "pull-request";
    const lfs = lfsAttributes(attributes);
    const pending: Pending[] = [];

    for (const file of weights) {
      await context.checkpoint();
      if (file.content.type === "lfs-pointer-invalid") continue; // weights/lfs-pointer-valid
      const pointer = file.content.type === "lfs-pointer";
      const size = sizeVerdict(file.size);
      // A small file needs no LFS, and a file of unknown size is weights/lfs-size-unknown's (a notice).
      if (!pointer && size !== "large") continue;
      const name = basename(file.path);
      const decided = lfs.decide(file.path);
      if (!decided.decided) continue; // said once per .gitattributes below
      const decision = decided.attribute;
      const tracked = decision?.lfs === true;
      const pattern = lfsPatternFor(file.path);
      const add = text`Add ${lfsLine(pattern)} to ${".gitattributes"} (or run ${`git lfs track "${pattern}"`}), then commit the file again.`;

      if (pointer) {
        if (tracked) continue;
        pending.push({
          path: file.path,
          variant: decision ? `off:${decision.source}:${decision.line}` : "pointer-no-pattern",
          report: {
            path: file.path,
            line: 1,
            // The bytes are in LFS storage, and Hub downloads serve them; only a git clone gets the pointer text.
            title: "LFS pointer not covered by .gitattributes",
            atMost: "warning",
            message: decision
              ? text`${name} is committed as a Git LFS pointer, but ${decision.source} line ${decision.line} (${decision.pattern}) turns LFS off for it, so clones get the pointer instead of the weights.`
              : text`${name} is committed as a Git LFS pointer, but no ${".gitattributes"} pattern sends it through LFS, so clones get the pointer instead of the weights.`,
            hint: add,
          },
        });
        continue;
      }
      const why = trusted(sizeReason(file.size ?? 0));
      if (fromPullRequest) {
        // Not a pointer in the diff: the bytes themselves are in the commit.
        pending.push({
          path: file.path,
          variant: tracked ? "plain-tracked" : "plain",
          report: {
            path: file.path,
            line: 1,
            message: tracked
              ? text`${name} was committed as a plain Git file, although ${decision?.source ?? ".gitattributes"} line ${decision?.line ?? 0} (${decision?.pattern ?? pattern}) sends it to LFS: Git LFS was probably not installed when it was added. ${why}`
              : text`${name} was committed as a plain Git file, not through Git LFS. ${why}`,
            hint: tracked ? prose("Run `git lfs install`, then `git rm --cached <file>` and `git add <file>`, and commit again.") : add,
          },
        });
      } else if (!tracked) {
        pending.push({
          path: file.path,
          variant: "folder",
          report: {
            path: file.path,
            line: 1,
            message: text`No ${".gitattributes"} pattern beside or above ${name} sends it through Git LFS, so committing it would put the whole file into Git. ${why}`,
            hint: add,
          },
        });
      }
    }
    // One finding per checkpoint: the shards of one checkpoint that share a problem are one problem.
    for (const group of byCheckpoint(pending.map((p) => ({ ...p, path: `${p.variant}\u0000${p.path}`, file: p.path })))) {
      const [first, ...rest] = group;
      if (!first) continue;
      context.report(
        rest.length === 0
          ? first.report
          : { ...first.report, message: [...first.report.message, ...(rest.length === 1 ? prose(" The same holds for the other shard of this checkpoint.") : text` The same holds for the other ${rest.length} shards of this checkpoint.`)] },
      );
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
