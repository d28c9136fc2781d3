import { HUB_FLAG_LEVELS, type HubRepoFile } from "../../../core/hub.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import type { ReviewFile } from "../../../core/rule.js";

/** The SHA-256 of a file's bytes, when the review holds it: an LFS pointer names it. */
function sha256Of(file: ReviewFile): string | undefined {
  return file.content.type === "lfs-pointer" ? file.content.oid.toLowerCase() : undefined;
}

export default defineRule({
  meta: {
    id: "hub/mirror-files-safe",
    title: "The Hub flags a file this repository mirrors",
    description:
      "A repository that mirrors a Hub model repository (a clone of it, or a GitHub repository of the same name holding the same files) holds no file that the Hub's own security scan marks unsafe, suspicious or caution.",
    why:
      "Many model repositories on GitHub are copies of a Hub repository, and a clone of a Hub repository is reviewed as a folder. The Hub scans every file pushed to it (malware, pickle imports, partner scanners); a file it flags there is the same risk here, where no scanner gates a merge.",
    defaultSeverity: "error",
  },
  async check({ workspace, files, hub, report, checkpoint }) {
    const origin = workspace.repository;
    if (!hub?.securityStatus || !origin) return;
    const present = files.filter((f) => f.status !== "removed" && (f.kind === "weights" || f.content.type === "lfs-pointer"));
    if (present.length === 0) return;
    // One question, asked on the review's own account: a repository that is not on the Hub, or a Hub that
    // does not answer, is no unverified reference of any card. A private repository is left alone too, so
    // that a finding never tells a pull request's author what only Cardinal's token can see.
    await checkpoint();
    const scan = await hub.securityStatus(origin.id, { unrecorded: true });
    if (scan.status !== "found" || scan.private || !scan.files) return;
    const hubFiles = new Map<string, HubRepoFile>(scan.files.map((f) => [f.path, f]));
    // A clone of the Hub repository is its mirror; a GitHub repository of the same name is one only when a
    // file here has the very bytes of the Hub's file at the same path (the same SHA-256).
    const sameBytes = (f: ReviewFile) => {
      const ours = sha256Of(f);
      const theirs = hubFiles.get(f.path)?.sha256;
      return ours !== undefined && theirs !== undefined ? ours === theirs : undefined;
    };
    const cloned = origin.host === "huggingface.co";
    if (!cloned && !present.some((f) => sameBytes(f) === true)) return;
    const level = new Map(scan.filesWithIssues.map((f) => [f.path, f.level]));
    const mirrorOf = cloned ? prose("this folder is a clone of it") : prose("this repository mirrors it: its name is the same, and files here have the Hub's very bytes");
    for (const file of present) {
      const said = level.get(file.path);
      const severity = HUB_FLAG_LEVELS.find((l) => l.level === said)?.severity;
      if (!said || !severity) continue;
      const same = sameBytes(file);
      // Other bytes than the ones the Hub scanned: its verdict is not about this file.
      if (same === false) continue;
      report({
        path: file.path,
        atMost: same === true ? severity : severity === "error" ? "warning" : "notice",
        title: `The Hub marks this file ${said}`,
        message: text`The Hub's security scan marks ${file.path} ${trusted(said)} in ${origin.id}, and ${mirrorOf}. ${
          same === true
            ? prose("This file has the same SHA-256 as the one the Hub scanned.")
            : prose("Cardinal could not compare this file's bytes with the ones the Hub scanned (it has no LFS pointer here to name them).")
        }`,
        hint: prose(
          "Open the file on the Hub repository's page (the scan's details are beside it) before anyone loads it. Replace a flagged pickle with safetensors weights, or remove the file from both repositories.",
        ),
      });
    }
  },
});
