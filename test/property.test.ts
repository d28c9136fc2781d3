/**
 * Property-based tests over the parser and every rule: random YAML-ish
 * metadata, random markdown, and mutations of the real cards in
 * test/fixtures/corpus. Whatever the card, review() resolves, every finding
 * has a rule id, a severity and a line inside the file, and no rule stops
 * with an internal error. About 10,000 cards per run (RUNS below), from a fixed seed (test/helpers/property.ts; a failure prints it).
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/core/config.js";
import { INTERNAL_ERROR_ID, review } from "../src/core/engine.js";
import { RULES, RULE_IDS } from "../src/rules/index.js";
import { seeded } from "./helpers/property.js";

const CONFIG = resolveConfig({}, RULE_IDS).config;

/** Every rule over the files, added by a pull request; no Hub, no repository. */
function reviewAll(files: Record<string, string>) {
  return review({
    workspace: {
      source: "pull-request",
      files: Object.entries(files).map(([path, text]) => ({ path, status: "added" as const, size: Buffer.byteLength(text), content: { type: "text" as const, text } })),
    },
    config: CONFIG,
    rules: RULES,
  });
}

/** Lines of a text as an editor counts them (CRLF, LF and a lone CR each end a line). */
function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** Cards generated per property; five properties make the total. */
const RUNS = { yaml: 2500, markdown: 1500, mutations: 4000, datasetCards: 1000, bytes: 1000 };
const TIMEOUT = 120_000;

const CORPUS = new URL("./fixtures/corpus/", import.meta.url);
const corpus: string[] = readdirSync(CORPUS)
  .filter((d) => existsSync(new URL(`${d}/README.md`, CORPUS)))
  .map((d) => readFileSync(new URL(`${d}/README.md`, CORPUS), "utf8"));

/** Checks one card's review without vitest's expect (cheap inside tight loops); throws a description. */
async function check(files: Record<string, string>): Promise<void> {
  const result = await reviewAll(files);
  for (const f of result.findings) {
    const where = `${f.ruleId} at ${f.path}:${f.line ?? "-"}`;
    if (f.ruleId === INTERNAL_ERROR_ID) throw new Error(`internal error: ${JSON.stringify(f.message)}`);
    if (typeof f.ruleId !== "string" || f.ruleId === "") throw new Error(`finding without a rule id: ${where}`);
    if (!["error", "warning", "notice"].includes(f.severity)) throw new Error(`bad severity ${f.severity}: ${where}`);
    if (f.line !== undefined) {
      const text = files[f.path];
      const max = text === undefined ? Infinity : lineCount(text);
      if (!Number.isInteger(f.line) || f.line < 1 || f.line > max) throw new Error(`line outside the file (${max} lines): ${where}`);
    }
  }
}

const KEYS = [
  "license", "license_name", "license_link", "library_name", "pipeline_tag", "tags", "datasets", "base_model",
  "base_model_relation", "language", "metrics", "model-index", "new_version", "inference", "widget", "extra_gated_prompt",
  "task_categories", "task_ids", "size_categories", "multilinguality", "annotations_creators", "language_creators",
  "source_datasets", "configs", "dataset_info", "pretty_name", "thumbnail", "co2_eq_emissions", "__proto__", "constructor",
];
const VALUES = [
  "mit", "apache-2.0", "Apache License 2.0", "other", "llama3", "cc-by-4.0", "gpl-3.0-or-later", "transformers",
  "text-generation", "en", "xx", "meta-llama/Llama-3.1-8B", "squad", "n<1K", "1K<n<10K", "finetune", "quantized",
  "true", "null", "~", "", "0", "-1", "1e309", "0x1F", "2024-01-01", ".nan", "&a", "*a", "!!binary aGk=", "!!python/object x",
  "'quoted'", '"dq\\u0000"', "[a, b]", "{a: 1}", "|", ">", "? x", "- ", "#", "@", "%YAML 1.1", "\t", " ", "é", "🙂",
];
const ID = fc.constantFrom(...VALUES);
const KEY = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 }));

/** A YAML value: scalar, list (block or flow) or nested mapping. */
const yamlValue: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    ID,
    fc.string({ maxLength: 20 }),
    fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(", ")}]`),
    fc.array(tie("value"), { maxLength: 3 }).map((items) => items.map((v) => `\n  - ${v}`).join("")),
    fc.array(fc.tuple(KEY, tie("value")), { maxLength: 3 }).map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(", ")}}`),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), ID), { maxLength: 3 }).map((pairs) => pairs.map(([k, v]) => `\n  ${k}: ${v}`).join("")),
  ),
})).value;

const EOL = fc.constantFrom("\n", "\n", "\n", "\r\n", "\r");
const yamlBlock = fc
  .tuple(fc.array(fc.tuple(KEY, yamlValue), { maxLength: 8 }), fc.array(fc.string({ maxLength: 30 }), { maxLength: 2 }))
  .map(([pairs, junk]) => [...pairs.map(([k, v]) => `${k}: ${v}`), ...junk].join("\n"));

const mdLine = fc.oneof(
  fc.constantFrom("", "---", "```", "```yaml", "| a | b |", "|---|---|", "<details>", "</details>", "<!-- x -->", "***", "==="),
  fc.tuple(fc.constantFrom("# ", "## ", "### ", "#### ", "- ", "* ", "1. ", "> ", "    ", ""), fc.string({ maxLength: 40 })).map(([p, t]) => p + t),
  fc.constantFrom(
    "## Intended uses & limitations", "## Training data", "## Evaluation", "## Bias, Risks, and Limitations", "## License",
    "## Citation", "## Model Details", "## Uses", "## How to Get Started", "## Dataset Structure", "[link](http://x)",
    "![img](x.png)", "@someone fixes #1", "license: mit", "Licensed under the MIT License.", "<https://huggingface.co/x/y>",
  ),
);
const markdown = fc.array(mdLine, { maxLength: 30 }).map((lines) => lines.join("\n"));

const card = fc
  .tuple(fc.boolean(), fc.constantFrom("", "\uFEFF", " ", "\n"), yamlBlock, markdown, EOL)
  .map(([withMeta, lead, yaml, body, eol]) => (withMeta ? `${lead}---\n${yaml}\n---\n${body}` : `${lead}${body}`).replace(/\n/g, eol));

const PATHS = fc.constantFrom("README.md", "models/x/README.md", "data/README.md", "model_card.md");

type Mutation =
  | { kind: "delete"; at: number; count: number }
  | { kind: "duplicate"; at: number; count: number }
  | { kind: "swap"; at: number; other: number }
  | { kind: "insert-text"; at: number; text: string }
  | { kind: "insert-char"; at: number; char: string }
  | { kind: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant("insert-text" as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: "binary", maxLength: 20 }), ID, mdLine) }),
  fc.record({ kind: fc.constant("insert-char" as const), at: fc.nat(), char: fc.constantFrom("\0", "\r", "\n", "\t", ":", "-", "#", "|", "`", "'", '"', "&", "*", "!", "{", "[", "\uFEFF", "\uFFFD", "\u2028", "\uD800") }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split("\n");
  const line = m.at % Math.max(lines.length, 1);
  const offset = m.at % Math.max(text.length, 1);
  switch (m.kind) {
    case "delete":
      lines.splice(line, m.count);
      return lines.join("\n");
    case "duplicate":
      lines.splice(line, 0, ...lines.slice(line, line + m.count));
      return lines.join("\n");
    case "swap": {
      const other = m.other % Math.max(lines.length, 1);
      const a = lines[line] ?? "";
      lines[line] = lines[other] ?? "";
      lines[other] = a;
      return lines.join("\n");
    }
    case "insert-text":
      return text.slice(0, offset) + m.text + text.slice(offset);
    case "insert-char":
      return text.slice(0, offset) + m.char + text.slice(offset);
    case "truncate":
      return text.slice(0, offset);
  }
}

describe("property: any card gives findings or a clean result, never an exception", () => {
  it(`random YAML metadata and markdown (${RUNS.yaml} cards)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(fc.asyncProperty(PATHS, card, async (path, text) => check({ [path]: text })), seeded(RUNS.yaml));
  });

  it(`random markdown without metadata (${RUNS.markdown} cards)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(fc.asyncProperty(markdown, async (text) => check({ "README.md": text })), seeded(RUNS.markdown));
  });

  it(`mutations of the corpus cards (${RUNS.mutations} cards)`, { timeout: TIMEOUT }, async () => {
    expect(corpus.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), PATHS, async (i, mutations, path) => {
        const text = mutations.reduce(mutate, corpus[i] ?? "");
        await check({ [path]: text });
      }),
      seeded(RUNS.mutations),
    );
  });

  it(`dataset cards and license files side by side (${RUNS.datasetCards} reviews)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(card, card, fc.string({ maxLength: 200 }), async (dataset, model, license) =>
        check({ "data/README.md": dataset, "models/m/README.md": model, LICENSE: license, "models/m/LICENSE": model }),
      ),
      seeded(RUNS.datasetCards),
    );
  });

  it(`arbitrary unicode text as a card (${RUNS.bytes} cards)`, { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 400 }), fc.boolean(), async (text, fenced) =>
        check({ "README.md": fenced ? `---\n${text}\n---\n${text}` : text }),
      ),
      seeded(RUNS.bytes),
    );
  });
});
