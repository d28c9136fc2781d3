import { defineRule } from "../../../core/rule.js";
import { text, trusted } from "../../../core/text.js";
import { cardLabel } from "../../../parse/card.js";
import { basename, dirname } from "../../../parse/classify.js";

/** The one name the Hub reads a card from (huggingface_hub `constants.REPOCARD_NAME`). */
const HUB_CARD_NAME = "README.md";

export default defineRule({
  meta: {
    id: "card/file-name",
    title: "Card file is not named README.md",
    description: "The card of a Hub repository is the file named exactly `README.md`, in that case.",
    why:
      "The Hub renders a repository's `README.md` as its model or dataset card and reads the metadata from it. GitHub shows `readme.md` or `Readme.md` just as well, so the mistake goes unnoticed until the Hub page has no card, no license and no metadata at all.",
    defaultSeverity: "warning",
  },
  check({ cards, files, report }) {
    const paths = new Set(files.filter((f) => f.status !== "removed").map((f) => f.path));
    for (const card of cards) {
      const name = basename(card.path);
      if (name === HUB_CARD_NAME || name.toLowerCase() !== HUB_CARD_NAME.toLowerCase()) continue;
      const dir = dirname(card.path);
      const exact = dir ? `${dir}/${HUB_CARD_NAME}` : HUB_CARD_NAME;
      // A README.md beside it is the card; this file is another document.
      if (paths.has(exact)) continue;
      report({
        path: card.path,
        line: 1,
        message: text`This ${trusted(cardLabel(card))} is named ${name}; the Hub reads a card only from a file named exactly ${HUB_CARD_NAME}, so on the Hub this repository would have no card and none of its metadata (GitHub shows either name).`,
        hint: text`Rename the file to ${HUB_CARD_NAME}. On a file system that ignores case, rename in two steps: ${`git mv ${card.path} ${card.path}.tmp && git mv ${card.path}.tmp ${exact}`}.`,
      });
    }
  },
});
