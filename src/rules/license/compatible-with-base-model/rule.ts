import { hubLicense } from "../../../data/hf-licenses.js";
import { derivativeAllowed } from "../../../data/license-compat.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { asStrings } from "../../../parse/card-schema.js";
import { effectiveLicenses } from "../../../parse/license-values.js";
import { lineage } from "../../../parse/lineage.js";
import { entry } from "../../../parse/metadata.js";
import { checkRepoId } from "../../../parse/repo-id.js";

export default defineRule({
  meta: {
    id: "license/compatible-with-base-model",
    title: "The license contradicts the base model's",
    description: "A model's license respects the licenses of its base models, up the whole chain (a fine-tune of a quantization of Llama is still bound by Llama's terms).",
    why:
      "A fine-tune, adapter, quantization or merge is a derivative of its base model, and many base model licenses bind derivatives: Llama and Gemma terms must be kept, non-commercial and share-alike terms carry over, OpenRAIL use restrictions must be passed on, and NoDerivatives forbids sharing at all. Relicensing such a derivative under a permissive license misleads every user.",
    defaultSeverity: "error",
  },
  async check({ cards, hub, report }) {
    if (!hub) return;
    for (const card of cards) {
      if (card.kind !== "model") continue;
      const declared = effectiveLicenses(card);
      const first = declared[0];
      if (!first) continue;
      const child = declared.map((v) => v.id);
      const bases = asStrings(entry(card, "base_model")?.value).filter((id) => !checkRepoId(id, "model"));
      if (bases.length === 0) continue;

      const reported = new Set<string>();
      for (const ancestor of await lineage(hub, bases)) {
        const parentLicenses = ancestor.info.licenses.filter((l) => hubLicense(l));
        if (parentLicenses.length === 0) continue;
        // A parent under several licenses: the derivative must respect at least one of them.
        const verdicts = parentLicenses.map((l) => ({ license: l, verdict: derivativeAllowed(l, child) }));
        if (verdicts.some((v) => v.verdict.ok)) continue;
        const worst = verdicts[0];
        if (!worst || reported.has(worst.license)) continue;
        reported.add(worst.license);
        const via = ancestor.path.length > 1 ? text` (through ${ancestor.path.slice(0, -1).join(" → ")})` : [];
        report({
          path: card.path,
          line: first.line,
          column: first.column,
          message: text`The card says ${child.join(", ")}, but ${prose(ancestor.path.length > 1 ? "its ancestor" : "the base model")} ${ancestor.info.id}${via} is under ${worst.license}. ${trusted(worst.verdict.reason)}`,
          hint:
            worst.license.startsWith("llama") || worst.license === "gemma" || worst.license === "grok2-community"
              ? text`Use ${`license: ${worst.license}`} and keep a copy of its terms with the model.`
              : prose("Release the model under terms that respect the base model's license, or base it on a model whose license allows yours."),
        });
      }
    }
  },
});
