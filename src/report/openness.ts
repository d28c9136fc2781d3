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

/** What a license allows, in a few words. */
export function licenseSummary(id: string, subject: "weights" | "data"): string | undefined {
  const license = hubLicense(id);
  if (!license) return undefined;
  switch (categoryOf(id)) {
    case "permissive":
      return license.open
        ? DATA_LICENSES.test(id)
          ? "open (an open data license) — any use, with attribution"
          : "open source (OSI-approved) — any use, with attribution"
        : "permissive terms — any use";
    case "share-alike":
    case "weak-copyleft":
      return "open source, copyleft — derivatives keep the same license";
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
      if (summary) lines.push(`${subject === "weights" ? "Weights" : "Data"} in ${inlineCode(f.path)} under ${inlineCode(id)}: ${summary}.`);
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
