/**
 * From what people write in `license:` to the Hub's license id: SPDX
 * spellings (`Apache-2.0`, `GPL-3.0-or-later`), case (`MIT`), prose
 * (`Apache License, Version 2.0`, `MIT License`) and short forms
 * (`apache2`, `cc-by-4`, `llama 3`, `gplv3`).
 */
import { HUB_LICENSES, hubIdForSpdx, hubLicense } from "../data/hf-licenses.js";
import { closest } from "../core/suggest.js";
import { trimChars } from "../core/strings.js";

/** One shape for every spelling: lower case, words dropped, letters and numbers apart, `.0` versions. */
function canonical(value: string): string {
  let v = value.toLowerCase().trim();
  v = v.replace(/\b(the|licen[cs]es?|agreement|public)\b/g, " ");
  v = v.replace(/\bversion\b/g, " ");
  v = v.replace(/\b(creative commons)\b/g, "cc");
  v = v.replace(/\battribution\b/g, "by").replace(/\bnon-?commercial\b/g, "nc").replace(/\bshare-?alike\b/g, "sa").replace(/\bno-?derivatives?\b/g, "nd");
  v = v.replace(/([a-z])v(\d)/g, "$1$2"); // gplv3 → gpl3
  v = v.replace(/([a-z])(\d)/g, "$1-$2").replace(/(\d)([a-z])/g, "$1-$2");
  v = trimChars(v.replace(/[^a-z0-9.+]+/g, "-"), "-");
  v = v.replace(/-(\d+)(?=-|$)(?!\.)/g, "-$1.0"); // cc-by-4 → cc-by-4.0; apache-2 → apache-2.0
  return v;
}

const BY_CANONICAL = new Map<string, string[]>();
for (const l of HUB_LICENSES) {
  for (const form of [l.id, l.name, ...(l.spdx ? [l.spdx] : [])]) {
    const key = canonical(form);
    const ids = BY_CANONICAL.get(key) ?? [];
    if (!ids.includes(l.id)) ids.push(l.id);
    BY_CANONICAL.set(key, ids);
  }
}

/** Spellings whose canonical form does not reach the id by itself. */
const ALIASES: Record<string, string> = {
  "bsd-3.0": "bsd-3-clause",
  "bsd-2.0": "bsd-2-clause",
  "new-bsd": "bsd-3-clause",
  "simplified-bsd": "bsd-2-clause",
  "cc-0": "cc0-1.0",
  "cc-0.0": "cc0-1.0",
  "cc0": "cc0-1.0",
  "public-domain": "cc0-1.0",
  "llama-2.0": "llama2",
  "llama-3.0": "llama3",
  "openrail-m": "openrail",
  "stable-diffusion": "creativeml-openrail-m",
  "openrail++-m": "openrail++",
  // The Hub's id for OpenMDW from 2025-07-03 until its rename on 2025-09-07 (hub-docs d4896a00, d0bdadfd).
  "open-mdw": "openmdw-1.0",
};

export interface LicenseIdVerdict {
  /** The Hub id meant, when certain. */
  readonly id?: string;
  /** A likely id when not certain. */
  readonly guess?: string;
  /** Set when the mapping loses information (`-or-later`). */
  readonly note?: string;
}

/**
 * What a declared value means: undefined when it already is a Hub id;
 * otherwise the id it certainly stands for, or a guess.
 */
export function judgeLicenseId(value: string): LicenseIdVerdict | undefined {
  if (hubLicense(value)) return undefined;
  const spdx = hubIdForSpdx(value);
  if (spdx) return { id: spdx };

  let v = value.trim();
  let note: string | undefined;
  const suffix = /(-only|-or-later|\+)$/i.exec(v);
  if (suffix && /^(a|l)?gpl|^gfdl/i.test(v)) {
    v = v.slice(0, suffix.index);
    note = `the Hub has one id per version, without \`${suffix[0]}\``;
  }
  const key = canonical(v);
  const direct = BY_CANONICAL.get(key);
  const alias = ALIASES[key] ?? ALIASES[key.replace(/\.0$/, "")];
  const ids = direct ?? (alias ? [alias] : undefined);
  if (ids && ids.length === 1 && ids[0]) return { id: ids[0], ...(note ? { note } : {}) };
  const guess = closest(key, HUB_LICENSES.map((l) => l.id));
  return guess ? { guess } : {};
}

/** Splits an SPDX expression (`MIT OR Apache-2.0`) into its licenses, or undefined. */
export function splitExpression(value: string): string[] | undefined {
  if (!/\s(OR|AND)\s/.test(value)) return undefined;
  return value
    .replace(/[()\s]+/g, " ")
    .split(/ (?:OR|AND) /)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** A license name written as the Hub wants `license_name`: lower case, words joined by `-`. */
export function slugLicenseName(name: string): string {
  return trimChars(name.toLowerCase().replace(/[^a-z0-9.]+/g, "-"), "-");
}
