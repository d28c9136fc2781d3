import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reviewRelease } from "../../../tools/accuracy.js";
import { corpusCard, found, ruleTester, runRule } from "../../../../test/rule-tester.js";
import { plain } from "../../../core/text.js";
import rule from "./rule.js";

const config = (origin: string) => `{\n  "_name_or_path": "${origin}",\n  "architectures": ["LlamaForCausalLM"],\n  "model_type": "llama"\n}\n`;
const LLAMA2 = config("meta-llama/Llama-2-7b-chat-hf");
const POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a".repeat(64) + "\nsize 100\n";
const adapter = (base: string) => `{\n  "peft_type": "LORA",\n  "base_model_name_or_path": "${base}"\n}\n`;

ruleTester(rule, {
  valid: [
    { name: "the Hub lists the config's id under a license with no terms to pass on", files: { "config.json": config("meta-llama/Llama-2-7b-hf") }, hub: { "model:meta-llama/Llama-2-7b-hf": found("model", "meta-llama/Llama-2-7b-hf", { licenses: ["apache-2.0"] }) } },
    { name: "a config the pull request removes", pullRequest: true, files: { "config.json": { status: "removed", content: { type: "removed" } } } },
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus): a llama3.1 quantisation", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "Llama 2 weights with the license beside them", files: { "config.json": LLAMA2, "model.safetensors": POINTER, LICENSE: "LLAMA 2 COMMUNITY LICENSE AGREEMENT\n" } },
    { name: "a notice file at the repository root covers a release in a folder", files: { "llama/config.json": LLAMA2, NOTICE: "Llama 2 is licensed under the LLAMA 2 Community License\n" } },
    { name: "a card with the family's license id: the Hub shows it, nothing contradicts it", files: { "config.json": LLAMA2, "README.md": "---\nlicense: llama2\n---\n# M\n" } },
    { name: "a card with a license and a base_model is license/compatible-with-base-model's", files: { "config.json": LLAMA2, "README.md": "---\nlicense: mit\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# M\n" } },
    { name: "a card that names the terms in its text", files: { "config.json": LLAMA2, "README.md": "---\nlicense: apache-2.0\n---\n# M\n\nUse of the weights is governed by the Llama 2 Community License.\n" } },
    { name: "`license: other` may be those terms", files: { "config.json": LLAMA2, "README.md": "---\nlicense: other\n---\n# M\n" } },
    { name: "a _name_or_path without an owner is a local name", files: { "config.json": config("llama-2-7b") } },
    { name: "a name that does not make the family certain (TinyLlama)", files: { "config.json": config("TinyLlama/TinyLlama-1.1B-Chat-v1.0") } },
    { name: "an architecture's family is not a base model's", files: { "config.json": config("mistralai/Mistral-7B-v0.1") } },
    {
      name: "the Hub's license for the card's base_model replaces what its name says",
      files: { "README.md": "---\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# M\n" },
      hub: { "model:meta-llama/Llama-2-7b-hf": found("model", "meta-llama/Llama-2-7b-hf", { licenses: ["mit"] }) },
    },
    {
      name: "the Hub's license for the id replaces what its name says",
      files: { "config.json": LLAMA2 },
      hub: { "model:meta-llama/Llama-2-7b-chat-hf": found("model", "meta-llama/Llama-2-7b-chat-hf", { licenses: ["apache-2.0"] }) },
    },
    { name: "a pull request whose repository cannot be seen: unknown, so silent", pullRequest: true, files: { "config.json": LLAMA2 } },
    { name: "a pull request whose repository has the license", pullRequest: true, files: { "config.json": LLAMA2 }, repo: { "LICENSE.md": "…" } },
    { name: "a pull request whose repository shows no license: its files cannot all be listed, so silent", pullRequest: true, files: { "config.json": LLAMA2 }, repo: { "README.md": "# M\n" } },
    { name: "a pull request that adds the notice beside the weights", pullRequest: true, files: { "config.json": LLAMA2, "Notice.txt": "…" } },
    { name: "the original LLaMA, with `license: other`", files: { "config.json": config("./vicuna"), "README.md": "---\nlicense: other\n---\n# V\n\nApply it on top of the original LLaMA weights.\n" } },
    { name: "a card that says LLaMA's license applies", files: { "README.md": "---\nlicense: apache-2.0\n---\n# V\n\nApply it on top of the original LLaMA weights; the LLaMA model license applies to them.\n" } },
    { name: "LLaMA-13B is a size, not LLaMA 1", files: { "README.md": "---\nlicense: apache-2.0\n---\n# V\n\nCompared with LLaMA-13B.\n" } },
  ],
  invalid: [
    {
      name: "a merge card with a base_model and no license",
      files: { "README.md": "---\nbase_model:\n- arcee-ai/Llama-3.1-SuperNova-Lite\ntags: [merge]\n---\n# M\n", "config.json": config("./merged") },
      findings: [{ path: "README.md", line: 2, severity: "warning", message: "The card's `base_model` is `arcee-ai/Llama-3.1-SuperNova-Lite`, whose name says Llama 3.1, so the release is likely bound by the Llama 3.1 Community License, whose section 1.b.i asks whoever distributes Llama 3.1 or a model derived from it to provide a copy of the agreement with it, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy: “Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.” The repository holds no license file or notice, and its card declares no license. This rests on the name (Cardinal did not ask the Hub)." }],
    },
    {
      name: "the Hub's license for the card's base_model",
      files: { "README.md": "---\nbase_model: someone/model\n---\n# M\n" },
      hub: { "model:someone/model": found("model", "someone/model", { licenses: ["gemma"] }) },
      findings: [{ path: "README.md", line: 2, message: "The Hub lists the card's `base_model` `someone/model` under `gemma`, so the release is bound by the Gemma Terms of Use, whose section 3.1 asks whoever distributes Gemma or a model derivative to give every recipient a copy of the terms, to pass on their use restrictions (section 3.2) as an enforceable provision, and to include a “Notice” text file with this notice: “Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms”. The repository holds no license file or notice, and its card declares no license." }],
    },
    {
      name: "a card without a license: the base's terms are named beside license/declared's finding",
      files: { "adapter_config.json": adapter("meta-llama/Llama-3.2-3B"), "README.md": "---\ntags: [lora]\n---\n# Romanian QA\n" },
      findings: [{ path: "adapter_config.json", line: 3, severity: "warning", message: "`adapter_config.json` names `meta-llama/Llama-3.2-3B` as its `base_model_name_or_path`, a name that says Llama 3.2, so the release is likely bound by the Llama 3.2 Community License, whose section 1.b.i asks whoever distributes Llama 3.2 or a model derived from it to provide a copy of the agreement with it, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy: “Llama 3.2 is licensed under the Llama 3.2 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.” The repository holds no license file or notice, and its card declares no license. This rests on the name (Cardinal did not ask the Hub)." }],
    },
    {
      name: "Llama 2 weights with no card and no license file",
      files: { "config.json": LLAMA2, "model.safetensors": POINTER },
      findings: [
        {
          path: "config.json",
          line: 2,
          severity: "warning",
          message:
            "`config.json` names `meta-llama/Llama-2-7b-chat-hf` as its `_name_or_path`, a name that says Llama 2, so the release is likely bound by the Llama 2 Community License, whose section 1.b.i asks whoever distributes Llama 2 or a model derived from it to provide a copy of the agreement to the recipient, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy: “Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.” The repository holds no license file or notice, and no model card. This rests on the name (Cardinal did not ask the Hub).",
          hint: "Add the license's text as `LICENSE` (from `https://github.com/meta-llama/llama/blob/main/LICENSE`) and a `NOTICE` file with the notice, and say in the card which terms apply.",
        },
      ],
    },
    {
      name: "the Hub says the config's id is under llama3.1",
      files: { "models/m/config.json": config("someone/renamed-model"), "models/m/model.safetensors": POINTER },
      hub: { "model:someone/renamed-model": found("model", "someone/renamed-model", { licenses: ["llama3.1"] }) },
      findings: [
        {
          path: "models/m/config.json",
          line: 2,
          message: "`models/m/config.json` names `someone/renamed-model` as its `_name_or_path`, which the Hub lists under `llama3.1`, so the release is bound by the Llama 3.1 Community License, whose section 1.b.i asks whoever distributes Llama 3.1 or a model derived from it to provide a copy of the agreement with it, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy: “Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.” The folder `models/m` holds no license file or notice, and no model card.",
          hint: "Add the license's text as `models/m/LICENSE` (from `https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE`) and a `models/m/NOTICE` file with the notice, and say in the card which terms apply.",
        },
      ],
    },
    {
      name: "a Gemma adapter with no card",
      files: { "adapter_config.json": adapter("google/gemma-2-9b-it"), "adapter_model.safetensors": POINTER },
      findings: [
        {
          path: "adapter_config.json",
          line: 3,
          message:
            "`adapter_config.json` names `google/gemma-2-9b-it` as its `base_model_name_or_path`, a name that says Gemma 2, so the release is likely bound by the Gemma Terms of Use, whose section 3.1 asks whoever distributes Gemma or a model derivative to give every recipient a copy of the terms, to pass on their use restrictions (section 3.2) as an enforceable provision, and to include a “Notice” text file with this notice: “Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms”. The repository holds no license file or notice, and no model card. This rests on the name (Cardinal did not ask the Hub).",
        },
      ],
    },
    {
      name: "a card that says the original LLaMA and declares apache-2.0",
      files: { "config.json": config("./vicuna"), "README.md": "---\nlicense: apache-2.0\n---\n# V\n\nApply it on top of the original LLaMA weights.\n" },
      findings: [
        {
          path: "README.md",
          line: 6,
          severity: "notice",
          message: "The card speaks of “original LLaMA”, so the release is likely bound by the LLaMA license (Meta's license for the original LLaMA weights, non-commercial research use only), whose ATTRIBUTION section asks that every copy of LLaMA, or of a work derived from it, be distributed with a copy of the license and this notice: “LLaMA is licensed under the LLaMA License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.” The repository holds no license file or notice, and its card declares `apache-2.0` without naming these terms. This rests on a sentence of the card.",
        },
      ],
    },
    {
      name: "an SD pipeline's model_index.json in a folder: OpenRAIL has no notice to quote",
      files: { "sd/model_index.json": `{\n  "_class_name": "StableDiffusionPipeline",\n  "_name_or_path": "runwayml/stable-diffusion-v1-5"\n}\n`, "sd/unet/diffusion_pytorch_model.safetensors": POINTER },
      findings: [{ path: "sd/model_index.json", line: 3, severity: "warning", message: "`sd/model_index.json` names `runwayml/stable-diffusion-v1-5` as its `_name_or_path`, a name that says Stable Diffusion 1.x, so the release is likely bound by the CreativeML OpenRAIL-M license, whose paragraph 4 asks whoever distributes the model or a derivative of it to give recipients a copy of the license and to include its use-based restrictions (paragraph 5) as an enforceable provision. The folder `sd` holds no license file or notice, and no model card. This rests on the name (Cardinal did not ask the Hub).", hint: "Add the license's text as `sd/LICENSE` (from `https://github.com/CompVis/stable-diffusion/blob/main/LICENSE`), and say in the card which terms apply." }],
    },
    {
      name: "the Hub gives no license for the config's id: the name speaks, and says so",
      files: { "config.json": config("meta-llama/Llama-2-7b-hf") },
      hub: {},
      findings: [{ path: "config.json", line: 2, severity: "warning", message: "`config.json` names `meta-llama/Llama-2-7b-hf` as its `_name_or_path`, a name that says Llama 2, so the release is likely bound by the Llama 2 Community License, whose section 1.b.i asks whoever distributes Llama 2 or a model derived from it to provide a copy of the agreement to the recipient, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy: “Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.” The repository holds no license file or notice, and no model card. The Hub gave no license for it, so this rests on its name.", hint: "Add the license's text as `LICENSE` (from `https://github.com/meta-llama/llama/blob/main/LICENSE`) and a `NOTICE` file with the notice, and say in the card which terms apply." }],
    },
    {
      name: "a card's base_model the Hub does not answer for, and no license",
      files: { "README.md": "---\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# M\n", "config.json": "{\"model_type\":\"llama\"}" },
      hub: {},
      findings: [{ path: "README.md", line: 2, severity: "warning", message: "The card's `base_model` is `meta-llama/Llama-2-7b-hf`, whose name says Llama 2, so the release is likely bound by the Llama 2 Community License, whose section 1.b.i asks whoever distributes Llama 2 or a model derived from it to provide a copy of the agreement to the recipient, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy: “Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.” The repository holds no license file or notice, and its card declares no license. The Hub gave no license for it, so this rests on its name.", hint: "Add the license's text as `LICENSE` (from `https://github.com/meta-llama/llama/blob/main/LICENSE`) and a `NOTICE` file with the notice, and say in the card which terms apply." }],
    },
    {
      name: "a card's first base under a license with no terms to pass on: the next base's name speaks",
      files: { "README.md": "---\nbase_model:\n- acme/x\n- google/gemma-2-9b\n---\n# M\n" },
      hub: { "model:acme/x": found("model", "acme/x", { licenses: ["mit"] }) },
      findings: [{ path: "README.md", line: 2, severity: "warning", message: "The card's `base_model` is `google/gemma-2-9b`, whose name says Gemma 2, so the release is likely bound by the Gemma Terms of Use, whose section 3.1 asks whoever distributes Gemma or a model derivative to give every recipient a copy of the terms, to pass on their use restrictions (section 3.2) as an enforceable provision, and to include a “Notice” text file with this notice: “Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms”. The repository holds no license file or notice, and its card declares no license. The Hub gave no license for it, so this rests on its name.", hint: "Add the license's text as `LICENSE` (from `https://ai.google.dev/gemma/terms`) and a `NOTICE` file with the notice, and say in the card which terms apply." }],
    },
    {
      name: "the Hub lists a base under several licenses: the one with terms to pass on",
      files: { "README.md": "---\nbase_model: acme/x\n---\n# M\n" },
      hub: { "model:acme/x": found("model", "acme/x", { licenses: ["mit", "gemma"] }) },
      findings: [{ path: "README.md", line: 2, severity: "warning", message: "The Hub lists the card's `base_model` `acme/x` under `gemma`, so the release is bound by the Gemma Terms of Use, whose section 3.1 asks whoever distributes Gemma or a model derivative to give every recipient a copy of the terms, to pass on their use restrictions (section 3.2) as an enforceable provision, and to include a “Notice” text file with this notice: “Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms”. The repository holds no license file or notice, and its card declares no license.", hint: "Add the license's text as `LICENSE` (from `https://ai.google.dev/gemma/terms`) and a `NOTICE` file with the notice, and say in the card which terms apply." }],
    },
    {
      name: "two releases under the same terms: said once, for the shallower folder",
      files: { "a/config.json": config("meta-llama/Llama-2-7b-hf"), "b/c/config.json": config("meta-llama/Llama-2-13b-hf") },
      findings: [{ path: "a/config.json", line: 2, severity: "warning", message: "`a/config.json` names `meta-llama/Llama-2-7b-hf` as its `_name_or_path`, a name that says Llama 2, so the release is likely bound by the Llama 2 Community License, whose section 1.b.i asks whoever distributes Llama 2 or a model derived from it to provide a copy of the agreement to the recipient, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy: “Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.” The folder `a` holds no license file or notice, and no model card. This rests on the name (Cardinal did not ask the Hub).", hint: "Add the license's text as `a/LICENSE` (from `https://github.com/meta-llama/llama/blob/main/LICENSE`) and a `a/NOTICE` file with the notice, and say in the card which terms apply." }],
    },
    {
      name: "a config on one line: the key's line is the first",
      files: { "config.json": "{\"model_type\":\"llama\",\"_name_or_path\":\"meta-llama/Llama-2-7b-hf\"}" },
      findings: [{ path: "config.json", line: 1, severity: "warning", message: "`config.json` names `meta-llama/Llama-2-7b-hf` as its `_name_or_path`, a name that says Llama 2, so the release is likely bound by the Llama 2 Community License, whose section 1.b.i asks whoever distributes Llama 2 or a model derived from it to provide a copy of the agreement to the recipient, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy: “Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.” The repository holds no license file or notice, and no model card. This rests on the name (Cardinal did not ask the Hub).", hint: "Add the license's text as `LICENSE` (from `https://github.com/meta-llama/llama/blob/main/LICENSE`) and a `NOTICE` file with the notice, and say in the card which terms apply." }],
    },
    {
      name: "\"LLaMA-v1\" in the card's text: a notice, resting on the sentence",
      files: { "README.md": "---\ntags: [a]\n---\n# M\n\nA LLaMA-v1 fine-tune.\n", "config.json": "{\"model_type\":\"llama\"}" },
      findings: [{ path: "README.md", line: 6, severity: "notice", message: "The card speaks of “LLaMA-v1”, so the release is likely bound by the LLaMA license (Meta's license for the original LLaMA weights, non-commercial research use only), whose ATTRIBUTION section asks that every copy of LLaMA, or of a work derived from it, be distributed with a copy of the license and this notice: “LLaMA is licensed under the LLaMA License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.” The repository holds no license file or notice, and its card declares no license. This rests on a sentence of the card.", hint: "Add the license's text as `LICENSE` (from `https://github.com/meta-llama/llama/blob/cebd3de49c7f0779303506882d21d18a04b38d66/LICENSE_WEIGHTS`) and a `NOTICE` file with the notice, and say in the card which terms apply." }],
    },
    {
      name: "a card that declares another license without naming these terms",
      files: { "README.md": "---\nlicense: mit\n---\n# M\n", "config.json": config("meta-llama/Llama-2-7b-hf") },
      findings: [{ path: "config.json", line: 2, severity: "warning", message: "`config.json` names `meta-llama/Llama-2-7b-hf` as its `_name_or_path`, a name that says Llama 2, so the release is likely bound by the Llama 2 Community License, whose section 1.b.i asks whoever distributes Llama 2 or a model derived from it to provide a copy of the agreement to the recipient, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy: “Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.” The repository holds no license file or notice, and its card declares `mit` without naming these terms. This rests on the name (Cardinal did not ask the Hub).", hint: "Add the license's text as `LICENSE` (from `https://github.com/meta-llama/llama/blob/main/LICENSE`) and a `NOTICE` file with the notice, and say in the card which terms apply." }],
    },
  ],
});

describe("license/base-terms-kept across folders", () => {
  it("says a license once, however many folders hold releases of that family", async () => {
    const findings = await runRule(rule, { name: "two checkpoints", files: { "a/config.json": LLAMA2, "b/config.json": LLAMA2 } });
    expect(findings.map((f) => [f.path, plain(f.message).includes("Llama 2 Community License")])).toEqual([["a/config.json", true]]);
  });
});

describe("license/base-terms-kept on a folder, as the CLI reads it", () => {
  async function findingsIn(files: Record<string, string>): Promise<string[]> {
    const root = await mkdtemp(path.join(tmpdir(), "cardinal-terms-"));
    try {
      for (const [name, body] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(root, name)), { recursive: true });
        await writeFile(path.join(root, name), body);
      }
      return (await reviewRelease(root)).filter((f) => f.ruleId === rule.meta.id).map((f) => `${f.path}:${f.line ?? "-"}`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }

  it("sees a license file under a name of its own, which only the folder's listing shows", async () => {
    expect(await findingsIn({ "config.json": LLAMA2, "LLAMA2_LICENSE.txt": "LLAMA 2 COMMUNITY LICENSE AGREEMENT\n" })).toEqual([]);
    expect(await findingsIn({ "config.json": LLAMA2, "weights/README.txt": "see the model card\n" })).toEqual(["config.json:2"]);
  });
});
