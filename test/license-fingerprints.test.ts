import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/core/config.js";
import { review } from "../src/core/engine.js";
import { LICENSE_FINGERPRINTS } from "../src/data/license-fingerprints.js";
import { CONFIDENT, identifyLicense } from "../src/parse/license-text.js";
import { RULE_IDS, RULES } from "../src/rules/index.js";
import { fingerprintsSource } from "../src/tools/license-fingerprints.js";
import { spdxLicenseText } from "./license-texts.js";

const root = path.resolve(import.meta.dirname, "..");
const fixture = (name: string) => readFileSync(path.join(root, "test/fixtures/licenses", name, "LICENSE"), "utf8");
const LLAMA31 = fixture("llama3.1-meta");
const CLAUSE =
  "v. You shall not use the Llama Materials or any derivative of them in any product offered outside the territory named in Schedule C without a separate written agreement with the Licensor.\n\n";

describe("fingerprints of the Llama licenses", () => {
  it("are what the generator makes of the license files (node lib/tools/license-fingerprints.js)", async () => {
    const stored = readFileSync(path.join(root, "src/data/license-fingerprints.ts"), "utf8");
    expect(await fingerprintsSource(root)).toBe(stored);
    expect(LICENSE_FINGERPRINTS.map((f) => f.id)).toEqual(["llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"]);
  });

  it.each(["llama2-meta", "llama3-meta", "llama3.1-meta", "llama3.2-meta", "llama3.3-meta", "llama4-meta"])("%s as published is the license, confidently", (name) => {
    const match = identifyLicense(fixture(name));
    expect(match?.copy).toBeUndefined();
    expect(match?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
  });

  it("an added clause inside the agreement makes a modified copy, below CONFIDENT", () => {
    const match = identifyLicense(LLAMA31.replace("iv. Your use of the Llama Materials", `${CLAUSE}iv. Your use of the Llama Materials`));
    expect(match).toMatchObject({ id: "llama3.1", copy: "modified" });
    expect(match?.confidence).toBeLessThan(CONFIDENT);
  });

  it("a preamble before it or a policy after it is not a modification", () => {
    const preamble = "This model, MyTune, is a derivative of Llama 3.1 and is distributed under the following agreement from Meta Platforms, which applies to every file here.\n\n";
    expect(identifyLicense(preamble + LLAMA31)?.copy).toBeUndefined();
    expect(identifyLicense(`${LLAMA31}\n\nLlama 3.1 Acceptable Use Policy\n\nMeta is committed to promoting safe and fair use of its tools and features, including Llama 3.1. If you access or use Llama 3.1, you agree to this Acceptable Use Policy.\n`)?.copy).toBeUndefined();
  });

  it("half the text is a truncated copy; a line that only names the license is not called a copy", () => {
    expect(identifyLicense(LLAMA31.slice(0, LLAMA31.length / 2))).toMatchObject({ id: "llama3.1", copy: "truncated" });
    expect(identifyLicense("Llama 3.1 Community License Agreement\n\nSee https://llama.meta.com/llama3_1/license/")?.copy).toBeUndefined();
  });
});

describe("the files' facts (JSON output) say `closest` below the confidence Cardinal acts on", () => {
  const facts = async (text: string) => {
    const result = await review({
      workspace: { source: "folder", files: [{ path: "LICENSE", status: "unchanged", content: { type: "text", text } }] },
      config: resolveConfig({}, RULE_IDS).config,
      rules: RULES,
    });
    return result.files.find((f) => f.path === "LICENSE")?.identified;
  };

  it("a license as published: id", async () => {
    expect(await facts(spdxLicenseText("Apache-2.0"))).toMatchObject({ id: "apache-2.0", confidence: 1 });
  });

  it("a modified copy: closest and copy, never id", async () => {
    const identified = await facts(LLAMA31.replace("iv. Your use of the Llama Materials", `${CLAUSE}iv. Your use of the Llama Materials`));
    expect(identified).toMatchObject({ closest: "llama3.1", copy: "modified" });
    expect(identified).not.toHaveProperty("id");
  });
});
