import { describe, expect, it } from "vitest";
import { runRule } from "../../../../test/rule-tester.js";
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

  it("reports nothing when no rule asked", async () => {
    expect(await runRule(rule, { name: "none", files: card("datasets: [a/b]"), hub: {} })).toEqual([]);
  });
});
