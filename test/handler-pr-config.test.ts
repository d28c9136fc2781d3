/**
 * Issue 20: a pull request that adds or edits `.github/cardinal.yml` and
 * breaks it is told so in a comment. The default branch's configuration
 * problems are for maintainers (the check run shows them, they never start
 * a comment); the pull request's own file is its author's change, like a
 * broken card. Both are reported at `.github/cardinal.yml`, so the path
 * alone cannot tell them apart.
 */
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import { CARD_BODY_LINES } from "./helpers/cards.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import {
  api,
  createProbot,
  fixture,
  mockCreateCheckRun,
  mockCreateComment,
  mockListFiles,
  mockReviewStart,
  mockSnapshot,
  prFile,
  type CheckRunBody,
  useNockSandbox,
} from "./helpers/github.js";

useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });

const CARD_PATH = "models/x/README.md";
/** A card with no finding at all. */
const GOOD_CARD = ["---", "license: apache-2.0", "library_name: transformers", "pipeline_tag: text-generation", "---", "", "# tiny-llm-x", "", ...CARD_BODY_LINES].join("\n");

async function reviewWith(delivery: string, options: { prConfig?: string; defaultConfig?: string }) {
  const probot = await createProbot(app);
  const checkRuns: CheckRunBody[] = [];
  const comments: string[] = [];
  const scope = api();
  mockReviewStart(scope);
  const files: Record<string, string> = { [CARD_PATH]: GOOD_CARD };
  if (options.prConfig !== undefined) files[".github/cardinal.yml"] = options.prConfig;
  mockListFiles(scope, Object.keys(files).map((path) => prFile(path)));
  mockSnapshot(scope, { files, ...(options.defaultConfig !== undefined ? { config: options.defaultConfig } : {}) });
  mockCreateCheckRun(scope, checkRuns);
  mockCreateComment(scope, comments);
  await probot.receive({ id: delivery, name: "pull_request", payload: fixture<"pull_request.opened">("pull_request.opened.json") });
  expect(unmatched.requests).toEqual([]);
  return { checkRuns, comments, pending: scope.pendingMocks() };
}

describe("a pull request's own configuration problems", () => {
  it("a pull request adding a broken .github/cardinal.yml gets a comment saying so", async () => {
    const { checkRuns, comments, pending } = await reviewWith("delivery-pr-config-1", { prConfig: "comment: sometimes\n" });
    expect(pending).toEqual([]);
    expect(checkRuns[0]!.output.summary).toContain("This change breaks Cardinal's configuration");
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("cardinal/config-valid");
    expect(comments[0]).toContain("`comment` must be findings, always or never, not `sometimes`. Once merged, Cardinal would use the default for this setting.");
  });

  it("the default branch's broken configuration still starts none (the check run shows it)", async () => {
    const { checkRuns, comments, pending } = await reviewWith("delivery-pr-config-2", { defaultConfig: "comment: sometimes\n" });
    expect(checkRuns[0]!.output.summary).toContain("`comment` must be findings, always or never, not `sometimes`. Cardinal used the default for this setting.");
    expect(comments).toEqual([]);
    // Only the comment's mock is left.
    expect(pending).toHaveLength(1);
  });

  it("a pull request adding a valid configuration to a clean release starts none", async () => {
    const { checkRuns, comments } = await reviewWith("delivery-pr-config-3", { prConfig: "comment: findings\n" });
    expect(checkRuns[0]!.conclusion).toBe("success");
    expect(comments).toEqual([]);
  });
});
