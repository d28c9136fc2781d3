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
  const candidates = LICENSE_FILE_NAMES.map((name) => (dir ? `${dir}/${name}` : name));
  let inRepo: ReadonlySet<string> | undefined | null = null; // null: not asked yet
  for (const path of candidates) {
    const file = context.files.find((f) => f.path === path);
    if (file) {
      if (file.status === "removed" || file.content.type !== "text") continue;
      return { path, match: identifyLicense(file.content.text) };
    }
    if (!context.repo) continue;
    // Every candidate the workspace lacks, asked of the repository at once.
    if (inRepo === null) inRepo = await context.repo.existing(candidates.filter((c) => !context.files.some((f) => f.path === c)));
    if (inRepo && !inRepo.has(path)) continue;
    const text = await context.repo.read(path);
    if (text !== undefined) return { path, match: identifyLicense(text) };
  }
  return undefined;
}
