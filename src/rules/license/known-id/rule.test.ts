import { describe, expect, it } from "vitest";
import { ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [
    { name: "Hub ids", files: card("license: apache-2.0") },
    { name: "a list of Hub ids", files: card("license:\n- cc-by-4.0\n- odc-by") },
    { name: "other and unknown are Hub ids", files: card("license: other\nlicense_name: x\nlicense_link: https://x.test") },
    { name: "a dataset card", files: { "DATASET_CARD.md": "---\nlicense: cc-by-sa-4.0\n---\n" } },
  ],
  invalid: [
    { name: "SPDX case", files: card("license: Apache-2.0"), findings: [{ line: 2, column: 10, message: "`Apache-2.0` is not a Hub license id; the Hub's id for it is `apache-2.0`.", hint: "Write `apache-2.0`." }] },
    { name: "prose", files: card("license: MIT License"), findings: [{ message: "the Hub's id for it is `mit`" }] },
    { name: "or-later", files: card("license: GPL-3.0-or-later"), findings: [{ message: "the Hub's id for it is `gpl-3.0` (the Hub has one id per version, without `-or-later`)" }] },
    { name: "a list item", files: card("license:\n- mit\n- Apache 2.0"), findings: [{ line: 4, message: "`apache-2.0`" }] },
    { name: "an SPDX expression", files: card("license: MIT OR Apache-2.0"), findings: [{ message: "is an SPDX expression", hint: "`- mit / - apache-2.0`" }] },
    { name: "no certain id", files: card("license: my-company-license"), findings: [{ message: "`my-company-license` is not one of the Hub's license ids", hint: "`other`" }] },
  ],
});

describe("license/known-id fix", () => {
  it("replaces the value", async () => {
    const [f] = await runRule(rule, { name: "fix", files: card("license: cc-by-4") });
    expect(f?.fix).toEqual({ line: 2, endLine: 2, replacement: "license: cc-by-4.0" });
  });
});
