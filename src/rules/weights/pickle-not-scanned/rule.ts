import { defineRule } from "../../../core/rule.js";
import { joinText, prose, quoted, text } from "../../../core/text.js";
import { basename } from "../../../parse/classify.js";
import { pickleScans } from "../../../parse/pickle/review.js";
import { place } from "../../../parse/pickle/words.js";

const LISTED = 2;

export default defineRule({
  meta: {
    id: "weights/pickle-not-scanned",
    title: "Pickle not fully scanned",
    description:
      "A pickle weight file that Cardinal could not read to the end (cut short, malformed, compressed in a way it cannot open, past a scan limit, or not readable in this review) is named with what could not be read and why.",
    why:
      "A loader runs a pickle as it reads it, so the bytes before a break still run. What Cardinal did read is reported by weights/pickle-calls-code and weights/pickle-unknown-import; this finding says what no check has seen.",
    defaultSeverity: "warning",
  },
  async check(context) {
    for (const { file, scan } of await pickleScans(context)) {
      await context.checkpoint();
      if (scan.incomplete.length === 0) continue;
      // A damaged stream is the file's own problem; a bound or a failed read is Cardinal's limit, said at notice level.
      const damaged = scan.incomplete.some((i) => i.kind === "truncated" || i.kind === "malformed");
      const listed = scan.incomplete.slice(0, LISTED).map((i) => {
        const where = place(i.offset, i.where);
        return where.length > 0 ? text`${quoted(i.reason)} (${where})` : [quoted(i.reason)];
      });
      const more = scan.incomplete.length - listed.length;
      context.report({
        path: file.path,
        line: 1,
        message: text`Cardinal could not scan all of ${basename(file.path)}: ${joinText(listed, "; ")}${more > 0 ? text`; and ${more} more` : []}.${scan.streams > 0 ? prose(" What it read before that is checked.") : []}`,
        hint: damaged
          ? prose("A damaged pickle fails to load only after running what comes before the damage. Re-save the file (as safetensors for weights) rather than shipping it as it is.")
          : scan.incomplete.every((i) => i.kind === "unreadable")
            ? prose("Run `cardinal check` on a local copy to scan the whole file, or save the weights as safetensors, which need no scan.")
            : prose("Save the weights as safetensors, which hold only tensors and need no scan; if the file must stay a pickle, store it uncompressed."),
        ...(damaged ? {} : { atMost: "notice" as const }),
      });
    }
  },
});
