import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: other\n${yaml}\n---\n# M\n` });

ruleTester(rule, {
  valid: [
    { name: "real card coqui-xtts-v2 (test/fixtures/corpus)", files: { "README.md": corpusCard("coqui-xtts-v2") } },
    { name: "a real custom license", files: card("license_name: coqui-public-model-license\nlicense_link: https://coqui.ai/cpml") },
    { name: "a name that is `other` itself names nothing", files: card("license_name: other\nlicense_link: https://acme.test/terms") },
    { name: "a name that is `unknown` names nothing", files: card("license_name: unknown") },
    { name: "a name that is no text (a list) and no link", files: card("license_name: [apache-2.0]\nlicense_link: [https://www.apache.org/licenses/LICENSE-2.0]") },
    { name: "not other: nothing to say", files: { "README.md": "---\nlicense: mit\nlicense_name: apache-2.0\nlicense_link: https://www.apache.org/licenses/LICENSE-2.0\n---\n# M\n" } },
  ],
  invalid: [
    { name: "llama2 as other", files: card("license_name: llama2\nlicense_link: https://ai.meta.com/llama/license"), output: "---\nlicense: llama2\nlicense_name: llama2\nlicense_link: https://ai.meta.com/llama/license\n---\n# M\n",
      findings: [{ line: 2, message: "The license is declared as `other`, but its name is the Hub license `llama2`.", hint: "Write `license: llama2`, and remove `license_name` and `license_link`." }] },
    { name: "Apache by name", files: card("license_name: Apache License 2.0"), output: "---\nlicense: apache-2.0\nlicense_name: Apache License 2.0\n---\n# M\n",
      findings: [{ line: 2, message: "The license is declared as `other`, but its name is the Hub license `apache-2.0`." }] },
    { name: "Llama 3.1 by link", files: card("license_name: llama-community\nlicense_link: https://llama.meta.com/llama3_1/license/"), output: "---\nlicense: llama3.1\nlicense_name: llama-community\nlicense_link: https://llama.meta.com/llama3_1/license/\n---\n# M\n",
      findings: [{ line: 2, message: "The license is declared as `other`, but its link points to the Hub license `llama3.1`." }] },
    {
      name: "a name of its own, but a link to a known license: the link speaks",
      files: card("license_name: acme-terms\nlicense_link: https://www.apache.org/licenses/LICENSE-2.0"),
      output: "---\nlicense: apache-2.0\nlicense_name: acme-terms\nlicense_link: https://www.apache.org/licenses/LICENSE-2.0\n---\n# M\n",
      findings: [{ line: 2, column: 10, message: "The license is declared as `other`, but its link points to the Hub license `apache-2.0`.", hint: "Write `license: apache-2.0`, and remove `license_name` and `license_link`." }],
    },
    {
      name: "a name that is `other` and a known link: the link speaks",
      files: card("license_name: other\nlicense_link: https://opensource.org/licenses/MIT"),
      output: "---\nlicense: mit\nlicense_name: other\nlicense_link: https://opensource.org/licenses/MIT\n---\n# M\n",
      findings: [{ line: 2, message: "The license is declared as `other`, but its link points to the Hub license `mit`." }],
    },
    {
      name: "a name that is a Hub id wins over the link, and says so",
      files: card("license_name: gemma\nlicense_link: https://www.apache.org/licenses/LICENSE-2.0"),
      output: "---\nlicense: gemma\nlicense_name: gemma\nlicense_link: https://www.apache.org/licenses/LICENSE-2.0\n---\n# M\n",
      findings: [{ line: 2, message: "The license is declared as `other`, but its name is the Hub license `gemma`." }],
    },
    {
      name: "a name that spells a Hub license wins over the link",
      files: card("license_name: MIT License\nlicense_link: https://www.apache.org/licenses/LICENSE-2.0"),
      output: "---\nlicense: mit\nlicense_name: MIT License\nlicense_link: https://www.apache.org/licenses/LICENSE-2.0\n---\n# M\n",
      findings: [{ line: 2, message: "The license is declared as `other`, but its name is the Hub license `mit`." }],
    },
    {
      name: "other as an item of a list: the item is fixed",
      files: { "README.md": "---\nlicense:\n- other\nlicense_name: apache-2.0\n---\n# M\n" },
      output: "---\nlicense:\n- apache-2.0\nlicense_name: apache-2.0\n---\n# M\n",
      findings: [{ line: 3, column: 3, message: "The license is declared as `other`, but its name is the Hub license `apache-2.0`." }],
    },
  ],
});
