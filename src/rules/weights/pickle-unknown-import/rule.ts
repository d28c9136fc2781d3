import { defineRule } from "../../../core/rule.js";
import { joinText, prose, text, type Text } from "../../../core/text.js";
import { basename } from "../../../parse/classify.js";
import { distinctImports, pickleScans } from "../../../parse/pickle/review.js";
import { site } from "../../../parse/pickle/words.js";

const LISTED = 3;

export default defineRule({
  meta: {
    id: "weights/pickle-unknown-import",
    title: "Pickle imports names outside the allowlist",
    description:
      "Pickle weight files whose imports are not all on Cardinal's reviewed allowlist (PyTorch's tensor rebuild functions and storages, `collections.OrderedDict`, NumPy's array reconstruction …) are named, with the imports that are not on it.",
    why:
      "Loading a pickle imports every module it names and calls what it says. A state dict needs nothing beyond PyTorch's own rebuild functions; any other import is code that runs on load. It is not known to be malicious, but no one has reviewed it either.",
    defaultSeverity: "warning",
  },
  async check(context) {
    for (const { file, scan, trainingState } of await pickleScans(context)) {
      await context.checkpoint();
      // Training state imports trainer classes by design; weights/training-leftovers says it should not ship.
      if (trainingState) continue;
      const unknown = distinctImports(scan.imports.filter((i) => i.verdict === "unknown"));
      const extensions = scan.unresolved.filter((u) => u.opcode !== "STACK_GLOBAL");
      if (unknown.length === 0 && extensions.length === 0) continue;
      const parts: Text[] = [];
      if (unknown.length > 0) {
        const listed = unknown.slice(0, LISTED).map((i) => text`${`${i.module}.${i.name}`} (${site(i.opcode, i.offset, i.where)})`);
        const more = unknown.length - listed.length;
        parts.push(
          text`${basename(file.path)} imports ${unknown.length === 1 ? prose("a name") : text`${unknown.length} names`} outside Cardinal's allowlist: ${joinText(listed, ", ")}${more > 0 ? text` and ${more} more` : []}. Not known to be dangerous, but loading the file imports ${unknown.length === 1 ? prose("it") : prose("them")} and runs ${unknown.length === 1 ? prose("its") : prose("their")} code.`,
        );
      }
      const first = extensions[0];
      if (first) {
        parts.push(
          text`${unknown.length > 0 ? prose("It also") : text`${basename(file.path)}`} takes ${extensions.length === 1 ? prose("a global") : text`${extensions.length} globals`} from Python's extension registry (${site(first.opcode, first.offset, first.where)}), which only the loading machine can resolve.`,
        );
      }
      context.report({
        path: file.path,
        line: 1,
        message: joinText(parts, " "),
        hint: prose(
          "Check that these are classes you meant to save (your own, or a library's). Weights saved as safetensors, and data saved as JSON, need no imports at all.",
        ),
      });
    }
  },
});
