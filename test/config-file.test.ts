import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/core/config.js";
import { plain } from "../src/core/text.js";
import { resolveConfigText } from "../src/parse/config-file.js";
import { findRule, RULE_IDS } from "../src/rules/index.js";
import { runRule } from "./rule-tester.js";

/** Each problem as `line: words`, the way a reader meets it. */
function problems(source: string): string[] {
  return resolveConfigText(source, RULE_IDS).problems.map((p) => `${p.line ?? "-"}: ${typeof p.message === "string" ? p.message : plain(p.message)}`);
}

describe(".github/cardinal.yml that is not valid YAML", () => {
  it.each([
    ["an unclosed flow mapping (issue 14)", "rules: {card/front-matter-valid-yaml: off\n", "1: The file is not valid YAML: the `{` on line 1 is never closed with `}`"],
    ["an unclosed flow list", "comment: always\nrules:\n  card/front-matter-present: [off\n", "3: The file is not valid YAML: the `[` on line 3 is never closed with `]`"],
    ["a tab as indentation", "review:\n\tdrafts: true\n", "2: The file is not valid YAML: line 2: Tabs are not allowed as indentation"],
    ["a repeated key", "comment: always\ncomment: never\n", "2: The file is not valid YAML: the key `comment` appears twice in one mapping (the second time on line 2)"],
    ["an unterminated quote", 'comment: "always\nhub: false\n', '3: The file is not valid YAML: line 3: Missing closing "quote'],
  ])("%s: one problem at its line, and none of the file applies", (_name, source, expected) => {
    const resolved = resolveConfigText(source, RULE_IDS);
    expect(problems(source)).toEqual([expected]);
    expect(resolved.problems[0]?.effect).toBe("file");
    expect(resolved.config).toEqual(defaultConfig());
    expect(resolved.raw).toBeUndefined();
  });

  it("too many aliases: refused, none of it applied", () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 6 }, (_, i) => `${"bcdefg"[i]}: &${"bcdefg"[i]} [${Array(9).fill(`*${i === 0 ? "a" : "bcdefg"[i - 1]}`).join(", ")}]`).join("\n")}\n`;
    const resolved = resolveConfigText(bomb, RULE_IDS);
    expect(problems(bomb)).toEqual(["-: The file uses YAML aliases (`*name`) more than 100 times"]);
    expect(resolved.config).toEqual(defaultConfig());
  });
});

describe(".github/cardinal.yml with settings of the wrong shape: plain words at each line", () => {
  it("names what each setting must be and what it is instead", () => {
    const source = [
      "rules:", //                             1
      "  - card/front-matter-present", //     2
      "include: models/**", //                 3
      "review:", //                            4
      "  drafts: yes please", //               5
      "  draft: true", //                      6
      "comment: loud", //                      7
      "max_file_size: -3", //                  8
      "welcome: 5", //                         9
      "rulez: {}", //                          10
      "",
    ].join("\n");
    expect(problems(source)).toEqual([
      "1: `rules` must be a mapping of rule ids to levels (off, notice, warning, error), not a list",
      "3: `include` must be a list of path patterns (globs such as `models/**`), not `models/**`",
      "5: `review.drafts` must be true or false, not `yes please`",
      '6: `review.draft`: unknown key; did you mean "drafts"?',
      "7: `comment` must be findings, always or never, not `loud`",
      "9: `welcome` must be true, false, or your own welcome text (at most 3000 characters), not `5`",
      "8: `max_file_size` must be a whole number of bytes from 1 to 104857600 (100 MB), not `-3`",
      '10: `rulez`: unknown key; did you mean "rules"?',
    ]);
  });

  it("a rule id and a level: the closest id, and the levels in words", () => {
    expect(problems("rules:\n  card/has-description: notice\n  card/front-matter-presnt: off\n")).toEqual([
      '3: `rules.card/front-matter-presnt`: there is no rule with this id; did you mean "card/front-matter-present"?',
    ]);
    expect(problems("rules:\n  card/has-description: notice\n  card/front-matter-present: fatal\n")).toEqual([
      "3: `rules.card/front-matter-present` must be off, notice, warning or error, not `fatal`",
    ]);
  });

  it("the valid settings beside a broken one still apply", () => {
    const { config } = resolveConfigText("comment: always\nhub: maybe\nexclude:\n  - legacy/**\n", RULE_IDS);
    expect(config.comment).toBe("always");
    expect(config.exclude).toEqual(["legacy/**"]);
    expect(config.hub).toBe(true);
  });

  it("a file that is a list, not a mapping", () => {
    expect(problems("- rules\n")).toEqual(["1: The configuration must be a mapping of settings (such as `rules:` or `exclude:`), not a list"]);
  });

  it("an empty file, and sections whose entries are all commented out, are no settings, not mistakes", () => {
    expect(problems("")).toEqual([]);
    expect(problems("# nothing yet\n")).toEqual([]);
    expect(problems("rules:\n  # card/has-description: off\nexclude:\nreview:\n")).toEqual([]);
  });
});

describe("cardinal/config-valid on the organisation's file", () => {
  it("puts the line in the words and annotates no line of this repository's file", async () => {
    const findings = await runRule(findRule("cardinal/config-valid")!, {
      name: "org",
      pullRequest: true,
      configText: "comment: always\nhub: maybe\n",
      configOrigin: "acme/.github:.github/cardinal.yml",
      files: {},
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.line).toBeUndefined();
    expect(plain(findings[0]!.message)).toBe(
      "Line 2 of `acme/.github:.github/cardinal.yml`: `hub` must be true or false, not `maybe`. Cardinal used the default for this setting.",
    );
  });
});
