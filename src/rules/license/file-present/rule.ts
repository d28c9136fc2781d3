import { fileIndex } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";
import { dirname } from "../../../parse/classify.js";
import { LICENSE_FILE_NAMES, licenseFileFor } from "../../../parse/license-files.js";
import { effectiveLicenses } from "../../../parse/license-values.js";

export default defineRule({
  meta: {
    id: "license/file-present",
    title: "No LICENSE file beside the card",
    description: "When the repository's policy asks for it (`license_file: required`), every card with a license has a LICENSE file beside it.",
    why:
      "Many licenses (Apache-2.0, the Llama and Gemma terms, OpenRAIL) require a copy of their text to travel with the weights. Organisations that want every release to carry one can make this check required.",
    defaultSeverity: "warning",
  },
  async check(context) {
    if (context.config.license_file !== "required") return;
    for (const card of context.cards) {
      await context.checkpoint();
      const first = effectiveLicenses(card)[0];
      if (!first) continue;
      const file = await licenseFileFor(card.path, context);
      if (file) continue;
      // Without a view of the repository, "absent" cannot be told from "unknown".
      if (!context.repo && !fileIndex(context.files).dirs.has(dirname(card.path))) continue;
      const dir = dirname(card.path);
      context.report({
        path: card.path,
        line: first.line,
        column: first.column,
        message: text`The card declares ${first.id}, but there is no LICENSE file in ${dir === "" ? prose("the repository root") : dir}.`,
        hint: prose(`Add the license's text as \`${LICENSE_FILE_NAMES[0]}\` beside the card.`),
      });
    }
  },
});
