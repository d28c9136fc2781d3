/**
 * Webhook payloads for the default-branch jobs, in the shape GitHub
 * documents for `installation`, `installation_repositories`, `push` and
 * `issues` (https://docs.github.com/webhooks/webhook-events-and-payloads),
 * trimmed of fields Cardinal does not read but keeping the ones a real
 * delivery always has.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { Writable } from "node:stream";
import { pino } from "pino";
import { Probot } from "probot";
import { privateKey, TestOctokit, type LogLine } from "./github.js";
import type { FakeOrg, FakeRepo } from "./fake-org.js";
import { APP_LOGIN, APP_SLUG } from "./fake-org.js";

export const ORG = "acme-ai";
export const ORG_ID = 91234567;
export const INSTALLATION = 48151623;

const organization = { login: ORG, id: ORG_ID, node_id: "O_kgDOBXc", type: "Organization", url: `https://api.github.com/orgs/${ORG}` };
const admin = { login: "ada-admin", id: 5101, node_id: "U_kgDOAAT9", type: "User" };

function installation() {
  return {
    id: INSTALLATION,
    client_id: "Iv23liCardinalTest",
    account: { ...organization, html_url: `https://github.com/${ORG}` },
    repository_selection: "all",
    access_tokens_url: `https://api.github.com/app/installations/${INSTALLATION}/access_tokens`,
    repositories_url: "https://api.github.com/installation/repositories",
    html_url: `https://github.com/organizations/${ORG}/settings/installations/${INSTALLATION}`,
    app_id: 123,
    app_slug: APP_SLUG,
    target_id: ORG_ID,
    target_type: "Organization",
    permissions: { checks: "write", contents: "read", issues: "write", metadata: "read", pull_requests: "write" },
    events: ["check_run", "issue_comment", "issues", "pull_request", "push"],
    created_at: "2026-12-07T01:00:00Z",
    updated_at: "2026-12-07T01:00:00Z",
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

function repositoryOf(org: FakeOrg, repo: FakeRepo) {
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: `${org.owner}/${repo.name}`,
    private: repo.private,
    owner: { ...organization, name: ORG, email: null },
    html_url: `https://github.com/${org.owner}/${repo.name}`,
    description: null,
    fork: false,
    url: `https://api.github.com/repos/${org.owner}/${repo.name}`,
    created_at: 1764000000,
    pushed_at: 1765070000,
    size: 120,
    archived: repo.archived,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    default_branch: repo.defaultBranch,
    master_branch: repo.defaultBranch,
  };
}

export function installationCreated(org: FakeOrg) {
  return {
    action: "created",
    installation: installation(),
    repositories: [...org.repos.values()].map((r) => ({ id: r.id, node_id: `R_${r.id}`, name: r.name, full_name: `${org.owner}/${r.name}`, private: r.private })),
    requester: null,
    sender: admin,
  };
}

export function repositoriesAdded(org: FakeOrg, names: readonly string[]) {
  const added = names.map((n) => org.repos.get(n)!);
  return {
    action: "added",
    installation: installation(),
    repository_selection: "selected",
    repositories_added: added.map((r) => ({ id: r.id, node_id: `R_${r.id}`, name: r.name, full_name: `${org.owner}/${r.name}`, private: r.private })),
    repositories_removed: [],
    requester: null,
    sender: admin,
  };
}

/** A push of one commit; `changed` are the paths it touched (GitHub lists them per commit). */
export function push(org: FakeOrg, name: string, before: string, after: string, changed: { added?: string[]; modified?: string[]; removed?: string[] }, ref?: string) {
  const repo = org.repos.get(name)!;
  const commit = {
    id: after,
    tree_id: after.split("").reverse().join(""),
    distinct: true,
    message: "Update the release",
    timestamp: "2026-12-07T02:00:00Z",
    url: `https://github.com/${org.owner}/${name}/commit/${after}`,
    author: { name: "Ada", email: "ada@example.com", username: "ada-admin" },
    committer: { name: "Ada", email: "ada@example.com", username: "ada-admin" },
    added: changed.added ?? [],
    removed: changed.removed ?? [],
    modified: changed.modified ?? [],
  };
  return {
    ref: ref ?? `refs/heads/${repo.defaultBranch}`,
    before,
    after,
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/${org.owner}/${name}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: [commit],
    head_commit: commit,
    repository: repositoryOf(org, repo),
    pusher: { name: "ada-admin", email: "ada@example.com" },
    organization,
    sender: admin,
    installation: { id: INSTALLATION, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDgxNTE2MjM=" },
  };
}

export function issueEdited(org: FakeOrg, name: string, issue: { number: number; title: string; body: string; previous: string }, sender = admin) {
  const repo = org.repos.get(name)!;
  return {
    action: "edited",
    issue: {
      id: issue.number * 7919,
      node_id: "I_kwDOCardinal",
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: "open",
      user: { login: APP_LOGIN, id: 9001, node_id: "BOT_kgDOCard", type: "Bot" },
      labels: [],
      html_url: `https://github.com/${org.owner}/${name}/issues/${issue.number}`,
      created_at: "2026-12-07T01:00:00Z",
      updated_at: "2026-12-07T02:00:00Z",
    },
    changes: { body: { from: issue.previous } },
    repository: repositoryOf(org, repo),
    organization,
    sender,
    installation: { id: INSTALLATION, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDgxNTE2MjM=" },
  };
}

/** A Probot that talks to the fake organisation and keeps its log lines. */
export function orgProbot(org: FakeOrg): { probot: Probot; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const probot = new Probot({ appId: 123, privateKey, baseUrl: org.url, log: pino({ level: "info" }, stream), Octokit: TestOctokit });
  return { probot, lines };
}

/** Writes a test artefact under test-output/ (git-ignored) and returns its path. */
export function writeArtefact(name: string, content: string | Buffer): string {
  const dir = new URL("../../test-output/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(name, dir);
  writeFileSync(file, content);
  return file.pathname;
}
