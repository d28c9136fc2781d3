/**
 * `npm run replay -- <folder>`: see what Cardinal would post on a pull
 * request, without GitHub. A fake GitHub API on 127.0.0.1
 * (src/tools/fake-github.ts) serves the folder's files as a pull request
 * that adds them; `probot receive` then replays a `pull_request.opened`
 * webhook through the real app, and what the app sends (check run, comment,
 * suggestions review, label) is printed.
 *
 * The app's log is shown one line an entry on stderr (set LOG_FORMAT to see
 * Probot's own format). A development tool: it listens on the loopback
 * interface only and stops when the replay ends.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { startFakeGitHub, type FakeGitHubOptions, type Posted } from "./fake-github.js";

const USAGE = `Usage: npm run replay -- <folder>

Serves <folder> as a pull request that adds every file in it, replays a
pull_request.opened webhook through Cardinal, and prints the check run and
comment it would post. The Hub checks ask HF_ENDPOINT (default: the
Hugging Face Hub); docs/development.md shows how to use the local fake Hub.
`;

const LEVELS: Readonly<Record<number, string>> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/** One entry of the app's JSON log as one line: level, message, and the error's message when it adds something. */
export function logLine(raw: string): string {
  let entry: unknown;
  try {
    entry = JSON.parse(raw);
  } catch {
    return raw;
  }
  if (!entry || typeof entry !== "object" || typeof (entry as { msg?: unknown }).msg !== "string") return raw;
  const { level, msg, err } = entry as { level?: unknown; msg: string; err?: { message?: unknown } };
  const name = typeof level === "number" ? (LEVELS[level] ?? String(level)) : String(level ?? "log");
  const detail = typeof err?.message === "string" ? err.message.split("\n")[0] ?? "" : "";
  const text = msg.split("\n")[0] ?? "";
  return `app ${name}: ${text}${detail && !text.includes(detail) ? ` (${detail})` : ""}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** What the app wrote to the fake GitHub, for a person to read. */
export function describePosted(posted: readonly Posted[]): string {
  if (posted.length === 0) return "Cardinal posted nothing.\n";
  const parts = posted.map((p): string => {
    switch (p.kind) {
      case "check-run": {
        const notes = p.annotations.map((a) => `  ${a.path}:${a.start_line}  ${a.annotation_level}  ${a.title ?? ""}`.trimEnd());
        if (p.action === "updated") return [`── check run "Cardinal" updated: ${plural(p.annotations.length, "more annotation")}`, ...notes, ""].join("\n");
        return [
          `── check run "Cardinal": ${p.conclusion ?? "(no conclusion)"} — ${p.title ?? "(no title)"}${p.annotations.length > 0 ? ` (${plural(p.annotations.length, "annotation")})` : ""}`,
          ...notes,
          "",
          p.summary ?? "",
          "",
        ].join("\n");
      }
      case "comment":
        return p.action === "deleted" ? "── comment deleted (a duplicate)\n" : `── comment on the pull request${p.action === "updated" ? " (edited)" : ""}\n\n${p.body}`;
      case "review":
        return [
          `── review: ${p.body}`,
          ...p.comments.flatMap((c) => ["", `${c.path}, line ${c.line}:`, c.body]),
          "",
        ].join("\n");
      case "labels":
        return `── label added: ${p.labels.join(", ")}\n`;
    }
  });
  return `${parts.join("\n")}\n`;
}

async function pipeLog(stream: Readable, json: boolean, write: (s: string) => void): Promise<void> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) write(`${json ? logLine(line) : line}\n`);
}

export interface ReplayIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

/** The replay; resolves to its exit code: 0 done, 1 the app or the fake failed, 2 a usage error. */
export async function replay(args: readonly string[], io: ReplayIO, options: FakeGitHubOptions = {}): Promise<number> {
  if (args.includes("-h") || args.includes("--help")) {
    io.stdout(USAGE);
    return 0;
  }
  const option = args.find((a) => a.startsWith("-"));
  if (option !== undefined || args.length !== 1) {
    const problem = option !== undefined ? `unknown option ${option}` : args.length === 0 ? "which folder?" : "give one folder";
    io.stderr(`replay: ${problem}\n\n${USAGE}`);
    return 2;
  }
  const folder = path.resolve(args[0] as string);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    io.stderr(`replay: ${folder} is not a folder\n\n${USAGE}`);
    return 2;
  }
  if (io.env["NODE_ENV"] === "production") {
    io.stderr("replay: NODE_ENV is production; the replay feeds a webhook that carries no signature, which Cardinal refuses in production. Run it without NODE_ENV=production.\n");
    return 2;
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const probotBin = path.join(root, "node_modules/probot/bin/probot.js");
  const app = path.join(root, "lib/index.js");
  if (!existsSync(probotBin) || !existsSync(app)) {
    io.stderr(`replay: ${existsSync(app) ? "Probot is not installed; run npm install" : "lib/index.js is missing; run npm run build"}\n`);
    return 2;
  }

  const github = await startFakeGitHub(folder, options);
  const scratch = mkdtempSync(path.join(tmpdir(), "cardinal-replay-"));
  let code: number;
  try {
    const payloadPath = path.join(scratch, "pull_request.opened.json");
    writeFileSync(payloadPath, JSON.stringify(github.payload));
    // Probot's pretty log prints a whole stack under each error; unless LOG_FORMAT asks for a
    // format, the JSON log is read here and shown one line an entry.
    const json = !io.env["LOG_FORMAT"];
    const child = spawn(
      process.execPath,
      [probotBin, "receive", "-e", "pull_request", "-p", payloadPath, "-t", "ghp_replay", "--base-url", github.url, ...(json ? ["--log-format", "json"] : []), app],
      {
        stdio: ["ignore", "pipe", "pipe"],
        // A folder holds LFS pointers, not the objects: weight bytes are not read unless asked for
        // (CARDINAL_WEIGHT_BYTES=on shows the notices a review gives for objects it cannot fetch).
        env: { ...io.env, LOG_LEVEL: io.env["LOG_LEVEL"] ?? "warn", CARDINAL_REPLAY: "1", CARDINAL_WEIGHT_BYTES: io.env["CARDINAL_WEIGHT_BYTES"] ?? "off" },
      },
    );
    const logs = Promise.all([pipeLog(child.stdout, json, io.stderr), pipeLog(child.stderr, json, io.stderr)]);
    code = await new Promise<number>((resolve) => {
      child.on("error", (error) => {
        io.stderr(`replay: could not start probot receive: ${error.message}\n`);
        resolve(1);
      });
      child.on("close", (status) => resolve(status ?? 1));
    });
    await logs;
  } finally {
    await github.close();
    rmSync(scratch, { recursive: true, force: true });
  }

  io.stdout(`Replayed pull_request.opened for ${plural(github.files.length, "file")} of ${folder}\n\n`);
  io.stdout(describePosted(github.posted));
  for (const route of new Set(github.unknown)) {
    io.stderr(`replay: Cardinal asked for ${route}, which the replay's fake GitHub does not answer; add the route to src/tools/fake-github.ts\n`);
  }
  if (github.unknown.length > 0) return 1;
  if (code !== 0) io.stderr(`replay: the app ended with exit code ${code}; its log is above\n`);
  return code;
}

// Run as a script only (test/replay.test.ts imports it).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const io: ReplayIO = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), env: process.env };
  replay(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
