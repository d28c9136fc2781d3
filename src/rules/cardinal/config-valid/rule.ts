import { CONFIG_PATH, type ConfigProblem, type ConfigSource } from "../../../core/config.js";
import { defineRule } from "../../../core/rule.js";
import { lastCharacter, prose, quoted, text, type Text } from "../../../core/text.js";
import { resolveConfigText } from "../../../parse/config-file.js";

/**
 * A problem's description ending with exactly one stop. A plain-string
 * description comes from a parser or a loader and may quote the file, so it
 * is shown escaped, never as markdown.
 */
function sentence(message: Text | string): Text {
  const parts: Text = typeof message === "string" ? [quoted(message)] : message;
  return /[.?!]$/.test(lastCharacter(parts)) ? parts : [...parts, ...prose(".")];
}

/** What Cardinal did about a problem in the configuration it runs with. */
function consequence(problem: ConfigProblem): Text {
  if (problem.effect === "note") return [];
  if (problem.effect === "file") return prose(" Cardinal applied none of the file and used its defaults.");
  return problem.effect === "entry" ? prose(" Cardinal left this entry out of the list.") : prose(" Cardinal used the default for this setting.");
}

/**
 * Where to fix it, in the terms of where Cardinal runs: the file on disk for
 * the CLI, the file on the default branch for the app (the app reads no other).
 */
function fixHint(source: ConfigSource, problem: ConfigProblem, local: boolean): Text {
  const what = problem.effect === "file" ? prose("Fix the file") : prose("Fix the setting");
  const where: Text = local
    ? text` in ${source.path}`
    : source.origin !== undefined
      ? text` in ${source.origin}, on that repository's default branch (your organisation's defaults)`
      : text` in ${CONFIG_PATH} on the default branch`;
  return [...what, ...where, ...prose("; `docs/configuration.md` lists every key.")];
}

/**
 * The title of a finding about a pull request's own version of the file: the
 * author's change, which starts a comment like a broken card does (the
 * default branch's problems, at the same path, are for maintainers).
 */
export const CHANGE_BREAKS_CONFIG = "This change breaks Cardinal's configuration";

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
    const local = workspace.source === "folder";
    for (const problem of configSource.problems) {
      // The organisation's file is not at `path` in this repository: its line goes in the words.
      const annotate = configSource.origin === undefined ? problem.line : undefined;
      const elsewhere = configSource.origin !== undefined && problem.line !== undefined ? text`Line ${problem.line} of ${configSource.origin}: ` : [];
      report({
        path: configSource.path,
        ...(annotate !== undefined ? { line: annotate } : {}),
        message: [...elsewhere, ...sentence(problem.message), ...consequence(problem)],
        hint: fixHint(configSource, problem, local),
      });
    }

    // A pull request that edits the configuration: validate the new version,
    // which the app will only read once it is on the default branch.
    if (workspace.source !== "pull-request") return;
    for (const file of files) {
      if (file.kind !== "cardinal-config" || file.status === "removed" || file.content.type !== "text") continue;
      for (const problem of resolveConfigText(file.content.text, ruleIds).problems) {
        if (problem.effect === "note") continue;
        const broken = problem.effect === "file";
        report({
          path: file.path,
          ...(problem.line !== undefined ? { line: problem.line } : {}),
          title: CHANGE_BREAKS_CONFIG,
          message: [
            ...sentence(problem.message),
            ...(broken
              ? prose(" Once merged, Cardinal would apply none of the file.")
              : problem.effect === "entry"
                ? prose(" Once merged, Cardinal would leave this entry out of the list.")
                : prose(" Once merged, Cardinal would use the default for this setting.")),
          ],
          hint: broken
            ? prose("Fix the file before merging; otherwise Cardinal falls back to its defaults.")
            : prose("Fix the setting before merging; `docs/configuration.md` lists every key."),
        });
      }
    }
  },
});

