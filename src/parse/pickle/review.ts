/**
 * The pickle scans of one review, shared by the rules that report on them
 * (weights/pickle-calls-code, weights/pickle-unknown-import,
 * weights/pickle-not-scanned): each file is read and walked once, whichever
 * rule asks first. Only files whose format loads a pickle are read.
 */
import type { ByteSource } from "../../core/bytes.js";
import { rangeReader } from "../../core/bytes.js";
import type { ReviewFile, RuleContext } from "../../core/rule.js";
import { basename } from "../classify.js";
import { TRAINING_STATE, weightFacts, type WeightFacts } from "../weights.js";
import { scanPickleFile, type FoundImport, type Incomplete, type PickleScan } from "./scan.js";

export interface ScannedFile {
  readonly file: ReviewFile;
  readonly facts: WeightFacts;
  readonly scan: PickleScan;
  /** Training state (optimizer.pt, training_args.bin …): its imports of trainer classes are expected. */
  readonly trainingState: boolean;
}

/** One cache per ByteSource, that is per review: the same bytes are never walked twice. */
const scans = new WeakMap<ByteSource, Map<string, Promise<PickleScan>>>();

/** Whether Cardinal reads a weight file's bytes for pickles: its format loads one, or may (NumPy files hold object arrays as pickles). */
export function mayHoldPickle(file: ReviewFile): WeightFacts | undefined {
  if (file.kind !== "weights" || file.status === "removed") return undefined;
  const content = file.content.type;
  if (content === "removed" || content === "lfs-pointer-invalid" || content === "unavailable" || content === "text") return undefined;
  const facts = weightFacts(file.path, file.head);
  if (facts.pickle) return facts;
  // A plain array proven by its header holds no pickle; a NumPy name without bytes might.
  if ((facts.format === "numpy" && facts.by === "name") || facts.format === "numpy-archive") return facts;
  return undefined;
}

/** The scans of the review's pickle files, in file order; empty when the door gives no bytes. */
export async function pickleScans(context: RuleContext): Promise<ScannedFile[]> {
  const source = context.bytes;
  if (!source) return [];
  let cache = scans.get(source);
  if (!cache) {
    cache = new Map();
    scans.set(source, cache);
  }
  const out: ScannedFile[] = [];
  for (const file of context.files) {
    const facts = mayHoldPickle(file);
    if (!facts) continue;
    await context.checkpoint();
    let pending = cache.get(file.path);
    if (!pending) {
      pending = scanPickleFile(rangeReader(source, file.path), { tick: context.checkpoint });
      cache.set(file.path, pending);
    }
    out.push({ file, facts, scan: await pending, trainingState: TRAINING_STATE.test(basename(file.path)) });
  }
  return out;
}

/** "offset 180 of `archive/data.pkl`" as its parts: where a finding points inside the file. */
export function placeOf(item: { readonly offset?: number; readonly where: string }): { offset?: number; where?: string } {
  return { ...(item.offset !== undefined ? { offset: item.offset } : {}), ...(item.where ? { where: item.where } : {}) };
}

/** Imports listed once per name (the first place it occurs), in order of first occurrence. */
export function distinctImports(imports: readonly FoundImport[]): FoundImport[] {
  const seen = new Map<string, FoundImport>();
  for (const i of imports) if (!seen.has(`${i.module}\n${i.name}`)) seen.set(`${i.module}\n${i.name}`, i);
  return [...seen.values()];
}

export type { Incomplete };
