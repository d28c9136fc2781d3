import { ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [{ name: "exact", files: card("license: creativeml-openrail-m") }],
  invalid: [
    { name: "openrail", files: card("license: openrail"), findings: [{ line: 2, message: "`openrail` names a family", hint: "`creativeml-openrail-m`" }] },
    { name: "cc in a list", files: card("license:\n- mit\n- cc"), findings: [{ line: 4, hint: "`cc-by-4.0`", message: "`cc` names a family" }] },
  ],
});
