import { ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
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
      name: "the configuration file in a folder is judged once, as the loaded configuration",
      files: { ".github/cardinal.yml": "rulez: {}\n" },
    },
  ],
  invalid: [
    {
      name: "unknown top-level key, with a suggestion",
      config: { rulez: {} },
      files: {},
      findings: [{ path: ".github/cardinal.yml", message: 'rulez`: unknown key; did you mean "rules"?' }],
    },
    {
      name: "unknown rule id, with a suggestion",
      config: { rules: { "card/front-matter-presnt": "off" } },
      files: {},
      findings: [{ message: 'there is no rule with this id; did you mean "card/front-matter-present"?' }],
    },
    {
      name: "bad severity and a wrong type",
      config: { rules: { "card/front-matter-present": "fatal" }, review: { drafts: "yes" } },
      files: {},
      findings: [
        { message: /rules\.card\/front-matter-present`: must be one of "off", "error", "warning", "notice"/ },
        { message: /review\.drafts`: must be boolean/ },
      ],
    },
    {
      name: "unknown nested key",
      config: { review: { draft: true } },
      files: {},
      findings: [{ message: "review.draft`: unknown key `draft`." }],
    },
    {
      name: "more than twenty unknown rule ids: twenty listed, the rest counted",
      config: { rules: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`made/up-${i}`, "off"])) },
      files: {},
      // The engine folds the twenty alike findings into one.
      findings: [
        { message: "`rules.made/up-0`: there is no rule with this id. Cardinal used the default for this setting. The same problem appears 19 more times." },
        { message: "`rules`: and 5 more unknown rule ids (only the first 20 are listed)." },
      ],
    },
    {
      name: "a configuration that is not a mapping",
      config: ["rules"],
      files: {},
      findings: [{ message: "must be a mapping" }],
    },
    {
      name: "a pull request that breaks the configuration, with the line",
      pullRequest: true,
      files: { ".github/cardinal.yml": "comment: findings\nrules:\n  card/front-matter-present: loud\n" },
      findings: [{ path: ".github/cardinal.yml", line: 3, title: "This change breaks Cardinal's configuration", message: "Once merged" }],
    },
    {
      name: "a pull request that repeats a key",
      pullRequest: true,
      files: { ".github/cardinal.yml": "review:\n  drafts: true\n  bots: true\n  drafts: false\n" },
      findings: [{ line: 4, message: "not valid YAML: the key `drafts` appears twice in one mapping." }],
    },
    {
      name: "a pull request that makes the configuration invalid YAML",
      pullRequest: true,
      files: { ".github/cardinal.yml": "rules:\n  a: [b\n" },
      findings: [{ line: 3, message: "not valid YAML" }],
    },
  ],
});
