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
  ],
});
