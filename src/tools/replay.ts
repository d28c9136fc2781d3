/**
 * `npm run replay -- <folder>`: see what Cardinal would post on a pull
 * request, without GitHub. A small fake GitHub API on 127.0.0.1 serves the
 * folder's files as a pull request that adds them; `probot receive` then
 * replays a `pull_request.opened` webhook through the real app, and the
 * comment and check run the app sends are printed.
 *
 * A development tool: it listens on the loopback interface only and stops
 * when the replay ends.
 */
import { spawn } from "node:child_process";
import { readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { glob } from "tinyglobby";
import { createHash } from "node:crypto";
import { IGNORED_DIRECTORIES } from "../io/fs/workspace.js";
import { answerGraphql, type FakeGraphqlState, type GraphqlRequestBody } from "./fake-github-graphql.js";

const OWNER = "local";
const REPO = "model-release";
const PR = 1;
const HEAD_SHA = "0000000000000000000000000000000000000001";
const BASE_SHA = "0000000000000000000000000000000000000000";

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  return raw ? JSON.parse(raw) : undefined;
}

/** A unified diff of a new small text file, as GitHub's `patch` field has it. */
function patchOf(bytes: Buffer): string | undefined {
  if (bytes.length > 4096 || bytes.includes(0)) return undefined;
  const lines = bytes.toString("utf8").replace(/\n$/, "").split("\n");
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;
}

async function main(): Promise<number> {
  const folder = path.resolve(process.argv[2] ?? ".");
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    process.stderr.write(`usage: npm run replay -- <folder>\n`);
    return 2;
  }
  const files = (await glob("**/*", { cwd: folder, dot: true, onlyFiles: true, ignore: IGNORED_DIRECTORIES })).sort();
  const posted: string[] = [];
  /** A file of the folder, or undefined outside it or when absent. */
  const readInFolder = (file: string): Buffer | undefined => {
    const absolute = path.join(folder, file);
    if (!absolute.startsWith(folder) || !statSync(absolute, { throwIfNoEntry: false })?.isFile()) return undefined;
    return readFileSync(absolute);
  };
  // Git's blob sha of each file, as GitHub lists it with a pull request's files.
  const shaOf = new Map<string, string>();
  const bySha = new Map<string, string>();
  for (const file of files) {
    const bytes = readFileSync(path.join(folder, file));
    const sha = createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
    shaOf.set(file, sha);
    bySha.set(sha, file);
  }
  const graphql: FakeGraphqlState = {
    config: (owner, name) => (owner === OWNER && name === REPO ? readInFolder(".github/cardinal.yml")?.toString("utf8") : undefined),
    comments: () => [],
    checkRuns: () => [],
    blob: (sha) => {
      const file = bySha.get(sha);
      return file === undefined ? undefined : readInFolder(file);
    },
    file: (commit, file) => (commit === HEAD_SHA ? readInFolder(file) : undefined),
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const route = `${req.method} ${url.pathname}`;
      const repoPrefix = `/repos/${OWNER}/${REPO}`;
      if (route === "GET /app") return send(res, 200, { slug: "cardinal-local" });
      if (route === `GET ${repoPrefix}/pulls/${PR}/files`) {
        const page = Number(url.searchParams.get("page") ?? "1");
        if (page > 1) return send(res, 200, []);
        return send(
          res,
          200,
          files.map((filename) => {
            const patch = patchOf(readFileSync(path.join(folder, filename)));
            return { sha: shaOf.get(filename), filename, status: "added", additions: 1, deletions: 0, changes: 1, ...(patch ? { patch } : {}) };
          }),
        );
      }
      if (req.method === "GET" && url.pathname.startsWith(`/repos/${OWNER}/`) && url.pathname.includes("/contents/")) {
        const inRepo = url.pathname.startsWith(`${repoPrefix}/contents/`);
        const file = decodeURIComponent(url.pathname.slice(url.pathname.indexOf("/contents/") + "/contents/".length));
        const absolute = path.join(folder, file);
        if (!inRepo || !absolute.startsWith(folder) || !statSync(absolute, { throwIfNoEntry: false })?.isFile()) {
          return send(res, 404, { message: "Not Found" });
        }
        const bytes = readFileSync(absolute);
        if ((req.headers.accept ?? "").includes("raw")) {
          res.writeHead(200, { "content-type": "application/vnd.github.raw" });
          return res.end(bytes);
        }
        return send(res, 200, { type: "file", encoding: "base64", size: bytes.length, path: file, content: bytes.toString("base64") });
      }
      if (route === "POST /graphql") return send(res, 200, answerGraphql((await readBody(req)) as GraphqlRequestBody, graphql));
      if (route === `GET ${repoPrefix}/commits/${HEAD_SHA}/check-runs`) return send(res, 200, { total_count: 0, check_runs: [] });
      if (route === `GET ${repoPrefix}/issues/${PR}/comments`) return send(res, 200, []);
      if (route === `POST ${repoPrefix}/check-runs` || route.startsWith(`PATCH ${repoPrefix}/check-runs/`)) {
        const body = (await readBody(req)) as { conclusion?: string; output?: { title: string; summary: string; annotations?: unknown[] } };
        if (body.output) {
          posted.push(
            `── check run "Cardinal": ${body.conclusion ?? "(update)"} — ${body.output.title} (${annotationCount(body.output.annotations?.length ?? 0)})\n\n${body.output.summary}\n`,
          );
        }
        return send(res, 201, { id: 1 });
      }
      if (route === `POST ${repoPrefix}/issues/${PR}/comments`) {
        const body = (await readBody(req)) as { body: string };
        posted.push(`── comment on the pull request\n\n${body.body}`);
        return send(res, 201, { id: 1 });
      }
      send(res, 404, { message: `The replay server does not know ${route}` });
    })().catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const scratch = mkdtempSync(path.join(tmpdir(), "cardinal-replay-"));
  const payloadPath = path.join(scratch, "pull_request.opened.json");
  const repo = { name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER, type: "User" }, default_branch: "main" };
  writeFileSync(
    payloadPath,
    JSON.stringify({
      action: "opened",
      number: PR,
      pull_request: {
        number: PR,
        title: `Release ${path.basename(folder)}`,
        draft: false,
        changed_files: files.length,
        author_association: "FIRST_TIME_CONTRIBUTOR",
        user: { login: "new-contributor", type: "User" },
        head: { sha: HEAD_SHA, ref: "release", repo },
        base: { sha: BASE_SHA, ref: "main", repo },
      },
      repository: repo,
      installation: { id: 1 },
      sender: { login: "new-contributor", type: "User" },
    }),
  );

  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const probotBin = path.join(root, "node_modules/probot/bin/probot.js");
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [probotBin, "receive", "-e", "pull_request", "-p", payloadPath, "-t", "ghp_replay", "--base-url", `http://127.0.0.1:${port}`, path.join(root, "lib/index.js")],
      { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, LOG_LEVEL: process.env["LOG_LEVEL"] ?? "warn", CARDINAL_REPLAY: "1" } },
    );
    child.on("exit", (status) => resolve(status ?? 1));
  });
  server.close();
  rmSync(scratch, { recursive: true, force: true });

  process.stdout.write(`Replayed pull_request.opened for ${files.length} files of ${folder}\n\n`);
  process.stdout.write(posted.length > 0 ? `${posted.join("\n")}\n` : "Cardinal posted nothing.\n");
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`replay failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);

/** "1 annotation", "3 annotations". */
function annotationCount(n: number): string {
  return `${n} annotation${n === 1 ? "" : "s"}`;
}
