/**
 * Schemas for the payload fields the default-branch jobs read
 * (install-handler.ts), in the manner of payloads.ts: checked before a
 * handler touches them, so a trimmed or hand-made delivery is answered and
 * ignored with one log line that names the field, never a TypeError, and
 * nothing odd reaches a request path (a sha is 40 hex digits, a name
 * GitHub-shaped, an id a positive safe integer).
 */
import { z } from "zod";

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const id = z.number({ error: "expected a positive integer" }).int().min(1).max(Number.MAX_SAFE_INTEGER);
const sha = z.string({ error: "expected a 40-digit hex commit sha" }).regex(/^[0-9a-f]{40}$/u, { error: "expected a 40-digit hex commit sha" });
const login = z.string({ error: "expected a GitHub login" }).regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,38}(?:\[bot\])?$/u, { error: "expected a GitHub login" });
const repoName = z
  .string({ error: "expected a repository name" })
  .regex(/^[A-Za-z0-9._-]{1,100}$/u, { error: "expected a repository name" })
  .refine((name) => name !== "." && name !== "..", { error: "expected a repository name, not . or .." });
/** A branch or ref name: git allows much, but never control characters, spaces or `..`. */
const refName = z
  .string({ error: "expected a branch name" })
  .max(255, { error: "expected at most 255 characters" })
  .regex(/^[^\s\p{Cc}~^:?*[\\]+$/u, { error: "expected a branch name" })
  .refine((name) => !name.includes(".."), { error: "expected a branch name" });
const paths = z.array(z.string().max(4096)).max(10_000).optional();

const repository = z.object({
  name: repoName,
  full_name: z.string().max(200),
  private: z.boolean(),
  archived: z.boolean().optional(),
  default_branch: refName,
});

const installationEvent = z.object({
  installation: z.object({ id, account: z.object({ login: login.optional() }).nullable().optional() }),
});

const installationRepositoriesEvent = z.object({
  installation: z.object({ id, account: z.object({ login: login.optional() }).nullable().optional() }),
  repositories_added: z.array(z.object({ id })).max(100_000),
});

const pushEvent = z.object({
  ref: z.string().max(300),
  after: sha,
  deleted: z.boolean().optional(),
  repository: repository.extend({
    default_branch: refName.optional(),
    master_branch: refName.optional(),
    owner: z.object({ login: login.optional(), name: login.nullable().optional() }),
  }),
  commits: z.array(z.object({ added: paths, removed: paths, modified: paths })).max(2048).optional(),
  installation: z.object({ id }).optional(),
});

const issuesEvent = z.object({
  issue: z.object({ number: id, body: z.string().max(1_000_000).nullable().optional(), user: z.object({ login }).nullable() }),
  sender: z.object({ login, type: z.string().max(40) }),
  repository: repository.extend({ owner: z.object({ login }) }),
  installation: z.object({ id }).optional(),
});

export type InstallationEvent = z.infer<typeof installationEvent>;
export type InstallationRepositoriesEvent = z.infer<typeof installationRepositoriesEvent>;
export type PushEvent = z.infer<typeof pushEvent>;
export type IssuesEvent = z.infer<typeof issuesEvent>;

function where(path: readonly PropertyKey[]): string {
  return path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("").replace(/^\./, "") || "(payload)";
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): Parsed<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, problem: "(payload): not valid" };
  const missing = issue.code === "invalid_type" && issue.input === undefined;
  return { ok: false, problem: `${where(issue.path)}: ${missing ? "missing" : issue.message}` };
}

export const parseInstallationEvent = (payload: unknown) => parseWith(installationEvent, payload);
export const parseInstallationRepositoriesEvent = (payload: unknown) => parseWith(installationRepositoriesEvent, payload);
export const parsePushEvent = (payload: unknown) => parseWith(pushEvent, payload);
export const parseIssuesEvent = (payload: unknown) => parseWith(issuesEvent, payload);
