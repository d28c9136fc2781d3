import { describe, expect, it } from "vitest";
import { runRule } from "../../../../test/rule-tester.js";
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

  it("reports nothing when no rule asked", async () => {
    expect(await runRule(rule, { name: "none", files: card("datasets: [a/b]"), hub: {} })).toEqual([]);
  });
});
