import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "exact", files: card("license: creativeml-openrail-m") },
    { name: "a list of exact ids", files: card("license:\n- cc-by-4.0\n- gpl-3.0") },
    { name: "a family's name outside the license key", files: card("license: mit\nlicense_name: cc") },
  ],
  invalid: [
    { name: "openrail", files: card("license: openrail"), findings: [{ line: 2, message: "`openrail` names a family of licenses, not the exact one.", hint: "Use the exact id: `creativeml-openrail-m`, `bigscience-openrail-m`, `bigcode-openrail-m`, `openrail++` or `bigscience-bloom-rail-1.0`." }] },
    { name: "cc in a list", files: card("license:\n- mit\n- cc"), findings: [{ line: 4, hint: "Use the exact id: the exact Creative Commons license, such as `cc-by-4.0`, `cc-by-sa-4.0` or `cc-by-nc-4.0`.", message: "`cc` names a family of licenses, not the exact one." }] },
    {
      name: "every family id, each with its own choices",
      files: card("license:\n- bsd\n- gpl\n- lgpl\n- gfdl"),
      findings: [
        { line: 3, column: 3, message: "`bsd` names a family of licenses, not the exact one.", hint: "Use the exact id: `bsd-2-clause`, `bsd-3-clause` or `bsd-3-clause-clear`." },
        { line: 4, message: "`gpl` names a family of licenses, not the exact one.", hint: "Use the exact id: `gpl-2.0` or `gpl-3.0`." },
        { line: 5, message: "`lgpl` names a family of licenses, not the exact one.", hint: "Use the exact id: `lgpl-2.1`, `lgpl-3.0` or `lgpl-lr`." },
        { line: 6, message: "`gfdl` names a family of licenses, not the exact one.", hint: "Use the exact id: the exact GFDL version." },
      ],
    },
  ],
});
