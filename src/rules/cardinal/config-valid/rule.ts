import { LineCounter, parseDocument } from "yaml";
import { resolveConfig } from "../../../core/config.js";
import { defineRule } from "../../../core/rule.js";
import { prose, quoted, text } from "../../../core/text.js";
import { MAX_YAML_ALIASES } from "../../../parse/front-matter.js";
import { lineOfPath } from "../../../parse/yaml-path.js";

/** Ends a problem description with exactly one stop. */
function sentence(message: string): string {
  return /[.?!]$/.test(message) ? message : `${message}.`;
}

export default defineRule({
  meta: {
    id: "cardinal/config-valid",
    title: "Cardinal's configuration has a problem",
    description:
      "The configuration Cardinal runs with (`.github/cardinal.yml`, or the organisation's) is valid, and so is a change to it in a pull request.",
    why:
      "A mistake in the configuration would otherwise be ignored without a word: a rule you switched off would keep reporting, or a path you excluded would still be reviewed. Cardinal uses the default for the broken setting and says so, so maintainers can fix it.",
    defaultSeverity: "warning",
  },
  check({ configSource, files, workspace, ruleIds, report }) {
    for (const problem of configSource.problems) {
      report({
        path: configSource.path,
        message: text`${problem.key}: ${prose(sentence(problem.message))} Cardinal used the default for this setting.`,
        hint: prose("Fix the setting in the configuration file on the default branch; `docs/configuration.md` lists every key."),
      });
    }

    // A pull request that edits the configuration: validate the new version,
    // which the app will only read once it is on the default branch.
    if (workspace.source !== "pull-request") return;
    for (const file of files) {
      if (file.kind !== "cardinal-config" || file.status === "removed" || file.content.type !== "text") continue;
      const lineCounter = new LineCounter();
      const document = parseDocument(file.content.text, { lineCounter, prettyErrors: true, logLevel: "silent" });
      const [syntax] = document.errors;
      if (syntax) {
        report({
          path: file.path,
          line: lineCounter.linePos(syntax.pos[0]).line,
          title: "This change breaks Cardinal's configuration",
          message: text`The new configuration is not valid YAML: ${quoted(syntax.message.split("\n")[0] ?? "")}`,
          hint: prose("Fix the YAML before merging; otherwise Cardinal falls back to its defaults."),
        });
        continue;
      }
      let raw: unknown;
      try {
        raw = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
      } catch {
        raw = undefined;
      }
      for (const problem of resolveConfig(raw, ruleIds).problems) {
        const line = lineOfPath(document, lineCounter, problem.path);
        report({
          path: file.path,
          ...(line !== undefined ? { line } : {}),
          title: "This change breaks Cardinal's configuration",
          message: text`${problem.key}: ${prose(sentence(problem.message))} Once merged, Cardinal would use the default for this setting.`,
          hint: prose("Fix the setting before merging; `docs/configuration.md` lists every key."),
        });
      }
    }
  },
});
