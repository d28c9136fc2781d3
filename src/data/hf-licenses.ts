/**
 * The Hub's license ids (83), from hub-docs `docs/hub/repositories-licenses.md` at
 * 242f4a1e (2026-08-22), with the closest SPDX id and notes on openness (Model
 * Openness Tool rule applied to the SPDX id). Source: shared/reference/data/hf-licenses.tsv.
 * Generated once from that file; edit both together. Two changes are newer than
 * that file (shared/reference/spec-drift-2026-12.md §1.3): `openmdw-1.0` has the
 * SPDX id OpenMDW-1.0 (spdx/license-list-XML PR #2929, in spdx-license-list
 * 6.12.0), and `openmdw-1.1` is open like 1.0 (it changes only the patent
 * clause; ScanCode files it Permissive).
 */

export interface HubLicense {
  readonly id: string;
  readonly name: string;
  /** Closest SPDX id, when there is one. */
  readonly spdx?: string;
  /** A family id without version (`openrail`, `bsd`, `cc`, `gpl`, `lgpl`, `gfdl`). */
  readonly umbrella: boolean;
  /** Open by the Model Openness Framework's test (OSI, FSF, open data or OpenMDW). */
  readonly open: boolean | undefined;
  readonly notes: string;
}

export const HUB_LICENSES: readonly HubLicense[] = [
  { id: "apache-2.0", name: "Apache license 2.0", spdx: "Apache-2.0", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "mit", name: "MIT", spdx: "MIT", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "openrail", name: "OpenRAIL license family", umbrella: true, open: false, notes: "UMBRELLA; RAIL family umbrella (responsible-AI license with use-based restrictions); not OSI; version ambiguous; MOT-NOT-open(no SPDX id); info: https://huggingface.co/blog/open_rail" },
  { id: "bigscience-openrail-m", name: "BigScience OpenRAIL-M", umbrella: false, open: false, notes: "RAIL: use-based restrictions (Attachment A); not OSI/FSF; MOT-NOT-open(no SPDX id); info: https://bigscience.huggingface.co/blog/bigscience-openrail-m" },
  { id: "creativeml-openrail-m", name: "CreativeML OpenRAIL-M", umbrella: false, open: false, notes: "RAIL (Stable Diffusion v1 family): use-based restrictions; not OSI; MOT-NOT-open(no SPDX id); info: https://huggingface.co/spaces/CompVis/stable-diffusion-license" },
  { id: "bigscience-bloom-rail-1.0", name: "BigScience BLOOM RAIL 1.0", umbrella: false, open: false, notes: "RAIL (BLOOM): use-based restrictions; not OSI; MOT-NOT-open(no SPDX id); info: https://bigscience.huggingface.co/blog/the-bigscience-rail-license; license: https://huggingface.co/spaces/bigscience/license" },
  { id: "bigcode-openrail-m", name: "BigCode Open RAIL-M v1", umbrella: false, open: false, notes: "RAIL (StarCoder): use-based restrictions; not OSI; MOT-NOT-open(no SPDX id); info: https://www.bigcode-project.org/docs/pages/bigcode-openrail" },
  { id: "afl-3.0", name: "Academic Free License v3.0", spdx: "AFL-3.0", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "artistic-2.0", name: "Artistic license 2.0", spdx: "Artistic-2.0", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "bsl-1.0", name: "Boost Software License 1.0", spdx: "BSL-1.0", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "bsd", name: "BSD license family", umbrella: true, open: false, notes: "UMBRELLA; family umbrella; exact clause count unknown -> ask for bsd-2-clause/bsd-3-clause; MOT-NOT-open(no SPDX id)" },
  { id: "bsd-2-clause", name: "BSD 2-clause \"Simplified\" license", spdx: "BSD-2-Clause", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "bsd-3-clause", name: "BSD 3-clause \"New\" or \"Revised\" license", spdx: "BSD-3-Clause", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "bsd-3-clause-clear", name: "BSD 3-clause Clear license", spdx: "BSD-3-Clause-Clear", umbrella: false, open: true, notes: "no patent grant; MOT-open(FSF)" },
  { id: "c-uda", name: "Computational Use of Data Agreement", spdx: "C-UDA-1.0", umbrella: false, open: false, notes: "data agreement; computational use only; MOT-NOT-open" },
  { id: "cc", name: "Creative Commons license family", umbrella: true, open: false, notes: "UMBRELLA; Creative Commons family umbrella; variant (BY/SA/NC/ND) unknown -> ask for exact id; MOT-NOT-open(no SPDX id)" },
  { id: "cc0-1.0", name: "Creative Commons Zero v1.0 Universal", spdx: "CC0-1.0", umbrella: false, open: true, notes: "public-domain dedication; MOT-open(FSF+MOT-open-data)" },
  { id: "cc-by-2.0", name: "Creative Commons Attribution 2.0", spdx: "CC-BY-2.0", umbrella: false, open: true, notes: "MOT-open(MOT-open-data)" },
  { id: "cc-by-2.5", name: "Creative Commons Attribution 2.5", spdx: "CC-BY-2.5", umbrella: false, open: true, notes: "MOT-open(MOT-open-data)" },
  { id: "cc-by-3.0", name: "Creative Commons Attribution 3.0", spdx: "CC-BY-3.0", umbrella: false, open: true, notes: "MOT-open(MOT-open-data)" },
  { id: "cc-by-4.0", name: "Creative Commons Attribution 4.0", spdx: "CC-BY-4.0", umbrella: false, open: true, notes: "MOT-open(FSF+MOT-open-data)" },
  { id: "cc-by-sa-3.0", name: "Creative Commons Attribution Share Alike 3.0", spdx: "CC-BY-SA-3.0", umbrella: false, open: true, notes: "share-alike; MOT-open(MOT-open-data)" },
  { id: "cc-by-sa-4.0", name: "Creative Commons Attribution Share Alike 4.0", spdx: "CC-BY-SA-4.0", umbrella: false, open: true, notes: "share-alike; MOT-open(FSF+MOT-open-data)" },
  { id: "cc-by-nc-2.0", name: "Creative Commons Attribution Non Commercial 2.0", spdx: "CC-BY-NC-2.0", umbrella: false, open: false, notes: "non-commercial; MOT-NOT-open" },
  { id: "cc-by-nc-3.0", name: "Creative Commons Attribution Non Commercial 3.0", spdx: "CC-BY-NC-3.0", umbrella: false, open: false, notes: "non-commercial; MOT-NOT-open" },
  { id: "cc-by-nc-4.0", name: "Creative Commons Attribution Non Commercial 4.0", spdx: "CC-BY-NC-4.0", umbrella: false, open: false, notes: "non-commercial; MOT-NOT-open" },
  { id: "cc-by-nd-4.0", name: "Creative Commons Attribution No Derivatives 4.0", spdx: "CC-BY-ND-4.0", umbrella: false, open: false, notes: "no-derivatives (fine-tunes problematic); MOT-NOT-open" },
  { id: "cc-by-nc-nd-3.0", name: "Creative Commons Attribution Non Commercial No Derivatives 3.0", spdx: "CC-BY-NC-ND-3.0", umbrella: false, open: false, notes: "non-commercial + no-derivatives; MOT-NOT-open" },
  { id: "cc-by-nc-nd-4.0", name: "Creative Commons Attribution Non Commercial No Derivatives 4.0", spdx: "CC-BY-NC-ND-4.0", umbrella: false, open: false, notes: "non-commercial + no-derivatives; MOT-NOT-open" },
  { id: "cc-by-nc-sa-2.0", name: "Creative Commons Attribution Non Commercial Share Alike 2.0", spdx: "CC-BY-NC-SA-2.0", umbrella: false, open: false, notes: "non-commercial + share-alike; MOT-NOT-open" },
  { id: "cc-by-nc-sa-3.0", name: "Creative Commons Attribution Non Commercial Share Alike 3.0", spdx: "CC-BY-NC-SA-3.0", umbrella: false, open: false, notes: "non-commercial + share-alike; MOT-NOT-open" },
  { id: "cc-by-nc-sa-4.0", name: "Creative Commons Attribution Non Commercial Share Alike 4.0", spdx: "CC-BY-NC-SA-4.0", umbrella: false, open: false, notes: "non-commercial + share-alike; MOT-NOT-open" },
  { id: "cdla-sharing-1.0", name: "Community Data License Agreement \u2013 Sharing, Version 1.0", spdx: "CDLA-Sharing-1.0", umbrella: false, open: true, notes: "data license, copyleft-style; MOT-open(MOT-open-data)" },
  { id: "cdla-permissive-1.0", name: "Community Data License Agreement \u2013 Permissive, Version 1.0", spdx: "CDLA-Permissive-1.0", umbrella: false, open: true, notes: "data license; MOT-open(MOT-open-data)" },
  { id: "cdla-permissive-2.0", name: "Community Data License Agreement \u2013 Permissive, Version 2.0", spdx: "CDLA-Permissive-2.0", umbrella: false, open: true, notes: "data license; MOT-open(MOT-open-data)" },
  { id: "wtfpl", name: "Do What The F*ck You Want To Public License", spdx: "WTFPL", umbrella: false, open: true, notes: "MOT-open(FSF)" },
  { id: "ecl-2.0", name: "Educational Community License v2.0", spdx: "ECL-2.0", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "epl-1.0", name: "Eclipse Public License 1.0", spdx: "EPL-1.0", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "epl-2.0", name: "Eclipse Public License 2.0", spdx: "EPL-2.0", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "etalab-2.0", name: "Etalab Open License 2.0", spdx: "etalab-2.0", umbrella: false, open: false, notes: "SPDX id is lowercase \"etalab-2.0\"; open-government licence (CC-BY-like) [gk]; MOT-NOT-open as computed (not OSI/FSF, not in MOT OPEN_DATA list)" },
  { id: "eupl-1.1", name: "European Union Public License 1.1", spdx: "EUPL-1.1", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "eupl-1.2", name: "European Union Public License 1.2", spdx: "EUPL-1.2", umbrella: false, open: true, notes: "missing from @huggingface/hub License TS type; MOT-open(OSI+FSF)" },
  { id: "agpl-3.0", name: "GNU Affero General Public License v3.0", spdx: "AGPL-3.0-only", umbrella: false, open: true, notes: "HF id has no -only/-or-later; SPDX \"AGPL-3.0\" is deprecated; \"agpl-3.0-or-later\" is REJECTED by Hub (huggingface_hub#4218); MOT-open(OSI+FSF)" },
  { id: "gfdl", name: "GNU Free Documentation License family", umbrella: true, open: false, notes: "UMBRELLA; GNU FDL family umbrella (GFDL-1.x-only/-or-later); MOT-NOT-open(no SPDX id)" },
  { id: "gpl", name: "GNU General Public License family", umbrella: true, open: false, notes: "UMBRELLA; GNU GPL family umbrella; version unknown; MOT-NOT-open(no SPDX id)" },
  { id: "gpl-2.0", name: "GNU General Public License v2.0", spdx: "GPL-2.0-only", umbrella: false, open: true, notes: "gpl-2.0-or-later is REJECTED by Hub (huggingface_hub#4218); use gpl-2.0 or other+license_name; MOT-open(OSI+FSF)" },
  { id: "gpl-3.0", name: "GNU General Public License v3.0", spdx: "GPL-3.0-only", umbrella: false, open: true, notes: "-or-later suffix not accepted by Hub; MOT-open(OSI+FSF)" },
  { id: "lgpl", name: "GNU Lesser General Public License family", umbrella: true, open: false, notes: "UMBRELLA; GNU LGPL family umbrella; version unknown; MOT-NOT-open(no SPDX id)" },
  { id: "lgpl-2.1", name: "GNU Lesser General Public License v2.1", spdx: "LGPL-2.1-only", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "lgpl-3.0", name: "GNU Lesser General Public License v3.0", spdx: "LGPL-3.0-only", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "isc", name: "ISC", spdx: "ISC", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "h-research", name: "H Research License", umbrella: false, open: false, notes: "custom research-only license (Hcompany/Holo1); missing from @huggingface/hub TS type; MOT-NOT-open(no SPDX id); license: https://huggingface.co/Hcompany/Holo1-3B/blob/main/LICENSE" },
  { id: "intel-research", name: "Intel Research Use License Agreement", umbrella: false, open: false, notes: "custom research-use license (Intel/OpenVINO); missing from @huggingface/hub TS type; MOT-NOT-open(no SPDX id); license: https://huggingface.co/OpenVINO/Llama-3.1-8B-Instruct-FastDraft-150M-int8-ov/blob/main/LICENSE.md" },
  { id: "lppl-1.3c", name: "LaTeX Project Public License v1.3c", spdx: "LPPL-1.3c", umbrella: false, open: true, notes: "MOT-open(OSI)" },
  { id: "ms-pl", name: "Microsoft Public License", spdx: "MS-PL", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "apple-ascl", name: "Apple Sample Code license", umbrella: false, open: false, notes: "Apple Sample Code License (permissive-style, non-SPDX); MOT-NOT-open(no SPDX id); license: https://developer.apple.com/support/downloads/terms/apple-sample-code/Apple-Sample-Code-License.pdf" },
  { id: "apple-amlr", name: "Apple Model License for Research", umbrella: false, open: false, notes: "Apple Model License for Research: research-only, non-commercial; MOT-NOT-open(no SPDX id); license: https://huggingface.co/apple/deeplabv3-mobilevit-small/blob/main/LICENSE" },
  { id: "mpl-2.0", name: "Mozilla Public License 2.0", spdx: "MPL-2.0", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "odc-by", name: "Open Data Commons License Attribution family", spdx: "ODC-By-1.0", umbrella: false, open: true, notes: "data license; HF id is family-level; MOT-open(MOT-open-data)" },
  { id: "odbl", name: "Open Database License family", spdx: "ODbL-1.0", umbrella: false, open: true, notes: "data license, share-alike; HF id is family-level; MOT-open(FSF+MOT-open-data)" },
  { id: "openmdw-1.0", name: "Open Model, Data & Weights License Agreement", spdx: "OpenMDW-1.0", umbrella: false, open: true, notes: "OpenMDW-1.0 (LF AI & Data, MOF-aligned, permissive for all model materials); MOT treats \"OpenMDW-1.0\" as open; missing from @huggingface/hub TS type; MOT-open(OPEN_LICENSES); license: https://openmdw.ai/license/1-0/" },
  { id: "openmdw-1.1", name: "Open Model, Data & Weights License Agreement v1.1", umbrella: false, open: true, notes: "OpenMDW-1.1; differs from 1.0 only in the patent clause (\"patent or copyright\"), ScanCode files it Permissive (scancode-toolkit#5158); added to docs after 2026-05 (not in Hub error list quoted in huggingface_hub#4218) -> may be rejected by older validators; no SPDX id yet; license: https://openmdw.ai/license/1-1/" },
  { id: "openrail++", name: "Open Rail++-M License", umbrella: false, open: false, notes: "OpenRAIL++-M (SDXL): use-based restrictions; not OSI; MOT-NOT-open(no SPDX id); license: https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0/blob/main/LICENSE.md" },
  { id: "osl-3.0", name: "Open Software License 3.0", spdx: "OSL-3.0", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "postgresql", name: "PostgreSQL License", spdx: "PostgreSQL", umbrella: false, open: true, notes: "MOT-open(OSI)" },
  { id: "ofl-1.1", name: "SIL Open Font License 1.1", spdx: "OFL-1.1", umbrella: false, open: true, notes: "font license; MOT-open(OSI+FSF)" },
  { id: "ncsa", name: "University of Illinois/NCSA Open Source License", spdx: "NCSA", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "unlicense", name: "The Unlicense", spdx: "Unlicense", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "zlib", name: "zLib License", spdx: "Zlib", umbrella: false, open: true, notes: "MOT-open(OSI+FSF)" },
  { id: "pddl", name: "Open Data Commons Public Domain Dedication and License", spdx: "PDDL-1.0", umbrella: false, open: false, notes: "data public-domain dedication; MOT-NOT-open as computed (MOT OPEN_DATA_LICENSES lists the non-SPDX spelling \"ODC-PDDL-1.0\", so SPDX \"PDDL-1.0\" is missed: likely MOT bug; treat as open data)" },
  { id: "lgpl-lr", name: "Lesser General Public License For Linguistic Resources", umbrella: false, open: false, notes: "LGPL for Linguistic Resources (non-SPDX); MOT-NOT-open(no SPDX id)" },
  { id: "deepfloyd-if-license", name: "DeepFloyd IF Research License Agreement", umbrella: false, open: false, notes: "DeepFloyd IF research license: non-commercial research; MOT-NOT-open(no SPDX id)" },
  { id: "fair-noncommercial-research-license", name: "FAIR Noncommercial Research License", umbrella: false, open: false, notes: "Meta FAIR noncommercial research license; missing from @huggingface/hub TS type; MOT-NOT-open(no SPDX id); license: https://huggingface.co/facebook/fair-noncommercial-research-license/blob/main/LICENSE" },
  { id: "llama2", name: "Llama 2 Community License Agreement", umbrella: false, open: false, notes: "Llama 2 Community License: custom terms + acceptable-use policy [gk]; not OSI; MOT-NOT-open(no SPDX id); license: https://huggingface.co/meta-llama/Llama-2-7b-chat-hf/blob/main/LICENSE.txt" },
  { id: "llama3", name: "Llama 3 Community License Agreement", umbrella: false, open: false, notes: "Llama 3 Community License: custom terms + acceptable-use policy [gk]; not OSI; MOT-NOT-open(no SPDX id); license: https://huggingface.co/meta-llama/Meta-Llama-3-8B/blob/main/LICENSE" },
  { id: "llama3.1", name: "Llama 3.1 Community License Agreement", umbrella: false, open: false, notes: "Llama 3.1 Community License; not OSI; MOT-NOT-open(no SPDX id); license: https://huggingface.co/meta-llama/Meta-Llama-3.1-70B-Instruct/blob/main/LICENSE" },
  { id: "llama3.2", name: "Llama 3.2 Community License Agreement", umbrella: false, open: false, notes: "Llama 3.2 Community License; not OSI; MOT-NOT-open(no SPDX id); license: https://huggingface.co/meta-llama/Llama-3.2-1B/blob/main/LICENSE.txt" },
  { id: "llama3.3", name: "Llama 3.3 Community License Agreement", umbrella: false, open: false, notes: "Llama 3.3 Community License; not OSI; MOT-NOT-open(no SPDX id); license: https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct/blob/main/LICENSE" },
  { id: "llama4", name: "Llama 4 Community License Agreement", umbrella: false, open: false, notes: "Llama 4 Community License; not OSI; missing from @huggingface/hub TS type; MOT-NOT-open(no SPDX id); license: https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct/blob/main/LICENSE" },
  { id: "grok2-community", name: "Grok 2 Community License Agreement", umbrella: false, open: false, notes: "Grok 2 Community License (xAI); custom; missing from @huggingface/hub TS type; MOT-NOT-open(no SPDX id); license: https://huggingface.co/xai-org/grok-2/blob/main/LICENSE" },
  { id: "gemma", name: "Gemma Terms of Use", umbrella: false, open: false, notes: "Gemma Terms of Use: custom terms + prohibited-use policy [gk]; not OSI; MOT-NOT-open(no SPDX id); license: https://ai.google.dev/gemma/terms" },
  { id: "unknown", name: "Unknown", umbrella: false, open: undefined, notes: "UNKNOWN_SENTINEL; sentinel: license not known -> checker should warn" },
  { id: "other", name: "Other", umbrella: false, open: undefined, notes: "OTHER_STYLE:requires license_name+license_link; sentinel: custom license -> REQUIRE license_name (lowercase-hyphenated id) + license_link (URL or LICENSE/LICENSE.md in repo)" },
];
const BY_ID = new Map(HUB_LICENSES.map((l) => [l.id, l]));
const BY_SPDX = new Map(HUB_LICENSES.filter((l) => l.spdx).map((l) => [(l.spdx as string).toLowerCase(), l]));

/** The Hub license with this exact id (ids are case-sensitive, lower case). */
export function hubLicense(id: string): HubLicense | undefined {
  return BY_ID.get(id);
}

/** The Hub id for an SPDX id (case-insensitive), e.g. `Apache-2.0` → `apache-2.0`. */
export function hubIdForSpdx(spdx: string): string | undefined {
  return BY_SPDX.get(spdx.toLowerCase())?.id;
}
