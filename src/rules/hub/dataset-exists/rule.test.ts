import { corpusCard, found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string, body = "") => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# M\n${body}` });
const HUB = { "dataset:tatsu-lab/alpaca": found("dataset", "tatsu-lab/alpaca"), "dataset:rajpurkar/squad_v2": found("dataset", "rajpurkar/squad_v2") };

ruleTester(rule, {
  valid: [
    { name: "real card facebook-bart-large-mnli (test/fixtures/corpus): its dataset found on the Hub", files: { "README.md": corpusCard("facebook-bart-large-mnli") }, hub: { "dataset:multi_nli": found("dataset", "nyu-mll/multi_nli") } },
    { name: "datasets that exist", files: card("datasets:\n- tatsu-lab/alpaca\n- rajpurkar/squad_v2"), hub: HUB },
    { name: "offline: Hub checks are off", files: card("datasets: [nope/nope]") },
    { name: "the Hub did not answer: hub/unreachable speaks", files: card("datasets: [a/b]"), hub: { "dataset:a/b": { status: "unavailable", reason: "timeout" } } },
    { name: "a base model that is not found is hub/model-exists's", files: card("base_model: acme/nowhere"), hub: {} },
    { name: "malformed ids are card/repo-ids-valid's", files: card("datasets: ['a b c']"), hub: {} },
  ],
  invalid: [
    {
      name: "a misspelled dataset",
      files: card("datasets:\n- tatsu-lab/alpaka"),
      hub: HUB,
      findings: [{ line: 4, column: 3, message: "The dataset `tatsu-lab/alpaka` in `datasets` was not found on the Hub: it does not exist, or it is private.", hint: "Check the id against the dataset's page on the Hub (`huggingface.co/datasets/<namespace>/<name>`), including the namespace and the case of each letter." }],
    },
    {
      name: "401: missing or private, worded as a 404",
      files: card("datasets: [acme/secret]"),
      hub: { "dataset:acme/secret": { status: "not-found", httpStatus: 401 } },
      findings: [{ line: 3, message: "The dataset `acme/secret` in `datasets` was not found on the Hub: it does not exist, or it is private." }],
    },
    {
      name: "in model-index and in a link",
      files: card(
        "model-index:\n- name: m\n  results:\n  - task: {type: question-answering}\n    dataset: {type: squad_v3, name: SQuAD}\n    metrics: [{type: f1, value: 1}]",
        "\nTrained on [Alpaca](https://huggingface.co/datasets/tatsu-lab/alpacca).\n",
      ),
      hub: HUB,
      findings: [
        { line: 7, message: "The dataset `squad_v3` in the evaluation results (`model-index`) was not found on the Hub: it does not exist, or it is private." },
        { line: 12, message: "The dataset `tatsu-lab/alpacca` in a link in the card was not found on the Hub: it does not exist, or it is private." },
      ],
    },
  ],
});
