import type { RepoFiles } from "../../core/repo.js";
import { decodeContent } from "../../parse/bytes.js";
import type { Octokit, RepoRef } from "./pull-request.js";

/** Text files read for rules (a `.gitattributes`, a card beside new weights) stay small. */
const MAX_READ_BYTES = 1024 * 1024;

/**
 * The repository at a PR's head sha, fetched only when a rule asks: the
 * tree in one request (`git/trees/<sha>?recursive=1`), a file's text in
 * another. A truncated tree (over GitHub's 100,000 entries) counts as
 * unknown, so no rule concludes that a file is missing from it.
 */
export function pullRequestRepoFiles(octokit: Octokit, sources: readonly RepoRef[], headSha: string): RepoFiles {
  let tree: Promise<ReadonlySet<string> | undefined> | undefined;
  const texts = new Map<string, Promise<string | undefined>>();

  const fromFirstSource = async <T>(fn: (source: RepoRef) => Promise<T>): Promise<T | undefined> => {
    for (const source of sources) {
      try {
        return await fn(source);
      } catch (error) {
        if ((error as { status?: number }).status !== 404) return undefined;
      }
    }
    return undefined;
  };

  return {
    paths() {
      tree ??= fromFirstSource(async (source) => {
        const { data } = await octokit.rest.git.getTree({ ...source, tree_sha: headSha, recursive: "true" });
        if (data.truncated) return undefined;
        return new Set(data.tree.filter((e) => e.type === "blob" && e.path).map((e) => e.path as string));
      });
      return tree;
    },
    read(path) {
      let text = texts.get(path);
      if (!text) {
        text = fromFirstSource(async (source) => {
          const { data } = await octokit.rest.repos.getContent({ ...source, path, ref: headSha });
          if (Array.isArray(data) || data.type !== "file" || data.size > MAX_READ_BYTES || data.encoding !== "base64") return undefined;
          const content = decodeContent(Buffer.from(data.content, "base64"));
          return content.type === "text" ? content.text : undefined;
        });
        texts.set(path, text);
      }
      return text;
    },
  };
}
