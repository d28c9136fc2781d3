/** The body of a complete model card (description and the sections Cardinal expects), for tests about other things. */
export const CARD_BODY_LINES: readonly string[] = [
  "A 40M-parameter causal language model trained on TinyStories.",
  "",
  "## Uses",
  "",
  "Generating short children's stories in English.",
  "",
  "## Limitations",
  "",
  "A small model: stories drift and repeat, and it knows nothing beyond simple stories.",
  "",
  "## Training data",
  "",
  "The TinyStories dataset.",
  "",
  "## Evaluation",
  "",
  "Perplexity on the TinyStories validation split.",
  "",
];

/** A model card whose metadata breaks at line 4, column 15 (an unquoted `: ` in a value). */
export const BROKEN_CARD = [
  "---",
  "license: apache-2.0",
  "library_name: transformers",
  "pipeline_tag: text-generation: causal",
  "---",
  "",
  "# tiny-llm-x",
  "",
  ...CARD_BODY_LINES,
].join("\n");

/** A complete, clean model card that names one dataset. */
export const GOOD_CARD = [
  "---",
  "license: apache-2.0",
  "library_name: transformers",
  "pipeline_tag: text-generation",
  "language:",
  "- en",
  "datasets:",
  "- roneneldan/TinyStories",
  "---",
  "",
  "# tiny-llm-x",
  "",
  "## Intended uses & limitations",
  "",
  "Research on small language models; not for production use.",
  "",
  ...CARD_BODY_LINES,
].join("\n");
