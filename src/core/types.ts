import type { Text } from "./text.js";

export type Severity = "error" | "warning" | "notice";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "notice"];

/** A replacement Cardinal is certain of: lines `line`..`endLine` become `replacement`. */
export interface Fix {
  readonly line: number;
  readonly endLine: number;
  /** The new text of those lines, without the final line break. */
  readonly replacement: string;
}

/** One problem, as plain data. Lines are 1-based lines of the whole file. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Short statement of what is wrong (the rule's title unless the rule refines it). */
  readonly title: string;
  /** The specifics: what Cardinal saw, with user values kept apart. */
  readonly message: Text;
  /** How to fix it, for this occurrence. */
  readonly hint?: Text;
  readonly path: string;
  readonly line?: number;
  readonly endLine?: number;
  readonly column?: number;
  readonly endColumn?: number;
  readonly fix?: Fix;
  readonly docsUrl: string;
}

export type FileStatus = "added" | "modified" | "removed" | "renamed" | "unchanged";

/** What Cardinal holds of a file's bytes. Binary data is never decoded as text. */
export type FileContent =
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "binary" }
  | { readonly type: "lfs-pointer"; readonly oid: string; readonly size: number }
  /** Starts like a Git LFS pointer but does not parse as one. */
  | { readonly type: "lfs-pointer-invalid"; readonly text: string }
  | { readonly type: "too-large"; readonly limit: number }
  | { readonly type: "unavailable"; readonly reason: string }
  | { readonly type: "removed" }
  /** Cardinal did not need the bytes (for example a weight file). */
  | { readonly type: "not-fetched" };

export interface WorkspaceFile {
  /** Repository-relative path with forward slashes. */
  readonly path: string;
  readonly status: FileStatus;
  readonly previousPath?: string;
  /** Size in bytes when known (the real object size for an LFS pointer). */
  readonly size?: number;
  readonly content: FileContent;
  /** The first bytes of a file whose text Cardinal does not read (weights), when it has them. */
  readonly head?: Uint8Array;
}

export type AuthorAssociation =
  | "OWNER"
  | "MEMBER"
  | "COLLABORATOR"
  | "CONTRIBUTOR"
  | "FIRST_TIME_CONTRIBUTOR"
  | "FIRST_TIMER"
  | "MANNEQUIN"
  | "NONE";

export interface PullRequestContext {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly author: { readonly login: string; readonly isBot: boolean; readonly association: AuthorAssociation };
  readonly draft: boolean;
  readonly headSha: string;
  readonly baseSha: string;
  readonly fork: boolean;
}

export interface RepositoryOrigin {
  readonly host: "github.com" | "huggingface.co";
  /** `owner/name` as the host spells it. */
  readonly id: string;
}

export interface Workspace {
  readonly source: "pull-request" | "folder";
  /** The relevant files (changed files for a PR, all relevant files for a folder). */
  readonly files: readonly WorkspaceFile[];
  readonly pullRequest?: PullRequestContext;
  /**
   * Where the reviewed files come from, when the door knows: the GitHub
   * repository of a pull request or a default-branch review, or a checkout's
   * `origin` remote (a clone of a Hub model repository says huggingface.co).
   */
  readonly repository?: RepositoryOrigin;
  /** Set when the PR lists more files than GitHub returns (3,000). */
  readonly truncated?: { readonly listed: number; readonly total: number };
}

/** What a rule reports; the engine adds rule id, severity and docs link. */
export interface Report {
  readonly path: string;
  readonly message: Text;
  readonly title?: string;
  readonly hint?: Text;
  readonly line?: number;
  readonly endLine?: number;
  readonly column?: number;
  readonly endColumn?: number;
  readonly fix?: Fix;
  /**
   * The highest severity this finding may have: a rule whose evidence is
   * weaker in one case (a license inferred from a name, not read from the
   * Hub) lowers that finding below the rule's configured severity. Never
   * raises it, and `off` still means off.
   */
  readonly atMost?: Severity;
}
