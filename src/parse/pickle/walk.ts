/**
 * Walks the opcodes of one pickle stream (protocols 0-5) without executing
 * anything, keeping a symbolic stack and memo just precise enough to know
 * which names STACK_GLOBAL imports: strings pushed, memoised, fetched back,
 * popped as decoys. Every import is listed with its opcode offset; an import
 * whose name is not a literal string (the result of a call, bytes, a number)
 * is listed as unresolved, never skipped.
 */
import { classifyGlobal as classify } from "./globals.js";
import { Cursor, ScanStop, strictUtf8Text, subRegion, utf8Text, type Region } from "./region.js";

export interface ImportSite {
  readonly module: string;
  readonly name: string;
  /** Byte offset of the opcode in the region scanned. */
  readonly offset: number;
  readonly opcode: "GLOBAL" | "INST" | "STACK_GLOBAL";
}

export interface UnresolvedSite {
  readonly offset: number;
  readonly opcode: "STACK_GLOBAL" | "EXT1" | "EXT2" | "EXT4";
  /** What stood where the names should be, or the extension code. */
  readonly detail: string;
}

/** Bytes inside the stream that are themselves a pickle (`pickle.loads(b"\x80\x04…")`). */
export interface NestedPickle {
  readonly offset: number;
  readonly length: number;
  /** Set when the bytes had to be decoded from a latin-1 string (protocol 0-2 bytes). */
  readonly decoded?: Uint8Array;
}

export interface WalkLimits {
  /** Opcodes per file, across its streams. */
  maxOps: number;
  maxMemo: number;
  maxStack: number;
  /** Longest string whose value is kept (module and attribute names are short). */
  maxName: number;
  /** Largest nested pickle examined. */
  maxNested: number;
}

export const DEFAULT_LIMITS: WalkLimits = {
  maxOps: 20_000_000,
  maxMemo: 2_000_000,
  maxStack: 1_000_000,
  maxName: 4096,
  maxNested: 16 * 1024 * 1024,
};

export interface WalkBudget {
  ops: number;
  /** Called every CHECK_EVERY opcodes: the review's checkpoint (may throw to stop the review). */
  readonly tick?: () => Promise<void> | void;
}

const CHECK_EVERY = 100_000;

/** Items kept of a tuple or dict (joblib's wrapper state has six). */
const MAX_KEPT = 32;

const JOBLIB_WRAPPER = "joblib.numpy_pickle.NumpyArrayWrapper";

/** Largest stack and memo copied to walk a second reading of joblib's array bytes. */
const MAX_SEEDED = 100_000;

/**
 * Bytes per item of a NumPy dtype string as pickled (`numpy.dtype("f8", False, True)`):
 * "object" for object arrays, undefined for one Cardinal does not measure.
 */
export function numpyItemsize(descr: string): number | "object" | undefined {
  const m = /^[<>|=]?([a-zA-Z])(\d*)$/.exec(descr);
  if (!m) return undefined;
  const kind = m[1] as string;
  const n = m[2] ? Number(m[2]) : undefined;
  if (kind === "O") return "object";
  if (kind === "b" || kind === "B" || kind === "?") return n ?? 1;
  if (kind === "U") return n === undefined ? undefined : 4 * n;
  if ("iufcSVMmah".includes(kind)) return n;
  return undefined;
}

type Value =
  | { readonly k: "str"; readonly v: string }
  /** A short string not decoded yet: its bytes are at `at` in the region (decoded only if an import needs it). */
  | { readonly k: "strAt"; readonly at: number; readonly n: number }
  | { readonly k: "longstr" }
  | { readonly k: "bytes" }
  | { readonly k: "global"; readonly module: string; readonly name: string }
  /** A call's result: `callee` is the global called, when it was one; `args` what it was called with. */
  | { readonly k: "call"; readonly of: string; readonly callee?: string; readonly args?: Value }
  /** Small concrete values, kept so that joblib's inline arrays can be measured. */
  | { readonly k: "int"; readonly v: number }
  | { readonly k: "tuple"; readonly items: readonly Value[] }
  | { readonly k: "dict"; readonly entries: [Value, Value][] }
  | { readonly k: "num" }
  | { readonly k: "obj"; readonly what: string };

const NUM: Value = { k: "num" };
const BYTES: Value = { k: "bytes" };
const LONGSTR: Value = { k: "longstr" };
const obj = (what: string): Value => ({ k: "obj", what });

function describe(value: Value | undefined): string {
  if (!value) return "nothing";
  switch (value.k) {
    case "str":
      return `the string ${JSON.stringify(value.v)}`;
    case "strAt":
      return "a string";
    case "longstr":
      return "a very long string";
    case "bytes":
      return "a bytes value";
    case "global":
      return `the global ${value.module}.${value.name}`;
    case "call":
      return `the result of calling ${value.of}`;
    case "int":
      return "a number";
    case "tuple":
      return "a tuple";
    case "dict":
      return "a dict";
    case "num":
      return "a number";
    case "obj":
      return value.what;
  }
}

function label(value: Value | undefined): string {
  if (value?.k === "global") return `${value.module}.${value.name}`;
  if (value?.k === "call") return `the result of ${value.of}`;
  return "an object";
}

/** Where a walk starts from when it continues another (the second reading of joblib's array bytes). */
export interface WalkState {
  readonly stack: readonly Value[];
  readonly metastack: readonly (readonly Value[])[];
  readonly memo: ReadonlyMap<number, Value>;
}

export interface StreamResult {
  readonly imports: ImportSite[];
  readonly unresolved: UnresolvedSite[];
  readonly nested: NestedPickle[];
  /** Offset just past STOP. */
  readonly end: number;
  /** Set when the stream could not be walked to its STOP. */
  readonly stop?: ScanStop;
}

/** True when the bytes start like a protocol 2-5 pickle. */
export function looksLikePickle(b0: number | undefined, b1: number | undefined): boolean {
  return b0 === 0x80 && b1 !== undefined && b1 >= 2 && b1 <= 5;
}

/**
 * Walks one stream from `start` to its STOP. Never throws for bad input: a
 * truncated or malformed stream, or one past a limit, comes back with `stop`
 * and what was found before it. Only the review's own checkpoint may throw.
 */
export async function walkStream(region: Region, start: number, limits: WalkLimits, budget: WalkBudget, seed?: WalkState): Promise<StreamResult> {
  const c = new Cursor(region, start);
  const imports: ImportSite[] = [];
  const unresolved: UnresolvedSite[] = [];
  const nested: NestedPickle[] = [];
  const memo = new Map<number, Value>(seed?.memo);
  let stack: Value[] = seed ? [...seed.stack] : [];
  const metastack: Value[][] = seed ? seed.metastack.map((s) => [...s]) : [];
  let depth = stack.length + metastack.reduce((n, s) => n + s.length, 0);

  const malformed = (message: string, at: number) => new ScanStop("malformed", message, at);
  const push = (v: Value, at: number) => {
    if (++depth > limits.maxStack) throw new ScanStop("bound", `the stack holds more than ${limits.maxStack.toLocaleString("en-US")} values`, at);
    stack.push(v);
  };
  const pop = (at: number, op: string): Value => {
    const v = stack.pop();
    if (v === undefined) throw malformed(`${op} finds the stack empty`, at);
    depth--;
    return v;
  };
  const top = (at: number, op: string): Value => {
    const v = stack[stack.length - 1];
    if (v === undefined) throw malformed(`${op} finds the stack empty`, at);
    return v;
  };
  const popMark = (at: number, op: string): Value[] => {
    const items = stack;
    const previous = metastack.pop();
    if (previous === undefined) throw malformed(`${op} finds no MARK`, at);
    stack = previous;
    depth -= items.length;
    return items;
  };
  const remember = (index: number, at: number, op: string) => {
    if (memo.size >= limits.maxMemo && !memo.has(index)) throw new ScanStop("bound", `the memo holds more than ${limits.maxMemo.toLocaleString("en-US")} entries`, at);
    memo.set(index, top(at, op));
  };
  const recall = (index: number, at: number, op: string) => {
    const v = memo.get(index);
    if (v === undefined) throw malformed(`${op} asks for memo entry ${index}, which was never stored`, at);
    push(v, at);
  };
  const decimal = (bytes: Uint8Array, at: number, op: string): number => {
    const textValue = utf8Text(bytes).trim();
    if (!/^\d{1,15}$/.test(textValue)) throw malformed(`${op} has the argument ${JSON.stringify(textValue.slice(0, 40))}, not a memo index`, at);
    return Number(textValue);
  };
  /** A GLOBAL/INST name line; Python fails the load on one that is not UTF-8, so the import never happens. */
  const nameLine = async (op: string): Promise<string> => {
    const at = c.pos;
    const value = strictUtf8Text(await c.line(limits.maxName));
    if (value === undefined) throw malformed(`${op} names a module or attribute in bytes that are not UTF-8`, at);
    return value;
  };
  const importOf = (module: string, name: string, at: number, opcode: ImportSite["opcode"]): Value => {
    imports.push({ module, name, offset: at, opcode });
    return { k: "global", module, name };
  };
  /** A string payload of `n` bytes: its value when short, and a look at whether it is a pickle encoded as latin-1 text. */
  const stringPayload = async (n: number, at: number): Promise<Value> => {
    if (n <= limits.maxName) {
      const value: Value = { k: "strAt", at: c.pos, n };
      c.skip(n);
      return value;
    }
    if (n <= limits.maxNested * 2) {
      const head = await c.take(Math.min(n, 4));
      c.pos -= head.length;
      // U+0080 then U+0002..U+0005 in UTF-8: c2 80 0x: a pickle stored as text (protocol 2's bytes).
      if (head[0] === 0xc2 && head[1] === 0x80 && looksLikePickle(0x80, head[2])) {
        const chars = utf8Text(await c.take(n));
        const decoded = new Uint8Array(chars.length);
        let ok = true;
        for (let i = 0; i < chars.length; i++) {
          const code = chars.charCodeAt(i);
          if (code > 0xff) {
            ok = false;
            break;
          }
          decoded[i] = code;
        }
        if (ok) nested.push({ offset: at, length: decoded.length, decoded });
        return LONGSTR;
      }
    }
    c.skip(n);
    return LONGSTR;
  };
  /** A bytes payload is stepped over; its first two bytes say whether it is itself a pickle. Sync unless those bytes must be read. */
  const bytesNow = (n: number): Value | undefined => {
    if (n >= 2) {
      if (!c.has(2)) return undefined;
      const b0 = c.byte();
      const b1 = c.byte();
      c.pos -= 2;
      if (looksLikePickle(b0, b1) && n <= limits.maxNested) nested.push({ offset: c.pos, length: n });
    }
    c.skip(n);
    return BYTES;
  };
  const bytesPayload = async (n: number): Promise<Value> => {
    const now = bytesNow(n);
    if (now) return now;
    await c.fill(2);
    return bytesNow(n) as Value;
  };
  const shortText = (n: number): Value => {
    const value: Value = n <= limits.maxName ? { k: "strAt", at: c.pos, n } : LONGSTR;
    c.skip(n);
    return value;
  };
  /** The text of a string value, decoding one kept as a position. */
  const textOf = async (value: Value): Promise<Value> => (value.k === "strAt" ? { k: "str", v: utf8Text(await region.read(value.at, value.n)) } : value);

  const tuple = (items: readonly Value[]): Value => (items.length <= MAX_KEPT ? { k: "tuple", items } : obj("a tuple"));
  const addPairs = (target: Value, items: readonly Value[]) => {
    if (target.k !== "dict") return;
    for (let i = 0; i + 1 < items.length && target.entries.length < MAX_KEPT; i += 2) target.entries.push([items[i] as Value, items[i + 1] as Value]);
  };
  const callOf = (callable: Value, args: Value): Value =>
    callable.k === "global" ? { k: "call", of: label(callable), callee: `${callable.module}.${callable.name}`, args } : { k: "call", of: label(callable) };
  /**
   * joblib writes a NumPy array's bytes into the stream right after its
   * NumpyArrayWrapper (joblib/numpy_pickle.py, `write_array`): an alignment
   * byte and padding when the wrapper says so, then the raw array, or for an
   * object array a separate protocol 2 pickle. Their length comes from the
   * wrapper's state; without it the walk cannot go on, and says so.
   */
  const joblibArray = async (state: Value, at: number) => {
    const field = async (key: string): Promise<Value | undefined> => {
      if (state.k !== "dict") return undefined;
      for (const [k, v] of state.entries) {
        const name = await textOf(k);
        if (name.k === "str" && name.v === key) return v;
      }
      return undefined;
    };
    const unsupported = (why: string) =>
      new ScanStop("unsupported", `joblib stores a NumPy array's bytes inline after its NumpyArrayWrapper, and ${why}; the rest of the stream was not scanned`, at);
    const shape = await field("shape");
    const dtype = await field("dtype");
    const alignment = await field("numpy_array_alignment_bytes");
    const descrValue = dtype?.k === "call" && dtype.callee === "numpy.dtype" && dtype.args?.k === "tuple" ? dtype.args.items[0] : undefined;
    const descr = descrValue ? await textOf(descrValue) : undefined;
    if (!descr || descr.k !== "str") throw unsupported("its dtype could not be read");
    const itemsize = numpyItemsize(descr.v);
    if (itemsize === "object") {
      // An object array is a pickle of its own, written inline: walked as one, then the outer stream goes on.
      const inner = await walkStream(region, c.pos, limits, budget);
      imports.push(...inner.imports);
      unresolved.push(...inner.unresolved);
      nested.push(...inner.nested);
      if (inner.stop) throw inner.stop;
      c.pos = inner.end;
      return;
    }
    if (itemsize === undefined) throw unsupported(`its dtype ${JSON.stringify(descr.v.slice(0, 20))} is not one Cardinal measures`);
    if (shape?.k !== "tuple" || !shape.items.every((d) => d.k === "int" && d.v >= 0)) throw unsupported("its shape could not be read");
    const count = shape.items.reduce((n, d) => n * (d.k === "int" ? d.v : 0), 1);
    const length = count * itemsize;
    if (!Number.isSafeInteger(length)) throw unsupported("its size is too large to be real");
    if (alignment?.k === "int") {
      // The padding-length byte (1-16) is no opcode: pickle.load stops there, so only joblib's reading matters.
      const ready = c.prefetch(1);
      if (ready) await ready;
      c.skip(c.byte());
    } else if (length > 0) {
      // Without it, pickle.load would read the "array" as opcodes: a file can be data to joblib.load and a
      // payload to pickle.load. That reading is walked too, and any dangerous import it reaches is reported.
      // It continues from the current stack and memo (copied, so a huge memo is not copied for every array).
      const seed = memo.size + depth <= MAX_SEEDED ? { stack, metastack, memo } : undefined;
      const asOpcodes = await walkStream(subRegion(region, 0, Math.min(region.size, c.pos + length)), c.pos, limits, budget, seed);
      imports.push(...asOpcodes.imports.filter((i) => classify(i.module, i.name) === "dangerous"));
    }
    c.skip(length);
  };

  try {
    for (;;) {
      const at = c.pos;
      if (++budget.ops > limits.maxOps) throw new ScanStop("bound", `the file has more than ${limits.maxOps.toLocaleString("en-US")} opcodes`, at);
      if (budget.tick && budget.ops % CHECK_EVERY === 0) await budget.tick();
      if (at >= region.size) throw new ScanStop("truncated", "the stream ends before its STOP opcode", at);
      // An opcode and its fixed-size argument (9 bytes at most) are read without awaiting.
      const ready = c.prefetch(16);
      if (ready) await ready;
      const op = c.byte();
      switch (op) {
        case 0x28: // MARK
          metastack.push(stack);
          stack = [];
          if (metastack.length > limits.maxStack) throw new ScanStop("bound", "too many nested MARKs", at);
          break;
        case 0x2e: // STOP
          pop(at, "STOP");
          return { imports, unresolved, nested, end: c.pos };
        case 0x30: // POP
          if (stack.length > 0) pop(at, "POP");
          else popMark(at, "POP");
          break;
        case 0x31: // POP_MARK
          popMark(at, "POP_MARK");
          break;
        case 0x32: // DUP
          push(top(at, "DUP"), at);
          break;
        case 0x46: // FLOAT
        case 0x4c: // LONG
          await c.line(limits.maxName);
          push(NUM, at);
          break;
        case 0x49: {
          // INT
          const digits = utf8Text(await c.line(limits.maxName)).trim();
          push(/^-?\d{1,15}$/.test(digits) ? { k: "int", v: Number(digits) } : NUM, at);
          break;
        }
        case 0x47: // BINFLOAT
          c.skip(8);
          push(NUM, at);
          break;
        case 0x4a: // BININT
          push({ k: "int", v: c.fixedInt32() }, at);
          break;
        case 0x4b: // BININT1
          push({ k: "int", v: c.byte() }, at);
          break;
        case 0x4d: // BININT2
          push({ k: "int", v: c.fixed(2) }, at);
          break;
        case 0x8a: {
          // LONG1: little-endian two's complement
          const n = c.byte();
          if (n <= 6) {
            const value = n === 0 ? 0 : c.fixed(n);
            push({ k: "int", v: n > 0 && value >= 2 ** (8 * n - 1) ? value - 2 ** (8 * n) : value }, at);
          } else {
            c.skip(n);
            push(NUM, at);
          }
          break;
        }
        case 0x8b: {
          // LONG4
          const n = c.fixedInt32();
          if (n < 0) throw malformed("LONG4 has a negative length", at);
          c.skip(n);
          push(NUM, at);
          break;
        }
        case 0x4e: // NONE
        case 0x88: // NEWTRUE
        case 0x89: // NEWFALSE
          push(obj("a constant"), at);
          break;
        case 0x53: {
          // STRING: a quoted Python 2 str literal
          const line = utf8Text(await c.line(limits.maxName * 4));
          const quoted = /^(['"])(.*)\1$/s.exec(line);
          if (!quoted) throw malformed("STRING has an argument that is not a quoted string", at);
          push({ k: "str", v: unescapePython(quoted[2] ?? "") }, at);
          break;
        }
        case 0x54: {
          // BINSTRING
          const n = c.fixedInt32();
          if (n < 0) throw malformed("BINSTRING has a negative length", at);
          push(shortText(n), at);
          break;
        }
        case 0x55: // SHORT_BINSTRING
          push(shortText(c.byte()), at);
          break;
        case 0x56: // UNICODE (raw-unicode-escape line)
          push({ k: "str", v: unescapeRawUnicode(utf8Text(await c.line(limits.maxName * 6))) }, at);
          break;
        case 0x58: // BINUNICODE
        case 0x8c: // SHORT_BINUNICODE
        case 0x8d: {
          // BINUNICODE8
          const n = c.fixed(op === 0x8c ? 1 : op === 0x58 ? 4 : 8);
          push(n <= limits.maxName ? shortText(n) : await stringPayload(n, at), at);
          break;
        }
        case 0x42: // BINBYTES
        case 0x43: // SHORT_BINBYTES
        case 0x8e: // BINBYTES8
        case 0x96: {
          // BYTEARRAY8
          const n = c.fixed(op === 0x43 ? 1 : op === 0x42 ? 4 : 8);
          push(bytesNow(n) ?? (await bytesPayload(n)), at);
          break;
        }
        case 0x97: // NEXT_BUFFER (out-of-band data)
          push(BYTES, at);
          break;
        case 0x98: // READONLY_BUFFER
          top(at, "READONLY_BUFFER");
          break;
        case 0x50: // PERSID
          await c.line(limits.maxName);
          push(obj("a persistent reference"), at);
          break;
        case 0x51: // BINPERSID
          pop(at, "BINPERSID");
          push(obj("a persistent reference"), at);
          break;
        case 0x52: {
          // REDUCE
          const args = pop(at, "REDUCE");
          const callable = pop(at, "REDUCE");
          push(callOf(callable, args), at);
          break;
        }
        case 0x62: {
          // BUILD
          const state = pop(at, "BUILD");
          const target = top(at, "BUILD");
          if (target.k === "call" && target.callee === JOBLIB_WRAPPER) await joblibArray(state, at);
          break;
        }
        case 0x63: {
          // GLOBAL
          const module = await nameLine("GLOBAL");
          const name = await nameLine("GLOBAL");
          push(importOf(module, name, at, "GLOBAL"), at);
          break;
        }
        case 0x69: {
          // INST: import and call with the items since MARK
          const module = await nameLine("INST");
          const name = await nameLine("INST");
          importOf(module, name, at, "INST");
          popMark(at, "INST");
          push({ k: "call", of: `${module}.${name}` }, at);
          break;
        }
        case 0x6f: {
          // OBJ: the first item since MARK is called with the rest
          const items = popMark(at, "OBJ");
          if (items.length === 0) throw malformed("OBJ has no class to call", at);
          push({ k: "call", of: label(items[0]) }, at);
          break;
        }
        case 0x81: {
          // NEWOBJ
          const args = pop(at, "NEWOBJ");
          const cls = pop(at, "NEWOBJ");
          push(callOf(cls, args), at);
          break;
        }
        case 0x92: {
          // NEWOBJ_EX
          pop(at, "NEWOBJ_EX");
          pop(at, "NEWOBJ_EX");
          const cls = pop(at, "NEWOBJ_EX");
          push({ k: "call", of: label(cls) }, at);
          break;
        }
        case 0x93: {
          // STACK_GLOBAL
          const name = await textOf(pop(at, "STACK_GLOBAL"));
          const module = await textOf(pop(at, "STACK_GLOBAL"));
          if (module.k === "str" && name.k === "str") push(importOf(module.v, name.v, at, "STACK_GLOBAL"), at);
          else {
            unresolved.push({ offset: at, opcode: "STACK_GLOBAL", detail: `module: ${describe(module)}; name: ${describe(name)}` });
            push(obj("an unresolved global"), at);
          }
          break;
        }
        case 0x82: // EXT1
        case 0x83: // EXT2
        case 0x84: {
          // EXT4: a global from copyreg's extension registry, unknown until load time
          const size = op === 0x82 ? 1 : op === 0x83 ? 2 : 4;
          const code = c.fixed(size);
          unresolved.push({ offset: at, opcode: op === 0x82 ? "EXT1" : op === 0x83 ? "EXT2" : "EXT4", detail: `extension code ${code}` });
          push(obj("an extension-registry global"), at);
          break;
        }
        case 0x29: // EMPTY_TUPLE
          push(tuple([]), at);
          break;
        case 0x7d: // EMPTY_DICT
          push({ k: "dict", entries: [] }, at);
          break;
        case 0x5d: // EMPTY_LIST
        case 0x8f: // EMPTY_SET
          push(obj("a container"), at);
          break;
        case 0x74: // TUPLE
          push(tuple(popMark(at, "TUPLE")), at);
          break;
        case 0x64: {
          // DICT
          const dict: Value = { k: "dict", entries: [] };
          addPairs(dict, popMark(at, "DICT"));
          push(dict, at);
          break;
        }
        case 0x6c: // LIST
        case 0x91: // FROZENSET
          popMark(at, "LIST/FROZENSET");
          push(obj("a container"), at);
          break;
        case 0x85: // TUPLE1
          push(tuple([pop(at, "TUPLE1")]), at);
          break;
        case 0x86: {
          // TUPLE2
          const second = pop(at, "TUPLE2");
          push(tuple([pop(at, "TUPLE2"), second]), at);
          break;
        }
        case 0x87: {
          // TUPLE3
          const third = pop(at, "TUPLE3");
          const second = pop(at, "TUPLE3");
          push(tuple([pop(at, "TUPLE3"), second, third]), at);
          break;
        }
        case 0x61: // APPEND
          pop(at, "APPEND");
          top(at, "APPEND");
          break;
        case 0x73: {
          // SETITEM
          const value = pop(at, "SETITEM");
          const key = pop(at, "SETITEM");
          addPairs(top(at, "SETITEM"), [key, value]);
          break;
        }
        case 0x75: {
          // SETITEMS
          const items = popMark(at, "SETITEMS");
          addPairs(top(at, "SETITEMS"), items);
          break;
        }
        case 0x65: // APPENDS
        case 0x90: // ADDITEMS
          popMark(at, "APPENDS/ADDITEMS");
          top(at, "APPENDS/ADDITEMS");
          break;
        case 0x67: // GET
          recall(decimal(await c.line(32), at, "GET"), at, "GET");
          break;
        case 0x68: // BINGET
          recall(c.byte(), at, "BINGET");
          break;
        case 0x6a: // LONG_BINGET
          recall(c.fixed(4), at, "LONG_BINGET");
          break;
        case 0x70: // PUT
          remember(decimal(await c.line(32), at, "PUT"), at, "PUT");
          break;
        case 0x71: // BINPUT
          remember(c.byte(), at, "BINPUT");
          break;
        case 0x72: // LONG_BINPUT
          remember(c.fixed(4), at, "LONG_BINPUT");
          break;
        case 0x94: // MEMOIZE
          remember(memo.size, at, "MEMOIZE");
          break;
        case 0x80: {
          // PROTO
          const version = c.byte();
          if (version > 5) throw malformed(`PROTO declares protocol ${version}; Python knows 0 to 5`, at);
          break;
        }
        case 0x95: // FRAME
          c.skip(8);
          break;
        default:
          throw malformed(`byte 0x${op.toString(16).padStart(2, "0")} is not a pickle opcode`, at);
      }
    }
  } catch (error) {
    if (error instanceof ScanStop) return { imports, unresolved, nested, end: c.pos, stop: error };
    throw error;
  }
}

/** Python 2 string-literal escapes, enough for names (`\n`, `\xNN`, `\\`, quotes). */
function unescapePython(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/gs, (_m, e: string) => {
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "0": "\0" };
    return simple[e] ?? `\\${e}`;
  });
}

/** raw-unicode-escape: only `\uXXXX` and `\UXXXXXXXX` are escapes. */
function unescapeRawUnicode(s: string): string {
  return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, u?: string, U?: string) => String.fromCodePoint(parseInt((u ?? U) as string, 16)));
}
