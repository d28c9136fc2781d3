import { defineRule } from "../../../core/rule.js";
import { evalResultsProblems } from "../../../parse/eval-results.js";

export default defineRule({
  meta: {
    id: "card/eval-results-format",
    title: "Evaluation results file departs from the documented format",
    description:
      "A model's `.eval_results/*.yaml` file follows the documented format beyond its required fields: a quoted ISO-8601 `date`, a numeric `value`, text where text is expected, and only the documented keys.",
    why:
      "The Hub documents these details without saying it refuses a file that departs from them, so Cardinal warns rather than fails: an unquoted date becomes a YAML timestamp instead of the string the format asks for, and a value written as text or an unknown key may not show as the author meant.",
    defaultSeverity: "warning",
  },
  check({ files, report }) {
    for (const file of files) {
      if (file.kind !== "eval-results") continue;
      for (const p of evalResultsProblems(file) ?? []) {
        if (p.level !== "warning") continue;
        report({ path: file.path, line: p.line, message: p.message, hint: p.hint, ...(p.title ? { title: p.title } : {}), ...(p.fix ? { fix: p.fix } : {}) });
      }
    }
  },
});
