import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { resolveConfig } from "../../../core/config.js";
import { defineRule } from "../../../core/rule.js";
import { prose, quoted, text, type Text } from "../../../core/text.js";
import { MAX_YAML_ALIASES } from "../../../parse/front-matter.js";
import { lineOfPath } from "../../../parse/yaml-path.js";

/**
 * A problem's description ending with exactly one stop. A plain-string
 * description comes from a parser or a loader and may quote the file, so it
 * is shown escaped, never as markdown.
 */
function sentence(message: Text | string): Text {
  const parts: Text = typeof message === "string" ? [quoted(message)] : message;
  const last = parts[parts.length - 1];
  const ends = typeof last === "string" ? last : last === undefined ? "" : "code" in last ? "`" : last.quoted;
  return /[.?!]$/.test(ends) ? parts : [...parts, "."];
}

/**
 * The first key that repeats a key of its own mapping, with where it starts.
 * The yaml library's own check (`uniqueKeys`) compares each new key with
 * every earlier one of its mapping, so 55,000 keys took minutes; one Set per
 * mapping makes it linear. Aliases are not followed (their target is walked
 * where it is defined).
 */
function firstDuplicateKey(document: Document.Parsed): { key: string; offset: number } | undefined {
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const id = `${typeof pair.key.value}:${String(pair.key.value)}`;
          if (seen.has(id)) return { key: String(pair.key.value), offset: pair.key.range?.[0] ?? 0 };
          seen.add(id);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return undefined;
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
        message: text`${problem.key}: ${sentence(problem.message)} Cardinal used the default for this setting.`,
        hint: prose("Fix the setting in the configuration file on the default branch; `docs/configuration.md` lists every key."),
      });
    }

    // A pull request that edits the configuration: validate the new version,
    // which the app will only read once it is on the default branch.
    if (workspace.source !== "pull-request") return;
    for (const file of files) {
      if (file.kind !== "cardinal-config" || file.status === "removed" || file.content.type !== "text") continue;
      const lineCounter = new LineCounter();
      const document = parseDocument(file.content.text, { lineCounter, prettyErrors: true, logLevel: "silent", uniqueKeys: false });
      const [syntax] = document.errors;
      const duplicate = syntax ? undefined : firstDuplicateKey(document);
      if (duplicate) {
        report({
          path: file.path,
          line: lineCounter.linePos(duplicate.offset).line,
          title: "This change breaks Cardinal's configuration",
          message: text`The new configuration is not valid YAML: the key ${duplicate.key} appears twice in one mapping.`,
          hint: prose("Keep one of the two entries before merging; otherwise Cardinal falls back to its defaults."),
        });
        continue;
      }
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
          message: text`${problem.key}: ${sentence(problem.message)} Once merged, Cardinal would use the default for this setting.`,
          hint: prose("Fix the setting before merging; `docs/configuration.md` lists every key."),
        });
      }
    }
  },
});
