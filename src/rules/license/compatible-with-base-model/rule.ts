import { hubLicense } from "../../../data/hf-licenses.js";
import { derivativeAllowed } from "../../../data/license-compat.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { asStrings } from "../../../parse/card-schema.js";
import { effectiveLicenses } from "../../../parse/license-values.js";
import { lineage, namedBases, type NamedFamily } from "../../../parse/lineage.js";
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
    for (const card of cards) {
      if (card.kind !== "model") continue;
      const declared = effectiveLicenses(card);
      const first = declared[0];
      if (!first) continue;
      const child = declared.map((v) => v.id);
      const bases = asStrings(entry(card, "base_model")?.value).filter((id) => !checkRepoId(id, "model"));
      if (bases.length === 0) continue;

      const reported = new Set<string>();
      const ancestors = hub ? await lineage(hub, bases) : undefined;
      for (const ancestor of ancestors ?? []) {
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

      // Without the Hub's answer, a base's name can still make its family certain: said as what the name shows, as a warning.
      for (const { id, named } of namedBases(bases, ancestors)) {
        const verdict = derivativeAllowed(named.judgeAs, child);
        if (verdict.ok || reported.has(named.license)) continue;
        reported.add(named.license);
        report({
          path: card.path,
          line: first.line,
          column: first.column,
          atMost: "warning",
          message: text`The card says ${child.join(", ")}, but the base model's name (${id}) says ${trusted(named.family)}, released under ${trusted(named.terms)} (${licenseLine(named)}). ${trusted(verdict.reason)} ${prose(hub ? "The Hub gave no license for this base model, so this rests on its name." : "Cardinal did not ask the Hub (offline), so this rests on the name.")}`,
          hint: hintFor(named),
        });
      }
    }
  },
});

/** `license: gemma`, or `license: other` with the name the family's cards use. */
function licenseLine(named: NamedFamily): string {
  return named.licenseName ? `license: other, license_name: ${named.licenseName}` : `license: ${named.license}`;
}

function hintFor(named: NamedFamily) {
  if (named.licenseName && named.licenseLink) {
    return text`If the model is built from ${trusted(named.family)}, use ${"license: other"} with ${`license_name: ${named.licenseName}`} and ${`license_link: ${named.licenseLink}`}, and keep its terms with the model.`;
  }
  if (named.judgeAs.startsWith("llama") || named.judgeAs === "gemma") {
    return text`If the model is built from ${trusted(named.family)}, use ${`license: ${named.license}`} and keep a copy of its terms with the model.`;
  }
  return text`If the model is built from ${trusted(named.family)}, release it under terms that pass on ${trusted(named.terms)} (for example ${`license: ${named.license}`}).`;
}
