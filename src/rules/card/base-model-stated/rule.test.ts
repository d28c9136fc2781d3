import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import { mergekitModels, statedBases } from "../../../parse/references.js";
import { recogniseCard } from "../../../parse/card.js";
import rule from "./rule.js";

const card = (yaml: string, body = "# Model\n") => `---\nlicense: mit\n${yaml}---\n${body}`;
const MERGEKIT = "slices:\n  - sources:\n      - model: a/one\n        layer_range: [0, 32]\n      - model: b/two\n        layer_range: [0, 32]\nmerge_method: slerp\nbase_model: a/one\n";
const config = (nameOrPath: string) => JSON.stringify({ _name_or_path: nameOrPath, architectures: ["LlamaForCausalLM"] }, null, 2);
const adapter = (base: string) => JSON.stringify({ peft_type: "LORA", base_model_name_or_path: base });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "a card based on another model's card speaks of the card (Stable Diffusion v1-4)", files: { "README.md": card("", "# M\n\n*This model card was written by: Robin Rombach and Patrick Esser and is based on the [DALL-E Mini model card](https://huggingface.co/dalle-mini/dalle-mini).*\n") } },
    { name: "the card names the base", files: { "README.md": card("base_model: a/b\n", "# M\n\nFine-tuned from a/b.\n"), "config.json": config("a/b") } },
    { name: "a merge whose card lists every merged model", files: { "README.md": card("base_model:\n- a/one\n- b/two\ntags: [mergekit]\n"), "config.json": config("a/one") }, repo: { "mergekit_config.yml": MERGEKIT } },
    { name: "a mergekit configuration is read only when the card speaks of mergekit (a lookup costs a request)", files: { "README.md": card("") }, repo: { "mergekit_config.yml": MERGEKIT } },
    {
      name: "asked for a mergekit configuration, the repository is read for nothing else",
      files: { "README.md": card("tags: [mergekit]\n") },
      repo: { "config.json": config("meta-llama/Llama-2-7b-hf") },
    },
    { name: "config.json saved from a local folder", files: { "README.md": card(""), "config.json": config("/home/me/ckpt") } },
    { name: "config.json names the model itself, which the card's snippet loads", files: { "README.md": card("", '# M\n\n```python\nAutoModel.from_pretrained("me/model")\n```\n'), "config.json": config("me/model") } },
    { name: "an adapter: release/adapter-base-model speaks", files: { "README.md": card("", "# M\n\nFine-tuned from a/b.\n"), "adapter_config.json": adapter("a/b") } },
    { name: "trained on a dataset is not a base model", files: { "README.md": card("", "# M\n\nFine-tuned on OpenAssistant/oasst1.\n") } },
    { name: "an id inside a code block", files: { "README.md": card("", "# M\n\n```\nfine-tuned from a/b\n```\n") } },
    { name: "a dataset card", files: { "README.md": "---\nlicense: mit\ntask_categories: [text-generation]\n---\n# D\n\nBased on a/b.\n" } },
    { name: "a Hub URL that is a dataset or a docs page is no base", files: { "README.md": card("", "# M\n\nBased on our corpus https://huggingface.co/datasets/me/corpus and converted from PyTorch (see https://huggingface.co/docs/transformers).\n") } },
    { name: "a Hub URL far after the words is not what they name", files: { "README.md": card("", `# M\n\nConverted from the original weights, ${"with care and many checks, ".repeat(4)}see https://huggingface.co/a/b\n`) } },
    { name: "the verb 'fine-tune' is advice, not lineage (Meta's Llama 2 card)", files: { "README.md": card("", "# M\n\nDevelopers may fine-tune Llama 2 models for languages beyond English.\n"), "config.json": config("/tmp/x") } },
    { name: "llama.cpp is a program, not a base", files: { "README.md": card("", "# M\n\nQuantized for llama.cpp.\n"), "config.json": config("/tmp/x") } },
    { name: "a MODEL_CARD.md has no base_model anything reads", files: { "MODEL_CARD.md": "# M\n\nFine-tuned from a/b.\n", "config.json": config("/tmp/x") } },
    { name: "a broken metadata block: the YAML rules speak", files: { "README.md": "---\nlicense: [mit\n---\n# M\n\nFine-tuned from a/b.\n", "config.json": config("x/y") } },
    { name: "with a base_model in the card, config.json and the card's sentences add nothing", files: { "README.md": card("base_model: a/b\n", "# M\n\nFine-tuned from c/d.\n"), "config.json": config("e/f") } },
    { name: "the card lists every merged model, in another case", files: { "README.md": card("base_model:\n- A/One\n- B/Two\ntags: [mergekit]\n") }, repo: { "mergekit_config.yml": MERGEKIT } },
    { name: "a mergekit configuration that merges no Hub model says nothing", files: { "README.md": card("tags: [mergekit]\n") }, repo: { "mergekit_config.yml": "models:\n  - model: ./local\nmerge_method: linear\n" } },
    { name: "a removed config.json is not read", pullRequest: true, files: { "README.md": card(""), "config.json": { status: "removed", content: { type: "text", text: config("meta-llama/Llama-2-7b-hf") } } } },
    { name: "a config.json whose text was not fetched is not read", files: { "README.md": card(""), "config.json": { content: { type: "not-fetched" } } } },
    { name: "_name_or_path that is not a valid model id", files: { "README.md": card(""), "config.json": config("my org/my model") } },
    { name: "_name_or_path without an owner", files: { "README.md": card(""), "config.json": config("gpt2") } },
    { name: "_name_or_path the card's inline code names", files: { "README.md": card("", "# M\n\nLoad it with `from_pretrained(\"me/model\")`.\n"), "config.json": config("me/model") } },
    { name: "the adapter's base as a path is still the adapter's", files: { "README.md": card(""), "adapter_config.json": adapter("/home/me/base"), "config.json": config("x/y") } },
    { name: "an adapter_config.json without a base falls through to the other sources, which say nothing", files: { "README.md": card(""), "adapter_config.json": JSON.stringify({ peft_type: "LORA" }) } },
  ],
  invalid: [
    {
      name: "a link whose text spells the id otherwise: the link's target is the repository (lambdalabs' image variations)",
      files: {
        "README.md": card(
          "",
          "# M\n\nThis version of Stable Diffusion has been fine tuned from [CompVis/stable-diffusion-v1-4-original](https://huggingface.co/CompVis/stable-diffusion-v-1-4-original) to accept CLIP image embedding.\n",
        ),
      },
      findings: [
        {
          line: 6,
          message: "The card says it was made from `CompVis/stable-diffusion-v-1-4-original`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub.",
        },
      ],
      output:
        "---\nlicense: mit\nbase_model: CompVis/stable-diffusion-v-1-4-original\n---\n# M\n\nThis version of Stable Diffusion has been fine tuned from [CompVis/stable-diffusion-v1-4-original](https://huggingface.co/CompVis/stable-diffusion-v-1-4-original) to accept CLIP image embedding.\n",
    },
    {
      name: "the card says fine-tuned from an id",
      files: { "README.md": card("", "# M\n\nThis is a fine-tuned version of the **meta-llama/Llama-3.2-3B-Instruct** base model.\n"), "config.json": config("x/y") },
      output: "---\nlicense: mit\nbase_model: meta-llama/Llama-3.2-3B-Instruct\n---\n# M\n\nThis is a fine-tuned version of the **meta-llama/Llama-3.2-3B-Instruct** base model.\n",
      findings: [{ line: 6, message: "The card says it was made from `meta-llama/Llama-3.2-3B-Instruct`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub.", hint: "Add `base_model: meta-llama/Llama-3.2-3B-Instruct` to the metadata." }],
    },
    {
      name: "Unsloth's 'Finetuned from model' line",
      files: { "README.md": card("", "# M\n\n- **Finetuned from model :** unsloth/gemma-2-9b-bnb-4bit\n") },
      output: "---\nlicense: mit\nbase_model: unsloth/gemma-2-9b-bnb-4bit\n---\n# M\n\n- **Finetuned from model :** unsloth/gemma-2-9b-bnb-4bit\n",
      findings: [{ line: 6, message: "The card says it was made from `unsloth/gemma-2-9b-bnb-4bit`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub." }],
    },
    {
      name: "a link to the base on the Hub",
      files: { "README.md": card("", "# M\n\nBased on [this model](https://huggingface.co/cl-tohoku/bert-base-japanese-v2).\n") },
      output: "---\nlicense: mit\nbase_model: cl-tohoku/bert-base-japanese-v2\n---\n# M\n\nBased on [this model](https://huggingface.co/cl-tohoku/bert-base-japanese-v2).\n",
      findings: [{ line: 6, message: "The card says it was made from `cl-tohoku/bert-base-japanese-v2`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub." }],
    },
    {
      name: "converted from a release given as a bare Hub URL (Pygmalion 7B)",
      files: { "README.md": card("", "# M\n\nConverted from the XORs weights from PygmalionAI's release https://huggingface.co/PygmalionAI/pygmalion-7b\n") },
      output: "---\nlicense: mit\nbase_model: PygmalionAI/pygmalion-7b\n---\n# M\n\nConverted from the XORs weights from PygmalionAI's release https://huggingface.co/PygmalionAI/pygmalion-7b\n",
      findings: [{ line: 6, message: "The card says it was made from `PygmalionAI/pygmalion-7b`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub." }],
    },
    {
      name: "TheBloke's quantisation wording",
      files: {
        "README.md": card("", "# M\n\nThis is GPTQ format quantised 4bit models of [Eric Hartford's Wizard-Vicuna 30B](https://huggingface.co/ehartford/Wizard-Vicuna-30B-Uncensored).\n\nThis repo contains GGUF model files for [Meta's Llama 2 7B](https://huggingface.co/meta-llama/Llama-2-7b-hf).\n"),
      },
      output: "---\nlicense: mit\nbase_model: ehartford/Wizard-Vicuna-30B-Uncensored\n---\n# M\n\nThis is GPTQ format quantised 4bit models of [Eric Hartford's Wizard-Vicuna 30B](https://huggingface.co/ehartford/Wizard-Vicuna-30B-Uncensored).\n\nThis repo contains GGUF model files for [Meta's Llama 2 7B](https://huggingface.co/meta-llama/Llama-2-7b-hf).\n",
      findings: [{ line: 6, message: "The card says it was made from `ehartford/Wizard-Vicuna-30B-Uncensored`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub." }],
    },
    {
      name: "GGUF model files for a linked model",
      files: { "README.md": card("", "# M\n\nThis repo contains GGUF model files for [Meta's Llama 2 7B](https://huggingface.co/meta-llama/Llama-2-7b-hf).\n") },
      output: "---\nlicense: mit\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# M\n\nThis repo contains GGUF model files for [Meta's Llama 2 7B](https://huggingface.co/meta-llama/Llama-2-7b-hf).\n",
      findings: [{ line: 6, message: "The card says it was made from `meta-llama/Llama-2-7b-hf`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub." }],
    },
    {
      name: "a DreamBooth of Stable Diffusion 1.5, no id",
      files: { "README.md": card("", "# M\n\nA DreamBooth fine-tune of Stable Diffusion 1.5 on my dog.\n") },
      findings: [{ line: 6, message: "The card says it was made from Stable Diffusion 1.5, but the card names no `base_model`: the model is missing from its base model's tree on the Hub.", hint: "Add `base_model:` with the Hub id of the Stable Diffusion 1.5 checkpoint the model was trained from." }],
    },
    {
      name: "built on LLaMA, with no id to offer (Vicuna's delta)",
      files: { "README.md": card("", "# M\n\nUsers have to apply it on top of the original LLaMA weights.\n"), "config.json": config("/home/me/vicuna") },
      findings: [{ line: 6, message: "The card says it was made from LLaMA, but the card names no `base_model`: the model is missing from its base model's tree on the Hub.", hint: "Add `base_model:` with the Hub id of the LLaMA checkpoint the model was trained from." }],
    },
    {
      name: "fine-tuning Llama 2, and config.json's id preferred for the fix",
      files: { "README.md": card("", "# M\n\nWe are fine-tuning Llama 2 on our data.\n"), "config.json": config("meta-llama/Llama-2-7b-hf") },
      output: "---\nlicense: mit\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# M\n\nWe are fine-tuning Llama 2 on our data.\n",
      findings: [{ line: 3, severity: "notice", message: "`config.json` was saved from `meta-llama/Llama-2-7b-hf` (its `_name_or_path`), but the card names no `base_model`: the model is missing from its base model's tree on the Hub. (`_name_or_path` is often the model's own id or a local folder; if it is not the model this one was made from, ignore this.)" }],
    },
    {
      name: "Llama 2 named by version",
      files: { "README.md": card("", "# M\n\nA chat model fine-tuned from Llama 2.\n") },
      findings: [{ line: 6, message: "The card says it was made from Llama 2, but the card names no `base_model`: the model is missing from its base model's tree on the Hub." }],
    },
    {
      name: "a card with no metadata block at all",
      files: { "README.md": "# M\n\n- **Finetuned from model:** [cl-tohoku/bert-base-japanese-v2](https://huggingface.co/cl-tohoku/bert-base-japanese-v2)\n", "config.json": config("x") },
      findings: [{ line: 3, message: "The card says it was made from `cl-tohoku/bert-base-japanese-v2`, but the card has no metadata block, so it names no `base_model`: the model is missing from its base model's tree on the Hub." }],
    },
    {
      name: "mergekit_config.yml merges models the card does not name",
      files: { "README.md": card("tags: [merge, mergekit]\n"), "config.json": config("a/one") },
      repo: { "mergekit_config.yml": MERGEKIT },
      output: "---\nlicense: mit\ntags: [merge, mergekit]\nbase_model:\n- a/one\n- b/two\n---\n# Model\n",
      findings: [{ line: 4, message: "`mergekit_config.yml` merges `a/one` and `b/two`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub." }],
    },
    {
      name: "a merge whose card lists only one of its models",
      files: { "README.md": card("base_model:\n- a/one\n", "# M\n\nA merge made with mergekit.\n") },
      repo: { "mergekit_config.yml": MERGEKIT },
      findings: [{ line: 3, message: "`mergekit_config.yml` merges `b/two`, but the card's `base_model` lists only `a/one`: the Hub shows the model as made from that one alone.", hint: "List every model it was made from under `base_model`: `a/one` and `b/two`." }],
    },
    {
      name: "config.json's _name_or_path is a Hub id: a notice only",
      files: { "m/README.md": card(""), "m/config.json": config("meta-llama/Llama-2-7b-chat-hf") },
      output: "---\nlicense: mit\nbase_model: meta-llama/Llama-2-7b-chat-hf\n---\n# Model\n",
      findings: [{ line: 3, path: "m/README.md", severity: "notice", message: "`m/config.json` was saved from `meta-llama/Llama-2-7b-chat-hf` (its `_name_or_path`), but the card names no `base_model`: the model is missing from its base model's tree on the Hub. (`_name_or_path` is often the model's own id or a local folder; if it is not the model this one was made from, ignore this.)" }],
    },
    {
      name: "mergekit_config.yaml, the other name",
      files: { "README.md": card("tags: [mergekit]\n") },
      repo: { "mergekit_config.yaml": MERGEKIT },
      output: "---\nlicense: mit\ntags: [mergekit]\nbase_model:\n- a/one\n- b/two\n---\n# Model\n",
      findings: [{ line: 4, message: "`mergekit_config.yaml` merges `a/one` and `b/two`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub.", hint: "Add `base_model:` to the metadata, with each of them as a list item." }],
    },
    {
      name: "a mergekit configuration that does not parse is skipped for the next one",
      files: { "README.md": card("tags: [mergekit]\n") },
      repo: { "mergekit_config.yml": "models: [a/x\n", "mergekit_config.yaml": "models:\n  - model: c/three\n" },
      output: "---\nlicense: mit\ntags: [mergekit]\nbase_model: c/three\n---\n# Model\n",
      findings: [{ line: 4, message: "`mergekit_config.yaml` merges `c/three`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub.", hint: "Add `base_model: c/three` to the metadata." }],
    },
    {
      name: "a mergekit configuration asked of the repository, in a folder, with a card that speaks of MergeKit",
      files: { "m/README.md": card("", "# M\n\nMade with MergeKit.\n") },
      repo: { "m/mergekit_config.yaml": MERGEKIT },
      output: { "m/README.md": "---\nlicense: mit\nbase_model:\n- a/one\n- b/two\n---\n# M\n\nMade with MergeKit.\n" },
      findings: [{ path: "m/README.md", line: 3, message: "`m/mergekit_config.yaml` merges `a/one` and `b/two`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub." }],
    },
    {
      name: "three merged models, two of them missing: each named, the ones listed too",
      files: { "README.md": card("base_model: a/one\n", "# M\n\nMerged with mergekit.\n") },
      repo: { "mergekit_config.yml": "models:\n  - model: a/one\n  - model: b/two\n  - model: c/three\n" },
      findings: [
        {
          line: 3,
          message: "`mergekit_config.yml` merges `b/two` and `c/three`, but the card's `base_model` lists only `a/one`: the Hub shows the model as made from that one alone.",
          hint: "List every model it was made from under `base_model`: `a/one`, `b/two` and `c/three`.",
        },
      ],
    },
    {
      name: "two bases listed of three merged: 'those'",
      files: { "README.md": card("tags: [mergekit]\nbase_model:\n- a/one\n- c/three\n") },
      repo: { "mergekit_config.yml": "models:\n  - model: a/one\n  - model: b/two\n  - model: c/three\n" },
      findings: [
        {
          line: 4,
          message: "`mergekit_config.yml` merges `b/two`, but the card's `base_model` lists only `a/one` and `c/three`: the Hub shows the model as made from those alone.",
          hint: "List every model it was made from under `base_model`: `a/one`, `c/three` and `b/two`.",
        },
      ],
    },
    {
      name: "a merge beside a card with no metadata block: line 1, and a block to start",
      files: { "README.md": "# M\n\nA mergekit merge.\n", "config.json": config("/tmp/merged") },
      repo: { "mergekit_config.yml": "models:\n  - model: a/one\n" },
      findings: [
        {
          line: 1,
          message: "`mergekit_config.yml` merges `a/one`, but the card has no metadata block, so it names no `base_model`: the model is missing from its base model's tree on the Hub.",
          hint: "Start the card with a metadata block that names it: `---`, `base_model: a/one`, `---`.",
        },
      ],
    },
    {
      name: "config.json beside a card with no metadata block",
      files: { "README.md": "# M\n\nA model.\n", "config.json": config("meta-llama/Llama-2-7b-hf") },
      findings: [
        {
          line: 1,
          severity: "notice",
          message: "`config.json` was saved from `meta-llama/Llama-2-7b-hf` (its `_name_or_path`), but the card has no metadata block, so it names no `base_model`: the model is missing from its base model's tree on the Hub. (`_name_or_path` is often the model's own id or a local folder; if it is not the model this one was made from, ignore this.)",
          hint: "Start the card with a metadata block that names it: `---`, `base_model: meta-llama/Llama-2-7b-hf`, `---`.",
        },
      ],
    },
    {
      name: "a CRLF card: the fix keeps its line breaks",
      files: { "README.md": "---\r\nlicense: mit\r\ntags: [mergekit]\r\n---\r\n# M\r\n" },
      repo: { "mergekit_config.yml": MERGEKIT },
      output: "---\r\nlicense: mit\r\ntags: [mergekit]\r\nbase_model:\r\n- a/one\r\n- b/two\r\n---\r\n# M\r\n",
      findings: [{ line: 4, message: "`mergekit_config.yml` merges `a/one` and `b/two`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub." }],
    },
    {
      name: "an id the card states wins over config.json's",
      files: { "README.md": card("", "# M\n\nFine-tuned from a/b.\n"), "config.json": config("c/d") },
      output: "---\nlicense: mit\nbase_model: a/b\n---\n# M\n\nFine-tuned from a/b.\n",
      findings: [{ line: 6, message: "The card says it was made from `a/b`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub.", hint: "Add `base_model: a/b` to the metadata." }],
    },
    {
      name: "an adapter_config.json without a base leaves the card's sentence to speak",
      files: { "README.md": card("", "# M\n\nFine-tuned from a/b.\n"), "adapter_config.json": JSON.stringify({ peft_type: "LORA" }) },
      output: "---\nlicense: mit\nbase_model: a/b\n---\n# M\n\nFine-tuned from a/b.\n",
      findings: [{ line: 6, message: "The card says it was made from `a/b`, but the card names no `base_model`: the model is missing from its base model's tree on the Hub." }],
    },
  ],
});

describe("card/base-model-stated fix", () => {
  it("adds the merged models as a list before the closing fence", async () => {
    const [f] = await runRule(rule, { name: "fix", files: { "README.md": card("tags: [mergekit]\n") }, repo: { "mergekit_config.yml": MERGEKIT } });
    expect(f?.fix).toEqual({ line: 4, endLine: 4, replacement: "base_model:\n- a/one\n- b/two\n---" });
  });
});

describe("what a release says about its base", () => {
  const parsed = (text: string) => recogniseCard({ path: "README.md", kind: "readme", text }, { siblings: new Map([["config.json", "model-config"]]) });
  it("reads sentences, not data sets or code", () => {
    const c = parsed("# M\n\nWe fine-tuned on tatsu-lab/alpaca.\nDistilled from google/gemma-2-9b.\n");
    expect(c && statedBases(c)).toEqual([{ id: "google/gemma-2-9b", line: 4 }]);
  });
  it("keeps local paths and LoRA pairs out of a merge", () => {
    expect(mergekitModels({ models: [{ model: "a/b" }, { model: "./local" }, { model: "c/d+e/lora" }, { model: "A/B" }], base_model: "f/g" })).toEqual(["a/b", "f/g"]);
  });
  it("finds nothing in a long line of words that nearly match", () => {
    const c = parsed(`# M\n\n${"fine-tuned from the the the ** ".repeat(60)}\n`);
    // Its time is measured by `npm run bench` (hostile inputs); a backtracking pattern would not finish here.
    expect(c && statedBases(c)).toEqual([]);
  });
});
