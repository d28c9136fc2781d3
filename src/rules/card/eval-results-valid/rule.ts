import { defineRule } from "../../../core/rule.js";
import { evalResultsProblems } from "../../../parse/eval-results.js";

export default defineRule({
  meta: {
    id: "card/eval-results-valid",
    title: "Evaluation results file is malformed",
    description:
      "A model's `.eval_results/*.yaml` file is a list of results, each with a `dataset` (a Hub dataset `id` and a `task_id`) and a `value`, and a `source` with a `url` when it has one.",
    why:
      "These files put a model's scores on its Hub page and on the benchmark's leaderboard. The Hub's specification marks these fields required, and the Hub validates the files: its API returns a file that fails as an error instead of results, and huggingface_hub then skips it.",
    defaultSeverity: "error",
  },
  check({ files, report }) {
    for (const file of files) {
      if (file.kind !== "eval-results") continue;
      for (const p of evalResultsProblems(file) ?? []) {
        if (p.level !== "error") continue;
        report({ path: file.path, line: p.line, message: p.message, hint: p.hint, ...(p.title ? { title: p.title } : {}), ...(p.fix ? { fix: p.fix } : {}) });
      }
    }
  },
});
