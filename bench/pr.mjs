/**
 * The typical model-release pull request the benchmarks replay: a model card
 * with front matter and model-index, LICENSE, .gitattributes, config.json,
 * two LFS weight files and a dataset card.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { webhook } from "./github.mjs";

const APACHE = readFileSync(new URL("../node_modules/spdx-license-list/licenses/Apache-2.0.json", import.meta.url), "utf8");

export const LICENSE_TEXT = (() => {
  try {
    return JSON.parse(APACHE).licenseText;
  } catch {
    return "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n";
  }
})();

export const MODEL_CARD = `---
license: apache-2.0
language:
- en
library_name: transformers
pipeline_tag: text-generation
base_model: meta-llama/Llama-3.1-8B
datasets:
- roneneldan/TinyStories
- acme-ai/tiny-stories-clean
tags:
- text-generation
- llama
model-index:
- name: tiny-llm-8b-stories
  results:
  - task:
      type: text-generation
      name: Text Generation
    dataset:
      name: TinyStories
      type: roneneldan/TinyStories
      split: validation
    metrics:
    - type: perplexity
      value: 4.21
      name: Perplexity
---

# tiny-llm-8b-stories

A fine-tune of Llama 3.1 8B that writes short children's stories in English.

## Model details

- Developed by: Acme AI
- Model type: causal language model
- Fine-tuned from: meta-llama/Llama-3.1-8B

## Uses

Generating short children's stories in English.

### Out-of-scope use

Anything factual: the model knows nothing beyond simple stories.

## Bias, risks and limitations

Stories drift and repeat; the training data is synthetic and narrow.

## Training data

The TinyStories dataset, cleaned (see \`data/tiny-stories-clean\`).

## Training procedure

Two epochs, learning rate 2e-5, bf16, 8 × A100.

## Evaluation

Perplexity on the TinyStories validation split: 4.21.

## License

Apache 2.0, see LICENSE.
`;

export const DATASET_CARD = `---
license: cdla-sharing-1.0
language:
- en
task_categories:
- text-generation
size_categories:
- 1M<n<10M
pretty_name: TinyStories (clean)
source_datasets:
- roneneldan/TinyStories
---

# TinyStories (clean)

TinyStories with duplicates and broken stories removed.

## Dataset structure

One \`text\` field per story; train and validation splits.

## Source data

Derived from roneneldan/TinyStories.

## Considerations

Synthetic stories written by GPT-3.5 and GPT-4; the vocabulary is deliberately small.

## Licensing

CDLA-Sharing-1.0, as the source.
`;

export const CONFIG_JSON = JSON.stringify(
  {
    architectures: ["LlamaForCausalLM"],
    model_type: "llama",
    hidden_size: 4096,
    num_attention_heads: 32,
    num_hidden_layers: 32,
    vocab_size: 128256,
    torch_dtype: "bfloat16",
    transformers_version: "4.44.0",
  },
  null,
  2,
);

export const GITATTRIBUTES = "*.safetensors filter=lfs diff=lfs merge=lfs -text\n*.bin filter=lfs diff=lfs merge=lfs -text\n";

const lfsPointer = (size, seed) =>
  `version https://git-lfs.github.com/spec/v1\noid sha256:${createHash("sha256").update(seed).digest("hex")}\nsize ${size}\n`;
const addedPatch = (text) => {
  const lines = text.replace(/\n$/, "").split("\n");
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;
};

/** Files and contents of the typical PR; `card` replaces the model card's text. */
export function typicalPr({ card = MODEL_CARD, extraFiles = [] } = {}) {
  const weights = {
    "model-00001-of-00002.safetensors": lfsPointer(4_976_698_672, "one"),
    "model-00002-of-00002.safetensors": lfsPointer(3_500_294_136, "two"),
  };
  const contents = {
    "README.md": card,
    LICENSE: LICENSE_TEXT,
    ".gitattributes": GITATTRIBUTES,
    "config.json": CONFIG_JSON,
    ...weights,
    "data/tiny-stories-clean/README.md": DATASET_CARD,
  };
  const files = [
    ...extraFiles.map((path) => ({ path })),
    ...Object.entries(contents).map(([path, text]) => ({ path, patch: text.length < 200_000 ? addedPatch(text) : undefined })),
  ];
  return { files, contents };
}

let shaCounter = 0;
export function nextSha() {
  shaCounter++;
  return createHash("sha1").update(`bench-${shaCounter}`).digest("hex");
}

/** A pull_request webhook payload for PR `number` at `sha`. */
export function payloadFor(action, number, sha, changedFiles) {
  const payload = webhook(action === "opened" ? "pull_request.opened.json" : "pull_request.synchronize.json");
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.head.sha = sha;
  payload.pull_request.changed_files = changedFiles;
  payload.pull_request.title = `Release tiny-llm-8b-stories (#${number})`;
  if (action === "synchronize") payload.after = sha;
  return payload;
}
