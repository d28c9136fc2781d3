import { fileExists, filesExist } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { basename } from "../../../parse/classify.js";
import { byCheckpoint, findSafetensorsTwin, TRAINING_STATE, weightFactsNear } from "../../../parse/weights.js";

export default defineRule({
  meta: {
    id: "weights/pickle-beside-safetensors",
    title: "Pickle weights ship beside safetensors",
    description: "A pickle checkpoint is not kept next to the safetensors file that replaces it.",
    why:
      "Libraries load the safetensors file when both exist, so the pickle only adds download size, and anyone who loads it by name still runs the risk of code hidden in a pickle.",
    defaultSeverity: "notice",
  },
  async check(context) {
    const found: { path: string; twin: string }[] = [];
    for (const file of context.files) {
      if (file.kind !== "weights" || file.status === "removed" || TRAINING_STATE.test(basename(file.path))) continue;
      if (!(await weightFactsNear(file.path, file.head, (paths) => filesExist(context, paths))).pickle) continue;
      const twin = await findSafetensorsTwin(file.path, (p) => fileExists(context, p));
      if (twin) found.push({ path: file.path, twin });
    }
    // One finding per checkpoint: the pickle shards beside their safetensors shards are one problem.
    for (const [first, ...rest] of byCheckpoint(found)) {
      if (!first) continue;
      context.report({
        path: first.path,
        line: 1,
        message:
          rest.length === 0
            ? text`${basename(first.path)} is a pickle that ships beside ${first.twin}, the safetensors file libraries load first. Keeping both adds download size and the pickle's risk, and nothing checks that the two still hold the same weights.`
            : text`${basename(first.path)} and ${rest.length === 1 ? prose("the other pickle shard") : text`the other ${rest.length} pickle shards`} of this checkpoint ship beside safetensors shards (${first.twin} …), which libraries load first. Keeping both adds download size and the pickle's risk, and nothing checks that the two still hold the same weights.`,
        hint: prose("Remove the pickle unless a tool you support can only read it."),
      });
    }
  },
});
