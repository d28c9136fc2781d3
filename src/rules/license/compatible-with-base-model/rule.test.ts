import { describe, expect, it } from "vitest";
import { derivativeAllowed, LICENSE_CATEGORIES } from "../../../data/license-compat.js";
import { found, ruleTester } from "../../../../test/rule-tester.js";
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
};

ruleTester(rule, {
  valid: [
    { name: "permissive base, any license", files: card("mit", "google-bert/bert-base-uncased"), hub: HUB },
    { name: "Llama derivative under llama3", files: card("llama3", "meta-llama/Meta-Llama-3-8B"), hub: HUB },
    { name: "Llama derivative under other (a custom license carrying the terms)", files: card("other", "meta-llama/Meta-Llama-3-8B"), hub: HUB },
    { name: "RAIL passed on as another RAIL", files: card("openrail++", "acme/rail-base"), hub: HUB },
    { name: "NC stays NC", files: card("cc-by-nc-sa-4.0", "acme/nc-base"), hub: HUB },
    { name: "a base under several licenses: one respected is enough", files: card("apache-2.0", "acme/dual"), hub: HUB },
    { name: "offline: no verdict", files: card("apache-2.0", "meta-llama/Meta-Llama-3-8B") },
  ],
  invalid: [
    {
      name: "Llama fine-tune as apache-2.0",
      files: card("apache-2.0", "meta-llama/Meta-Llama-3-8B"),
      hub: HUB,
      findings: [{ line: 2, message: "The card says `apache-2.0`, but the base model `meta-llama/Meta-Llama-3-8B` is under `llama3`.", hint: "`license: llama3`" }],
    },
    {
      name: "up the chain: a GGUF that dropped the license",
      files: card("mit", "acme/llama3-gguf"),
      hub: HUB,
      findings: [{ message: "its ancestor `meta-llama/Meta-Llama-3-8B` (through `acme/llama3-gguf`) is under `llama3`" }],
    },
    {
      name: "a misspelled license is judged as what it means (Apache 2.0 → apache-2.0)",
      files: card("Apache 2.0", "meta-llama/Meta-Llama-3-8B"),
      hub: HUB,
      findings: [{ message: "The card says `apache-2.0`, but the base model `meta-llama/Meta-Llama-3-8B` is under `llama3`." }],
    },
    { name: "NC base relicensed permissively", files: card("apache-2.0", "acme/nc-base"), hub: HUB, findings: [{ message: "is under `cc-by-nc-4.0`. Non-commercial" }] },
    { name: "RAIL restrictions dropped", files: card("mit", "acme/rail-base"), hub: HUB, findings: [{ message: "OpenRAIL licenses require" }] },
    { name: "ND base", files: card("cc-by-nd-4.0", "acme/nd-base"), hub: HUB, findings: [{ message: "NoDerivatives" }] },
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
