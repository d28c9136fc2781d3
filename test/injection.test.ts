/// <reference types="vite/client" />
/**
 * Markdown injection, rule by rule (issue 18).
 *
 * Two properties together say that no string from a pull request or the Hub
 * can change the shape of what Cardinal posts:
 *
 * 1. Taint: every rule's own invalid test cases are run again with each value
 *    the rule echoed (its code parts) marked by a suffix, everywhere in the
 *    case (files, paths, configuration, Hub answers). The marker may come
 *    back only inside code or quoted parts, never in Cardinal's prose or a
 *    title, which are rendered as markdown. (Before the fix, a shard name and
 *    an unknown configuration key went into prose.)
 * 2. Rendering: the same findings with every code part, quoted part and path
 *    replaced by a hostile string render the comment, the check run and the
 *    annotations with exactly the markdown structure of a benign rendering.
 *
 * Then the two attacks of the issue end to end, and the 55,000-key
 * configuration.
 */
import { Lexer, type Token, type Tokens } from "marked";
import { describe, expect, it, vi } from "vitest";
import { defaultConfig, resolveConfig } from "../src/core/config.js";
import { review } from "../src/core/engine.js";
import { defineRule, type Rule } from "../src/core/rule.js";
import { isCodePart, isProsePart, isQuotedPart, prose, type Text, type TextPart } from "../src/core/text.js";
import type { Finding } from "../src/core/types.js";
import { renderCheckRun } from "../src/report/check-run.js";
import { renderComment } from "../src/report/comment.js";
import { suggestionBody } from "../src/report/suggestions.js";
import { findRule, RULES, RULE_IDS } from "../src/rules/index.js";
import type { InvalidCase, TestCase } from "./rule-tester.js";
import { runRule } from "./rule-tester.js";
import type * as RuleTesterModule from "./rule-tester.js";
import type * as SuggestModule from "../src/core/suggest.js";
import datasetExists from "../src/rules/hub/dataset-exists/rule.js";

const captured = vi.hoisted(() => ({ cases: new Map<string, InvalidCase[]>(), closestCalls: 0 }));

// The rule test files call ruleTester at import: here it only records their cases.
vi.mock("./rule-tester.js", async (importOriginal) => {
  const actual = await importOriginal<typeof RuleTesterModule>();
  return {
    ...actual,
    ruleTester: (rule: Rule, cases: { invalid: InvalidCase[] }) => {
      captured.cases.set(rule.meta.id, cases.invalid);
    },
  };
});

// Counts the did-you-mean searches (the work that made 55,000 ids take minutes).
vi.mock("../src/core/suggest.js", async (importOriginal) => {
  const actual = await importOriginal<typeof SuggestModule>();
  return {
    ...actual,
    closest: (...args: Parameters<typeof actual.closest>) => {
      captured.closestCalls++;
      return actual.closest(...args);
    },
  };
});

// Loaded for their cases only; any test of their own is registered here as skipped.
describe.skip("rule test files (loaded for their cases)", async () => {
  await Promise.all(Object.values(import.meta.glob("../src/rules/*/*/rule.test.ts")).map((load) => load()));
});

const ruleMeta = (id: string) => findRule(id)?.meta;
const RULES_URL = "https://example.test/rules";

const HOSTILE =
  "x`` ```\n## ✅ All clear\n<!-- <img src=x onerror=alert(1)> @octocat fixes #1 acme/repo#2 https://evil.example [a](https://evil.example) | b | \u202Eevil\u202C\r\n- item\n";
const BENIGN = "x";
const MARKER = "Qz7taint";

// ---------------------------------------------------------------------------

/** `value` with every string in it (keys too, unless `keys` is false) passed through `f`; bytes, and the fields in `keep`, stay. */
function mapStrings(value: unknown, f: (s: string) => string, keys = true, keep: ReadonlySet<string> = new Set()): unknown {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f, keys, keep));
  if (value instanceof Uint8Array || value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [keys ? f(k) : k, keep.has(k) ? v : mapStrings(v, f, keys, keep)]),
  );
}

const parts = (f: Finding): TextPart[] => [...f.message, ...(f.hint ?? [])];

/**
 * What to mark: the values the findings show as code (so that they still
 * trigger the rule), or the word-like tokens of their prose (a value that
 * leaked into prose looks like one; a word of Cardinal's own that also
 * occurs in the case is marked harmlessly).
 */
function echoedValues(findings: readonly Finding[], from: "code" | "prose"): string[] {
  const values = findings.flatMap((f) =>
    parts(f).flatMap((p) =>
      from === "code" ? (isCodePart(p) ? [p.code] : []) : isProsePart(p) ? (p.prose.match(/[\w.@/-]{3,}/g) ?? []) : [],
    ),
  );
  return [...new Set(values)];
}

/** The case with each echoed value that occurs in it marked, longest first so no value marks part of another. */
function taint(testCase: TestCase, values: readonly string[]): TestCase {
  // A file's path decides what kind of file it is (a card, an index): those are left alone, or the rule would not run.
  const paths = [...Object.keys(testCase.files), ...Object.keys(testCase.repo ?? {})];
  const isPath = (v: string) => paths.some((p) => p === v || p.endsWith(`/${v}`) || p.split("/").includes(v));
  const present = values
    .filter((v) => v.length >= 3 && !isPath(v) && JSON.stringify(testCase).includes(v))
    .sort((a, b) => b.length - a.length);
  const placeholder = (i: number) => `\u0000${i}\u0000`;
  const mark = (s: string) => {
    let out = s;
    present.forEach((v, i) => (out = out.split(v).join(placeholder(i))));
    present.forEach((v, i) => (out = out.split(placeholder(i)).join(`${v}${MARKER}`)));
    return out;
  };
  // What the contributor wrote is marked: file texts, the configuration, the Hub's ids; the shape of the case is not.
  const files = Object.fromEntries(
    Object.entries(testCase.files).map(([path, spec]) => {
      if (typeof spec === "string") return [path, mark(spec)];
      const content = "text" in spec.content ? { ...spec.content, text: mark(spec.content.text) } : spec.content;
      return [path, { ...spec, content }];
    }),
  );
  const structural = new Set(["status", "type", "httpStatus", "private", "gated", "disabled"]);
  return {
    ...testCase,
    files,
    ...(testCase.config !== undefined ? { config: mapStrings(testCase.config, mark) } : {}),
    ...(testCase.repo ? { repo: mapStrings(testCase.repo, mark, false) as Record<string, string | null> } : {}),
    ...(testCase.hub
      ? { hub: Object.fromEntries(Object.entries(testCase.hub).map(([k, v]) => [mark(k), mapStrings(v, mark, false, structural)])) as TestCase["hub"] }
      : {}),
  };
}

/** Findings with every user value (code, quoted, path) replaced by `value`. */
function substitute(findings: readonly Finding[], value: string): Finding[] {
  const swap = (t: Text | undefined): Text | undefined =>
    t?.map((p) => (isCodePart(p) ? { code: value } : isQuotedPart(p) ? { quoted: value } : p));
  return findings.map((f) => ({
    ...f,
    path: f.path === "" ? "" : `${value}/${f.path}`,
    message: swap(f.message) ?? [],
    ...(f.hint ? { hint: swap(f.hint) } : {}),
    ...(f.fix ? { fix: { ...f.fix, replacement: `${value}\n${f.fix.replacement}` } } : {}),
  }));
}

/**
 * The markdown's shape: every token's type, with what makes it structural
 * (heading depth, link and image targets, raw HTML, list sizes, table
 * sizes); text and code contents left out.
 */
function shape(md: string): string[] {
  const out: string[] = [];
  const visit = (tokens: readonly Token[], depth: number) => {
    for (const token of tokens) {
      const t = token as Tokens.Generic;
      const pad = " ".repeat(depth);
      switch (t.type) {
        case "text":
        case "escape":
        case "codespan":
        case "space":
        case "br":
          break;
        case "heading":
          out.push(`${pad}h${String(t["depth"])}`);
          break;
        case "link":
        case "image":
          out.push(`${pad}${t.type} ${String(t["href"])}`);
          break;
        case "html":
          out.push(`${pad}html ${t.raw.trim()}`);
          break;
        case "list":
          out.push(`${pad}list ${(t["items"] as unknown[]).length}`);
          break;
        case "table":
          out.push(`${pad}table ${(t["header"] as unknown[]).length}x${(t["rows"] as unknown[]).length}`);
          break;
        case "code":
          out.push(`${pad}code ${String(t["lang"] ?? "")}`);
          break;
        default:
          out.push(`${pad}${t.type}`);
      }
      if (t.tokens) visit(t.tokens, depth + 1);
      if (t.type === "list") for (const item of t["items"] as Tokens.ListItem[]) visit(item.tokens, depth + 1);
      if (t.type === "table") {
        for (const cell of t["header"] as Tokens.TableCell[]) visit(cell.tokens, depth + 1);
        for (const row of t["rows"] as Tokens.TableCell[][]) for (const cell of row) visit(cell.tokens, depth + 1);
      }
    }
  };
  visit(Lexer.lex(md, { gfm: true }), 0);
  return out;
}

/** The words outside code, as GitHub scans them for mentions and references. */
function words(md: string): string {
  const out: string[] = [];
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      const t = token as Tokens.Generic;
      if (t.type === "codespan" || t.type === "code" || t.type === "html") continue;
      if ((t.type === "text" || t.type === "escape") && !t.tokens) out.push(String(t["text"]));
      if (t.tokens) visit(t.tokens);
      if (t.type === "list") for (const item of t["items"] as Tokens.ListItem[]) visit(item.tokens);
    }
  };
  visit(Lexer.lex(md, { gfm: true }));
  return out.join(" ");
}

const MENTION = /(?:^|[^\w`])@[A-Za-z0-9]/;
const REFERENCE = /(?:^|[^\w])#\d|[\w.-]+\/[\w.-]+#\d/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Every markdown surface, plus annotations as lines, for a set of findings. */
function surfaces(findings: readonly Finding[]) {
  const checkRun = renderCheckRun({ findings, files: [], ruleMeta });
  return {
    comment: renderComment({ findings, ruleMeta, rulesUrl: RULES_URL }),
    summary: checkRun.summary,
    suggestions: findings.filter((f) => f.fix).map((f) => suggestionBody(f, f.fix?.replacement ?? "")).join("\n\n"),
    annotations: checkRun.annotations,
  };
}

/** Hostile findings render with the benign findings' structure, and say nothing GitHub would link. */
function expectSameStructure(findings: readonly Finding[], where: string): void {
  const benign = surfaces(substitute(findings, BENIGN));
  const hostile = surfaces(substitute(findings, HOSTILE));
  for (const key of ["comment", "summary", "suggestions"] as const) {
    expect(shape(hostile[key]), `${where}: ${key} structure`).toEqual(shape(benign[key]));
    const said = words(hostile[key]);
    expect(said, `${where}: ${key} mention`).not.toMatch(MENTION);
    expect(said, `${where}: ${key} reference`).not.toMatch(REFERENCE);
    // A suggestion is applied as it stands, so it holds the line's own characters; what is only shown holds none.
    if (key !== "suggestions") expect(hostile[key], `${where}: ${key} bidi`).not.toMatch(BIDI);
  }
  hostile.annotations.forEach((a, i) => {
    const b = benign.annotations[i];
    expect(a.message.split("\n").length, `${where}: annotation lines`).toBe(b?.message.split("\n").length);
    expect(a.title, `${where}: annotation title`).toBe(b?.title);
    expect(a.message, `${where}: annotation bidi`).not.toMatch(BIDI);
  });
}

/**
 * Findings of the two rules without ruleTester cases (the engine makes
 * them), from a review that carries `value`: the message of a rule that
 * throws, an id the Hub could not answer for.
 */
async function engineFindings(id: string, value: string): Promise<Finding[]> {
  const card = (yaml: string) => ({ path: "README.md", status: "unchanged" as const, content: { type: "text" as const, text: `---\nlicense: mit\n${yaml}\n---\n# M\n` } });
  if (id === "cardinal/internal-error") {
    const broken = defineRule({
      meta: { id: "test/broken", title: "t", description: "d", why: "w", defaultSeverity: "error" },
      check() {
        throw new Error(value);
      },
    });
    const result = await review({ workspace: { source: "folder", files: [card("")] }, config: defaultConfig(), rules: [broken, findRule(id)!] });
    return result.findings.filter((f) => f.ruleId === id);
  }
  if (id === "cardinal/review-time-limit") {
    // A review out of time at once, over a card that carries the value: the finding names only rules.
    const result = await review({
      workspace: { source: "folder", files: [card(`datasets: [${JSON.stringify(value)}]`)] },
      config: defaultConfig(),
      rules: [datasetExists, findRule(id)!],
      pacing: { exhausted: () => true, limitSeconds: 30 },
    });
    return result.findings.filter((f) => f.ruleId === id);
  }
  const hub = { lookup: async () => ({ status: "unavailable" as const, reason: "the Hub did not answer in 5 s" }) };
  const result = await review({
    workspace: { source: "folder", files: [card(`datasets: [${JSON.stringify(value)}]`)] },
    config: defaultConfig(),
    rules: [datasetExists, findRule(id)!],
    hub,
  });
  return result.findings.filter((f) => f.ruleId === id);
}
const ENGINE_MADE = new Set(["cardinal/internal-error", "hub/unreachable", "cardinal/review-time-limit"]);

// ---------------------------------------------------------------------------

describe("every rule: user values never reach Cardinal's prose", () => {
  const marked = new Set<string>();

  it.each(RULES.map((r) => [r.meta.id, r] as const))("%s", async (id, rule) => {
    if (ENGINE_MADE.has(id)) {
      const findings = await engineFindings(id, `squad_v3${MARKER}`);
      expect(findings).toHaveLength(1);
      for (const p of parts(findings[0]!)) {
        if (isProsePart(p)) expect(p.prose).not.toContain(MARKER);
        else if ((isCodePart(p) ? p.code : p.quoted).includes(MARKER)) marked.add(id);
      }
      expectSameStructure(findings, id);
      expectSameStructure(await engineFindings(id, HOSTILE), `${id} (hostile)`);
      return;
    }
    const cases = captured.cases.get(id) ?? [];
    expect(cases.length, "the rule's invalid cases were loaded").toBeGreaterThan(0);
    for (const testCase of cases) {
      const findings = await runRule(rule, testCase);
      expectSameStructure(findings, `${id} › ${testCase.name}`);

      for (const from of ["code", "prose"] as const) {
        const tainted = await runRule(rule, taint(testCase, echoedValues(findings, from)));
        for (const f of tainted) {
          for (const p of parts(f)) {
            if (isProsePart(p)) expect(p.prose, `${id} › ${testCase.name}: a marked value in prose`).not.toContain(MARKER);
            else if ((isCodePart(p) ? p.code : p.quoted).includes(MARKER)) marked.add(id);
          }
          expect(f.title, `${id} › ${testCase.name}: a marked value in the title`).not.toContain(MARKER);
        }
        expectSameStructure(tainted, `${id} › ${testCase.name} (marked from ${from})`);
      }
    }
  // Each rule replays all its invalid cases three times (plain, then tainted twice): use-git-lfs has many, and a loaded
  // machine took 8 s over them.
  }, 30_000);

  it("the marks came back as code for many rules (else the check would prove nothing)", () => {
    expect(marked.has("weights/shards-complete")).toBe(true);
    expect(marked.has("cardinal/config-valid")).toBe(true);
    // Many rules echo a value only when it is exactly a known name (a license id, a misspelt key), which a mark
    // undoes; for those the rendering check above, with hostile values in every code and quoted part, is the proof.
    expect(marked.size).toBeGreaterThanOrEqual(18);
  });
});

describe("the attacks of issue 18", () => {
  const shardsRule = findRule("weights/shards-complete")!;
  const configRule = findRule("cardinal/config-valid")!;

  const index = (shard: string) =>
    JSON.stringify({ metadata: { total_size: 1 }, weight_map: { "a.weight": "model-00001-of-00002.safetensors", "b.weight": shard } });

  async function shardComment(shard: string): Promise<{ md: string; findings: Finding[] }> {
    const findings = await runRule(shardsRule, {
      name: "shard",
      files: { "model.safetensors.index.json": index(shard), "model-00001-of-00002.safetensors": "x" },
      repo: {},
    });
    return { md: renderComment({ findings, ruleMeta, rulesUrl: RULES_URL }), findings };
  }

  it("a shard name with line breaks stays in its code span: no heading, HTML, mention or hidden findings", async () => {
    const hostileShard = "x.safetensors`\n\n## ✅ All clear\n\n<img src=x onerror=alert(1)> @octocat\n<!--";
    const benign = await shardComment("model-00002-of-00002.safetensors");
    const hostile = await shardComment(hostileShard);
    expect(hostile.findings).toHaveLength(1);
    expect(shape(hostile.md)).toEqual(shape(benign.md));
    expect(shape(hostile.md).filter((s) => /^\s*h\d/.test(s))).toEqual(["h3", "h4"]);
    expect(words(hostile.md)).not.toMatch(MENTION);
    expect(hostile.md).not.toContain("## ✅ All clear\n");
    // The only comment is Cardinal's marker; the value's `<!--` is inside a code span.
    expect(shape(hostile.md).filter((s) => s.includes("html <!--"))).toEqual(["html <!-- cardinal:guidance -->"]);
    const summary = renderCheckRun({ findings: hostile.findings, files: [], ruleMeta }).summary;
    expect(shape(summary)).toEqual(shape(renderCheckRun({ findings: benign.findings, files: [], ruleMeta }).summary));
  });

  const hostileKey = "@octocat fixes #1 <img src=x onerror=alert(1)>\n## ✅ All clear\n<!--";

  it("unknown nested keys of the default branch's configuration are code, not markdown", async () => {
    const render = async (key: string) => {
      const findings = await runRule(configRule, { name: "config", config: { review: { [key]: true, drafts: true } }, files: {} });
      return { findings, md: renderComment({ findings, ruleMeta, rulesUrl: RULES_URL }) };
    };
    const benign = await render("draft");
    const hostile = await render(hostileKey);
    expect(hostile.findings).toHaveLength(1);
    expect(hostile.findings[0]?.message.some((p) => isCodePart(p) && p.code === `review.${hostileKey}`)).toBe(true);
    expect(shape(hostile.md)).toEqual(shape(benign.md));
    expect(words(hostile.md)).not.toMatch(MENTION);
    expect(words(hostile.md)).not.toMatch(REFERENCE);
  });

  it("unknown nested keys added in a pull request are code, not markdown", async () => {
    const render = async (key: string) => {
      const findings = await runRule(configRule, {
        name: "config",
        pullRequest: true,
        files: { ".github/cardinal.yml": `review:\n  ${JSON.stringify(key)}: true\n` },
      });
      return { findings, md: renderComment({ findings, ruleMeta, rulesUrl: RULES_URL }) };
    };
    const benign = await render("draft");
    const hostile = await render(hostileKey);
    expect(hostile.findings).toHaveLength(1);
    expect(shape(hostile.md)).toEqual(shape(benign.md));
    expect(words(hostile.md)).not.toMatch(MENTION);
    expect(words(hostile.md)).not.toMatch(REFERENCE);
  });
});

describe("a configuration with 55,000 unknown rule ids", () => {
  const ids = Array.from({ length: 55_000 }, (_, i) => `made/up-rule-${i}`);

  it("validates in one pass and reports a bounded list", () => {
    captured.closestCalls = 0;
    const { config, problems } = resolveConfig({ rules: Object.fromEntries(ids.map((id) => [id, "off"])) }, RULE_IDS);
    // Took 149 s with a suggestion searched for every id. The work is counted, not timed: at most one
    // search per listed id.
    expect(captured.closestCalls).toBeLessThanOrEqual(20);
    expect(problems).toHaveLength(21);
    expect(problems[20]?.message).toEqual([{ code: "rules" }, ...prose(": "), ...prose("and 54980 more unknown rule ids (only the first 20 are listed)")]);
    expect(Object.keys(config.rules)).toEqual([]);
  });

  it("in a pull request: two findings, the YAML read without a quadratic duplicate-key check", async () => {
    const yaml = `rules:\n${ids.map((id) => `  ${id}: off\n`).join("")}`;
    const findings = await runRule(findRule("cardinal/config-valid")!, { name: "big", pullRequest: true, files: { ".github/cardinal.yml": yaml } });
    expect(findings).toHaveLength(2);
    const md = renderComment({ findings, ruleMeta, rulesUrl: RULES_URL });
    expect(md.length).toBeLessThan(10_000);
  }, 30_000);

  it("thousands of unknown keys in one section are listed twenty at most", () => {
    const review = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 1]));
    const { problems } = resolveConfig({ review }, RULE_IDS);
    expect(problems).toHaveLength(1);
    const codes = problems[0]?.message;
    // The section, then twenty of its unknown keys.
    expect(Array.isArray(codes) ? codes.filter(isCodePart).map((p) => p.code) : []).toEqual(["review", ...Array.from({ length: 20 }, (_, i) => `k${i}`)]);
  });
});
