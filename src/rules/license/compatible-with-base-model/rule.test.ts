import { describe, expect, it } from "vitest";
import { derivativeAllowed, LICENSE_CATEGORIES } from "../../../data/license-compat.js";
import { corpusCard, found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (license: string, base: string) => ({ "README.md": `---\nlicense: ${license}\nbase_model: ${base}\n---\n# M\n` });
const model = (id: string, licenses: string[], baseModels: string[] = []) => found("model", id, { licenses, baseModels });
const HUB = {
  "model:meta-llama/Meta-Llama-3-8B": model("meta-llama/Meta-Llama-3-8B", ["llama3"]),
  "model:google-bert/bert-base-uncased": model("google-bert/bert-base-uncased", ["apache-2.0"]),
  "model:acme/llama3-gguf": model("acme/llama3-gguf", ["apache-2.0"], ["meta-llama/Meta-Llama-3-8B"]),
  "model:acme/nc-base": model("acme/nc-base", ["cc-by-nc-4.0"]),
  "model:acme/rail-base": model("acme/rail-base", ["creativeml-openrail-m"]),
  "model:acme/nd-base": model("acme/nd-base", ["cc-by-nd-4.0"]),
  "model:acme/dual": model("acme/dual", ["apache-2.0", "llama3"]),
  "model:acme/gemma-ft": model("acme/gemma-ft", ["gemma"]),
  "model:acme/gemma-ft2": model("acme/gemma-ft2", ["gemma"]),
  "model:acme/grok": model("acme/grok", ["grok2-community"]),
  "model:acme/weird": model("acme/weird", ["not-a-hub-license"]),
};

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus): a quantisation kept under its base model's llama3.1", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") }, hub: { "model:meta-llama/Meta-Llama-3.1-70B-Instruct": found("model", "meta-llama/Meta-Llama-3.1-70B-Instruct", { gated: "manual", licenses: ["llama3.1"] }) } },
    { name: "permissive base, any license", files: card("mit", "google-bert/bert-base-uncased"), hub: HUB },
    { name: "Llama derivative under llama3", files: card("llama3", "meta-llama/Meta-Llama-3-8B"), hub: HUB },
    { name: "Llama derivative under other (a custom license carrying the terms)", files: card("other", "meta-llama/Meta-Llama-3-8B"), hub: HUB },
    { name: "RAIL passed on as another RAIL", files: card("openrail++", "acme/rail-base"), hub: HUB },
    { name: "NC stays NC", files: card("cc-by-nc-sa-4.0", "acme/nc-base"), hub: HUB },
    { name: "a base under several licenses: one respected is enough", files: card("apache-2.0", "acme/dual"), hub: HUB },
    { name: "a base under a license the Hub does not list is not judged", files: card("mit", "acme/weird"), hub: HUB },
    { name: "a dataset card has no base model to respect", files: { "README.md": "---\nlicense: mit\nbase_model: acme/nc-base\ntask_categories: [text-classification]\n---\n" }, hub: HUB },
    { name: "no license: license/declared's", files: { "README.md": "---\nbase_model: acme/nc-base\n---\n# M\n" }, hub: HUB },
    { name: "no base model", files: { "README.md": "---\nlicense: mit\n---\n# M\n" }, hub: HUB },
    { name: "a base_model that is no repo id", files: card("mit", "not a repo"), hub: HUB },
    { name: "offline, Stable Diffusion 1.5 under its own OpenRAIL-M", files: card("creativeml-openrail-m", "runwayml/stable-diffusion-v1-5") },
    { name: "offline, a name that only contains llama (TinyLlama)", files: card("apache-2.0", "TinyLlama/TinyLlama-1.1B-Chat-v1.0") },
    { name: "offline, vicuna says nothing of Meta's licenses", files: card("apache-2.0", "lmsys/vicuna-7b-v1.5") },
    { name: "offline, an unversioned llama-7b (LLaMA 1, no Hub id) is not judged", files: card("mit", "huggyllama/llama-7b") },
    { name: "offline, a llama name not at the start", files: card("mit", "acme/open-llama-3-chat") },
    { name: "offline, gemma-2b is Gemma 1 and the card keeps its terms", files: card("gemma", "google/gemma-2b") },
    { name: "offline, Gemma 4 is Apache-2.0", files: card("mit", "google/gemma-4-31b-it") },
    { name: "offline, a Mistral research model under other", files: card("other", "mistralai/Mistral-Large-Instruct-2407") },
    { name: "offline, Mistral 7B is Apache-2.0 and not listed", files: card("mit", "mistralai/Mistral-7B-v0.1") },
    {
      name: "online, the Hub's declared license replaces what the name says",
      files: card("apache-2.0", "acme/Llama-3-8B-relicensed"),
      hub: { "model:acme/Llama-3-8B-relicensed": model("acme/Llama-3-8B-relicensed", ["apache-2.0"]) },
    },
  ],
  invalid: [
    {
      name: "Llama fine-tune as apache-2.0",
      files: card("apache-2.0", "meta-llama/Meta-Llama-3-8B"),
      hub: HUB,
      findings: [{ line: 2, message: "The card says `apache-2.0`, but the base model `meta-llama/Meta-Llama-3-8B` is under `llama3`. Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement.", hint: "Use `license: llama3` and keep a copy of its terms with the model." }],
    },
    {
      name: "up the chain: a GGUF that dropped the license",
      files: card("mit", "acme/llama3-gguf"),
      hub: HUB,
      findings: [{ line: 2, message: "The card says `mit`, but its ancestor `meta-llama/Meta-Llama-3-8B` (through `acme/llama3-gguf`) is under `llama3`. Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement." }],
    },
    {
      name: "a misspelled license is judged as what it means (Apache 2.0 → apache-2.0)",
      files: card("Apache 2.0", "meta-llama/Meta-Llama-3-8B"),
      hub: HUB,
      findings: [{ line: 2, message: "The card says `apache-2.0`, but the base model `meta-llama/Meta-Llama-3-8B` is under `llama3`. Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement." }],
    },
    { name: "NC base relicensed permissively", files: card("apache-2.0", "acme/nc-base"), hub: HUB, findings: [{ line: 2, message: "The card says `apache-2.0`, but the base model `acme/nc-base` is under `cc-by-nc-4.0`. Non-commercial and research-only licenses forbid commercial use, and the restriction carries over to derivatives." }] },
    { name: "RAIL restrictions dropped", files: card("mit", "acme/rail-base"), hub: HUB, findings: [{ line: 2, message: "The card says `mit`, but the base model `acme/rail-base` is under `creativeml-openrail-m`. OpenRAIL licenses require their use-based restrictions to be passed on to every derivative (paragraph 4 and Attachment A)." }] },
    {
      name: "a Gemma base: the hint names the license to use",
      files: card("mit", "acme/gemma-ft"),
      hub: HUB,
      findings: [{ line: 2, column: 10, message: "The card says `mit`, but the base model `acme/gemma-ft` is under `gemma`. Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement.", hint: "Use `license: gemma` and keep a copy of its terms with the model." }],
    },
    {
      name: "a Grok base: the same",
      files: card("mit", "acme/grok"),
      hub: HUB,
      findings: [{ line: 2, message: "The card says `mit`, but the base model `acme/grok` is under `grok2-community`. Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement.", hint: "Use `license: grok2-community` and keep a copy of its terms with the model." }],
    },
    {
      name: "two bases under the same license: said once",
      files: { "README.md": "---\nlicense: mit\nbase_model:\n- acme/gemma-ft\n- acme/gemma-ft2\n---\n# M\n" },
      hub: HUB,
      findings: [{ line: 2, message: "The card says `mit`, but the base model `acme/gemma-ft` is under `gemma`. Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement." }],
    },
    {
      name: "the Hub's answer and a name that say the same license: said once, as the Hub's",
      files: { "README.md": "---\nlicense: mit\nbase_model:\n- acme/gemma-ft\n- google/gemma-2-2b\n---\n# M\n" },
      hub: HUB,
      findings: [{ line: 2, severity: "error", message: "The card says `mit`, but the base model `acme/gemma-ft` is under `gemma`. Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement." }],
    },
    {
      name: "offline, two bases whose names say the same family: said once",
      files: { "README.md": "---\nlicense: mit\nbase_model:\n- google/gemma-2-9b\n- google/gemma-2-2b\n---\n# M\n" },
      findings: [{ line: 2, severity: "warning", message: "The card says `mit`, but the base model's name (`google/gemma-2-9b`) says Gemma 2, released under the Gemma Terms of Use (`license: gemma`). Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement. Cardinal did not ask the Hub (offline), so this rests on the name." }],
    },
    {
      name: "a list of licenses: at the first, all of them named",
      files: { "README.md": "---\nlicense:\n- mit\n- apache-2.0\nbase_model: acme/nc-base\n---\n# M\n" },
      hub: HUB,
      findings: [{ line: 3, column: 3, message: "The card says `mit, apache-2.0`, but the base model `acme/nc-base` is under `cc-by-nc-4.0`. Non-commercial and research-only licenses forbid commercial use, and the restriction carries over to derivatives.", hint: "Release the model under terms that respect the base model's license, or base it on a model whose license allows yours." }],
    },
    { name: "ND base", files: card("cc-by-nd-4.0", "acme/nd-base"), hub: HUB, findings: [{ line: 2, message: "The card says `cc-by-nd-4.0`, but the base model `acme/nd-base` is under `cc-by-nd-4.0`. NoDerivatives licenses forbid sharing adapted material, so a fine-tune or model trained on it may not be released." }] },
    {
      name: "offline: the base's name says Gemma 2 (a warning, said as what the name shows)",
      files: card("apache-2.0", "unsloth/gemma-2-9b-bnb-4bit"),
      findings: [
        {
          line: 2,
          severity: "warning",
          message: "The card says `apache-2.0`, but the base model's name (`unsloth/gemma-2-9b-bnb-4bit`) says Gemma 2, released under the Gemma Terms of Use (`license: gemma`). Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement. Cardinal did not ask the Hub (offline), so this rests on the name.",
          hint: "If the model is built from Gemma 2, use `license: gemma` and keep a copy of its terms with the model.",
        },
      ],
    },
    {
      name: "offline: a Llama 3.2 fine-tune under a Stable Diffusion license",
      files: card("creativeml-openrail-m", "meta-llama/Llama-3.2-3B-Instruct"),
      findings: [{ line: 2, severity: "warning", message: "The card says `creativeml-openrail-m`, but the base model's name (`meta-llama/Llama-3.2-3B-Instruct`) says Llama 3.2, released under the Llama 3.2 Community License (`license: llama3.2`). Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement. Cardinal did not ask the Hub (offline), so this rests on the name." }],
    },
    { name: "offline: Code Llama is under the Llama 2 license", files: card("mit", "codellama/CodeLlama-7b-hf"), findings: [{ line: 2, severity: "warning", message: "The card says `mit`, but the base model's name (`codellama/CodeLlama-7b-hf`) says Code Llama (Llama 2), released under the Llama 2 Community License (`license: llama2`). Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement. Cardinal did not ask the Hub (offline), so this rests on the name." }] },
    { name: "offline: Meta- prefix", files: card("mit", "meta-llama/Meta-Llama-3.1-8B-Instruct"), findings: [{ line: 2, severity: "warning", message: "The card says `mit`, but the base model's name (`meta-llama/Meta-Llama-3.1-8B-Instruct`) says Llama 3.1, released under the Llama 3.1 Community License (`license: llama3.1`). Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement. Cardinal did not ask the Hub (offline), so this rests on the name." }] },
    {
      name: "offline: a Mistral Research License model relicensed permissively",
      files: card("apache-2.0", "mistralai/Ministral-8B-Instruct-2410"),
      findings: [{ line: 2, severity: "warning", message: "The card says `apache-2.0`, but the base model's name (`mistralai/Ministral-8B-Instruct-2410`) says Ministral 8B, released under the Mistral AI Research License (`license: other, license_name: mrl`). Non-commercial and research-only licenses forbid commercial use, and the restriction carries over to derivatives. Cardinal did not ask the Hub (offline), so this rests on the name.", hint: "If the model is built from Ministral 8B, use `license: other` with `license_name: mrl` and `license_link: https://mistral.ai/licenses/MRL-0.1.md`, and keep its terms with the model." }],
    },
    {
      name: "offline: Stable Diffusion 1.5 DreamBooth under MIT",
      files: card("mit", "runwayml/stable-diffusion-v1-5"),
      findings: [{ line: 2, severity: "warning", message: "The card says `mit`, but the base model's name (`runwayml/stable-diffusion-v1-5`) says Stable Diffusion 1.x, released under the CreativeML OpenRAIL-M license (`license: creativeml-openrail-m`). OpenRAIL licenses require their use-based restrictions to be passed on to every derivative (paragraph 4 and Attachment A). Cardinal did not ask the Hub (offline), so this rests on the name." , hint: "If the model is built from Stable Diffusion 1.x, release it under terms that pass on the CreativeML OpenRAIL-M license (for example `license: creativeml-openrail-m`)." }],
    },
    {
      name: "online, a base the Hub gives no license for is judged by its name",
      files: card("apache-2.0", "unsloth/gemma-2-9b-bnb-4bit"),
      hub: {},
      findings: [{ line: 2, severity: "warning", message: "The card says `apache-2.0`, but the base model's name (`unsloth/gemma-2-9b-bnb-4bit`) says Gemma 2, released under the Gemma Terms of Use (`license: gemma`). Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement. The Hub gave no license for this base model, so this rests on its name." }],
    },
  ],
});

describe("the compatibility table, row by row", () => {
  it.each([
    ["apache-2.0", ["mit"], true],
    ["mit", ["cc-by-nc-4.0"], true],
    ["llama3.1", ["llama3.1"], true],
    ["llama3.1", ["llama3"], false],
    ["gemma", ["apache-2.0"], false],
    ["gemma", ["gemma"], true],
    ["creativeml-openrail-m", ["openrail++"], true],
    ["bigscience-openrail-m", ["apache-2.0"], false],
    ["cc-by-nc-4.0", ["cc-by-nc-sa-4.0"], true],
    ["cc-by-nc-4.0", ["cc-by-4.0"], false],
    ["cc-by-nd-4.0", ["cc-by-nd-4.0"], false],
    ["cc-by-sa-4.0", ["cc-by-sa-4.0"], true],
    ["cc-by-sa-4.0", ["cc-by-4.0"], false],
    ["gpl-3.0", ["agpl-3.0"], true],
    ["gpl-3.0", ["mit"], false],
    ["lgpl-3.0", ["mit"], true],
    ["mpl-2.0", ["apache-2.0"], true],
    ["other", ["mit"], true],
    ["unknown", ["mit"], true],
  ] as const)("%s → %j: %s", (parent, child, ok) => {
    expect(derivativeAllowed(parent, child).ok).toBe(ok);
  });

  it("every row has a reason and no id is in two rows", () => {
    const seen = new Set<string>();
    for (const row of LICENSE_CATEGORIES) {
      expect(row.reason.length).toBeGreaterThan(40);
      for (const id of row.ids) {
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });
});
