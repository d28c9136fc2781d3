import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "exact", files: card("license: creativeml-openrail-m") }],
  invalid: [
    { name: "openrail", files: card("license: openrail"), findings: [{ line: 2, message: "`openrail` names a family of licenses, not the exact one.", hint: "Use the exact id: `creativeml-openrail-m`, `bigscience-openrail-m`, `bigcode-openrail-m`, `openrail++` or `bigscience-bloom-rail-1.0`." }] },
    { name: "cc in a list", files: card("license:\n- mit\n- cc"), findings: [{ line: 4, hint: "Use the exact id: the exact Creative Commons license, such as `cc-by-4.0`, `cc-by-sa-4.0` or `cc-by-nc-4.0`.", message: "`cc` names a family of licenses, not the exact one." }] },
  ],
});
