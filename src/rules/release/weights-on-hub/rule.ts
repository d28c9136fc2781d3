import { defineRule } from "../../../core/rule.js";
import { text, trusted } from "../../../core/text.js";
import { basename, dirname, foldersHolding } from "../../../parse/classify.js";

/**
 * File hosts that serve downloads outside the Hub. A link to one of them
 * that speaks of weights means users fetch the model from somewhere the Hub
 * cannot show, version, scan or count.
 */
const FILE_HOSTS: readonly (readonly [RegExp, string])[] = [
  [/^(?:www\.)?mega\.(?:nz|co\.nz|io)$/, "MEGA"],
  [/^(?:drive|docs)\.google\.com$/, "Google Drive"],
  [/^(?:www\.|dl\.)?dropbox(?:usercontent)?\.com$/, "Dropbox"],
  [/^(?:1drv\.ms|onedrive\.live\.com)$/, "OneDrive"],
  [/^pan\.baidu\.com$/, "Baidu Netdisk"],
  [/^(?:www\.)?mediafire\.com$/, "MediaFire"],
  [/^(?:www\.)?(?:wetransfer\.com|we\.tl)$/, "WeTransfer"],
];

/** Words that say a line is about the model's weights, not a demo video or a dataset. */
const WEIGHT_WORDS = /\b(?:weights?|checkpoints?|ckpt|safetensors|shards?|state[ _]dict)\b|\.(?:bin|pt|pth|ckpt|safetensors|gguf|onnx|h5)\b/i;

/** `http(s)://host/` at any place in a line; the host part is bounded by the URL grammar. */
const URL = /https?:\/\/([A-Za-z0-9.-]{1,253})\//g;

function hostName(host: string): string | undefined {
  const lower = host.toLowerCase();
  return FILE_HOSTS.find(([pattern]) => pattern.test(lower))?.[1];
}

export default defineRule({
  meta: {
    id: "release/weights-on-hub",
    title: "Weights linked on a file host",
    description: "A model card that sends readers to a file host (MEGA, Google Drive, Dropbox …) for weights that the release does not contain.",
    why:
      "The Hub's release checklist asks for the weights in the model repository (one repository per variant) and for demos that download the model from its Hub repository, not from external sources like Google Drive. Weights elsewhere get no model page, no version history, no security scan and no download count, and links to file hosts expire.",
    defaultSeverity: "notice",
  },
  check({ cards, files, report }) {
    // Every folder that holds weights, directly or below: built once, so the review stays linear in cards.
    const foldersWithWeights = foldersHolding(files.filter((f) => f.kind === "weights" && f.status !== "removed").map((f) => f.path));
    for (const card of cards) {
      if (card.kind !== "model" || basename(card.path) !== "README.md") continue;
      // Weights in the release (or in the pull request): a file-host link is a mirror, not the release.
      if (foldersWithWeights.has(dirname(card.path))) continue;
      const hosts = new Map<string, number>();
      for (let line = 1; line <= card.lines.lineCount; line++) {
        const content = card.lines.lineText(line);
        if (!content.includes("://") || !WEIGHT_WORDS.test(content)) continue;
        for (const match of content.matchAll(URL)) {
          const name = hostName(match[1] ?? "");
          if (name && !hosts.has(name)) hosts.set(name, line);
        }
      }
      for (const [name, line] of hosts) {
        report({
          path: card.path,
          line,
          message: text`The card links the model's weights on ${trusted(name)}, and the release holds no weight files: users must fetch them from outside the Hub.`,
          hint: text`Upload the weights to this repository (with Git LFS, or ${"hf upload <repo-id> ."} from the release folder) and keep the file-host link only as a mirror, if at all.`,
        });
      }
    }
  },
});
