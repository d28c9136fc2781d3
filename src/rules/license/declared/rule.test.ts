import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { describe, expect, it } from "vitest";
import { spdxLicenseText } from "../../../../test/license-texts.js";
import { runRule } from "../../../../test/rule-tester.js";
import { plain } from "../../../core/text.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "licenses: (the old name) is card/known-keys' finding, with its rename", files: { "README.md": "---\nlicenses:\n- mit\n---\n# x\n" } },
    { name: "licence: with a value, the same", files: { "README.md": "---\nlicence: mit\n---\n# x\n" } },
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus)", files: { "README.md": corpusCard("facebook-bart-large-mnli") } },
    { name: "a license", files: { "README.md": "---\nlicense: apache-2.0\n---\n" } },
    { name: "a list of licenses", files: { "DATASET_CARD.md": "---\nlicense: [cc-by-4.0, odc-by]\n---\n" } },
    { name: "a MODEL_CARD.md without metadata: no Hub page reads it", files: { "MODEL_CARD.md": "# x\n" } },
    {
      name: "no metadata, but a LICENSE above the card's folder",
      files: { "models/m/README.md": "# M\n", "models/m/model.safetensors": "x", LICENSE: "MIT License\n" },
    },
    {
      name: "no metadata in a pull request Cardinal cannot see around",
      pullRequest: true,
      files: { "README.md": "# M\n", "model.safetensors": "x" },
    },
    {
      name: "no metadata in a pull request, with the repository's LICENSE above",
      pullRequest: true,
      files: { "m/README.md": "# M\n", "m/model.safetensors": "x" },
      repo: { LICENSE: "MIT License\n" },
    },
    {
      name: "a misplaced block with a license is front-matter-present's finding",
      files: { "README.md": "# M\n\n---\nlicense: mit\n---\n", "model.safetensors": "x" },
    },
    { name: "a README that is not a card", files: { "README.md": "# lib\n" } },
    { name: "a README in a docs folder is no Hub card", files: { "docs/README.md": "# Docs\n" } },
    { name: "a metadata block that is not valid YAML is the YAML rules'", files: { "README.md": "---\nlicense: [\n---\n# M\n" } },
  ],
  invalid: [
    {
      name: "a Llama LoRA: the hint names the license the base model's name says, not a generic example",
      files: { "README.md": "---\nbase_model: unsloth/Meta-Llama-3.1-8B-Instruct\n---\n# A LoRA\n\nA LoRA adapter.\n" },
      findings: [
        {
          line: 1,
          message: "The model card declares no `license`.",
          hint: "The `base_model` `unsloth/Meta-Llama-3.1-8B-Instruct` is, by its name, Llama 3.1, released under the Llama 3.1 Community License: a model made from it usually keeps those terms. If it does, add `license: llama3.1`; otherwise add the Hub id of the license you release it under.",
        },
      ],
    },
    {
      name: "a base under a license without a Hub id: license other, with its name and link",
      files: { "README.md": "---\nbase_model: mistralai/Mistral-Large-Instruct-2411\n---\n# A fine-tune\n" },
      findings: [
        {
          line: 1,
          message: "The model card declares no `license`.",
          hint: "The `base_model` `mistralai/Mistral-Large-Instruct-2411` is, by its name, Mistral Large, released under the Mistral AI Research License: a model made from it usually keeps those terms. If it does, add `license: other` with `license_name: mrl` and `license_link: https://mistral.ai/licenses/MRL-0.1.md`; otherwise add the Hub id of the license you release it under.",
        },
      ],
    },
    {
      name: "an empty licenses: leaves nothing to rename: the card declares no license",
      files: { "README.md": "---\nlicenses:\n---\n# x\n" },
      findings: [{ line: 1, message: "The model card declares no `license`." }],
    },
    {
      name: "no license key",
      files: { "README.md": "---\nlibrary_name: transformers\n---\n# M\n" },
      findings: [{ line: 1, message: "The model card declares no `license`.", hint: "Add `license:` with a Hub license id (for example `apache-2.0`, `mit`, `cc-by-4.0`), and for a license of your own `license: other` with `license_name` and `license_link`." }],
    },
    {
      name: "an empty license",
      files: { "README.md": "---\nlicense:\ntags: [a]\n---\n" },
      findings: [{ line: 2, message: "The model card has a `license` key with no value." }],
    },
    {
      name: "a LICENSE file but no declared license",
      files: { "models/m/README.md": "---\npipeline_tag: fill-mask\n---\n", "models/m/LICENSE": "MIT License\n" },
      findings: [{ line: 1, message: "The model card declares no `license`, although `models/m/LICENSE` is in the repository.", hint: "Add `license:` with the Hub id of the license in `models/m/LICENSE`, or `license: other` with `license_name` and `license_link: LICENSE`." }],
    },
    {
      name: "a dataset card",
      files: { "README.md": "---\ntask_categories: [text-classification]\n---\n" },
      findings: [{ line: 1, message: "The dataset card declares no `license`." }],
    },
    {
      name: "no metadata and no license anywhere",
      files: { "README.md": "# M\n\nA model.\n<!-- - **License:** Unknown -->\n", "model.safetensors": "x" },
      findings: [{ line: 1, message: "The model card declares no license anywhere: it has no metadata block, no LICENSE file is in its folder or above it, and its text does not mention one." }],
    },
    {
      name: "no metadata, and the text speaks of a license (a hidden template line does not count)",
      files: { "README.md": "# M\n<!-- License: Unknown -->\n\n## Licence\n\nSame terms as the base model.\n", "model.safetensors": "x" },
      findings: [{ line: 1, message: "The model card has no metadata block, so the license its text speaks of (line 4) is not declared: the Hub shows no license for it." }],
    },
    {
      name: "no metadata in a pull request: the text's license is still not declared",
      pullRequest: true,
      files: { "README.md": "# M\n\nLicensed under MIT.\n", "model.safetensors": "x" },
      findings: [{ line: 1, message: "The model card has no metadata block, so the license its text speaks of (line 3) is not declared: the Hub shows no license for it." }],
    },
    {
      name: "a misplaced block that names no license either",
      files: { "README.md": "# D\n\n---\ntask_categories: [summarization]\n---\n\n## Licensing Information\n", "dataset_infos.json": "{}" },
      findings: [{ line: 1, message: "The dataset card has no metadata block the Hub reads, and the misplaced one names no license, so the license its text speaks of (line 7) is not declared: the Hub shows no license for it.", hint: "Move the metadata block to the top of the file and add `license:` with the license's Hub id (or `license: other` with `license_name` and `license_link`)." }],
    },
    {
      name: "no metadata in a pull request, and the repository has no LICENSE",
      pullRequest: true,
      files: { "m/README.md": "# M\n", "m/model.safetensors": "x" },
      repo: { "other/LICENSE": "MIT License\n" },
      findings: [{ line: 1, path: "m/README.md", message: "The model card declares no license anywhere: it has no metadata block, no LICENSE file is in its folder or above it, and its text does not mention one." }],
    },
    {
      name: "no metadata and a LICENSE Cardinal cannot name",
      files: { "README.md": "# D\n\n## License\n\nCC BY 4.0\n", "dataset_infos.json": "{}", LICENSE: "See the deed.\n" },
      findings: [{ line: 1, message: "The dataset card declares no `license` (it has no metadata block), although `LICENSE` is in the repository.", hint: "Start the file with a metadata block that declares the license in `LICENSE`: `---`, `license:` with its Hub id (or `license: other` with `license_name` and `license_link: LICENSE`), `---`." }],
    },
    {
      name: "an identified LICENSE file: the fix declares its license",
      files: { "README.md": "---\npipeline_tag: fill-mask\n---\n# M\n", LICENSE: spdxLicenseText("Apache-2.0") },
      findings: [
        {
          line: 1,
          message: "The model card declares no `license`, although `LICENSE` is in the repository.",
          hint: "`LICENSE` is the `apache-2.0` license: add `license: apache-2.0` to the metadata.",
        },
      ],
      output: "---\npipeline_tag: fill-mask\nlicense: apache-2.0\n---\n# M\n",
    },
    {
      name: "an identified LICENSE and an empty license key: the fix fills it in",
      files: { "README.md": "---\nlicense:\ntags: [a]\n---\n# M\n", LICENSE: spdxLicenseText("Apache-2.0") },
      findings: [{ line: 2, message: "The model card has a `license` key with no value." }],
      output: "---\nlicense: apache-2.0\ntags: [a]\n---\n# M\n",
    },
    {
      name: "an identified LICENSE and no metadata block: a new block, in the card's CRLF",
      files: { "README.md": "# M\r\n\r\nText.\r\n", "model.safetensors": "x", LICENSE: spdxLicenseText("Apache-2.0") },
      findings: [{ line: 1, message: "The model card declares no `license` (it has no metadata block), although `LICENSE` is the `apache-2.0` license." }],
      output: "---\r\nlicense: apache-2.0\r\n---\r\n# M\r\n\r\nText.\r\n",
    },
    {
      name: "a misplaced block and an identified LICENSE: said, but no fix (a new block would make two)",
      files: { "README.md": "# M\n\n---\ntags: [a]\n---\n", "model.safetensors": "x", LICENSE: spdxLicenseText("Apache-2.0") },
      output: null,
      findings: [
        {
          line: 1,
          message: "The model card declares no `license` (its metadata block, which the Hub ignores where it stands, names no license either), although `LICENSE` is the `apache-2.0` license.",
          hint: "Move the metadata block to the top of the file and add `license: apache-2.0` to it.",
        },
      ],
    },
    {
      name: "a misplaced block and a LICENSE Cardinal cannot name",
      files: { "README.md": "# M\n\n---\ntags: [a]\n---\n", "model.safetensors": "x", LICENSE: "See the deed.\n" },
      findings: [
        {
          line: 1,
          message: "The model card declares no `license` (its metadata block, which the Hub ignores where it stands, names no license either), although `LICENSE` is in the repository.",
          hint: "Move the metadata block to the top of the file and add `license:` with the Hub id of the license in `LICENSE` (or `license: other` with `license_name` and `license_link: LICENSE`).",
        },
      ],
    },
    {
      name: "a misplaced block and no license anywhere",
      files: { "README.md": "# M\n\n---\ntags: [a]\n---\n", "model.safetensors": "x" },
      findings: [
        {
          line: 1,
          message: "The model card declares no license anywhere: its metadata block, which the Hub ignores where it stands, names no license either, no LICENSE file is in its folder or above it, and its text does not mention one.",
          hint: "Say what users may do with it: move the metadata block to the top of the file and add `license:` with a Hub license id such as `apache-2.0`; for a license the Hub does not list, `license: other` with `license_name` and `license_link`.",
        },
      ],
    },
    {
      name: "no block and no license anywhere: the hint says how to start the block",
      files: { "README.md": "# M\n\nA model.\n", "model.safetensors": "x" },
      findings: [
        {
          line: 1,
          message: "The model card declares no license anywhere: it has no metadata block, no LICENSE file is in its folder or above it, and its text does not mention one.",
          hint: "Say what users may do with it: start the file with a metadata block (`---`, `license:` with a Hub license id such as `apache-2.0`, `---`); for a license the Hub does not list, `license: other` with `license_name` and `license_link`.",
        },
      ],
    },
    {
      name: "a mention inside a comment that never closes is hidden too",
      files: { "README.md": "# M\n<!-- hidden license\n", "model.safetensors": "x" },
      findings: [{ line: 1, message: "The model card declares no license anywhere: it has no metadata block, no LICENSE file is in its folder or above it, and its text does not mention one." }],
    },
    {
      name: "the first mention after two comments",
      files: { "README.md": "# M\n<!-- a -->\n<!-- license -->\nLICENCE here\n", "model.safetensors": "x" },
      findings: [
        {
          line: 1,
          message: "The model card has no metadata block, so the license its text speaks of (line 4) is not declared: the Hub shows no license for it.",
          hint: "Start the file with a metadata block that declares it: `---`, `license:` with the license's Hub id (or `license: other` with `license_name` and `license_link`), `---`.",
        },
      ],
    },
    {
      name: "a mention before a comment",
      files: { "README.md": "# M\nLicensed.\n<!-- x -->\n", "model.safetensors": "x" },
      findings: [{ line: 1, message: "The model card has no metadata block, so the license its text speaks of (line 2) is not declared: the Hub shows no license for it." }],
    },
    {
      name: "an empty license and a base whose name says its family: the family's license is the hint",
      files: { "README.md": "---\nlicense:\nbase_model: meta-llama/Llama-3.1-8B\n---\n# M\n" },
      findings: [
        {
          line: 2,
          message: "The model card has a `license` key with no value.",
          hint: "The `base_model` `meta-llama/Llama-3.1-8B` is, by its name, Llama 3.1, released under the Llama 3.1 Community License: a model made from it usually keeps those terms. If it does, add `license: llama3.1`; otherwise add the Hub id of the license you release it under.",
        },
      ],
    },
    {
      name: "a base whose family has a Hub id and no license name (Gemma)",
      files: { "README.md": "---\nbase_model: google/gemma-2-9b\n---\n# M\n" },
      findings: [
        {
          line: 1,
          message: "The model card declares no `license`.",
          hint: "The `base_model` `google/gemma-2-9b` is, by its name, Gemma 2, released under the Gemma Terms of Use: a model made from it usually keeps those terms. If it does, add `license: gemma`; otherwise add the Hub id of the license you release it under.",
        },
      ],
    },
    {
      name: "licence: with a value that is no license list is no rename: the card declares no license",
      files: { "README.md": "---\nlicence: [1, 2]\n---\n# M\n" },
      findings: [{ line: 1, message: "The model card declares no `license`." }],
    },
    {
      name: "an empty licence: is no rename either",
      files: { "README.md": "---\nlicence:\n---\n# M\n" },
      findings: [{ line: 1, message: "The model card declares no `license`." }],
    },
  ],
});

describe("license/declared with an identified LICENSE file", () => {
  it("offers the license of the file, as a fix", async () => {
    const [f] = await runRule(rule, {
      name: "apache file",
      files: { "README.md": "---\npipeline_tag: fill-mask\n---\n# M\n", LICENSE: spdxLicenseText("Apache-2.0") },
    });
    expect(f?.fix).toEqual({ line: 3, endLine: 3, replacement: "license: apache-2.0\n---" });
    expect(plain(f?.hint ?? [])).toBe("`LICENSE` is the `apache-2.0` license: add `license: apache-2.0` to the metadata.");
  });
});

describe("license/declared on a card with no metadata block", () => {
  it("declares the identified LICENSE in a new block, keeping the first line and its line ending", async () => {
    const [f] = await runRule(rule, {
      name: "apache file, no block",
      files: { "README.md": "# M\r\n\r\nText.\r\n", "model.safetensors": "x", LICENSE: spdxLicenseText("Apache-2.0") },
    });
    expect(plain(f!.message)).toBe("The model card declares no `license` (it has no metadata block), although `LICENSE` is the `apache-2.0` license.");
    expect(f?.fix).toEqual({ line: 1, endLine: 1, replacement: "---\r\nlicense: apache-2.0\r\n---\r\n# M" });
  });
});
