/**
 * The engine on its own, with small rules written here: which files and rules
 * it runs, the severity and title each finding gets, a rule that throws, the
 * time limit, similar findings folded into one, the order of findings and the
 * facts it reports per file. Written from the mutants the rule tests let live.
 */
import { describe, expect, it } from "vitest";
import { CONFIG_PATH, resolveConfig } from "../src/core/config.js";
import {
  compareFindings,
  countBySeverity,
  INTERNAL_ERROR_ID,
  isRelevantPath,
  pathFilter,
  pathKind,
  review,
  SIMILAR_FINDINGS_LIMIT,
  TIME_LIMIT_ID,
  type ReviewInput,
  type ReviewPacing,
} from "../src/core/engine.js";
import type { HubClient } from "../src/core/hub.js";
import { defineRule, type Rule, type RuleContext } from "../src/core/rule.js";
import { plain, text } from "../src/core/text.js";
import type { Finding, Report, Severity, WorkspaceFile } from "../src/core/types.js";
import { spdxLicenseText } from "./license-texts.js";

const CARD = "---\nlicense: mit\ndatasets:\n- acme/data\nbase_model: acme/base\npipeline_tag: text-generation\nlibrary_name: transformers\nlanguage: [en, fr]\n---\n# Model\n";

const file = (path: string, content = CARD, over: Partial<WorkspaceFile> = {}): WorkspaceFile => ({
  path,
  status: "added",
  content: { type: "text", text: content },
  ...over,
});

/** A rule that reports what `reports` says, every time it runs. */
function rule(id: string, reports: (ctx: RuleContext) => Report[] | void = () => [], defaultSeverity: Severity = "warning"): Rule {
  return defineRule({
    meta: { id, title: `${id} title`, description: "d", why: "w", defaultSeverity },
    check: (ctx) => {
      for (const r of reports(ctx) ?? []) ctx.report(r);
    },
  });
}

const at = (line: number, over: Partial<Report> = {}): Report => ({ path: "README.md", line, message: text`Problem at ${line}.`, ...over });

function run(rules: Rule[], over: Partial<ReviewInput> = {}, rawConfig: unknown = {}) {
  const ids = [...rules.map((r) => r.meta.id), INTERNAL_ERROR_ID, TIME_LIMIT_ID];
  return review({
    workspace: { source: "pull-request", files: [file("README.md")] },
    config: resolveConfig(rawConfig, ids).config,
    rules,
    ...over,
  });
}

describe("which files the engine reads", () => {
  it("filters by include and exclude, and always keeps the configuration file", () => {
    const filter = pathFilter({ include: ["models/**"], exclude: ["models/old/**"] });
    expect(filter("models/a/README.md")).toBe(true);
    expect(filter("models/old/README.md")).toBe(false);
    expect(filter("other/README.md")).toBe(false);
    expect(filter(CONFIG_PATH)).toBe(true);
    expect(filter("models/.hidden/README.md")).toBe(true);
    const open = pathFilter({ include: [], exclude: [] });
    expect(open("anything/at/all.md")).toBe(true);
    expect(pathFilter({ include: [], exclude: [".x/**"] })(".x/README.md")).toBe(false);
    // Globs match dot folders too, in exclude as in include.
    expect(pathFilter({ include: [], exclude: ["a/**"] })("a/.b/README.md")).toBe(false);
  });

  it("treats configured card globs as cards, the model glob first", () => {
    const cards = { model: ["docs/*.md"], dataset: ["data/*.md", "docs/*.md"] };
    expect(pathKind("docs/a.md", { cards })).toBe("model-card");
    expect(pathKind("data/a.md", { cards })).toBe("dataset-card");
    expect(pathKind("data/.a.md", { cards })).toBe("dataset-card");
    expect(pathKind("docs/.a.md", { cards })).toBe("model-card");
    expect(pathKind("misc/a.md", { cards })).toBe("other");
    expect(pathKind("x/README.md", { cards: { model: [], dataset: [] } })).toBe("readme");
    expect(pathKind("x/README.md", { cards: { model: [], dataset: ["x/README.md"] } })).toBe("dataset-card");
    // A path with a kind of its own keeps it.
    expect(pathKind("LICENSE", { cards: { model: ["LICENSE"], dataset: [] } })).toBe("license");
  });

  it("reads relevant paths only", () => {
    const config = resolveConfig({ exclude: ["skip/**"] }, []).config;
    expect(isRelevantPath("a/README.md", config)).toBe(true);
    expect(isRelevantPath("skip/README.md", config)).toBe(false);
    expect(isRelevantPath("a/notes.txt", config)).toBe(false);
  });

  it("gives the rules the files it reads, each with its kind, and skips removed files' cards", async () => {
    let seen: RuleContext | undefined;
    await run([rule("t/ctx", (ctx) => void (seen = ctx))], {
      workspace: {
        source: "pull-request",
        files: [file("README.md"), file("notes.txt"), file("skip/README.md"), file("gone/README.md", "", { status: "removed", content: { type: "removed" } })],
      },
    }, { exclude: ["skip/**"] });
    expect(seen?.files.map((f) => [f.path, f.kind])).toEqual([
      ["README.md", "readme"],
      ["gone/README.md", "readme"],
    ]);
    expect(seen?.cards.map((c) => c.path)).toEqual(["README.md"]);
  });
});

describe("rules and their findings", () => {
  it("skips rules switched off and counts those that ran", async () => {
    let ranOff = false;
    const result = await run(
      [rule("t/a", () => [at(1)]), defineRule({ ...rule("t/off"), check: () => void (ranOff = true) }), rule("t/b")],
      {},
      { rules: { "t/off": "off" } },
    );
    expect(ranOff).toBe(false);
    expect(result.rulesRun).toBe(2);
    expect(result.findings.map((f) => f.ruleId)).toEqual(["t/a"]);
  });

  it("gives each finding the configured severity, the rule's title unless the report has one, and the docs link", async () => {
    const result = await run(
      [rule("t/a", () => [at(1), at(2, { title: "Own title" })], "notice")],
      { docsBase: "https://docs.test/rules/" },
      { rules: { "t/a": "error" } },
    );
    expect(result.findings).toEqual([
      { path: "README.md", line: 1, message: text`Problem at ${1}.`, ruleId: "t/a", severity: "error", title: "t/a title", docsUrl: "https://docs.test/rules/t/a.md" },
      { path: "README.md", line: 2, message: text`Problem at ${2}.`, ruleId: "t/a", severity: "error", title: "Own title", docsUrl: "https://docs.test/rules/t/a.md" },
    ]);
    expect(result.findings[0]).not.toHaveProperty("atMost");
  });

  it("lets a report lower its severity, never raise it", async () => {
    const result = await run([
      rule("t/w", () => [at(1, { atMost: "notice" }), at(2, { atMost: "error" }), at(3, { atMost: "warning" })], "warning"),
    ]);
    expect(result.findings.map((f) => f.severity)).toEqual(["notice", "warning", "warning"]);
  });

  it("gives rules the registered ids, the configuration source, and the ports it has", async () => {
    let seen: RuleContext | undefined;
    const spy = rule("t/ctx", (ctx) => void (seen = ctx));
    await run([spy, rule("t/other")]);
    expect(seen?.ruleIds).toEqual(["t/ctx", "t/other"]);
    expect(seen?.configSource).toEqual({ path: CONFIG_PATH, problems: [] });
    expect(seen).not.toHaveProperty("repo");
    expect(seen).not.toHaveProperty("bytes");
    expect(seen).not.toHaveProperty("hub");
    expect(seen?.hubFailures()).toEqual([]);

    const repo = { list: () => [], read: async () => undefined } as unknown as ReviewInput["repo"];
    const bytes = { read: async () => new Uint8Array() } as unknown as ReviewInput["bytes"];
    const source = { path: "custom.yml", problems: [] };
    await run([spy], { ruleIds: ["x/y"], configSource: source, repo, bytes });
    expect(seen?.ruleIds).toEqual(["x/y"]);
    expect(seen?.configSource).toBe(source);
    expect(seen?.repo).toBe(repo);
    expect(seen?.bytes).toBe(bytes);
  });

  it("reports what the Hub said only when it was asked", async () => {
    const hub: HubClient = { lookup: async () => ({ status: "not-found" }) } as unknown as HubClient;
    let seen: RuleContext | undefined;
    const withHub = await run([rule("t/hub", (ctx) => void (seen = ctx))], { hub });
    expect(withHub.references).toEqual([]);
    expect(seen?.hub).toBeDefined();
    expect(await seen?.hub?.lookup?.("model", "acme/x")).toEqual({ status: "not-found" });
    const without = await run([rule("t/hub")]);
    expect(without).not.toHaveProperty("references");
  });
});

describe("a rule that throws", () => {
  const throwing = (thrown: unknown) => defineRule({ ...rule("t/boom"), check: () => Promise.reject(thrown) });

  it("becomes an internal-error finding on the first file, and the other rules still run", async () => {
    const result = await run([throwing(new Error("kaput")), rule("t/after", () => [at(9)])]);
    const internal = result.findings.find((f) => f.ruleId === INTERNAL_ERROR_ID);
    expect(internal).toMatchObject({ path: "README.md", severity: "notice", title: "Cardinal could not finish a check" });
    expect(plain(internal?.message ?? [])).toBe(
      "The rule `t/boom` stopped with an internal error: `kaput`. The other checks ran. Please report this to the Cardinal maintainers.",
    );
    expect(result.findings.map((f) => f.ruleId)).toContain("t/after");
    expect(result.rulesRun).toBe(2);
  });

  it("names a thrown value that is not an Error, and falls back to the configuration path without files", async () => {
    const result = await run([throwing("plain string")], { workspace: { source: "folder", files: [] } });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.path).toBe(CONFIG_PATH);
    expect(plain(result.findings[0]?.message ?? [])).toContain("internal error: `plain string`.");
  });

  it("takes the internal-error rule's configured severity, and says nothing when it is off", async () => {
    expect((await run([throwing(new Error("x"))], {}, { rules: { [INTERNAL_ERROR_ID]: "error" } })).findings[0]?.severity).toBe("error");
    expect((await run([throwing(new Error("x"))], {}, { rules: { [INTERNAL_ERROR_ID]: "off" } })).findings).toEqual([]);
  });

  it("keeps what the rule reported before it threw", async () => {
    const partial = defineRule({
      ...rule("t/partial"),
      check: (ctx) => {
        ctx.report(at(1));
        throw new Error("then failed");
      },
    });
    expect((await run([partial])).findings.map((f) => f.ruleId).sort()).toEqual([INTERNAL_ERROR_ID, "t/partial"]);
  });
});

describe("the time limit", () => {
  /** Pacing that runs out after `budget` checkpoints. */
  const after = (budget: number, extra: Partial<ReviewPacing> = {}): ReviewPacing => {
    let asked = 0;
    return { exhausted: () => ++asked > budget, limitSeconds: 30, ...extra };
  };
  const rules = (n: number) => Array.from({ length: n }, (_, i) => rule(`t/r${i}`, () => [at(i + 1)]));
  const limitFinding = (findings: readonly Finding[]) => findings.find((f) => f.ruleId === TIME_LIMIT_ID);

  it("stops while reading the cards and says so, naming the checks that did not run", async () => {
    const result = await run(rules(2), { pacing: after(0) });
    expect(result.rulesRun).toBe(0);
    const found = limitFinding(result.findings);
    expect(found).toMatchObject({ severity: "warning", path: "", title: "Review stopped at its time limit" });
    expect(plain(found?.message ?? [])).toBe(
      "Cardinal stopped this review after 30 seconds, while it was still reading the cards. 2 checks did not finish: `t/r0`, `t/r1`. The findings above are what it found until then, so a clean result does not cover the rest.",
    );
    expect(plain(found?.hint ?? [])).toContain("cardinal check <folder>");
  });

  it("stops between rules: what ran stands, the rest is named, five at most", async () => {
    // One checkpoint for the card, one before each rule: two rules run.
    const result = await run(rules(9), { pacing: after(3) });
    expect(result.rulesRun).toBe(2);
    expect(result.findings.filter((f) => f.ruleId !== TIME_LIMIT_ID).map((f) => f.ruleId)).toEqual(["t/r0", "t/r1"]);
    expect(plain(limitFinding(result.findings)?.message ?? [])).toBe(
      "Cardinal stopped this review after 30 seconds. 7 checks did not finish: `t/r2`, `t/r3`, `t/r4`, `t/r5`, `t/r6` and 2 more. The findings above are what it found until then, so a clean result does not cover the rest.",
    );
  });

  it("names five unfinished checks without \"and 0 more\"", async () => {
    const result = await run(rules(7), { pacing: after(3) });
    expect(plain(limitFinding(result.findings)?.message ?? [])).toContain("5 checks did not finish: `t/r2`, `t/r3`, `t/r4`, `t/r5`, `t/r6`.");
  });

  it("keeps the findings of the rules before the one it stopped in once each", async () => {
    const slow = defineRule({
      ...rule("t/slow"),
      check: async (ctx) => {
        ctx.report(at(7));
        await ctx.checkpoint();
      },
    });
    // Card, rule t/r0, rule t/slow: the checkpoint inside t/slow runs out.
    const result = await run([...rules(1), slow], { pacing: after(3) });
    expect(result.findings.filter((f) => f.ruleId !== TIME_LIMIT_ID).map((f) => [f.ruleId, f.line])).toEqual([
      ["t/r0", 1],
      ["t/slow", 7],
    ]);
  });

  it("names the rule it stopped in, keeps what that rule found, and says one check", async () => {
    const slow = defineRule({
      ...rule("t/slow"),
      check: async (ctx) => {
        ctx.report(at(1));
        await ctx.checkpoint();
        ctx.report(at(2));
      },
    });
    const result = await run([slow], { pacing: after(2, { limitSeconds: undefined }) });
    expect(result.findings.filter((f) => f.ruleId === "t/slow").map((f) => f.line)).toEqual([1]);
    expect(plain(limitFinding(result.findings)?.message ?? [])).toBe(
      "Cardinal stopped this review. 1 check did not finish: `t/slow`. The findings above are what it found until then, so a clean result does not cover the rest.",
    );
  });

  it("says every check finished when only the engine's own rules were left", async () => {
    const result = await run([rule("t/a"), rule(INTERNAL_ERROR_ID), rule(TIME_LIMIT_ID)], { pacing: after(2) });
    expect(plain(limitFinding(result.findings)?.message ?? [])).toContain("Every check had finished.");
  });

  it("follows the time-limit rule's setting", async () => {
    const config = { rules: { [TIME_LIMIT_ID]: "error" } };
    expect(limitFinding((await run(rules(1), { pacing: after(0) }, config)).findings)?.severity).toBe("error");
    const off = await run(rules(1), { pacing: after(0) }, { rules: { [TIME_LIMIT_ID]: "off" } });
    expect(off.findings).toEqual([]);
  });

  it("never stops a review with time left, and yields only when the pacing says so", async () => {
    let yields = 0;
    const yieldToEventLoop = async () => void yields++;
    const full = await run(rules(3), { pacing: { exhausted: () => false, yieldToEventLoop } });
    expect(full.rulesRun).toBe(3);
    expect(limitFinding(full.findings)).toBeUndefined();
    // Card, three rules, and the file's facts.
    expect(yields).toBe(5);
    yields = 0;
    await run(rules(3), { pacing: { exhausted: () => false, shouldYield: () => false, yieldToEventLoop } });
    expect(yields).toBe(0);
  });

  it("lets other errors from the pacing through", async () => {
    const broken: ReviewPacing = {
      exhausted: () => {
        throw new Error("clock broke");
      },
    };
    await expect(run(rules(1), { pacing: broken })).rejects.toThrow("clock broke");
    // The same between rules (no card to read first).
    await expect(run(rules(1), { pacing: broken, workspace: { source: "folder", files: [] } })).rejects.toThrow("clock broke");
  });
});

describe("similar findings become one", () => {
  const same = (lines: number[], over: Partial<Report> = {}) => lines.map((line) => at(line, over));

  it(`keeps up to ${SIMILAR_FINDINGS_LIMIT} repeats apart, and folds more into the first, naming the lines`, async () => {
    const three = await run([rule("t/rep", () => same([2, 3, 4]))]);
    expect(three.findings).toHaveLength(3);
    const four = await run([rule("t/rep", () => same([2, 3, 4, 5]))]);
    expect(four.findings).toHaveLength(1);
    expect(four.findings[0]?.line).toBe(2);
    expect(plain(four.findings[0]?.message ?? [])).toBe("Problem at 2. The same problem appears 3 more times (lines 3, 4, 5).");
  });

  it("shows eight lines at most", async () => {
    const result = await run([rule("t/rep", () => same([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))]);
    expect(plain(result.findings[0]?.message ?? [])).toBe(
      "Problem at 1. The same problem appears 10 more times (lines 2, 3, 4, 5, 6, 7, 8, 9, …).",
    );
  });

  it("writes a count of thousands with a separator, and the lines as they are", async () => {
    const lines = Array.from({ length: 1201 }, (_, i) => i + 1);
    const result = await run([rule("t/rep", () => same(lines))]);
    expect(plain(result.findings[0]?.message ?? [])).toBe(
      "Problem at 1. The same problem appears 1,200 more times (lines 2, 3, 4, 5, 6, 7, 8, 9, …).",
    );
  });

  it("lists no lines when the repeats have none", async () => {
    const result = await run([rule("t/rep", () => [1, 2, 3, 4].map(() => ({ path: "README.md", message: text`No line.` })))]);
    expect(plain(result.findings[0]?.message ?? [])).toBe("No line. The same problem appears 3 more times.");
  });

  it("folds the shards of one checkpoint, naming the other shards", async () => {
    const shard = (i: number) => `w/model-0000${i}-of-00005.safetensors`;
    const result = await run([rule("t/shard", () => [1, 2, 3, 4].map((i) => ({ path: shard(i), message: text`Bad header.` })))]);
    expect(result.findings).toHaveLength(1);
    expect(plain(result.findings[0]?.message ?? [])).toBe(
      "Bad header. The same problem appears in 3 more files (`model-00002-of-00005.safetensors`, `model-00003-of-00005.safetensors`, `model-00004-of-00005.safetensors`).",
    );
  });

  it("keeps apart findings that differ in file, title, hint or wording", async () => {
    const differ = await run([
      rule("t/mix", () => [
        ...same([1, 2]),
        at(3, { path: "other/README.md" }),
        at(4, { title: "Other" }),
        at(5, { hint: text`Do this.` }),
        { path: "README.md", line: 6, message: text`Something else ${6}.` },
      ]),
    ]);
    expect(differ.findings).toHaveLength(6);
    // Values (code) and numbers are set aside when comparing.
    const values = await run([rule("t/val", () => ["a", "b", "c", "d"].map((v, i) => ({ path: "README.md", line: i + 1, message: text`Key ${v} is unknown.` })))]);
    expect(values.findings).toHaveLength(1);
  });

  it("keeps apart repeats whose prose or hint differ, two and two", async () => {
    const words = await run([
      rule("t/w", () => [1, 2, 3, 4].map((line) => ({ path: "README.md", line, message: line % 2 ? text`One thing ${line}.` : text`Another ${line}.` }))),
    ]);
    expect(words.findings).toHaveLength(4);
    const hints = await run([rule("t/h", () => [1, 2, 3, 4].map((line) => at(line, { hint: line % 2 ? text`Do A.` : text`Do B.` })))]);
    expect(hints.findings).toHaveLength(4);
  });

  it("keeps apart the shards of checkpoints with different shard counts", async () => {
    const paths = ["w/m-00001-of-00002.bin", "w/m-00002-of-00002.bin", "w/m-00001-of-00003.bin", "w/m-00002-of-00003.bin"];
    const result = await run([rule("t/s", () => paths.map((path) => ({ path, message: text`Bad.` })))]);
    expect(result.findings).toHaveLength(4);
  });

  it("names files, not lines, when the repeats are in more than one shard", async () => {
    const shard = (i: number) => `w/model-0000${i}-of-00005.safetensors`;
    const paths = [shard(1), shard(1), shard(2), shard(3)];
    const result = await run([rule("t/s", () => paths.map((path, i) => ({ path, line: i + 1, message: text`Bad.` })))]);
    expect(plain(result.findings[0]?.message ?? [])).toBe(
      "Bad. The same problem appears in 3 more files (`model-00001-of-00005.safetensors`, `model-00002-of-00005.safetensors`, `model-00003-of-00005.safetensors`).",
    );
  });

  it("says line, not lines, when one repeat has a line", async () => {
    const result = await run([rule("t/l", () => [at(1), { ...at(5) }, { path: "README.md", message: text`Problem at ${1}.` }, { path: "README.md", message: text`Problem at ${1}.` }])]);
    expect(plain(result.findings[0]?.message ?? [])).toBe("Problem at 1. The same problem appears 3 more times (line 5).");
  });

  it("shows exactly eight lines without an ellipsis", async () => {
    const result = await run([rule("t/rep", () => same([1, 2, 3, 4, 5, 6, 7, 8, 9]))]);
    expect(plain(result.findings[0]?.message ?? [])).toBe("Problem at 1. The same problem appears 8 more times (lines 2, 3, 4, 5, 6, 7, 8, 9).");
  });

  it("folds each rule's findings apart from another rule's", async () => {
    const result = await run([rule("t/x", () => same([1, 2])), rule("t/y", () => same([3, 4]))]);
    expect(result.findings).toHaveLength(4);
  });
});

describe("order and counts", () => {
  const f = (over: Partial<Finding>): Finding => ({ ruleId: "b", severity: "warning", title: "t", message: [], path: "a", docsUrl: "", ...over });

  it("sorts by path, line, severity, then rule", () => {
    const sorted = [
      f({ path: "b" }),
      f({ line: 2 }),
      f({ line: 1, severity: "notice" }),
      f({ line: 1, severity: "error", ruleId: "z" }),
      f({ line: 1, severity: "error", ruleId: "a" }),
      f({}),
    ].sort(compareFindings);
    expect(sorted.map((x) => [x.path, x.line ?? 0, x.severity, x.ruleId])).toEqual([
      ["a", 0, "warning", "b"],
      ["a", 1, "error", "a"],
      ["a", 1, "error", "z"],
      ["a", 1, "notice", "b"],
      ["a", 2, "warning", "b"],
      ["b", 0, "warning", "b"],
    ]);
  });

  it("returns findings sorted", async () => {
    const result = await run([rule("t/z", () => [at(5)]), rule("t/a", () => [at(1), at(5, { path: "A.md" })])]);
    expect(result.findings.map((x) => [x.path, x.line])).toEqual([
      ["A.md", 5],
      ["README.md", 1],
      ["README.md", 5],
    ]);
  });

  it("counts findings by severity", () => {
    expect(countBySeverity([f({ severity: "error" }), f({ severity: "error" }), f({ severity: "notice" })])).toEqual({ error: 2, warning: 0, notice: 1 });
  });
});

describe("the facts of each file", () => {
  const factsOf = async (files: WorkspaceFile[], rawConfig: unknown = {}) => (await run([], { workspace: { source: "pull-request", files } }, rawConfig)).files;

  it("says what a card declares", async () => {
    expect(await factsOf([file("README.md", CARD, { size: 12 })])).toEqual([
      {
        path: "README.md",
        kind: "model-card",
        status: "added",
        storage: "text",
        size: 12,
        metadata: "present",
        keys: ["license", "datasets", "base_model", "pipeline_tag", "library_name", "language"],
        licenses: ["mit"],
        datasets: ["acme/data"],
        baseModels: ["acme/base"],
        pipelineTag: "text-generation",
        libraryName: "transformers",
        languages: ["en", "fr"],
      },
    ]);
  });

  it("leaves out what a card does not declare, and says when its metadata is absent or invalid", async () => {
    const [empty, absent, broken, list] = await factsOf([
      file("a/README.md", "---\nlicense: []\npipeline_tag: 3\n---\n# M\n"),
      file("b/README.md", "# Just a model\n\nSome words about the model.\n"),
      file("c/README.md", "---\nlicense: [mit\n---\n# M\n"),
      file("d/README.md", "---\n- a\n- b\n---\n# M\n"),
    ], { cards: { model: ["**/README.md"] } });
    expect(empty).toEqual({ path: "a/README.md", kind: "model-card", status: "added", storage: "text", metadata: "present", keys: ["license", "pipeline_tag"] });
    for (const key of ["size", "licenses", "datasets", "baseModels", "pipelineTag", "libraryName", "languages"]) expect(empty).not.toHaveProperty(key);
    expect(absent).toMatchObject({ metadata: "absent" });
    expect(absent).not.toHaveProperty("keys");
    expect(broken).toMatchObject({ metadata: "invalid" });
    expect(list).toMatchObject({ metadata: "invalid", keys: [] });
  });

  it("reads a card's text only from a text file", async () => {
    const [pointer] = await factsOf([file("README.md", "", { content: { type: "lfs-pointer-invalid", text: CARD } })]);
    expect(pointer).toEqual({ path: "README.md", kind: "readme", status: "added", storage: "lfs-pointer-invalid" });
  });

  it("says a weight file's format, whether it unpickles, and whether it is an LFS pointer", async () => {
    const [pointer, bytes, local, pickle] = await factsOf([
      file("a.safetensors", "", { content: { type: "lfs-pointer", oid: "a".repeat(64), size: 5 } }),
      file("b.safetensors", "", { content: { type: "not-fetched" } }),
      file("c.safetensors", "", { status: "unchanged", content: { type: "not-fetched" } }),
      file("d.bin", "", { content: { type: "binary" } }),
    ]);
    expect(pointer).toEqual({ path: "a.safetensors", kind: "weights", status: "added", storage: "lfs-pointer", format: "safetensors", pickle: false, lfs: true });
    expect(bytes).toMatchObject({ lfs: false, storage: "not-fetched" });
    expect(local).not.toHaveProperty("lfs");
    expect(pickle).toMatchObject({ format: "pytorch-pickle", pickle: true });
    expect(pickle).not.toHaveProperty("lfs");
  });

  it("says which license a license file holds, and how sure", async () => {
    const [mit, partial, unknown] = await factsOf([
      file("LICENSE", spdxLicenseText("MIT")),
      file("a/LICENSE", spdxLicenseText("Apache-2.0").slice(0, 4000)),
      file("b/LICENSE", "All rights reserved. Ask us first.\n"),
    ]);
    expect(mit).toMatchObject({ kind: "license", identified: { id: "mit", spdx: "MIT" } });
    expect(mit?.identified?.confidence).toBeGreaterThanOrEqual(0.95);
    expect(mit?.identified?.confidence).toBeLessThanOrEqual(1);
    expect(Math.round((mit?.identified?.confidence ?? 0) * 1000) / 1000).toBe(mit?.identified?.confidence);
    expect(partial?.identified).not.toHaveProperty("id");
    expect(partial?.identified).toMatchObject({ closest: "apache-2.0" });
    expect(unknown).not.toHaveProperty("identified");
  });
});
