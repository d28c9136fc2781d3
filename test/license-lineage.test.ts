import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/core/config.js";
import { review } from "../src/core/engine.js";
import { defineRule } from "../src/core/rule.js";
import { prose } from "../src/core/text.js";
import type { Severity } from "../src/core/types.js";
import { familyFromName } from "../src/parse/lineage.js";
import { RULE_IDS } from "../src/rules/index.js";

describe("familyFromName: only names that make family and version certain", () => {
  it.each([
    ["meta-llama/Llama-2-7b-hf", "llama2"],
    ["TheBloke/Llama-2-13B-chat-GPTQ", "llama2"],
    ["codellama/CodeLlama-7b-hf", "llama2"],
    ["meta-llama/LlamaGuard-7b", "llama2"],
    ["meta-llama/Meta-Llama-3-8B", "llama3"],
    ["shenzhi-wang/Llama3-8B-Chinese-Chat", "llama3"],
    ["meta-llama/Meta-Llama-Guard-2-8B", "llama3"],
    ["meta-llama/Llama-3.1-8B", "llama3.1"],
    ["arcee-ai/Llama-3.1-SuperNova-Lite", "llama3.1"],
    ["meta-llama/Llama-Guard-3-8B", "llama3.1"],
    ["meta-llama/Llama-3.2-3B-Instruct", "llama3.2"],
    ["meta-llama/Llama-Guard-3-1B", "llama3.2"],
    ["meta-llama/Llama-3.3-70B-Instruct", "llama3.3"],
    ["meta-llama/Llama-4-Scout-17B-16E", "llama4"],
    ["google/gemma-7b", "gemma"],
    ["google/gemma-1.1-2b-it", "gemma"],
    ["unsloth/gemma-2-9b-bnb-4bit", "gemma"],
    ["google/gemma-3-27b-it", "gemma"],
    ["google/gemma-3n-E4B-it", "gemma"],
    ["google/gemma-4-31b-it", "apache-2.0"],
    ["mistralai/Mistral-Large-Instruct-2407", "other"],
    ["mistralai/Codestral-22B-v0.1", "other"],
    ["runwayml/stable-diffusion-v1-5", "creativeml-openrail-m"],
    ["CompVis/stable-diffusion-v1-4", "creativeml-openrail-m"],
    ["stabilityai/stable-diffusion-2-1-base", "openrail++"],
    ["stabilityai/stable-diffusion-xl-base-1.0", "openrail++"],
  ])("%s → %s", (id, license) => {
    expect(familyFromName(id)?.license).toBe(license);
  });

  it.each([
    "TinyLlama/TinyLlama-1.1B-Chat-v1.0",
    "ggerganov/llama.cpp",
    "lmsys/vicuna-7b-v1.5",
    "huggyllama/llama-7b",
    "openlm-research/open_llama_3b",
    "acme/llama-3b-toy",
    "acme/my-llama-3.1-tune",
    "google/medgemma-27b-it",
    "mistralai/Mistral-7B-Instruct-v0.2",
    "mistralai/Mistral-Small-24B-Instruct-2501",
    "stabilityai/sdxl-turbo",
    "nitrosocke/modern-disney-diffusion",
  ])("%s says nothing certain", (id) => {
    expect(familyFromName(id)).toBeUndefined();
  });

  it("gemma-2b is Gemma 1, gemma-2-2b is Gemma 2", () => {
    expect(familyFromName("google/gemma-2b")?.family).toBe("Gemma");
    expect(familyFromName("google/gemma-2-2b")?.family).toBe("Gemma 2");
  });
});

describe("Report.atMost lowers a finding's severity, never raises it", () => {
  const rule = (atMost: Severity) =>
    defineRule({
      meta: { id: "license/compatible-with-base-model", title: "t", description: "d", why: "w", defaultSeverity: "error" },
      check: ({ report }) => report({ path: "README.md", message: prose("m"), atMost }),
    });
  const run = async (atMost: Severity, setting?: string) => {
    const config = resolveConfig(setting ? { rules: { "license/compatible-with-base-model": setting } } : {}, RULE_IDS).config;
    const result = await review({ workspace: { source: "folder", files: [] }, config, rules: [rule(atMost)], ruleIds: RULE_IDS });
    return result.findings.map((f) => f.severity);
  };

  it.each([
    ["warning", undefined, ["warning"]],
    ["notice", undefined, ["notice"]],
    ["error", undefined, ["error"]],
    ["warning", "notice", ["notice"]],
    ["notice", "warning", ["notice"]],
    ["warning", "off", []],
  ] as const)("atMost %s, configured %s → %j", async (atMost, setting, expected) => {
    expect(await run(atMost, setting)).toEqual(expected);
  });

  it("atMost is not part of the finding", async () => {
    const result = await review({ workspace: { source: "folder", files: [] }, config: resolveConfig({}, RULE_IDS).config, rules: [rule("warning")], ruleIds: RULE_IDS });
    expect(result.findings[0]).not.toHaveProperty("atMost");
  });
});
