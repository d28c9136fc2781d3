import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (license: string, body: string) => `---\nlicense: ${license}\n---\n\n# M\n\n${body}\n`;

ruleTester(rule, {
  valid: [
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus)", files: { "README.md": corpusCard("facebook-bart-large-mnli") } },
    { name: "the field names the declared license", files: { "README.md": card("apache-2.0", "- **License:** apache-2.0") } },
    { name: "by name, in other words", files: { "README.md": card("apache-2.0", "- **License**: Apache 2.0") } },
    { name: "a Creative Commons link with the declared version", files: { "README.md": card("cc-by-sa-3.0", "- **License:** [CC BY-SA 3.0](https://creativecommons.org/licenses/by-sa/3.0/)") } },
    { name: "the label alone, the value on the next line", files: { "README.md": card("apache-2.0", "**License:**\nApache License 2.0") } },
    { name: "a name Cardinal cannot map to an id", files: { "README.md": card("apache-2.0", "- **License:** [TII Falcon LLM License](https://huggingface.co/tiiuae/falcon-40b/blob/main/LICENSE.txt).") } },
    { name: "only a guess (CC-BY-NC-ND without a version or a link)", files: { "README.md": card("cc-by-nc-4.0", "- **License:** CC-BY-NC-ND") } },
    { name: "the template's placeholder", files: { "README.md": card("mit", "- **License:** [More Information Needed]") } },
    { name: "license: other cannot be compared", files: { "README.md": card("other", "- **License:** MIT") } },
    { name: "no metadata block: nothing to compare with", files: { "README.md": "# M\n\n- **License:** MIT\n" } },
    { name: "inside a code block", files: { "README.md": card("mit", "```\nLicense: Apache 2.0\n```") } },
    { name: "a Creative Commons address the Hub has no id for, with words that name none", files: { "README.md": card("mit", "License: [X](https://creativecommons.org/licenses/by-xyz/4.0/)") } },
    { name: "a value longer than 80 characters is prose, not a name", files: { "README.md": card("mit", `License: ${"Apache ".repeat(12)}`) } },
    { name: "a family id (cc) cannot be compared", files: { "README.md": card("cc", "License: MIT") } },
    { name: "a list with other in it cannot be compared", files: { "README.md": card("[mit, other]", "- **License:** Apache 2.0") } },
    { name: "license: unknown cannot be compared", files: { "README.md": card("unknown", "License: MIT") } },
    { name: "the first License field is empty, and so is the next line: the later field is not the card's", files: { "README.md": card("apache-2.0", "License:\n\nLicense: MIT") } },
    { name: "a metadata block that is not at the top is not the metadata", files: { "README.md": "License: MIT\n---\nlicense: apache-2.0\n---\n" } },
    { name: "a later License field (a dataset's) is not the card's", files: { "README.md": card("mit", "- **License:** MIT\n\n## Data\n\n- **License:** CC BY 4.0") } },
  ],
  invalid: [
    {
      name: "the label alone, the value on the next line names another license",
      files: { "README.md": card("mit", "**License:**\nApache License 2.0") },
      findings: [{ line: 7, message: "The metadata declares `mit`, but the card's License field names `Apache License 2.0`, which is `apache-2.0`: the Hub shows the metadata's license, readers take the text's.", hint: "Make the two agree: fix whichever is wrong, the `license:` line or the card's License field." }],
    },
    {
      name: "three backticks inside a sentence open no code block",
      files: { "README.md": card("mit", "Write ``` to fence code.\n- **License:** Apache 2.0") },
      findings: [{ line: 8, message: "The metadata declares `mit`, but the card's License field names `Apache 2.0`, which is `apache-2.0`: the Hub shows the metadata's license, readers take the text's.", hint: "Make the two agree: fix whichever is wrong, the `license:` line or the card's License field." }],
    },
    {
      name: "the field on the file's last line, with no newline after it",
      files: { "README.md": "---\nlicense: mit\n---\nLicense: Apache 2.0" },
      findings: [{ line: 4, message: "The metadata declares `mit`, but the card's License field names `Apache 2.0`, which is `apache-2.0`: the Hub shows the metadata's license, readers take the text's.", hint: "Make the two agree: fix whichever is wrong, the `license:` line or the card's License field." }],
    },
    {
      name: "NonCommercial in the metadata, NoDerivatives in the text (h-text-to-video-ms-1.7b)",
      files: { "README.md": card("cc-by-nc-4.0", "- **Developed by:** [ModelScope](https://modelscope.cn/)\n- **License:**[ CC-BY-NC-ND](https://creativecommons.org/licenses/by-nc-nd/4.0/)") },
      findings: [
        {
          line: 8,
          message:
            "The metadata declares `cc-by-nc-4.0`, but the card's License field names `CC-BY-NC-ND` (linked to `https://creativecommons.org/licenses/by-nc-nd/4.0/`), which is `cc-by-nc-nd-4.0`: the Hub shows the metadata's license, readers take the text's.",
          hint: "Make the two agree: fix whichever is wrong, the `license:` line or the card's License field.",
        },
      ],
    },
    {
      name: "a plain name that certainly means another id",
      files: { "README.md": card("apache-2.0", "License: MIT") },
      findings: [{ line: 7, message: "The metadata declares `apache-2.0`, but the card's License field names `MIT`, which is `mit`: the Hub shows the metadata's license, readers take the text's." }],
    },
    {
      name: "CC0 by its public-domain address",
      files: { "README.md": card("mit", "- **License:** [Public domain](https://creativecommons.org/publicdomain/zero/1.0/)") },
      findings: [{ line: 7, message: "The metadata declares `mit`, but the card's License field names `Public domain` (linked to `https://creativecommons.org/publicdomain/zero/1.0/`), which is `cc0-1.0`: the Hub shows the metadata's license, readers take the text's." }],
    },
    {
      name: "a bare Creative Commons address is named once, not as linked to itself",
      files: { "README.md": card("mit", "License: https://creativecommons.org/licenses/by/4.0/") },
      findings: [{ line: 7, message: "The metadata declares `mit`, but the card's License field names `https://creativecommons.org/licenses/by/4.0/`, which is `cc-by-4.0`: the Hub shows the metadata's license, readers take the text's." }],
    },
    {
      name: "a link with no text is named by its address",
      files: { "README.md": card("mit", "License: [](https://creativecommons.org/licenses/by/4.0/)") },
      findings: [{ line: 7, message: "The metadata declares `mit`, but the card's License field names `https://creativecommons.org/licenses/by/4.0/`, which is `cc-by-4.0`: the Hub shows the metadata's license, readers take the text's." }],
    },
    {
      name: "the address's case does not matter",
      files: { "README.md": card("mit", "License: [CC](https://CreativeCommons.org/licenses/BY-SA/4.0/)") },
      findings: [{ line: 7, message: "The metadata declares `mit`, but the card's License field names `CC` (linked to `https://CreativeCommons.org/licenses/BY-SA/4.0/`), which is `cc-by-sa-4.0`: the Hub shows the metadata's license, readers take the text's." }],
    },
    {
      name: "a Hub id written as the Hub writes it, with a stop after it",
      files: { "README.md": card("mit", "License: apache-2.0.") },
      findings: [{ line: 7, message: "The metadata declares `mit`, but the card's License field names `apache-2.0`, which is `apache-2.0`: the Hub shows the metadata's license, readers take the text's." }],
    },
    {
      name: "an SPDX spelling",
      files: { "README.md": card("mit", "License: GPL-3.0") },
      findings: [{ line: 7, message: "The metadata declares `mit`, but the card's License field names `GPL-3.0`, which is `gpl-3.0`: the Hub shows the metadata's license, readers take the text's." }],
    },
    {
      name: "a ~~~ fence hides a field; Licence(s) is a label too",
      files: { "README.md": card("mit", "~~~\nLicense: Apache 2.0\n~~~\nLicence(s): Apache 2.0") },
      findings: [{ line: 10, message: "The metadata declares `mit`, but the card's License field names `Apache 2.0`, which is `apache-2.0`: the Hub shows the metadata's license, readers take the text's." }],
    },
    {
      name: "a * item with __ emphasis",
      files: { "README.md": card("mit", "* __License__: Apache 2.0") },
      findings: [{ line: 7, message: "The metadata declares `mit`, but the card's License field names `Apache 2.0`, which is `apache-2.0`: the Hub shows the metadata's license, readers take the text's." }],
    },
    {
      name: "several declared licenses, none of them the field's",
      files: { "README.md": "---\nlicense: [mit, bsd-3-clause]\n---\n# M\n\nLicense: Apache 2.0\n" },
      findings: [{ line: 6, message: "The metadata declares `mit, bsd-3-clause`, but the card's License field names `Apache 2.0`, which is `apache-2.0`: the Hub shows the metadata's license, readers take the text's." }],
    },
    {
      name: "a field right after the metadata block",
      files: { "README.md": "---\nlicense: apache-2.0\n---\nLicense: MIT\n" },
      findings: [{ line: 4, message: "The metadata declares `apache-2.0`, but the card's License field names `MIT`, which is `mit`: the Hub shows the metadata's license, readers take the text's." }],
    },
  ],
});
