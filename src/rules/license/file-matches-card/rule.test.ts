import { ruleTester } from "../../../../test/rule-tester.js";
import { spdxLicenseText } from "../../../../test/license-texts.js";
import rule from "./rule.js";

const MIT = `MIT License\n\nCopyright (c) 2025 Acme AI\n\n${spdxLicenseText("MIT").split("\n").slice(4).join("\n")}`;
const APACHE = spdxLicenseText("Apache-2.0");
const card = (license: string) => `---\nlicense: ${license}\n---\n# M\n`;

ruleTester(rule, {
  valid: [
    { name: "MIT card, MIT file", files: { "m/README.md": card("mit"), "m/LICENSE": MIT } },
    { name: "a list including the file's license", files: { "README.md": "---\nlicense: [apache-2.0, mit]\n---\n", LICENSE: MIT } },
    { name: "license: other is not compared", files: { "README.md": card("other"), LICENSE: MIT } },
    { name: "a file too short to identify", files: { "README.md": card("apache-2.0"), LICENSE: "See https://example.com/terms" } },
    { name: "a modified MIT is not called MIT with confidence", files: { "README.md": card("apache-2.0"), LICENSE: MIT.replace("THE SOFTWARE IS PROVIDED", "The Software may only be used for non-commercial research and must never be sold or offered as part of a paid service.\n\nTHE SOFTWARE IS PROVIDED") } },
  ],
  invalid: [
    {
      name: "Apache card, MIT file",
      files: { "README.md": card("apache-2.0"), LICENSE: MIT },
      findings: [{ line: 2, message: "The card declares `apache-2.0`, but `LICENSE` is the `mit` license (100% match).", hint: "`license: mit`" }],
    },
    {
      name: "the LICENSE file already in the repository; the card misspelled",
      files: { "README.md": card("MIT") },
      repo: { LICENSE: APACHE },
      findings: [{ message: "The card declares `mit`, but `LICENSE` is the `apache-2.0` license" }],
    },
  ],
});
