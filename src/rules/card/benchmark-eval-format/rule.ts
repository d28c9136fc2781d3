import { defineRule } from "../../../core/rule.js";
import { dirname, inFolder } from "../../../parse/classify.js";
import { benchmarkEvalProblems } from "../../../parse/eval-results.js";

export default defineRule({
  meta: {
    id: "card/benchmark-eval-format",
    title: "Benchmark eval.yaml may not be accepted as written",
    description:
      "A benchmark dataset's `eval.yaml` names an evaluation framework Cardinal knows, gives text where text is expected, defines at least one task, and gives `inspect-ai` tasks their `field_spec`, `solvers` and scorers.",
    why:
      "These are documented, but Cardinal cannot be sure the Hub refuses them: its list of frameworks can be newer than Cardinal's copy, and hub-docs does not say whether the Inspect fields are checked at push. A warning lets the author check before the push fails or the leaderboard stays empty.",
    defaultSeverity: "warning",
  },
  check({ files, cards, report }) {
    for (const file of files) {
      if (file.kind !== "benchmark-eval") continue;
      const besideDatasetCard = inFolder(cards, dirname(file.path)).some((c) => c.kind === "dataset");
      for (const p of benchmarkEvalProblems(file, besideDatasetCard) ?? []) {
        if (p.level !== "warning") continue;
        report({ path: file.path, line: p.line, message: p.message, hint: p.hint, ...(p.title ? { title: p.title } : {}), ...(p.fix ? { fix: p.fix } : {}) });
      }
    }
  },
});
