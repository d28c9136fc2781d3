/**
 * The port through which rules see the rest of the repository at the
 * reviewed revision: files the pull request does not touch (a `.gitattributes`
 * at the root, the other shards of a checkpoint, an existing model card).
 * Implementations fetch lazily, once per review, and only when a rule asks.
 */
export interface RepoFiles {
  /**
   * Which of `paths` are files at the reviewed revision, or undefined when
   * that cannot be known. Implementations answer a whole list at once (one
   * request for a pull request), so callers ask for every candidate together.
   */
  existing(paths: readonly string[]): Promise<ReadonlySet<string> | undefined>;
  /** The text of a file at the reviewed revision, or undefined when absent or unreadable. */
  read(path: string): Promise<string | undefined>;
  /**
   * Every file under `dir` ("" for the root), at any depth, when the
   * implementation can list a folder whole: a folder on disk can; a pull
   * request's port does not offer it (each listing would cost requests), so
   * rules that need it stay silent there.
   */
  filesUnder?(dir: string): Promise<readonly string[] | undefined>;
}

/** A review's files by path and the folders that hold them, built once per files array. */
export interface FileIndex<F extends { readonly path: string }> {
  /** The first file listed under each path. */
  readonly byPath: ReadonlyMap<string, F>;
  /** Every folder that directly holds a listed file ("" for the root). */
  readonly dirs: ReadonlySet<string>;
}

const indexes = new WeakMap<readonly { readonly path: string }[], FileIndex<{ readonly path: string }>>();

/**
 * The index of a files array, memoised on the array itself: the engine
 * hands every rule the same array, so the rules of one review share one
 * index and no rule scans the files once per card or per path.
 */
export function fileIndex<F extends { readonly path: string }>(files: readonly F[]): FileIndex<F> {
  const known = indexes.get(files);
  if (known) return known as FileIndex<F>;
  const byPath = new Map<string, F>();
  const dirs = new Set<string>();
  for (const f of files) {
    if (!byPath.has(f.path)) byPath.set(f.path, f);
    const slash = f.path.lastIndexOf("/");
    dirs.add(slash === -1 ? "" : f.path.slice(0, slash));
  }
  const index: FileIndex<F> = { byPath, dirs };
  indexes.set(files, index);
  return index;
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
  return (await filesExist(context, [path])).get(path);
}

/**
 * Whether each of `paths` exists at the reviewed revision, asked in one go:
 * the workspace first, then the repository for the rest. undefined: unknown.
 */
export async function filesExist(context: KnownFiles, paths: readonly string[]): Promise<Map<string, boolean | undefined>> {
  const answers = new Map<string, boolean | undefined>();
  const ask: string[] = [];
  const { byPath } = fileIndex(context.files);
  for (const path of new Set(paths)) {
    const file = byPath.get(path);
    if (file) answers.set(path, file.status !== "removed");
    else ask.push(path);
  }
  if (ask.length > 0) {
    const found = context.repo ? await context.repo.existing(ask) : undefined;
    for (const path of ask) answers.set(path, found ? found.has(path) : undefined);
  }
  return answers;
}

/** The `.gitattributes` paths whose patterns can apply to `path`: the root's and each parent folder's. */
export function gitattributesCandidates(path: string): string[] {
  const parts = path.split("/").slice(0, -1);
  return [".gitattributes", ...parts.map((_, i) => `${parts.slice(0, i + 1).join("/")}/.gitattributes`)];
}

/**
 * The text of every `.gitattributes` that can apply to `forPaths` (the root's
 * and their folders'), from the workspace or the repository; undefined when
 * Cardinal cannot see the repository beyond the workspace.
 */
export async function gitattributesFiles(
  context: KnownFiles & { readonly files: readonly { readonly path: string; readonly content: { readonly type: string; readonly text?: string } }[] },
  forPaths: readonly string[],
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
  const candidates = [...new Set(forPaths.flatMap(gitattributesCandidates))].filter((p) => !out.has(p) && !removed.has(p));
  if (candidates.length === 0) return list();
  const present = await context.repo.existing(candidates);
  if (!present) return undefined;
  for (const p of candidates.filter((c) => present.has(c))) {
    const text = await context.repo.read(p);
    if (text !== undefined) out.set(p, text);
  }
  return list();
}
