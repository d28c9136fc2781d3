import { describe, expect, it } from "vitest";
import { defaultConfig, resolveConfig } from "../src/core/config.js";
import { DEFAULT_CLI_URL, localRunFromEnv, rulesIndexUrl } from "../src/core/docs.js";
import { review } from "../src/core/engine.js";
import { code, text } from "../src/core/text.js";
import type { Finding, Workspace } from "../src/core/types.js";
import { ANNOTATIONS_PER_REQUEST, OUTPUT_LIMIT, renderCheckRun, toAnnotation } from "../src/report/check-run.js";
import { COMMENT_MARKER, renderAllClear, renderComment } from "../src/report/comment.js";
import { renderJson } from "../src/report/json.js";
import { lineageGraph } from "../src/report/lineage-graph.js";
import { opennessLines } from "../src/report/openness.js";
import { escapeMarkdown, inlineCode, renderText } from "../src/report/markdown.js";
import { ANSI_STYLE, renderTerminal } from "../src/report/terminal.js";
import { findRule, RULES, RULE_IDS } from "../src/rules/index.js";

const ruleMeta = (id: string) => findRule(id)?.meta;
const RULES_URL = "https://example.test/rules";

/** A pull request with a broken model card, an unclosed dataset card and a bad config change. */
const brokenPr: Workspace = {
  source: "pull-request",
  files: [
    {
      path: "models/tiny-llama-ft/README.md",
      status: "added",
      content: {
        type: "text",
        text: "---\nlicense: apache-2.0\nbase_model: meta-llama/Meta-Llama-3-8B\ntags: [llama, text-generation\nlicense: mit\n---\n\n# tiny-llama-ft\n\nA small Llama fine-tune for support answers.\n\n## Uses\n\nDrafts.\n\n## Limitations\n\nMany.\n\n## Training data\n\nTickets.\n\n## Evaluation\n\nBy hand.\n",
      },
    },
    { path: "models/tiny-llama-ft/model.safetensors", status: "added", size: 2_000_000, content: { type: "lfs-pointer", oid: "b".repeat(64), size: 2_000_000 } },
    { path: "datasets/alpaca-mini/README.md", status: "modified", content: { type: "text", text: "---\npretty_name: Alpaca mini\nlicense: cc-by-nc-4.0\n\n# Alpaca mini\n" } },
    { path: ".github/cardinal.yml", status: "modified", content: { type: "text", text: "rules:\n  card/front-matter-presnt: off\n" } },
  ],
};

async function brokenReview() {
  const { config } = resolveConfig({}, RULE_IDS);
  return review({ workspace: brokenPr, config, rules: RULES, docsBase: "https://example.test/docs/rules" });
}

describe("renderers on a PR with a broken card", () => {
  it("finds what a reviewer would expect", async () => {
    const { findings } = await brokenReview();
    expect(findings.map((f) => `${f.path}:${f.line ?? ""} ${f.ruleId}`)).toEqual([
      ".github/cardinal.yml:2 cardinal/config-valid",
      "datasets/alpaca-mini/README.md:1 card/front-matter-present",
      "models/tiny-llama-ft/README.md:4 card/front-matter-valid-yaml",
      "models/tiny-llama-ft/README.md:5 card/front-matter-unique-keys",
    ]);
  });

  it("comment (snapshot)", async () => {
    const { findings, files } = await brokenReview();
    const references = [
      { type: "dataset" as const, id: "tatsu-lab/alpaca", status: "found" as const, licenses: ["cc-by-nc-4.0"] },
      { type: "model" as const, id: "meta-llama/Meta-Llama-3-8B", status: "found" as const, licenses: ["llama3"] },
    ];
    const openness = opennessLines(files, references);
    const lineage = lineageGraph(files, references);
    const body = renderComment({ findings, author: "new-contributor", ruleMeta, rulesUrl: RULES_URL, openness, lineage });
    expect(body).toContain('  n1["meta-llama/Meta-Llama-3-8B<br/>⚠️ llama3"]\n');
    expect(body).toContain("<details><summary>What these licenses allow</summary>");
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(body).toContain("**2 errors, 2 warnings** in 3 files\n");
    expect(body).not.toContain("3f2a9c1");
    await expect(body).toMatchFileSnapshot("./__snapshots__/comment-broken-card.md");
  });

  it("check run (snapshot)", async () => {
    const { findings, files } = await brokenReview();
    const output = renderCheckRun({ findings, files, ruleMeta });
    expect(output.conclusion).toBe("failure");
    expect(output.title).toBe("2 errors, 2 warnings");
    expect(output.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      [".github/cardinal.yml", 2, "warning"],
      ["datasets/alpaca-mini/README.md", 1, "warning"],
      ["models/tiny-llama-ft/README.md", 4, "failure"],
      ["models/tiny-llama-ft/README.md", 5, "failure"],
    ]);
    await expect(
      [`# ${output.title} (${output.conclusion})`, "", output.summary, "", "---", "", output.text ?? "", "", "---", "", JSON.stringify(output.annotations, null, 2)].join("\n"),
    ).toMatchFileSnapshot("./__snapshots__/check-run-broken-card.md");
  });

  it("terminal (snapshot)", async () => {
    const { findings, files } = await brokenReview();
    const source = (p: string, line: number) => {
      const f = brokenPr.files.find((x) => x.path === p);
      return f?.content.type === "text" ? f.content.text.split("\n")[line - 1] : undefined;
    };
    const out = renderTerminal({ findings, fileCount: files.length, lineText: source });
    expect(out).not.toContain("\u001b");
    expect(out).toContain("✖ 4 problems (2 errors, 2 warnings)");
    await expect(out).toMatchFileSnapshot("./__snapshots__/terminal-broken-card.txt");
    expect(renderTerminal({ findings, fileCount: 1, style: ANSI_STYLE })).toContain("\u001b[31merror");
  });

  it("json follows the contract", async () => {
    const { findings, files } = await brokenReview();
    const json = JSON.parse(renderJson(findings, files));
    expect(json.version).toBe(1);
    for (const f of json.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(["ruleId", "severity", "path", "line", "message", "docsUrl"]));
      expect(typeof f.line).toBe("number");
    }
    expect(json.files).toContainEqual(expect.objectContaining({ path: "models/tiny-llama-ft/README.md", kind: "model-card", metadata: "invalid" }));
    expect(json.files).toContainEqual(expect.objectContaining({ path: "datasets/alpaca-mini/README.md", kind: "dataset-card", metadata: "absent" }));
    expect(json.files).toContainEqual(expect.objectContaining({ path: "models/tiny-llama-ft/model.safetensors", kind: "weights", storage: "lfs-pointer", size: 2_000_000 }));
  });
});

describe("all clear", () => {
  it("thanks the author and says nothing else", () => {
    const body = renderAllClear({ author: "new-contributor", rulesUrl: RULES_URL });
    expect(body).toContain("### ✅ All clear — thank you, @new-contributor!\n");
    expect(renderComment({ findings: [], author: "new-contributor", ruleMeta, rulesUrl: RULES_URL })).toBe(body);
  });

  it("does not mention a login that is not shaped like one", () => {
    expect(renderAllClear({ author: "x <img src=y>", rulesUrl: RULES_URL })).not.toContain("@");
  });

  it("check run for a clean PR and for a PR with nothing to review", () => {
    expect(renderCheckRun({ findings: [], files: [{ path: "README.md", kind: "model-card", status: "added", storage: "text" }], ruleMeta })).toMatchObject({
      conclusion: "success",
      title: "No problems found",
    });
    expect(renderCheckRun({ findings: [], files: [], ruleMeta })).toMatchObject({ conclusion: "success", title: "Nothing to review" });
  });
});

describe("a finding about the whole review (no file)", () => {
  const whole: Finding = {
    ruleId: "cardinal/review-time-limit",
    severity: "warning",
    title: "Review stopped at its time limit",
    message: text`Cardinal stopped this review after 120 seconds.`,
    path: "",
    docsUrl: "https://example.test/docs/rules/cardinal/review-time-limit.md",
  };

  it("is headed by the pull request in the app, and by all files in the CLI", () => {
    expect(renderComment({ findings: [whole], ruleMeta, rulesUrl: RULES_URL })).toContain("\n#### This pull request\n");
    const local = renderComment({ findings: [whole], ruleMeta, rulesUrl: RULES_URL, where: "folder" });
    expect(local).toContain("\n**1 warning**\n\n#### All files\n");
    expect(local).not.toMatch(/pull request/);
    expect(renderTerminal({ findings: [whole], fileCount: 3 })).toContain("\n(all files)\n    warning  Review stopped at its time limit");
  });
});

describe("user-controlled text is escaped", () => {
  const hostile = "@octocat <img src=x onerror=alert(1)> [click](https://evil.test) `code` ![i](x)";

  it("values become code spans that contain the whole value", () => {
    const md = renderText(text`Unknown key ${hostile}.`);
    expect(md).toBe("Unknown key ``@octocat <img src=x onerror=alert(1)> [click](https://evil.test) `code` ![i](x)``.");
  });

  it("a value made of backticks keeps its fence", () => {
    expect(inlineCode("`")).toBe("`` ` ``");
    expect(inlineCode("a\nb")).toBe("`a b`");
    expect(inlineCode("")).toBe("(empty)");
    expect(inlineCode("   ")).toBe("(blank)");
    // CommonMark strips one space each side when both ends are spaces: padded, the value keeps them.
    expect(inlineCode(" a ")).toBe("`  a  `");
    expect(inlineCode("a``b```c")).toBe("````a``b```c````");
    expect(inlineCode("x\u2028## y\u0085")).toBe("`x ## y\uFFFD`");
    // A cut never leaves half of a surrogate pair.
    const cut = inlineCode(`${"a".repeat(118)}😀😀`);
    expect(cut).toBe(`\`${"a".repeat(118)}…\``);
    expect(inlineCode("x".repeat(500)).length).toBeLessThan(130);
  });

  it("quoted parser messages are escaped, mentions broken", () => {
    expect(escapeMarkdown("@team <b>x</b> [a](b)")).toBe("@\u200bteam \\<b\\>x\\</b\\> \\[a\\]\\(b\\)");
  });

  it("a file path with markdown in it stays inert in the comment and the check run", () => {
    const finding: Finding = {
      ruleId: "card/front-matter-present",
      severity: "warning",
      title: "No metadata block at the top of the card",
      message: text`See ${code("@admin")}.`,
      path: "models/<script>@x/README.md",
      line: 1,
      docsUrl: "https://example.test/docs",
    };
    const body = renderComment({ findings: [finding], ruleMeta, rulesUrl: RULES_URL });
    expect(body).toContain("#### `models/<script>@x/README.md`");
    expect(body).toContain("See `@admin`.");
    expect(body.replace(/`[^`]*`/g, "")).not.toMatch(/<script>|@admin|@x/);
  });

  it("a fix is shown as a code block whose fence the replacement cannot close", () => {
    const finding: Finding = {
      ruleId: "license/known-id",
      severity: "error",
      title: "License is not a Hub license id",
      message: text`${"Apache 2.0"} is not a Hub license id.`,
      path: "README.md",
      line: 2,
      fix: { line: 2, endLine: 2, replacement: "license: apache-2.0 ```\n@admin <b>x</b>" },
      docsUrl: "https://example.test/docs",
    };
    const body = renderComment({ findings: [finding], ruleMeta, rulesUrl: RULES_URL });
    expect(body).toContain("  Replace line 2 with:\n  ````yaml\n  license: apache-2.0 ```\n  @admin <b>x</b>\n  ````");
  });

  it("terminal output drops control characters from file content", () => {
    const finding: Finding = {
      ruleId: "card/front-matter-present",
      severity: "warning",
      title: "t",
      message: text`value ${"\u001b[2Jboom"}`,
      path: "README.md",
      docsUrl: "d",
    };
    expect(renderTerminal({ findings: [finding], fileCount: 1 })).not.toContain("\u001b");
  });
});

describe("GitHub's limits", () => {
  const many: Finding[] = Array.from({ length: 3000 }, (_, i) => ({
    ruleId: "card/front-matter-valid-yaml",
    severity: "error",
    title: "Metadata block is not valid YAML",
    message: text`Problem number ${String(i)} with a fairly long explanation that takes room in the output ${"x".repeat(40)}`,
    hint: text`Fix it.`,
    path: `models/m${i % 300}/README.md`,
    line: i + 1,
    docsUrl: "https://example.test/docs/rules/card/front-matter-valid-yaml.md",
  }));

  it("the comment stays under 65,536 characters and says what was left out", () => {
    const body = renderComment({ findings: many, ruleMeta, rulesUrl: RULES_URL });
    expect(body.length).toBeLessThan(65_536);
    expect(body).toMatch(/_…and \d+ more findings\. The check run lists every finding\._/);
  });

  it("the CLI's markdown, cut the same way, points to the CLI's own formats, not to a check run", () => {
    const body = renderComment({ findings: many, ruleMeta, rulesUrl: RULES_URL, where: "folder" });
    expect(body).toMatch(/_…and \d+ more findings\. `cardinal check` in the text or JSON format lists every finding\._/);
    expect(body).not.toMatch(/pull request|check run/);
  });

  it("the check run summary stays under 65,535 characters; every finding keeps its annotation", () => {
    const output = renderCheckRun({ findings: many, files: [], ruleMeta });
    expect(output.summary.length).toBeLessThanOrEqual(OUTPUT_LIMIT);
    expect(output.annotations).toHaveLength(3000);
    expect(ANNOTATIONS_PER_REQUEST).toBe(50);
  });

  it("annotations carry columns only on single lines, and never for findings without a file", () => {
    const base = many[0] as Finding;
    expect(toAnnotation({ ...base, column: 3, endLine: 9 })).not.toHaveProperty("start_column");
    expect(toAnnotation({ ...base, column: 3 })).toMatchObject({ start_column: 3, end_column: 3 });
    expect(toAnnotation({ ...base, path: "" })).toBeUndefined();
    expect(toAnnotation({ ...base, title: "t".repeat(300) })?.title.length).toBe(255);
  });
});

it("default configuration passes its own schema", () => {
  expect(resolveConfig(defaultConfig(), RULE_IDS).problems).toEqual([]);
});

describe("the local-run line (CARDINAL_CLI_URL, CARDINAL_CLI_COMMAND)", () => {
  it("by default links the CLI's install guide and names no command", () => {
    expect(localRunFromEnv({})).toEqual({ localRun: { url: DEFAULT_CLI_URL }, problems: [] });
    expect(DEFAULT_CLI_URL).toBe("https://github.com/cardinal-app/cardinal/blob/main/docs/cli.md#install");
    const body = renderAllClear({ rulesUrl: RULES_URL });
    expect(body).toContain(`· [run the same checks locally](${DEFAULT_CLI_URL})</sub>`);
    expect(body).not.toContain("npx");
  });

  it("takes the operator's page and command, trimmed", () => {
    const { localRun, problems } = localRunFromEnv({ CARDINAL_CLI_URL: " https://docs.example/cli ", CARDINAL_CLI_COMMAND: " npx cardinal-review check . " });
    expect(problems).toEqual([]);
    expect(localRun).toEqual({ url: "https://docs.example/cli", command: "npx cardinal-review check ." });
    expect(renderAllClear({ rulesUrl: RULES_URL, localRun })).toContain(
      "· run the same checks locally with `npx cardinal-review check .` ([how to install](https://docs.example/cli))</sub>",
    );
  });

  it("names the variable of a value it cannot use, and falls back to the defaults", () => {
    const url = localRunFromEnv({ CARDINAL_CLI_URL: "javascript:alert(1)" });
    expect(url.localRun).toEqual({ url: DEFAULT_CLI_URL });
    expect(url.problems).toEqual([
      `CARDINAL_CLI_URL must be an http:// or https:// address without spaces or parentheses, got "javascript:alert(1)"; comments link ${DEFAULT_CLI_URL} instead`,
    ]);
    const command = localRunFromEnv({ CARDINAL_CLI_COMMAND: "a\nb" });
    expect(command.localRun).toEqual({ url: DEFAULT_CLI_URL });
    expect(command.problems).toEqual(["CARDINAL_CLI_COMMAND must be one line of at most 200 characters; comments name no command and link the CLI guide instead"]);
  });

  it("the rules list sits beside the rule pages, wherever CARDINAL_DOCS_URL puts them", () => {
    expect(rulesIndexUrl()).toBe("https://github.com/cardinal-app/cardinal/blob/main/docs/rules/README.md");
    expect(rulesIndexUrl("https://docs.example/cardinal/rules/")).toBe("https://docs.example/cardinal/rules/README.md");
  });
});
