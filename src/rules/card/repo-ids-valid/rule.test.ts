import { describe, expect, it } from "vitest";
import { checkRepoId } from "../../../parse/repo-id.js";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "namespaced and legacy ids", files: card("datasets:\n- squad\n- stanfordnlp/imdb\nbase_model: meta-llama/Llama-3.1-8B\nnew_version: acme/tiny-v2") },
    { name: "a merge of two bases", files: card("base_model:\n- a/b\n- c/d") },
    { name: "a shape problem is left to card/metadata-types", files: card("datasets: {a: b}") },
    { name: "empty keys", files: card("datasets:\nbase_model:") },
    { name: "dataset cards are not checked", files: { "README.md": "---\ntask_categories: [text-classification]\ndatasets: [librispeech 960h]\n---\n" } },
  ],
  invalid: [
    {
      name: "a dataset URL",
      files: card("datasets:\n- https://huggingface.co/datasets/stanfordnlp/imdb"),
      output: "---\nlicense: mit\ndatasets:\n- stanfordnlp/imdb\n---\n# Model\n",
      findings: [{ line: 4, message: "`https://huggingface.co/datasets/stanfordnlp/imdb` in `datasets` is not a dataset id: it is a Hub address, not a repository id.", hint: "Write `stanfordnlp/imdb`." }],
    },
    {
      name: "prose in datasets (the Hub refuses it)",
      files: card("datasets:\n- librispeech 960h"),
      findings: [
        {
          line: 4,
          column: 3,
          message: "`librispeech 960h` in `datasets` is not a dataset id: it contains spaces: a description rather than an id.",
          hint: "Use the dataset's id on the Hub, as in its address after `huggingface.co/datasets/` (for example `stanfordnlp/imdb`); describe other data in the card's text.",
        },
      ],
    },
    {
      name: "a base model with a revision",
      files: card("base_model: mistralai/Mistral-7B-v0.1@main"),
      output: "---\nlicense: mit\nbase_model: mistralai/Mistral-7B-v0.1\n---\n# Model\n",
      findings: [{ line: 3, message: "`mistralai/Mistral-7B-v0.1@main` in `base_model` is not a model id: a revision (`@…`) cannot be part of the id.", hint: "Write `mistralai/Mistral-7B-v0.1`." }],
    },
    {
      name: "a local path from adapter_config.json",
      files: card("base_model: ./checkpoints/base"),
      findings: [
        {
          line: 3,
          column: 13,
          message: "`./checkpoints/base` in `base_model` is not a model id: it is a local path, not a Hub repository id.",
          hint: "Use the model's id on the Hub, as in its address after `huggingface.co/` (for example `meta-llama/Llama-3.1-8B`).",
        },
      ],
    },
    {
      name: "no fix when the value appears twice on its line",
      files: card("base_model: a/b@main # a/b@main"),
      output: null,
      findings: [{ line: 3, message: "`a/b@main` in `base_model` is not a model id: a revision (`@…`) cannot be part of the id." }],
    },
    {
      name: "a model URL and a GitHub URL",
      files: card("base_model:\n- https://huggingface.co/google/gemma-2b\n- https://github.com/org/repo"),
      output: "---\nlicense: mit\nbase_model:\n- google/gemma-2b\n- https://github.com/org/repo\n---\n# Model\n",
      findings: [
        { line: 4, message: "`https://huggingface.co/google/gemma-2b` in `base_model` is not a model id: it is a Hub address, not a repository id.", hint: "Write `google/gemma-2b`." },
        { line: 5, message: "`https://github.com/org/repo` in `base_model` is not a model id: it is an address, not a Hub repository id." },
      ],
    },
    {
      name: "new_version with the models/ prefix",
      files: card("new_version: models/acme/tiny-v2"),
      output: "---\nlicense: mit\nnew_version: acme/tiny-v2\n---\n# Model\n",
      findings: [{ line: 3, message: "`models/acme/tiny-v2` in `new_version` is not a model id: the `models/` prefix is not part of the id.", hint: "Write `acme/tiny-v2`." }],
    },
  ],
});

describe("repo ids", () => {
  it.each([
    ["a/b", undefined],
    ["squad", undefined],
    ["a--b/c", "it has characters or a shape a Hub id cannot have"],
    ["-a/b", "it has characters or a shape a Hub id cannot have"],
    ["a/b/c", "an id has at most one `/` (`namespace/name`)"],
    ["a/b.git", "it has characters or a shape a Hub id cannot have"],
    ["", "it is empty"],
  ])("%j", (value, reason) => {
    expect(checkRepoId(value, "model")?.reason).toBe(reason);
  });

  it("hf.co and dataset URLs with query strings", () => {
    expect(checkRepoId("https://hf.co/datasets/a/b?x=1", "dataset")?.suggestion).toBe("a/b");
    expect(checkRepoId("https://huggingface.co/datasets/a/b", "model")?.suggestion).toBeUndefined();
  });

  it("fixes the item on its line", async () => {
    const [f] = await runRule(rule, { name: "fix", files: card("datasets:\n- https://huggingface.co/datasets/stanfordnlp/imdb") });
    expect(f?.fix).toEqual({ line: 4, endLine: 4, replacement: "- stanfordnlp/imdb" });
  });
});
