import { ruleTester } from "../../../../test/rule-tester.js";
import { describe, expect, it } from "vitest";
import { spdxLicenseText } from "../../../../test/license-texts.js";
import { runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

ruleTester(rule, {
  valid: [
    { name: "a license", files: { "README.md": "---\nlicense: apache-2.0\n---\n" } },
    { name: "a list of licenses", files: { "DATASET_CARD.md": "---\nlicense: [cc-by-4.0, odc-by]\n---\n" } },
    { name: "no metadata is another rule's finding", files: { "MODEL_CARD.md": "# x\n" } },
    { name: "a README that is not a card", files: { "README.md": "# lib\n" } },
  ],
  invalid: [
    {
      name: "no license key",
      files: { "README.md": "---\nlibrary_name: transformers\n---\n# M\n" },
      findings: [{ line: 1, message: "The model card declares no `license`.", hint: "Add `license:`" }],
    },
    {
      name: "an empty license",
      files: { "README.md": "---\nlicense:\ntags: [a]\n---\n" },
      findings: [{ line: 2, message: "has a `license` key with no value" }],
    },
    {
      name: "a LICENSE file but no declared license",
      files: { "models/m/README.md": "---\npipeline_tag: fill-mask\n---\n", "models/m/LICENSE": "MIT License\n" },
      findings: [{ message: "declares no `license`, although `models/m/LICENSE` is in the repository", hint: "the license in `models/m/LICENSE`" }],
    },
    {
      name: "a dataset card",
      files: { "README.md": "---\ntask_categories: [text-classification]\n---\n" },
      findings: [{ message: "The dataset card declares no `license`." }],
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
    expect(f?.hint).toEqual([{ code: "LICENSE" }, " is the ", { code: "apache-2.0" }, " license: add ", { code: "license: apache-2.0" }, " to the metadata."]);
  });
});
