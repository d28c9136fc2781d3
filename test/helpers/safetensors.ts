/** safetensors files built in memory for tests: a valid layout, or a header written by hand. */

/** Bytes per element of the dtypes tests use. */
const BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, I64: 8, U8: 1, F8_E4M3: 1, BOOL: 1 };

export interface TensorSpec {
  readonly dtype: string;
  readonly shape: readonly number[];
}

/** The 8-byte little-endian length, then `header` (JSON text or an object), then `dataBytes` zero bytes. */
export function rawSafetensors(header: string | object, dataBytes: number, lengthOverride?: number): Uint8Array {
  const json = Buffer.from(typeof header === "string" ? header : JSON.stringify(header), "utf8");
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(lengthOverride ?? json.length), true);
  out.set(json, 8);
  return out;
}

/** The header object of a valid file holding `tensors` in order, and its data size. */
export function safetensorsHeader(tensors: Record<string, TensorSpec>, metadata?: Record<string, string>): { header: Record<string, unknown>; dataBytes: number } {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const size = t.shape.reduce((a, b) => a * b, 1) * (BYTES[t.dtype] ?? 4);
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  return { header, dataBytes: offset };
}

/** A valid safetensors file holding `tensors` (zeros). */
export function safetensorsFile(tensors: Record<string, TensorSpec>, metadata?: Record<string, string>): Uint8Array {
  const { header, dataBytes } = safetensorsHeader(tensors, metadata);
  return rawSafetensors(header, dataBytes);
}

/**
 * The first bytes of a safetensors file of `size` bytes holding one U8
 * tensor that fills it: the length and header only (for an LFS object whose
 * data the fake serves as zeros).
 */
export function checkpointHead(size: number): Uint8Array {
  let data = size - 8;
  for (let i = 0; i < 3; i++) {
    const json = JSON.stringify({ __metadata__: { format: "pt" }, "model.weight": { dtype: "U8", shape: [data], data_offsets: [0, data] } });
    data = size - 8 - Buffer.byteLength(json);
  }
  const { header } = { header: { __metadata__: { format: "pt" }, "model.weight": { dtype: "U8", shape: [data], data_offsets: [0, data] } } };
  return rawSafetensors(header, 0);
}
