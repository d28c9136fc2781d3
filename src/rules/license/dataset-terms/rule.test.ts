import { corpusCard, found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (license: string, datasets: string) => ({ "README.md": `---\nlicense: ${license}\ndatasets:\n${datasets}\n---\n# M\n` });
const dataset = (id: string, licenses: string[]) => found("dataset", id, { licenses });
const HUB = {
  "dataset:tatsu-lab/alpaca": dataset("tatsu-lab/alpaca", ["cc-by-nc-4.0"]),
  "dataset:rajpurkar/squad_v2": dataset("rajpurkar/squad_v2", ["cc-by-sa-4.0"]),
  "dataset:stanfordnlp/imdb": dataset("stanfordnlp/imdb", ["other"]),
  "dataset:allenai/c4": dataset("allenai/c4", ["odc-by"]),
  "dataset:acme/nd": dataset("acme/nd", ["cc-by-nd-4.0"]),
  "dataset:squad_v2": dataset("rajpurkar/squad_v2", ["cc-by-sa-4.0"]),
  "dataset:acme/mixed": dataset("acme/mixed", ["mit", "cc-by-nc-4.0"]),
  "dataset:roneneldan/TinyStories": dataset("roneneldan/TinyStories", ["cdla-sharing-1.0"]),
};

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "permissive data", files: card("apache-2.0", "- allenai/c4"), hub: HUB },
    { name: "NC model on NC data", files: card("cc-by-nc-4.0", "- tatsu-lab/alpaca"), hub: HUB },
    { name: "data under other is not judged", files: card("mit", "- stanfordnlp/imdb"), hub: HUB },
    { name: "no Hub checks: the datasets' licenses are not known", files: card("apache-2.0", "- tatsu-lab/alpaca") },
    { name: "a dataset the Hub does not show is hub/dataset-exists's", files: card("apache-2.0", "- acme/nowhere"), hub: HUB },
    { name: "a model that declares no license: license/declared's", files: { "README.md": "---\ndatasets:\n- tatsu-lab/alpaca\n---\n# M\n" }, hub: HUB },
    { name: "a model under a permissive and a non-commercial license already says so", files: { "README.md": "---\nlicense: [apache-2.0, cc-by-nc-4.0]\ndatasets:\n- tatsu-lab/alpaca\n---\n# M\n" }, hub: HUB },
    { name: "a dataset card is no model trained on its datasets", files: { "README.md": "---\nlicense: mit\ntask_categories: [text-classification]\ndatasets:\n- tatsu-lab/alpaca\n---\n# D\n" }, hub: HUB },
    { name: "a dataset named in a link, not under `datasets`, is not judged", files: { "README.md": "---\nlicense: mit\n---\n# M\n\nCompare [Alpaca](https://huggingface.co/datasets/tatsu-lab/alpaca).\n" }, hub: HUB },
    { name: "CDLA-Sharing exempts results of computational use", files: card("apache-2.0", "- roneneldan/TinyStories"), hub: HUB },
  ],
  invalid: [
    {
      name: "Apache model trained on NC and SA data",
      files: card("apache-2.0", "- tatsu-lab/alpaca\n- rajpurkar/squad_v2\n- allenai/c4"),
      hub: HUB,
      findings: [
        { line: 4, column: 3, hint: "Check the dataset's terms: choose a model license that respects them, or say in the card why they do not apply (for example, data used only for evaluation).", message: "The model is under `apache-2.0`, but it lists the dataset `tatsu-lab/alpaca`, which is under `cc-by-nc-4.0`: its license forbids commercial use, and a model trained on it inherits that restriction in the view of most lawyers." },
        { line: 5, message: "The model is under `apache-2.0`, but it lists the dataset `rajpurkar/squad_v2`, which is under `cc-by-sa-4.0`: its license asks adapted material to be shared under the same terms." },
      ],
    },
    {
      name: "no-derivatives data, a legacy id named by the Hub's id, a dataset listed twice said once, and the first concerning license of several",
      files: { "README.md": "---\nlicense:\n- mit\n- apache-2.0\ndatasets:\n- acme/nd\n- squad_v2\n- acme/nd\n- acme/mixed\n---\n# M\n" },
      hub: HUB,
      findings: [
        { line: 6, message: "The model is under `mit, apache-2.0`, but it lists the dataset `acme/nd`, which is under `cc-by-nd-4.0`: its license forbids sharing adapted material, which a model trained on it arguably is." },
        { line: 7, message: "The model is under `mit, apache-2.0`, but it lists the dataset `rajpurkar/squad_v2`, which is under `cc-by-sa-4.0`: its license asks adapted material to be shared under the same terms." },
        { line: 9, message: "The model is under `mit, apache-2.0`, but it lists the dataset `acme/mixed`, which is under `cc-by-nc-4.0`: its license forbids commercial use, and a model trained on it inherits that restriction in the view of most lawyers." },
      ],
    },
  ],
});
