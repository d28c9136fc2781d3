import { defineRule } from "../../../core/rule.js";
import { text, trusted } from "../../../core/text.js";
import { resolveReferences, SOURCE_WORDS } from "../../../parse/hub-lookups.js";
import { lineFix } from "../../../parse/metadata.js";
import { isRepoId } from "../../../parse/repo-id.js";

export default defineRule({
  meta: {
    id: "hub/canonical-id",
    title: "Hub id is not spelled as the Hub spells it",
    description: "Datasets and models are named by their current id on the Hub, with the Hub's case and namespace.",
    why:
      "The Hub answers an old name (`squad`) or a different case (`Meta-Llama/llama-3-8b`) with the repository it now belongs to, but the model's tags, the \"Datasets used to train\" list and the model tree use the id as written, so the link between the two repositories is lost.",
    defaultSeverity: "warning",
  },
  async check({ cards, hub, report }) {
    if (!hub) return;
    for (const r of await resolveReferences(hub, cards, () => true)) {
      if (r.lookup.status !== "found" || r.lookup.info.id === r.id) continue;
      const canonical = r.lookup.info.id;
      // Offered as the line's replacement: only a well-formed repo id, never whatever the Hub sent.
      if (!isRepoId(canonical)) continue;
      const renamed = canonical.toLowerCase() !== r.id.toLowerCase();
      const fix = r.source === "link" ? undefined : lineFix(r.card, r.line, r.id, canonical);
      report({
        path: r.card.path,
        line: r.line,
        column: r.column,
        message: renamed
          ? text`${r.id} ${trusted(SOURCE_WORDS[r.source])} is now ${canonical} on the Hub.`
          : text`${r.id} ${trusted(SOURCE_WORDS[r.source])} is spelled ${canonical} on the Hub.`,
        hint: text`Write ${canonical}.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
