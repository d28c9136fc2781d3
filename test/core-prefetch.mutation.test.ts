/**
 * src/core/prefetch.ts: the repository paths a review reads ahead, beside and
 * above the pull request's files, for each kind of file that makes rules ask.
 */
import { describe, expect, it } from "vitest";
import { likelyRepoLookups } from "../src/core/prefetch.js";

const lookups = (...files: (string | [string, "removed"])[]) =>
  likelyRepoLookups(files.map((f) => (typeof f === "string" ? { path: f, removed: false } : { path: f[0], removed: true })));

const CARDS = (dir: string) => ["README.md", "MODEL_CARD.md", "modelcard.md", "model_card.md"].map((n) => (dir ? `${dir}/${n}` : n));
const LICENSES = (dir: string) => ["LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "COPYING", "COPYING.md"].map((n) => (dir ? `${dir}/${n}` : n));

describe("likelyRepoLookups", () => {
  it("transformers' safetensors at the root: a card, the root .gitattributes, its config and shard index", () => {
    expect(lookups("model.safetensors")).toEqual([...CARDS(""), ".gitattributes", "config.json", "model.safetensors.index.json"]);
  });

  it("a shard in a folder: cards up to the root, each folder's .gitattributes, the config beside it", () => {
    expect(lookups("m/model-00001-of-00002.safetensors")).toEqual([
      ...CARDS("m"),
      ...CARDS(""),
      ".gitattributes",
      "m/.gitattributes",
      "m/config.json",
      "m/model.safetensors.index.json",
    ]);
  });

  it("safetensors not named like transformers' weights ask for no config", () => {
    expect(lookups("unet/diffusion_pytorch_model.safetensors")).toEqual([...CARDS("unet"), ...CARDS(""), ".gitattributes", "unet/.gitattributes"]);
  });

  it("a pickle: also its safetensors twins and the OpenVINO file that would settle its format", () => {
    expect(lookups("models/x/pytorch_model.bin")).toEqual([
      ...CARDS("models/x"),
      ...CARDS("models"),
      ...CARDS(""),
      ".gitattributes",
      "models/.gitattributes",
      "models/x/.gitattributes",
      "models/x/pytorch_model.safetensors",
      "models/x/model.safetensors",
      "models/x/pytorch_model.xml",
    ]);
    expect(lookups("pytorch_model.bin")).toEqual([...CARDS(""), ".gitattributes", "pytorch_model.safetensors", "model.safetensors", "pytorch_model.xml"]);
  });

  it("a trainer's state is not weights (asked by its name, wherever it is), and a removed file asks nothing", () => {
    expect(lookups("checkpoint-1/optimizer.pt")).toEqual([]);
    expect(lookups("optimizer.pt")).toEqual([]);
    expect(lookups(["model.safetensors", "removed"], ["docs/README.md", "removed"])).toEqual([]);
  });

  it("a config.json: a card above it and the weights it describes, less what the pull request has", () => {
    expect(lookups("sub/config.json")).toEqual([...CARDS("sub"), ...CARDS(""), "sub/model.safetensors.index.json", "sub/model.safetensors"]);
    expect(lookups("config.json", ["model.safetensors", "removed"])).toEqual([...CARDS(""), "model.safetensors.index.json"]);
  });

  it("a diffusers model_index.json wants a card; other release configs do not", () => {
    expect(lookups("sub/model_index.json")).toEqual([...CARDS("sub"), ...CARDS("")]);
    expect(lookups("sub/tokenizer_config.json")).toEqual([]);
  });

  it("a shard index wants the config.json beside it; an adapter config, its weights", () => {
    expect(lookups("sub/model.safetensors.index.json")).toEqual(["sub/config.json"]);
    expect(lookups("lora/adapter_config.json")).toEqual(["lora/adapter_model.safetensors", "lora/adapter_model.bin"]);
    expect(lookups("adapter_config.json", "model.safetensors.index.json")).toEqual(["adapter_model.safetensors", "adapter_model.bin", "config.json"]);
  });

  it("a Markdown file wants a license beside it (.md or .markdown, any case), less the one the pull request has", () => {
    expect(lookups("docs/notes.MARKDOWN")).toEqual(LICENSES("docs"));
    expect(lookups("NOTES.md")).toEqual(LICENSES(""));
    expect(lookups("a/README.md", "a/LICENSE")).toEqual(LICENSES("a").slice(1));
    expect(lookups("a/notes.txt")).toEqual([]);
    expect(lookups("a/notes.md.bak")).toEqual([]);
  });
});
