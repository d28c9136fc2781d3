import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { safetensorsFile } from "../../../../test/helpers/safetensors.js";
import { pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

const config = (extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ architectures: ["LlamaForCausalLM"], model_type: "llama", hidden_size: 8, num_hidden_layers: 2, vocab_size: 16, ...extra }, null, 2)}\n`;
const layers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`model.layers.${i}.mlp.down_proj.weight`, { dtype: "F16", shape: [8, 8] }]));
const weights = (n: number, embed: [number, number] = [16, 8]) =>
  safetensorsFile({ "model.embed_tokens.weight": { dtype: "F16", shape: embed }, ...layers(n), "lm_head.weight": { dtype: "F16", shape: [16, 8] } });
const index = (n: number) =>
  JSON.stringify({
    metadata: { total_size: 1 },
    weight_map: { "model.embed_tokens.weight": "model-00001-of-00002.safetensors", ...Object.fromEntries(Object.keys(layers(n)).map((k) => [k, "model-00002-of-00002.safetensors"])) },
  });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "config and a single file agree", files: { "config.json": config(), "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(2) }, repo: {} },
    { name: "config and an index agree (layers from the weight map, no bytes needed)", files: { "config.json": config(), "model.safetensors.index.json": index(2) }, repo: {} },
    { name: "another architecture is not judged", files: { "config.json": config({ model_type: "gpt2", architectures: ["GPT2LMHeadModel"] }), "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(5) }, repo: {} },
    { name: "LlamaModel saves tensors without the model. prefix: not judged", files: { "config.json": config({ architectures: ["LlamaModel"] }), "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(5) }, repo: {} },
    { name: "a quantized checkpoint's embedding shape is not judged", files: { "config.json": config({ quantization_config: { bits: 4 } }), "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(2, [16, 4]) }, repo: {} },
    { name: "no tensor named model.layers.N: nothing to count", files: { "config.json": config(), "model.safetensors": pointer() }, bytes: { "model.safetensors": safetensorsFile({ "x.weight": { dtype: "F16", shape: [2] } }) }, repo: {} },
    { name: "unreadable weights: silent here (the header rule says why)", files: { "config.json": config(), "model.safetensors": pointer() }, bytes: { "model.safetensors": "the LFS object is not on the server" }, repo: {} },
  ],
  invalid: [
    {
      name: "78 layers declared, 42 held (issue 15's example)",
      files: { "config.json": config({ num_hidden_layers: 78 }), "model.safetensors": pointer() },
      bytes: { "model.safetensors": weights(42) },
      repo: {},
      findings: [
        {
          path: "config.json",
          line: 7,
          message: "`config.json` declares 78 layers (`num_hidden_layers`), but the weights hold 42 (`model.layers.0` to `model.layers.41`). transformers would initialise the missing layers randomly.",
        },
      ],
    },
    {
      name: "layers counted from the index's weight map, config from the repository",
      files: { "m/model.safetensors.index.json": index(3) },
      repo: { "m/config.json": config() },
      findings: [{ line: 1, path: "m/model.safetensors.index.json", message: "`m/config.json` declares 2 layers (`num_hidden_layers`), but the weights hold 3 (`model.layers.0` to `model.layers.2`). transformers would ignore the layers past the declared count." }],
    },
    {
      name: "hidden_size and vocab_size against the embedding",
      files: { "config.json": config({ hidden_size: 16, vocab_size: 32000 }), "model.safetensors": pointer() },
      bytes: { "model.safetensors": weights(2) },
      repo: {},
      findings: [
        { line: 6, message: "`config.json` declares `hidden_size` 16, but `model.embed_tokens.weight` in `model.safetensors` is 8 wide (shape [16, 8]). Loading fails with a size mismatch." },
        { line: 8, message: "`config.json` declares `vocab_size` 32,000, but `model.embed_tokens.weight` in `model.safetensors` has 16 rows (shape [16, 8]). Loading fails with a size mismatch." },
      ],
    },
    {
      name: "the embedding read from the shard the index names",
      files: { "config.json": config({ vocab_size: 20 }), "model.safetensors.index.json": index(2), "model-00001-of-00002.safetensors": pointer() },
      bytes: { "model-00001-of-00002.safetensors": weights(0) },
      repo: {},
      findings: [{ line: 8, message: "`config.json` declares `vocab_size` 20, but `model.embed_tokens.weight` in `model-00001-of-00002.safetensors` has 16 rows (shape [16, 8]). Loading fails with a size mismatch." }],
    },
  ],
});
