import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { afterAll, describe, expect, it } from "vitest";
import { main, readmeFromPage } from "../src/cli/main.js";
import { ERASE_LINE } from "../src/cli/progress.js";
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

async function run(args: string[], cwd: string, options: { stderrIsTTY?: boolean; progressAfterMs?: number; stderrColumns?: number; env?: Record<string, string> } = {}) {
  const { env, ...rest } = options;
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    ...rest,
    env: { HF_ENDPOINT: fakeHub.hub?.url, ...env },
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
    expect(stdout).toBe(
      `${COMMENT_MARKER}\n### ✅ All clear\n\nCardinal found nothing to report in the model cards, licenses and model files it reviewed.\n\n` +
        "<sub>Cardinal · [rules](https://github.com/cardinal-app/cardinal/blob/main/docs/rules/README.md) · [run the same checks locally](https://github.com/cardinal-app/cardinal/blob/main/docs/cli.md#install)</sub>\n",
    );
  });

  it("speaks of the files reviewed, not of a pull request, a check run or a push", async () => {
    for (const name of ["adapter", "broken-card", "clean-release"]) {
      const { stdout } = await run(["check", ".", "-f", "markdown"], fixture(name));
      expect(stdout, name).not.toMatch(/pull request|check run|latest push/i);
      expect(stdout, name).toContain("<sub>Cardinal · [rules](https://github.com/cardinal-app/cardinal/blob/main/docs/rules/README.md) · [run the same checks locally](https://github.com/cardinal-app/cardinal/blob/main/docs/cli.md#install)</sub>\n");
    }
  });

  it("names the card that declares a license, not weights the folder may not have", async () => {
    const { stdout } = await run(["check", ".", "-f", "markdown", "--offline"], fixture("adapter"));
    expect(stdout).toContain(
      "<details><summary>What these licenses allow</summary>\n\n- The model card `README.md` declares `llama3.1`: open weights with use restrictions — not open source (OSI).\n\n</details>",
    );
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
    [["--rule", "known-keys=off"], 'cardinal: --rule: there is no rule "known-keys"; did you mean "card/known-keys"?\n'],
    [["--rule", "license/known-keys=off"], 'cardinal: --rule: there is no rule "license/known-keys"; did you mean "card/known-keys"?\n'],
    [["--rule", "front-matter-valid-yam=off"], 'cardinal: --rule: there is no rule "front-matter-valid-yam"; did you mean "card/front-matter-valid-yaml"?\n'],
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
    // Not "No problems found": a warning was left out, and the line says so.
    expect(text.stdout).toBe(
      "✔ No errors in 4 files: .gitattributes, README.md, adapter_config.json, adapter_model.safetensors. --quiet left out 1 warning.\n",
    );
    const markdown = await run(["check", "-q", "-f", "markdown"], fixture("adapter"));
    expect(markdown.stderr).toContain("cardinal: --quiet left out 1 warning\n");
    expect(markdown.stdout).toContain(
      "### ✅ No errors\n\nCardinal found no errors in the model cards, licenses and model files it reviewed; `--quiet` left out 1 warning.\n",
    );
    const errors = await run(["check", "-f", "json", "-q"], fixture("broken-card"));
    expect(errors.code).toBe(1);
    expect(ruleIds(errors.stdout)).toEqual(["card/front-matter-valid-yaml"]);
    // An error shown and a warning left out: the closing line counts both.
    const mixed = fixture("adapter");
    cpSync(path.join(FIXTURES, "broken-card"), path.join(mixed, "broken"), { recursive: true });
    const both = await run(["check", "-q"], mixed);
    expect(both.code).toBe(1);
    expect(both.stdout.endsWith("\n✖ 1 problem (1 error) · --quiet left out 1 warning\n")).toBe(true);
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

describe("the progress line", () => {
  it("appears on a terminal once the run is slow, is redrawn in place, and is erased at the end", async () => {
    // progressAfterMs 0: every run counts as slow (test/cli.test.ts waits out the real 2 s with a hanging Hub).
    const { stderr, stdout } = await run(["check", "--offline"], fixture("adapter"), { stderrIsTTY: true, progressAfterMs: 0 });
    // A quick run: the first status drawn, then (redrawn at most every 100 ms) maybe the rule running.
    expect(stderr).toMatch(new RegExp(`^\\r\\u001b\\[Kcardinal: (reading the files…|reviewing 4 files( · rule \\d+/${RULES.length} [a-z-]+/[a-z-]+)?)\\r`));
    // Erased once the review is done, before the notes that follow it.
    expect(stderr.split(ERASE_LINE).at(-1)).toBe("cardinal: Hub checks skipped (--offline)\n");
    expect(stderr).not.toContain(`${ERASE_LINE}${ERASE_LINE}`);
    expect(stdout).not.toContain("reviewing");
  });

  it("fits the terminal's width", async () => {
    const { stderr } = await run(["check", "--offline"], fixture("adapter"), { stderrIsTTY: true, progressAfterMs: 0, stderrColumns: 30 });
    const drawn = stderr.split(ERASE_LINE).filter((line) => line.startsWith("cardinal: r"));
    expect(drawn.length).toBeGreaterThan(0);
    for (const line of drawn) expect(Array.from(line).length).toBeLessThanOrEqual(29);
  });

  it("stays silent when stderr is not a terminal, and on a quick run", async () => {
    expect((await run(["check", "--offline"], fixture("adapter"), { stderrIsTTY: false, progressAfterMs: 0 })).stderr).not.toContain("reviewing");
    const quick = await run(["check", "--offline"], fixture("adapter"), { stderrIsTTY: true });
    expect(quick.stderr).toBe("cardinal: Hub checks skipped (--offline)\n");
  });
});

describe("a mistyped command line", () => {
  it.each([
    [["check", "--ofline"], 'cardinal: unknown option "--ofline"; did you mean "--offline"?\n'],
    [["check", "-offline"], 'cardinal: unknown option "-offline"; did you mean "--offline"?\n'],
    [["check", "--quite"], 'cardinal: unknown option "--quite"; did you mean "--quiet"?\n'],
    [["check", "--max-warning", "0"], 'cardinal: unknown option "--max-warning"; did you mean "--max-warnings"?\n'],
    [["check", "--colour"], 'cardinal: unknown option "--colour"\n'],
    [["check", "-x"], 'cardinal: unknown option "-x"\n'],
    [["check", "--format"], "cardinal: --format needs a value, as in --format json\n"],
    [["check", "--format", "--offline"], "cardinal: --format needs a value, as in --format json\n"],
    [["check", "--rule"], "cardinal: --rule needs a value, as in --rule card/known-keys=off\n"],
    [["check", "--offline=yes"], 'cardinal: --offline takes no value; write --offline alone, not "--offline=yes"\n'],
    [["chek", "."], 'cardinal: unknown command "chek"; did you mean "check"?\n'],
  ])("%j: one line that says what is wrong, then where the options are", async (args, message) => {
    const { code, stderr, stdout } = await run(args, fixture("clean-release"));
    expect(code).toBe(2);
    expect(stderr).toBe(`${message}cardinal --help lists the commands and options\n`);
    expect(stdout).toBe("");
  });

  it("takes what follows -- as a path, not an option", async () => {
    const { code, stderr } = await run(["check", "--", "--ofline"], fixture("clean-release"));
    expect(code).toBe(2);
    expect(stderr).toContain("no such file or folder: --ofline");
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
    [["explain", "known-id"], 'cardinal: there is no rule "known-id"; did you mean "license/known-id"? (cardinal rules lists them all)\n'],
    [["explain", "known-keys"], 'cardinal: there is no rule "known-keys"; did you mean "card/known-keys"? (cardinal rules lists them all)\n'],
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
      "CARDINAL_HUB_TIMEOUT_MS",
      "NO_COLOR",
    ]) {
      expect(stdout).toContain(word);
    }
  });
});
