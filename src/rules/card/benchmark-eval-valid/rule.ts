import { defineRule } from "../../../core/rule.js";
import { dirname, inFolder } from "../../../parse/classify.js";
import { benchmarkEvalProblems } from "../../../parse/eval-results.js";

export default defineRule({
  meta: {
    id: "card/benchmark-eval-valid",
    title: "Benchmark eval.yaml is malformed",
    description:
      "A benchmark dataset's `eval.yaml` has a `name`, a `description`, one `evaluation_framework` spelled as the Hub lists it, and a `tasks` list whose items each have a unique `id`.",
    why:
      "The Hub validates a benchmark's `eval.yaml` at push time, and model repositories name its task ids in their evaluation results: a missing field or a misspelt framework stops the push, and a model's results can name a task only by its id.",
    defaultSeverity: "error",
  },
  check({ files, cards, report }) {
    for (const file of files) {
      if (file.kind !== "benchmark-eval") continue;
      const besideDatasetCard = inFolder(cards, dirname(file.path)).some((c) => c.kind === "dataset");
      for (const p of benchmarkEvalProblems(file, besideDatasetCard) ?? []) {
        if (p.level !== "error") continue;
        report({ path: file.path, line: p.line, message: p.message, hint: p.hint, ...(p.title ? { title: p.title } : {}), ...(p.fix ? { fix: p.fix } : {}) });
      }
    }
  },
});
