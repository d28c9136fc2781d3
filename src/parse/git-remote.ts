/**
 * Where a checkout comes from: its `origin` remote, read from the text of
 * `.git/config`. A clone of a Hub model repository
 * (`https://huggingface.co/owner/name`, `git@hf.co:owner/name`) and a
 * GitHub repository are recognised; anything else (another host, a Hub
 * dataset or Space, a local path) is not an origin Cardinal knows.
 */
import type { RepositoryOrigin } from "../core/types.js";
import { isRepoId } from "./repo-id.js";

const HOSTS: Readonly<Record<string, RepositoryOrigin["host"]>> = {
  "huggingface.co": "huggingface.co",
  "hf.co": "huggingface.co",
  "github.com": "github.com",
};

/** The `url` of `[remote "origin"]`, as git writes it. */
function originUrl(config: string): string | undefined {
  let inOrigin = false;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      inOrigin = /^\[\s*remote\s+"origin"\s*\]$/.test(line);
      continue;
    }
    if (!inOrigin) continue;
    const equals = line.indexOf("=");
    if (equals === -1 || line.slice(0, equals).trim() !== "url") continue;
    const value = line.slice(equals + 1).trim();
    const unquoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
    if (unquoted) return unquoted;
  }
  return undefined;
}

/** `https://user:token@huggingface.co/owner/name.git` → host and path; scp-like `git@hf.co:owner/name` too. */
function hostAndPath(url: string): { host: string; path: string } | undefined {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)(.+)$/.exec(url);
  if (scp?.[1] && scp[2]) return { host: scp[1].toLowerCase(), path: scp[2] };
  try {
    const parsed = new URL(url);
    if (!["https:", "http:", "ssh:", "git:"].includes(parsed.protocol)) return undefined;
    return { host: parsed.hostname.toLowerCase(), path: decodeURIComponent(parsed.pathname) };
  } catch {
    return undefined;
  }
}

export function originOfGitConfig(config: string): RepositoryOrigin | undefined {
  const url = originUrl(config);
  const where = url ? hostAndPath(url) : undefined;
  const host = where ? HOSTS[where.host.replace(/^www\./, "")] : undefined;
  if (!where || !host) return undefined;
  const segments = where.path.split("/").filter((s) => s !== "");
  const last = segments.at(-1);
  if (last?.endsWith(".git")) segments[segments.length - 1] = last.slice(0, -".git".length);
  // A Hub dataset or Space is not a model repository; its files have no model scan to read here.
  if (host === "huggingface.co" && (segments[0] === "datasets" || segments[0] === "spaces")) return undefined;
  const id = segments.join("/");
  if (host === "github.com" && segments.length !== 2) return undefined;
  return isRepoId(id) ? { host, id } : undefined;
}
