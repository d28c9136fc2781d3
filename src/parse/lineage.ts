/**
 * A model's ancestry on the Hub: its base models, their base models, and so
 * on up to a depth bound, with each ancestor's declared licenses.
 */
import type { HubClient, HubRepoInfo } from "../core/hub.js";

export const MAX_LINEAGE_DEPTH = 4;

export interface Ancestor {
  readonly info: HubRepoInfo;
  /** The ids from the card's base model to this ancestor (the card's base first). */
  readonly path: readonly string[];
}

/** Ancestors reachable from `bases`, breadth first, each once; lookups the Hub cannot answer are skipped. */
export async function lineage(hub: HubClient, bases: readonly string[]): Promise<Ancestor[]> {
  const out: Ancestor[] = [];
  const seen = new Set<string>();
  let frontier: { id: string; path: string[] }[] = bases.map((id) => ({ id, path: [id] }));
  for (let depth = 0; depth < MAX_LINEAGE_DEPTH && frontier.length > 0; depth++) {
    const next: { id: string; path: string[] }[] = [];
    const found = await Promise.all(
      frontier
        .filter(({ id }) => !seen.has(id.toLowerCase()))
        .map(async (node) => {
          seen.add(node.id.toLowerCase());
          return { node, result: await hub.lookup("model", node.id) };
        }),
    );
    for (const { node, result } of found) {
      if (result.status !== "found") continue;
      out.push({ info: result.info, path: node.path });
      for (const parent of result.info.baseModels) next.push({ id: parent, path: [...node.path, parent] });
    }
    frontier = next;
  }
  return out;
}

/**
 * What a base model's id says about its family and license, without the
 * Hub. Only names that make the family and the version certain count: the
 * repository name (after the owner) must begin with the family's own model
 * name and version, as Meta, Google, Mistral AI and Stability AI name their
 * releases and as re-uploads keep them (`unsloth/gemma-2-9b-bnb-4bit`).
 * A name that merely contains "llama" (TinyLlama, llama.cpp, vicuna) says
 * nothing about Meta's licenses; nor does an unversioned `llama-7b`.
 */
export interface NamedFamily {
  /** The family as people say it: "Gemma 2", "Llama 3.1", "Stable Diffusion 1.x". */
  readonly family: string;
  /** The Hub license id that family is released under (`other` for a license without one). */
  readonly license: string;
  /** The license's name, for the message: "the Gemma Terms of Use". */
  readonly terms: string;
  /** For `license: other`: the `license_name` and `license_link` the family's own cards use. */
  readonly licenseName?: string;
  readonly licenseLink?: string;
  /** The id whose row of the compatibility table judges a derivative (the license itself, or a stand-in). */
  readonly judgeAs: string;
}

interface FamilyPattern {
  readonly pattern: RegExp;
  readonly family: NamedFamily;
}

const LLAMA = (family: string, license: string, terms: string): NamedFamily => ({ family, license, terms, judgeAs: license });
const LLAMA2 = LLAMA("Llama 2", "llama2", "the Llama 2 Community License");
const LLAMA3 = LLAMA("Llama 3", "llama3", "the Meta Llama 3 Community License");
const LLAMA31 = LLAMA("Llama 3.1", "llama3.1", "the Llama 3.1 Community License");
const LLAMA32 = LLAMA("Llama 3.2", "llama3.2", "the Llama 3.2 Community License");
const LLAMA33 = LLAMA("Llama 3.3", "llama3.3", "the Llama 3.3 Community License");
const LLAMA4 = LLAMA("Llama 4", "llama4", "the Llama 4 Community License");
const GEMMA = (family: string): NamedFamily => ({ family, license: "gemma", terms: "the Gemma Terms of Use", judgeAs: "gemma" });
/** Mistral's research and non-production licenses have no Hub id; their cards say `other` with these names. */
const MRL = (family: string): NamedFamily => ({
  family,
  license: "other",
  terms: "the Mistral AI Research License",
  licenseName: "mrl",
  licenseLink: "https://mistral.ai/licenses/MRL-0.1.md",
  // Research use only, binding derivatives: judged like the non-commercial licenses.
  judgeAs: "cc-by-nc-4.0",
});
const MNPL = (family: string): NamedFamily => ({
  family,
  license: "other",
  terms: "the Mistral AI Non-Production License",
  licenseName: "mnpl",
  licenseLink: "https://mistral.ai/licences/MNPL-0.1.md",
  judgeAs: "cc-by-nc-4.0",
});

/** After the version: a separator or the end, so `llama-2b` (a size) is not Llama 2. */
const END = "(?=[-_ ]|$)";

/** Tried in order; the first match wins. Patterns see the repository name, lower-cased. */
const FAMILIES: readonly FamilyPattern[] = [
  // Llama Guard, named by its own version (Meta's model cards give each one's license).
  { pattern: new RegExp(`^llamaguard-7b${END}`), family: { ...LLAMA2, family: "Llama Guard (Llama 2)" } },
  { pattern: new RegExp(`^meta-llama-guard-2-8b${END}`), family: { ...LLAMA3, family: "Llama Guard 2 (Llama 3)" } },
  { pattern: new RegExp(`^llama-guard-3-8b${END}`), family: { ...LLAMA31, family: "Llama Guard 3 (Llama 3.1)" } },
  { pattern: new RegExp(`^llama-guard-3-(1b|11b-vision)${END}`), family: { ...LLAMA32, family: "Llama Guard 3 (Llama 3.2)" } },
  { pattern: new RegExp(`^llama-guard-4-12b${END}`), family: { ...LLAMA4, family: "Llama Guard 4 (Llama 4)" } },
  // Code Llama was released under the Llama 2 Community License.
  { pattern: /^codellama-\d+b/, family: { ...LLAMA2, family: "Code Llama (Llama 2)" } },
  { pattern: new RegExp(`^(meta-)?llama-?3\\.1${END}`), family: LLAMA31 },
  { pattern: new RegExp(`^(meta-)?llama-?3\\.2${END}`), family: LLAMA32 },
  { pattern: new RegExp(`^(meta-)?llama-?3\\.3${END}`), family: LLAMA33 },
  { pattern: new RegExp(`^(meta-)?llama-?3${END}`), family: LLAMA3 },
  { pattern: new RegExp(`^(meta-)?llama-?4${END}`), family: LLAMA4 },
  { pattern: new RegExp(`^(meta-)?llama-?2${END}`), family: LLAMA2 },
  // Gemma: `gemma-2b` and `gemma-7b` are Gemma 1 sizes, `gemma-2-9b` is Gemma 2.
  { pattern: new RegExp(`^gemma-(2b|7b)${END}`), family: GEMMA("Gemma") },
  { pattern: new RegExp(`^gemma-1\\.1-(2b|7b)${END}`), family: GEMMA("Gemma 1.1") },
  { pattern: new RegExp(`^gemma-?2${END}`), family: GEMMA("Gemma 2") },
  { pattern: new RegExp(`^gemma-?3n${END}`), family: GEMMA("Gemma 3n") },
  { pattern: new RegExp(`^gemma-?3${END}`), family: GEMMA("Gemma 3") },
  // Gemma 4 cards carry apache-2.0 (docs/spec-drift: thesysdev/openui#1163).
  { pattern: new RegExp(`^gemma-?4${END}`), family: { family: "Gemma 4", license: "apache-2.0", terms: "the Apache License 2.0", judgeAs: "apache-2.0" } },
  // Mistral AI's models page lists these under the MRL and MNPL; each one's Hub card says the same.
  { pattern: new RegExp(`^mistral-large-instruct-(2407|2411)${END}`), family: MRL("Mistral Large") },
  { pattern: new RegExp(`^pixtral-large-instruct-2411${END}`), family: MRL("Pixtral Large") },
  { pattern: new RegExp(`^ministral-8b-instruct-2410${END}`), family: MRL("Ministral 8B") },
  { pattern: new RegExp(`^mistral-small-instruct-2409${END}`), family: MRL("Mistral Small (2409)") },
  { pattern: new RegExp(`^codestral-22b-v0\\.1${END}`), family: MNPL("Codestral 22B") },
  // Stable Diffusion: 1.x under CreativeML OpenRAIL-M; 2.x and SDXL 1.0 under OpenRAIL++-M.
  {
    pattern: new RegExp(`^stable-diffusion-(v-?1-[1-5]|inpainting)${END}`),
    family: { family: "Stable Diffusion 1.x", license: "creativeml-openrail-m", terms: "the CreativeML OpenRAIL-M license", judgeAs: "creativeml-openrail-m" },
  },
  {
    pattern: new RegExp(`^stable-diffusion-2(-1)?(-base|-inpainting|-depth)?${END}`),
    family: { family: "Stable Diffusion 2", license: "openrail++", terms: "the CreativeML OpenRAIL++-M license", judgeAs: "openrail++" },
  },
  {
    pattern: new RegExp(`^stable-diffusion-xl-(base|refiner)-1\\.0${END}`),
    family: { family: "Stable Diffusion XL 1.0", license: "openrail++", terms: "the CreativeML OpenRAIL++-M license", judgeAs: "openrail++" },
  },
];

/** The family a base model's id names, when its name makes family and version certain. */
export function familyFromName(id: string): NamedFamily | undefined {
  const name = (id.split("/").pop() ?? "").toLowerCase();
  if (name === "") return undefined;
  return FAMILIES.find((f) => f.pattern.test(name))?.family;
}

/** Ancestors, or for each base the Hub could not answer (or no Hub), what its name says. */
export interface NameInference {
  readonly id: string;
  readonly named: NamedFamily;
}

/**
 * Bases whose license only their name can tell: every base when there is no
 * Hub, and otherwise the bases the Hub gave no license for (not found, not
 * reachable, or no license declared). A base the Hub found with a declared
 * license is judged by that license, never by its name.
 */
export function namedBases(bases: readonly string[], answered: readonly Ancestor[] | undefined): NameInference[] {
  // A base the Hub found with a declared license is judged by that license; one it found without any, by its name.
  const found = new Set((answered ?? []).filter((a) => a.path.length === 1 && a.info.licenses.length > 0).map((a) => a.path[0]?.toLowerCase()));
  return bases.flatMap((id) => {
    if (found.has(id.toLowerCase())) return [];
    const named = familyFromName(id);
    return named ? [{ id, named }] : [];
  });
}
