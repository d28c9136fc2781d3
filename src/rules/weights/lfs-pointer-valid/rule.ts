import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";

export default defineRule({
  meta: {
    id: "weights/lfs-pointer-valid",
    title: "Broken Git LFS pointer",
    description: "A file committed as a Git LFS pointer is a complete, valid pointer (version, `oid sha256:`, `size`).",
    why:
      "Git LFS replaces a pointer with the real file when the repository is cloned. A pointer with a bad oid or size points at nothing, so everyone who clones the repository gets a small text file instead of the weights.",
    defaultSeverity: "error",
  },
  check({ files, report }) {
    for (const file of files) {
      if (file.status === "removed" || file.content.type !== "lfs-pointer-invalid") continue;
      const pointer = file.content.text;
      const missing = [
        /^oid sha256:[0-9a-f]{64}$/m.test(pointer) ? undefined : "a valid `oid sha256:` line (64 hexadecimal characters)",
        /^size \d+$/m.test(pointer) ? undefined : "a `size` line",
      ].filter((m): m is string => m !== undefined);
      report({
        path: file.path,
        line: 1,
        message: text`${file.path} starts like a Git LFS pointer but lacks ${trusted(missing.join(" and ") || "the expected layout")}.`,
        hint: prose("Commit the file again through Git LFS (`git lfs install`, `git rm --cached <file>`, `git add <file>`) instead of editing the pointer by hand."),
      });
    }
  },
});
