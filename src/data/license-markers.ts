/**
 * Facts that identify the Hub's AI licenses that have no SPDX text: their
 * titles, their version lines and a few defined terms. Only short phrases,
 * never the license texts. `src/parse/license-text.ts` normalises each phrase
 * the way it normalises a LICENSE file (lower case, words only), so write them
 * as they appear in the license.
 *
 * Sources: the license files on the Hub linked from `hf-licenses.ts` notes, and
 * the Llama LICENSE files in `test/fixtures/licenses/` (title and version line).
 */

export interface LicenseMarker {
  /** The Hub license id (`hf-licenses.ts`). */
  readonly id: string;
  /** The license's own title; any one names the license. */
  readonly titles: readonly string[];
  /** A version line that names the license by itself ("Llama 3.1 Version Release Date"). */
  readonly versions?: readonly string[];
  /** A date line that confirms the version when a title is present ("dated August 22, 2022"). */
  readonly dated?: readonly string[];
  /** Distinctive defined terms that confirm a title ("Gemma Prohibited Use Policy"). */
  readonly terms?: readonly string[];
}

export const LICENSE_MARKERS: readonly LicenseMarker[] = [
  // Meta Llama: the title and the version line carry the version.
  {
    id: "llama2",
    titles: ["Llama 2 Community License Agreement"],
    versions: ["Llama 2 Version Release Date"],
    dated: ["July 18, 2023"],
    terms: ["Llama Materials"],
  },
  {
    id: "llama3",
    titles: ["Meta Llama 3 Community License Agreement"],
    versions: ["Meta Llama 3 Version Release Date"],
    dated: ["April 18, 2024"],
    terms: ["Llama Materials", "Built with Meta Llama 3"],
  },
  {
    id: "llama3.1",
    titles: ["Llama 3.1 Community License Agreement"],
    versions: ["Llama 3.1 Version Release Date"],
    dated: ["July 23, 2024"],
    terms: ["Llama Materials"],
  },
  {
    id: "llama3.2",
    titles: ["Llama 3.2 Community License Agreement"],
    versions: ["Llama 3.2 Version Release Date"],
    dated: ["September 25, 2024"],
    terms: ["Llama Materials"],
  },
  {
    id: "llama3.3",
    titles: ["Llama 3.3 Community License Agreement"],
    versions: ["Llama 3.3 Version Release Date"],
    dated: ["December 6, 2024"],
    terms: ["Llama Materials"],
  },
  {
    id: "llama4",
    titles: ["Llama 4 Community License Agreement"],
    versions: ["Llama 4 Version Effective Date"],
    dated: ["April 5, 2025"],
    terms: ["Llama Materials"],
  },
  // Google Gemma.
  {
    id: "gemma",
    titles: ["Gemma Terms of Use"],
    terms: ["Gemma Prohibited Use Policy", "Gemma Services", "ai.google.dev/gemma/terms"],
  },
  // Responsible AI Licenses (RAIL). The specific ones before the family.
  {
    id: "bigscience-bloom-rail-1.0",
    titles: ["BigScience RAIL License v1.0"],
    dated: ["dated May 19, 2022"],
  },
  {
    id: "bigscience-openrail-m",
    titles: ["BigScience Open RAIL-M License"],
    dated: ["dated August 18, 2022"],
  },
  {
    id: "creativeml-openrail-m",
    titles: ["CreativeML Open RAIL-M"],
    dated: ["dated August 22, 2022"],
  },
  {
    id: "openrail++",
    titles: ["CreativeML Open RAIL++-M License", "Open RAIL++-M License"],
    // Stable Diffusion 2 (2022) and SDXL (2023) revisions.
    dated: ["dated November 24, 2022", "dated July 26, 2023"],
  },
  {
    id: "bigcode-openrail-m",
    titles: ["BigCode Open RAIL-M v1 License Agreement", "BigCode OpenRAIL-M v1"],
    terms: ["OpenRAIL-M License Agreement was created under BigCode"],
  },
  {
    // The family, when no variant above is named.
    id: "openrail",
    titles: ["Open RAIL-M License", "OpenRAIL-M License", "Open RAIL-S License", "OpenRAIL-S License", "Open RAIL-A License", "OpenRAIL License"],
  },
  // Other vendor model licenses.
  {
    id: "deepfloyd-if-license",
    titles: ["DeepFloyd IF License Agreement", "DeepFloyd IF Research License Agreement", "DeepFloyd License Agreement"],
    terms: ["Stability AI Ltd"],
  },
  {
    id: "apple-amlr",
    titles: ["Apple Machine Learning Research Model License Agreement", "Apple Model License for Research"],
    // The opening sentence, which names the license by itself.
    versions: ["This Apple Machine Learning Research Model is specifically developed and released by Apple Inc."],
    terms: ["Model Derivatives", "Research Purposes"],
  },
  {
    id: "apple-ascl",
    titles: ["Apple Sample Code License"],
    // The opening sentence of Apple's sample-code terms names Apple by itself.
    versions: ["This Apple software is supplied to you by Apple Inc."],
    terms: ["Apple Software"],
  },
  {
    id: "fair-noncommercial-research-license",
    titles: ["FAIR Noncommercial Research License"],
    terms: ["Research Materials", "FAIR Acceptable Use Policy"],
  },
  {
    id: "grok2-community",
    titles: ["Grok 2 Community License Agreement"],
    terms: ["Powered by xAI"],
  },
  {
    id: "intel-research",
    titles: ["Intel Research Use License Agreement", "Intel Research Use License"],
  },
  {
    id: "h-research",
    titles: ["H Research License"],
  },
  // OpenMDW: both revisions share the title; the version line tells them apart.
  {
    id: "openmdw-1.0",
    titles: ["OpenMDW License Agreement", "Open Model, Data & Weights License Agreement"],
    versions: ["OpenMDW License Agreement, version 1.0", "OpenMDW-1.0"],
  },
  {
    id: "openmdw-1.1",
    titles: ["OpenMDW License Agreement", "Open Model, Data & Weights License Agreement"],
    versions: ["OpenMDW License Agreement, version 1.1", "OpenMDW-1.1"],
  },
  // Known AI licenses the Hub has no id for: `other` (with `license_name`/`license_link`).
  {
    id: "other",
    titles: [],
    // LLaMA (1) weights: the attribution notice it requires names it.
    versions: ["LLaMA is licensed under the LLaMA License"],
    terms: ["Software Products", "non-commercial research purposes"],
  },
  {
    id: "other",
    titles: [
      "Qwen License Agreement",
      "Qwen Research License Agreement",
      "Tongyi Qianwen License Agreement",
      "DeepSeek License Agreement",
      "NVIDIA Open Model License Agreement",
      "Mistral AI Research License",
      "Mistral AI Non-Production License",
      "TII Falcon License",
      "Falcon 2 11B TII License",
      "Tencent Hunyuan Community License Agreement",
      "Stability AI Community License Agreement",
      "Stability AI Non-Commercial Research Community License Agreement",
    ],
  },
];
