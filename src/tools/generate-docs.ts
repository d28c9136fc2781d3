/**
 * Writes docs/rules/*.md from the rule registry and each rule's README.md.
 * `npm run docs` runs it; test/meta.test.ts fails when the pages are stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { docsPath } from "../core/docs.js";
import { renderRuleIndex, renderRulePage, ruleSourceDir } from "../report/rule-docs.js";
import { RULES } from "../rules/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

for (const rule of RULES) {
  const readme = readFileSync(path.join(root, ruleSourceDir(rule.meta.id), "README.md"), "utf8");
  const target = path.join(root, docsPath(rule.meta.id));
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, renderRulePage(rule.meta, readme));
}
writeFileSync(path.join(root, "docs/rules/README.md"), renderRuleIndex(RULES.map((r) => r.meta)));
process.stdout.write(`wrote ${RULES.length} rule pages and docs/rules/README.md\n`);
