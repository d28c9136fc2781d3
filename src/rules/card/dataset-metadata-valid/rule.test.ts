import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/hf-tests/${name}`, import.meta.url), "utf8");
const card = (...lines: string[]) => `---\n${lines.join("\n")}\n---\n\n# Dataset\n`;

ruleTester(rule, {
  valid: [
    { name: "real card amir13-conll2003-persian (test/fixtures/corpus)", files: { "README.md": corpusCard("amir13-conll2003-persian") } },
    { name: "huggingface_hub dataset card sample", files: { "README.md": fixture("07_sample_datasetcard_simple.md") } },
    {
      name: "every field, as single values and as lists",
      files: {
        "DATASET_CARD.md": card(
          "task_categories: text-generation",
          "task_ids: [language-modeling, dialogue-modeling]",
          "size_categories: 1M<n<10M",
          "annotations_creators: no-annotation",
          "language_creators: [found, machine-generated]",
          "multilinguality: [monolingual, translation]",
          "source_datasets:",
          "- original",
          "- extended",
          "- extended|wikimedia/wikipedia",
          "- squad",
          "- HuggingFaceFW/fineweb",
        ),
      },
    },
    {
      name: "configs with every data_files form, and dataset_info as a list",
      files: {
        "README.md": card(
          "configs:",
          "- config_name: default",
          "  default: true",
          "  data_files:",
          "  - split: train",
          "    path: data/train-*",
          "  - split: validation.clean",
          "    path:",
          "    - data/dev-a-*",
          "    - data/dev-b-*",
          "- config_name: raw",
          "  data_files: raw/*.jsonl",
          "- config_name: parts",
          "  data_dir: parts",
          "  data_files: [part0/*, part1/*]",
          "dataset_info:",
          "- config_name: default",
          "  features:",
          "  - name: text",
          "    dtype: string",
          "  splits:",
          "  - name: train",
          "    num_examples: 10",
          "- config_name: raw",
          "  download_size: 100",
        ),
      },
    },
    {
      name: "dataset_info as one mapping; empty keys are ignored",
      files: {
        "README.md": card("task_ids:", "size_categories:", "dataset_info:", "  features:", "  - name: x", "    dtype: int64", "  dataset_size: 3"),
      },
    },
    {
      name: "empty configs, data_files and dataset_info say nothing",
      files: { "README.md": card("configs:", "dataset_info:"), "a/README.md": card("configs:", "- config_name: a", "  data_files:", "dataset_info:", "- config_name: a", "  splits:") },
    },
    {
      name: "model cards are left alone",
      files: { "MODEL_CARD.md": card("license: mit", "size_categories: lots", "task_categories: [chat]") },
    },
  ],
  invalid: [
    {
      name: "near misses get the close value",
      files: {
        "README.md": card(
          "task_categories:",
          "- Text-Classification", // 3
          "size_categories: 10k<n<100k", // 4
          "annotations_creators:",
          "- crowd-sourced", // 6
          "multilinguality: multi-lingual", // 7
          "language_creators: [found, machine_generated]", // 8
        ),
      },
      output: "---\ntask_categories:\n- text-classification\nsize_categories: 10K<n<100K\nannotations_creators:\n- crowdsourced\nmultilinguality: multilingual\nlanguage_creators: [found, machine_generated]\n---\n\n# Dataset\n",
      findings: [
        { line: 3, message: "`Text-Classification` is not a known `task_categories` value; did you mean `text-classification`?" },
        { line: 4, message: "`10k<n<100k` is not a known `size_categories` value; did you mean `10K<n<100K`?", hint: "Write `10K<n<100K`." },
        { line: 6, message: "`crowd-sourced` is not a known `annotations_creators` value; did you mean `crowdsourced`?" },
        { line: 7, message: "`multi-lingual` is not a known `multilinguality` value; did you mean `multilingual`?" },
        { line: 8, message: "`machine_generated` is not a known `language_creators` value; did you mean `machine-generated`?" },
      ],
    },
    {
      name: "values with no close match list what is allowed",
      files: { "README.md": card("size_categories:", "- unknown", "task_ids: [chatbot]") },
      findings: [
        { line: 3, message: "`unknown` is not a known `size_categories` value.", hint: "Use one of `n<1K`, `1K<n<10K`, `10K<n<100K`, `100K<n<1M`, `1M<n<10M`, `10M<n<100M`, `100M<n<1B`, `1B<n<10B`, `10B<n<100B`, `100B<n<1T`, `n>1T` or `other`, by the number of examples." },
        { line: 4, message: "`chatbot` is not a known `task_ids` value.", hint: "Use subtask ids of the Hub's tasks, such as `extractive-qa`, `named-entity-recognition` or `semantic-segmentation`; leave `task_ids` out when none fits." },
      ],
    },
    {
      name: "task ids and task categories swapped",
      files: {
        "README.md": card("task_categories:", "- question-answering", "- extractive-qa", "task_ids:", "- text-classification"),
      },
      findings: [
        {
          line: 4,
          title: "A task id is listed as a task category",
          message: "`extractive-qa` is a task id (a subtask of `question-answering`), not a task category.",
          hint: "Move it to `task_ids` and list `question-answering` under `task_categories`.",
        },
        {
          line: 6,
          message: "`text-classification` is a task category, not a task id.",
          hint: "Move it to `task_categories`; its task ids include `acceptability-classification`, `entity-linking-classification`, `fact-checking`, `intent-classification` and `language-identification`.",
        },
      ],
    },
    {
      name: "values that are not text",
      files: {
        "README.md": card("annotations_creators:", "- found", "- 12", "-", "language_creators:", "  found: true", "multilinguality: yes"),
      },
      findings: [
        { line: 4, message: "A value of `annotations_creators` is a number, not text." },
        { line: 5, message: "`annotations_creators` has an empty item." },
        { line: 6, message: "`language_creators` is a mapping; it takes a value or a list of values." },
        // YAML 1.2 reads `yes` as text, so it is an unknown value rather than a boolean.
        { line: 8, message: "`yes` is not a known `multilinguality` value." },
      ],
    },
    {
      name: "source_datasets that are not ids",
      files: {
        "README.md": card(
          "source_datasets:",
          "- Original", // 3
          "- extended|https://huggingface.co/datasets/wikimedia/wikipedia", // 4
          "- extended|", // 5
          "- librispeech 960h", // 6
          "- https://huggingface.co/datasets/rajpurkar/squad", // 7
        ),
      },
      output: "---\nsource_datasets:\n- original\n- extended|https://huggingface.co/datasets/wikimedia/wikipedia\n- extended|\n- librispeech 960h\n- https://huggingface.co/datasets/rajpurkar/squad\n---\n\n# Dataset\n",
      findings: [
        { line: 3, message: "`Original` in `source_datasets` is not `original` or `extended`; did you mean `original`?" },
        { line: 4, message: "`extended|https://huggingface.co/datasets/wikimedia/wikipedia` names no dataset id after `extended|`: it is a Hub address, not a repository id.", hint: "Write `extended|wikimedia/wikipedia`." },
        { line: 5, message: "`extended|` names no dataset id after `extended|`: it is empty." },
        { line: 6, message: "`librispeech 960h` in `source_datasets` is not a Hub dataset id: it contains spaces: a description rather than an id." },
        { line: 7, message: "`https://huggingface.co/datasets/rajpurkar/squad` in `source_datasets` is not a Hub dataset id: it is a Hub address, not a repository id.", hint: "Write the id `rajpurkar/squad`." },
      ],
    },
    {
      name: "configs: missing and duplicate names, two defaults",
      files: {
        "README.md": card(
          "configs:",
          "- config_name: en", // 3
          "  default: true",
          "- data_files: fr/*.csv", // 5
          "- config_name: en", // 6
          "- config_name: 2020", // 7
          "- config_name: fr",
          "  default: true", // 9
          "- config_name: ''", // 10
        ),
      },
      findings: [
        { line: 5, title: "A dataset config is malformed", message: "configs[1] has no `config_name`." },
        { line: 6, message: "configs[2] uses the config name `en` of configs[0] (line 3) again." },
        { line: 7, message: "configs[3].config_name is a number, not text." },
        { line: 9, message: "configs[4] is a default config, and so is configs[0] (line 4)." },
        { line: 10, message: "configs[5].config_name is empty." },
      ],
    },
    {
      name: "configs: wrong shapes",
      files: {
        "README.md": card(
          "configs:", // 2
          "  config_name: default",
          "  data_files: data/*",
        ),
      },
      findings: [{ line: 2, message: "`configs` is a mapping, not a list." }],
    },
    {
      name: "data_files: a mapping, bad entries, a bad split name",
      files: {
        "README.md": card(
          "configs:",
          "- config_name: a",
          "  data_files: {train: a.csv, test: b.csv}", // 4
          "- config_name: b",
          "  data_files:",
          "  - split: train-v2", // 7
          "    path: train/*",
          "  - split: test", // 9
          "    paths: test/*", // 10
          "  - split: dev", // 11
          "    path: {a: 1}", // 12
          "  - train: x.csv", // 13
          "  - split: extra", // 14
          "    path: e/*",
          "    name: extra", // 16
          "  - 12", // 17
        ),
      },
      findings: [
        { line: 4, message: "configs[0].data_files is a mapping; it takes a path, a list of paths or a list of `split`/`path` entries." },
        { line: 7, message: "configs[1].data_files[0]: the split name `train-v2` has characters a split name cannot have." },
        { line: 10, message: "configs[1].data_files[1] has the key `paths`; did you mean `path`?" },
        { line: 12, message: "configs[1].data_files[2].path is a mapping; it takes a path or a list of paths." },
        { line: 13, message: "configs[1].data_files[3] is a mapping without `split` and `path`." },
        { line: 16, message: "configs[1].data_files[4] has the key `name`; an entry of `data_files` has only `split` and `path`." },
        { line: 17, message: "configs[1].data_files[5] is a number, not a path or a `split`/`path` entry." },
      ],
    },
    {
      name: "dataset_info: wrong shapes",
      files: {
        "README.md": card(
          "dataset_info:",
          "- config_name: a",
          "  features: {text: string}", // 4
          "  splits: train", // 5
          "- default", // 6
        ),
      },
      findings: [
        { line: 4, title: "The dataset_info block is malformed", message: "dataset_info[0].features is a mapping, not a list." },
        { line: 5, message: "dataset_info[0].splits is text, not a list." },
        { line: 6, message: "dataset_info[1] is text, not a mapping." },
      ],
    },
    {
      name: "dataset_info as text",
      files: { "README.md": card("dataset_info: none") },
      findings: [{ line: 2, message: "`dataset_info` is text, not a mapping or a list of mappings." }],
    },
    {
      name: "a subtask under task_categories: the hint names its category",
      files: { "README.md": card("task_categories: [image-captioning]") },
      findings: [
        {
          line: 2,
          title: "A task id is listed as a task category",
          message: "`image-captioning` is a task id (a subtask of `image-to-text`), not a task category.",
          hint: "Move it to `task_ids` and list `image-to-text` under `task_categories`.",
        },
      ],
    },
    {
      name: "a category under task_ids: all its task ids when it has five or fewer, one alone, or none",
      files: { "README.md": card("task_ids:", "- audio-classification", "- image-to-text", "- translation", "- question-answering") },
      findings: [
        {
          line: 3,
          title: "A task category is listed as a task id",
          message: "`audio-classification` is a task category, not a task id.",
          hint: "Move it to `task_categories`; its task ids are `keyword-spotting`, `speaker-identification`, `audio-intent-classification`, `audio-emotion-recognition` and `audio-language-identification`.",
        },
        { line: 4, message: "`image-to-text` is a task category, not a task id.", hint: "Move it to `task_categories`; its task ids are `image-captioning`." },
        { line: 5, message: "`translation` is a task category, not a task id.", hint: "Move it to `task_categories`; it has no task ids, so leave `task_ids` out." },
        { line: 6, message: "`question-answering` is a task category, not a task id.", hint: "Move it to `task_categories`; its task ids are `extractive-qa`, `open-domain-qa` and `closed-domain-qa`." },
      ],
    },
    {
      name: "an unknown value: its title, and a guess that is not certain offers no fix and keeps the list of values",
      files: { "README.md": card("task_categories: [text-clasificaton]", "annotations_creators: crowdsorsed", "multilinguality: [monolingual, bilingual]", "size_categories: 10K < n < 100K") },
      output: null,
      findings: [
        {
          line: 2,
          title: "Unknown dataset metadata value",
          message: "`text-clasificaton` is not a known `task_categories` value; did you mean `text-classification`?",
          hint: "Use task ids from https://huggingface.co/tasks (the `pipeline_tag` values), such as `text-classification`, `question-answering` or `image-segmentation`.",
        },
        {
          line: 3,
          message: "`crowdsorsed` is not a known `annotations_creators` value; did you mean `crowdsourced`?",
          hint: "Use one or more of `found`, `crowdsourced`, `expert-generated`, `machine-generated`, `no-annotation` or `other`.",
        },
        {
          line: 4,
          message: "`bilingual` is not a known `multilinguality` value.",
          hint: "Use one or more of `monolingual`, `multilingual`, `translation` or `other`.",
        },
        {
          line: 5,
          message: "`10K < n < 100K` is not a known `size_categories` value; did you mean `10K<n<100K`?",
          hint: "Use one of `n<1K`, `1K<n<10K`, `10K<n<100K`, `100K<n<1M`, `1M<n<10M`, `10M<n<100M`, `100M<n<1B`, `1B<n<10B`, `10B<n<100B`, `100B<n<1T`, `n>1T` or `other`, by the number of examples.",
        },
      ],
    },
    {
      name: "language_creators lists its own values",
      files: { "README.md": card("language_creators: [scraped]") },
      findings: [{ line: 2, message: "`scraped` is not a known `language_creators` value.", hint: "Use one or more of `found`, `crowdsourced`, `expert-generated`, `machine-generated` or `other`." }],
    },
    {
      name: "values that are not text: titles and hints",
      files: { "README.md": card("task_categories:", "  text: generation", "size_categories:", "- 1000", "-", "source_datasets: [original, 42]") },
      findings: [
        { line: 2, title: "Dataset metadata value is not text", message: "`task_categories` is a mapping; it takes a value or a list of values.", hint: "Write each value as a list item under `task_categories`: `- value` on its own line." },
        { line: 5, title: "Dataset metadata value is not text", message: "A value of `size_categories` is a number, not text.", hint: "Write a single value; quote it if it is meant as text (`\"2020\"`)." },
        { line: 6, title: "Dataset metadata value is not text", message: "`size_categories` has an empty item.", hint: "Remove the empty `-` line, or write the value after it." },
        { line: 7, title: "Dataset metadata value is not text", message: "A value of `source_datasets` is a number, not text." },
      ],
    },
    {
      name: "source_datasets: titles and hints, and an owner/name id is never taken for a misspelt keyword",
      files: { "README.md": card("source_datasets:", "- Extended", "- extended|", "- extended|my data", "- orig/inal", "- librispeech 960h", "- orignal") },
      output: "---\nsource_datasets:\n- extended\n- extended|\n- extended|my data\n- orig/inal\n- librispeech 960h\n- original\n---\n\n# Dataset\n",
      findings: [
        { line: 3, title: "Unknown source dataset", message: "`Extended` in `source_datasets` is not `original` or `extended`; did you mean `extended`?", hint: "Write `extended`." },
        {
          line: 4,
          title: "Unknown source dataset",
          message: "`extended|` names no dataset id after `extended|`: it is empty.",
          hint: "Use `original` (data collected for this dataset), `extended`, `extended|<id>` (built on dataset `<id>`) or a Hub dataset id such as `wikimedia/wikipedia`.",
        },
        {
          line: 5,
          message: "`extended|my data` names no dataset id after `extended|`: it contains spaces: a description rather than an id.",
          hint: "Use `original` (data collected for this dataset), `extended`, `extended|<id>` (built on dataset `<id>`) or a Hub dataset id such as `wikimedia/wikipedia`.",
        },
        {
          line: 7,
          title: "Unknown source dataset",
          message: "`librispeech 960h` in `source_datasets` is not a Hub dataset id: it contains spaces: a description rather than an id.",
          hint: "Use `original` (data collected for this dataset), `extended`, `extended|<id>` (built on dataset `<id>`) or a Hub dataset id such as `wikimedia/wikipedia`.",
        },
        { line: 8, message: "`orignal` in `source_datasets` is not `original` or `extended`; did you mean `original`?", hint: "Write `original`." },
      ],
    },
    {
      name: "a source keyword two edits away is a guess: the hint lists the forms, no fix",
      files: { "README.md": card("source_datasets: [orgnal]") },
      output: null,
      findings: [
        {
          line: 2,
          message: "`orgnal` in `source_datasets` is not `original` or `extended`; did you mean `original`?",
          hint: "Use `original` (data collected for this dataset), `extended`, `extended|<id>` (built on dataset `<id>`) or a Hub dataset id such as `wikimedia/wikipedia`.",
        },
      ],
    },
    {
      name: "configs: an empty key says nothing, an item that is not a mapping, a blank or empty name",
      files: { "README.md": card("configs:", "- default", "- config_name: '  '", "- config_name:", "  data_files: a/*") },
      findings: [
        { line: 3, title: "A dataset config is malformed", message: "configs[0] is text, not a mapping with a `config_name`.", hint: "Write `configs` as a list: `- config_name: default` with `data_files:` under it, either a path pattern, a list of them, or a list of `split`/`path` entries." },
        { line: 4, title: "A dataset config is malformed", message: "configs[1].config_name is empty.", hint: "Give the config a name as text; quote it if it looks like a number (`\"2020\"`)." },
        { line: 5, message: "configs[2].config_name is empty." },
      ],
    },
    {
      name: "configs: the hints of a missing name, a repeated name and a second default",
      files: { "README.md": card("configs:", "- config_name: default", "- data_files: b/*", "  default: true", "- config_name: default", "- config_name: c", "  default: false") },
      findings: [
        { line: 4, message: "configs[1] has no `config_name`.", hint: "Every config needs a `config_name`, even when there is only one: use `default` for a single config." },
        { line: 5, message: "configs[1] is a default config, and so is configs[0] (line 3).", hint: "Keep one default config: `default: true` on one entry only, and no other config named `default`." },
        { line: 6, message: "configs[2] uses the config name `default` of configs[0] (line 3) again.", hint: "Give each config its own `config_name`; the later one replaces the earlier." },
      ],
    },
    {
      name: "configs: a default named so is pointed at by its name, a later one by its default key",
      files: { "README.md": card("configs:", "- config_name: first", "  data_files: a/*", "  default: true", "- config_name: default") },
      findings: [{ line: 6, message: "configs[1] is a default config, and so is configs[0] (line 5)." }],
    },
    {
      name: "task names under another key are only unknown values",
      files: { "README.md": card("annotations_creators: [extractive-qa, text-classification]") },
      findings: [
        { line: 2, title: "Unknown dataset metadata value", message: "`extractive-qa` is not a known `annotations_creators` value." },
        { line: 2, title: "Unknown dataset metadata value", message: "`text-classification` is not a known `annotations_creators` value." },
      ],
    },
    {
      name: "data_files: an entry with neither split nor path, but keys that misspell both",
      files: { "README.md": card("configs:", "- config_name: a", "  data_files:", "  - splt: train", "    paths: a/*") },
      findings: [
        { line: 5, message: "configs[0].data_files[0] has the key `splt`; did you mean `split`?" },
        { line: 6, message: "configs[0].data_files[0] has the key `paths`; did you mean `path`?" },
      ],
    },
    {
      name: "data_files: two keys near the missing path, only the first taken for it",
      files: { "README.md": card("configs:", "- config_name: a", "  data_files:", "  - split: train", "    paths: a/*", "    pth: b/*") },
      findings: [
        { line: 6, message: "configs[0].data_files[0] has the key `paths`; did you mean `path`?" },
        { line: 7, message: "configs[0].data_files[0] has the key `pth`; an entry of `data_files` has only `split` and `path`." },
      ],
    },
    {
      name: "configs as text",
      files: { "README.md": card("configs: default") },
      findings: [{ line: 2, title: "A dataset config is malformed", message: "`configs` is text, not a list.", hint: "Write `configs` as a list: `- config_name: default` with `data_files:` under it, either a path pattern, a list of them, or a list of `split`/`path` entries." }],
    },
    {
      name: "data_files entries: a missing path, a misspelt split, a split that is not text, paths that are not text",
      files: {
        "README.md": card(
          "configs:",
          "- config_name: a",
          "  data_files:",
          "  - split: train", // 5
          "  - splt: test", // 6
          "    path: t/*",
          "  - split: 2024", // 8
          "    path: [a/*, 3]", // 9
          "  - split: dev",
          "    path: 7", // 11
          "  - {}", // 12
          "  - [a, b]", // 13
          "  -", // 14
        ),
      },
      findings: [
        {
          line: 5,
          title: "A dataset config is malformed",
          message: "configs[0].data_files[0] has no `path`.",
          hint: "`data_files` is a path pattern (`data/*.csv`), a list of patterns, or a list of entries with exactly a `split` and a `path`: `- split: train` then `path: data/train-*`.",
        },
        { line: 6, message: "configs[0].data_files[1] has the key `splt`; did you mean `split`?" },
        {
          line: 8,
          message: "configs[0].data_files[2]: the split name is a number, not text.",
          hint: "A split name is letters, digits and `_`, in parts separated by `.` (`train`, `test_2024`); dashes and spaces are not allowed.",
        },
        { line: 9, message: "configs[0].data_files[2].path[1] is a number, not a path." },
        { line: 11, message: "configs[0].data_files[3].path is a number; it takes a path or a list of paths." },
        { line: 12, message: "configs[0].data_files[4] is a mapping without `split` and `path`." },
        { line: 13, message: "configs[0].data_files[5] is a list, not a path or a `split`/`path` entry." },
        { line: 14, message: "configs[0].data_files[6] is empty, not a path or a `split`/`path` entry." },
      ],
    },
    {
      name: "data_files that is a number",
      files: { "README.md": card("configs:", "- config_name: a", "  data_files: 12") },
      findings: [{ line: 4, message: "configs[0].data_files is a number; it takes a path, a list of paths or a list of `split`/`path` entries.", hint: "`data_files` is a path pattern (`data/*.csv`), a list of patterns, or a list of entries with exactly a `split` and a `path`: `- split: train` then `path: data/train-*`." }],
    },
    {
      name: "dataset_info: hints, and an empty list of features is a list",
      files: { "README.md": card("dataset_info:", "  features: []", "  splits: 3") },
      findings: [
        {
          line: 4,
          title: "The dataset_info block is malformed",
          message: "dataset_info.splits is a number, not a list.",
          hint: "`dataset_info` is a mapping (`features`, `splits`, `download_size` …), or a list of them with a `config_name` each; `features` and `splits` are lists. Regenerating it with `datasets` (`push_to_hub`) writes it correctly.",
        },
      ],
    },
    {
      name: "dataset_info as a number, and a list item that is a list",
      files: { "README.md": card("dataset_info: 3") },
      findings: [{ line: 2, title: "The dataset_info block is malformed", message: "`dataset_info` is a number, not a mapping or a list of mappings.", hint: "`dataset_info` is a mapping (`features`, `splits`, `download_size` …), or a list of them with a `config_name` each; `features` and `splits` are lists. Regenerating it with `datasets` (`push_to_hub`) writes it correctly." }],
    },
    {
      name: "a list item of dataset_info that is a list",
      files: { "README.md": card("dataset_info:", "- [a, b]", "- config_name: b", "  splits:", "  features: x") },
      findings: [
        { line: 3, message: "dataset_info[0] is a list, not a mapping.", hint: "`dataset_info` is a mapping (`features`, `splits`, `download_size` …), or a list of them with a `config_name` each; `features` and `splits` are lists. Regenerating it with `datasets` (`push_to_hub`) writes it correctly." },
        { line: 6, message: "dataset_info[1].features is text, not a list." },
      ],
    },
  ],
});

describe("card/dataset-metadata-valid: fixes", () => {
  const fixes = async (text: string) => {
    const findings = await runRule(rule, { name: "fix", files: { "README.md": text } });
    return findings.map((f) => f.fix);
  };

  it("replaces a certain near miss alone on its line, keeping key, dash, quotes and comment", async () => {
    expect(
      await fixes(
        card(
          "size_categories: 10k<n<100k   # rough count",
          "annotations_creators:",
          '  - "Crowdsourced"',
          "multilinguality: [multi-lingual]",
          "source_datasets:",
          "- orgnal",
          "task_categories:",
          "- text-clasification",
          "language_creators:",
          "- machine_gen",
        ),
      ),
    ).toEqual([
      { line: 2, endLine: 2, replacement: "size_categories: 10K<n<100K   # rough count" },
      { line: 4, endLine: 4, replacement: '  - "crowdsourced"' },
      // In a flow list the value does not sit alone on its line: no fix.
      undefined,
      // Two edits from `original`: a suggestion, not a certain fix.
      undefined,
      { line: 9, endLine: 9, replacement: "- text-classification" },
      undefined,
    ]);
  });

  it("keeps CRLF files' lines", async () => {
    const text = "---\r\ntask_categories:\r\n- Summarization\r\n---\r\n";
    expect(await fixes(text)).toEqual([{ line: 3, endLine: 3, replacement: "- summarization" }]);
  });
});
