import { filesExist } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { basename, dirname, foldersUp, CARD_FILE_NAMES } from "../../../parse/classify.js";
import { TRAINING_STATE } from "../../../parse/weights.js";

export default defineRule({
  meta: {
    id: "release/has-model-card",
    title: "Weights without a model card",
    description: "Weight files come with a model card (`README.md`) in their folder or a folder above it.",
    why:
      "A model card says what the weights are, how they were trained, what they may be used for and under which license. Weights without one cannot be used responsibly, and the Hub shows an empty page for them.",
    defaultSeverity: "warning",
  },
  async check(context) {
    const folders = new Map<string, string>();
    for (const f of context.files) {
      if (f.kind !== "weights" || f.status === "removed" || TRAINING_STATE.test(basename(f.path))) continue;
      // A PR that only touches weights already released is not a new release.
      if (context.workspace.source === "pull-request" && f.status !== "added") continue;
      const dir = dirname(f.path);
      if (!folders.has(dir)) folders.set(dir, f.path);
    }
    const candidatesOf = (dir: string) => foldersUp(dir).flatMap((folder) => CARD_FILE_NAMES.map((name) => (folder ? `${folder}/${name}` : name)));
    // A card the pull request adds or keeps settles a folder; the repository is asked, all at once,
    // only about the folders that still have none.
    const inWorkspace = new Set(context.files.filter((f) => f.status !== "removed").map((f) => f.path));
    for (const dir of [...folders.keys()]) if (candidatesOf(dir).some((c) => inWorkspace.has(c))) folders.delete(dir);
    const exists = await filesExist(context, [...folders.keys()].flatMap(candidatesOf));
    for (const [dir, first] of folders) {
      const answers = candidatesOf(dir).map((c) => exists.get(c));
      const found = answers.includes(true) ? true : answers.includes(undefined) ? undefined : false;
      if (found !== false) continue; // found, or unknown: say nothing rather than guess
      context.report({
        path: first,
        line: 1,
        message: text`Weights are added in ${dir === "" ? prose("the repository root") : dir}, but there is no model card (${"README.md"}) in that folder or above it.`,
        hint: prose(
          "Add a README.md with a metadata block (`license`, `base_model`, `pipeline_tag`, `library_name`) and a description: what the model does, how it was trained, and its limits.",
        ),
      });
    }
  },
});
