import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { afterAll, describe, expect, it } from "vitest";
import { main, PROGRESS_THRESHOLD, readmeFromPage } from "../src/cli/main.js";
import { COMMENT_MARKER } from "../src/report/comment.js";
import { renderRulePage } from "../src/report/rule-docs.js";
import { RULES } from "../src/rules/index.js";
import { useFakeHub } from "./helpers/fake-hub.js";

const FIXTURES = path.resolve(import.meta.dirname, "fixtures/folders");
const scratch = mkdtempSync(path.join(tmpdir(), "cardinal-cli-formats-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fixture(name: string): string {
  const target = path.join(scratch, `${name}-${Math.random().toString(36).slice(2)}`);
  cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

const fakeHub = useFakeHub();
const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../package.json"), "utf8")) as { version: string };

async function run(args: string[], cwd: string, options: { stderrIsTTY?: boolean; env?: Record<string, string> } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    ...(options.stderrIsTTY !== undefined ? { stderrIsTTY: options.stderrIsTTY } : {}),
    env: { HF_ENDPOINT: fakeHub.hub?.url, ...options.env },
    cwd,
  });
  return { code, stdout, stderr };
}

// The official SARIF 2.1.0 schema (draft-04); see test/fixtures/sarif-schema-2.1.0.SOURCE.md.
const sarifSchema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "fixtures/sarif-schema-2.1.0.json"), "utf8")) as object;
const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
ajvFormats.default(ajv);
const validateSarifLog = ajv.compile(sarifSchema);
const validateSarif = (log: unknown): string[] =>
  validateSarifLog(log) ? [] : (validateSarifLog.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);

const ruleIds = (stdout: string) => (JSON.parse(stdout).findings as { ruleId: string }[]).map((f) => f.ruleId);

describe("--format sarif", () => {
  it("is valid SARIF 2.1.0, with the finding, its rule and its fix", async () => {
    const { code, stdout } = await run(["check", ".", "--format", "sarif"], fixture("adapter"));
    expect(code).toBe(0);
    const log = JSON.parse(stdout);
    expect(validateSarif(log)).toEqual([]);
    const run0 = log.runs[0];
    expect(run0.tool.driver).toMatchObject({ name: "Cardinal", version: pkg.version });
    expect(run0.tool.driver.rules).toHaveLength(RULES.length);
    expect(run0.results).toEqual([
      expect.objectContaining({
        ruleId: "release/adapter-base-model",
        level: "warning",
        locations: [{ physicalLocation: { artifactLocation: { uri: "README.md" }, region: { startLine: 6 } } }],
        fixes: [
          expect.objectContaining({
            artifactChanges: [
              {
                artifactLocation: { uri: "README.md" },
                replacements: [
                  {
                    deletedRegion: { startLine: 6, endLine: 6 },
                    insertedContent: { text: "base_model: meta-llama/Llama-3.1-8B-Instruct\n---" },
                  },
                ],
              },
            ],
          }),
        ],
      }),
    ]);
    const result = run0.results[0];
    expect(run0.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it("an error is level error and sets exit 1", async () => {
    const { code, stdout } = await run(["check", "--format=sarif"], fixture("broken-card"));
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId} ${r.level}`)).toEqual([
      "card/front-matter-valid-yaml error",
    ]);
  });
});

describe("--format markdown", () => {
  it("prints the pull request comment", async () => {
    const { code, stdout } = await run(["check", ".", "-f", "markdown"], fixture("adapter"));
    expect(code).toBe(0);
    expect(stdout.startsWith(`${COMMENT_MARKER}\n### Cardinal review`)).toBe(true);
    expect(stdout).toContain("**1 warning** in 1 file\n");
    expect(stdout).toContain("[`release/adapter-base-model`]");
  });

  it("a clean folder is all clear", async () => {
    const { code, stdout } = await run(["check", ".", "-f", "markdown"], fixture("clean-release"));
    expect(code).toBe(0);
    expect(stdout).toContain("### ✅ All clear\n");
  });

  it("its footer links the CLI's install guide, or shows the command CARDINAL_CLI_COMMAND sets", async () => {
    const plain = await run(["check", ".", "-f", "markdown"], fixture("clean-release"));
    expect(plain.stdout).toContain("· [run the same checks locally](https://github.com/cardinal-app/cardinal/blob/main/docs/cli.md#install)</sub>");
    expect(plain.stdout).not.toContain("npx");
    const set = await run(["check", ".", "-f", "markdown"], fixture("clean-release"), {
      env: { CARDINAL_CLI_COMMAND: "npm run check-cards", CARDINAL_CLI_URL: "ftp://nope" },
    });
    expect(set.stdout).toContain("· run the same checks locally with `npm run check-cards` ([how to install](https://github.com/cardinal-app/cardinal/blob/main/docs/cli.md#install))</sub>");
    expect(set.stderr).toContain('cardinal: CARDINAL_CLI_URL must be an http:// or https:// address without spaces or parentheses, got "ftp://nope";');
  });
});

describe("--rule", () => {
  it("switches a rule off or changes its severity", async () => {
    const dir = fixture("adapter");
    const off = await run(["check", "-f", "json", "--rule", "release/adapter-base-model=off"], dir);
    expect(off.code).toBe(0);
    expect(ruleIds(off.stdout)).toEqual([]);
    const error = await run(["check", "-f", "json", "--rule=release/adapter-base-model=error"], dir);
    expect(error.code).toBe(1);
    expect(JSON.parse(error.stdout).findings[0]).toMatchObject({ ruleId: "release/adapter-base-model", severity: "error" });
  });

  it("applies on top of the configuration file, and can be repeated", async () => {
    const dir = fixture("with-config");
    const { code, stdout } = await run(
      ["check", "-f", "json", "--rule", "card/front-matter-present=notice", "--rule", "cardinal/config-valid=off", "--rule", "license/declared=off"],
      dir,
    );
    expect(code).toBe(0);
    const findings = JSON.parse(stdout).findings as { ruleId: string; severity: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.ruleId === "card/front-matter-present" && f.severity === "notice")).toBe(true);
  });

  it.each([
    [["--rule", "card/front-matter-valid-yam=off"], 'there is no rule "card/front-matter-valid-yam"; did you mean "card/front-matter-valid-yaml"?'],
    [["--rule", "card/front-matter-valid-yaml=fatal"], "the level must be one of off, error, warning, notice"],
    [["--rule", "card/front-matter-valid-yaml"], "the level must be one of"],
  ])("%j exits 2", async (args, message) => {
    const { code, stderr } = await run(["check", ...args], fixture("clean-release"));
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe("--quiet and --max-warnings", () => {
  it("--quiet reports errors only", async () => {
    const warningsOnly = await run(["check", "-f", "json", "--quiet"], fixture("adapter"));
    expect(warningsOnly.code).toBe(0);
    expect(ruleIds(warningsOnly.stdout)).toEqual([]);
    const text = await run(["check", "-q"], fixture("adapter"));
    expect(text.stdout).not.toContain("release/adapter-base-model");
    const errors = await run(["check", "-f", "json", "-q"], fixture("broken-card"));
    expect(errors.code).toBe(1);
    expect(ruleIds(errors.stdout)).toEqual(["card/front-matter-valid-yaml"]);
  });

  it("--max-warnings fails the run when warnings exceed it", async () => {
    const dir = fixture("adapter");
    const over = await run(["check", "--max-warnings", "0"], dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("1 warning, more than --max-warnings 0 allows");
    expect((await run(["check", "--max-warnings=1"], dir)).code).toBe(0);
    // Warnings count even when --quiet hides them.
    expect((await run(["check", "--quiet", "--max-warnings", "0"], dir)).code).toBe(1);
  });

  it.each([["-1"], ["many"], ["1.5"]])("--max-warnings %s exits 2", async (value) => {
    const { code, stderr } = await run(["check", `--max-warnings=${value}`], fixture("adapter"));
    expect(code).toBe(2);
    expect(stderr).toContain("--max-warnings must be a whole number");
  });
});

describe("progress on large folders", () => {
  const large = () => {
    const dir = path.join(scratch, `large-${Math.random().toString(36).slice(2)}`);
    for (let i = 0; i <= PROGRESS_THRESHOLD; i++) {
      mkdirSync(path.join(dir, `m${i}`), { recursive: true });
      writeFileSync(path.join(dir, `m${i}`, "LICENSE"), "Copyright 2024 Someone\n");
    }
    return dir;
  };

  it("shows a progress line on a terminal, and clears it", async () => {
    const { stderr, stdout } = await run(["check", "--offline"], large(), { stderrIsTTY: true });
    expect(stderr).toContain(`cardinal: reviewing ${PROGRESS_THRESHOLD + 1} files · rule 1/${RULES.length}`);
    expect(stderr).toContain("\r\u001b[K");
    expect(stdout).not.toContain("reviewing");
  });

  it("stays silent when stderr is not a terminal", async () => {
    const { stderr } = await run(["check", "--offline"], large(), { stderrIsTTY: false });
    expect(stderr).not.toContain("reviewing");
  });

  it("stays silent on small folders", async () => {
    const { stderr } = await run(["check", "--offline"], fixture("adapter"), { stderrIsTTY: true });
    expect(stderr).not.toContain("reviewing");
  });
});

describe("cardinal explain", () => {
  it("prints the rule's metadata, its README and its docs address", async () => {
    const { code, stdout } = await run(["explain", "card/front-matter-valid-yaml"], scratch);
    expect(code).toBe(0);
    const meta = RULES.find((r) => r.meta.id === "card/front-matter-valid-yaml")?.meta;
    expect(stdout.startsWith(`card/front-matter-valid-yaml — ${meta?.title}\n\n${meta?.description}\n\nDefault severity: error\n\nWhy it matters: ${meta?.why}`)).toBe(true);
    expect(stdout).toContain("## How to fix");
    expect(stdout).not.toContain("## Turning it off");
    expect(stdout.trimEnd().endsWith("Docs: https://github.com/cardinal-app/cardinal/blob/main/docs/rules/card/front-matter-valid-yaml.md")).toBe(true);
  });

  it("readmeFromPage recovers a README from its page, and refuses a page of another shape", () => {
    const meta = RULES[0]!.meta;
    expect(readmeFromPage(meta, renderRulePage(meta, "## What it reports\n\nThings.\n"))).toBe("## What it reports\n\nThings.");
    expect(readmeFromPage(meta, "# something else\n")).toBeUndefined();
  });

  it.each([
    [["explain", "card/front-matter-valid-yam"], 'there is no rule "card/front-matter-valid-yam"; did you mean "card/front-matter-valid-yaml"?'],
    [["explain", "nothing/like-this-at-all"], 'there is no rule "nothing/like-this-at-all" (cardinal rules lists them all)'],
    [["explain"], "explain takes one rule id"],
  ])("%j exits 2", async (args, message) => {
    const { code, stderr } = await run(args, scratch);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe("--help", () => {
  it("lists every command and option", async () => {
    const { code, stdout } = await run(["--help"], scratch);
    expect(code).toBe(0);
    for (const word of [
      "check",
      "rules",
      "explain <rule-id>",
      "--format",
      "sarif",
      "markdown",
      "--config",
      "--rule <id>=<level>",
      "--quiet",
      "--max-warnings <n>",
      "--offline",
      "--verbose",
      "--help",
      "--version",
      "HF_ENDPOINT",
      "HF_TOKEN",
      "NO_COLOR",
    ]) {
      expect(stdout).toContain(word);
    }
  });
});
