import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "real card coqui-xtts-v2 (test/fixtures/corpus)", files: { "README.md": corpusCard("coqui-xtts-v2") } },
    { name: "transformers", files: card("library_name: transformers") },
    { name: "no library_name", files: card("tags: [a]") },
    { name: "peft and others", files: card("library_name: sentence-transformers") },
    { name: "an unknown name far from any library is not reported (the list grows)", files: card("library_name: my-inhouse-runtime") },
    { name: "a four-letter name is too short to guess at (timn is not taken for timm)", files: card("library_name: timn") },
    { name: "three edits away is too far to guess (dfusrs)", files: card("library_name: dfusrs") },
    { name: "two libraries equally close: no guess (sam2e is one edit from sam2 and from same)", files: card("library_name: sam2e") },
    { name: "a list or a number is card/metadata-types' concern", files: card("library_name: [pytorch]\ntags: [a]") },
    { name: "a dataset README is not checked", files: { "README.md": "---\ntask_categories: [text-classification]\nlibrary_name: pytorch\n---\n" } },
    { name: "dataset cards are not checked", files: { "DATASET_CARD.md": "---\nlibrary_name: pytorch\n---\n" } },
  ],
  invalid: [
    { name: "wrong case", files: card("library_name: Transformers"), output: "---\nlicense: mit\nlibrary_name: transformers\n---\n# Model\n",
      findings: [{ line: 3, message: "`Transformers` is not a library name the Hub knows. Did you mean `transformers`?" }] },
    { name: "a name under five letters in another case is still known (PEFT)", files: card("library_name: PEFT"), output: "---\nlicense: mit\nlibrary_name: peft\n---\n# Model\n",
      findings: [{ line: 3, message: "`PEFT` is not a library name the Hub knows. Did you mean `peft`?" }] },
    { name: "a three-letter name in another case is known too (MLX)", files: card("library_name: MLX"), output: "---\nlicense: mit\nlibrary_name: mlx\n---\n# Model\n",
      findings: [{ line: 3, message: "`MLX` is not a library name the Hub knows. Did you mean `mlx`?" }] },
    { name: "a typo", files: card("library_name: diffuser"), output: "---\nlicense: mit\nlibrary_name: diffusers\n---\n# Model\n",
      findings: [{ line: 3, message: "`diffuser` is not a library name the Hub knows. Did you mean `diffusers`?" }] },
    { name: "five letters, one typo", files: card("library_name: keraz"), output: "---\nlicense: mit\nlibrary_name: keras\n---\n# Model\n",
      findings: [{ line: 3, column: 15, message: "`keraz` is not a library name the Hub knows. Did you mean `keras`?", hint: "Write `keras`." }] },
    { name: "two typos", files: card("library_name: difusrs"), output: "---\nlicense: mit\nlibrary_name: diffusers\n---\n# Model\n",
      findings: [{ line: 3, message: "`difusrs` is not a library name the Hub knows. Did you mean `diffusers`?" }] },
    { name: "no fix when the value appears twice on its line", files: card("library_name: Transformers # Transformers"), output: null,
      findings: [{ line: 3, message: "`Transformers` is not a library name the Hub knows. Did you mean `transformers`?" }] },
    { name: "underscore for dash", files: card("library_name: sentence_transformers"), output: "---\nlicense: mit\nlibrary_name: sentence-transformers\n---\n# Model\n",
      findings: [{ line: 3, message: "`sentence_transformers` is not a library name the Hub knows. Did you mean `sentence-transformers`?" }] },
    {
      name: "a framework in its place",
      files: card("library_name: pytorch"),
      findings: [{ line: 3, column: 15, message: "`pytorch` is a framework or file format, not a library the Hub knows, so the model gets no library snippet.", hint: "Name the library that loads the model (for example `transformers`, `diffusers` or `timm`; leave it out if none fits), and list `pytorch` under `tags`." }],
    },
    {
      name: "a framework in any case",
      files: card("library_name: PyTorch"),
      findings: [{ line: 3, message: "`PyTorch` is a framework or file format, not a library the Hub knows, so the model gets no library snippet." }],
    },
  ],
});

describe("card/library-name-known fix", () => {
  it("replaces the value", async () => {
    const [f] = await runRule(rule, { name: "fix", files: card("library_name: Transformers") });
    expect(f?.fix).toEqual({ line: 3, endLine: 3, replacement: "library_name: transformers" });
  });
});
