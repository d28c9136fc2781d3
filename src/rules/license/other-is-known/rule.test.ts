import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: other\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [
    { name: "real card coqui-xtts-v2 (test/fixtures/corpus)", files: { "README.md": corpusCard("coqui-xtts-v2") } },
    { name: "a real custom license", files: card("license_name: coqui-public-model-license\nlicense_link: https://coqui.ai/cpml") }],
  invalid: [
    { name: "llama2 as other", files: card("license_name: llama2\nlicense_link: https://ai.meta.com/llama/license"), output: "---\nlicense: llama2\nlicense_name: llama2\nlicense_link: https://ai.meta.com/llama/license\n---\n# M\n",
      findings: [{ line: 2, message: "The license is declared as `other`, but its name is the Hub license `llama2`.", hint: "Write `license: llama2`, and remove `license_name` and `license_link`." }] },
    { name: "Apache by name", files: card("license_name: Apache License 2.0"), output: "---\nlicense: apache-2.0\nlicense_name: Apache License 2.0\n---\n# M\n",
      findings: [{ line: 2, message: "The license is declared as `other`, but its name is the Hub license `apache-2.0`." }] },
    { name: "Llama 3.1 by link", files: card("license_name: llama-community\nlicense_link: https://llama.meta.com/llama3_1/license/"), output: "---\nlicense: llama3.1\nlicense_name: llama-community\nlicense_link: https://llama.meta.com/llama3_1/license/\n---\n# M\n",
      findings: [{ line: 2, message: "The license is declared as `other`, but its link points to the Hub license `llama3.1`." }] },
  ],
});
