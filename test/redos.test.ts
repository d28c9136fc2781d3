/**
 * The worst cases of the regular expressions that recheck (eslint-plugin-redos,
 * run by `npm run lint` on every regex literal in src/) found polynomial, fed
 * to the code that replaced them, at sizes where the old patterns took
 * minutes (100,000 to 1,000,000 characters: quadratic is 10^10 to 10^12
 * steps). Each test asserts the answer; a return to a backtracking pattern
 * would hold the test past vitest's timeout. Times are in `npm run bench`
 * (hostile inputs), not here.
 */
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/core/config.js";
import { INTERNAL_ERROR_ID, review } from "../src/core/engine.js";
import { beforeAny, trimChars, trimEndChars, trimStartChars } from "../src/core/strings.js";
import { plain } from "../src/core/text.js";
import { parseCommand } from "../src/io/github/commands.js";
import { titleMatches } from "../src/io/github/title-match.js";
import { slugLicenseName, splitExpression } from "../src/parse/license-id.js";
import { checkRepoId } from "../src/parse/repo-id.js";
import { compileWildmatch, utf8 } from "../src/parse/wildmatch.js";
import { RULES, RULE_IDS } from "../src/rules/index.js";

const N = 200_000;

async function reviewCard(card: string) {
  const result = await review({
    workspace: { source: "pull-request", files: [{ path: "models/x/README.md", status: "added", size: card.length, content: { type: "text", text: card } }] },
    config: resolveConfig({}, RULE_IDS).config,
    rules: RULES,
  });
  expect(result.findings.filter((f) => f.ruleId === INTERNAL_ERROR_ID)).toEqual([]);
  return result;
}

describe("the string helpers that replace /x+$/-style patterns", () => {
  it("trim a long run that does not reach the end (the worst case of /-+$/) in one pass", () => {
    const run = `${"-".repeat(N)}x${"-".repeat(N)}`;
    expect(trimEndChars(run, "-")).toBe(`${"-".repeat(N)}x`);
    expect(trimStartChars(run, "-")).toBe(`x${"-".repeat(N)}`);
    expect(trimChars(run, "-")).toBe("x");
    expect(trimEndChars("/".repeat(N), "/")).toBe("");
    expect(beforeAny(`${"a".repeat(N)}?q#h`, "?#")).toBe("a".repeat(N));
    expect(beforeAny("no-separator", "?#")).toBe("no-separator");
  });
});

describe("worst cases through the code that reads pull requests", () => {
  it("a license name of 200,000 hyphens and a license expression with 200,000 spaces around OR", () => {
    expect(slugLicenseName(`${"-".repeat(N)}My License${"-".repeat(N)}`)).toBe("my-license");
    expect(splitExpression(`MIT${" ".repeat(N)}OR${" ".repeat(N)}Apache-2.0`)).toEqual(["MIT", "Apache-2.0"]);
    expect(splitExpression(`MIT ${" ".repeat(N)}`)).toBeUndefined();
  });

  it("a Hub URL with 200,000 slashes before its query, as a repo id", () => {
    expect(checkRepoId(`https://huggingface.co/datasets/acme/x${"/".repeat(N)}?a${"#".repeat(N)}`, "dataset")).toBeDefined();
  });

  it("a comment line of 200,000 spaces and tabs after /cardinal", () => {
    expect(parseCommand(`/cardinal${" \t".repeat(N)}help${" ".repeat(N)}`)).toMatchObject({ name: "help" });
    expect(parseCommand(`/cardinalx${" ".repeat(N)}`)).toBeUndefined();
  });

  it("a YAML line of 100,000 unclosed quotes inside an unclosed flow list", async () => {
    const result = await reviewCard(`---\nlicense: mit\ntags: [${'"a\\'.repeat(100_000)}\n---\n# x\n`);
    expect(result.findings.some((f) => f.ruleId === "card/front-matter-valid-yaml")).toBe(true);
  });

  it("a dataset id with 200,000 trailing dots in the text, a key followed by 200,000 colons, a heading of 100,000 hashes", async () => {
    const card = [
      "---",
      "license: llama3.1",
      `license: mit${":".repeat(N)}`,
      "---",
      `# ${"# ".repeat(100_000)}x`,
      "",
      `Trained on https://huggingface.co/datasets/acme/x${".".repeat(N)}a and more.`,
      "",
    ].join("\n");
    const result = await reviewCard(card);
    expect(result.findings.some((f) => f.ruleId === "card/front-matter-unique-keys")).toBe(true);
  });

  it("a value followed by 200,000 spaces and no comment, where a suggested fix must keep the line", async () => {
    const result = await reviewCard(`---\nlicense: mit\ntask_categories:\n- text-generatio${" ".repeat(N)}\n---\n# x\n`);
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it("review.skip_title with nested quantifiers on a crafted title is cut off, not run to the end", () => {
    expect(titleMatches("^(a+)+$", `${"a".repeat(40)}!`)).toBe("timeout");
    expect(titleMatches("^(\\w+\\s?)*$", `${"word ".repeat(20)}!`)).toBe("timeout");
  });
});

describe(".gitattributes patterns from the pull request (issue 18: picomatch took 65 s on `*(*a)b`)", () => {
  const pointer = { type: "lfs-pointer" as const, oid: "a".repeat(64), size: 10 };

  it("`*(*a)b filter=lfs` and weights named with 28 and 5,000 a's: decided as Git does, in linear steps", async () => {
    for (const n of [28, 5000]) {
      const result = await review({
        workspace: {
          source: "pull-request",
          files: [
            { path: ".gitattributes", status: "added", content: { type: "text", text: "*(*a)b filter=lfs\n" } },
            { path: `${"a".repeat(n)}.bin`, status: "added", content: pointer },
          ],
        },
        config: resolveConfig({}, RULE_IDS).config,
        rules: RULES,
      });
      expect(result.findings.filter((f) => f.ruleId === INTERNAL_ERROR_ID)).toEqual([]);
      // Git reads `(`, `a` and `)` literally, so the pointer has no LFS pattern.
      expect(plain(result.findings.find((f) => f.ruleId === "weights/use-git-lfs")?.message ?? [])).toContain("no `.gitattributes` pattern sends it through LFS");
    }
    const meter = { steps: 0 };
    expect(compileWildmatch("*(*a)b").test(utf8(`${"a".repeat(N)}.bin`), meter)).toBe(false);
    expect(meter.steps).toBeLessThanOrEqual((N + 4) * 7);
  });

  it("a 2 MB .gitattributes with 50 shards: every shard is found to be sent through LFS", async () => {
    const line = "*.safetensors filter=lfs diff=lfs merge=lfs -text\n";
    const text = line.repeat(Math.floor((2 * 1024 * 1024) / line.length));
    const files = [
      { path: ".gitattributes", status: "added" as const, content: { type: "text" as const, text } },
      ...Array.from({ length: 50 }, (_, i) => ({
        path: `model-${String(i + 1).padStart(5, "0")}-of-00050.safetensors`,
        status: "added" as const,
        content: pointer,
      })),
    ];
    // Was 44 s for 10 shards; `npm run bench` (hostile inputs) times it now. A parse per shard would
    // make this test run into its timeout.
    const result = await review({ workspace: { source: "pull-request", files }, config: resolveConfig({}, RULE_IDS).config, rules: RULES });
    expect(result.findings.filter((f) => f.ruleId === "weights/use-git-lfs" || f.ruleId === INTERNAL_ERROR_ID)).toEqual([]);
  });
});
