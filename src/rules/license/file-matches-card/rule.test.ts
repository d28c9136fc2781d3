import { readFileSync } from "node:fs";
import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { spdxLicenseText } from "../../../../test/license-texts.js";
import rule from "./rule.js";

const MIT = `MIT License\n\nCopyright (c) 2025 Acme AI\n\n${spdxLicenseText("MIT").split("\n").slice(4).join("\n")}`;
const APACHE = spdxLicenseText("Apache-2.0");
const card = (license: string) => `---\nlicense: ${license}\n---\n# M\n`;
const MODIFIED_MIT = MIT.replace("THE SOFTWARE IS PROVIDED", "The Software may only be used for non-commercial research and must never be sold or offered as part of a paid service.\n\nTHE SOFTWARE IS PROVIDED");
const LLAMA31 = readFileSync(new URL("../../../../test/fixtures/licenses/llama3.1-meta/LICENSE", import.meta.url), "utf8");
/** A clause added to section 1.b, as the LLAMA-LATXA 3.1 license does (scancode-toolkit#5130); the words are ours. */
const LATXA_LIKE = LLAMA31.replace(
  "iv. Your use of the Llama Materials",
  "v. You shall not use the Llama Materials or any derivative of them in any product offered outside the territory named in Schedule C without a separate written agreement with the Licensor.\n\niv. Your use of the Llama Materials",
);

ruleTester(rule, {
  valid: [
    { name: "real card coqui-xtts-v2 (test/fixtures/corpus)", files: { "README.md": corpusCard("coqui-xtts-v2") } },
    { name: "MIT card, MIT file", files: { "m/README.md": card("mit"), "m/LICENSE": MIT } },
    { name: "a list including the file's license", files: { "README.md": "---\nlicense: [apache-2.0, mit]\n---\n", LICENSE: MIT } },
    { name: "license: other is not compared", files: { "README.md": card("other"), LICENSE: MIT } },
    { name: "license: unknown is not compared", files: { "README.md": card("unknown"), LICENSE: MIT } },
    { name: "a family id (cc) is not compared", files: { "README.md": card("cc"), LICENSE: MIT } },
    { name: "a card that declares no license: license/declared's", files: { "README.md": "---\ntags: [a]\n---\n", LICENSE: MIT } },
    { name: "no LICENSE beside the card", files: { "m/README.md": card("apache-2.0"), LICENSE: MIT } },
    { name: "a file too short to identify", files: { "README.md": card("apache-2.0"), LICENSE: "See https://example.com/terms" } },
    { name: "the Llama 3.1 license as published, with the Acceptable Use Policy appended", files: { "README.md": card("llama3.1"), LICENSE: `${LLAMA31}\n\nLlama 3.1 Acceptable Use Policy\n\nMeta is committed to promoting safe and fair use of its tools and features, including Llama 3.1. If you access or use Llama 3.1, you agree to this Acceptable Use Policy.\n` } },
  ],
  invalid: [
    {
      name: "a modified MIT is not called MIT: it is likely a modified copy",
      files: { "README.md": card("apache-2.0"), LICENSE: MODIFIED_MIT },
      findings: [{ line: 2, severity: "warning", message: "The card declares `apache-2.0`, but `LICENSE` is likely a modified copy of the `mit` license (90% match), not the license the card names.", hint: "If the release is under the file's own terms, declare `license: other` with `license_name` and `license_link: LICENSE`; if it is under `mit` as published, replace `LICENSE` with the original text." }],
    },
    {
      name: "a Llama 3.1 text with an added clause (like LLAMA-LATXA's 1.b.v) under a llama3.1 card: a notice",
      files: { "README.md": card("llama3.1"), LICENSE: LATXA_LIKE },
      findings: [{ line: 2, severity: "notice", title: "LICENSE file is a changed copy of the card's license", message: "The card declares `llama3.1`, and `LICENSE` is likely a modified copy of that license (words are added inside it), so the card may not describe the terms the file sets." }],
    },
    {
      name: "a modified Llama 3.1 text under an Apache card: likely, never asserted",
      files: { "README.md": card("apache-2.0"), LICENSE: LATXA_LIKE },
      findings: [{ line: 2, severity: "warning", message: "The card declares `apache-2.0`, but `LICENSE` is likely a modified copy of the `llama3.1` license (90% match), not the license the card names." }],
    },
    {
      name: "the first part of the Llama 3.1 text under a llama3.1 card: a partial copy, a notice",
      files: { "README.md": card("llama3.1"), LICENSE: LLAMA31.slice(0, Math.floor(LLAMA31.length / 2)) },
      findings: [
        {
          line: 2,
          column: 10,
          severity: "notice",
          title: "LICENSE file is a changed copy of the card's license",
          message: "The card declares `llama3.1`, and `LICENSE` is likely a partial copy of that license (much of its text is missing), so the card may not describe the terms the file sets.",
          hint: "Put the whole text of the license the card names in `LICENSE`.",
        },
      ],
    },
    {
      name: "a partial Llama 3.1 text under an MIT card: likely another license",
      files: { "README.md": card("mit"), LICENSE: LLAMA31.slice(0, Math.floor(LLAMA31.length / 2)) },
      findings: [
        {
          line: 2,
          severity: "warning",
          title: "LICENSE file and card likely disagree",
          message: "The card declares `mit`, but `LICENSE` is likely a partial copy of the `llama3.1` license (90% match), not the license the card names.",
          hint: "Put the whole text of the license the card names in `LICENSE`.",
        },
      ],
    },
    {
      name: "Apache card, MIT file",
      files: { "README.md": card("apache-2.0"), LICENSE: MIT },
      findings: [{ line: 2, message: "The card declares `apache-2.0`, but `LICENSE` is the `mit` license (100% match).", hint: "Make them agree: if the release is under `mit`, write `license: mit`; otherwise replace `LICENSE` with the text of the license the card names." }],
    },
    {
      name: "the LICENSE file already in the repository; the card misspelled",
      files: { "README.md": card("MIT") },
      repo: { LICENSE: APACHE },
      findings: [{ line: 2, message: "The card declares `mit`, but `LICENSE` is the `apache-2.0` license (100% match)." }],
    },
  ],
});
