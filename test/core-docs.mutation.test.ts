/**
 * src/core/docs.ts: the addresses of rule pages and the local-run line an
 * operator configures (CARDINAL_CLI_URL, CARDINAL_CLI_COMMAND), at each
 * edge of what it accepts.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CLI_URL, DEFAULT_DOCS_BASE, docsPath, docsUrl, localRunFromEnv, rulesIndexUrl } from "../src/core/docs.js";

const badUrl = (raw: string) =>
  `CARDINAL_CLI_URL must be an http:// or https:// address without spaces or parentheses, got ${JSON.stringify(raw)}; comments link ${DEFAULT_CLI_URL} instead`;
const badCommand = "CARDINAL_CLI_COMMAND must be one line of at most 200 characters; comments name no command and link the CLI guide instead";

describe("rule page addresses", () => {
  it("a rule's page is under the default base, or under the base given without its trailing slashes", () => {
    expect(DEFAULT_DOCS_BASE).toBe("https://github.com/cardinal-app/cardinal/blob/main/docs/rules");
    expect(docsUrl("card/known-keys")).toBe("https://github.com/cardinal-app/cardinal/blob/main/docs/rules/card/known-keys.md");
    expect(docsUrl("license/known-id", "https://docs.example/rules//")).toBe("https://docs.example/rules/license/known-id.md");
    expect(rulesIndexUrl("https://docs.example/rules//")).toBe("https://docs.example/rules/README.md");
  });

  it("a rule's page in the repository is under docs/rules", () => {
    expect(docsPath("card/known-keys")).toBe("docs/rules/card/known-keys.md");
  });
});

describe("localRunFromEnv: CARDINAL_CLI_URL", () => {
  it("takes an http:// or an https:// address", () => {
    expect(localRunFromEnv({ CARDINAL_CLI_URL: "http://docs.example/cli" })).toEqual({ localRun: { url: "http://docs.example/cli" }, problems: [] });
    expect(localRunFromEnv({ CARDINAL_CLI_URL: "https://docs.example/cli#install" })).toEqual({ localRun: { url: "https://docs.example/cli#install" }, problems: [] });
  });

  it("an empty or blank value is no value: the default, and no problem", () => {
    expect(localRunFromEnv({ CARDINAL_CLI_URL: "" })).toEqual({ localRun: { url: DEFAULT_CLI_URL }, problems: [] });
    expect(localRunFromEnv({ CARDINAL_CLI_URL: "   " })).toEqual({ localRun: { url: DEFAULT_CLI_URL }, problems: [] });
  });

  it.each([
    ["an address with a space inside", "https://docs.example/a b"],
    ["an address with a parenthesis (it would end the markdown link)", "https://docs.example/a)b"],
    ["an address with an opening parenthesis", "https://docs.example/(a"],
    ["an address with an angle bracket", "https://docs.example/<a>"],
    ["words before the address", "see https://docs.example/cli"],
    ["another scheme", "ftp://docs.example/cli"],
    ["a scheme and nothing after it", "https://"],
    ["a scheme without its slashes", "https:docs.example"],
  ])("refuses %s, naming the variable and the value", (_, raw) => {
    expect(localRunFromEnv({ CARDINAL_CLI_URL: raw })).toEqual({ localRun: { url: DEFAULT_CLI_URL }, problems: [badUrl(raw)] });
  });

  it("the problem quotes the value trimmed", () => {
    expect(localRunFromEnv({ CARDINAL_CLI_URL: "  ftp://x  " }).problems).toEqual([badUrl("ftp://x")]);
  });
});

describe("localRunFromEnv: CARDINAL_CLI_COMMAND", () => {
  it("a command of exactly 200 characters is kept, one of 201 is refused", () => {
    const ok = "x".repeat(200);
    expect(localRunFromEnv({ CARDINAL_CLI_COMMAND: ok })).toEqual({ localRun: { url: DEFAULT_CLI_URL, command: ok }, problems: [] });
    expect(localRunFromEnv({ CARDINAL_CLI_COMMAND: `${ok}x` })).toEqual({ localRun: { url: DEFAULT_CLI_URL }, problems: [badCommand] });
  });

  it("a carriage return alone makes two lines too", () => {
    expect(localRunFromEnv({ CARDINAL_CLI_COMMAND: "a\rb" })).toEqual({ localRun: { url: DEFAULT_CLI_URL }, problems: [badCommand] });
  });

  it("a blank command is none", () => {
    expect(localRunFromEnv({ CARDINAL_CLI_COMMAND: "  " })).toEqual({ localRun: { url: DEFAULT_CLI_URL }, problems: [] });
  });

  it("a bad command keeps a good address, and both problems are listed when both are bad", () => {
    expect(localRunFromEnv({ CARDINAL_CLI_URL: "https://docs.example/cli", CARDINAL_CLI_COMMAND: "a\nb" })).toEqual({
      localRun: { url: "https://docs.example/cli" },
      problems: [badCommand],
    });
    expect(localRunFromEnv({ CARDINAL_CLI_URL: "nope", CARDINAL_CLI_COMMAND: "a\nb" })).toEqual({
      localRun: { url: DEFAULT_CLI_URL },
      problems: [badUrl("nope"), badCommand],
    });
  });
});
