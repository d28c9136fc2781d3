import { defineRule } from "../../../core/rule.js";
import { prose, text } from "../../../core/text.js";

export default defineRule({
  meta: {
    id: "cardinal/pr-file-limit",
    title: "Pull request too large to review completely",
    description: "Cardinal saw every file of the pull request (GitHub lists at most 3,000).",
    why:
      "GitHub's API returns at most 3,000 files of a pull request. Files past that limit were not reviewed, so a clean result does not cover them.",
    defaultSeverity: "warning",
  },
  check({ workspace, report }) {
    const truncated = workspace.truncated;
    if (!truncated) return;
    report({
      path: "",
      message: text`This pull request changes ${truncated.total} files; GitHub lists only the first ${truncated.listed}, and Cardinal reviewed those.`,
      hint: prose("Split the release into smaller pull requests, or run Cardinal's command-line tool on the branch (`cardinal check .`) to review every file."),
    });
  },
});
