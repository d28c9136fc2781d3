/**
 * The text of `.github/cardinal.yml`, parsed and validated the same way
 * wherever Cardinal meets it: the CLI's file, the app's file on the default
 * branch, and a pull request's new version of it.
 *
 * A file that is not valid YAML is applied not at all (every setting keeps
 * its default), never in part: the yaml library's lenient reading of a
 * broken file can keep the keys before the mistake, so that an unclosed
 * `rules: {card/x: off` would switch the rule off. Every problem carries
 * the line it is on.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import { resolveConfig, type ConfigProblem, type ResolvedConfig } from "../core/config.js";
import { quoted, text, trusted } from "../core/text.js";
import { MAX_YAML_ALIASES } from "./front-matter.js";
import { lineOfPath } from "./yaml-path.js";

export interface ConfigText extends ResolvedConfig {
  /** The parsed value when the file is valid YAML (to look for `_extends`), else undefined. */
  readonly raw: unknown;
  /** The line of the key at `path` in the file, when there is one. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/**
 * The first key that repeats a key of its own mapping, with where it starts.
 * The yaml library's own check (`uniqueKeys`) compares each new key with
 * every earlier one of its mapping, so 55,000 keys took minutes; one Set per
 * mapping makes it linear. Aliases are not followed (their target is walked
 * where it is defined).
 */
export function firstDuplicateKey(document: Document.Parsed): { key: string; offset: number } | undefined {
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

function fileProblem(message: ConfigProblem["message"], line: number | undefined): ConfigProblem {
  return { key: "(file)", path: [], message, effect: "file", ...(line !== undefined ? { line } : {}) };
}

/**
 * A YAML syntax error in plain words, at the line a reader should look at.
 * An unclosed `{` or `[` is reported by the parser where the file ends; the
 * line that matters is the one where it was opened.
 */
function syntaxProblem(document: Document.Parsed, lineCounter: LineCounter, error: YAMLError): ConfigProblem {
  const first = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  const unclosed = /^Flow (map|sequence) in block collection must be sufficiently indented and end with a ([}\]])/.exec(first);
  if (unclosed) {
    let opened: number | undefined;
    visit(document, {
      Map(_, node) {
        if (unclosed[1] === "map" && node.flow && node.range && node.range[1] === error.pos[0]) opened = Math.max(opened ?? -1, node.range[0]);
      },
      Seq(_, node) {
        if (unclosed[1] === "sequence" && node.flow && node.range && node.range[1] === error.pos[0]) opened = Math.max(opened ?? -1, node.range[0]);
      },
    });
    if (opened !== undefined) {
      const line = lineCounter.linePos(opened).line;
      const open = unclosed[2] === "}" ? "{" : "[";
      return fileProblem(
        text`The file is not valid YAML: the ${open} on line ${line} is never closed with ${unclosed[2] ?? ""}`,
        line,
      );
    }
  }
  const line = lineCounter.linePos(error.pos[0]).line;
  return fileProblem(text`The file is not valid YAML: line ${line}: ${quoted(first)}`, line);
}

/** Parses and validates a configuration file's text; each problem has its line. */
export function resolveConfigText(source: string, knownRuleIds: readonly string[]): ConfigText {
  const defaults = (problem: ConfigProblem): ConfigText => ({
    config: resolveConfig(undefined, knownRuleIds).config,
    problems: [problem],
    raw: undefined,
    lineOf: () => undefined,
  });
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: true, logLevel: "silent", uniqueKeys: false });
  const [syntax] = document.errors;
  if (syntax) return defaults(syntaxProblem(document, lineCounter, syntax));
  const duplicate = firstDuplicateKey(document);
  if (duplicate) {
    const line = lineCounter.linePos(duplicate.offset).line;
    return defaults(
      fileProblem(text`The file is not valid YAML: the key ${duplicate.key} appears twice in one mapping (the second time on line ${line})`, line),
    );
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch {
    return defaults(fileProblem(text`The file uses YAML aliases (${trusted("`*name`")}) more than ${MAX_YAML_ALIASES} times`, undefined));
  }
  // An empty file is no settings at all, as Probot reads it.
  const resolved = resolveConfig(raw ?? {}, knownRuleIds);
  const problems = resolved.problems.map((problem) => {
    const line = problem.path.length > 0 ? lineOfPath(document, lineCounter, problem.path) : isMap(document.contents) ? undefined : 1;
    return line !== undefined ? { ...problem, line } : problem;
  });
  return { config: resolved.config, problems, raw: raw ?? {}, lineOf: (path) => lineOfPath(document, lineCounter, path) };
}
