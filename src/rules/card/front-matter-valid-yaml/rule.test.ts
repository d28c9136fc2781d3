import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import rule from "./rule.js";

const bomb = [
  "---",
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
  "---",
  "",
].join("\n");

ruleTester(rule, {
  valid: [
    { name: "real card tweet-eval (test/fixtures/corpus)", files: { "README.md": corpusCard("tweet-eval") } },
    { name: "simple metadata", files: { "README.md": "---\nlicense: mit\ntags:\n- a\n---\n" } },
    { name: "small aliases are fine", files: { "README.md": "---\nlicense: &l mit\nlicense_name: *l\n---\n" } },
    { name: "a README that is not a card is not parsed", files: { "README.md": "---\ntitle: [oops\n---\n# Site\n" } },
    { name: "`---` inside the YAML as a document marker", files: { "README.md": "---\r\n---\r\nlanguage: en\r\n---\r\nbody\r\n" } },
  ],
  invalid: [
    {
      name: "an alias with no anchor before it is said to be one, not an alias bomb",
      files: { "README.md": "---\nlicense: mit\nlicense_name: *nope\n---\n# x\n" },
      findings: [
        {
          line: 3,
          column: 15,
          title: "Metadata uses an alias with no anchor",
          message: "The metadata uses the alias `*nope` at line 3, but no anchor `&nope` is set before it, so the metadata cannot be read.",
          hint: "Put `&nope` on the value the alias should repeat, before the alias, or write the value out instead of `*nope`.",
        },
      ],
    },
    {
      name: "a README.md whose block is indented with a tab is a card even without a card key",
      files: { "README.md": "---\nproject: tiny\n\tsize: 1M\n---\n# Tiny\n" },
      findings: [{ line: 3, message: "Tabs are not allowed as indentation at line 3, column 1: `size: 1M`", hint: "Indent with spaces: YAML does not allow tabs for indentation, and PyYAML, which huggingface_hub reads cards with, refuses a tab at the start of a line." }],
    },
    {
      name: "unclosed flow sequence, reported at the file line",
      files: { "README.md": "\n---\nlicense: mit\ntags: [nlp, text\npipeline_tag: fill-mask\n---\n# Model\n" },
      // The parser notices the missing `]` where the next key starts; Cardinal points at the `[`.
      findings: [{ line: 4, message: "The `[` on line 4 is never closed: `tags: [nlp, text`", hint: "Close the list with `]` on the same line, or write one item per line starting with `- `." }],
    },
    {
      name: "an unclosed flow mapping; brackets inside quotes do not count",
      files: { "README.md": "---\nlicense: mit\nwidget_note: \"[x\"\ninference: {parameters: {temperature: 0.7}\nlibrary_name: x\n---\n" },
      findings: [{ line: 4, message: "The `{` on line 4 is never closed: `inference: {parameters: {temperature: 0.7}`" }],
    },
    {
      name: "tab indentation",
      files: { "README.md": "---\nlicense: mit\nwidget:\n\t- text: hi\n---\n" },
      findings: [{ line: 4, message: "Tabs are not allowed as indentation at line 4, column 1: `- text: hi`", hint: "Indent with spaces: YAML does not allow tabs for indentation, and PyYAML, which huggingface_hub reads cards with, refuses a tab at the start of a line." }],
    },
    {
      name: "a colon in an unquoted value",
      files: { "README.md": "---\nlicense: mit\nlibrary_name: a: b\n---\n" },
      findings: [{ line: 3, message: "Nested mappings are not allowed in compact mappings at line 3, column 15: `library_name: a: b`", hint: "A value that contains `: ` must be quoted, for example `description: \"a: b\"`." }],
    },
    {
      name: "CRLF card: lines still count right",
      files: { "README.md": "---\r\nlicense: mit\r\ndatasets: [a\r\n---\r\n" },
      findings: [{ line: 3, message: "The `[` on line 3 is never closed: `datasets: [a`" }],
    },
    {
      name: "lone CR line endings: lines still count right",
      // The Hub's regex accepts a lone CR before the closing fence, not after it (end of file here).
      files: { "README.md": "---\rlicense: mit\rtags: [a\r---" },
      findings: [{ line: 3, message: "The `[` on line 3 is never closed: `tags: [a`" }],
    },
    {
      name: "only the first error is reported, with a count of the rest",
      files: { "README.md": "---\nlicense: mit\na:\n\tb: 1\nc:\n\td: 2\n---\n" },
      findings: [{ line: 4, message: "Tabs are not allowed as indentation at line 4, column 1: `b: 1` (1 more error follows from it or comes after it.)" }],
    },
    {
      name: "alias bomb is refused, not expanded",
      files: { "README.md": bomb, "config.json": "{}" },
      findings: [{ line: 2, title: "Metadata uses too many YAML aliases", message: "The metadata expands more than 100 aliases (`*name`), the pattern of a YAML \"billion laughs\" attack, so Cardinal did not read it." }],
    },
  ],
});
