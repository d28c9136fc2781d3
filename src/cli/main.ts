import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { review } from "../core/engine.js";
import { LineIndex } from "../parse/lines.js";
import { renderJson } from "../report/json.js";
import { ANSI_STYLE, NO_STYLE, renderTerminal } from "../report/terminal.js";
import { findRule, RULES, RULE_IDS } from "../rules/index.js";
import { folderRepoFiles, loadFolder, UsageError } from "../io/fs/workspace.js";
import { hubClientFromEnv } from "../io/hub/client.js";
import type { HubClient } from "../core/hub.js";

const HELP = `Usage: cardinal check [path ...] [options]
       cardinal rules

Reviews model cards, dataset cards, licenses and model files in a folder,
with the same rules the Cardinal GitHub App runs on pull requests.

Commands:
  check [path ...]      Review folders or files (default: the current folder)
  rules                 List every rule with its default severity

Options:
  -f, --format <name>   Output format: text (default) or json
  -c, --config <file>   Configuration file (default: .github/cardinal.yml
                        at the repository root, if present)
      --offline         Skip the checks that ask the Hugging Face Hub
  -v, --verbose         Explain why each finding matters
  -h, --help            Show this help
      --version         Print the version

Exit codes: 0 no errors (warnings allowed), 1 at least one error, 2 usage error.
`;

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Runs the CLI and returns the exit code; all output goes through `io`. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f", default: "text" },
        config: { type: "string", short: "c" },
        verbose: { type: "boolean", short: "v", default: false },
        offline: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    io.stderr(`cardinal: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === "rules") {
    for (const rule of RULES) {
      io.stdout(`${rule.meta.id.padEnd(34)} ${rule.meta.defaultSeverity.padEnd(8)} ${rule.meta.description}\n`);
    }
    return 0;
  }
  if (command !== "check") {
    io.stderr(command ? `cardinal: unknown command "${command}"\n\n${HELP}` : HELP);
    return 2;
  }
  const format = values.format;
  if (format !== "text" && format !== "json") {
    io.stderr(`cardinal: unknown format "${format}"; use text or json\n`);
    return 2;
  }

  let loaded;
  try {
    loaded = await loadFolder(paths, RULE_IDS, { ...(values.config ? { config: values.config } : {}), cwd: io.cwd });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`cardinal: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { workspace, configSource, root, skipped } = loaded;
  for (const s of skipped) io.stderr(`cardinal: ${s} is not a card, license or model file; skipped\n`);

  // The Hub is asked unless --offline or `hub: false` in the configuration says not to.
  const hubMode = values.offline ? "offline" : configSource.config.hub ? "on" : "off";
  let hub: HubClient | undefined;
  if (hubMode === "on") {
    try {
      hub = hubClientFromEnv(io.env);
    } catch (error) {
      io.stderr(`cardinal: ${(error as Error).message}\n`);
      return 2;
    }
  }
  const result = await review({
    workspace,
    repo: folderRepoFiles(root),
    ...(hub ? { hub } : {}),
    config: configSource.config,
    configSource: { path: configSource.path, problems: configSource.problems },
    rules: RULES,
  });

  if (format === "json") {
    io.stdout(renderJson(result.findings, result.files, { hub: hubMode, references: result.references ?? [] }));
  } else {
    if (hubMode !== "on") {
      io.stderr(`cardinal: Hub checks skipped (${hubMode === "offline" ? "--offline" : "hub: false in the configuration"})\n`);
    }
    const indexes = new Map<string, LineIndex>();
    const lineText = (p: string, line: number): string | undefined => {
      let index = indexes.get(p);
      if (!index) {
        const file = workspace.files.find((f) => f.path === p);
        if (file?.content.type !== "text") return undefined;
        index = new LineIndex(file.content.text);
        indexes.set(p, index);
      }
      return index.lineText(line);
    };
    const color = io.isTTY && !("NO_COLOR" in io.env) && io.env["TERM"] !== "dumb";
    const relativeRoot = path.relative(io.cwd, root);
    if (relativeRoot !== "") io.stderr(`cardinal: paths are relative to ${root}\n`);
    io.stdout(
      renderTerminal({
        findings: result.findings,
        fileCount: result.files.length,
        lineText,
        style: color ? ANSI_STYLE : NO_STYLE,
        verbose: values.verbose,
        why: (id) => findRule(id)?.meta.why,
      }),
    );
  }
  return result.findings.some((f) => f.severity === "error") ? 1 : 0;
}
