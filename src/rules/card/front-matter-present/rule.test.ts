import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const WEIGHTS = { content: { type: "not-fetched" as const } };
const HINT_RULE = "Keep the text as text: write the rule as `***` (or delete it), or add a real metadata block above it (a `---` line, keys such as `license:`, and a closing `---` line).";
const HINT_EMPTY = "Add at least the `license` of the model between the two `---` lines.";

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "card with metadata", files: { "README.md": "---\nlicense: mit\n---\n# Model\n" } },
    { name: "blank lines before the block are allowed", files: { "README.md": "\n\n---\nlicense: mit\n---\n" } },
    { name: "CRLF card", files: { "README.md": "---\r\nlicense: mit\r\n---\r\nbody\r\n" } },
    {
      name: "project README with no metadata and no model files is not a card",
      files: { "README.md": "# My library\n\nInstall with pip.\n", "src/main.py": "print()" },
    },
    {
      name: "README without metadata in another folder than the weights",
      files: { "docs/README.md": "# Docs\n", "models/a/model.safetensors": WEIGHTS },
    },
    // The Hub reads only README.md: other card documents need no metadata block.
    { name: "MODEL_CARD.md in a code repository", files: { "MODEL_CARD.md": "# Card\n\nA model.\n" } },
    { name: "DATASET_CARD.md", files: { "data/DATASET_CARD.md": "# Data\n" } },
    { name: "a configured card path", config: { cards: { model: ["cards/*.md"] } }, files: { "cards/tiny.md": "# Tiny\n" } },
    { name: "model-card.md beside weights", files: { "model-card.md": "# Card\n", "model.safetensors": WEIGHTS } },
    {
      name: "a project README whose `---` opens prose is not a card",
      files: { "README.md": "---\nWelcome to my library.\n\n## Install\n" },
    },
    { name: "a dataset_info.json in another folder makes no card", files: { "README.md": "# Tools\n", "data/dataset_info.json": "{}" } },
    { name: "Jekyll front matter in a project README is not a card", files: { "README.md": "---\nlayout: post\ntitle: Hi\n---\n# Post\n" } },
    { name: "a block whose alias cannot be resolved is the YAML rules' finding, not an empty block", files: { "README.md": "---\nlicense: *nope\n---\n", "model.safetensors": WEIGHTS } },
    { name: "a block that does not parse is the YAML rules' finding, not an empty block", files: { "README.md": "---\n[\n---\n", "model.safetensors": WEIGHTS } },
  ],
  invalid: [
    {
      name: "README beside weights has no metadata",
      files: { "models/a/README.md": "# Tiny model\n\nIt is small.\n", "models/a/model.safetensors": WEIGHTS },
      findings: [{ path: "models/a/README.md", line: 1, message: "This model card has no metadata block, so the Hub sees no license, task or datasets for it.", hint: "Add a block at line 1: a line with `---`, keys such as `license:` and `pipeline_tag:`, and a closing `---` line." }],
    },
    {
      name: "README beside the dataset_infos.json that `datasets` writes is a dataset card",
      files: { "README.md": "# Nepali bias\n\nSentences labelled for bias.\n", "dataset_infos.json": "{}" },
      findings: [
        {
          line: 1,
          message: "This dataset card has no metadata block, so the Hub sees no license, task categories or languages for it.",
          hint: "Add a block at line 1: a line with `---`, keys such as `license:` and `task_categories:`, and a closing `---` line.",
        },
      ],
    },
    {
      name: "text before the block (the Hub ignores it)",
      files: { "README.md": "<!-- generated -->\n---\nlicense: mit\nlibrary_name: transformers\n---\n# Model\n" },
      findings: [{ line: 1, title: "Metadata block is not at the top of the file", message: "The block at line 2 looks like card metadata, but line 1 comes before it, so the Hub ignores the whole block." }],
    },
    {
      name: "text before a block that would not parse either (keys indented under list items)",
      files: { "README.md": "original: x\n\n---\nannotations_creators:\n- other\n  language:\n- en\n  task_categories:\n- summarization\n---\n# Data\n" },
      findings: [{ line: 1, title: "Metadata block is not at the top of the file", message: "The block at line 3 looks like card metadata, but line 1 comes before it, so the Hub ignores the whole block. Moved to the top, it would not parse as YAML either: check its indentation (each key at the start of its line, list items under it).", hint: "Move the metadata block to the very top of the file (only blank lines may come before it), and write each key at the start of a line with its `- ` items under it." }],
    },
    {
      name: "block never closed",
      files: { "README.md": "---\nlicense: mit\n# Model\n", "config.json": "{}" },
      findings: [{ line: 1, title: "Metadata block is never closed", message: "The metadata block opened at line 1 has no closing `---` line, so the Hub reads no metadata at all." }],
    },
    {
      name: "closing fence with extra text does not close (---oops)",
      files: { "README.md": "---\nlicense: mit\n---oops\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 1, title: "Metadata block is never closed", message: "The metadata block opened at line 1 has no closing `---` line, so the Hub reads no metadata at all." }],
    },
    {
      name: "empty block",
      files: { "README.md": "---\n---\n# Model\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 1, title: "Metadata block is empty", message: "The metadata block at line 1 has nothing between its `---` lines." }],
    },
    {
      name: "a block with only comments",
      files: { "README.md": "---\n# TODO: fill in\n---\n# Model\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 1, title: "Metadata block is empty", message: "The metadata block at lines 1–3 holds no keys." }],
    },
    {
      name: "CRLF fences with nothing between (the regex matches an empty block)",
      files: { "README.md": "---\r\n---\r\ntrailing content\r\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 1, title: "Metadata block is empty", message: "The metadata block at lines 1–2 holds no keys." }],
    },
    {
      name: "opening fence after blank lines is reported at its own line",
      files: { "README.md": "\n\n---\nlicense: mit\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 3, title: "Metadata block is never closed", message: "The metadata block opened at line 3 has no closing `---` line, so the Hub reads no metadata at all." }],
    },
    {
      name: "`---` then prose, never closed: a horizontal rule",
      files: { "README.md": "---\n# Tiny model\n\nIt is small and fast.\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 1, title: "Card opens with a horizontal rule, not metadata", message: "Line 1 is `---` followed by text. In Markdown that is a horizontal rule, but the Hub reads a `---` at the top of the file as the start of a metadata block, so this model card has no metadata: no license, task or datasets.", hint: "Keep the text as text: write the rule as `***` (or delete it), or add a real metadata block above it (a `---` line, keys such as `license:`, and a closing `---` line)." }],
    },
    {
      name: "`---` then prose and a later `---`: the Hub reads the prose as YAML",
      files: { "README.md": "---\nA tiny model, small and fast.\n\n---\n## Usage\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 1, title: "Card opens with a horizontal rule, not metadata", message: "Line 1 is `---` followed by text, not `key: value` lines. In Markdown that is a horizontal rule, but the Hub reads a `---` at the top of the file as the start of a metadata block, so it takes lines 2–3 for YAML metadata (which they are not) and the card has no metadata." }],
    },
    {
      name: "the hint of text before the block",
      files: { "README.md": "# Title\n---\nlicense: mit\n---\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 1, title: "Metadata block is not at the top of the file", message: "The block at line 2 looks like card metadata, but line 1 comes before it, so the Hub ignores the whole block.", hint: "Move the metadata block to the very top of the file; only blank lines may come before it." }],
    },
    {
      name: "the hints of an unclosed and of an empty block",
      files: { "README.md": "---\nlicense: mit\n", "a/README.md": "---\n---\n", "model.safetensors": WEIGHTS, "a/model.safetensors": WEIGHTS },
      findings: [
        { path: "a/README.md", line: 1, message: "The metadata block at line 1 has nothing between its `---` lines.", hint: HINT_EMPTY },
        { path: "README.md", line: 1, message: "The metadata block opened at line 1 has no closing `---` line, so the Hub reads no metadata at all.", hint: "Add a line with only `---` after the last metadata line." },
      ],
    },
    {
      name: "a block of comments after blank lines: its own lines, and the hint",
      files: { "README.md": "\n---\n# later\n\n---\n", "model.safetensors": WEIGHTS },
      findings: [{ line: 2, title: "Metadata block is empty", message: "The metadata block at lines 2–5 holds no keys.", hint: HINT_EMPTY }],
    },
    {
      name: "a dataset card that opens with a horizontal rule",
      files: { "README.md": "---\n# Data\n\nRows.\n", "dataset_infos.json": "{}" },
      findings: [{ line: 1, message: "Line 1 is `---` followed by text. In Markdown that is a horizontal rule, but the Hub reads a `---` at the top of the file as the start of a metadata block, so this dataset card has no metadata: no license, task or datasets.", hint: HINT_RULE }],
    },
    {
      name: "prose between two fences after blank lines: the lines it takes",
      files: { "README.md": "\n---\nA model.\nSmall.\n---\n## Usage\n", "model.safetensors": WEIGHTS },
      findings: [
        {
          line: 2,
          title: "Card opens with a horizontal rule, not metadata",
          message: "Line 2 is `---` followed by text, not `key: value` lines. In Markdown that is a horizontal rule, but the Hub reads a `---` at the top of the file as the start of a metadata block, so it takes lines 3–4 for YAML metadata (which they are not) and the card has no metadata.",
          hint: HINT_RULE,
        },
      ],
    },
  ],
});

describe("card/front-matter-present: the lines a finding covers", () => {
  it("a horizontal rule read as metadata covers the block, fence to fence", async () => {
    const [f] = await runRule(rule, { name: "rule", files: { "README.md": "\n---\nA model.\nSmall.\n---\n## Usage\n", "model.safetensors": WEIGHTS } });
    expect([f?.line, f?.endLine]).toEqual([2, 5]);
  });
  it("an empty block points at its opening fence only", async () => {
    const [f] = await runRule(rule, { name: "empty", files: { "README.md": "---\n# later\n---\n", "model.safetensors": WEIGHTS } });
    expect([f?.line, f?.endLine]).toEqual([1, undefined]);
  });
});
