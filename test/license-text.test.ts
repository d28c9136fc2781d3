import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HUB_LICENSES, hubLicense } from "../src/data/hf-licenses.js";
import { LICENSE_MARKERS } from "../src/data/license-markers.js";
import { CONFIDENT, identifyLicense } from "../src/parse/license-text.js";

const require = createRequire(import.meta.url);
const spdxText = (id: string): string =>
  (require(`spdx-license-list/licenses/${id}.json`) as { licenseText: string }).licenseText;

/** Each paragraph joined and re-wrapped at 60 columns, with CRLF line ends. */
function reflow(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim().replace(/(.{1,60})(?:\s|$)/g, "$1\r\n"))
    .join("\r\n");
}

/** The copyright placeholder line filled in, or a copyright line added on top. */
function withCopyright(text: string): string {
  const filled = text.replace(/^(\s*)Copyright \(c\) <year> <[^>\n]+>\.?[ \t]*$/im, "$1Copyright (c) 2024 Jane Doe <jane@example.org>");
  return filled !== text ? filled : `Copyright (c) 2019-2024 Jane Doe and contributors\nAll rights reserved.\n\n${text}`;
}

const WITH_SPDX = HUB_LICENSES.filter((l) => l.spdx !== undefined).map((l) => [l.spdx as string, l.id] as const);

describe("identifyLicense: the SPDX texts of the Hub's licenses", () => {
  it("covers every Hub license with an SPDX id", () => {
    expect(WITH_SPDX.length).toBeGreaterThanOrEqual(50);
  });

  it.each(WITH_SPDX)("%s as is → %s, exact", (spdx, id) => {
    expect(identifyLicense(spdxText(spdx))).toEqual({ id, spdx, confidence: 1, method: "exact" });
  });

  it.each(WITH_SPDX)("%s with its copyright line filled in → %s", (spdx, id) => {
    const m = identifyLicense(withCopyright(spdxText(spdx)));
    expect(m?.id).toBe(id);
    expect(m?.spdx).toBe(spdx);
    expect(m?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
  });

  it.each(WITH_SPDX)("%s reflowed → %s", (spdx, id) => {
    const m = identifyLicense(reflow(spdxText(spdx)));
    expect(m?.id).toBe(id);
    expect(m?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
  });
});

describe("identifyLicense: near relatives are told apart", () => {
  const ISC_AUTHOR = [
    "ISC License",
    "",
    "Copyright (c) 2021, Jane Doe",
    "",
    "Permission to use, copy, modify, and/or distribute this software for any",
    "purpose with or without fee is hereby granted, provided that the above",
    "copyright notice and this permission notice appear in all copies.",
    "",
    'THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES',
    "WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF",
    "MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR",
    "ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES",
    "WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN",
    "ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF",
    "OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.",
  ].join("\n");
  const BSD3_NAMED = spdxText("BSD-3-Clause")
    .replace("Neither the name of the copyright holder", "Neither the name of Example Labs Inc.")
    .replace('COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"', 'EXAMPLE LABS INC. AND CONTRIBUTORS "AS IS"')
    .replace("SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE", "SHALL EXAMPLE LABS INC. OR ITS CONTRIBUTORS BE");

  const groups: Record<string, readonly (readonly [string, string, string])[]> = {
    "MIT, ISC, BSD-2-Clause, BSD-3-Clause": [
      ["MIT", "mit", spdxText("MIT")],
      ["ISC", "isc", spdxText("ISC")],
      ["ISC (the author)", "isc", ISC_AUTHOR],
      ["BSD-2-Clause", "bsd-2-clause", spdxText("BSD-2-Clause")],
      ["BSD-3-Clause", "bsd-3-clause", spdxText("BSD-3-Clause")],
      ["BSD-3-Clause (named holder)", "bsd-3-clause", BSD3_NAMED],
      ["BSD-3-Clause-Clear", "bsd-3-clause-clear", spdxText("BSD-3-Clause-Clear")],
    ],
    "Apache-2.0, ECL-2.0": [
      ["Apache-2.0", "apache-2.0", spdxText("Apache-2.0")],
      ["ECL-2.0", "ecl-2.0", spdxText("ECL-2.0")],
    ],
    "GPL-2.0, GPL-3.0, AGPL-3.0, LGPL": [
      ["GPL-2.0", "gpl-2.0", spdxText("GPL-2.0-only")],
      ["GPL-3.0", "gpl-3.0", spdxText("GPL-3.0-only")],
      ["AGPL-3.0", "agpl-3.0", spdxText("AGPL-3.0-only")],
      ["LGPL-2.1", "lgpl-2.1", spdxText("LGPL-2.1-only")],
      ["LGPL-3.0", "lgpl-3.0", spdxText("LGPL-3.0-only")],
    ],
    "CC BY, BY-SA, BY-NC, BY-ND, BY-NC-SA, BY-NC-ND; 4.0 and 3.0": [
      ["CC-BY-4.0", "cc-by-4.0", spdxText("CC-BY-4.0")],
      ["CC-BY-SA-4.0", "cc-by-sa-4.0", spdxText("CC-BY-SA-4.0")],
      ["CC-BY-NC-4.0", "cc-by-nc-4.0", spdxText("CC-BY-NC-4.0")],
      ["CC-BY-ND-4.0", "cc-by-nd-4.0", spdxText("CC-BY-ND-4.0")],
      ["CC-BY-NC-SA-4.0", "cc-by-nc-sa-4.0", spdxText("CC-BY-NC-SA-4.0")],
      ["CC-BY-NC-ND-4.0", "cc-by-nc-nd-4.0", spdxText("CC-BY-NC-ND-4.0")],
      ["CC-BY-3.0", "cc-by-3.0", spdxText("CC-BY-3.0")],
      ["CC-BY-SA-3.0", "cc-by-sa-3.0", spdxText("CC-BY-SA-3.0")],
      ["CC-BY-NC-3.0", "cc-by-nc-3.0", spdxText("CC-BY-NC-3.0")],
      ["CC-BY-2.0", "cc-by-2.0", spdxText("CC-BY-2.0")],
      ["CC-BY-2.5", "cc-by-2.5", spdxText("CC-BY-2.5")],
    ],
  };

  for (const [group, members] of Object.entries(groups)) {
    describe(group, () => {
      it.each(members)("%s → %s (reflowed too)", (_name, id, text) => {
        for (const variant of [text, reflow(text), withCopyright(text)]) {
          const m = identifyLicense(variant);
          expect(m?.id).toBe(id);
          expect(m?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
        }
      });
    });
  }

  it("tells CC 4.0 variants apart when only the license body is copied", () => {
    for (const [spdx, id] of [
      ["CC-BY-4.0", "cc-by-4.0"],
      ["CC-BY-SA-4.0", "cc-by-sa-4.0"],
      ["CC-BY-NC-4.0", "cc-by-nc-4.0"],
      ["CC-BY-ND-4.0", "cc-by-nd-4.0"],
    ] as const) {
      const full = spdxText(spdx);
      const body = full.slice(full.indexOf("By exercising the Licensed Rights"), full.indexOf("Creative Commons is not a party"));
      const m = identifyLicense(`## Creative Commons license\n\n${body}`);
      expect(m?.id).toBe(id);
      expect(m?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
    }
  });

  it("does not take MIT-0, 0BSD, X11 or older CC versions for a Hub license", () => {
    expect(identifyLicense(spdxText("MIT-0"))).toMatchObject({ id: "other", spdx: "MIT-0" });
    expect(identifyLicense(spdxText("0BSD"))).toMatchObject({ id: "other", spdx: "0BSD" });
    expect(identifyLicense(spdxText("X11"))).toMatchObject({ id: "other", spdx: "X11" });
    expect(identifyLicense(spdxText("CC-BY-SA-2.0"))).toMatchObject({ id: "cc", spdx: "CC-BY-SA-2.0" });
    expect(identifyLicense(spdxText("BSD-4-Clause"))).toMatchObject({ id: "bsd", spdx: "BSD-4-Clause" });
  });

  it("reads the GPL with or without its 'How to Apply' appendix", () => {
    const gpl = spdxText("GPL-3.0-only");
    const terms = gpl.slice(0, gpl.indexOf("END OF TERMS AND CONDITIONS") + "END OF TERMS AND CONDITIONS".length);
    expect(identifyLicense(terms)).toMatchObject({ id: "gpl-3.0", method: "exact" });
    expect(identifyLicense(gpl)).toMatchObject({ id: "gpl-3.0", method: "exact" });
  });

  it("reads COPYING.LESSER (LGPL-3.0 without the GPL appended)", () => {
    const lgpl = spdxText("LGPL-3.0-only");
    const lesser = lgpl.slice(0, lgpl.indexOf("GNU GENERAL PUBLIC LICENSE\nVersion 3"));
    expect(identifyLicense(lesser)).toMatchObject({ id: "lgpl-3.0", confidence: 1 });
  });
});

describe("identifyLicense: formats, preambles and changes", () => {
  const MIT = spdxText("MIT");
  const APACHE = spdxText("Apache-2.0");
  const mitBody = MIT.slice(MIT.indexOf("Permission is hereby granted"));

  it("reads a markdown MIT (heading, bold, emphasis, links, quotes, comments)", () => {
    const md = [
      "<!-- license file generated by a template -->",
      "# MIT License",
      "",
      "**Copyright (c) 2024 [Jane Doe](https://jane.example.org)**",
      "",
      mitBody
        .replace("Permission is hereby granted", "_Permission_ is hereby **granted**")
        .replace('(the "Software")', "(the “Software”)")
        .replace("The above copyright notice", "> The above copyright notice")
        .replace("WITHOUT WARRANTY OF ANY KIND", "WITHOUT WARRANTY OF ANY KIND — EXPRESS"),
    ].join("\n");
    const m = identifyLicense(md);
    expect(m?.id).toBe("mit");
    expect(m?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
  });

  it("reads an Apache-2.0 with a project preamble before the title", () => {
    const text = [
      "# Example Model",
      "",
      "The code in this repository is released under the Apache License 2.0, reproduced below.",
      "Model weights are released separately; see MODEL_LICENSE.",
      "",
      "---",
      "",
      APACHE,
    ].join("\n");
    const m = identifyLicense(text);
    expect(m?.id).toBe("apache-2.0");
    expect(m?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
  });

  it("reads an Apache-2.0 with its appendix filled in or left out", () => {
    const filled = APACHE.replace("Copyright [yyyy] [name of copyright owner]", "Copyright 2024 Example Labs");
    expect(identifyLicense(filled)).toMatchObject({ id: "apache-2.0" });
    expect(identifyLicense(filled)?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
    expect(identifyLicense(APACHE.slice(0, APACHE.indexOf("APPENDIX")))).toMatchObject({ id: "apache-2.0", method: "exact" });
  });

  it("reads an Apache-2.0 followed by third-party notices", () => {
    const text = `${APACHE.slice(0, APACHE.indexOf("APPENDIX"))}\n\nTHIRD-PARTY NOTICES\n\nThis product bundles lib-x, under the MIT License:\n\n${MIT}`;
    const m = identifyLicense(text);
    expect(m?.id).toBe("apache-2.0");
    expect(m?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
  });

  it("reads '(c) You must retain …' as a clause, not a copyright line", () => {
    const withoutC = APACHE.replace(/\n\s*\(c\) You must retain[^\n]*\n/, "\n");
    expect(withoutC).not.toBe(APACHE);
    const m = identifyLicense(withoutC);
    expect(m?.id).toBe("apache-2.0");
    expect(m?.method).toBe("similarity");
    expect(m?.confidence).toBeLessThan(1);
  });

  it("gives a truncated Apache-2.0 (up to section 4) a lower confidence", () => {
    const truncated = APACHE.slice(0, APACHE.indexOf("5. Submission of Contributions"));
    const m = identifyLicense(truncated);
    // Still recognisably Apache (about 0.82), but no grounds for a mismatch.
    expect(m?.confidence ?? 0).toBeLessThan(CONFIDENT);
    if (m) expect(m.id).toBe("apache-2.0");
  });

  it("keeps a Modified MIT (a sentence restricting commercial use) below CONFIDENT", () => {
    const modified = MIT.replace(
      "The above copyright notice",
      "The Software may not be used for commercial purposes without the prior written permission of the authors.\n\nThe above copyright notice",
    );
    const m = identifyLicense(modified);
    expect(m?.confidence ?? 0).toBeLessThan(CONFIDENT);
  });

  it("keeps an MIT with other added conditions below CONFIDENT", () => {
    const modified = MIT.replace(
      "The above copyright notice",
      "You must not use the Software or its outputs to train other models, and you must display the name of the authors in any product that uses it.\n\nThe above copyright notice",
    );
    const m = identifyLicense(modified);
    expect(m?.id).toBe("mit");
    expect(m?.confidence).toBeLessThan(CONFIDENT);
  });

  it("reads a restriction in a preamble as one, and a permission as none", () => {
    const restricting = identifyLicense(`Not for commercial use.\n\n${APACHE}`);
    expect(restricting?.id).toBe("apache-2.0");
    expect(restricting?.confidence).toBeLessThan(CONFIDENT);
    const permitting = identifyLicense(`This dataset may be used for commercial purposes under the terms below.\n\n${spdxText("CC-BY-4.0")}`);
    expect(permitting?.id).toBe("cc-by-4.0");
    expect(permitting?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
  });

  it("keeps an Apache-2.0 with an added non-commercial clause below CONFIDENT", () => {
    const modified = APACHE.replace(
      "2. Grant of Copyright License.",
      "The Work may be used for non-commercial research purposes only.\n\n2. Grant of Copyright License.",
    );
    expect(identifyLicense(modified)?.confidence ?? 0).toBeLessThan(CONFIDENT);
  });

  it("is not confident about a file holding two licenses (code under one, weights under another)", () => {
    const two = `Code: MIT\n\n${MIT}\n\nModel weights: CC BY-NC 4.0\n\n${spdxText("CC-BY-NC-4.0")}`;
    const m = identifyLicense(two);
    expect(["mit", "cc-by-nc-4.0"]).toContain(m?.id);
    expect(m?.confidence).toBeLessThan(CONFIDENT);
    const ai = `${spdxText("Apache-2.0")}\n\nThe weights:\n\nLLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024\n\n“Llama Materials” means Meta's proprietary Llama 3.1 and Documentation.`;
    const both = identifyLicense(ai);
    expect(["apache-2.0", "llama3.1"]).toContain(both?.id);
    expect(both?.confidence).toBeLessThan(CONFIDENT);
  });

  it("does not report a match for prose, an empty file or a copyright line alone", () => {
    const prose =
      "This model was fine-tuned on a collection of public domain books. It writes short stories " +
      "in the style of nineteenth-century novels. Training took two days on eight GPUs, and we thank " +
      "our sponsors for the compute. Please cite the accompanying paper if you use the model in your work.";
    expect(identifyLicense(prose)).toBeUndefined();
    expect(identifyLicense("")).toBeUndefined();
    expect(identifyLicense("  \n\r\n\t ")).toBeUndefined();
    expect(identifyLicense("Copyright (c) 2024 Jane Doe. All rights reserved.")).toBeUndefined();
    expect(identifyLicense("This project is licensed under the MIT License - see the LICENSE file for details.")).toBeUndefined();
  });
});

describe("identifyLicense: AI licenses by their markers", () => {
  /** Short title and version snippets (not the license texts). */
  const SNIPPETS: readonly (readonly [string, string])[] = [
    ["llama2", "LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023\n\n“Llama Materials” means, collectively, Meta's proprietary Llama 2 and Documentation."],
    ["llama3", "META LLAMA 3 COMMUNITY LICENSE AGREEMENT\n\nMeta Llama 3 Version Release Date: April 18, 2024\n\n“Agreement” means the terms and conditions for use of the Llama Materials."],
    ["llama3.1", " LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\n\n Llama 3.1 Version Release Date: July 23, 2024\n\n“Agreement” means the terms and conditions for use of the Llama Materials."],
    ["llama3.2", "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\n\nLlama 3.2 Version Release Date: September 25, 2024\n"],
    ["llama3.3", "**LLAMA 3.3 COMMUNITY LICENSE AGREEMENT**\n\n Llama 3.3 Version Release Date: December 6, 2024\n"],
    ["llama4", "LLAMA 4 COMMUNITY LICENSE AGREEMENT\n\nLlama 4 Version Effective Date: April 5, 2025\n"],
    ["gemma", "Gemma Terms of Use\n\nLast modified: March 24, 2025\n\nBy using, reproducing, modifying, distributing, performing or displaying any portion or element of Gemma, you agree to the Gemma Prohibited Use Policy."],
    ["bigscience-openrail-m", "BigScience Open RAIL-M License\ndated August 18, 2022\n\nSection I: PREAMBLE"],
    ["bigscience-bloom-rail-1.0", "BigScience RAIL License v1.0\ndated May 19, 2022\n\nThis is a license between you and the participants of BigScience."],
    ["creativeml-openrail-m", "Copyright (c) 2022 Robin Rombach and Patrick Esser and contributors\n\nCreativeML Open RAIL-M\ndated August 22, 2022\n\nSection I: PREAMBLE"],
    ["openrail++", "Copyright (c) 2023 Stability AI CreativeML Open RAIL++-M License dated July 26, 2023\n\nSection I: PREAMBLE"],
    ["bigcode-openrail-m", "BigCode Open RAIL-M v1 License Agreement\n\nSection I: Preamble\n\nThis OpenRAIL-M License Agreement was created under BigCode."],
    ["deepfloyd-if-license", "DEEPFLOYD IF LICENSE AGREEMENT\n\nThis License Agreement is between you and Stability AI Ltd. (“Stability AI” or “we”)."],
    ["apple-amlr", "Disclaimer: IMPORTANT: This Apple Machine Learning Research Model is specifically developed and released by Apple Inc. (\"Apple\") for the sole purpose of scientific research. Use is limited to Research Purposes."],
    ["apple-ascl", "Copyright (C) 2023 Apple Inc. All Rights Reserved.\n\nIMPORTANT:  This Apple software is supplied to you by Apple\nInc. (\"Apple\") in consideration of your agreement to the following terms."],
    ["fair-noncommercial-research-license", "FAIR Noncommercial Research License\n\nLast Updated: October 18th, 2024\n\n“Acceptable Use Policy” means the FAIR Acceptable Use Policy, applicable to Research Materials."],
    ["grok2-community", "Grok 2 Community License Agreement\n\nYou must display “Powered by xAI” on any product that uses the Materials."],
    ["intel-research", "INTEL RESEARCH USE LICENSE AGREEMENT\n\nThe materials are provided for non-commercial research use only."],
    ["h-research", "H Research License\n\nThe model is licensed for research use only."],
    ["openmdw-1.0", "OpenMDW License Agreement, version 1.0 (OpenMDW-1.0)\n\nBy exercising rights granted to you under this agreement, you accept its terms."],
    ["openmdw-1.1", "OpenMDW License Agreement, version 1.1 (OpenMDW-1.1)\n\nBy exercising rights granted to you under this agreement, you accept its terms."],
    // Known licenses without a Hub id.
    ["other", "This License Agreement applies to the Software Products. You must include the attribution notice: “LLaMA is licensed under the LLaMA License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.”"],
    ["other", "NVIDIA Open Model License Agreement\n\nThis agreement governs your use of the Model."],
  ];

  it("has a snippet for every marker license, and every marker names a Hub license", () => {
    const ids = new Set(SNIPPETS.map(([id]) => id));
    for (const m of LICENSE_MARKERS) {
      expect(hubLicense(m.id), m.id).toBeDefined();
      if (m.id !== "openrail") expect(ids.has(m.id), m.id).toBe(true);
    }
  });

  it.each(SNIPPETS)("%s", (id, snippet) => {
    const m = identifyLicense(snippet);
    expect(m).toMatchObject({ id, method: "marker" });
    expect(m?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
  });

  it("tells the Llama versions apart by title and version line", () => {
    const ids = ["llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"];
    const found = SNIPPETS.filter(([id]) => ids.includes(id)).map(([, s]) => identifyLicense(s)?.id);
    expect(found).toEqual(ids);
  });

  it("is less sure of a title further down, and unsure where the version is missing", () => {
    const prose = "This repository holds a fine-tuned model and its training scripts. ".repeat(8);
    const title = identifyLicense(`${prose}\n\nLLAMA 3.1 COMMUNITY LICENSE AGREEMENT\n\nSee the terms below.`);
    expect(title?.id).toBe("llama3.1");
    expect(title?.confidence).toBeLessThan(CONFIDENT);
    const withVersion = identifyLicense(`${prose}\n\nLLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024`);
    expect(withVersion?.confidence).toBeGreaterThanOrEqual(CONFIDENT);
    const family = identifyLicense("OpenMDW License Agreement\n\nBy exercising rights granted to you under this agreement, you accept its terms.");
    expect(family?.confidence).toBeLessThan(CONFIDENT);
    const rail = identifyLicense("Open RAIL-M License\n\nYou agree not to use the Model for the restricted uses in Attachment A.");
    expect(rail).toMatchObject({ id: "openrail", method: "marker" });
  });

  it("does not take an MIT that mentions a Llama license for the Llama license", () => {
    const mit = `${spdxText("MIT")}\n\nThe model weights are not covered: they remain under the Llama 3.1 Community License Agreement.`;
    expect(identifyLicense(mit)?.id).toBe("mit");
  });
});

// Speed is measured by the benchmarks, not asserted here; these tests check the answers on large and hostile input.
describe("identifyLicense: large and hostile input", () => {
  it("reads 100 KB of licenses mixed with prose without calling it one license with confidence", () => {
    const filler = "The model card describes training data, evaluation and intended uses in some detail. ".repeat(40);
    const text = `${spdxText("Apache-2.0")}\n\n${filler}\n\n${spdxText("GPL-3.0-only")}\n\n${filler}`.repeat(3).slice(0, 100 * 1024);
    expect(identifyLicense(text)?.confidence ?? 0).toBeLessThan(CONFIDENT);
    const words = Array.from({ length: 20000 }, (_, i) => `w${(i * 7919) % 6007}`).join(" ").slice(0, 100 * 1024);
    expect(identifyLicense(words)).toBeUndefined();
  });

  it("recognises nothing in pathological markdown and HTML", () => {
    for (const text of ["[".repeat(100_000), "[a](".repeat(30_000), "<!--".repeat(30_000), "<a ".repeat(40_000)]) {
      expect(identifyLicense(text)).toBeUndefined();
    }
  });
});

describe("identifyLicense: real LICENSE files (test/fixtures/licenses)", () => {
  const dir = join(import.meta.dirname, "fixtures", "licenses");
  const manifest = join(dir, "licensee.json");
  type Entry = { file: string; expected: string | null };

  /** licensee.json: an array of { path|file, expected }, or an object keyed by file. */
  function entries(): Entry[] {
    const raw = JSON.parse(readFileSync(manifest, "utf8")) as unknown;
    const list: Entry[] = [];
    const add = (file: unknown, value: unknown) => {
      const expected = (value as { expected?: unknown } | null)?.expected;
      if (typeof file === "string" && (typeof expected === "string" || expected === null)) list.push({ file, expected });
    };
    const items = Array.isArray(raw) ? raw : ((raw as { files?: unknown }).files ?? raw);
    if (Array.isArray(items)) for (const e of items) add((e as { path?: unknown; file?: unknown }).path ?? (e as { file?: unknown }).file, e);
    else if (items && typeof items === "object") for (const [file, e] of Object.entries(items)) add(file, e);
    return list;
  }

  /** A fixture is a file, or a folder holding one LICENSE file. */
  function fixturePath(file: string): string {
    const path = join(dir, file);
    if (!statSync(path).isDirectory()) return path;
    const inside = readdirSync(path).filter((f) => !f.startsWith("."));
    const license = inside.find((f) => /^(?:licen[cs]e|copying)/i.test(f)) ?? inside[0];
    return join(path, license ?? "LICENSE");
  }

  // The manifest is part of the repository: a missing one is a failure, never a silent skip.
  it("identifies every fixture as licensee.json expects", () => {
    expect(existsSync(manifest), `${manifest} is missing: the real LICENSE fixtures cannot be checked`).toBe(true);
    const list = entries();
    expect(list.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const { file, expected } of list) {
      const m = identifyLicense(readFileSync(fixturePath(file), "utf8"));
      const confident = m !== undefined && m.confidence >= CONFIDENT;
      if (expected === null ? confident : !(confident && m?.id === expected)) {
        wrong.push(`${file}: expected ${expected ?? "no confident match"}, got ${JSON.stringify(m)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
