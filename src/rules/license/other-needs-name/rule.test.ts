import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => `---\nlicense: other\n${yaml}\n---\n# M\n`;

ruleTester(rule, {
  valid: [
    { name: "real card coqui-xtts-v2 (test/fixtures/corpus)", files: { "README.md": corpusCard("coqui-xtts-v2") } },
    { name: "name and URL", files: { "README.md": card("license_name: coqui-public-model-license\nlicense_link: https://coqui.ai/cpml") } },
    { name: "name and a LICENSE file in the PR", files: { "m/README.md": card("license_name: acme-model-license\nlicense_link: LICENSE"), "m/LICENSE": "terms" }, repo: {} },
    { name: "LICENSE file already in the repository", files: { "README.md": card("license_name: acme\nlicense_link: LICENSE.md") }, repo: { "LICENSE.md": "terms" } },
    { name: "not other", files: { "README.md": "---\nlicense: mit\n---\n" } },
    { name: "an http address, in capitals, is an address", files: { "README.md": card("license_name: acme\nlicense_link: HTTP://a.test/x") } },
    { name: "a link from the repository's root, to a file that is there", files: { "m/README.md": card("license_name: acme\nlicense_link: /TERMS.md") }, repo: { "TERMS.md": "terms" } },
    { name: "a pull request Cardinal cannot see around: a file it cannot find may still be there", pullRequest: true, files: { "m/README.md": card("license_name: acme\nlicense_link: TERMS.md") } },
  ],
  invalid: [
    {
      name: "neither name nor link (the Hacktoberfest case)",
      files: { "README.md": card("tags: [a]") },
      findings: [
        {
          line: 2,
          message: "The model card declares `license: other` with neither a `license_name` nor a `license_link`: nobody can tell which license it is or read its terms.",
          hint: "Add `license_name:` with a short lower-case id for the license (for example `coqui-public-model-license`) and `license_link:` with the address of its text, or `LICENSE` with the text in a LICENSE file beside the card.",
        },
      ],
    },
    { name: "a name that is not an id", files: { "README.md": card("license_name: Acme Model License\nlicense_link: https://a.test") }, output: "---\nlicense: other\nlicense_name: acme-model-license\nlicense_link: https://a.test\n---\n# M\n",
      findings: [{ line: 3, message: "`license_name` is `Acme Model License`; the Hub expects a short lower-case id with hyphens.", hint: "Write `acme-model-license`." }] },
    { name: "a link to a missing file", files: { "m/README.md": card("license_name: acme\nlicense_link: LICENSE") }, repo: {}, findings: [{ line: 4, message: "`license_link` points to `LICENSE`, but there is no `m/LICENSE` in the repository." }] },
    { name: "a link that is neither", files: { "README.md": card("license_name: acme\nlicense_link: ftp://x/y") }, findings: [{ line: 4, message: "`license_link` is `ftp://x/y`, which is neither an https address nor a file in the repository." }] },
    {
      name: "a link but no name",
      files: { "README.md": card("license_link: https://a.test") },
      findings: [{ line: 2, message: "The model card declares `license: other` but no `license_name`.", hint: "Add `license_name:` with a short lower-case id for the license, for example `coqui-public-model-license`." }],
    },
    {
      name: "a name that is a list is no name",
      files: { "README.md": card("license_name: [a]\nlicense_link: https://a.test") },
      findings: [{ line: 2, message: "The model card declares `license: other` but no `license_name`." }],
    },
    {
      name: "a name with no letters or digits: no id to offer, and no fix",
      files: { "README.md": card("license_name: \"!!!\"\nlicense_link: https://a.test") },
      output: null,
      findings: [{ line: 3, column: 15, message: "`license_name` is `!!!`; the Hub expects a short lower-case id with hyphens.", hint: "Use lower-case letters, digits, `.` and `-`." }],
    },
    {
      name: "a name but no link",
      files: { "README.md": card("license_name: acme") },
      findings: [{ line: 2, message: "The model card declares `license: other` but no `license_link` to the license's text.", hint: "Add `license_link: LICENSE` with the text in a LICENSE file beside the card, or the address of the license's text." }],
    },
    {
      name: "a name to reshape and no link: both said",
      files: { "README.md": card("license_name: Acme Terms") },
      output: "---\nlicense: other\nlicense_name: acme-terms\n---\n# M\n",
      findings: [
        { line: 2, message: "The model card declares `license: other` but no `license_link` to the license's text." },
        { line: 3, column: 15, message: "`license_name` is `Acme Terms`; the Hub expects a short lower-case id with hyphens.", hint: "Write `acme-terms`." },
      ],
    },
    {
      name: "empty name and link are none",
      files: { "README.md": card("license_name: ''\nlicense_link: ''") },
      findings: [{ line: 2, message: "The model card declares `license: other` with neither a `license_name` nor a `license_link`: nobody can tell which license it is or read its terms." }],
    },
    {
      name: "a dataset card, in its own words",
      files: { "README.md": "---\nlicense: other\ntask_categories: [text-classification]\n---\n" },
      findings: [{ line: 2, message: "The dataset card declares `license: other` with neither a `license_name` nor a `license_link`: nobody can tell which license it is or read its terms." }],
    },
    {
      name: "other as an item of a list: at the item",
      files: { "README.md": "---\nlicense:\n- mit\n- other\nlicense_link: https://a.test\n---\n" },
      findings: [{ line: 4, message: "The model card declares `license: other` but no `license_name`." }],
    },
    {
      name: "./ is the card's folder",
      files: { "m/README.md": card("license_name: acme\nlicense_link: ./TERMS.md") },
      repo: {},
      findings: [{ line: 4, column: 15, message: "`license_link` points to `./TERMS.md`, but there is no `m/TERMS.md` in the repository.", hint: "Add the license's text at that path, or fix the link." }],
    },
    {
      name: "a leading / is the repository's root",
      files: { "m/README.md": card("license_name: acme\nlicense_link: /TERMS.md") },
      repo: {},
      findings: [{ line: 4, message: "`license_link` points to `/TERMS.md`, but there is no `TERMS.md` in the repository." }],
    },
    {
      name: "another scheme than http(s)",
      files: { "README.md": card("license_name: acme\nlicense_link: mailto:legal@a.test") },
      findings: [{ line: 4, column: 15, message: "`license_link` is `mailto:legal@a.test`, which is neither an https address nor a file in the repository.", hint: "Use an `https://` address or the path of a LICENSE file in the repository." }],
    },
  ],
});
