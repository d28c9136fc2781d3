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
    { name: "a later License field (a dataset's) is not the card's", files: { "README.md": card("mit", "- **License:** MIT\n\n## Data\n\n- **License:** CC BY 4.0") } },
  ],
  invalid: [
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
  ],
});
