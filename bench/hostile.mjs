/**
 * Hostile input, timed: the named cases of test/hostile.test.ts and cards
 * mutated from the corpus, each reviewed by every rule through the engine
 * (no I/O, no Hub). The tests prove that nothing throws; this measures that
 * no input takes long (the issue's bound: a second per input). Issue 18's
 * whole pull requests (slow .gitattributes patterns, 10,000 cards) are timed
 * the same way; they are many files, so their bound is linear growth, not a second.
 */
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { resolveConfig } from "../lib/core/config.js";
import { review } from "../lib/core/engine.js";
import { decodeContent } from "../lib/parse/bytes.js";
import { RULE_IDS, RULES } from "../lib/rules/index.js";

const BODY = "\n# x\n\nA model.\n\n## Intended uses & limitations\n\nResearch.\n\n## Training data\n\nWeb text.\n";

function namedCases() {
  const bomb = ["---", "a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i <= 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
  bomb.push("license: mit", "---", BODY);
  return {
    "YAML alias bomb (10^10 nodes if expanded)": bomb.join("\n"),
    "200-level nesting, flow": `---\nlicense: mit\ntags: ${"[".repeat(200)}x${"]".repeat(200)}\n---\n${BODY}`,
    "200-level nesting, block": `---\nlicense: mit\nx:\n${Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i + 1)}k${i}:`).join("\n")} v\n---\n${BODY}`,
    "1 MB single line in the body": `---\nlicense: mit\n---\n${"word ".repeat(200_000)}\n`,
    "1 MB single YAML value": `---\nlicense: mit\ndescription: ${"x".repeat(1_000_000)}\n---\n${BODY}`,
    "BOM before the metadata": `\uFEFF---\nlicense: mit\n---\n${BODY}`,
    "CRLF line endings": `---\r\nlicense: mit\r\ntags:\r\n- a\r\n---\r\n${BODY.replace(/\n/g, "\r\n")}`,
    "lone CR line endings": `---\rlicense: mit\r---\r${BODY.replace(/\n/g, "\r")}`,
    "tabs in YAML indentation": `---\nlicense: mit\ntags:\n\t- a\n---\n${BODY}`,
    "__proto__ / constructor keys": `---\n__proto__: {polluted: true}\nconstructor: x\nprototype: y\nlicense: mit\n---\n${BODY}`,
    "fence then 200,000 newlines": `---${"\n".repeat(200_000)}`,
    "100,000 unclosed quotes on one line": `---\nlicense: mit\ntags: [${'"a'.repeat(100_000)}\n---\n${BODY}`,
    "50,000 trailing dots in a dataset id": `---\nlicense: mit\ndatasets:\n- acme/x${".".repeat(50_000)}a\n---\n${BODY}`,
    "200,000 hyphens as a license": `---\nlicense: ${"-".repeat(200_000)}x\n---\n${BODY}`,
    "a line of 60 near-matching 'fine-tuned from the the the'": `---\nlicense: mit\n---\n# M\n\n${"fine-tuned from the the the ** ".repeat(60)}\n`,
    "a heading of 100,000 hashes and spaces": `---\nlicense: llama3.1\n---\n# ${"# ".repeat(100_000)}x\n`,
    "2 MB card (the default max_file_size), only short sections and links": `---\nlicense: mit\n---\n${"## Section\n\nSome text with a [link](https://example.com) and `code`.\n\n".repeat(29_000)}`,
  };
}

/** Whole pull requests from issue 18, not one card: slow .gitattributes patterns and many cards. */
function workspaceCases() {
  const pointer = { type: "lfs-pointer", oid: "a".repeat(64), size: 10 };
  const text = (path, t) => ({ path, status: "added", content: { type: "text", text: t } });
  const shards = (n, name = "model") =>
    Array.from({ length: n }, (_, i) => ({ path: `${name}-${String(i + 1).padStart(5, "0")}-of-${String(n).padStart(5, "0")}.safetensors`, status: "added", content: pointer }));
  const lfsLine = "*.safetensors filter=lfs diff=lfs merge=lfs -text\n";
  const card = "---\nlicense: mit\n---\n# x\n\nA model.\n";
  return {
    "*(*a)b filter=lfs, a weight named with 28 a's (picomatch: 65 s)": [text(".gitattributes", "*(*a)b filter=lfs\n"), { path: `${"a".repeat(28)}.bin`, status: "added", content: pointer }],
    "2 MB .gitattributes, 50 shards (was 5.5 min)": [text(".gitattributes", lfsLine.repeat(Math.floor((2 * 1024 * 1024) / lfsLine.length))), ...shards(50)],
    "2 MB of distinct *a*a… patterns, 50 shards (step meter)": [
      text(".gitattributes", Array.from({ length: 1100 }, (_, i) => `${"*a".repeat(900)}${i}b filter=lfs`).join("\n")),
      ...shards(50, "a".repeat(200)),
    ],
    "10,000 cards, one per folder (was 22 s)": Array.from({ length: 10_000 }, (_, i) => text(`m${i}/README.md`, card)),
    // card/eval-results-valid: the yaml library walks the document once per alias unless told not to.
    ".eval_results file, 20,000 aliases to one result": [text(".eval_results/many.yaml", "- &r\n  dataset: {id: cais/hle}\n  value: 1\n" + "- *r\n".repeat(20_000))],
    ".eval_results file, 20,000 results with a problem each": [
      text(".eval_results/big.yaml", Array.from({ length: 20_000 }, (_, i) => `- dataset: {id: cais/hle}\n  value: ${i}\n`).join("")),
    ],
  };
}

/** A deterministic pseudo-random generator (mulberry32), so every run reviews the same inputs. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ["---", ":", "- ", "  ", "\t", "[", "]", "{", "}", '"', "'", "&a", "*a", "<<: *a", "#", "```", "\n", "\r\n", "|", ">", "license: other", "\u0000", "\uFEFF", "%YAML 1.1", "!!binary", "? ", "...", "\u202E"];

function mutate(text, rnd) {
  let out = text;
  const edits = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * (out.length + 1));
    const kind = rnd();
    if (kind < 0.4) out = out.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + Math.floor(rnd() * 40));
    else {
      const from = Math.floor(rnd() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(rnd() * 200)).repeat(1 + Math.floor(rnd() * 50)) + out.slice(at);
    }
  }
  return out;
}

export async function hostileInputs({ mutations = 2000 } = {}) {
  const config = { ...resolveConfig({}, RULE_IDS).config, max_file_size: 20 * 1024 * 1024 };
  const time = async (text) => {
    const content = decodeContent(Buffer.from(text, "utf8"));
    const files = [{ path: "models/x/README.md", status: "added", size: Buffer.byteLength(text), content }];
    const t0 = performance.now();
    await review({ workspace: { source: "pull-request", files }, config, rules: RULES, ruleIds: RULE_IDS });
    return performance.now() - t0;
  };
  await time(BODY); // warm-up
  const named = {};
  let slowest = { ms: 0, input: "" };
  for (const [name, files] of Object.entries(workspaceCases())) {
    const t0 = performance.now();
    await review({ workspace: { source: "pull-request", files }, config, rules: RULES, ruleIds: RULE_IDS });
    const ms = performance.now() - t0;
    named[name] = ms;
    if (ms > slowest.ms) slowest = { ms, input: name };
  }
  for (const [name, text] of Object.entries(namedCases())) {
    const ms = await time(text);
    named[name] = ms;
    if (ms > slowest.ms) slowest = { ms, input: name };
  }
  const corpusDir = new URL("../test/fixtures/corpus/", import.meta.url);
  const corpus = readdirSync(corpusDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => readFileSync(new URL(`${d.name}/README.md`, corpusDir), "utf8"));
  const rnd = random(20261125);
  const samples = [];
  for (let i = 0; i < mutations; i++) {
    const ms = await time(mutate(corpus[i % corpus.length], rnd));
    samples.push(ms);
    if (ms > slowest.ms) slowest = { ms, input: `mutation ${i} of ${corpus.length} corpus cards` };
  }
  samples.sort((a, b) => a - b);
  return {
    hostile: {
      inputs: Object.keys(named).length + mutations,
      namedMs: named,
      mutations,
      mutationP99Ms: samples[Math.floor(samples.length * 0.99)],
      mutationMaxMs: samples.at(-1),
      slowestMs: slowest.ms,
      slowestInput: slowest.input,
    },
  };
}
