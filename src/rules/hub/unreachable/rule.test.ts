import { describe, expect, it } from "vitest";
import { corpusCard, found, runRule } from "../../../../test/rule-tester.js";
import { defineRule } from "../../../core/rule.js";
import type { HubLookup } from "../../../core/hub.js";
import { plain } from "../../../core/text.js";
import datasetExists from "../dataset-exists/rule.js";
import rule from "./rule.js";

const card = (yaml: string) => ({ "README.md": `---\nlicense: mit\n${yaml}\n---\n# M\n` });

describe("hub/unreachable after the rules that ask the Hub", () => {
  it("names each reference the Hub could not answer for, at its line", async () => {
    const { review } = await import("../../../core/engine.js");
    const { defaultConfig } = await import("../../../core/config.js");
    const hub = { lookup: async () => ({ status: "unavailable" as const, reason: "the Hub did not answer in 5 s" }) };
    const result = await review({
      workspace: { source: "folder", files: [{ path: "README.md", status: "unchanged", content: { type: "text", text: "---\nlicense: mit\ndatasets: [squad_v3]\n---\n" } }] },
      config: defaultConfig(),
      rules: [datasetExists, rule],
      hub,
    });
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([["hub/unreachable", 3]]);
    expect(result.references).toEqual([{ type: "dataset", id: "squad_v3", status: "unavailable", reason: "the Hub did not answer in 5 s" }]);
  });

  it("names the repositories past the review's limit in one notice, after the per-repository ones", async () => {
    const { review } = await import("../../../core/engine.js");
    const { defaultConfig } = await import("../../../core/config.js");
    const hub = {
      lookupsPerReview: 2,
      lookup: async (_type: string, id: string) =>
        id === "a/1" ? ({ status: "unavailable" as const, reason: "the Hub answered 503" }) : ({ status: "not-found" as const, httpStatus: 404 }),
    };
    const ids = ["a/1", "a/2", "a/3", "a/4", "a/5", "a/6", "a/7", "a/8", "a/9"];
    const result = await review({
      workspace: { source: "folder", files: [{ path: "README.md", status: "unchanged", content: { type: "text", text: `---\nlicense: mit\ndatasets: [${ids.join(", ")}]\n---\n` } }] },
      config: defaultConfig(),
      rules: [datasetExists, rule],
      hub,
    });
    const notices = result.findings.filter((f) => f.ruleId === "hub/unreachable");
    expect(notices.map((f) => [f.title, plain(f.message)])).toEqual([
      ["Could not verify with the Hub", "Could not verify the dataset `a/1`: the Hub answered 503."],
      [
        "Too many repositories to verify with the Hub",
        "Did not verify 7 more repositories: this review had already asked the Hub about 2 repositories, the most one review asks about. Not checked: `a/3`, `a/4`, `a/5`, `a/6`, `a/7` and 2 more.",
      ],
    ]);
    expect(result.references?.map((r) => r.id)).toEqual(["a/1", "a/2"]);
  });

  /** A review of one card naming `ids` as datasets, against a Hub that answers each id with `answer(id)`. */
  async function reviewWith(ids: readonly string[], answer: (id: string) => HubLookup, source: "folder" | "pull-request", lookupsPerReview = 100) {
    const { review } = await import("../../../core/engine.js");
    const { defaultConfig } = await import("../../../core/config.js");
    const text = `---\nlicense: mit\ndatasets:\n${ids.map((id) => `- ${id}`).join("\n")}\n---\n`;
    const result = await review({
      workspace: { source, files: [{ path: "README.md", status: source === "folder" ? "unchanged" : "added", content: { type: "text", text } }] },
      config: defaultConfig(),
      rules: [datasetExists, rule],
      hub: { lookupsPerReview, lookup: async (_type: string, id: string) => answer(id) },
    });
    return result.findings.filter((f) => f.ruleId === "hub/unreachable");
  }
  const STOPPED = "3 requests in a row failed (the Hub did not answer in 5 s), so Cardinal stopped asking the Hub for the rest of this run";
  const outage = (id: string): HubLookup =>
    ["a/1", "a/2", "a/3"].includes(id)
      ? { status: "unavailable", reason: "the Hub did not answer in 5 s", kind: "timeout" }
      : { status: "unavailable", reason: STOPPED, kind: "stopped" };

  it("words an outage once: the failures that stopped the client, the lookups it then answered and those past the limit, in one notice", async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `a/${i + 1}`);
    const notices = await reviewWith(ids, outage, "folder", 10);
    expect(notices.map((f) => [f.title, f.line, plain(f.message), f.hint && plain(f.hint)])).toEqual([
      [
        "Stopped asking the Hub",
        4,
        `Could not verify 12 repositories: ${STOPPED}. Not verified: \`a/1\`, \`a/2\`, \`a/3\`, \`a/4\`, \`a/5\` and 7 more.`,
        "Nothing to change in your files for this. Run the check again once the Hub answers; `--offline` skips the Hub checks, and `CARDINAL_HUB_TIMEOUT_MS` sets how long each request may take.",
      ],
    ]);
  });

  it("keeps a failure of another kind apart, in its own words, at its line", async () => {
    const notices = await reviewWith(
      ["a/1", "moved/x", "a/2", "a/3", "a/4"],
      (id) => (id === "moved/x" ? { status: "unavailable", reason: "the Hub redirected too many times", kind: "redirect-refused" } : outage(id)),
      "folder",
    );
    expect(notices.map((f) => [f.title, f.line, plain(f.message)])).toEqual([
      ["Stopped asking the Hub", 4, `Could not verify 4 repositories: ${STOPPED}. Not verified: \`a/1\`, \`a/2\`, \`a/3\`, \`a/4\`.`],
      ["Could not verify with the Hub", 5, "Could not verify the dataset `moved/x`: the Hub redirected too many times."],
    ]);
  });

  it("speaks of the pull request in the app only", async () => {
    const timeout = (): HubLookup => ({ status: "unavailable", reason: "the Hub did not answer in 5 s", kind: "timeout" });
    const [local] = await reviewWith(["a/1"], timeout, "folder");
    const [app] = await reviewWith(["a/1"], timeout, "pull-request");
    expect(local?.hint && plain(local.hint)).toBe("Nothing to change in your files for this. Run the check again later; Cardinal asks the Hub again.");
    expect(app?.hint && plain(app.hint)).toBe("Nothing to change in the pull request for this. Re-run the check later; Cardinal asks the Hub again.");
    const stopped = await reviewWith(["a/1", "a/2", "a/3", "a/4"], outage, "pull-request");
    expect(stopped.map((f) => f.hint && plain(f.hint))).toEqual(["Nothing to change in the pull request for this. Re-run the check later; Cardinal asks the Hub again."]);
  });

  it("reports nothing on a real card whose dataset the Hub answered for (facebook-bart-large-mnli, test/fixtures/corpus)", async () => {
    const { review } = await import("../../../core/engine.js");
    const { defaultConfig } = await import("../../../core/config.js");
    const result = await review({
      workspace: { source: "folder", files: [{ path: "README.md", status: "unchanged", content: { type: "text", text: corpusCard("facebook-bart-large-mnli") } }] },
      config: defaultConfig(),
      rules: [datasetExists, rule],
      hub: { lookup: async (type, id) => (type === "dataset" && id === "multi_nli" ? found("dataset", "nyu-mll/multi_nli") : { status: "not-found" as const, httpStatus: 404 }) },
    });
    expect(result.findings).toEqual([]);
    expect(result.references?.map((r) => [r.type, r.id, r.status])).toEqual([["dataset", "multi_nli", "found"]]);
  });

  it("a failure for a repository no card names is said at the configuration's path", async () => {
    const { review } = await import("../../../core/engine.js");
    const { defaultConfig } = await import("../../../core/config.js");
    const asker = defineRule({
      meta: { id: "test/asker", title: "t", description: "d", why: "w", defaultSeverity: "notice" },
      async check({ hub }) {
        await hub?.lookup("model", "elsewhere/x");
      },
    });
    const result = await review({
      workspace: { source: "folder", files: [{ path: "README.md", status: "unchanged", content: { type: "text", text: "---\nlicense: mit\n---\n" } }] },
      config: defaultConfig(),
      rules: [asker, rule],
      hub: { lookup: async () => ({ status: "unavailable" as const, reason: "the Hub answered 503", kind: "server-error" as const }) },
    });
    expect(result.findings.map((f) => [f.ruleId, f.path, f.line ?? null, plain(f.message)])).toEqual([
      ["hub/unreachable", ".github/cardinal.yml", null, "Could not verify the model `elsewhere/x`: the Hub answered 503."],
    ]);
  });

  it("an outage of one repository names it alone", async () => {
    const notices = await reviewWith(["a/1", "a/2"], (id) => (id === "a/1" ? { status: "unavailable", reason: STOPPED, kind: "stopped" } : { status: "not-found", httpStatus: 404 }), "folder");
    expect(notices.map((f) => [f.title, f.line, f.column, plain(f.message)])).toEqual([["Stopped asking the Hub", 4, 3, `Could not verify the dataset \`a/1\`: ${STOPPED}.`]]);
  });

  it("one repository past the limit is one repository", async () => {
    const notices = await reviewWith(["a/1", "a/2", "a/3"], () => ({ status: "not-found", httpStatus: 404 }), "folder", 2);
    expect(notices.map((f) => [f.title, f.line, plain(f.message), f.hint && plain(f.hint)])).toEqual([
      [
        "Too many repositories to verify with the Hub",
        6,
        "Did not verify 1 more repository: this review had already asked the Hub about 2 repositories, the most one review asks about. Not checked: `a/3`.",
        "Nothing to change if the card means to name them all; Cardinal leaves the ones past the limit unverified. If the list is generated, check that it names what you meant.",
      ],
    ]);
  });

  it("names an outage's repositories in the order the cards name them, whatever order the answers came in", async () => {
    const { review } = await import("../../../core/engine.js");
    const { defaultConfig } = await import("../../../core/config.js");
    const files = [
      ["b/README.md", "---\nlicense: mit\ndatasets:\n- b/1\n- b/2\n---\n"],
      ["a/README.md", "---\nlicense: mit\ndatasets: [a/1, a/2]\n---\n"],
    ].map(([path, text]) => ({ path: path ?? "", status: "unchanged" as const, content: { type: "text" as const, text: text ?? "" } }));
    // Each answer waits a number of turns of the event loop: the last asked answers first.
    let calls = 0;
    const turns = (n: number) => new Promise<void>((resolve) => {
      const step = (left: number) => (left === 0 ? resolve() : setImmediate(() => step(left - 1)));
      step(n);
    });
    const result = await review({
      workspace: { source: "folder", files },
      config: defaultConfig(),
      rules: [datasetExists, rule],
      hub: {
        lookup: async () => {
          await turns(10 - 2 * calls++);
          return { status: "unavailable" as const, reason: STOPPED, kind: "stopped" as const };
        },
      },
    });
    expect(result.references?.map((r) => r.id)).toEqual(["a/2", "a/1", "b/2", "b/1"]);
    expect(result.findings.map((f) => [f.path, f.line, plain(f.message)])).toEqual([
      ["b/README.md", 4, `Could not verify 4 repositories: ${STOPPED}. Not verified: \`b/1\`, \`b/2\`, \`a/1\`, \`a/2\`.`],
    ]);
  });

  it("reports nothing when no rule asked", async () => {
    expect(await runRule(rule, { name: "none", files: card("datasets: [a/b]"), hub: {} })).toEqual([]);
  });
});
