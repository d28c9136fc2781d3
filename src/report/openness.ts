/**
 * "What these licenses allow": one line per declared license of a release,
 * and per training dataset the Hub described, in the terms of the Model
 * Openness Framework (LF AI & Data): open source, open data, or open
 * weights with restrictions.
 */
import type { FileFacts } from "../core/engine.js";
import type { HubReference } from "../core/hub.js";
import { hubLicense } from "../data/hf-licenses.js";
import { categoryOf } from "../data/license-compat.js";
import { inlineCode } from "./markdown.js";

const DATA_LICENSES = /^(cc-by-|cc0|odc-|odbl|pddl|cdla-)/;
/** Licenses that waive even attribution. */
const NO_ATTRIBUTION = new Set(["unlicense", "wtfpl", "cc0-1.0"]);

/** A copyleft license, called open source only where the OSI approved it. */
function copyleftSummary(license: NonNullable<ReturnType<typeof hubLicense>>): string {
  if (license.open && /\bOSI\b/.test(license.notes)) return "open source (OSI-approved), copyleft — derivatives keep the same license";
  if (license.open && DATA_LICENSES.test(license.id)) return "open (an open data license), share-alike — derivatives keep the same license";
  return "copyleft terms — derivatives keep the same license";
}

/**
 * A permissive license in the words its standing backs: "OSI-approved" only
 * where the OSI approved it (the notes say so, from the Model Openness Tool's
 * reading of SPDX), never for FSF-only licenses (wtfpl, bsd-3-clause-clear)
 * or OpenMDW, which is not submitted to the OSI.
 */
function permissiveSummary(license: NonNullable<ReturnType<typeof hubLicense>>): string {
  if (!license.open) return "permissive terms — any use";
  if (license.id === "cc0-1.0") return "open (a public-domain dedication) — any use";
  if (DATA_LICENSES.test(license.id)) return "open (an open data license) — any use, with attribution";
  if (license.id.startsWith("openmdw-")) return "open (OpenMDW, a permissive license for models, data and weights) — any use, keeping its notices";
  if (/\bOSI\b/.test(license.notes)) return `open source (OSI-approved) — any use${NO_ATTRIBUTION.has(license.id) ? "" : ", with attribution"}`;
  if (/\bFSF\b/.test(license.notes)) return "permissive, a free software license (FSF), not OSI-approved — any use";
  return "permissive terms — any use";
}

/** What a license allows, in a few words. */
export function licenseSummary(id: string, subject: "weights" | "data"): string | undefined {
  const license = hubLicense(id);
  if (!license) return undefined;
  switch (categoryOf(id)) {
    case "permissive":
      return permissiveSummary(license);
    case "share-alike":
    case "weak-copyleft":
      return copyleftSummary(license);
    case "community":
      return `open ${subject} with use restrictions — not open source (OSI)`;
    case "rail":
      return `open ${subject} with use-based restrictions (RAIL) that derivatives must carry — not open source (OSI)`;
    case "non-commercial":
      return "non-commercial use only — not open";
    case "no-derivatives":
      return "no derivatives may be shared — not open";
    case "unjudged":
      return id === "other" ? "a custom license — read its terms" : undefined;
  }
}

/** The lines, or an empty list when there is nothing to say. */
export function opennessLines(files: readonly FileFacts[], references: readonly HubReference[]): string[] {
  const lines: string[] = [];
  for (const f of files) {
    if (f.kind !== "model-card" && f.kind !== "dataset-card") continue;
    const subject = f.kind === "model-card" ? "weights" : "data";
    for (const id of f.licenses ?? []) {
      const summary = licenseSummary(id, subject);
      // The card declares the license; the weights or data it covers need not be in the change.
      if (summary) lines.push(`The ${subject === "weights" ? "model" : "dataset"} card ${inlineCode(f.path)} declares ${inlineCode(id)}: ${summary}.`);
    }
    for (const datasetId of f.datasets ?? []) {
      const ref = references.find((r) => r.type === "dataset" && r.id === datasetId && r.status === "found");
      for (const id of ref?.licenses ?? []) {
        const summary = licenseSummary(id, "data");
        if (summary) lines.push(`Trained on ${inlineCode(ref?.canonicalId ?? datasetId)} under ${inlineCode(id)}: ${summary}.`);
      }
    }
  }
  return [...new Set(lines)];
}

export function renderOpenness(lines: readonly string[]): string {
  if (lines.length === 0) return "";
  return ["<details><summary>What these licenses allow</summary>", "", ...lines.map((l) => `- ${l}`), "", "</details>"].join("\n");
}
