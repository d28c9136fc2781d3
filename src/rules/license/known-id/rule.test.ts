import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "Hub ids", files: card("license: apache-2.0") },
    { name: "a list of Hub ids", files: card("license:\n- cc-by-4.0\n- odc-by") },
    { name: "other and unknown are Hub ids", files: card("license: other\nlicense_name: x\nlicense_link: https://x.test") },
    { name: "a dataset card", files: { "DATASET_CARD.md": "---\nlicense: cc-by-sa-4.0\n---\n" } },
  ],
  invalid: [
    { name: "SPDX case", files: card("license: Apache-2.0"), output: "---\nlicense: apache-2.0\n---\n# M\n",
      findings: [{ line: 2, column: 10, message: "`Apache-2.0` is not a Hub license id; the Hub's id for it is `apache-2.0`.", hint: "Write `apache-2.0`." }] },
    { name: "prose", files: card("license: MIT License"), output: "---\nlicense: mit\n---\n# M\n",
      findings: [{ line: 2, message: "`MIT License` is not a Hub license id; the Hub's id for it is `mit`." }] },
    { name: "or-later", files: card("license: GPL-3.0-or-later"), output: "---\nlicense: gpl-3.0\n---\n# M\n",
      findings: [{ line: 2, message: "`GPL-3.0-or-later` is not a Hub license id; the Hub's id for it is `gpl-3.0` (the Hub has one id per version, without `-or-later`)." }] },
    { name: "a list item", files: card("license:\n- mit\n- Apache 2.0"), output: "---\nlicense:\n- mit\n- apache-2.0\n---\n# M\n",
      findings: [{ line: 4, message: "`Apache 2.0` is not a Hub license id; the Hub's id for it is `apache-2.0`." }] },
    { name: "an SPDX expression", files: card("license: MIT OR Apache-2.0"), findings: [{ line: 2, message: "`MIT OR Apache-2.0` is an SPDX expression; the Hub takes license ids, several of them as a list.", hint: "Write `license:` as a list: `- mit / - apache-2.0`." }] },
    { name: "an SPDX expression of Hub ids: the list is certain", files: card("license: (mit AND apache-2.0)"), findings: [{ line: 2, column: 10, message: "`(mit AND apache-2.0)` is an SPDX expression; the Hub takes license ids, several of them as a list.", hint: "Write `license:` as a list: `- mit / - apache-2.0`." }] },
    { name: "an SPDX expression with a part of no certain id: no list offered", files: card("license: MIT OR my-company-license"), findings: [{ line: 2, message: "`MIT OR my-company-license` is an SPDX expression; the Hub takes license ids, several of them as a list.", hint: "Write each license's Hub id as an item of a `license:` list." }] },
    { name: "a version left out", files: card("license: apache-2"), output: "---\nlicense: apache-2.0\n---\n# M\n", findings: [{ line: 2, message: "`apache-2` is not a Hub license id; the Hub's id for it is `apache-2.0`.", hint: "Write `apache-2.0`." }] },
    { name: "no certain id", files: card("license: my-company-license"), findings: [{ line: 2, message: "`my-company-license` is not one of the Hub's license ids.", hint: "Use an id from the Hub's license list (docs: repositories-licenses), or `other` with `license_name` and `license_link` for a license that is not on it." }] },
  ],
});

describe("license/known-id fix", () => {
  it("replaces the value", async () => {
    const [f] = await runRule(rule, { name: "fix", files: card("license: cc-by-4") });
    expect(f?.fix).toEqual({ line: 2, endLine: 2, replacement: "license: cc-by-4.0" });
  });
});
