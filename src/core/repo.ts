/**
 * The port through which rules see the rest of the repository at the
 * reviewed revision: files the pull request does not touch (a `.gitattributes`
 * at the root, the other shards of a checkpoint, an existing model card).
 * Implementations fetch lazily, once per review, and only when a rule asks.
 */
export interface RepoFiles {
  /** Every file path at the reviewed revision, or undefined when it cannot be known completely. */
  paths(): Promise<ReadonlySet<string> | undefined>;
  /** The text of a file at the reviewed revision, or undefined when absent or unreadable. */
  read(path: string): Promise<string | undefined>;
}

interface KnownFiles {
  readonly files: readonly { readonly path: string; readonly status: string; readonly content: { readonly type: string } }[];
  readonly repo?: RepoFiles;
}

/**
 * Whether a file exists at the reviewed revision: the workspace first (a
 * file the PR adds, or removes), then the repository. undefined: unknown.
 */
export async function fileExists(context: KnownFiles, path: string): Promise<boolean | undefined> {
  const file = context.files.find((f) => f.path === path);
  if (file) return file.status !== "removed";
  const paths = await context.repo?.paths();
  return paths ? paths.has(path) : undefined;
}

/**
 * The text of every `.gitattributes`, from the workspace or the repository;
 * undefined when Cardinal cannot see the repository beyond the workspace.
 */
export async function gitattributesFiles(
  context: KnownFiles & { readonly files: readonly { readonly path: string; readonly content: { readonly type: string; readonly text?: string } }[] },
): Promise<{ path: string; text: string }[] | undefined> {
  const out = new Map<string, string>();
  const removed = new Set<string>();
  for (const f of context.files) {
    if (!f.path.endsWith(".gitattributes") || (f.path !== ".gitattributes" && !f.path.endsWith("/.gitattributes"))) continue;
    if (f.status === "removed") removed.add(f.path);
    else if (f.content.type === "text" && typeof f.content.text === "string") out.set(f.path, f.content.text);
  }
  const list = () => [...out].map(([path, text]) => ({ path, text }));
  if (!context.repo) return out.size > 0 ? list() : undefined;
  const paths = await context.repo.paths();
  const candidates = paths ? [...paths].filter((p) => p === ".gitattributes" || p.endsWith("/.gitattributes")) : [".gitattributes"];
  for (const p of candidates) {
    if (out.has(p) || removed.has(p)) continue;
    const text = await context.repo.read(p);
    if (text !== undefined) out.set(p, text);
  }
  return list();
}
