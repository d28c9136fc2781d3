/** The LICENSE file beside a card, read from the workspace or the repository, and what it is. */
import type { RepoFiles } from "../core/repo.js";
import type { WorkspaceFile } from "../core/types.js";
import { dirname } from "./classify.js";
import { identifyLicense, type LicenseMatch } from "./license-text.js";

export const LICENSE_FILE_NAMES = ["LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "COPYING", "COPYING.md"];

export interface LicenseFile {
  readonly path: string;
  readonly match: LicenseMatch | undefined;
}

/**
 * The first LICENSE-like file in the card's folder: from the workspace when
 * the review has it (a removed one does not count), else from the repository.
 */
export async function licenseFileFor(
  cardPath: string,
  context: { readonly files: readonly WorkspaceFile[]; readonly repo?: RepoFiles },
): Promise<LicenseFile | undefined> {
  const dir = dirname(cardPath);
  for (const name of LICENSE_FILE_NAMES) {
    const path = dir ? `${dir}/${name}` : name;
    const file = context.files.find((f) => f.path === path);
    if (file) {
      if (file.status === "removed" || file.content.type !== "text") continue;
      return { path, match: identifyLicense(file.content.text) };
    }
    const paths = await context.repo?.paths();
    if (paths && !paths.has(path)) continue;
    const text = await context.repo?.read(path);
    if (text !== undefined) return { path, match: identifyLicense(text) };
  }
  return undefined;
}
