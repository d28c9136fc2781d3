import { HUB_FLAG_LEVELS, type HubFileIssue } from "../../../core/hub.js";
import { defineRule } from "../../../core/rule.js";
import { joinText, prose, text, trusted } from "../../../core/text.js";
import { cardReferences } from "../../../parse/references.js";

/** Files named in one finding; the rest are counted. */
const FILES_SHOWN = 5;

const LEVELS = HUB_FLAG_LEVELS;

export default defineRule({
  meta: {
    id: "hub/base-model-files-safe",
    title: "The Hub flags files of the base model",
    description:
      "The models a card names as `base_model` have no files that the Hub's own security scan marks unsafe, suspicious or caution.",
    why:
      "A fine-tune or quantization is usually made by loading the base model's weights. When the Hub's scanners (malware, pickle imports, partner scanners) flag a file of the base model, whoever follows the card to load it runs that risk, and the release inherits it.",
    defaultSeverity: "error",
  },
  async check({ cards, hub, report, checkpoint }) {
    if (!hub?.securityStatus) return;
    const asked = new Map<string, Promise<readonly HubFileIssue[] | undefined>>();
    for (const card of cards) {
      for (const ref of cardReferences(card)) {
        if (ref.type !== "model" || ref.source !== "base_model") continue;
        await checkpoint();
        let issues = asked.get(ref.id);
        if (!issues) {
          issues = (async () => {
            // Only a repository the Hub shows: hub/model-exists speaks of the others, hub/unreachable of a silent Hub.
            const found = await hub.lookup("model", ref.id);
            if (found.status !== "found" || found.info.private) return undefined;
            const scan = await hub.securityStatus?.(ref.id);
            return scan?.status === "found" ? scan.filesWithIssues : undefined;
          })();
          asked.set(ref.id, issues);
        }
        const flagged = await issues;
        if (!flagged || flagged.length === 0) continue;
        for (const { level, severity } of LEVELS) {
          const files = flagged.filter((f) => f.level === level).map((f) => f.path);
          if (files.length === 0) continue;
          const shown = files.slice(0, FILES_SHOWN);
          report({
            path: card.path,
            line: ref.line,
            column: ref.column,
            atMost: severity,
            title: `The Hub marks files of the base model ${level}`,
            message: text`The Hub's security scan marks ${trusted(files.length.toLocaleString("en-US"))} ${prose(files.length === 1 ? "file" : "files")} of the base model ${ref.id} ${trusted(level)}: ${joinText(
              shown.map((p) => text`${p}`),
              ", ",
            )}${trusted(files.length > shown.length ? `, and ${(files.length - shown.length).toLocaleString("en-US")} more` : "")}.`,
            hint: prose(
              "Check the files on the base model's page on the Hub (the scan's details are beside each file) before loading them; prefer its safetensors weights, or name a base model whose files the Hub does not flag.",
            ),
          });
        }
      }
    }
  },
});
