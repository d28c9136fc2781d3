import { defineRule } from "../../../core/rule.js";
import { joinText, prose, quoted, text, type Text } from "../../../core/text.js";
import { basename } from "../../../parse/classify.js";
import { distinctImports, pickleScans } from "../../../parse/pickle/review.js";
import { site } from "../../../parse/pickle/words.js";

/** Names listed in one message; the rest are counted. */
const LISTED = 3;

export default defineRule({
  meta: {
    id: "weights/pickle-calls-code",
    title: "Pickle that runs code when loaded",
    description:
      "Pickle weight files are read opcode by opcode (never loaded), and a file that imports a known-dangerous callable (`os.system`, `subprocess.Popen`, `builtins.eval`, `pickle.loads` …) or an import whose name only exists at load time is an error naming the call and where it is.",
    why:
      "`torch.load`, `pickle.load` and `joblib.load` call whatever the pickle imports while they read it: a checkpoint that imports `os.system` runs a shell command on the machine of everyone who loads it. The Hub scans pickles on upload; a pull request on GitHub has no such gate.",
    defaultSeverity: "error",
  },
  async check(context) {
    for (const { file, scan } of await pickleScans(context)) {
      await context.checkpoint();
      const dangerous = distinctImports(scan.imports.filter((i) => i.verdict === "dangerous"));
      const unresolved = scan.unresolved.filter((u) => u.opcode === "STACK_GLOBAL");
      if (dangerous.length === 0 && unresolved.length === 0) continue;
      const parts: Text[] = [];
      if (dangerous.length > 0) {
        const listed = dangerous.slice(0, LISTED).map((i) => text`${`${i.module}.${i.name}`} (${site(i.opcode, i.offset, i.where)})`);
        const more = dangerous.length - listed.length;
        parts.push(
          text`${basename(file.path)} imports ${joinText(listed, ", ")}${more > 0 ? text` and ${more} more dangerous ${more === 1 ? prose("name") : prose("names")}` : []}: loading it with ${"torch.load"}, ${"pickle.load"} or ${"joblib.load"} calls ${dangerous.length === 1 ? prose("it") : prose("them")}.`,
        );
      }
      if (unresolved.length > 0) {
        const first = unresolved[0];
        if (first) {
          parts.push(
            text`${dangerous.length > 0 ? prose("It also") : text`${basename(file.path)}`} imports a name built while loading (${site(first.opcode, first.offset, first.where)}; ${quoted(first.detail)})${unresolved.length > 1 ? text`, ${unresolved.length - 1} more like it` : []}: no scanner can tell what that runs, and Python's own pickler never writes one.`,
          );
        }
      }
      context.report({
        path: file.path,
        line: 1,
        message: joinText(parts, " "),
        hint: prose(
          "Do not load or merge this file. If you saved it yourself, save the weights as safetensors instead (`save_pretrained(..., safe_serialization=True)` or `safetensors.torch.save_file`) from a clean environment; if it came from someone else, treat its source as compromised.",
        ),
      });
    }
  },
});
