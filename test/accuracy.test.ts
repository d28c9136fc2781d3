/**
 * Cardinal's judgement on real releases (issue 19), pinned: every folder of
 * test/fixtures/releases reviewed offline, each error and warning either a
 * foreseen problem or judged by a person in the folder's expectations file,
 * and the figures published in docs/accuracy.md. When a rule changes, this
 * test says which findings are new; judge them in the expectations (never
 * the other way round), then run `npm run accuracy -- --write`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { judgeFolder, measureAccuracy, parseExpectations, renderAccuracy } from "../src/tools/accuracy.js";

const FIXTURES = path.resolve(import.meta.dirname, "fixtures");

describe("the accuracy measure", () => {
  const yml = [
    "slug: s",
    "kind: model",
    "expected:",
    "  - { id: seen, file: README.md, line: 1, severity: error, what: a, rule: card/front-matter-present, core: true }",
    "  - { id: unseen, file: model.bin, severity: error, what: b, rule: weights/use-git-lfs, core: true, in_copy: false }",
    "  - { id: other, file: README.md, severity: notice, what: c, rule: none, core: true }",
    "judged:",
    "  - { rule: release/has-model-card, file: README.md, line: 2, verdict: true, why: w, catches: other }",
  ].join("\n");

  it("reads in_copy: false, and a judgement that catches a problem foreseen without a rule", () => {
    const e = parseExpectations(yml, "s");
    expect(e.expected.map((x) => [x.id, x.inCopy])).toEqual([["seen", true], ["unseen", false], ["other", true]]);
    const finding = (ruleId: string, line: number) => ({ ruleId, title: "t", docsUrl: "u", severity: "warning" as const, path: "README.md", line, message: [] });
    const r = judgeFolder(e, [finding("card/front-matter-present", 2), finding("release/has-model-card", 3)]);
    expect(r.caught.map((x) => x.id)).toEqual(["seen", "other"]);
    expect(r.findings.map((f) => f.verdict)).toEqual(["expected", "true"]);
  });
});

describe("accuracy on real releases", async () => {
  const report = await measureAccuracy(path.join(FIXTURES, "releases"), path.join(FIXTURES, "releases-expected"));

  it("reviews the whole corpus: release folders and AI code repositories", () => {
    const kinds = report.expectations.map((e) => e.kind);
    expect(kinds.filter((k) => k !== "code").length).toBeGreaterThanOrEqual(PINNED.releases);
    expect(kinds.filter((k) => k === "code").length).toBeGreaterThanOrEqual(10);
  });

  it("every error and warning is a foreseen problem or judged by a person", () => {
    expect(report.unjudged.map((f) => `${f.slug}: ${f.severity} ${f.ruleId} ${f.path}:${f.line ?? "-"} ${f.message}`)).toEqual([]);
  });

  it("keeps precision and core recall at or above the pinned figures", () => {
    expect(report.precision).toBeGreaterThanOrEqual(PINNED.precision);
    expect(report.coreRecall).toBeGreaterThanOrEqual(PINNED.coreRecall);
  });

  it("per rule, the true and false errors and warnings are the pinned ones", () => {
    expect(Object.fromEntries([...report.perRule].map(([rule, c]) => [rule, [c.truePositives, c.falsePositives]]))).toEqual(PINNED.perRule);
  });

  it("docs/accuracy.md shows these figures (npm run accuracy -- --write)", () => {
    expect(readFileSync(path.resolve(import.meta.dirname, "../docs/accuracy.md"), "utf8")).toBe(renderAccuracy(report));
  });
});

/** The last judged run: [true, false] errors and warnings per rule. */
const PINNED = {
  releases: 56,
  precision: 1,
  coreRecall: 0.906,
  perRule: {
    "card/base-model-stated": [7, 0],
    "card/dataset-metadata-valid": [5, 0],
    "card/file-name": [1, 0],
    "card/front-matter-present": [15, 0],
    "card/has-description": [2, 0],
    "card/known-keys": [4, 0],
    "card/language-valid": [1, 0],
    "card/no-template-placeholders": [4, 0],
    "card/repo-ids-valid": [2, 0],
    "card/yaml-ambiguous-values": [1, 0],
    "cardinal/file-unreadable": [3, 0],
    "license/base-terms-kept": [4, 0],
    "license/compatible-with-base-model": [2, 0],
    "license/declared": [24, 0],
    "license/llama-naming": [2, 0],
    "license/other-needs-name": [2, 0],
    "license/text-matches-metadata": [1, 0],
    "release/adapter-base-model": [7, 0],
    "release/adapter-has-weights": [3, 0],
    "release/config-present": [1, 0],
    "release/has-model-card": [4, 0],
    "release/weights-missing": [6, 0],
    "weights/gitattributes-name": [3, 0],
    "weights/prefer-safetensors": [11, 0],
    "weights/shards-complete": [3, 0],
    "weights/use-git-lfs": [3, 0],
  } as Record<string, [number, number]>,
};
