/**
 * 3. CLI throughput: `cardinal check <dir> --offline --format json` and
 * markdownlint-cli2 over the same generated corpus of >= 1,000 cards, in the
 * same run. Both are timed as a fresh `node` process (start-up included).
 */
import { performance } from "node:perf_hooks";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CORPUS = path.join(ROOT, "test/fixtures/corpus");
const CLI = path.join(ROOT, "lib/cli/bin.js");
const MARKDOWNLINT = path.join(ROOT, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs");

/** Copies every corpus card `copies` times, each copy in its own folder with its own title. */
export function buildCorpus(minCards = 1000) {
  const dir = mkdtempSync(path.join(tmpdir(), "cardinal-bench-"));
  const cards = readdirSync(CORPUS)
    .filter((d) => statSync(path.join(CORPUS, d)).isDirectory())
    .map((d) => ({ name: d, text: readFileSync(path.join(CORPUS, d, "README.md"), "utf8") }));
  const copies = Math.ceil(minCards / cards.length);
  let count = 0;
  let bytes = 0;
  for (let i = 0; i < copies; i++) {
    for (const card of cards) {
      const folder = path.join(dir, "cards", `${card.name}-v${i}`);
      mkdirSync(folder, { recursive: true });
      // Vary the name: the first H1 carries the copy's name.
      const text = card.text.replace(/^# (.+)$/m, (_all, title) => `# ${title} (v${i})`);
      writeFileSync(path.join(folder, "README.md"), text);
      count++;
      bytes += Buffer.byteLength(text);
    }
  }
  // An empty markdownlint config so a config further up cannot change its work.
  writeFileSync(path.join(dir, ".markdownlint-cli2.jsonc"), "{}\n");
  return { dir, cards: count, bytes, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function timed(args, cwd) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    const out = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.resume();
    child.on("error", reject);
    child.on("close", (code) => resolve({ ms: performance.now() - t0, code, stdout: Buffer.concat(out).toString("utf8") }));
  });
}

export async function cliThroughput({ minCards = 1000, runs = 2 } = {}) {
  const corpus = buildCorpus(minCards);
  try {
    const cardinal = [];
    const markdownlint = [];
    let files = 0;
    let findings = 0;
    let mdCode;
    for (let r = 0; r < runs; r++) {
      const c = await timed([CLI, "check", "cards", "--offline", "--format", "json"], corpus.dir);
      if (c.code !== 0 && c.code !== 1) throw new Error(`cardinal check exited ${c.code}`);
      const parsed = JSON.parse(c.stdout);
      files = parsed.files?.length ?? parsed.summary?.files ?? 0;
      findings = parsed.findings?.length ?? 0;
      cardinal.push(c.ms);
      const m = await timed([MARKDOWNLINT, "cards/**/*.md"], corpus.dir);
      if (m.code !== 0 && m.code !== 1) throw new Error(`markdownlint-cli2 exited ${m.code}`);
      mdCode = m.code;
      markdownlint.push(m.ms);
    }
    const best = (xs) => Math.min(...xs);
    const cMs = best(cardinal);
    const mMs = best(markdownlint);
    return {
      cli: {
        cards: corpus.cards,
        corpusMB: corpus.bytes / 1e6,
        cardinalFilesReviewed: files,
        cardinalFindings: findings,
        cardinalMs: cMs,
        cardinalCardsPerSecond: (corpus.cards / cMs) * 1000,
        markdownlintMs: mMs,
        markdownlintCardsPerSecond: (corpus.cards / mMs) * 1000,
        markdownlintExitCode: mdCode,
        ratioVsMarkdownlint: cMs / mMs,
        runs,
      },
    };
  } finally {
    corpus.cleanup();
  }
}
