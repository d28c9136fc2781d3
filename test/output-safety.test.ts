/**
 * Output safety: any text from a pull request (metadata values, keys,
 * headings, file paths, parser messages, Hub answers) that Cardinal echoes
 * into a comment, a check run, an annotation, the terminal or SARIF must stay
 * inert. It cannot @mention anyone, reference or close an issue, inject HTML,
 * images or links, forge Cardinal's comment marker, or break out of its code
 * span, list item, heading or table cell.
 *
 * Every test runs the real engine with every rule on hostile cards, renders
 * the real outputs, and reads the markdown back with `marked`'s lexer (a
 * GFM parser): user values must come back as code spans (or escaped words),
 * and the document must have exactly the structure the findings call for.
 *
 * GitHub links @mentions and #references on the *rendered* text, so a
 * backslash escape does not stop them; the escaped form must break the
 * pattern itself (a zero-width space after `@` or `#`).
 */
import { Lexer, type MarkedToken, type Token, type Tokens } from "marked";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/core/config.js";
import { DEFAULT_CLI_URL } from "../src/core/docs.js";
import { review, type ReviewResult } from "../src/core/engine.js";
import type { HubClient, HubLookup } from "../src/core/hub.js";
import { isCodePart, isProsePart, isQuotedPart, plain, quoted, type Text } from "../src/core/text.js";
import type { Finding, WorkspaceFile } from "../src/core/types.js";
import { annotationText, renderCheckRun } from "../src/report/check-run.js";
import { COMMENT_MARKER, renderComment, type CommentInput } from "../src/report/comment.js";
import { groupByPath } from "../src/report/group.js";
import { opennessLines } from "../src/report/openness.js";
import { buildSarif } from "../src/report/sarif.js";
import { printable, renderTerminal } from "../src/report/terminal.js";
import { findRule, RULES, RULE_IDS } from "../src/rules/index.js";
import { found } from "./rule-tester.js";

const DOCS = "https://example.test/docs/rules";
const RULES_URL = "https://example.test/rules";
const ruleMeta = (id: string) => findRule(id)?.meta;

/** The hostile strings, each placed where some rule echoes it back. */
const H = {
  mention: "@octocat",
  team: "@acme-ai/admins",
  fixes: "fixes #1",
  closes: "Closes acme-ai/tiny-llm#2",
  img: "<img src=x onerror=alert(1)>",
  script: "<script>alert(1)</script>",
  marker: COMMENT_MARKER,
  image: "![x](https://evil.example/p.png)",
  link: "[click](https://evil.example)",
  js: "javascript:alert(1)",
  ticks: "`` ` ``",
  fence: "```",
  pipes: "| a | b |",
  heading: "\n## Injected heading",
  details: "</details>",
  sub: "<sub>",
  long: `${"A".repeat(10_000)} ${"@octocat <img src=x onerror=alert(1)> fixes #1"}`,
  bidi: "\u202Eevil\u202C",
  zwj: "en\u200Dgb",
} as const;

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const q = (value: string) => JSON.stringify(value);

const BODY = [
  "# tiny-llm-x",
  "",
  "A 40M-parameter causal language model trained on TinyStories.",
  "",
  "## Uses",
  "",
  "Short children's stories.",
  "",
  "## Limitations",
  "",
  "Small and repetitive.",
  "",
  "## Training data",
  "",
  "TinyStories.",
  "",
  "## Evaluation",
  "",
  "Perplexity.",
  "",
].join("\n");

/** Metadata values, keys and headings that rules echo back. */
const VALUES_CARD = [
  "---",
  `license: ${q(`${H.mention} ${H.img} ${H.fixes}`)}`,
  "datasets:",
  `- ${q(`${H.team} ${H.image}`)}`,
  `- ${q(H.closes)}`,
  `- ${q(H.script)}`,
  `base_model: ${q(`${H.link} ${H.js}`)}`,
  `pipeline_tag: ${q(H.marker)}`,
  `library_name: ${q("transformers|")}`,
  "language:",
  `- ${q(H.details + H.sub)}`,
  `${q("@license")}: mit`,
  `${q("datasets|")}: [a/b]`,
  `${q("base_model`")}: x`,
  "model-index:",
  "- name: x",
  "  results:",
  `  - task: {type: ${q(`${H.mention} ${H.fixes}`)}}`,
  `    dataset: {name: x, type: ${q(H.img)}}`,
  "    metrics: [{type: accuracy, value: 1}]",
  "---",
  BODY,
  `## ${H.mention} ${H.img} ${H.fixes}`,
  "",
  `## ${H.link} ${H.ticks}`,
  "",
  "## Notes",
  "",
  "None.",
  "",
].join("\n");

/** `license: other` with a hostile name and link; a duplicated hostile key; a 10,000-character license. */
const LICENSE_CARD = [
  "---",
  "license: other",
  `license_name: ${q(`${H.closes} ${H.script}`)}`,
  `license_link: ${q(`](${H.js})`)}`,
  `${q(H.details)}: 1`,
  `${q(H.details)}: 2`,
  "---",
  BODY,
].join("\n");

/** More values for rules already used above (past three alike in one file, findings are merged into one). */
const MORE_VALUES_CARD = [
  "---",
  "license: mit",
  "language:",
  `- ${q(H.heading)}`,
  `- ${q(H.bidi)}`,
  `- ${q(H.zwj)}`,
  "datasets:",
  `- ${q(H.ticks)}`,
  `- ${q(`${H.fence} ${H.pipes}`)}`,
  "---",
  BODY,
].join("\n");

const LONG_CARD = ["---", `license: ${q(H.long)}`, "---", BODY].join("\n");

/** A YAML syntax error on a hostile line: the rule quotes the parser's message and shows the line. */
const BROKEN_CARD = ["---", "license: mit", `pipeline_tag: ${H.mention} ${H.img}: ${H.fixes}`, "---", BODY].join("\n");

const HOSTILE_LICENSE = `${H.mention} ${H.img} ${H.fixes}\n${H.heading}\n${H.image}\n${H.marker}\n`;

/** `.github/cardinal.yml` with hostile rule ids: the rule echoes each key. */
const HOSTILE_CONFIG = `rules:\n  ${q(`${H.mention} ${H.img}`)}: off\n  ${q(`card/front-matter-presnt${H.details}`)}: off\n`;

/** Paths a contributor can give files: git allows all of these. */
const PATHS = {
  values: `models/${H.mention} ${H.img}/README.md`,
  moreValues: `models/${H.closes} ${H.sub}/README.md`,
  license: `models/${H.fixes} ${H.image}/README.md`,
  long: "models/long/README.md",
  broken: `models/x${H.heading}/README.md`,
  ticks: `models/${H.fence} \`x\` ${H.pipes}/README.md`,
  js: `models/](${H.js})/README.md`,
  marker: `models/${H.marker}${H.details}/README.md`,
  licenseFile: `models/${H.mention} ${H.img}/LICENSE`,
  config: ".github/cardinal.yml",
} as const;

function file(path: string, text: string): WorkspaceFile {
  return { path, status: "added", size: Buffer.byteLength(text), content: { type: "text", text } };
}

async function reviewFiles(files: readonly WorkspaceFile[], hub?: HubClient): Promise<ReviewResult> {
  return review({
    workspace: { source: "pull-request", files },
    config: resolveConfig({}, RULE_IDS).config,
    rules: RULES,
    docsBase: DOCS,
    ...(hub ? { hub } : {}),
  });
}

const HOSTILE_PR: readonly WorkspaceFile[] = [
  file(PATHS.values, VALUES_CARD),
  file(PATHS.moreValues, MORE_VALUES_CARD),
  file(PATHS.license, LICENSE_CARD),
  file(PATHS.long, LONG_CARD),
  file(PATHS.broken, BROKEN_CARD),
  file(PATHS.ticks, ["---", "license: mit", `pipeline_tag: ${q(H.pipes)}`, "---", BODY].join("\n")),
  file(PATHS.js, ["---", `license: ${q(H.js)}`, "---", BODY].join("\n")),
  file(PATHS.marker, ["---", "license: mit", `pipeline_tag: ${q(H.marker)}`, "---", BODY].join("\n")),
  file(PATHS.licenseFile, HOSTILE_LICENSE),
  file(PATHS.config, HOSTILE_CONFIG),
];

// ---------------------------------------------------------------------------
// Reading markdown back

interface Inventory {
  readonly tokens: readonly Token[];
  /** Raw HTML (block and inline), trimmed. */
  readonly html: string[];
  readonly links: { href: string; text: string }[];
  readonly images: string[];
  readonly codespans: string[];
  readonly codeBlocks: string[];
  /** Text outside code, as it renders (escapes resolved), one piece per token. */
  readonly text: string[];
  /** The same without backslash-escaped characters: what the parser read as plain text. */
  readonly bare: string[];
  readonly headings: Tokens.Heading[];
  /** Item count of every list, nested ones included, in document order. */
  readonly lists: number[];
  readonly tables: Tokens.Table[];
}

function inventory(md: string): Inventory {
  const tokens = Lexer.lex(md, { gfm: true });
  const inv: Inventory = { tokens, html: [], links: [], images: [], codespans: [], codeBlocks: [], text: [], bare: [], headings: [], lists: [], tables: [] };
  const visit = (list: readonly Token[]) => list.forEach(visitOne);
  function visitOne(token: Token): void {
    const t = token as MarkedToken;
    switch (t.type) {
      case "html":
        inv.html.push(t.raw.trim());
        return;
      case "codespan":
        inv.codespans.push(t.text);
        return;
      case "code":
        inv.codeBlocks.push(t.text);
        return;
      case "image":
        inv.images.push(t.href);
        return;
      case "link":
        inv.links.push({ href: t.href, text: t.text });
        visit(t.tokens);
        return;
      case "heading":
        inv.headings.push(t);
        visit(t.tokens);
        return;
      case "list":
        inv.lists.push(t.items.length);
        t.items.forEach((item) => visit(item.tokens));
        return;
      case "table":
        inv.tables.push(t);
        t.header.forEach((cell) => visit(cell.tokens));
        t.rows.forEach((row) => row.forEach((cell) => visit(cell.tokens)));
        return;
      case "escape":
        inv.text.push(t.text);
        return;
      case "text":
        if (t.tokens) visit(t.tokens);
        else {
          inv.text.push(t.text);
          inv.bare.push(t.text);
        }
        return;
      default:
        if ("tokens" in t && Array.isArray(t.tokens)) visit(t.tokens);
    }
  }
  visit(tokens);
  return inv;
}

/** The words a reader sees outside code, entities decoded: what GitHub scans for mentions and references. */
function renderedText(inv: Inventory): string {
  return inv.text
    .join("")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

/** GitHub's @mention: `@` after a non-word character, then a login character. */
const MENTION = /(?:^|[^\w`])@[A-Za-z0-9]/;
/** GitHub's issue references: `#1`, `owner/repo#1`, `GH-1`. */
const REFERENCE = /(?:^|[^\w])#\d|[\w.-]+\/[\w.-]+#\d|\bGH-\d/i;
/** Characters that would reorder the text around a value (Trojan Source). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The text of a value's code span: one line, control and bidi characters replaced, cut at 120 characters. */
function codeText(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being normalised
  let v = value.replace(/\r\n|\r|\n/g, " ").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "\uFFFD");
  v = v.replace(new RegExp(BIDI.source, "g"), "\uFFFD");
  return v.length > 120 ? `${v.slice(0, 119)}…` : v;
}

/** A piece of a value's code span to look for (the parser trims a padding space). */
function shownAsCode(value: string): string {
  return codeText(value).slice(0, 100).trim();
}

/** Every value a finding marks as code, from its message and hint. */
function codeValues(findings: readonly Finding[]): string[] {
  const values = (t: Text | undefined) => (t ?? []).flatMap((p) => (isCodePart(p) ? [p.code] : []));
  return findings.flatMap((f) => [...values(f.message), ...values(f.hint)]);
}

function quotedValues(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => [...f.message, ...(f.hint ?? [])].flatMap((p) => (isQuotedPart(p) ? [p.quoted] : [])));
}

/** Addresses in Cardinal's own words (its prose, never a value), each time they occur. */
function proseAddresses(findings: readonly Finding[]): string[] {
  const prose = findings.flatMap((f) => [...f.message, ...(f.hint ?? [])]).flatMap((p) => (isProsePart(p) ? [p.prose] : []));
  return prose.flatMap((p) => p.match(/https:\/\/[\w./-]+\w/g) ?? []);
}

/** Links Cardinal writes itself: each rule's docs page, the rules list, the CLI's install guide, and addresses in its own words. */
function ownLinks(findings: readonly Finding[]): Set<string> {
  return new Set([RULES_URL, DEFAULT_CLI_URL, ...findings.map((f) => f.docsUrl), ...proseAddresses(findings)]);
}

const OWN_HTML = new Set([
  COMMENT_MARKER,
  "<details><summary>Why these checks matter</summary>",
  "<details><summary>What these licenses allow</summary>",
  "</details>",
  "<sub>",
  "</sub>",
]);

/**
 * The invariants of any markdown Cardinal posts, whatever the findings:
 * no HTML but Cardinal's own, no image, no link but Cardinal's, no
 * mention or issue reference in the rendered words, no stray backtick (a code
 * span that broke open), every user value inside a code span.
 */
function expectInert(md: string, findings: readonly Finding[], where: string): Inventory {
  const inv = inventory(md);
  expect(inv.html.filter((h) => !OWN_HTML.has(h)), `${where}: raw HTML`).toEqual([]);
  expect(inv.images, `${where}: images`).toEqual([]);
  const own = ownLinks(findings);
  expect(inv.links.filter((l) => !own.has(l.href)), `${where}: links`).toEqual([]);
  // Cardinal's own links show a rule id in code, the word "rules", the footer's words, or their own address.
  for (const link of inv.links) {
    expect([`\`${link.href.replace(/^.*\/docs\/rules\/(.*)\.md$/, "$1")}\``, "rules", "run the same checks locally", link.href], `${where}: link text`).toContain(link.text);
  }
  const words = renderedText(inv);
  expect(words, `${where}: mention`).not.toMatch(MENTION);
  expect(words, `${where}: issue reference`).not.toMatch(REFERENCE);
  // An unbalanced code span leaves its backticks as plain text (an escaped backtick is a character, not markup).
  expect(inv.bare.join(""), `${where}: a code span broke open`).not.toContain("`");
  expect(words, `${where}: bidi control`).not.toMatch(BIDI);
  // User values: inside a code span, one line, controls replaced, never longer than the cut.
  for (const value of codeValues(findings)) {
    const shown = shownAsCode(value);
    if (shown === "") continue;
    expect(inv.codespans.some((c) => c.includes(shown)), `${where}: ${JSON.stringify(shown)} in a code span`).toBe(true);
  }
  for (const span of inv.codespans) {
    expect(span.length, `${where}: code span length`).toBeLessThanOrEqual(120);
    expect(span, `${where}: bidi control in a code span`).not.toMatch(BIDI);
  }
  return inv;
}

/** Heading texts as they render (a file heading is its path in code). */
function headingTexts(inv: Inventory): string[] {
  return inv.headings.map((h) => `${"#".repeat(h.depth)} ${h.tokens.map((t) => (t.type === "codespan" ? `\`${(t as Tokens.Codespan).text}\`` : t.raw)).join("")}`);
}

/** The structure a list of findings calls for: one h4 per file, one list item per finding, one "why" item per rule. */
function expectStructure(inv: Inventory, findings: readonly Finding[], opening: readonly string[], extraLists: readonly number[] = []): void {
  const groups = [...groupByPath(findings)];
  expect(headingTexts(inv)).toEqual([
    ...opening,
    ...groups.map(([path]) => (path === "" ? "#### This pull request" : `#### \`${codeText(path)}\``)),
  ]);
  // Each heading is exactly its code span: nothing else leaked into it.
  for (const h of inv.headings.filter((x) => x.depth === 4 && x.text !== "This pull request")) {
    expect(h.tokens.map((t) => t.type)).toEqual(["codespan"]);
  }
  const whyItems = new Set(findings.map((f) => f.ruleId)).size;
  expect(inv.lists).toEqual([...groups.map(([, group]) => group.length), whyItems, ...extraLists]);
}

function renderAll(result: ReviewResult, input: Partial<CommentInput> = {}) {
  const comment = renderComment({ findings: result.findings, ruleMeta, rulesUrl: RULES_URL, ...input });
  const checkRun = renderCheckRun({ findings: result.findings, files: result.files, ruleMeta });
  return { comment, checkRun };
}

// ---------------------------------------------------------------------------

describe("hostile values through the real engine", () => {
  it("the rules echo the hostile values (else these tests would prove nothing)", async () => {
    const { findings } = await reviewFiles(HOSTILE_PR);
    const echoed = codeValues(findings).join("\n");
    for (const needle of [H.mention, H.team, H.fixes, H.closes, H.img, H.script, H.marker, H.image, H.link, H.js, H.ticks, H.fence, H.pipes, H.heading, H.details, H.sub, H.bidi, H.zwj]) {
      expect(echoed, JSON.stringify(needle)).toContain(needle);
    }
    expect(echoed).toContain(H.long);
    const rules = new Set(findings.map((f) => f.ruleId));
    for (const id of [
      "license/known-id",
      "card/repo-ids-valid",
      "card/pipeline-tag-known",
      "card/library-name-known",
      "card/language-valid",
      "card/known-keys",
      "card/model-index-valid",
      "card/no-empty-sections",
      "license/other-needs-name",
      "card/front-matter-unique-keys",
      "card/front-matter-valid-yaml",
      "cardinal/config-valid",
    ]) {
      expect(rules, id).toContain(id);
    }
    // Every hostile path has a finding, so each becomes a heading.
    expect(new Set(findings.map((f) => f.path))).toEqual(new Set(Object.values(PATHS).filter((p) => p !== PATHS.licenseFile)));
  });

  it("comment: values stay in code spans, the structure is the findings', the marker opens it once", async () => {
    const result = await reviewFiles(HOSTILE_PR);
    const { comment } = renderAll(result);
    const inv = expectInert(comment, result.findings, "comment");
    expectStructure(inv, result.findings, ["### Cardinal review"]);

    // The marker is the first token and the only HTML comment; a value spelling it is code.
    expect(comment.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(inv.tokens[0]).toMatchObject({ type: "html", raw: `${COMMENT_MARKER}\n` });
    expect(inv.html.filter((h) => h === COMMENT_MARKER)).toHaveLength(1);
    const copies = comment.split(COMMENT_MARKER).length - 1;
    expect(copies - 1, "every other copy of the marker is inside a code span").toBe(
      inv.codespans.filter((c) => c.includes(COMMENT_MARKER)).length,
    );
    expect(copies).toBeGreaterThan(1);

    // Cardinal's own HTML, exactly: one <details> block and the footer's <sub>.
    expect(inv.html).toEqual([COMMENT_MARKER, "<details><summary>Why these checks matter</summary>", "</details>", "<sub>", "</sub>"]);
    // One link per finding, one per rule in "why", one to the rules list, one to the CLI's install guide, and the addresses in Cardinal's hints.
    const rules = new Set(result.findings.map((f) => f.ruleId)).size;
    expect(inv.links).toHaveLength(result.findings.length + rules + 2 + proseAddresses(result.findings).length);
  });

  it("check run: summary, files table and annotations", async () => {
    const result = await reviewFiles(HOSTILE_PR);
    const { checkRun } = renderAll(result);

    const summary = expectInert(checkRun.summary, result.findings, "summary");
    expectStructure(summary, result.findings, []);
    expect(summary.html).toEqual(["<details><summary>Why these checks matter</summary>", "</details>"]);

    // The files table: one row per file, three cells each, the path alone in its code span.
    const table = expectInert(checkRun.text ?? "", [], "files table");
    expect(table.tables).toHaveLength(1);
    const rows = table.tables[0]!.rows;
    expect(rows).toHaveLength(result.files.length);
    rows.forEach((row, i) => {
      const facts = result.files[i]!;
      expect(row, facts.path).toHaveLength(3);
      expect(row[0]!.tokens.map((t) => t.type), facts.path).toEqual(["codespan"]);
      expect((row[0]!.tokens[0] as Tokens.Codespan).text).toBe(codeText(facts.path));
      expect(row[1]!.text).toMatch(new RegExp(`^${facts.kind}`));
    });
    expect(headingTexts(table)).toEqual(["### Files reviewed"]);

    // Annotations are plain text on GitHub: the title is Cardinal's, the path exact, values whole but on one line.
    expect(checkRun.annotations).toHaveLength(result.findings.length);
    const titles = new Set(RULES.map((r) => r.meta.title));
    checkRun.annotations.forEach((a, i) => {
      const f = result.findings[i]!;
      expect(a.path).toBe(f.path);
      expect(a.title).toBe(f.title);
      // A rule may refine its title, never with a user value.
      if (!titles.has(a.title)) expect(a.title).toMatch(/^[A-Za-z][A-Za-z0-9 ,.'_-]*$/);
      expect(a.title.length).toBeLessThanOrEqual(255);
      expect(a.message.startsWith(annotationText(f.message))).toBe(true);
      expect(a.message.length).toBeLessThanOrEqual(60_000);
      // Cardinal's paragraphs only: message, how to fix, rule; no value starts a line or carries a bidi control.
      expect(a.message.split("\n\n").length).toBeLessThanOrEqual(3);
      expect(a.message.replace(/\n\n/g, "")).not.toMatch(/[\r\n]/);
      expect(a.message).not.toMatch(BIDI);
    });
    const longAnnotation = checkRun.annotations.find((a) => a.path === PATHS.long && a.message.includes("A".repeat(100)));
    expect(longAnnotation?.message).toContain(H.long);
  });

  it("a 10,000-character value is cut in the markdown, and its tail never shows", async () => {
    const result = await reviewFiles([file(PATHS.long, LONG_CARD)]);
    const { comment, checkRun } = renderAll(result);
    for (const md of [comment, checkRun.summary]) {
      const inv = expectInert(md, result.findings, "long");
      const span = inv.codespans.find((c) => c.startsWith("AAAA"));
      expect(span).toBe(`${"A".repeat(119)}…`);
      expect(md).not.toContain("A".repeat(121));
      expect(md).not.toContain("onerror");
    }
    expect(comment.length).toBeLessThan(10_000);
  });

  it("hostile file paths: one heading and one table row each, inert", async () => {
    const paths = [
      `models/${H.mention} ${H.img}/README.md`,
      `models/${H.fence}\`\`\`\`x${H.ticks}/README.md`,
      `models/a|b${H.pipes}/README.md`,
      `models/x${H.heading}\n- ${H.mention}/README.md`,
      `models/x](${H.js})${H.image}/README.md`,
      `models/${H.details}${H.sub}${H.marker}/README.md`,
      `models/${H.bidi}${H.zwj}/README.md`,
      `models/${"p".repeat(200)} ${H.mention}/README.md`,
    ];
    // One finding per file (a license that is not a Hub id); the path is the only hostile text.
    const card = ["---", "license: Apache 2.0", "---", BODY].join("\n");
    const result = await reviewFiles(paths.map((p) => file(p, card)));
    expect(result.findings.map((f) => f.ruleId)).toEqual(paths.map(() => "license/known-id"));
    expect(new Set(result.findings.map((f) => f.path))).toEqual(new Set(paths));
    const { comment, checkRun } = renderAll(result);
    expectStructure(expectInert(comment, result.findings, "comment"), result.findings, ["### Cardinal review"]);
    expectStructure(expectInert(checkRun.summary, result.findings, "summary"), result.findings, []);
    const table = expectInert(checkRun.text ?? "", [], "files table");
    expect(table.tables[0]!.rows.map((row) => row.length)).toEqual(paths.map(() => 3));
    for (const path of paths) expect(table.codespans, path).toContain(codeText(path));
    expect(checkRun.annotations.map((a) => a.path)).toEqual(result.findings.map((f) => f.path));
  });

  it("parser messages shown as words are escaped: no mention, reference, link, list or heading", async () => {
    // Node's JSON.parse quotes a short input whole in its message, which the rule shows as words.
    const indexes: Record<string, string> = {
      a: H.mention,
      b: H.team,
      c: H.fixes,
      d: "acme-ai/x#2",
      e: "GH-12",
      f: "x www.evil.co",
      g: "x https://e.co",
      h: `x\n\n- ${H.mention}\n---`,
      i: "x\n\n1. <b>x</b>",
      j: `x\n\n${H.ticks}`,
    };
    const files = Object.entries(indexes).map(([dir, text]) => file(`${dir}/model.safetensors.index.json`, text));
    const result = await reviewFiles(files);
    expect(result.findings.map((f) => f.ruleId)).toEqual(files.map(() => "release/config-json-valid"));
    // The hostile text does reach the message, as words.
    const quoted = quotedValues(result.findings).join("\n");
    for (const text of Object.values(indexes)) expect(quoted).toContain(text);

    const { comment, checkRun } = renderAll(result);
    for (const [where, md] of [["comment", comment], ["summary", checkRun.summary]] as const) {
      const inv = expectInert(md, result.findings, where);
      expectStructure(inv, result.findings, where === "comment" ? ["### Cardinal review"] : []);
      // Each finding is one paragraph in its list item: no line break, list or rule injected.
      const items = inv.tokens.filter((t): t is Tokens.List => t.type === "list").flatMap((l) => l.items);
      for (const item of items.slice(0, files.length)) {
        expect(item.tokens.map((t) => t.type)).toEqual(["text"]);
      }
      expect(inv.tokens.filter((t) => t.type === "hr")).toEqual([]);
    }
  });

  it("words quoted at the start of a message cannot open a list, a rule or a heading", () => {
    // No rule starts a message with a quoted value today; the escaping must not depend on that.
    const starts = ["- @octocat", "1. x", "===", "---", "--- x", "   - x", "+ x", "> x", "# x", "| a | b |", "    x"];
    const findings: Finding[] = starts.map((start, i) => ({
      ruleId: "card/front-matter-valid-yaml",
      severity: "error",
      title: "Metadata block is not valid YAML",
      message: [quoted(start)],
      hint: [quoted(`${start}\n${start}`)],
      path: `m${i}/README.md`,
      line: 1,
      docsUrl: `${DOCS}/card/front-matter-valid-yaml.md`,
    }));
    const { comment, checkRun } = renderAll({ findings, files: [], rulesRun: 1 });
    for (const md of [comment, checkRun.summary]) {
      const inv = expectInert(md, findings, "quoted starts");
      expectStructure(inv, findings, md === comment ? ["### Cardinal review"] : []);
      const items = inv.tokens.filter((t): t is Tokens.List => t.type === "list").flatMap((l) => l.items).slice(0, starts.length);
      for (const item of items) expect(item.tokens.map((t) => t.type)).toEqual(["text"]);
    }
  });

  it("the Hub's answers are not trusted either: ids and licenses it sends are code", async () => {
    const evilDataset = `ACME/data ${H.mention} ${H.img} ${H.fixes}`;
    const evilModel = `acme/BASE ${H.link} ${H.image}`;
    // hub/canonical-id offers only well-formed ids; hub/repo-access still shows the Hub's id.
    const answers: Record<string, HubLookup> = {
      "dataset:acme/data": found("dataset", evilDataset, { licenses: ["cc-by-nc-4.0", H.img], gated: "manual" }),
      "model:acme/base": found("model", evilModel, { licenses: ["cc-by-nc-4.0"] }),
    };
    const hub: HubClient = { lookup: async (type, id) => answers[`${type}:${id}`] ?? { status: "not-found", httpStatus: 404 } };
    const card = ["---", "license: mit", "datasets: [acme/data]", "base_model: acme/base", "---", BODY].join("\n");
    const result = await reviewFiles([file("models/x/README.md", card)], hub);
    expect(new Set(result.findings.map((f) => f.ruleId))).toEqual(
      new Set(["hub/repo-access", "license/dataset-terms", "license/compatible-with-base-model"]),
    );
    expect(codeValues(result.findings)).toEqual(expect.arrayContaining([evilDataset, evilModel]));

    const openness = opennessLines(result.files, result.references ?? []);
    expect(openness.length).toBeGreaterThan(0);
    const { comment, checkRun } = renderAll(result, { openness });
    const inv = expectInert(comment, result.findings, "comment");
    expectStructure(inv, result.findings, ["### Cardinal review"], [openness.length]);
    expect(inv.html).toContain("<details><summary>What these licenses allow</summary>");
    expect(inv.codespans.some((c) => c.includes(shownAsCode(evilDataset)))).toBe(true);
    expectStructure(expectInert(checkRun.summary, result.findings, "summary"), result.findings, []);
  });

  it("a welcome for an author whose name is not a login, and hostile mute labels", async () => {
    const result = await reviewFiles([file(PATHS.values, VALUES_CARD)]);
    const author = `${H.mention} ${H.img}`;
    const label = `cardinal: mute ${H.mention} ${H.fixes}`;
    const comment = renderComment({
      findings: result.findings,
      ruleMeta,
      rulesUrl: RULES_URL,
      author,
      welcome: { repo: "acme-ai/tiny-llm", defaultBranch: `main${H.link}`, contributing: "CONTRIBUTING.md" },
      muted: [{ ruleId: `card/x${H.img}`, label }],
    });
    const inv = inventory(comment);
    const allowed = new Set([...ownLinks(result.findings)]);
    const links = inv.links.filter((l) => !allowed.has(l.href));
    // Besides the CLI's install guide, the welcome's one link goes to the contributing guide, its branch percent-encoded.
    expect(links).toEqual([{ href: "../blob/main%5Bclick%5D%28https%3A//evil.example%29/CONTRIBUTING.md", text: "contributing guide" }]);
    expect(inv.html.filter((h) => !OWN_HTML.has(h))).toEqual([]);
    const words = renderedText(inv);
    expect(words).not.toMatch(MENTION);
    expect(words).not.toMatch(REFERENCE);
    expect(inv.codespans).toEqual(expect.arrayContaining([author, label, `card/x${H.img}`]));
    expect(headingTexts(inv).slice(0, 2)).toEqual([
      `### 👋 Welcome, \`${author}\`, and thank you for your first pull request to acme-ai/tiny-llm!`,
      "### Cardinal review",
    ]);
  });

  it("bidi overrides cannot reorder Cardinal's words; zero-width joiners stay inside their span", async () => {
    const card = ["---", "license: mit", "language:", `- ${q(`${H.bidi} x`)}`, `- ${q(`\u2066${H.zwj}`)}`, "---", BODY].join("\n");
    const result = await reviewFiles([file(`models/${H.bidi}/README.md`, card)]);
    expect(codeValues(result.findings).join("")).toMatch(BIDI);
    const { comment, checkRun } = renderAll(result);
    for (const md of [comment, checkRun.summary, checkRun.text ?? ""]) {
      expect(md).not.toMatch(BIDI);
      const inv = inventory(md);
      expect(renderedText(inv)).not.toContain("\u200D");
    }
    expect(inventory(comment).codespans.some((c) => c.includes(H.zwj))).toBe(true);
  });

  it("terminal: no control character comes through, one header line per file", async () => {
    const result = await reviewFiles(HOSTILE_PR);
    const texts = new Map(HOSTILE_PR.map((f) => [f.path, f.content.type === "text" ? f.content.text : ""]));
    const out = renderTerminal({ findings: result.findings, fileCount: result.files.length, lineText: (p, l) => texts.get(p)?.split("\n")[l - 1] });
    // eslint-disable-next-line no-control-regex -- no terminal control character may come through (tab and line feed aside)
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // Each file's header is one line: a line break in the path shows as a visible \n, it does not end the line.
    for (const [path] of groupByPath(result.findings)) {
      const header = printable(path);
      expect(out.split("\n").filter((l) => l === header), path).toHaveLength(1);
    }
  });

  it("SARIF: findings are plain text, paths percent-encoded URIs that decode to the path", async () => {
    const result = await reviewFiles(HOSTILE_PR);
    const sarif = buildSarif({ findings: result.findings, rules: RULES.map((r) => r.meta), version: "0.0.0-test", docsUrl: (id) => `${DOCS}/${id}.md` });
    const results = sarif.runs[0]!.results;
    expect(results).toHaveLength(result.findings.length);
    results.forEach((r, i) => {
      const f = result.findings[i]!;
      // Only Cardinal's rule help is markdown; a finding never is.
      expect(r.message.markdown).toBeUndefined();
      expect(r.message.text.startsWith(plain(f.message))).toBe(true);
      const uri = r.locations?.[0]?.physicalLocation.artifactLocation.uri ?? "";
      expect(uri).toMatch(/^[A-Za-z0-9\-._~%!*'()/]+$/);
      expect(decodeURIComponent(uri)).toBe(f.path);
    });
    expect(JSON.parse(JSON.stringify(sarif))).toEqual(sarif);
  });
});

describe("holes found outside src/report/markdown.ts, fixed where they lived", () => {
  /*
   * src/core/engine.ts (coalesce): past three similar findings in a checkpoint's
   * shards, the first finding's message gains " The same problem appears in N more
   * files (<basenames>)" as a *prose* string, so the other shards' file names go
   * into the comment as trusted markdown: mentions, HTML and issue references
   * come through. Fix: push the names as code parts (e.g. joinText(names.map(n => [code(n)]), ", ")).
   */
  it("findings coalesced across checkpoint shards name the other shards as code", async () => {
    const base = `ckpt/${H.mention} ${H.img} ${H.fixes}`;
    const shards = [1, 2, 3, 4, 5].map((i) => `${base}-0000${i}-of-00005.bin`);
    const result = await reviewFiles(shards.map((path) => ({ path, status: "added", size: 10, content: { type: "not-fetched" } })));
    expect(result.findings.length).toBeGreaterThan(0);
    const { comment } = renderAll(result);
    expectInert(comment, result.findings, "comment");
  });

  /*
   * src/report/check-run.ts (filesTable): a path is put in a table cell as
   * inlineCode(path).replace(/\|/g, "\\|"). A path with a backslash before a pipe
   * becomes `\\|`: an escaped backslash, then a real cell delimiter. The code
   * span breaks open and the rest of the path is raw markdown in the next cell
   * (here an <img> tag). Fix: escape `\` before `|` too, or swap the backslash
   * (e.g. for U+29F5) before the span is built.
   */
  it("a path with a backslash before a pipe keeps its table row", async () => {
    const path = `models/a\\|${H.img}/README.md`;
    const result = await reviewFiles([file(path, BODY)]);
    const { checkRun } = renderAll(result);
    const table = expectInert(checkRun.text ?? "", [], "files table");
    expect(table.tables[0]!.rows.map((row) => row.length)).toEqual([3]);
    expect(table.tables[0]!.rows[0]![0]!.tokens.map((t) => t.type)).toEqual(["codespan"]);
  });

  /*
   * src/report/terminal.ts (safe): the control characters it replaces stop short
   * of \t and \n, so a line feed in a file path or a value starts a line of
   * its own in `cardinal check` output: a path can print a forged
   * "✔ No problems found" line, or an indented fake finding. Fix: replace \n and
   * \r too in safe() (the renderer adds its own line breaks after it).
   */
  it("terminal: a line feed in a path or value cannot start a line of its own", async () => {
    const path = "models/x\n✔ No problems found in 1 file./README.md";
    const card = ["---", `license: ${q("x\n  error  forged finding")}`, "---", BODY].join("\n");
    const result = await reviewFiles([file(path, card)]);
    expect(result.findings.length).toBeGreaterThan(0);
    const lines = renderTerminal({ findings: result.findings, fileCount: 1 }).split("\n");
    expect(lines.filter((l) => l.startsWith("✔") || l.trim().startsWith("error  forged"))).toEqual([]);
  });
});
