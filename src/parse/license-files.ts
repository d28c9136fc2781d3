/** The LICENSE file beside a card, read from the workspace or the repository, and what it is. */
import { fileIndex, type RepoFiles } from "../core/repo.js";
import type { WorkspaceFile } from "../core/types.js";
import { dirname } from "./classify.js";
import { identifyLicense, type LicenseMatch } from "./license-text.js";

export const LICENSE_FILE_NAMES = ["LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "COPYING", "COPYING.md"];

export interface LicenseFile {
  readonly path: string;
  readonly match: LicenseMatch | undefined;
}

const identified = new WeakMap<object, LicenseMatch | undefined>();

/**
 * identifyLicense for a workspace file's text, once per file: the file's
 * facts and the three license rules all ask about the same LICENSE.
 */
export function identifyLicenseText(content: { readonly type: "text"; readonly text: string }): LicenseMatch | undefined {
  if (identified.has(content)) return identified.get(content);
  const match = identifyLicense(content.text);
  identified.set(content, match);
  return match;
}

type Context = { readonly files: readonly WorkspaceFile[]; readonly repo?: RepoFiles };

/** Answers per folder, for one review: keyed on its files array, and on the repository port it was asked with. */
const answers = new WeakMap<readonly WorkspaceFile[], { readonly repo: RepoFiles | undefined; readonly byDir: Map<string, Promise<LicenseFile | undefined>> }>();

/**
 * The first LICENSE-like file in the card's folder: from the workspace when
 * the review has it (a removed one does not count), else from the repository.
 * Found once per folder and review, however many rules and cards ask.
 */
export function licenseFileFor(cardPath: string, context: Context): Promise<LicenseFile | undefined> {
  return licenseFileIn(dirname(cardPath), context);
}

/** The first LICENSE-like file directly in `dir` ("" for the root), found as licenseFileFor finds it. */
export function licenseFileIn(dir: string, context: Context): Promise<LicenseFile | undefined> {
  let memo = answers.get(context.files);
  if (!memo || memo.repo !== context.repo) {
    memo = { repo: context.repo, byDir: new Map() };
    answers.set(context.files, memo);
  }
  let answer = memo.byDir.get(dir);
  if (!answer) {
    answer = findLicenseFile(dir, context);
    memo.byDir.set(dir, answer);
  }
  return answer;
}

async function findLicenseFile(dir: string, context: Context): Promise<LicenseFile | undefined> {
  const { byPath } = fileIndex(context.files);
  const candidates = LICENSE_FILE_NAMES.map((name) => (dir ? `${dir}/${name}` : name));
  let inRepo: ReadonlySet<string> | undefined | null = null; // null: not asked yet
  for (const path of candidates) {
    const file = byPath.get(path);
    if (file) {
      if (file.status === "removed" || file.content.type !== "text") continue;
      return { path, match: identifyLicenseText(file.content) };
    }
    if (!context.repo) continue;
    // Every candidate the workspace lacks, asked of the repository at once.
    if (inRepo === null) inRepo = await context.repo.existing(candidates.filter((c) => !byPath.has(c)));
    if (inRepo && !inRepo.has(path)) continue;
    const text = await context.repo.read(path);
    if (text !== undefined) return { path, match: identifyLicense(text) };
  }
  return undefined;
}
