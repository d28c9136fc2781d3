/**
 * Writes src/data/license-fingerprints.ts from the Llama license files in
 * test/fixtures/licenses/: each agreement up to the end of its section 7 (the
 * Llama 3 file also holds the Acceptable Use Policy, which is not the license).
 *
 *   npx tsc -p tsconfig.json && node lib/tools/license-fingerprints.js
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { licenseFingerprint } from "../parse/license-text.js";

export const FINGERPRINTED: readonly { readonly id: string; readonly fixture: string }[] = [
  { id: "llama2", fixture: "llama2-meta" },
  { id: "llama3", fixture: "llama3-meta" },
  { id: "llama3.1", fixture: "llama3.1-meta" },
  { id: "llama3.2", fixture: "llama3.2-meta" },
  { id: "llama3.3", fixture: "llama3.3-meta" },
  { id: "llama4", fixture: "llama4-meta" },
];

/** The agreement alone: up to the sentence that ends section 7 in every Llama license. */
export function agreementText(text: string): string {
  const end = /exclusive jurisdiction of any dispute arising out of this Agreement\.?/i.exec(text);
  return end ? text.slice(0, end.index + end[0].length) : text;
}

export async function fingerprintsSource(root: string): Promise<string> {
  const entries: string[] = [];
  for (const { id, fixture } of FINGERPRINTED) {
    const text = await readFile(path.join(root, "test/fixtures/licenses", fixture, "LICENSE"), "utf8");
    entries.push(`  { id: ${JSON.stringify(id)}, bigrams: ${JSON.stringify(licenseFingerprint(agreementText(text)))} },`);
  }
  const template = await readFile(path.join(root, "src/data/license-fingerprints.ts"), "utf8");
  const head = template.slice(0, template.indexOf("export const LICENSE_FINGERPRINTS"));
  return `${head}export const LICENSE_FINGERPRINTS: readonly LicenseFingerprint[] = [\n${entries.join("\n")}\n];\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  await writeFile(path.join(root, "src/data/license-fingerprints.ts"), await fingerprintsSource(root));
  process.stdout.write("wrote src/data/license-fingerprints.ts\n");
}
