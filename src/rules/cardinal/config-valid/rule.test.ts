import { describe, expect, it } from "vitest";
import { defaultConfig, type ConfigProblem } from "../../../core/config.js";
import { review } from "../../../core/engine.js";
import { plain, prose } from "../../../core/text.js";
import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "no configuration", files: { "README.md": "---\nlicense: mit\n---\n" } },
    {
      name: "a valid configuration",
      config: { rules: { "card/front-matter-present": "off" }, exclude: ["legacy/**"], review: { drafts: true } },
      files: {},
    },
    {
      name: "a pull request that changes the configuration validly",
      pullRequest: true,
      files: { ".github/cardinal.yml": "rules:\n  card/front-matter-present: notice\ncomment: always\n" },
    },
    {
      name: "a pull request that removes the configuration: nothing to validate",
      pullRequest: true,
      files: { ".github/cardinal.yml": { status: "removed", content: { type: "removed" } } },
    },
    {
      name: "a pull request whose configuration is binary: cardinal/file-unreadable's, not a parse error",
      pullRequest: true,
      files: { ".github/cardinal.yml": { content: { type: "binary" } } },
    },
    {
      name: "a pull request with a YAML file elsewhere named like the configuration: not Cardinal's",
      pullRequest: true,
      files: { "config/cardinal.yml": "rulez: 1\n" },
    },
    {
      name: "the configuration file in a folder is judged once, as the loaded configuration",
      files: { ".github/cardinal.yml": "rulez: {}\n" },
    },
  ],
  invalid: [
    {
      name: "unknown top-level key, with a suggestion",
      config: { rulez: {} },
      files: {},
      findings: [{ line: null, path: ".github/cardinal.yml", message: "`rulez`: unknown key; did you mean \"rules\"? Cardinal used the default for this setting." }],
    },
    {
      name: "unknown rule id, with a suggestion",
      config: { rules: { "card/front-matter-presnt": "off" } },
      files: {},
      findings: [{ line: null, message: "`rules.card/front-matter-presnt`: there is no rule with this id; did you mean \"card/front-matter-present\"? Cardinal used the default for this setting." }],
    },
    {
      name: "a rule id without its domain",
      config: { rules: { "known-keys": "off" } },
      files: {},
      findings: [{ line: null, message: "`rules.known-keys`: there is no rule with this id; did you mean \"card/known-keys\"? Cardinal used the default for this setting." }],
    },
    {
      name: "bad severity and a wrong type",
      config: { rules: { "card/front-matter-present": "fatal" }, review: { drafts: "yes" } },
      files: {},
      findings: [
        { line: null, message: "`rules.card/front-matter-present` must be off, notice, warning or error, not `fatal`. Cardinal used the default for this setting." },
        { line: null, message: "`review.drafts` must be true or false, not `yes`. Cardinal used the default for this setting." },
      ],
    },
    {
      name: "unknown nested key",
      config: { review: { draft: true } },
      files: {},
      findings: [{ line: null, message: "`review.draft`: unknown key; did you mean \"drafts\"? Cardinal used the default for this setting." }],
    },
    {
      name: "more than twenty unknown rule ids: twenty listed, the rest counted",
      config: { rules: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`made/up-${i}`, "off"])) },
      files: {},
      // The engine folds the twenty alike findings into one.
      findings: [
        { line: null, message: "`rules.made/up-0`: there is no rule with this id. Cardinal used the default for this setting. The same problem appears 19 more times." },
        { line: null, message: "`rules`: and 5 more unknown rule ids (only the first 20 are listed). Cardinal used the default for this setting." },
      ],
    },
    {
      name: "a configuration that is not a mapping",
      config: ["rules"],
      files: {},
      findings: [{ line: null, message: "The configuration must be a mapping of settings (such as `rules:` or `exclude:`), not a list. Cardinal applied none of the file and used its defaults." }],
    },
    {
      name: "a pull request that breaks the configuration, with the line",
      pullRequest: true,
      files: { ".github/cardinal.yml": "comment: findings\nrules:\n  card/front-matter-present: loud\n" },
      findings: [{ path: ".github/cardinal.yml", line: 3, title: "This change breaks Cardinal's configuration", message: "`rules.card/front-matter-present` must be off, notice, warning or error, not `loud`. Once merged, Cardinal would use the default for this setting." }],
    },
    {
      name: "an item of a list that is left out: the words say the entry, not the setting",
      config: { exclude: ["legacy/**", ""] },
      files: {},
      findings: [
        {
          line: null,
          message: "`exclude.1` must be a path pattern (a glob such as `legacy/**`), not an empty text. Cardinal left this entry out of the list.",
          hint: "Fix the setting in `.github/cardinal.yml`; `docs/configuration.md` lists every key.",
        },
      ],
    },
    {
      name: "a pull request that breaks an item of a list: once merged, that entry would be left out",
      pullRequest: true,
      files: { ".github/cardinal.yml": "exclude:\n  - legacy/**\n  - ''\n" },
      findings: [
        {
          path: ".github/cardinal.yml",
          line: 3,
          title: "This change breaks Cardinal's configuration",
          message: "`exclude.1` must be a path pattern (a glob such as `legacy/**`), not an empty text. Once merged, Cardinal would leave this entry out of the list.",
          hint: "Fix the setting before merging; `docs/configuration.md` lists every key.",
        },
      ],
    },
    {
      name: "a pull request that repeats a key",
      pullRequest: true,
      files: { ".github/cardinal.yml": "review:\n  drafts: true\n  bots: true\n  drafts: false\n" },
      findings: [{ line: 4, message: "The file is not valid YAML: the key `drafts` appears twice in one mapping (the second time on line 4). Once merged, Cardinal would apply none of the file." }],
    },
    {
      name: "a pull request that makes the configuration invalid YAML",
      pullRequest: true,
      files: { ".github/cardinal.yml": "rules:\n  a: [b\n" },
      // The parser stops where the file ends (line 3); the reader needs the line the `[` was opened on.
      findings: [{ line: 2, message: "The file is not valid YAML: the `[` on line 2 is never closed with `]`. Once merged, Cardinal would apply none of the file.", hint: "Fix the file before merging; otherwise Cardinal falls back to its defaults." }],
    },
    {
      name: "the CLI's file with a broken setting: the line, plain words, and the file to fix",
      configText: "comment: always\nrules:\n  - card/front-matter-present\n",
      files: {},
      findings: [
        {
          path: ".github/cardinal.yml",
          line: 2,
          message: "`rules` must be a mapping of rule ids to levels (off, notice, warning, error), not a list. Cardinal used the default for this setting.",
          hint: "Fix the setting in `.github/cardinal.yml`; `docs/configuration.md` lists every key.",
        },
      ],
    },
    {
      name: "the CLI's file that is not valid YAML: at the line of the unclosed brace, and none of it applied",
      configText: "comment: always\nrules: {card/front-matter-valid-yaml: off\n",
      files: {},
      findings: [
        {
          line: 2,
          message: "The file is not valid YAML: the `{` on line 2 is never closed with `}`. Cardinal applied none of the file and used its defaults.",
          hint: "Fix the file in `.github/cardinal.yml`; `docs/configuration.md` lists every key.",
        },
      ],
    },
    {
      name: "the app's file on the default branch: the hint says where the app reads it",
      pullRequest: true,
      configText: "review:\n  drafts: yes please\n",
      files: { "README.md": "---\nlicense: mit\n---\n" },
      findings: [
        {
          line: 2,
          message: "`review.drafts` must be true or false, not `yes please`. Cardinal used the default for this setting.",
          hint: "Fix the setting in `.github/cardinal.yml` on the default branch; `docs/configuration.md` lists every key.",
        },
      ],
    },
    {
      name: "the organisation's file: its line in the words, no annotation in this repository's (absent) file",
      pullRequest: true,
      configText: "hub: maybe\n",
      configOrigin: "acme/.github:.github/cardinal.yml",
      files: { "README.md": "---\nlicense: mit\n---\n" },
      findings: [
        {
          line: null, message: "Line 1 of `acme/.github:.github/cardinal.yml`: `hub` must be true or false, not `maybe`. Cardinal used the default for this setting.",
          hint: "Fix the setting in `acme/.github:.github/cardinal.yml`, on that repository's default branch (your organisation's defaults); `docs/configuration.md` lists every key.",
        },
      ],
    },
    {
      name: "the organisation's file given without its text: no line to name, the origin in the hint",
      pullRequest: true,
      config: { hub: "maybe" },
      configOrigin: "acme/.github:.github/cardinal.yml",
      files: {},
      findings: [
        {
          line: null,
          message: "`hub` must be true or false, not `maybe`. Cardinal used the default for this setting.",
          hint: "Fix the setting in `acme/.github:.github/cardinal.yml`, on that repository's default branch (your organisation's defaults); `docs/configuration.md` lists every key.",
        },
      ],
    },
    {
      name: "the organisation's file that is not valid YAML: the file to fix is the organisation's",
      pullRequest: true,
      configText: "rules: [b\n",
      configOrigin: "acme/.github:.github/cardinal.yml",
      files: {},
      findings: [
        {
          line: null,
          message: "Line 1 of `acme/.github:.github/cardinal.yml`: The file is not valid YAML: the `[` on line 1 is never closed with `]`. Cardinal applied none of the file and used its defaults.",
          hint: "Fix the file in `acme/.github:.github/cardinal.yml`, on that repository's default branch (your organisation's defaults); `docs/configuration.md` lists every key.",
        },
      ],
    },
  ],
});

describe("cardinal/config-valid on problems from the loaders (the CLI's reader, the app's fetch)", () => {
  const folder = { source: "folder" as const, files: [] };
  const findingsFor = async (problems: ConfigProblem[], source: "folder" | "pull-request" = "folder") => {
    const result = await review({ workspace: { ...folder, source }, config: defaultConfig(), configSource: { path: ".github/cardinal.yml", problems }, rules: [rule] });
    return result.findings.map((f) => [f.ruleId, f.line ?? null, plain(f.message), f.hint && plain(f.hint)]);
  };

  it("a loader's plain message is shown as it is, with one stop added when it has none", async () => {
    expect(await findingsFor([{ key: "(file)", path: [], message: "The configuration could not be read (EACCES)", effect: "file" }], "pull-request")).toEqual([
      [
        "cardinal/config-valid",
        null,
        "The configuration could not be read (EACCES). Cardinal applied none of the file and used its defaults.",
        "Fix the file in `.github/cardinal.yml` on the default branch; `docs/configuration.md` lists every key.",
      ],
    ]);
  });

  it("a message that already ends a sentence (., ? or !) gets no second stop", async () => {
    const findings = await findingsFor([
      { key: "a", path: ["a"], message: "Is this a rule?", line: 2 },
      { key: "b", path: ["b"], message: "Broken!" },
      { key: "c", path: ["c"], message: prose("Ends in words.") },
    ]);
    // The report puts file-level findings first, then by line.
    expect(findings.map((f) => [f[1], f[2]])).toEqual([
      [null, "Broken! Cardinal used the default for this setting."],
      [null, "Ends in words. Cardinal used the default for this setting."],
      [2, "Is this a rule? Cardinal used the default for this setting."],
    ]);
  });

  it("a note says only what it says: no consequence is added", async () => {
    expect(await findingsFor([{ key: "(file)", path: [], message: prose("Read from the folder's parent"), effect: "note" }])).toEqual([
      ["cardinal/config-valid", null, "Read from the folder's parent.", "Fix the setting in `.github/cardinal.yml`; `docs/configuration.md` lists every key."],
    ]);
  });
});
