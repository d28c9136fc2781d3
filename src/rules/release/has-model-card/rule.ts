import { filesExist } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { basename, dirname, foldersUp, CARD_FILE_NAMES } from "../../../parse/classify.js";
import { describeModelFile } from "../../../parse/model-config.js";
import { TRAINING_STATE } from "../../../parse/weights.js";

export default defineRule({
  meta: {
    id: "release/has-model-card",
    title: "Model files without a model card",
    description:
      "Weight files, and a configuration that describes a model (`config.json`, `model_index.json`), come with a model card (`README.md`) in their folder or a folder above it.",
    why:
      "A model card says what the weights are, how they were trained, what they may be used for and under which license. Weights without one cannot be used responsibly, and the Hub shows an empty page for them.",
    defaultSeverity: "warning",
  },
  async check(context) {
    /** Folder → the first file that makes it a release, and whether that file is a weight file. */
    const folders = new Map<string, { readonly path: string; readonly weights: boolean }>();
    for (const f of context.files) {
      if (f.status === "removed") continue;
      // A PR that only touches files already released is not a new release.
      if (context.workspace.source === "pull-request" && f.status !== "added") continue;
      const weights = f.kind === "weights" && !TRAINING_STATE.test(basename(f.path));
      const config = !weights && describeModelFile(f) !== undefined;
      if (!weights && !config) continue;
      const dir = dirname(f.path);
      const known = folders.get(dir);
      if (!known || (weights && !known.weights)) folders.set(dir, { path: f.path, weights });
    }
    const candidatesOf = (dir: string) => foldersUp(dir).flatMap((folder) => CARD_FILE_NAMES.map((name) => (folder ? `${folder}/${name}` : name)));
    // A card the pull request adds or keeps settles a folder; the repository is asked, all at once,
    // only about the folders that still have none.
    const inWorkspace = new Set(context.files.filter((f) => f.status !== "removed").map((f) => f.path));
    for (const dir of [...folders.keys()]) if (candidatesOf(dir).some((c) => inWorkspace.has(c))) folders.delete(dir);
    const exists = await filesExist(context, [...folders.keys()].flatMap(candidatesOf));
    const missing = [...folders].filter(([dir]) => {
      const answers = candidatesOf(dir).map((c) => exists.get(c));
      return !answers.includes(true) && !answers.includes(undefined); // found, or unknown: say nothing rather than guess
    });
    // Weights below a configuration's folder (a pipeline's unet/) lack the same card: one finding, on the weights.
    const weightDirs = missing.filter(([, first]) => first.weights).map(([dir]) => dir);
    const coveredByWeights = (dir: string) => weightDirs.some((w) => w === dir || dir === "" || w.startsWith(`${dir}/`));
    for (const [dir, first] of missing) {
      if (!first.weights && coveredByWeights(dir)) continue;
      const where = dir === "" ? prose("the repository root") : text`${dir}`;
      context.report({
        path: first.path,
        line: 1,
        message: first.weights
          ? text`Weights are added in ${where}, but there is no model card (${"README.md"}) in that folder or above it.`
          : text`${basename(first.path)} in ${where} describes a model, but there is no model card (${"README.md"}) in that folder or above it.`,
        hint: prose(
          "Add a README.md with a metadata block (`license`, `base_model`, `pipeline_tag`, `library_name`) and a description: what the model does, how it was trained, and its limits.",
        ),
      });
    }
  },
});
