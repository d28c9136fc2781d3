/** SPDX license texts (from the spdx-license-list package) for tests. */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function spdxLicenseText(id: string): string {
  return (require(`spdx-license-list/licenses/${id}.json`) as { licenseText: string }).licenseText;
}
