import { fileExists } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { basename, dirname } from "../../../parse/classify.js";
import { TRAINING_STATE } from "../../../parse/weights.js";

/** File names that hold a model card, in the folder of the weights or above it. */
const CARD_NAMES = ["README.md", "MODEL_CARD.md", "modelcard.md", "model_card.md"];

/** The folder itself, then each folder above it up to the repository root. */
function foldersUp(dir: string): string[] {
  const out = [dir];
  let current = dir;
  while (current !== "") {
    current = dirname(current);
    out.push(current);
  }
  return out;
}

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
    for (const [dir, first] of folders) {
      let found: boolean | undefined = false;
      for (const folder of foldersUp(dir)) {
        for (const name of CARD_NAMES) {
          const exists = await fileExists(context, folder ? `${folder}/${name}` : name);
          if (exists === true) found = true;
          else if (exists === undefined && found === false) found = undefined;
        }
        if (found === true) break;
      }
      if (found !== false) continue; // found, or unknown: say nothing rather than guess
      context.report({
        path: first,
        line: 1,
        message: text`Weights are added in ${dir === "" ? "the repository root" : dir}, but there is no model card (${"README.md"}) in that folder or above it.`,
        hint: prose(
          "Add a README.md with a metadata block (`license`, `base_model`, `pipeline_tag`, `library_name`) and a description: what the model does, how it was trained, and its limits.",
        ),
      });
    }
  },
});
