import { beforeAny } from "../core/strings.js";
/**
 * Hub repository ids (`namespace/name` or a legacy `name`), as
 * huggingface_hub's validate_repo_id checks them (mirroring the Hub's
 * Names.ts): letters, digits, `_`, `.` and `-`; a name of 1–96 characters
 * that does not start or end with `-` or `.`; no `--` or `..`; not ending
 * in `.git`; at most one `/`.
 */
const PART = /^[A-Za-z0-9_.-]{1,96}$/;

export type RepoKind = "model" | "dataset" | "space";

export interface RepoIdProblem {
  /** What is wrong, in a few words. */
  readonly reason: string;
  /** The id Cardinal is certain was meant (from a URL or a `@revision`), when there is one. */
  readonly suggestion?: string;
}

function validPart(part: string): boolean {
  return (
    PART.test(part) &&
    !/^[-.]|[-.]$/.test(part) &&
    !part.includes("--") &&
    !part.includes("..") &&
    !part.endsWith(".git")
  );
}

export function isRepoId(value: string): boolean {
  const parts = value.split("/");
  return parts.length <= 2 && parts.every(validPart);
}

const HUB_HOSTS = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/(.*)$/i;
const TYPE_PREFIX: Record<RepoKind, string> = { model: "", dataset: "datasets/", space: "spaces/" };

/**
 * Why a value is not a repo id of the given kind, or undefined when it is
 * one. A Hub URL, a `datasets/` prefix or an `@revision` suffix yields the
 * id as a certain suggestion.
 */
export function checkRepoId(raw: string, kind: RepoKind): RepoIdProblem | undefined {
  const value = raw.trim();
  if (value === "") return { reason: "it is empty" };
  if (isRepoId(value)) return undefined;

  const url = HUB_HOSTS.exec(value);
  if (url) {
    const rest = beforeAny(url[1] ?? "", "?#");
    const prefix = TYPE_PREFIX[kind];
    const path = prefix && rest.startsWith(prefix) ? rest.slice(prefix.length) : rest;
    const [ns, name] = path.split("/");
    const candidate = name ? `${ns}/${name}` : (ns ?? "");
    if (isRepoId(candidate) && !(kind === "model" && /^(datasets|spaces)$/.test(ns ?? ""))) {
      return { reason: "it is a Hub address, not a repository id", suggestion: candidate };
    }
    return { reason: `it is an address, not a ${kind} id` };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { reason: "it is an address, not a Hub repository id" };

  const at = /^([^@\s]+)@[^@\s]+$/.exec(value);
  if (at?.[1] && isRepoId(at[1])) return { reason: "a revision (`@…`) cannot be part of the id", suggestion: at[1] };

  for (const prefix of ["datasets/", "models/", "spaces/"]) {
    const rest = value.slice(prefix.length);
    if (value.startsWith(prefix) && isRepoId(rest) && rest.includes("/")) {
      return { reason: `the \`${prefix}\` prefix is not part of the id`, suggestion: rest };
    }
  }
  if (/^(\.{1,2}\/|\/|~\/|[A-Za-z]:\\)/.test(value)) return { reason: "it is a local path, not a Hub repository id" };
  if (/\s/.test(value)) return { reason: "it contains spaces: a description rather than an id" };
  if (value.split("/").length > 2) return { reason: "an id has at most one `/` (`namespace/name`)" };
  return { reason: "it has characters or a shape a Hub id cannot have" };
}
