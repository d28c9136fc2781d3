import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

const index = (...shards: string[]) =>
  JSON.stringify({ metadata: { total_size: 1 }, weight_map: Object.fromEntries(shards.map((s, i) => [`layer.${i}.weight`, s])) });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "not JSON is release/config-json-valid's", files: { "model.safetensors.index.json": "{oops" }, repo: {} },
    { name: "a shard in a subfolder is a plain relative path", files: { "model.safetensors.index.json": index("sub/a.safetensors"), "sub/a.safetensors": pointer() }, repo: {} },
    {
      name: "every shard in the PR",
      files: { "m/model.safetensors.index.json": index("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"), "m/model-00001-of-00002.safetensors": pointer(), "m/model-00002-of-00002.safetensors": pointer() },
      repo: {},
    },
    { name: "a shard already in the repository", files: { "model.safetensors.index.json": index("a.safetensors", "b.safetensors"), "a.safetensors": pointer() }, repo: { "b.safetensors": null } },
    { name: "no view of the repository: no verdict", files: { "model.safetensors.index.json": index("a.safetensors") } },
  ],
  invalid: [
    {
      name: "a missing shard",
      files: { "model.safetensors.index.json": index("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors", "model-00003-of-00003.safetensors"), "model-00001-of-00003.safetensors": pointer(), "model-00002-of-00003.safetensors": pointer() },
      repo: {},
      findings: [{ line: 1, message: "1 of the 3 shards named in `model.safetensors.index.json` is not in the repository: `model-00003-of-00003.safetensors`." }],
    },
    {
      name: "a shard removed by the PR",
      pullRequest: true,
      files: { "pytorch_model.bin.index.json": index("a.bin", "b.bin"), "b.bin": { content: { type: "removed" }, status: "removed" } },
      repo: { "a.bin": null },
      findings: [{ line: 1, message: "1 of the 2 shards named in `pytorch_model.bin.index.json` is not in the repository: `b.bin`." }],
    },
    ...[
      ["../model-00001-of-00002.safetensors", "dot segment"],
      ["%2e%2e/secret.safetensors", "dot segment once percent-decoded"],
      ["%252e%252e/secret.safetensors", "dot segment once percent-decoded"],
      ["/etc/passwd", "absolute path"],
      ["https://evil.example/x.safetensors", "scheme-like first segment"],
      ["C:/x.safetensors", "scheme-like first segment"],
      ["sub\\x.safetensors", "backslash"],
      ["x\u0000.safetensors", "control character"],
      ["%E0%A4%A.safetensors", "malformed percent-encoding"],
    ].map(([shard, reason]) => ({
      name: `an unsafe shard name: ${reason} (${JSON.stringify(shard)})`,
      files: { "m/model.safetensors.index.json": index("model-00002-of-00002.safetensors", shard as string), "m/model-00002-of-00002.safetensors": pointer() },
      repo: {},
      findings: [
        {
          path: "m/model.safetensors.index.json",
          line: 1,
          title: "Checkpoint index names an unsafe shard path",
          message: `\`m/model.safetensors.index.json\` names 1 shard that is not a plain file name in its folder: \`${shard}\` (${reason}). Loaders refuse such names (huggingface.js) or could read a file outside the checkpoint.`,
        },
      ],
    })),
    {
      name: "an unsafe name is never joined to a path: no missing-shard finding for it, one for a plain missing shard",
      files: { "model.safetensors.index.json": index("../../etc/x.safetensors", "b.safetensors") },
      repo: {},
      findings: [{ line: 1, title: "Checkpoint index names an unsafe shard path", message: "`model.safetensors.index.json` names 1 shard that is not a plain file name in its folder: `../../etc/x.safetensors` (dot segment). Loaders refuse such names (huggingface.js) or could read a file outside the checkpoint." }, { line: 1, message: "1 of the 1 shards named in `model.safetensors.index.json` is not in the repository: `b.safetensors`." }],
    },
    { name: "no weight_map", files: { "model.safetensors.index.json": "{}" }, repo: {}, findings: [{ line: 1, title: "Checkpoint index has no weight map", message: "`model.safetensors.index.json` has no `weight_map` object naming the shard of each tensor." }] },
  ],
});

const pretty = (...shards: string[]) => JSON.stringify({ metadata: { total_size: 1 }, weight_map: Object.fromEntries(shards.map((s, i) => [`layer.${i}.weight`, s])) }, null, 2);
const NO_MAP = "`model.safetensors.index.json` has no `weight_map` object naming the shard of each tensor.";
const shard = (i: number, of: number) => `model-${String(i).padStart(5, "0")}-of-${String(of).padStart(5, "0")}.safetensors`;

ruleTester(rule, {
  valid: [
    { name: "a removed index", pullRequest: true, files: { "model.safetensors.index.json": { content: { type: "removed" }, status: "removed" } }, repo: {} },
    { name: "an index not read as text", files: { "model.safetensors.index.json": { content: { type: "not-fetched" } } }, repo: {} },
    { name: "values that are not strings name no shard", files: { "model.safetensors.index.json": JSON.stringify({ weight_map: { a: 1, b: null, c: "x.safetensors" } }), "x.safetensors": pointer() }, repo: {} },
  ],
  invalid: [
    ...["null", "[]", '{"weight_map": []}', '{"weight_map": "model.safetensors"}', '{"weight_map": null}'].map((text) => ({
      name: `no weight map object: ${text}`,
      files: { "model.safetensors.index.json": text },
      repo: {},
      findings: [{ line: 1, title: "Checkpoint index has no weight map", message: NO_MAP, hint: "Write the index again with the library that saved the shards." }],
    })),
    {
      name: "six missing shards of seven: five named, the rest elided; each shard once however many tensors it holds",
      files: { "model.safetensors.index.json": index(...[1, 2, 3, 4, 5, 6, 7, 7].map((i) => shard(i, 7))), [shard(1, 7)]: pointer() },
      repo: {},
      findings: [
        {
          line: 1,
          message: `6 of the 7 shards named in \`model.safetensors.index.json\` are not in the repository: \`${shard(2, 7)}\`, \`${shard(3, 7)}\`, \`${shard(4, 7)}\`, \`${shard(5, 7)}\`, \`${shard(6, 7)}\`, ….`,
          hint: "Add the missing shards (through Git LFS), or save the checkpoint again so that the index and the shards match.",
        },
      ],
    },
    {
      name: "five missing shards: all named, nothing elided",
      files: { "m/model.safetensors.index.json": index(...[1, 2, 3, 4, 5].map((i) => shard(i, 5))) },
      repo: { [`${shard(1, 5)}`]: null },
      findings: [{ line: 1, path: "m/model.safetensors.index.json", message: `5 of the 5 shards named in \`m/model.safetensors.index.json\` are not in the repository: \`${[1, 2, 3, 4, 5].map((i) => shard(i, 5)).join("`, `")}\`.` }],
    },
    {
      name: "six unsafe names: five shown, the rest elided, at the line of the first (sorted) in a pretty-printed index",
      files: { "model.safetensors.index.json": pretty("ok.safetensors", "/a", "/b", "/c", "/d", "/e", "/f"), "ok.safetensors": pointer() },
      repo: {},
      findings: [
        {
          line: 7,
          title: "Checkpoint index names an unsafe shard path",
          message:
            "`model.safetensors.index.json` names 6 shards that are not a plain file name in its folder: `/a` (absolute path), `/b` (absolute path), `/c` (absolute path), `/d` (absolute path), `/e` (absolute path), …. Loaders refuse such names (huggingface.js) or could read a file outside the checkpoint.",
          hint: "Write the index again with the library that saved the shards: `weight_map` values are file names beside the index, such as `model-00001-of-00002.safetensors`.",
        },
      ],
    },
    {
      name: "an unsafe name with a backslash is found at its line, written escaped",
      files: { "model.safetensors.index.json": pretty("ok.safetensors", "sub\\x.safetensors"), "ok.safetensors": pointer() },
      repo: {},
      findings: [{ line: 7, title: "Checkpoint index names an unsafe shard path", message: "`model.safetensors.index.json` names 1 shard that is not a plain file name in its folder: `sub\\x.safetensors` (backslash). Loaders refuse such names (huggingface.js) or could read a file outside the checkpoint." }],
    },
  ],
});

ruleTester(rule, {
  valid: [{ name: "a config.json is no index, whatever it lacks", files: { "config.json": "{}" }, repo: {} }, { name: "an index in a subfolder whose shards are beside it", files: { "m/model.safetensors.index.json": index("a.safetensors"), "m/a.safetensors": pointer() }, repo: {} }],
  invalid: [
    {
      name: "missing shards are named in sorted order, whatever the order of the weight map",
      files: { "model.safetensors.index.json": index("c.safetensors", "a.safetensors", "b.safetensors"), "b.safetensors": pointer() },
      repo: {},
      findings: [{ line: 1, message: "2 of the 3 shards named in `model.safetensors.index.json` are not in the repository: `a.safetensors`, `c.safetensors`." }],
    },
    {
      name: "an unsafe name written with escapes is not found in the text: line 1",
      files: { "model.safetensors.index.json": pretty("ok.safetensors", "x").replace('"x"', '"\\u002e\\u002e/x"'), "ok.safetensors": pointer() },
      repo: {},
      findings: [{ line: 1, title: "Checkpoint index names an unsafe shard path", message: "`model.safetensors.index.json` names 1 shard that is not a plain file name in its folder: `../x` (dot segment). Loaders refuse such names (huggingface.js) or could read a file outside the checkpoint." }],
    },
  ],
});
