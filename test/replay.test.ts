/**
 * `npm run replay -- <folder>` on every fixture folder: the real app under
 * `probot receive`, the fake GitHub of src/tools/fake-github.ts and the fake
 * Hub, all on 127.0.0.1. What a developer reads is asserted: the check run
 * and comment, and no stack trace anywhere.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import nock from "nock";
import { beforeAll, describe, expect, it } from "vitest";
import { startFakeGitHub } from "../src/tools/fake-github.js";
import { logLine, replay } from "../src/tools/replay.js";
import { allowFakeHub, useFakeHub } from "./helpers/fake-hub.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const FOLDERS = path.join(ROOT, "test/fixtures/folders");
/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at .+(\(|:\d+:\d+)/m;

const hub = useFakeHub();

beforeAll(() => {
  nock.disableNetConnect();
  allowFakeHub();
  if (!existsSync(path.join(ROOT, "lib/index.js"))) throw new Error("lib/index.js is missing: run `npm run build` before this test");
});

async function run(args: readonly string[], options: Parameters<typeof replay>[2] = {}) {
  let stdout = "";
  let stderr = "";
  const env = { ...process.env, HF_ENDPOINT: hub.hub?.url ?? "http://127.0.0.1:9" };
  delete env["LOG_FORMAT"];
  delete env["LOG_LEVEL"];
  const code = await replay(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env }, options);
  return { code, stdout, stderr };
}

/** What each fixture's replay posts: the check run's headline, and whether a comment follows. */
const EXPECTED: Readonly<Record<string, { check: string; comment: boolean; review?: boolean }>> = {
  adapter: { check: 'check run "Cardinal": success — 1 warning (1 annotation)', comment: true, review: true },
  "broken-card": { check: 'check run "Cardinal": failure — 1 error (1 annotation)', comment: true },
  "clean-release": { check: 'check run "Cardinal": success — No problems found', comment: false },
  "eval-results": { check: 'check run "Cardinal": success — 1 warning (1 annotation)', comment: true, review: true },
  "no-lfs": { check: 'check run "Cardinal": success — 1 notice (1 annotation)', comment: false },
  "pickle-only": { check: 'check run "Cardinal": success — 1 warning, 1 notice (2 annotations)', comment: true },
  "project-readme": { check: 'check run "Cardinal": success — No problems found', comment: false },
  "sharded-missing": { check: 'check run "Cardinal": failure — 1 error (1 annotation)', comment: true },
  "with-config": { check: 'check run "Cardinal": success — 3 warnings (3 annotations)', comment: true },
};

describe("npm run replay", () => {
  const folders = readdirSync(FOLDERS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

  it("has an expectation for every fixture folder", () => {
    expect(folders).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(folders)("replays %s: the check run and comment are printed, no stack trace", { timeout: 60_000 }, async (folder) => {
    const { code, stdout, stderr } = await run([path.join(FOLDERS, folder)]);
    const expected = EXPECTED[folder];
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Replayed pull_request\.opened for \d+ files? of /);
    expect(stdout).toContain(`── ${expected?.check}`);
    expect(stdout.includes("── comment on the pull request\n\n<!-- cardinal:guidance -->")).toBe(expected?.comment);
    expect(stdout.includes("── review: Cardinal suggests")).toBe(expected?.review ?? false);
    expect(stdout).not.toMatch(STACK_LINE);
  });

  it("prints the first-time contributor's welcome and the suggestion the app posts", { timeout: 60_000 }, async () => {
    const { stdout } = await run([path.join(FOLDERS, "adapter")]);
    expect(stdout).toContain("### 👋 Welcome, @new-contributor, and thank you for your first pull request to local/model-release!");
    expect(stdout).toContain("README.md, line 6:\nAdapter's base model is not in the card (`release/adapter-base-model`)\n\n```suggestion\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n");
  });

  it("runs as the npm script does (node lib/tools/replay.js), exit 0", { timeout: 60_000 }, () => {
    const env = { ...process.env, HF_ENDPOINT: hub.hub?.url ?? "http://127.0.0.1:9" };
    delete env["LOG_FORMAT"];
    const result = spawnSync(process.execPath, [path.join(ROOT, "lib/tools/replay.js"), "test/fixtures/folders/broken-card"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
      timeout: 50_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('── check run "Cardinal": failure — 1 error (1 annotation)\n  README.md:');
    expect(result.stdout).toContain("Metadata block is not valid YAML");
  });

  it("a route the fake GitHub lacks: one line that names it, exit 1, no stack trace", { timeout: 60_000 }, async () => {
    const route = "GET /repos/local/model-release/pulls/1/reviews";
    const { code, stdout, stderr } = await run([path.join(FOLDERS, "adapter")], { unknownRoutes: [route] });
    expect(code).toBe(1);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stdout).not.toMatch(STACK_LINE);
    const lines = stderr.trimEnd().split("\n");
    expect(lines.at(-1)).toBe(
      `replay: Cardinal asked for ${route}, which the replay's fake GitHub does not answer; add the route to src/tools/fake-github.ts`,
    );
    // The app's own log of the failure is one line too, not Probot's 150-line error dump.
    expect(lines.length).toBeLessThanOrEqual(4);
    expect(stderr).toContain("app error: review failed");
  });

  it("a missing folder, no folder, an unknown option: usage, exit 2", async () => {
    const missing = await run([path.join(FOLDERS, "no-such-folder")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^replay: .*no-such-folder is not a folder\n\nUsage: npm run replay -- <folder>/);
    expect((await run([])).stderr).toMatch(/^replay: which folder\?\n/);
    const option = await run(["--fake", path.join(FOLDERS, "adapter")]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^replay: unknown option --fake\n/);
    expect(missing.stdout + option.stdout).toBe("");
  });

  it("NODE_ENV=production: one line saying why the replay cannot run, exit 2", async () => {
    let stderr = "";
    const code = await replay([path.join(FOLDERS, "adapter")], { stdout: () => undefined, stderr: (s) => (stderr += s), env: { NODE_ENV: "production" } });
    expect(code).toBe(2);
    expect(stderr).toBe(
      "replay: NODE_ENV is production; the replay feeds a webhook that carries no signature, which Cardinal refuses in production. Run it without NODE_ENV=production.\n",
    );
  });
});

describe("the replay's fake GitHub", () => {
  it("answers an unknown route 404 with a message that names it, and records it", async () => {
    const github = await startFakeGitHub(path.join(FOLDERS, "broken-card"));
    try {
      const response = await fetch(`${github.url}/repos/local/model-release/deployments`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: "The replay's fake GitHub does not answer GET /repos/local/model-release/deployments" });
      expect(github.unknown).toEqual(["GET /repos/local/model-release/deployments"]);
    } finally {
      await github.close();
    }
  });

  it("a body that is not JSON gets 400 with a message, not a crash", async () => {
    const github = await startFakeGitHub(path.join(FOLDERS, "broken-card"));
    try {
      const response = await fetch(`${github.url}/repos/local/model-release/check-runs`, { method: "POST", body: "{" });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toBe("the body of POST /repos/local/model-release/check-runs is not a JSON object");
      expect(github.posted).toEqual([]);
    } finally {
      await github.close();
    }
  });
});

describe("logLine", () => {
  it("shows a JSON log entry with an error as one line: level, message, the error's first line", () => {
    const entry = {
      level: 50,
      msg: "review failed",
      err: { type: "HttpError", message: "Not Found\nmore", stack: "HttpError: Not Found\n    at fetchWrapper (file:///x.js:1:1)" },
    };
    expect(logLine(JSON.stringify(entry))).toBe("app error: review failed (Not Found)");
  });

  it("passes a line that is not a JSON log entry through", () => {
    expect(logLine("No token specified")).toBe("No token specified");
    expect(logLine("[1,2]")).toBe("[1,2]");
  });
});
