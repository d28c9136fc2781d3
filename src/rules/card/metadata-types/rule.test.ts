import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\n${yaml}\n---\n# Model\n` });

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "strings as text or list", files: card("license: mit\ndatasets: squad\ntags:\n- a\n- b\nbase_model: [a/b, c/d]") },
    { name: "inference false and with parameters", files: card("inference:\n  parameters:\n    temperature: 0.7") },
    // A legacy key the Hub's docs no longer describe: its contents are not judged.
    { name: "inference with keys besides parameters", files: card("inference:\n  temperature: 0.7") },
    { name: "widget as a list of mappings", files: card("widget:\n- text: Hello\n  example_title: hi") },
    { name: "co2 as a number", files: card("co2_eq_emissions: 12.5") },
    { name: "empty values are not a type problem", files: card("tags:\nlicense: mit") },
    { name: "unknown keys are not checked here", files: card("my_key: {a: 1}") },
    { name: "dataset card keys", files: { "DATASET_CARD.md": "---\ntask_categories: [text-classification]\nviewer: false\nconfigs:\n- config_name: default\n---\n" } },
    { name: "dataset enumerations are card/dataset-metadata-valid's", files: { "DATASET_CARD.md": "---\nsize_categories:\n  en: 1K<n<10K\nconfigs: [a, b]\n---\n" } },
    { name: "extra_gated_fields has its own rule", files: card("extra_gated_fields:\n- Name: text") },
  ],
  invalid: [
    {
      name: "datasets as a mapping (the Hub's \"must be a string\")",
      files: card("license: mit\ndatasets:\n  train: squad\n  test: squad"),
      findings: [{ line: 3, message: "`datasets` must be a text value or a list of text values, but it is a mapping." }],
    },
    {
      name: "one item of a list is a mapping, reported at that item",
      files: card("tags:\n- nlp\n- name: x\n  value: y"),
      findings: [{ line: 4, message: "Item 2 of `tags` is a mapping; `tags` must be a text value or a list of text values." }],
    },
    {
      name: "a number where text is expected",
      files: card("license: mit\npipeline_tag: 3"),
      findings: [{ line: 3, message: "`pipeline_tag` must be a single text value, but it is a number." }],
    },
    {
      name: "widget as a single mapping",
      files: card("widget:\n  text: Hello"),
      findings: [{ line: 2, message: "`widget` must be a list of mappings (entries starting with `- key: value`), but it is a mapping." }],
    },
    {
      name: "dataset card: viewer as text",
      files: { "README.md": "---\nviewer: maybe\ntask_categories: [text-classification]\n---\n" },
      findings: [{ line: 2, message: "`viewer` must be true or false, but it is text." }],
    },
  ],
});
