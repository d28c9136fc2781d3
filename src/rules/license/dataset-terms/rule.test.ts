import { corpusCard, found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (license: string, datasets: string) => ({ "README.md": `---\nlicense: ${license}\ndatasets:\n${datasets}\n---\n# M\n` });
const dataset = (id: string, licenses: string[]) => found("dataset", id, { licenses });
const HUB = {
  "dataset:tatsu-lab/alpaca": dataset("tatsu-lab/alpaca", ["cc-by-nc-4.0"]),
  "dataset:rajpurkar/squad_v2": dataset("rajpurkar/squad_v2", ["cc-by-sa-4.0"]),
  "dataset:stanfordnlp/imdb": dataset("stanfordnlp/imdb", ["other"]),
  "dataset:allenai/c4": dataset("allenai/c4", ["odc-by"]),
  "dataset:roneneldan/TinyStories": dataset("roneneldan/TinyStories", ["cdla-sharing-1.0"]),
};

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "permissive data", files: card("apache-2.0", "- allenai/c4"), hub: HUB },
    { name: "NC model on NC data", files: card("cc-by-nc-4.0", "- tatsu-lab/alpaca"), hub: HUB },
    { name: "data under other is not judged", files: card("mit", "- stanfordnlp/imdb"), hub: HUB },
    { name: "CDLA-Sharing exempts results of computational use", files: card("apache-2.0", "- roneneldan/TinyStories"), hub: HUB },
  ],
  invalid: [
    {
      name: "Apache model trained on NC and SA data",
      files: card("apache-2.0", "- tatsu-lab/alpaca\n- rajpurkar/squad_v2\n- allenai/c4"),
      hub: HUB,
      findings: [
        { line: 4, message: "The model is under `apache-2.0`, but it lists the dataset `tatsu-lab/alpaca`, which is under `cc-by-nc-4.0`: its license forbids commercial use, and a model trained on it inherits that restriction in the view of most lawyers." },
        { line: 5, message: "The model is under `apache-2.0`, but it lists the dataset `rajpurkar/squad_v2`, which is under `cc-by-sa-4.0`: its license asks adapted material to be shared under the same terms." },
      ],
    },
  ],
});
