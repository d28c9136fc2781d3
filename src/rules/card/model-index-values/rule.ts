import { defineRule } from "../../../core/rule.js";
import { modelIndexProblems } from "../model-index-valid/rule.js";

export default defineRule({
  meta: {
    id: "card/model-index-values",
    title: "A model-index value is not what the spec asks for",
    description:
      "The `model-index` results of a model card use a task id of `@huggingface/tasks` as `task.type` and numbers as metric values.",
    why:
      "The Hub takes these cards today (hundreds of published evaluation cards use types of their own, such as MTEB's `Classification`, or values like `\"25.59%\"`), so they are no error. But tools that group results by task do not find a result under a type of their own, and leaderboards and tools that compare models read numbers. Worth a look, not a blocker.",
    defaultSeverity: "notice",
  },
  check({ cards, report }) {
    for (const card of cards) {
      if (card.kind !== "model") continue;
      for (const p of modelIndexProblems(card)) {
        if (!p.value) continue;
        report({
          path: card.path,
          line: p.line,
          message: p.message,
          hint: p.hint,
          ...(p.title ? { title: p.title } : {}),
          ...(p.fix ? { fix: p.fix } : {}),
        });
      }
    }
  },
});
