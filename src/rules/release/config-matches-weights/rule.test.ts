import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { rawSafetensors, safetensorsFile } from "../../../../test/helpers/safetensors.js";
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

const layersMessage = (path: string, declared: number, held: number) =>
  `\`${path}\` declares ${declared} layers (\`num_hidden_layers\`), but the weights hold ${held} (\`model.layers.0\` to \`model.layers.${held - 1}\`). ${declared > held ? "transformers would initialise the missing layers randomly." : "transformers would ignore the layers past the declared count."}`;
const S1 = "model-00001-of-00002.safetensors";

ruleTester(rule, {
  valid: [
    {
      name: "a single file in the review is read, not an index left in the repository",
      files: { "config.json": config(), "model.safetensors": pointer() },
      bytes: { "model.safetensors": weights(2) },
      repo: { "model.safetensors.index.json": index(3) },
    },
    { name: "the pull request removes config.json: nothing to compare (the repository's copy is not read)", pullRequest: true, files: { "config.json": { content: { type: "removed" }, status: "removed" }, "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(2) }, repo: { "config.json": config({ num_hidden_layers: 9 }) } },
    { name: "a config.json not read as text", files: { "config.json": { content: { type: "not-fetched" } }, "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(3) }, repo: {} },
    { name: "a config.json that is not an object", files: { "config.json": "[]", "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(3) }, repo: {} },
    { name: "a single file that is not in the repository is never read", files: { "config.json": config({ num_hidden_layers: 9 }) }, bytes: { "model.safetensors": weights(2) }, repo: {} },
    { name: "without a view of the repository, a single file not in the review is never read", files: { "config.json": config({ num_hidden_layers: 9 }) }, bytes: { "model.safetensors": weights(2) } },
    { name: "a single file whose header is broken: said by the header rule", files: { "config.json": config({ num_hidden_layers: 9 }), "model.safetensors": pointer() }, bytes: { "model.safetensors": rawSafetensors("{oops", 0) }, repo: {} },
    { name: "model_type that is not a string", files: { "config.json": config({ model_type: 7 }), "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(5) }, repo: {} },
    { name: "two architectures: not certain", files: { "config.json": config({ architectures: ["LlamaForCausalLM", "LlamaForSequenceClassification"] }), "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(5) }, repo: {} },
    { name: "architectures that are not a list", files: { "config.json": config({ architectures: "LlamaForCausalLM" }), "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(5) }, repo: {} },
    { name: "a num_hidden_layers that is not a whole number is not compared", files: { "config.json": config({ num_hidden_layers: 2.5 }), "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(5) }, repo: {} },
    { name: "tensor names that only contain model.layers.N do not count", files: { "config.json": config({ num_hidden_layers: 2 }), "model.safetensors": pointer() }, bytes: { "model.safetensors": safetensorsFile({ ...layers(2), "vision.model.layers.7.w": { dtype: "F16", shape: [2] } }) }, repo: {} },
    { name: "an index whose shards are in the review but no bytes: the embedding is not read", files: { "config.json": config({ vocab_size: 20 }), "model.safetensors.index.json": index(2), [S1]: pointer() }, repo: {} },
    { name: "an index whose weight map has no embedding", files: { "config.json": config({ vocab_size: 20 }), "model.safetensors.index.json": JSON.stringify({ weight_map: Object.fromEntries(Object.keys(layers(2)).map((k) => [k, S1])) }), [S1]: pointer() }, bytes: { [S1]: weights(2, [3, 3]) }, repo: {} },
    { name: "a one-dimensional embedding is not compared", files: { "config.json": config({ vocab_size: 20, hidden_size: 3 }), "model.safetensors": pointer() }, bytes: { "model.safetensors": safetensorsFile({ "model.embed_tokens.weight": { dtype: "F16", shape: [16] }, ...layers(2) }) }, repo: {} },
    { name: "sizes the config does not give are not compared", files: { "config.json": `${JSON.stringify({ architectures: ["MistralForCausalLM"], model_type: "mistral", num_hidden_layers: 2 })}\n`, "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(2, [7, 5]) }, repo: {} },
    { name: "a shard the index names but the repository lacks is not read", files: { "config.json": config({ vocab_size: 20 }), "model.safetensors.index.json": index(2) }, bytes: { [S1]: weights(0) }, repo: {} },
    { name: "a shard whose header is broken is not read for the embedding", files: { "config.json": config({ vocab_size: 20 }), "model.safetensors.index.json": index(2), [S1]: pointer() }, bytes: { [S1]: rawSafetensors("{oops", 0) }, repo: {} },
    { name: "a Qwen2 config that agrees", files: { "config.json": config({ model_type: "qwen2", architectures: ["Qwen2ForCausalLM"] }), "model.safetensors": pointer() }, bytes: { "model.safetensors": weights(2) }, repo: {} },
  ],
  invalid: [
    {
      name: "the pull request touches only a shard: the index and config.json come from the repository, the finding is on the index",
      pullRequest: true,
      files: { [S1]: pointer() },
      repo: { "model.safetensors.index.json": index(3), "config.json": config({ model_type: "mistral", architectures: ["MistralForCausalLM"], num_hidden_layers: 5 }) },
      findings: [{ path: "model.safetensors.index.json", line: 1, message: layersMessage("config.json", 5, 3) }],
    },
    {
      name: "the pull request touches only config.json: the single file is read from the repository, the finding is on config.json's line",
      pullRequest: true,
      files: { "config.json": config({ num_hidden_layers: 12 }) },
      bytes: { "model.safetensors": weights(10) },
      repo: { "model.safetensors": null },
      findings: [{ path: "config.json", line: 7, message: "`config.json` declares 12 layers (`num_hidden_layers`), but the weights hold 10 (`model.layers.0` to `model.layers.9`). transformers would initialise the missing layers randomly." }],
    },
    {
      name: "config.json from the repository and a single file in the review: the findings are on the weights, at line 1",
      pullRequest: true,
      files: { "m/model.safetensors": pointer() },
      bytes: { "m/model.safetensors": weights(2, [16, 4]) },
      repo: { "m/config.json": config({ num_hidden_layers: 1 }) },
      findings: [
        { path: "m/model.safetensors", line: 1, message: layersMessage("m/config.json", 1, 2) },
        { path: "m/model.safetensors", line: 1, message: "`m/config.json` declares `hidden_size` 8, but `model.embed_tokens.weight` in `model.safetensors` is 4 wide (shape [16, 4]). Loading fails with a size mismatch." },
      ],
    },
    {
      name: "the embedding read from a shard in the repository, the index in the review",
      pullRequest: true,
      files: { "model.safetensors.index.json": index(2) },
      bytes: { [S1]: weights(0, [1000, 8]) },
      repo: { [S1]: null, "config.json": config() },
      findings: [{ path: "model.safetensors.index.json", line: 1, message: "`config.json` declares `vocab_size` 16, but `model.embed_tokens.weight` in `model-00001-of-00002.safetensors` has 1,000 rows (shape [1,000, 8]). Loading fails with a size mismatch." }],
    },
    {
      name: "layer numbers are compared as numbers (layer 10 is after layer 9), and a key written escaped is pointed at line 1",
      files: { "config.json": config({ num_hidden_layers: 12 }).replace('"num_hidden_layers"', '"num\\u005fhidden_layers"'), "model.safetensors": pointer() },
      bytes: { "model.safetensors": weights(11) },
      repo: {},
      findings: [{ path: "config.json", line: 1, message: "`config.json` declares 12 layers (`num_hidden_layers`), but the weights hold 11 (`model.layers.0` to `model.layers.10`). transformers would initialise the missing layers randomly." }],
    },
    {
      name: "a folder with a shard named like transformers' in a subfolder",
      files: { "sub/config.json": config(), "sub/model.safetensors.index.json": index(4) },
      repo: {},
      findings: [{ path: "sub/config.json", line: 7, message: layersMessage("sub/config.json", 2, 4) }],
    },
  ],
});
