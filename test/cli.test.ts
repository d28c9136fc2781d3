import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { DEFAULT_CONCURRENCY, HUB_FAILURES_BEFORE_STOP } from "../src/io/hub/client.js";
import { useFakeHub } from "./helpers/fake-hub.js";

const FIXTURES = path.resolve(import.meta.dirname, "fixtures/folders");
const scratch = mkdtempSync(path.join(tmpdir(), "cardinal-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of a fixture folder outside any git repository, like a contributor's model folder. */
function fixture(name: string): string {
  const target = path.join(scratch, `${name}-${Math.random().toString(36).slice(2)}`);
  cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

const fakeHub = useFakeHub();

async function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = { HF_ENDPOINT: fakeHub.hub?.url }) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    env,
    cwd,
  });
  return { code, stdout, stderr };
}

describe("cardinal check", () => {
  it("a clean release: exit 0, and the JSON lists what was recognised", async () => {
    const dir = fixture("clean-release");
    const { code, stdout } = await run(["check", ".", "--format", "json"], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ version: 1, findings: [], summary: { errors: 0, warnings: 0, notices: 0 } });
    expect(report.files.map((f: { path: string; kind: string }) => `${f.path} ${f.kind}`)).toEqual([
      ".gitattributes gitattributes",
      ".github/cardinal.yml cardinal-config",
      "LICENSE license",
      "README.md model-card",
      "config.json model-config",
      "model.safetensors weights",
    ]);
    expect(report.files.find((f: { path: string }) => f.path === "LICENSE")).toMatchObject({
      identified: { id: "apache-2.0", spdx: "Apache-2.0", confidence: 1 },
    });
    expect(report.files.find((f: { path: string }) => f.path === "model.safetensors")).toMatchObject({
      storage: "lfs-pointer",
      size: 267832560,
    });
    expect(report.files.find((f: { path: string }) => f.path === "README.md")).toEqual({
      path: "README.md",
      kind: "model-card",
      status: "unchanged",
      storage: "text",
      size: 576,
      metadata: "present",
      keys: ["license", "language", "library_name", "pipeline_tag", "datasets", "base_model"],
      licenses: ["apache-2.0"],
      datasets: ["stanfordnlp/imdb"],
      baseModels: ["distilbert/distilbert-base-uncased"],
      pipelineTag: "text-classification",
      libraryName: "transformers",
      languages: ["en"],
    });
  });

  it("a clean release in text: says so", async () => {
    const { code, stdout } = await run(["check"], fixture("clean-release"));
    expect(code).toBe(0);
    expect(stdout).toBe(
      "✔ No problems found in 6 files: .gitattributes, .github/cardinal.yml, LICENSE, README.md, config.json, model.safetensors.\n",
    );
  });

  it("names Markdown files that look like cards but are not reviewed, with a `cards:` setting that works", async () => {
    const dir = fixture("clean-release");
    const doc = "# Vision model card\n\nThe vision encoder, trained on images. [More Information Needed]\n";
    writeFileSync(path.join(dir, "MODEL_CARD_VISION.md"), doc);
    cpSync(path.join(dir, "MODEL_CARD_VISION.md"), path.join(dir, "LLAMA_DATASET_CARD.md"));
    mkdirSync(path.join(dir, "models"), { recursive: true });
    writeFileSync(path.join(dir, "models", "llama3.md"), doc);
    writeFileSync(path.join(dir, "models", "llama3-1.md"), doc);
    writeFileSync(path.join(dir, "NOTES.md"), "# Notes\n");
    const first = await run(["check", "--offline"], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("4 files look like a card but were not reviewed (not a card file name):\n  LLAMA_DATASET_CARD.md\n  MODEL_CARD_VISION.md\n  models/llama3-1.md\n  models/llama3.md\n");
    expect(first.stdout).toContain('  cards:\n    model:\n      - "MODEL_CARD_VISION.md"\n      - "models/*.md"\n    dataset:\n      - "LLAMA_DATASET_CARD.md"\n');
    expect(first.stdout).not.toContain("NOTES.md");

    // The printed setting, pasted into the configuration, makes Cardinal review them.
    const config = first.stdout.slice(first.stdout.indexOf("  cards:")).replace(/^ {2}/gm, "");
    writeFileSync(path.join(dir, ".github", "cardinal.yml"), config);
    const second = await run(["check", "--offline"], dir);
    expect(second.stdout).not.toContain("look like a card");
    expect(second.stdout).toContain("MODEL_CARD_VISION.md");
    expect(second.stdout).toContain("card/no-template-placeholders");
    expect(second.stdout).not.toContain("card/front-matter-present");
  });

  it("a broken card: exit 1, finding at the file line with a code frame", async () => {
    const dir = fixture("broken-card");
    const { code, stdout } = await run(["check", "."], dir);
    expect(code).toBe(1);
    expect(stdout).toContain("README.md\n  3:1  error    Metadata block is not valid YAML  card/front-matter-valid-yaml");
    expect(stdout).toContain("The `[` on line 3 is never closed: `tags: [text-generation, llama`");
    expect(stdout).toContain("│ 3 │ tags: [text-generation, llama");
    expect(stdout).toContain("how to fix:");
    expect(stdout).toContain("✖ 1 problem (1 error)");
    const json = JSON.parse((await run(["check", "--format=json"], dir)).stdout);
    expect(json.findings).toEqual([
      expect.objectContaining({
        ruleId: "card/front-matter-valid-yaml",
        severity: "error",
        path: "README.md",
        line: 3,
        docsUrl: expect.stringMatching(/docs\/rules\/card\/front-matter-valid-yaml\.md$/),
      }),
    ]);
  });

  it("--verbose explains why", async () => {
    const { stdout } = await run(["check", "-v"], fixture("broken-card"));
    expect(stdout).toContain("why: The Hub refuses a push whose card metadata does not parse");
  });

  it("a project README is not a card", async () => {
    const { code, stdout } = await run(["check", ".", "-f", "json"], fixture("project-readme"));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).files).toEqual([expect.objectContaining({ path: "README.md", kind: "readme" })]);
  });

  it("reads .github/cardinal.yml: a rule switched off, and a typo reported", async () => {
    const dir = fixture("with-config");
    const { code, stdout } = await run(["check", ".", "-f", "json"], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    // front-matter-present is off; the card's missing license is another rule's, still on.
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["cardinal/config-valid", "license/declared"]);
    expect(report.findings[0].message).toContain('`reviews`: unknown key; did you mean "review"?');
    // Without the config the card would be reported.
    const withDefaults = await run(["check", ".", "-f", "json", "--config", path.join(dir, "models/a/config.json")], dir);
    expect(JSON.parse(withDefaults.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain("card/front-matter-present");
  });

  it("a .github/cardinal.yml that is not valid YAML is reported at its line, and none of it applies", async () => {
    const dir = fixture("broken-card");
    mkdirSync(path.join(dir, ".github"));
    // Issue 14: the yaml library's lenient reading kept `rules` and switched the rule off (exit 0).
    writeFileSync(path.join(dir, ".github", "cardinal.yml"), "comment: always\nrules: {card/front-matter-valid-yaml: off\n");
    const { code, stdout } = await run(["check", ".", "--offline"], dir);
    expect(code).toBe(1);
    expect(stdout).toContain(
      [
        ".github/cardinal.yml",
        "  2:1  warning  Cardinal's configuration has a problem  cardinal/config-valid",
        "       The file is not valid YAML: the `{` on line 2 is never closed with `}`. Cardinal applied none of the file and used its defaults.",
        "       │ 2 │ rules: {card/front-matter-valid-yaml: off",
        "       how to fix: Fix the file in `.github/cardinal.yml`; `docs/configuration.md` lists every key.",
      ].join("\n"),
    );
    expect(stdout).not.toContain("default branch");
    // The rule the broken file tried to switch off still runs.
    expect(stdout).toContain("3:1  error    Metadata block is not valid YAML  card/front-matter-valid-yaml");
  });

  it("a setting of the wrong shape: its line, plain words, the CLI's hint; the other settings still apply", async () => {
    const dir = fixture("broken-card");
    mkdirSync(path.join(dir, ".github"));
    writeFileSync(path.join(dir, ".github", "cardinal.yml"), "exclude:\n  - README.md\nrules:\n  - card/front-matter-valid-yaml\n");
    const { code, stdout } = await run(["check", ".", "--offline", "-f", "json"], dir);
    expect(code).toBe(0);
    const [finding, ...others] = JSON.parse(stdout).findings;
    expect(others).toEqual([]); // README.md is excluded: the valid `exclude` applied
    expect(finding).toMatchObject({
      ruleId: "cardinal/config-valid",
      path: ".github/cardinal.yml",
      line: 3,
      message:
        "`rules` must be a mapping of rule ids to levels (off, notice, warning, error), not a list. Cardinal used the default for this setting.",
    });
    expect(finding.hint).toBe("Fix the setting in `.github/cardinal.yml`; `docs/configuration.md` lists every key.");
  });

  it("--config names its own file in the hint", async () => {
    const dir = fixture("broken-card");
    writeFileSync(path.join(dir, "strict.yml"), "hub: sometimes\n");
    const { stdout } = await run(["check", ".", "--offline", "--config", "strict.yml"], dir);
    expect(stdout).toContain("strict.yml\n  1:1  warning  Cardinal's configuration has a problem  cardinal/config-valid");
    expect(stdout).toContain("`hub` must be true or false, not `sometimes`.");
    expect(stdout).toContain("how to fix: Fix the setting in `strict.yml`;");
  });

  it("a single file can be checked", async () => {
    const dir = fixture("broken-card");
    const { code, stdout } = await run(["check", "README.md"], dir);
    expect(code).toBe(1);
    expect(stdout).toContain("card/front-matter-valid-yaml");
  });

  it("a file that is not reviewed is named on stderr", async () => {
    const dir = fixture("project-readme");
    const { code, stderr } = await run(["check", "src/app.py"], dir);
    expect(code).toBe(0);
    expect(stderr).toContain("src/app.py is not a card, license or model file; skipped");
  });

  it("binary data named README.md is reported, not decoded", async () => {
    const dir = fixture("project-readme");
    writeFileSync(path.join(dir, "MODEL_CARD.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    const { stdout } = await run(["check", "-f", "json"], dir);
    expect(JSON.parse(stdout).findings).toEqual([expect.objectContaining({ ruleId: "cardinal/file-unreadable", title: "Text file holds binary data" })]);
  });
});

describe("model releases (weights, Git LFS, completeness)", () => {
  const json = async (name: string) => {
    const { code, stdout } = await run(["check", ".", "--format", "json"], fixture(name));
    return { code, report: JSON.parse(stdout) as { findings: { ruleId: string; path: string; line: number; message: string; fix?: unknown }[]; files: Record<string, unknown>[] } };
  };

  it("a clean safetensors release has no findings and its weights are described", async () => {
    const { code, report } = await json("clean-release");
    expect(code).toBe(0);
    expect(report.files.find((f) => f["path"] === "model.safetensors")).toMatchObject({ format: "safetensors", pickle: false, storage: "lfs-pointer" });
  });

  it("a pickle-only release: a warning, recognised by its magic bytes; its state dict imports nothing outside the allowlist", async () => {
    const { code, report } = await json("pickle-only");
    expect(code).toBe(0);
    expect(report.findings.map((f) => `${f.path} ${f.ruleId}`)).toEqual(["pytorch_model.bin weights/prefer-safetensors"]);
    expect(report.files.find((f) => f["path"] === "pytorch_model.bin")).toMatchObject({ format: "pytorch-pickle", pickle: true, size: 443 });
  });

  it("a release without LFS: no finding while the weights are 10 MB or less, an error with the .gitattributes line above", async () => {
    const small = await json("no-lfs");
    expect(small.code).toBe(0);
    expect(small.report.findings).toEqual([]);
    // The same folder with an 11 MB checkpoint (a sparse file: nothing is written).
    const dir = fixture("no-lfs");
    truncateSync(path.join(dir, "model.safetensors"), 11 * 1024 * 1024);
    const { code, stdout } = await run(["check", ".", "--format", "json"], dir);
    const report = JSON.parse(stdout) as { findings: { ruleId: string; path: string; message: string }[]; files: Record<string, unknown>[] };
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      // The zeros past the tensors are bytes the header does not describe: the header check sees it.
      expect.objectContaining({ path: "model.safetensors", ruleId: "weights/safetensors-header-valid", message: expect.stringContaining("the file has 11,534,336") }),
      expect.objectContaining({
        path: "model.safetensors",
        ruleId: "weights/use-git-lfs",
        message: expect.stringContaining("No `.gitattributes` pattern beside or above `model.safetensors` sends it through Git LFS"),
      }),
    ]);
    expect(report.files.find((f) => f["path"] === "model.safetensors")).toMatchObject({ format: "safetensors", pickle: false });
  });

  it("an adapter release: the card lacks base_model, with a fix", async () => {
    const { report } = await json("adapter");
    expect(report.findings).toEqual([
      expect.objectContaining({
        path: "README.md",
        ruleId: "release/adapter-base-model",
        line: 6,
        fix: { line: 6, endLine: 6, replacement: "base_model: meta-llama/Llama-3.1-8B-Instruct\n---" },
      }),
    ]);
  });

  it("a sharded release with a missing shard", async () => {
    const { code, report } = await json("sharded-missing");
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ path: "model.safetensors.index.json", ruleId: "weights/shards-complete", message: expect.stringContaining("`model-00003-of-00003.safetensors`") }),
    ]);
  });
});

describe("Hub checks", () => {
  it("lists what the Hub said of each reference, asking once per repository", async () => {
    const dir = fixture("clean-release");
    const before = fakeHub.hub?.requests.length ?? 0;
    const { code, stdout } = await run(["check", ".", "--format", "json"], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.hub).toBe("on");
    expect(report.references).toEqual([
      expect.objectContaining({ type: "dataset", id: "stanfordnlp/imdb", status: "found", licenses: ["other"] }),
      expect.objectContaining({ type: "model", id: "distilbert/distilbert-base-uncased", status: "found", licenses: ["apache-2.0"], gated: false }),
    ]);
    // The two lookups, and the base model's security scan (hub/base-model-files-safe).
    expect(fakeHub.hub?.requests.slice(before).map((r) => r.replace(/\/revision\/HEAD\?expand=.*$/, "")).sort()).toEqual([
      "GET /api/datasets/stanfordnlp/imdb",
      "GET /api/models/distilbert/distilbert-base-uncased",
      "GET /api/models/distilbert/distilbert-base-uncased?securityStatus=true&blobs=true",
    ]);
  });

  it("a dataset that does not exist, named in three places, is one request and three findings", async () => {
    const dir = fixture("project-readme");
    // A Hub card (README.md): MODEL_CARD.md's metadata would reach no Hub page, so only its link would be looked up.
    mkdirSync(path.join(dir, "m"), { recursive: true });
    writeFileSync(
      path.join(dir, "m", "README.md"),
      "---\nlicense: mit\ndatasets: [acme/missing-data]\nmodel-index:\n- name: m\n  results:\n  - task: {type: fill-mask}\n    dataset: {type: acme/missing-data, name: D}\n    metrics: [{type: acc, value: 1}]\n---\n# M\n\nSee https://huggingface.co/datasets/acme/missing-data\n",
    );
    const before = fakeHub.hub?.requests.length ?? 0;
    const { code, stdout } = await run(["check", ".", "--format", "json"], dir);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "hub/dataset-exists");
    expect(findings.map((f: { line: number }) => f.line)).toEqual([3, 8, 13]);
    expect((fakeHub.hub?.requests.length ?? 0) - before).toBe(1);
  });

  it("--offline asks nothing and says so", async () => {
    const before = fakeHub.hub?.requests.length ?? 0;
    const { code, stderr, stdout } = await run(["check", ".", "--offline"], fixture("clean-release"));
    expect(code).toBe(0);
    expect(stdout).toContain("No problems found");
    expect(stderr).toContain("Hub checks skipped (--offline)");
    expect(fakeHub.hub?.requests.length ?? 0).toBe(before);
  });

  it("a Hub that cannot be reached: notices, exit 0, and the reason", async () => {
    const { code, stdout } = await run(["check", ".", "--format", "json"], fixture("clean-release"), { HF_ENDPOINT: "http://127.0.0.1:9" });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["hub/unreachable", "hub/unreachable"]);
    expect(report.findings[0].message).toContain("the Hub could not be reached");
  });
});

describe("a Hub that does not answer", () => {
  /** A folder of `cards` model cards, each naming two datasets and a base model: 3 references a card. */
  function manyReferences(cards: number): string {
    const dir = path.join(scratch, `refs-${Math.random().toString(36).slice(2)}`);
    for (let i = 1; i <= cards; i++) {
      mkdirSync(path.join(dir, `m${i}`), { recursive: true });
      writeFileSync(
        path.join(dir, `m${i}`, "README.md"),
        `---\nlicense: mit\ndatasets: [acme/d${i}, acme/e${i}]\nbase_model: acme/base${i}\n---\n# M${i}\n\nA model that does one thing well.\n`,
      );
    }
    return dir;
  }
  const down = useFakeHub({ behaviours: { "*": { status: 503 } } });
  const hanging = useFakeHub({ behaviours: { "*": { delayMs: 10_000 } } });

  it("stops asking after 3 failures in a row, and says so once, naming what was not verified", async () => {
    const before = down.hub?.requests.length ?? 0;
    const { code, stdout } = await run(["check", ".", "--rule", "card/required-sections=off"], manyReferences(20), { HF_ENDPOINT: down.hub?.url });
    expect(code).toBe(0);
    // 60 references; the requests already in flight when the third failure came back, and no more.
    const requests = (down.hub?.requests.length ?? 0) - before;
    expect(requests).toBeGreaterThanOrEqual(3);
    expect(requests).toBeLessThanOrEqual(DEFAULT_CONCURRENCY + HUB_FAILURES_BEFORE_STOP - 1);
    expect(stdout).toContain(
      [
        "m1/README.md",
        "  3:12  notice   Stopped asking the Hub  hub/unreachable",
        "        Could not verify 60 repositories: 3 requests in a row failed (the Hub answered 503), so Cardinal stopped asking the Hub for the rest of this run. Not verified: `acme/d1`, `acme/e1`, `acme/base1`, `acme/d10`, `acme/e10` and 55 more.",
      ].join("\n"),
    );
    expect(stdout).toContain(
      "how to fix: Nothing to change in your files for this. Run the check again once the Hub answers; `--offline` skips the Hub checks, and `CARDINAL_HUB_TIMEOUT_MS` sets how long each request may take.",
    );
    expect(stdout.match(/hub\/unreachable/g)).toHaveLength(1);
    expect(stdout).not.toMatch(/pull request/);
    expect(stdout).toContain("⚠ 1 problem (1 notice)");
  });

  it("a Hub that hangs costs one timeout, not one per reference, and a progress line shows the wait", async () => {
    const before = hanging.hub?.requests.length ?? 0;
    let stderr = "";
    const code = await main(["check", ".", "--format", "json"], {
      stdout: () => undefined,
      stderr: (s) => (stderr += s),
      isTTY: false,
      stderrIsTTY: true,
      env: { HF_ENDPOINT: hanging.hub?.url, CARDINAL_HUB_TIMEOUT_MS: "2500" },
      cwd: manyReferences(20),
    });
    expect(code).toBe(0);
    // 60 references at 8 at a time would be 8 rounds of 2.5 s; the stop ends it after the first round,
    // which the count of requests shows (a time would be no verdict on a loaded machine).
    expect((hanging.hub?.requests.length ?? 0) - before).toBeLessThanOrEqual(DEFAULT_CONCURRENCY + HUB_FAILURES_BEFORE_STOP - 1);
    // Past 2 s the progress line appears, in place, with the Hub's count; the end erases it.
    expect(stderr).toMatch(new RegExp(`\\r\\u001b\\[Kcardinal: reviewing 20 files · rule \\d+/\\d+ hub/[a-z-]+ · Hub 0/\\d+`));
    expect(stderr.endsWith("\r\u001b[K")).toBe(true);
  });
});

describe("usage", () => {
  it.each([
    [["check", "--format", "xml"], "unknown format"],
    [["check", "--nope"], 'cardinal: unknown option "--nope"\ncardinal --help lists the commands and options\n'],
    [["lint"], 'unknown command "lint"'],
    [["check", "does-not-exist"], "no such file or folder: does-not-exist"],
    [["check", "--config", "missing.yml"], "cannot read the configuration file missing.yml"],
  ])("%j exits 2", async (args, message) => {
    const { code, stderr } = await run(args, fixture("clean-release"));
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it("--help lists the options and exits 0", async () => {
    const { code, stdout } = await run(["--help"], scratch);
    expect(code).toBe(0);
    for (const option of ["--format", "--config", "--verbose", "--help", "--version"]) expect(stdout).toContain(option);
  });

  it("rules lists every rule", async () => {
    const { stdout } = await run(["rules"], scratch);
    expect(stdout).toMatch(/^card\/front-matter-valid-yaml\s+error\s+/m);
  });
});

describe("the installed binary", () => {
  const bin = path.resolve(import.meta.dirname, "../lib/cli/bin.js");

  it("runs, prints JSON and sets the exit code", () => {
    const dir = fixture("broken-card");
    const result = spawnSync(process.execPath, [bin, "check", ".", "--format", "json"], { cwd: dir, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).summary).toEqual({ errors: 1, warnings: 0, notices: 0 });
  });

  it("prints its version", () => {
    expect(execFileSync(process.execPath, [bin, "--version"], { encoding: "utf8" })).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
