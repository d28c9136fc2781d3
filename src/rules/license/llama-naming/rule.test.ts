import { corpusCard, found, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const card = (license: string, title: string, extra = "") => ({ "README.md": `---\nlicense: ${license}\n${extra}---\n\n# ${title}\n\nText.\n` });
const HINT_LLAMA = 'Rename the model (and its card\'s title) to begin with "Llama", for example "Llama-3.1-8B-MyTune".';
const HUB = { "model:meta-llama/Llama-3.1-8B": found("model", "meta-llama/Llama-3.1-8B", { licenses: ["llama3.1"] }) };

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "named Llama", files: card("llama3.1", "Llama-3.1-8B-Support") },
    { name: "Llama 3 names begin with Llama 3", files: card("llama3", "Llama-3-8B-SupportBot") },
    { name: "Llama3 without a space", files: card("llama3", "Llama3-SupportBot") },
    { name: "Meta's own naming", files: card("llama3.1", "Meta-Llama-3.1-8B-Instruct-GGUF") },
    { name: "a banner heading is not the model's name", files: card("llama3.1", "Finetune Llama 3.1, Gemma 2 and Mistral 2x faster with less memory!") },
    { name: "heading in a code block does not count", files: { "README.md": "---\nlicense: llama3.1\n---\n```\n# not a title\n```\n# Llama-tune\n" } },
    { name: "offline, a base whose name only contains llama (TinyLlama)", files: card("apache-2.0", "My Tune", "base_model: TinyLlama/TinyLlama-1.1B-Chat-v1.0\n") },
    { name: "offline, a Llama 2 base: its license has no naming clause", files: card("llama2", "ELYZA-japanese-Llama-2-13b", "base_model: meta-llama/Llama-2-13b-hf\n") },
    { name: "seven words are a sentence, not a name", files: card("llama4", "A B C D E F G") },
    { name: "a question is a banner", files: card("llama4", "Why Tune?") },
    { name: "a comma makes a banner", files: card("llama4", "Tune, fast") },
    { name: "leading punctuation before Llama", files: card("llama3.1", "🦙 Llama-Tune") },
    { name: "meta_ before llama3", files: card("llama3", "meta_llama3 tune") },
    { name: "a card without a heading names nothing", files: { "README.md": "---\nlicense: llama3.2\n---\nText only.\n" } },
    { name: "a card without metadata is not judged", files: { "README.md": "# Tune\n", "config.json": "{\"model_type\":\"llama\"}" } },
    { name: "a dataset card is not a model's name", files: { "README.md": "---\nlicense: llama3.2\ntask_categories: [text-classification]\n---\n# Tune\n" } },
    { name: "a heading past the first 200 lines of the text is not the title", files: { "README.md": `---\nlicense: llama3.2\n---\n${"x\n".repeat(201)}# Tune\n` } },
    { name: "a base_model that is no repo id says nothing", files: card("other", "Tune", "base_model: not a repo\n"), hub: {} },
    {
      name: "online, the Hub's declared license replaces the name",
      files: card("apache-2.0", "My Tune", "base_model: acme/Llama-3.1-relicensed\n"),
      hub: { "model:acme/Llama-3.1-relicensed": found("model", "acme/Llama-3.1-relicensed", { licenses: ["apache-2.0"] }) },
    },
  ],
  invalid: [
    {
      name: "Llama 3 requires \"Llama 3\", not only \"Llama\"",
      files: card("llama3", "Llama-SupportBot-8B"),
      findings: [{ line: 5, message: 'The model is named `Llama-SupportBot-8B`, but the `llama3` license requires the name of a model built from Llama to begin with "Llama 3".' }],
    },
    { name: "its own license", files: card("llama3.1", "SupportBot-8B"), findings: [{ line: 5, message: "The model is named `SupportBot-8B`, but the `llama3.1` license requires the name of a model built from Llama to begin with \"Llama\".", hint: HINT_LLAMA }] },
    {
      name: "a heading's closing hashes are not part of the name; Llama 3's example begins with Llama 3",
      files: card("llama3", "SupportBot ##"),
      findings: [{ line: 5, message: 'The model is named `SupportBot`, but the `llama3` license requires the name of a model built from Llama to begin with "Llama 3".', hint: 'Rename the model (and its card\'s title) to begin with "Llama 3", for example "Llama-3-8B-MyTune".' }],
    },
    { name: "six words are still a name", files: card("llama4", "A B C D E F"), findings: [{ line: 5, message: 'The model is named `A B C D E F`, but the `llama4` license requires the name of a model built from Llama to begin with "Llama".' }] },
    { name: "underscores around the heading are emphasis", files: card("llama3.3", "__Tune__"), findings: [{ line: 5, message: 'The model is named `Tune`, but the `llama3.3` license requires the name of a model built from Llama to begin with "Llama".' }] },
    {
      name: "a second-level heading and a # without a space are not the title",
      files: { "README.md": "---\nlicense: llama3.2\n---\n## Llama sub\n#NoSpace\n# Tune\n" },
      findings: [{ line: 6, message: 'The model is named `Tune`, but the `llama3.2` license requires the name of a model built from Llama to begin with "Llama".' }],
    },
    {
      name: "a heading on the 200th line after the metadata is still looked at",
      files: { "README.md": `---\nlicense: llama3.2\n---\n${"x\n".repeat(200)}# Tune\n` },
      findings: [{ line: 204, message: 'The model is named `Tune`, but the `llama3.2` license requires the name of a model built from Llama to begin with "Llama".' }],
    },
    {
      name: "online, a base the Hub does not answer for is judged by its name",
      files: card("other", "Tune", "base_model: meta-llama/Llama-3.1-8B\n"),
      hub: {},
      findings: [{ line: 6, message: 'The model is named `Tune`. Its base model\'s name (`meta-llama/Llama-3.1-8B`) says `llama3.1`, and that license requires the name of a model built from Llama to begin with "Llama".', hint: HINT_LLAMA }],
    },
    {
      name: "through the base model",
      files: card("other", "My Tune", "base_model: meta-llama/Llama-3.1-8B\n"),
      hub: HUB,
      findings: [{ line: 6, message: "The model is named `My Tune`, but the `llama3.1` license requires the name of a model built from Llama to begin with \"Llama\"." }],
    },
    {
      name: "offline, the base model's name says Llama 3.2",
      files: card("creativeml-openrail-m", "**Codepy 3B Deep Think**", "base_model:\n- meta-llama/Llama-3.2-3B-Instruct\n"),
      findings: [{ line: 7, message: "The model is named `Codepy 3B Deep Think`. Its base model's name (`meta-llama/Llama-3.2-3B-Instruct`) says `llama3.2`, and that license requires the name of a model built from Llama to begin with \"Llama\"." }],
    },
    {
      name: "offline, a third-party base named Llama-3.1-…",
      files: card("other", "1PARAMMYL-8B-ModelStock", "base_model: arcee-ai/Llama-3.1-SuperNova-Lite\n"),
      findings: [{ line: 6, message: "The model is named `1PARAMMYL-8B-ModelStock`. Its base model's name (`arcee-ai/Llama-3.1-SuperNova-Lite`) says `llama3.1`, and that license requires the name of a model built from Llama to begin with \"Llama\"." }],
    },
  ],
});
