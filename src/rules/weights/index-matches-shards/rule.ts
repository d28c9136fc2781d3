import { fileIndex, filesExist } from "../../../core/repo.js";
import { defineRule } from "../../../core/rule.js";
import { joinText, prose, text, trusted, type Text } from "../../../core/text.js";
import { basename, dirname } from "../../../parse/classify.js";
import { formatBytes, safetensorsHeaderOf } from "../../../parse/safetensors.js";
import { unsafeShardReason } from "../../../parse/weights.js";

/** Tensor names shown in one finding; the rest are counted. */
const NAMES_SHOWN = 5;

const count = (n: number) => trusted(n.toLocaleString("en-US"));

function names(list: readonly string[]): Text {
  const shown = list.slice(0, NAMES_SHOWN);
  return joinText(
    [...shown.map((name) => text`${name}`), ...(list.length > shown.length ? [trusted(`and ${(list.length - shown.length).toLocaleString("en-US")} more`)] : [])],
    ", ",
  );
}

/** The index's weight map, tensor → shard, with only string values; undefined when it has none. */
export function weightMap(textValue: string): { map: Map<string, string>; totalSize?: unknown } | undefined {
  let index: unknown;
  try {
    index = JSON.parse(textValue);
  } catch {
    return undefined;
  }
  if (typeof index !== "object" || index === null || Array.isArray(index)) return undefined;
  const raw = (index as { weight_map?: unknown }).weight_map;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const map = new Map<string, string>();
  for (const [tensor, shard] of Object.entries(raw)) if (typeof shard === "string") map.set(tensor, shard);
  const metadata = (index as { metadata?: unknown }).metadata;
  const totalSize = typeof metadata === "object" && metadata !== null ? (metadata as { total_size?: unknown }).total_size : undefined;
  return { map, ...(totalSize !== undefined ? { totalSize } : {}) };
}

export default defineRule({
  meta: {
    id: "weights/index-matches-shards",
    title: "The checkpoint index does not match its shards",
    description:
      "The tensors a `model.safetensors.index.json` maps to each shard are exactly the tensors in that shard's header, and its `metadata.total_size` is the bytes they hold.",
    why:
      "Loaders open each shard the index names and look up the tensors it lists there. A tensor the index places in a shard that lacks it fails the load; a tensor in a shard the index does not list is silently dropped, leaving a layer randomly initialised. Both happen when shards from two saves are mixed.",
    defaultSeverity: "error",
  },
  async check(context) {
    const source = context.bytes;
    if (!source) return;
    for (const file of context.files) {
      if (file.kind !== "weights-index" || file.status === "removed" || file.content.type !== "text") continue;
      if (!basename(file.path).endsWith(".safetensors.index.json")) continue;
      const index = weightMap(file.content.text);
      if (!index) continue; // weights/shards-complete and release/config-json-valid say what is wrong
      const dir = dirname(file.path);
      const pathOf = (shard: string) => (dir ? `${dir}/${shard}` : shard);
      const byShard = new Map<string, Set<string>>();
      for (const [tensor, shard] of index.map) {
        if (unsafeShardReason(shard) !== undefined) continue; // weights/shards-complete reports it
        let set = byShard.get(shard);
        if (!set) byShard.set(shard, (set = new Set()));
        set.add(tensor);
      }
      const shards = [...byShard.keys()].sort();
      // A shard that is not there is weights/shards-complete's; only the others are read.
      const exists = await filesExist(context, shards.map(pathOf));
      const missing: string[] = [];
      const extra: string[] = [];
      const unread: { shard: string; reason: string }[] = [];
      let dataBytes = 0;
      let complete = true;
      for (const shard of shards) {
        await context.checkpoint();
        if (exists.get(pathOf(shard)) === false) {
          complete = false;
          continue;
        }
        // In a folder, a shard that is only its LFS pointer on disk has no header to read (weights/lfs-pointer-valid's).
        const onDisk = context.workspace.source === "folder" ? fileIndex(context.files).byPath.get(pathOf(shard)) : undefined;
        if (onDisk?.content.type === "lfs-pointer") {
          complete = false;
          continue;
        }
        const read = await safetensorsHeaderOf(source, pathOf(shard));
        if (!read.ok) {
          unread.push({ shard, reason: read.reason });
          complete = false;
          continue;
        }
        if (read.header.problems.length > 0) {
          complete = false; // weights/safetensors-header-valid reports the shard
          continue;
        }
        const mapped = byShard.get(shard) ?? new Set<string>();
        const held = new Set(read.header.tensors.map((t) => t.name));
        for (const tensor of mapped) if (!held.has(tensor)) missing.push(tensor);
        for (const tensor of held) if (!mapped.has(tensor)) extra.push(tensor);
        dataBytes += read.header.dataBytes;
      }
      if (missing.length > 0) {
        context.report({
          path: file.path,
          line: 1,
          message: text`${file.path} maps ${count(missing.length)} ${prose(missing.length === 1 ? "tensor" : "tensors")} to shards that do not hold ${prose(missing.length === 1 ? "it" : "them")}: ${names(missing)}. Loading fails when it looks them up.`,
          hint: prose("Save the checkpoint again (`save_pretrained` writes the shards and the index together) and commit every shard with the new index."),
        });
      }
      if (extra.length > 0) {
        context.report({
          path: file.path,
          line: 1,
          message: text`The shards hold ${count(extra.length)} ${prose(extra.length === 1 ? "tensor" : "tensors")} that ${file.path} does not map to ${prose(extra.length === 1 ? "its shard" : "their shards")}: ${names(extra)}. Loaders that follow the index never read ${prose(extra.length === 1 ? "it" : "them")}.`,
          hint: prose("Save the checkpoint again so that the index lists every tensor of every shard, or remove shards left over from an earlier save."),
        });
      }
      if (unread.length > 0) {
        const [first] = unread;
        context.report({
          path: file.path,
          line: 1,
          atMost: "notice",
          title: "Checkpoint shards not compared with the index",
          message:
            unread.length === 1 && first
              ? text`Cardinal could not read the header of ${first.shard}: ${trusted(first.reason)}. Its tensors were not compared with ${file.path}.`
              : text`Cardinal could not read the headers of ${count(unread.length)} shards (${joinText(unread.slice(0, NAMES_SHOWN).map((u) => text`${u.shard}: ${trusted(u.reason)}`), "; ")}). Their tensors were not compared with ${file.path}.`,
          hint: prose("Nothing is said about those shards; run `cardinal check` on a clone with the weights present to compare them."),
        });
      }
      const total = index.totalSize;
      if (complete && missing.length === 0 && extra.length === 0 && typeof total === "number" && Number.isFinite(total) && total !== dataBytes) {
        context.report({
          path: file.path,
          line: 1,
          atMost: "warning",
          title: "The checkpoint index's total size is wrong",
          message: text`${file.path} says \`metadata.total_size\` is ${count(total)} bytes, but its shards' tensors hold ${count(dataBytes)} bytes (${trusted(formatBytes(dataBytes))}).`,
          hint: prose("Save the checkpoint again so that the index is written from the shards; tools that size downloads or memory from `total_size` are misled."),
        });
      }
    }
  },
});
