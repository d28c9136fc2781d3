import { defineRule } from "../../../core/rule.js";
import { prose, quoted, text, trusted } from "../../../core/text.js";
import { needsText } from "../../../parse/classify.js";

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export default defineRule({
  meta: {
    id: "cardinal/file-unreadable",
    title: "Cardinal could not read a file it needs",
    description: "Every card, license and configuration file that Cardinal reviews can be read as text.",
    why:
      "Cards, LICENSE files and model configs are text that the Hub and people read. When one is binary, stored in Git LFS, too large or could not be fetched, Cardinal cannot check it, and often the Hub cannot read it either.",
    defaultSeverity: "warning",
  },
  check({ files, report }) {
    for (const file of files) {
      if (!needsText(file.kind)) continue;
      const content = file.content;
      switch (content.type) {
        case "binary":
          report({
            path: file.path,
            title: "Text file holds binary data",
            message: text`${file.path} should be text, but it contains binary data, so Cardinal did not read it.`,
            hint: prose("Check that the right file was committed under this name."),
          });
          break;
        case "lfs-pointer":
          report({
            path: file.path,
            line: 1,
            title: "Text file stored in Git LFS",
            message: text`${file.path} is stored in Git LFS (a pointer to a ${trusted(formatBytes(content.size))} object), so GitHub and Cardinal see only the pointer, not its text.`,
            hint: trusted(
              "Narrow the pattern in `.gitattributes` that sends this file to LFS (for example `*.safetensors` instead of `*`), then commit the file again.",
            ),
          });
          break;
        case "too-large":
          report({
            path: file.path,
            title: "File too large to review",
            message: text`${file.path} is larger than the ${trusted(formatBytes(content.limit))} Cardinal reads per file, so it was not reviewed.`,
            hint: prose("Raise `max_file_size` in `.github/cardinal.yml` if files this large are expected."),
          });
          break;
        case "unavailable":
          report({
            path: file.path,
            title: "File could not be read",
            message: text`Cardinal could not read ${file.path} (${quoted(content.reason)}), so it was not reviewed.`,
            hint: trusted(
              "In a pull request, re-run the check; if this persists, check the app's access to the repository. In a local folder, make it a regular file inside the folder (the CLI reads no pipes, devices, or links that lead outside).",
            ),
          });
          break;
        default:
          break;
      }
    }
  },
});
