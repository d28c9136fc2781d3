/**
 * Base-model licenses that ask whoever distributes the model, or a model
 * derived from it, to pass the terms on: a copy of the license with the
 * files, and for some a notice in a "Notice" text file. Each entry quotes
 * the license's own clause; the texts are in test/fixtures/licenses (with
 * their sources in SOURCES.md) and at `text`.
 */
export interface PassOnTerms {
  /** The Hub license id, or `llama1` for the original LLaMA license, which has none. */
  readonly license: string;
  /** "the Llama 2 Community License". */
  readonly name: string;
  /** What the license asks of a distributor, with its clause: completes "…, whose …". */
  readonly asks: string;
  /** The notice the license asks for, word for word. */
  readonly notice?: string;
  /** Where the license's text can be read and copied. */
  readonly text: string;
  /** Whether a card's text already speaks of these terms. */
  readonly named: (text: string) => boolean;
}

const META_NOTICE = "Copyright © Meta Platforms, Inc. All Rights Reserved.";
/**
 * Whether `after` occurs within `window` characters after a match of `word`
 * on the same line: two linear scans, where one pattern with a gap between
 * the words would backtrack.
 */
function near(text: string, word: RegExp, after: RegExp, window: number): boolean {
  const global = new RegExp(word.source, word.flags.includes("g") ? word.flags : `${word.flags}g`);
  for (const match of text.matchAll(global)) {
    const start = match.index + match[0].length;
    const line = text.slice(start, start + window).split("\n", 1)[0] ?? "";
    if (after.test(line)) return true;
  }
  return false;
}

/** A link to one of Meta's Llama licenses: github.com/meta-llama/llama…/blob/…/LICENSE, llama.com/…/license … */
function llamaLicenseLink(text: string): boolean {
  return text.split(/\s+/).some((token) => {
    const t = token.toLowerCase();
    const host = t.includes("github.com/meta-llama/llama") || t.includes("llama.com/") || t.includes("llama.meta.com/") || t.includes("ai.meta.com/llama");
    return host && (t.includes("license") || t.includes("licence"));
  });
}

/** "the Llama 2 Community License", "Meta's LLaMA license agreement", or a link to a Llama license. */
const LLAMA_NAMED = (text: string) => llamaLicenseLink(text) || near(text, /\bllama\b/i, /\b(?:licen[cs]e|agreement)\b/i, 60);

function laterLlama(license: string, version: string, folder: string): PassOnTerms {
  return {
    license,
    name: `the Llama ${version} Community License`,
    asks: `section 1.b.i asks whoever distributes Llama ${version} or a model derived from it to provide a copy of the agreement with it, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy`,
    notice: `Llama ${version} is licensed under the Llama ${version} Community License, ${META_NOTICE}`,
    text: `https://github.com/meta-llama/llama-models/blob/main/models/${folder}/LICENSE`,
    named: LLAMA_NAMED,
  };
}

const OPENRAIL_ASKS =
  "paragraph 4 asks whoever distributes the model or a derivative of it to give recipients a copy of the license and to include its use-based restrictions (paragraph 5) as an enforceable provision";
const OPENRAIL_NAMED = (text: string) => /open\s?rail|creativeml|use-based restrictions/i.test(text);

export const PASS_ON_TERMS: ReadonlyMap<string, PassOnTerms> = new Map(
  [
    {
      license: "llama1",
      name: "the LLaMA license (Meta's license for the original LLaMA weights, non-commercial research use only)",
      asks: "ATTRIBUTION section asks that every copy of LLaMA, or of a work derived from it, be distributed with a copy of the license and this notice",
      notice: "LLaMA is licensed under the LLaMA License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.",
      text: "https://github.com/meta-llama/llama/blob/cebd3de49c7f0779303506882d21d18a04b38d66/LICENSE_WEIGHTS",
      named: (text: string) => /non-?commercial/i.test(text) || near(text, /\bllama\b/i, /\blicen[cs]e\b/i, 60),
    },
    {
      license: "llama2",
      name: "the Llama 2 Community License",
      asks: "section 1.b.i asks whoever distributes Llama 2 or a model derived from it to provide a copy of the agreement to the recipient, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy",
      notice: "Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.",
      text: "https://github.com/meta-llama/llama/blob/main/LICENSE",
      named: LLAMA_NAMED,
    },
    {
      license: "llama3",
      name: "the Meta Llama 3 Community License",
      asks: "section 1.b.i asks whoever distributes Llama 3 or a model derived from it to provide a copy of the agreement with it, and section 1.b.iii to keep this notice in a “Notice” text file distributed with every copy",
      notice: `Meta Llama 3 is licensed under the Meta Llama 3 Community License, ${META_NOTICE}`,
      text: "https://github.com/meta-llama/llama3/blob/main/LICENSE",
      named: LLAMA_NAMED,
    },
    laterLlama("llama3.1", "3.1", "llama3_1"),
    laterLlama("llama3.2", "3.2", "llama3_2"),
    laterLlama("llama3.3", "3.3", "llama3_3"),
    laterLlama("llama4", "4", "llama4"),
    {
      license: "gemma",
      name: "the Gemma Terms of Use",
      asks: "section 3.1 asks whoever distributes Gemma or a model derivative to give every recipient a copy of the terms, to pass on their use restrictions (section 3.2) as an enforceable provision, and to include a “Notice” text file with this notice",
      notice: "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms",
      text: "https://ai.google.dev/gemma/terms",
      named: (text: string) => /gemma\s+terms|ai\.google\.dev\/gemma\/terms/i.test(text) || near(text, /gemma/i, /licen[cs]e/i, 40),
    },
    {
      license: "creativeml-openrail-m",
      name: "the CreativeML OpenRAIL-M license",
      asks: OPENRAIL_ASKS,
      text: "https://github.com/CompVis/stable-diffusion/blob/main/LICENSE",
      named: OPENRAIL_NAMED,
    },
    {
      license: "openrail++",
      name: "the CreativeML OpenRAIL++-M license",
      asks: OPENRAIL_ASKS,
      text: "https://github.com/Stability-AI/stablediffusion/blob/main/LICENSE-MODEL",
      named: OPENRAIL_NAMED,
    },
  ].map((t) => [t.license, t]),
);
