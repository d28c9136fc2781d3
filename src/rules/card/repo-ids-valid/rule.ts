import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { matchesShape } from "../../../parse/card-schema.js";
import { entry, items, lineFix, metadataOf } from "../../../parse/metadata.js";
import { checkRepoId, type RepoKind } from "../../../parse/repo-id.js";

/** Model card keys whose values are Hub repository ids, and of which kind. */
const ID_KEYS: readonly { key: string; kind: RepoKind }[] = [
  { key: "datasets", kind: "dataset" },
  { key: "base_model", kind: "model" },
  { key: "new_version", kind: "model" },
];

export default defineRule({
  meta: {
    id: "card/repo-ids-valid",
    title: "Not a Hub repository id",
    description: "`datasets`, `base_model` and `new_version` hold Hub ids (`namespace/name`), not addresses, paths or descriptions.",
    why:
      "The Hub links a model to its training data, its base model and its newer version only through exact repository ids. An address, a local path, a revision or a description breaks the link: the model tree and the \"Datasets used to train\" list stay empty, and the Hub refuses prose in `datasets`.",
    defaultSeverity: "error",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (card.kind !== "model" || !metadataOf(card)) continue;
      for (const { key, kind } of ID_KEYS) {
        const e = entry(card, key);
        if (!e || e.value === null || !matchesShape("strings", e.value)) continue;
        for (const item of items(card, e)) {
          const value = item.value as string;
          const problem = checkRepoId(value, kind);
          if (!problem) continue;
          const fix = problem.suggestion ? lineFix(card, item.line, value, problem.suggestion) : undefined;
          report({
            path: card.path,
            line: item.line,
            column: item.column,
            message: text`${value} in ${key} is not a ${prose(kind)} id: ${trusted(problem.reason)}.`,
            hint: problem.suggestion
              ? text`Write ${problem.suggestion}.`
              : prose(
                  kind === "dataset"
                    ? "Use the dataset's id on the Hub, as in its address after `huggingface.co/datasets/` (for example `stanfordnlp/imdb`); describe other data in the card's text."
                    : "Use the model's id on the Hub, as in its address after `huggingface.co/` (for example `meta-llama/Llama-3.1-8B`).",
                ),
            ...(fix ? { fix } : {}),
          });
        }
      }
    }
  },
});
