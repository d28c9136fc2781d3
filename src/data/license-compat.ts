/**
 * What a license lets a derivative (a fine-tune, adapter, quantization or
 * merge of a model, or a model trained on a dataset) be released under.
 * Every row says why. This is guidance for reviewers, not legal advice.
 */

export type LicenseCategory =
  /** Derivatives may use any license (keep notices). */
  | "permissive"
  /** Derivatives must use the same license (or a listed compatible one). */
  | "share-alike"
  /** Copyleft on modified files of code; not judged for weights. */
  | "weak-copyleft"
  /** No commercial use, also for derivatives. */
  | "non-commercial"
  /** Adapted material may not be shared at all. */
  | "no-derivatives"
  /** Vendor community licenses whose terms bind derivatives (Llama, Gemma, Grok). */
  | "community"
  /** Responsible-AI licenses whose use restrictions must be passed on. */
  | "rail"
  /** Cannot be judged from the id (`other`, `unknown`, family ids). */
  | "unjudged";

export interface CategoryRow {
  readonly category: LicenseCategory;
  readonly ids: readonly string[];
  readonly reason: string;
}

/** Each Hub license id in one category, with the reason. */
export const LICENSE_CATEGORIES: readonly CategoryRow[] = [
  {
    category: "permissive",
    ids: [
      "apache-2.0", "mit", "afl-3.0", "bsl-1.0", "bsd-2-clause", "bsd-3-clause", "bsd-3-clause-clear", "cc0-1.0",
      "cc-by-2.0", "cc-by-2.5", "cc-by-3.0", "cc-by-4.0", "wtfpl", "ecl-2.0", "isc", "ms-pl", "ncsa", "postgresql",
      "unlicense", "zlib", "pddl", "odc-by", "cdla-permissive-1.0", "cdla-permissive-2.0", "artistic-2.0", "etalab-2.0",
      "openmdw-1.0", "openmdw-1.1", "apple-ascl",
    ],
    reason: "Permissive licenses let derivatives be released under any terms, as long as notices and attribution are kept.",
  },
  {
    category: "share-alike",
    ids: ["gpl-2.0", "gpl-3.0", "agpl-3.0", "cc-by-sa-3.0", "cc-by-sa-4.0", "odbl", "cdla-sharing-1.0", "eupl-1.1", "eupl-1.2", "osl-3.0", "gfdl"],
    reason: "Copyleft and share-alike licenses require adapted works to be shared under the same license.",
  },
  {
    category: "weak-copyleft",
    ids: ["lgpl-2.1", "lgpl-3.0", "lgpl-lr", "mpl-2.0", "epl-1.0", "epl-2.0"],
    reason: "Weak copyleft applies to modified files of the licensed work; how it applies to trained weights is not settled, so Cardinal does not judge it.",
  },
  {
    category: "non-commercial",
    ids: ["cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0", "cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0", "fair-noncommercial-research-license", "deepfloyd-if-license", "apple-amlr", "h-research", "intel-research"],
    reason: "Non-commercial and research-only licenses forbid commercial use, and the restriction carries over to derivatives.",
  },
  {
    category: "no-derivatives",
    ids: ["cc-by-nd-4.0", "cc-by-nc-nd-3.0", "cc-by-nc-nd-4.0"],
    reason: "NoDerivatives licenses forbid sharing adapted material, so a fine-tune or model trained on it may not be released.",
  },
  {
    category: "community",
    ids: ["llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4", "gemma", "grok2-community"],
    reason: "Vendor community licenses (Llama, Gemma, Grok) bind derivatives: they must be distributed under the same agreement.",
  },
  {
    category: "rail",
    ids: ["openrail", "bigscience-openrail-m", "creativeml-openrail-m", "bigscience-bloom-rail-1.0", "bigcode-openrail-m", "openrail++"],
    reason: "OpenRAIL licenses require their use-based restrictions to be passed on to every derivative (paragraph 4 and Attachment A).",
  },
];

const CATEGORY_OF = new Map<string, CategoryRow>();
for (const row of LICENSE_CATEGORIES) for (const id of row.ids) CATEGORY_OF.set(id, row);

export function categoryOf(id: string): LicenseCategory {
  return CATEGORY_OF.get(id)?.category ?? "unjudged";
}

export function categoryReason(id: string): string | undefined {
  return CATEGORY_OF.get(id)?.reason;
}

/** Share-alike ids whose derivatives may also use these newer or stronger ids. */
const SHARE_ALIKE_COMPATIBLE: Readonly<Record<string, readonly string[]>> = {
  "gpl-3.0": ["gpl-3.0", "agpl-3.0"],
  "cc-by-sa-3.0": ["cc-by-sa-3.0", "cc-by-sa-4.0"],
  "eupl-1.1": ["eupl-1.1", "eupl-1.2"],
};

export interface Verdict {
  readonly ok: boolean;
  /** Why, for the message. */
  readonly reason: string;
}

/**
 * Whether a derivative declared under `child` (any of its ids) respects a
 * parent under `parent`. `other` as a child is accepted for the restrictive
 * categories: a custom license may carry the parent's terms, and
 * license/other-needs-name asks for its name and text.
 */
export function derivativeAllowed(parent: string, child: readonly string[]): Verdict {
  const category = categoryOf(parent);
  const reason = categoryReason(parent) ?? "";
  const has = (pred: (id: string) => boolean) => child.some(pred);
  switch (category) {
    case "permissive":
    case "weak-copyleft":
    case "unjudged":
      return { ok: true, reason };
    case "no-derivatives":
      return { ok: false, reason };
    case "community":
      return { ok: has((c) => c === parent || c === "other"), reason };
    case "rail":
      return { ok: has((c) => categoryOf(c) === "rail" || c === "other"), reason };
    case "non-commercial":
      return { ok: has((c) => ["non-commercial", "no-derivatives"].includes(categoryOf(c)) || c === "other"), reason };
    case "share-alike":
      return { ok: has((c) => (SHARE_ALIKE_COMPATIBLE[parent] ?? [parent]).includes(c) || c === "other"), reason };
  }
}

/**
 * Data licenses written for databases say that what is computed from the
 * data is not bound by the sharing terms: CDLA-Sharing 1.0 exempts
 * "Results" of computational use, and ODbL's "Produced Works" only need a
 * notice. Their share-alike terms are therefore no concern for a model.
 */
const SHARE_ALIKE_EXEMPT_FOR_MODELS = new Set(["cdla-sharing-1.0", "odbl"]);

/** Dataset licenses whose terms a permissively licensed model should not ignore. */
export function datasetConcern(datasetLicense: string): LicenseCategory | undefined {
  const category = categoryOf(datasetLicense);
  if (category === "share-alike" && SHARE_ALIKE_EXEMPT_FOR_MODELS.has(datasetLicense)) return undefined;
  return ["non-commercial", "no-derivatives", "share-alike"].includes(category) ? category : undefined;
}
