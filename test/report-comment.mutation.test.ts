/**
 * report/comment.ts: the sticky comment down to the character: its header,
 * footer, welcome, muted line, all-clear forms, and where its budget cuts
 * the findings.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CLI_URL } from "../src/core/docs.js";
import type { RuleMeta } from "../src/core/rule.js";
import { COMMENT_BUDGET, COMMENT_MARKER, mention, renderAllClear, renderComment, renderWelcome } from "../src/report/comment.js";
import { findingItem } from "../src/report/group.js";
import { finding } from "./helpers/findings.js";

const RULES = "https://docs.test/rules";
const noMeta = () => undefined;

const PR_FOOTER = `<sub>Cardinal · this comment follows the latest push; each commit's result is in its Cardinal check · [rules](${RULES}) · [run the same checks locally](${DEFAULT_CLI_URL})</sub>`;
const FOLDER_FOOTER = `<sub>Cardinal · [rules](${RULES}) · [run the same checks locally](${DEFAULT_CLI_URL})</sub>`;

describe("mention", () => {
  it("mentions a login of GitHub's shape, a bot's too", () => {
    expect(mention("octocat")).toBe("@octocat");
    expect(mention("a")).toBe("@a");
    expect(mention("dependabot[bot]")).toBe("@dependabot[bot]");
    expect(mention("Mona-Lisa-42")).toBe("@Mona-Lisa-42");
    expect(mention(`a${"b".repeat(38)}`)).toBe(`@a${"b".repeat(38)}`);
  });

  it("mentions nothing else", () => {
    expect(mention(undefined)).toBe("");
    expect(mention("")).toBe("");
    expect(mention(`a${"b".repeat(39)}`)).toBe("");
    expect(mention("-octocat")).toBe("");
    expect(mention("octo_cat")).toBe("");
    expect(mention("octo cat")).toBe("");
    expect(mention("x octocat")).toBe("");
    expect(mention("octocat!")).toBe("");
    expect(mention("octocat[bot]x")).toBe("");
    expect(mention("[bot]")).toBe("");
  });
});

describe("renderWelcome", () => {
  const welcome = { repo: "acme/zoo", defaultBranch: "main" };
  const DEFAULT_TEXT =
    "Cardinal is an automatic reviewer. On every pull request it checks the model cards, dataset cards, " +
    "licenses and model weight files against the rules of the Hugging Face Hub. When it finds something, " +
    "it lists it below by file and line, says why it matters and how to fix it: ❌ errors make the check fail, " +
    "⚠️ warnings are worth fixing, ℹ️ notices are suggestions. Each finding links to a page that explains its rule.";

  it("is Cardinal's own text by default, ending with how to run the checks locally", () => {
    expect(renderWelcome(welcome, "octocat")).toBe(
      "### 👋 Welcome, @octocat, and thank you for your first pull request to acme/zoo!\n\n" +
        DEFAULT_TEXT +
        ` You can run the same checks on your computer before you push: [this guide](${DEFAULT_CLI_URL}) shows how to install Cardinal's command-line tool and run it in the repository.`,
    );
  });

  it("names the operator's command and links the contributing guide, each segment of its address encoded", () => {
    expect(
      renderWelcome({ ...welcome, defaultBranch: "release/v(1) x", contributing: ".github/CONTRIBUTING (draft).md" }, "octocat", {
        url: "https://cli.test/install",
        command: "npx cardinal check",
      }),
    ).toBe(
      "### 👋 Welcome, @octocat, and thank you for your first pull request to acme/zoo!\n\n" +
        DEFAULT_TEXT +
        " You can run the same checks on your computer before you push: `npx cardinal check` in the repository ([how to install it](https://cli.test/install))." +
        " The [contributing guide](../blob/release/v%281%29%20x/.github/CONTRIBUTING%20%28draft%29.md) explains how this project works.",
    );
  });

  it("fills the repository's own template in one pass, escaped, trimmed, with nothing added", () => {
    expect(renderWelcome({ ...welcome, repo: "acme/*zoo*", template: "  Hi {author}, welcome to {repo} ({author}) {other} {repo}\n\n", contributing: "C.md" }, "octocat")).toBe(
      "Hi @octocat, welcome to acme/\\*zoo\\* (@octocat) {other} acme/\\*zoo\\*",
    );
    // A value that looks like a placeholder is not filled again (and its braces are escaped).
    expect(renderWelcome({ ...welcome, repo: "{author}", template: "{repo}" }, "octocat")).toBe("\\{author\\}");
  });

  it("shows a login of another shape as code, and none as a new contributor", () => {
    expect(renderWelcome({ ...welcome, template: "Hi {author}" }, "not a login")).toBe("Hi `not a login`");
    expect(renderWelcome({ ...welcome, template: "Hi {author}" }, undefined)).toBe("Hi new contributor");
    expect(renderWelcome({ ...welcome, template: "Hi {author}" }, "")).toBe("Hi new contributor");
  });
});

describe("renderComment", () => {
  it("is the marker, a header that counts findings and files, the groups, and the footer", () => {
    const body = renderComment({
      findings: [finding({ severity: "error", line: 1 }), finding(), finding({ path: "b/README.md", severity: "notice" })],
      ruleMeta: noMeta,
      rulesUrl: RULES,
    });
    expect(body).toBe(
      [
        COMMENT_MARKER,
        "### Cardinal review",
        "",
        "**1 error, 1 warning, 1 notice** in 2 files",
        "",
        "#### `README.md`",
        "",
        findingItem(finding({ severity: "error", line: 1 })),
        findingItem(finding()),
        "",
        "#### `b/README.md`",
        "",
        findingItem(finding({ path: "b/README.md", severity: "notice" })),
        "",
        PR_FOOTER,
        "",
      ].join("\n"),
    );
  });

  it("says one file, and no file for findings about the review as a whole", () => {
    expect(renderComment({ findings: [finding()], ruleMeta: noMeta, rulesUrl: RULES }).split("\n")[3]).toBe("**1 warning** in 1 file");
    expect(renderComment({ findings: [finding({ path: "" })], ruleMeta: noMeta, rulesUrl: RULES }).split("\n")[3]).toBe("**1 warning**");
    expect(renderComment({ findings: [finding({ path: "" }), finding()], ruleMeta: noMeta, rulesUrl: RULES }).split("\n")[3]).toBe("**2 warnings** in 1 file");
  });

  it("opens with the welcome, then says what is muted, why the rules matter, the lineage and the licenses, in that order", () => {
    const meta: RuleMeta = { id: "card/known-keys", title: "Unknown key", description: "d", why: "Unknown keys are ignored by the Hub.", defaultSeverity: "warning" };
    const body = renderComment({
      findings: [finding()],
      author: "octocat",
      welcome: { repo: "acme/zoo", defaultBranch: "main", template: "Welcome {author}!" },
      muted: [
        { ruleId: "license/declared", label: "no-license-check" },
        { ruleId: "card/x", label: "a`b" },
      ],
      lineage: "**Lineage**: graph",
      openness: ["The model card is open."],
      ruleMeta: (id) => (id === meta.id ? meta : undefined),
      rulesUrl: RULES,
      localRun: { url: "https://cli.test", command: "cardinal check" },
    });
    expect(body).toBe(
      [
        COMMENT_MARKER,
        "Welcome @octocat!",
        "",
        "### Cardinal review",
        "",
        "**1 warning** in 1 file",
        "",
        "#### `README.md`",
        "",
        findingItem(finding()),
        "",
        "_Muted on this pull request by a label: `license/declared` (`no-license-check`), `card/x` (``a`b``)._",
        "",
        "<details><summary>Why these checks matter</summary>",
        "",
        "- [`card/known-keys`](https://docs.test/card/known-keys.md): Unknown keys are ignored by the Hub.",
        "",
        "</details>",
        "",
        "**Lineage**: graph",
        "",
        "<details><summary>What these licenses allow</summary>",
        "",
        "- The model card is open.",
        "",
        "</details>",
        "",
        `<sub>Cardinal · this comment follows the latest push; each commit's result is in its Cardinal check · [rules](${RULES}) · run the same checks locally with \`cardinal check\` ([how to install](https://cli.test))</sub>`,
        "",
      ].join("\n"),
    );
  });

  it("from the CLI speaks of no pull request: all files, the CLI's formats, a short footer", () => {
    const body = renderComment({ findings: [finding({ path: "" })], ruleMeta: noMeta, rulesUrl: RULES, where: "folder", muted: [] });
    expect(body).toBe([COMMENT_MARKER, "### Cardinal review", "", "**1 warning**", "", "#### All files", "", findingItem(finding({ path: "" })), "", FOLDER_FOOTER, ""].join("\n"));
  });

  describe("its budget", () => {
    // Everything but the findings counts against the budget: the header, the why section, the lineage,
    // the licenses and the footer, and 12 characters of blank lines between them.
    const meta: RuleMeta = { id: "card/known-keys", title: "t", description: "d", why: "Why.", defaultSeverity: "warning" };
    const header = `${COMMENT_MARKER}\n### Cardinal review\n\n**2 warnings** in 1 file`;
    const why = "<details><summary>Why these checks matter</summary>\n\n- [`card/known-keys`](https://docs.test/card/known-keys.md): Why.\n\n</details>";
    const openness = "<details><summary>What these licenses allow</summary>\n\n- Open.\n\n</details>";
    const first = finding({ line: 1 });
    const second = finding({ line: 2 });
    // The first item pays for its file's heading too; each stops 200 characters short of the budget.
    const firstCost = findingItem(first).length + 1 + "#### `README.md`".length + 2;
    const room = COMMENT_BUDGET - header.length - why.length - openness.length - PR_FOOTER.length - 12 - 200;
    const render = (lineageLength: number) =>
      renderComment({ findings: [first, second], ruleMeta: () => meta, rulesUrl: RULES, openness: ["Open."], lineage: "x".repeat(lineageLength) });

    it("keeps a finding that fits to the character, and leaves out one that does not", () => {
      expect(render(room - firstCost)).toContain(`#### \`README.md\`\n\n${findingItem(first)}\n\n_…and 1 more finding. The check run lists every finding._`);
      expect(render(room - firstCost + 1)).toContain(`**2 warnings** in 1 file\n\n_…and 2 more findings. The check run lists every finding._`);
      expect(render(room - firstCost + 1)).not.toContain("#### `README.md`");
    });

    it("points the CLI's cut at the CLI's formats", () => {
      const body = renderComment({ findings: [first, second], ruleMeta: noMeta, rulesUrl: RULES, where: "folder", lineage: "x".repeat(COMMENT_BUDGET) });
      expect(body).toContain("_…and 2 more findings. `cardinal check` in the text or JSON format lists every finding._");
    });
  });
});

describe("renderAllClear", () => {
  it("on a pull request thanks the author and follows with the footer", () => {
    expect(renderAllClear({ author: "octocat", rulesUrl: RULES })).toBe(
      [
        COMMENT_MARKER,
        "### ✅ All clear — thank you, @octocat!",
        "",
        "Cardinal found nothing to fix in the model cards, licenses and model files of this pull request.",
        "",
        PR_FOOTER,
        "",
      ].join("\n"),
    );
    expect(renderAllClear({ author: "not a login", rulesUrl: RULES }).split("\n")[1]).toBe("### ✅ All clear");
  });

  it("opens with the welcome and says what is muted", () => {
    expect(
      renderAllClear({
        author: "octocat",
        rulesUrl: RULES,
        welcome: { repo: "acme/zoo", defaultBranch: "main", template: "Hello {author}." },
        muted: [{ ruleId: "license/declared", label: "skip" }],
      }),
    ).toBe(
      [
        COMMENT_MARKER,
        "Hello @octocat.",
        "",
        "### ✅ All clear — thank you, @octocat!",
        "",
        "Cardinal found nothing to fix in the model cards, licenses and model files of this pull request.",
        "",
        "_Muted on this pull request by a label: `license/declared` (`skip`)._",
        "",
        PR_FOOTER,
        "",
      ].join("\n"),
    );
    // Nothing muted is no line at all, not an empty one.
    expect(renderAllClear({ rulesUrl: RULES, muted: [] })).toBe(renderAllClear({ rulesUrl: RULES }));
    expect(renderAllClear({ rulesUrl: RULES })).toBe(
      [COMMENT_MARKER, "### ✅ All clear", "", "Cardinal found nothing to fix in the model cards, licenses and model files of this pull request.", "", PR_FOOTER, ""].join("\n"),
    );
  });

  it("from the CLI says what it reviewed, or that --quiet left some out", () => {
    expect(renderAllClear({ author: "octocat", rulesUrl: RULES, where: "folder" })).toBe(
      [COMMENT_MARKER, "### ✅ All clear", "", "Cardinal found nothing to report in the model cards, licenses and model files it reviewed.", "", FOLDER_FOOTER, ""].join("\n"),
    );
    expect(renderAllClear({ rulesUrl: RULES, where: "folder", leftOut: "1 warning" })).toBe(
      [
        COMMENT_MARKER,
        "### ✅ No errors",
        "",
        "Cardinal found no errors in the model cards, licenses and model files it reviewed; `--quiet` left out 1 warning.",
        "",
        FOLDER_FOOTER,
        "",
      ].join("\n"),
    );
  });

  it("is what renderComment gives without findings", () => {
    const input = { author: "octocat", rulesUrl: RULES, where: "folder" as const, leftOut: "2 notices" };
    expect(renderComment({ ...input, findings: [], ruleMeta: noMeta })).toBe(renderAllClear(input));
  });
});
