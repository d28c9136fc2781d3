import { fileIndex } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { prose, text, trusted } from "../../../core/text.js";
import { basename, dirname, foldersHolding, foldersUp } from "../../../parse/classify.js";
import { licenseFileFor } from "../../../parse/license-files.js";

/**
 * A license sentence that forbids recipients to distribute the model, with
 * nothing after it that makes it conditional: "you may use the model(s), but
 * you may not distribute the models." (the Microsoft Research License Terms,
 * clause 1c). "may not distribute the model for commercial purposes" is not it.
 */
const NO_DISTRIBUTION = /\bmay not (?:re)?distribute (?:the |any )?(?:model\(s\)|models?|model weights|weights)\s*[.;]/i;

/** The line as the finding quotes it: trimmed, at most 200 characters. */
function quoted(line: string): string {
  const trimmed = line.trim().replace(/[.;]$/, "");
  return trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed;
}

export default defineRule({
  meta: {
    id: "license/allows-distribution",
    title: "The release's license forbids distributing the model",
    description:
      "A release that publishes model weights does not carry a license whose own words forbid distributing the model (\"you may not distribute the models\").",
    why:
      "Some research licenses let you use a model but not share it: the Microsoft Research License Terms say \"you may use the model(s), but you may not distribute the models\" (clause 1c). Anyone but the license holder who publishes such weights breaks the license the release itself shows, and every user who downloads them gets weights nobody was allowed to give them.",
    defaultSeverity: "notice",
  },
  async check(context) {
    const weights = context.files.filter((f) => f.kind === "weights" && f.status !== "removed");
    if (weights.length === 0) return;
    const holding = foldersHolding(weights.map((f) => f.path));
    const seen = new Set<string>();
    const say = (path: string, line: number, sentence: string, where: "card" | "file") => {
      const dir = dirname(path);
      const shared = weights.filter((w) => foldersUp(dirname(w.path)).includes(dir));
      const first = shared[0];
      if (!first || seen.has(path)) return;
      seen.add(path);
      context.report({
        path,
        line,
        message: text`${prose(where === "card" ? "The card's license text says" : "The license file says")} “${trusted(sentence)}”, and the release distributes model weights (${basename(first.path)}${shared.length > 1 ? prose(` and ${shared.length - 1} more`) : prose("")}): unless this release is the license holder's own, publishing them breaks that license.`,
        hint: prose(
          "If the weights are someone else's, remove them and link to where the license holder publishes them. If the license holder has since released them under another license, put that license's text here instead and name it in the card's metadata.",
        ),
      });
    };
    for (const card of context.cards) {
      await context.checkpoint();
      if (card.kind !== "model" || !holding.has(dirname(card.path))) continue;
      for (let line = 1; line <= card.lines.lineCount; line++) {
        const match = NO_DISTRIBUTION.exec(card.lines.lineText(line));
        if (match) {
          say(card.path, line, quoted(card.lines.lineText(line)), "card");
          break;
        }
      }
    }
    // LICENSE files: any the review holds in a folder with weights, and in a folder review the one beside
    // each card. A pull request's port would spend a request on each card's folder, for a notice.
    const licenses = new Map<string, string | undefined>();
    for (const card of context.workspace.source === "folder" ? context.cards : []) {
      if (card.kind !== "model" || !holding.has(dirname(card.path))) continue;
      const license = await licenseFileFor(card.path, context);
      if (license && !licenses.has(license.path)) licenses.set(license.path, undefined);
    }
    for (const f of context.files) {
      if (f.kind === "license" && f.status !== "removed" && holding.has(dirname(f.path))) licenses.set(f.path, undefined);
    }
    const { byPath } = fileIndex(context.files);
    for (const path of licenses.keys()) {
      await context.checkpoint();
      const file = byPath.get(path);
      const body = file ? (file.content.type === "text" ? file.content.text : undefined) : await context.repo?.read(path);
      if (body === undefined) continue;
      const lines = body.split("\n");
      const at = lines.findIndex((l) => NO_DISTRIBUTION.test(l));
      if (at !== -1) say(path, at + 1, quoted(lines[at] ?? ""), "file");
    }
  },
});
