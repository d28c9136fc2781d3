import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { basename, dirname, inFolder, misnamedGitattributes } from "../../../parse/classify.js";

export default defineRule({
  meta: {
    id: "weights/gitattributes-name",
    title: "`.gitattributes` saved under another name",
    description: "Git attributes (the `filter=lfs` patterns) live in a file named `.gitattributes`; a file named `gitattributes`, `gitattributes.txt` or `.gitattributes.txt` beside weights or holding LFS patterns is reported.",
    why:
      "Git reads attributes only from files named exactly `.gitattributes`. A `gitattributes` without the dot, or one saved as `gitattributes.txt` (often the result of downloading a Hub repository's files one by one), is ignored: its `filter=lfs` lines send nothing through Git LFS, so the weights go into Git itself.",
    defaultSeverity: "warning",
  },
  check(context) {
    for (const file of context.files) {
      if (file.kind !== "gitattributes" || !misnamedGitattributes(basename(file.path)) || file.status === "removed") continue;
      const dir = dirname(file.path);
      const withWeights = inFolder(context.files, dir).some((f) => f.kind === "weights" && f.status !== "removed");
      const lfsLines = file.content.type === "text" && /(^|\s)filter=lfs(\s|$)/m.test(file.content.text);
      if (!withWeights && !lfsLines) continue;
      const renamed = dir ? `${dir}/.gitattributes` : ".gitattributes";
      const why = basename(file.path) === "gitattributes" ? prose("without the leading dot") : prose("under this name");
      context.report({
        path: file.path,
        line: 1,
        message: lfsLines
          ? text`${file.path} holds Git LFS patterns, but Git reads attributes only from files named ${".gitattributes"}: ${why}, none of its lines apply.`
          : text`${file.path} sits beside weight files, but Git reads attributes only from files named ${".gitattributes"}: ${why}, none of its lines apply.`,
        hint: text`Rename it: ${`git mv ${file.path} ${renamed}`}, then commit the weights again so that they go through Git LFS.`,
      });
    }
  },
});
