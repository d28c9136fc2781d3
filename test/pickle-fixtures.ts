/** The pickle fixtures (test/fixtures/pickles), read for rule and scanner tests. */
import { readFileSync } from "node:fs";
import path from "node:path";

export const PICKLES = path.resolve(import.meta.dirname, "fixtures/pickles");

/** A generated fixture (make.py) or a copied one (`picklescan/…`, `real/…`). */
export function pickleFixture(name: string): Uint8Array {
  const file = name.includes("/") ? path.join(PICKLES, name) : path.join(PICKLES, "generated", name);
  return new Uint8Array(readFileSync(file));
}
