/**
 * The scanner's verdict on every pickle fixture, pinned as a table: the
 * malicious ones (each bypass class of the anchors among them) are flagged
 * with the call named, the benign ones are not, and docs/weight-security.md
 * publishes the same table (checked below, row by row).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanPickleBytes, scanPickleFile, scanVerdict, type ScanVerdict } from "../src/parse/pickle/scan.js";
import { numpyItemsize } from "../src/parse/pickle/walk.js";
import { PICKLES, pickleFixture } from "./pickle-fixtures.js";
import { seeded } from "./helpers/property.js";

/** fixture → verdict, and the first dangerous (or unknown) import it names. */
const TABLE: readonly (readonly [string, ScanVerdict, string])[] = [
  ["benign-arrays.npz", "clean", ""],
  ["benign-concatenated.pkl", "clean", ""],
  ["benign-float-array.npy", "clean", ""],
  ["benign-joblib-arrays.joblib", "clean", ""],
  ["benign-joblib-gzip.joblib", "clean", ""],
  ["benign-legacy-state-dict.bin", "clean", ""],
  ["benign-legacy-tar.pt", "clean", ""],
  ["benign-numpy-in-pickle.pkl", "clean", ""],
  ["benign-object-array.npy", "clean", ""],
  ["benign-plain-protocol0.pkl", "clean", ""],
  ["benign-plain-protocol1.pkl", "clean", ""],
  ["benign-plain-protocol2.pkl", "clean", ""],
  ["benign-plain-protocol3.pkl", "clean", ""],
  ["benign-plain-protocol4.pkl", "clean", ""],
  ["benign-plain-protocol5.pkl", "clean", ""],
  ["benign-state-dict-deflated.pt", "clean", ""],
  ["benign-state-dict.bin", "clean", ""],
  ["bypass-bad-crc.bin", "dangerous", "posix.system"],
  ["bypass-concatenated.pkl", "dangerous", "posix.system"],
  ["bypass-dotted-name.pkl", "dangerous", "collections.os.system"],
  ["bypass-ext-code.pkl", "unknown", "(EXT)"],
  ["bypass-getattr-static.pkl", "dangerous", "inspect.getattr_static"],
  ["bypass-joblib-after-arrays.joblib", "dangerous", "posix.system"],
  ["bypass-joblib-array-or-opcodes.pkl", "dangerous", "posix.system"],
  ["bypass-joblib-gzip.joblib", "dangerous", "posix.system"],
  ["bypass-joblib-zlib.joblib", "dangerous", "posix.system"],
  ["bypass-malformed-tail.pkl", "dangerous", "posix.system"],
  ["bypass-nested-bytes.pkl", "dangerous", "posix.system"],
  ["bypass-nested-latin1.pkl", "dangerous", "posix.system"],
  ["bypass-nested-loads.pkl", "dangerous", "_pickle.loads"],
  ["bypass-object-array.npy", "dangerous", "posix.system"],
  ["bypass-object-array.npz", "dangerous", "posix.system"],
  ["bypass-plain-pickle-named.ckpt", "dangerous", "posix.system"],
  ["bypass-python2-name.pkl", "dangerous", "thread.start_new_thread"],
  ["bypass-second-pkl-member.pth", "dangerous", "posix.system"],
  ["bypass-stack-global-computed.pkl", "dangerous", "(STACK_GLOBAL)"],
  ["bypass-stack-global-memo.pkl", "dangerous", "posix.system"],
  ["bypass-submodule.pkl", "dangerous", "asyncio.unix_events._UnixSubprocessTransport"],
  ["bypass-truncated.pkl", "dangerous", "posix.system"],
  ["bypass-zip-named.pkl", "dangerous", "posix.system"],
  ["incomplete-not-a-pickle.bin", "incomplete", ""],
  ["incomplete-truncated-benign.pkl", "incomplete", ""],
  ["incomplete-xz.joblib", "incomplete", ""],
  ["malicious-builtins-eval.pkl", "dangerous", "builtins.eval"],
  ["malicious-builtins-getattr.pkl", "dangerous", "builtins.getattr"],
  ["malicious-functools-partial.pkl", "dangerous", "functools.partial"],
  ["malicious-inst.pkl", "dangerous", "os.system"],
  ["malicious-legacy-tar.pt", "dangerous", "posix.system"],
  ["malicious-legacy-torch.bin", "dangerous", "posix.system"],
  ["malicious-newobj-ex.pkl", "dangerous", "subprocess.Popen"],
  ["malicious-obj.pkl", "dangerous", "subprocess.Popen"],
  ["malicious-operator-attrgetter.pkl", "dangerous", "_operator.attrgetter"],
  ["malicious-pytorch-zip-deflated.pt", "dangerous", "posix.system"],
  ["malicious-pytorch-zip.bin", "dangerous", "posix.system"],
  ["malicious-reduce-protocol0.pkl", "dangerous", "posix.system"],
  ["malicious-reduce-protocol4.pkl", "dangerous", "posix.system"],
  ["malicious-reduce-protocol5-frame.pkl", "dangerous", "posix.system"],
  ["malicious-runpy.pkl", "dangerous", "runpy._run_code"],
  ["malicious-webbrowser.pkl", "dangerous", "webbrowser.open"],
  ["picklescan/bad_pytorch.pt", "incomplete", ""],
  ["picklescan/benign0_v0.pkl", "clean", ""],
  ["picklescan/benign0_v3.pkl", "clean", ""],
  ["picklescan/benign0_v4.pkl", "clean", ""],
  ["picklescan/benign_password_protected.zip", "clean", ""],
  ["picklescan/broken_model.pkl", "dangerous", "builtins.exec"],
  ["picklescan/malicious-invalid-bytes.pkl", "dangerous", "os.system"],
  ["picklescan/malicious0.pkl", "dangerous", "__builtin__.globals"],
  ["picklescan/malicious1.7z", "incomplete", ""],
  ["picklescan/malicious1.zip", "dangerous", "builtins.eval"],
  ["picklescan/malicious10.pkl", "dangerous", "__builtin__.exec"],
  ["picklescan/malicious11.pkl", "dangerous", "os.system"],
  ["picklescan/malicious12.pkl", "dangerous", "operator.attrgetter"],
  ["picklescan/malicious13a.pkl", "dangerous", "pickle.loads"],
  ["picklescan/malicious13b.pkl", "dangerous", "_pickle.loads"],
  ["picklescan/malicious14.pkl", "dangerous", "runpy._run_code"],
  ["picklescan/malicious15a.pkl", "dangerous", "__builtin__.getattr"],
  ["picklescan/malicious15b.pkl", "dangerous", "bdb.Bdb.run"],
  ["picklescan/malicious16.pkl", "dangerous", "pip.main"],
  ["picklescan/malicious17.pkl", "dangerous", "torch._inductor.codecache.compile_file"],
  ["picklescan/malicious18.pkl", "dangerous", "pydoc.pipepager"],
  ["picklescan/malicious19.pkl", "dangerous", "functools.partial"],
  ["picklescan/malicious1_0x1.zip", "dangerous", "builtins.eval"],
  ["picklescan/malicious1_0x20.zip", "dangerous", "builtins.eval"],
  ["picklescan/malicious1_0x40.zip", "dangerous", "builtins.eval"],
  ["picklescan/malicious1_central_directory.zip", "dangerous", "builtins.eval"],
  ["picklescan/malicious1_v0.pkl", "dangerous", "__builtin__.eval"],
  ["picklescan/malicious1_v3.pkl", "dangerous", "builtins.eval"],
  ["picklescan/malicious1_v4.pkl", "dangerous", "builtins.eval"],
  ["picklescan/malicious1_wrong_ext.zip", "dangerous", "builtins.eval"],
  ["picklescan/malicious20.pkl", "dangerous", "venv.create"],
  ["picklescan/malicious2_v0.pkl", "dangerous", "posix.system"],
  ["picklescan/malicious2_v3.pkl", "dangerous", "posix.system"],
  ["picklescan/malicious2_v4.pkl", "dangerous", "posix.system"],
  ["picklescan/malicious3.pkl", "dangerous", "httplib.HTTPSConnection"],
  ["picklescan/malicious4.pickle", "dangerous", "requests.api.get"],
  ["picklescan/malicious5.pickle", "dangerous", "aiohttp.client.ClientSession"],
  ["picklescan/malicious6.pkl", "dangerous", "requests.api.get"],
  ["picklescan/malicious7.pkl", "dangerous", "socket.create_connection"],
  ["picklescan/malicious8.pkl", "dangerous", "subprocess.run"],
  ["picklescan/malicious9.pkl", "dangerous", "sys.exit"],
  ["picklescan/new_pytorch_model.bin", "clean", ""],
  ["picklescan/not_a_pickle.bin", "incomplete", ""],
  ["picklescan/pytorch_magic_bypass.pt", "dangerous", "__builtin__.eval"],
  ["picklescan/pytorch_model.bin", "clean", ""],
  ["picklescan/sys_module_override_sploit.pkl", "dangerous", "(STACK_GLOBAL)"],
  ["picklescan/data2/GHSA-3gf5-cxq9-w223.pkl", "dangerous", "idlelib.pyshell.ModifiedInterpreter.runcode"],
  ["picklescan/data2/GHSA-3vg9-h568-4w9m.pkl", "dangerous", "idlelib.debugobj.ObjectTreeItem.SetText"],
  ["picklescan/data2/GHSA-4675-36f9-wf6r.pkl", "dangerous", "ctypes.CDLL"],
  ["picklescan/data2/GHSA-46h3-79wf-xr6c.pkl", "dangerous", "builtins.__import__"],
  ["picklescan/data2/GHSA-49gj-c84q-6qm9.pkl", "dangerous", "cProfile.run"],
  ["picklescan/data2/GHSA-4r9r-ch6f-vxmx.pkl", "dangerous", "torch.utils.bottleneck.__main__.run_cprofile"],
  ["picklescan/data2/GHSA-4whj-rm5r-c2v8.pkl", "dangerous", "torch.utils.bottleneck.__main__.run_autograd_prof"],
  ["picklescan/data2/GHSA-5qwp-399c-mjwf.pkl", "dangerous", "trace.Trace.run"],
  ["picklescan/data2/GHSA-6vqj-c2q5-j97w.pkl", "dangerous", "profile.Profile.runctx"],
  ["picklescan/data2/GHSA-6w4w-5w54-rjvr.pkl", "dangerous", "idlelib.autocomplete.AutoComplete.get_entity"],
  ["picklescan/data2/GHSA-7cq8-mj8x-j263.pkl", "dangerous", "idlelib.autocomplete.AutoComplete.fetch_completions"],
  ["picklescan/data2/GHSA-7wx9-6375-f5wh.pkl", "dangerous", "profile.run"],
  ["picklescan/data2/GHSA-84r2-jw7c-4r5q.pkl", "dangerous", "operator.methodcaller"],
  ["picklescan/data2/GHSA-86cj-95qr-2p4f.pkl", "dangerous", "torch._dynamo.guards.GuardBuilder.get"],
  ["picklescan/data2/GHSA-8r4j-24qv-fmq9.pkl", "dangerous", "idlelib.calltip.Calltip.fetch_tip"],
  ["picklescan/data2/GHSA-955r-x9j8-7rhh.pkl", "dangerous", "builtins.__import__"],
  ["picklescan/data2/GHSA-9w88-8rmg-7g2p.pkl", "dangerous", "cProfile.runctx"],
  ["picklescan/data2/GHSA-9xph-j2h6-g47v.pkl", "dangerous", "idlelib.calltip.get_entity"],
  ["picklescan/data2/GHSA-cj3c-v495-4xqh.pkl", "dangerous", "code.InteractiveInterpreter.runcode"],
  ["picklescan/data2/GHSA-f4x7-rfwp-v3xw.pkl", "dangerous", "torch.fx.experimental.symbolic_shapes.ShapeEnv.evaluate_guards_expression"],
  ["picklescan/data2/GHSA-f54q-57x4-jg88.pkl", "dangerous", "lib2to3.pgen2.grammar.Grammar.loads"],
  ["picklescan/data2/GHSA-f745-w6jp-hpxx.pkl", "dangerous", "torch.utils.collect_env.run"],
  ["picklescan/data2/GHSA-fqq6-7vqf-w3fg.pkl", "dangerous", "doctest.debug_script"],
  ["picklescan/data2/GHSA-g344-hcph-8vgg.pkl", "dangerous", "trace.Trace.runctx"],
  ["picklescan/data2/GHSA-g38g-8gr9-h9xp-aix-support.pkl", "dangerous", "_aix_support._read_cmd_output"],
  ["picklescan/data2/GHSA-g38g-8gr9-h9xp-imaplib.pkl", "dangerous", "imaplib.IMAP4_stream"],
  ["picklescan/data2/GHSA-g38g-8gr9-h9xp-osx-support.pkl", "dangerous", "_osx_support._read_output"],
  ["picklescan/data2/GHSA-g38g-8gr9-h9xp-pyrepl-pager.pkl", "dangerous", "_pyrepl.pager.pipe_pager"],
  ["picklescan/data2/GHSA-g38g-8gr9-h9xp-test.pkl", "dangerous", "test.support.script_helper.assert_python_ok"],
  ["picklescan/data2/GHSA-g38g-8gr9-h9xp-uuid.pkl", "dangerous", "uuid._get_command_stdout"],
  ["picklescan/data2/GHSA-h3qp-7fh3-f8h4.pkl", "dangerous", "torch.utils.data.datapipes.utils.decoder.basichandlers"],
  ["picklescan/data2/GHSA-j343-8v2j-ff7w.pkl", "dangerous", "idlelib.pyshell.ModifiedInterpreter.runcommand"],
  ["picklescan/data2/GHSA-jgw4-cr84-mqxg.bin", "dangerous", "asyncio.unix_events._UnixSubprocessTransport._start"],
  ["picklescan/data2/GHSA-jhph-76pp-mggw.pkl", "dangerous", "torch.utils.collect_env.run_and_read_all"],
  ["picklescan/data2/GHSA-m273-6v24-x4m4.pkl", "dangerous", "distutils.file_util.write_file"],
  ["picklescan/data2/GHSA-m869-42cg-3xwr.pkl", "dangerous", "idlelib.run.Executive.runcode"],
  ["picklescan/data2/GHSA-p9w7-82w4-7q8m.pkl", "dangerous", "lib2to3.pgen2.pgen.ParserGenerator.make_label"],
  ["picklescan/data2/GHSA-q77w-mwjj-7mqx.pkl", "dangerous", "asyncio.unix_events._UnixSubprocessTransport._start"],
  ["picklescan/data2/GHSA-r8g5-cgf2-4m4m.pkl", "dangerous", "numpy.f2py.crackfortran.getlincoef"],
  ["picklescan/data2/GHSA-vqmv-47xg-9wpr.pkl", "dangerous", "pty.spawn"],
  ["picklescan/data2/GHSA-vr7h-p6mm-wpmh.pkl", "dangerous", "torch.jit.unsupported_tensor_ops.execWrapper"],
  ["picklescan/data2/GHSA-vv6j-3g6g-2pvj.pkl", "dangerous", "torch.utils._config_module.ConfigModule.load_config"],
  ["picklescan/data2/GHSA-vvpj-8cmc-gx39.pkl", "dangerous", "pkgutil.resolve_name"],
  ["picklescan/data2/GHSA-x696-vm39-cp64.pkl", "dangerous", "profile.Profile.run"],
  ["picklescan/data2/GHSA-xp4f-hrf8-rxw7.pkl", "dangerous", "ensurepip._run_pip"],
  ["picklescan/data2/cloudpickle_codeinjection.pkl", "dangerous", "cloudpickle.cloudpickle._make_function"],
  ["picklescan/data2/dns_exfiltration.npy", "dangerous", "ssl.get_server_certificate"],
  ["picklescan/data2/int_array.npy", "clean", ""],
  ["picklescan/data2/int_arrays.npz", "clean", ""],
  ["picklescan/data2/int_arrays_compressed.npz", "clean", ""],
  ["picklescan/data2/io_FileIO.pkl", "dangerous", "_io.FileIO"],
  ["picklescan/data2/keyerror-exploit.pkl", "dangerous", "os.system"],
  ["picklescan/data2/logging_FileHandler.pkl", "dangerous", "logging.FileHandler"],
  ["picklescan/data2/malicious1_crc.zip", "dangerous", "builtins.eval"],
  ["picklescan/data2/malicious21.pkl", "dangerous", "timeit.timeit"],
  ["picklescan/data2/malicious22.pkl", "dangerous", "numpy.testing._private.utils.runstring"],
  ["picklescan/data2/malicious23.pkl", "dangerous", "os.system"],
  ["picklescan/data2/object_array.npy", "clean", ""],
  ["picklescan/data2/object_arrays.npz", "clean", ""],
  ["picklescan/data2/object_arrays_compressed.npz", "clean", ""],
  ["picklescan/data2/type-confusion-exploit.pkl", "dangerous", "os.system"],
  ["picklescan/data2/types_CodeType.pkl", "dangerous", "types.CodeType"],
  ["picklescan/data2/urllib_request_urlopen.pkl", "dangerous", "urllib.request.urlopen"],
];

function fixtureFiles(): string[] {
  const out: string[] = [];
  for (const sub of ["generated", "picklescan", "picklescan/data2", "real"]) {
    const dir = path.join(PICKLES, sub);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (statSync(path.join(dir, name)).isDirectory() || name === "LICENSE" || name.endsWith(".md")) continue;
      out.push(sub === "generated" ? name : `${sub}/${name}`);
    }
  }
  return out.sort();
}

describe("pickle scanner: the fixture table", () => {
  it("pins every fixture on disk, and only those", () => {
    expect(TABLE.map(([name]) => name).sort()).toEqual(fixtureFiles());
  });

  for (const [name, verdict, named] of TABLE) {
    it(`${name}: ${verdict}${named ? ` (${named})` : ""}`, async () => {
      const scan = await scanPickleBytes(pickleFixture(name));
      expect(scanVerdict(scan)).toBe(verdict);
      if (verdict === "dangerous" && named !== "(STACK_GLOBAL)") {
        expect(scan.imports.filter((i) => i.verdict === "dangerous").map((i) => `${i.module}.${i.name}`)).toContain(named);
      }
      if (named === "(STACK_GLOBAL)") expect(scan.unresolved.some((u) => u.opcode === "STACK_GLOBAL")).toBe(true);
      if (verdict === "unknown" && named !== "(EXT)") expect(scan.imports.map((i) => `${i.module}.${i.name}`)).toContain(named);
      // Every malicious fixture is flagged and no benign one is.
      if (name.startsWith("malicious-") || name.startsWith("bypass-")) expect(["dangerous", "unknown"]).toContain(verdict);
      if (name.startsWith("benign-")) expect(verdict).toBe("clean");
    });
  }

  it("docs/weight-security.md publishes the same table", () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, "../docs/weight-security.md"), "utf8");
    const published = new Map<string, string>();
    for (const line of doc.split("\n")) {
      const row = /^\| `([^`]+)` \| (dangerous|unknown|incomplete|clean) \| (?:`([^`]*)`)? ?\|/.exec(line);
      if (row) published.set(row[1] as string, `${row[2]} ${row[3] ?? ""}`.trim());
    }
    expect(Object.fromEntries(published)).toEqual(Object.fromEntries(TABLE.map(([name, verdict, named]) => [name, `${verdict} ${named}`.trim()])));
  });
});

/** A reader over bytes that counts what it was asked for, and can fail past an offset. */
function countingReader(bytes: Uint8Array, fails: (offset: number) => boolean = () => false) {
  const stats = { bytes: 0, reads: 0 };
  const read = async (offset: number, length: number) => {
    if (fails(offset)) return { ok: false as const, reason: "the test's reader stops here" };
    stats.reads++;
    const slice = bytes.subarray(offset, offset + length);
    stats.bytes += slice.length;
    return { ok: true as const, bytes: slice, size: bytes.length };
  };
  return { read, stats };
}

/** A stored zip (no compression) of the given members, built by hand: local headers, central directory, end record. */
function storedZip(members: readonly (readonly [string, Uint8Array])[], zip64 = false): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of members) {
    const nameBytes = new TextEncoder().encode(name);
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    // zip64: sizes and offset are 0xffffffff in the entry, the real ones in a 0x0001 extra field.
    const extra = zip64 ? 4 + 24 : 0;
    const entry = new Uint8Array(46 + nameBytes.length + extra);
    const cv = new DataView(entry.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint32(20, zip64 ? 0xffffffff : data.length, true);
    cv.setUint32(24, zip64 ? 0xffffffff : data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint16(30, extra, true);
    cv.setUint32(42, zip64 ? 0xffffffff : offset, true);
    entry.set(nameBytes, 46);
    if (zip64) {
      const e = 46 + nameBytes.length;
      cv.setUint16(e, 0x0001, true);
      cv.setUint16(e + 2, 24, true);
      cv.setBigUint64(e + 4, BigInt(data.length), true);
      cv.setBigUint64(e + 12, BigInt(data.length), true);
      cv.setBigUint64(e + 20, BigInt(offset), true);
    }
    parts.push(local, data);
    central.push(entry);
    offset += local.length + data.length;
  }
  const directorySize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, zip64 ? 0xffff : members.length, true);
  ev.setUint16(10, zip64 ? 0xffff : members.length, true);
  ev.setUint32(12, zip64 ? 0xffffffff : directorySize, true);
  ev.setUint32(16, zip64 ? 0xffffffff : offset, true);
  const tail: Uint8Array[] = [end];
  if (zip64) {
    const record = new Uint8Array(56);
    const rv = new DataView(record.buffer);
    rv.setUint32(0, 0x06064b50, true);
    rv.setBigUint64(4, 44n, true);
    rv.setBigUint64(24, BigInt(members.length), true);
    rv.setBigUint64(32, BigInt(members.length), true);
    rv.setBigUint64(40, BigInt(directorySize), true);
    rv.setBigUint64(48, BigInt(offset), true);
    const locator = new Uint8Array(20);
    const lv = new DataView(locator.buffer);
    lv.setUint32(0, 0x07064b50, true);
    lv.setBigUint64(8, BigInt(offset + directorySize), true);
    lv.setUint32(16, 1, true);
    tail.unshift(record, locator);
  }
  const all = [...parts, ...central, ...tail];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe("pickle scanner: bounds, damage and range reads", () => {
  const plain = pickleFixture("benign-plain-protocol0.pkl");

  it.each([
    ["maxOps", { maxOps: 10 }, "the file has more than 10 opcodes"],
    ["maxMemo", { maxMemo: 2 }, "the memo holds more than 2 entries"],
    ["maxStack", { maxStack: 3 }, "the stack holds more than 3 values"],
  ] as const)("past %s the scan stops and says why", async (_name, limits, reason) => {
    const scan = await scanPickleBytes(plain, { limits });
    expect(scan.incomplete).toEqual([expect.objectContaining({ kind: "bound", reason })]);
    expect(scanVerdict(scan)).toBe("incomplete");
  });

  it("what was found before a bound stays found", async () => {
    const scan = await scanPickleBytes(pickleFixture("bypass-concatenated.pkl"), { limits: { maxOps: 12 } });
    expect(scan.imports.map((i) => `${i.module}.${i.name}`)).toEqual(["posix.system"]);
    expect(scan.incomplete[0]?.kind).toBe("bound");
  });

  it("a member that inflates past the bound is a bound, not an out-of-memory", async () => {
    const scan = await scanPickleBytes(pickleFixture("benign-state-dict-deflated.pt"), { limits: { maxInflated: 64 } });
    expect(scan.incomplete).toContainEqual(expect.objectContaining({ kind: "bound", reason: "archive/data.pkl inflates to more than 64 bytes", where: "archive/data.pkl" }));
  });

  it("past the member bound the archive says how many it scans", async () => {
    const scan = await scanPickleBytes(pickleFixture("bypass-second-pkl-member.pth"), { limits: { maxMembers: 1 } });
    expect(scan.incomplete).toContainEqual(expect.objectContaining({ kind: "bound", reason: "the archive has more than 1 members to scan" }));
  });

  it("the review's checkpoint is called while walking, and its stop propagates", async () => {
    let calls = 0;
    const big = new Uint8Array([0x80, 0x04, ...Array.from({ length: 300_000 }, () => 0x4e), 0x2e]); // PROTO 4, NONE × 300,000, STOP
    await expect(scanPickleBytes(big, { tick: () => void calls++ })).resolves.toMatchObject({ incomplete: [] });
    expect(calls).toBe(3);
    await expect(scanPickleBytes(big, { tick: () => Promise.reject(new Error("review time limit")) })).rejects.toThrow("review time limit");
  });

  it("a reader that fails mid-file: its reason and where; the members it could read are still scanned", async () => {
    const hook = new Uint8Array([0x80, 0x02, ...Array.from("cposix\nsystem\nX\x04\x00\x00\x00echo\x85R.", (c) => c.charCodeAt(0))]);
    const zip = storedZip([
      ["archive/data/0", new Uint8Array(4 * 1024 * 1024)],
      ["archive/extra.pkl", hook],
      ["archive/data/1", new Uint8Array(4 * 1024 * 1024)],
      ["archive/data.pkl", hook],
    ]);
    // Fails in the middle of the file: the directory (tail) and data.pkl (near the end) stay readable.
    const { read } = countingReader(zip, (offset) => offset > 64 * 1024 && offset < zip.length - 70 * 1024);
    const scan = await scanPickleFile(read);
    expect(scan.incomplete).toEqual([expect.objectContaining({ kind: "unreadable", reason: "the test's reader stops here", where: "archive/extra.pkl" })]);
    expect(scan.imports.map((i) => `${i.module}.${i.name} ${i.where}`)).toEqual(["posix.system archive/data.pkl"]);
  });

  it("a joblib array whose length cannot be read stops the walk there, and says why", async () => {
    const str = (v: string) => [0x8c, v.length, ...Array.from(v, (ch) => ch.charCodeAt(0))];
    const wrapper = [...str("joblib.numpy_pickle"), ...str("NumpyArrayWrapper"), 0x93, 0x29, 0x81];
    const state = [0x7d, 0x28, ...str("dtype"), ...str("numpy"), ...str("dtype"), 0x93, ...str("x9"), 0x85, 0x52, 0x75];
    const scan = await scanPickleBytes(new Uint8Array([0x80, 0x04, ...wrapper, ...state, 0x62, 0x2e]));
    expect(scan.incomplete).toEqual([
      expect.objectContaining({ kind: "unsupported", reason: 'joblib stores a NumPy array\'s bytes inline after its NumpyArrayWrapper, and its dtype "x9" is not one Cardinal measures; the rest of the stream was not scanned' }),
    ]);
  });

  it("NumPy item sizes as joblib's arrays need them", () => {
    expect(["f8", "<f4", "i2", "|b1", "u1", "c16", "<U3", "S5", "V24", "M8", "|O", "x9", "U"].map(numpyItemsize)).toEqual([8, 4, 2, 1, 1, 16, 12, 5, 24, 8, "object", undefined, undefined]);
  });

  it("a file the reader cannot open at all", async () => {
    const scan = await scanPickleFile(async () => ({ ok: false, reason: "the review's byte budget (1 MB) is spent" }));
    expect(scan).toMatchObject({ incomplete: [{ kind: "unreadable", reason: "the review's byte budget (1 MB) is spent", where: "" }], streams: 0 });
  });

  it("a large checkpoint is scanned from its directory and pickle member only", async () => {
    const dataPkl = pickleFixture("generated/malicious-pytorch-zip.bin");
    const inner = await scanPickleBytes(dataPkl);
    expect(scanVerdict(inner)).toBe("dangerous");
    // The same data.pkl beside 8 MB of tensor bytes: the bytes read stay near the pickle's size.
    const pkl = new Uint8Array([0x80, 0x02, ...Array.from("cposix\nsystem\nX\x04\x00\x00\x00echo\x85R.", (c) => c.charCodeAt(0))]);
    const zip = storedZip([
      ["archive/data.pkl", pkl],
      ["archive/data/0", new Uint8Array(8 * 1024 * 1024).fill(0x80)],
      ["archive/version", new TextEncoder().encode("3\n")],
    ]);
    const { read, stats } = countingReader(zip);
    const scan = await scanPickleFile(read);
    expect(scan.imports.map((i) => `${i.module}.${i.name} ${i.where}`)).toEqual(["posix.system archive/data.pkl"]);
    expect(stats.bytes).toBeLessThan(140 * 1024);
  });

  it("a zip64 archive: its end record, locator and extended fields are read", async () => {
    const hook = new Uint8Array([0x80, 0x02, ...Array.from("cposix\nsystem\nX\x04\x00\x00\x00echo\x85R.", (ch) => ch.charCodeAt(0))]);
    const zip = storedZip([["archive/data/0", new Uint8Array(1000)], ["archive/data.pkl", hook]], true);
    const scan = await scanPickleBytes(zip);
    expect(scan).toMatchObject({ container: "pytorch-zip", incomplete: [] });
    expect(scan.imports.map((i) => `${i.module}.${i.name} ${i.where}`)).toEqual(["posix.system archive/data.pkl"]);
  });

  it("never throws on random bytes, truncations or single-byte changes of the fixtures", async () => {
    const samples = ["malicious-pytorch-zip.bin", "benign-state-dict-deflated.pt", "benign-legacy-tar.pt", "bypass-object-array.npz", "malicious-reduce-protocol5-frame.pkl"].map(pickleFixture);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        const scan = await scanPickleBytes(bytes);
        expect(["dangerous", "unknown", "incomplete", "clean"]).toContain(scanVerdict(scan));
      }),
      seeded(300),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...samples), fc.nat(), fc.nat(255), fc.boolean(), async (sample, at, value, truncate) => {
        const bytes = truncate ? sample.subarray(0, at % (sample.length + 1)) : Uint8Array.from(sample, (b, i) => (i === at % sample.length ? value : b));
        const scan = await scanPickleBytes(bytes);
        expect(scan.imports.length + scan.incomplete.length + scan.streams).toBeGreaterThanOrEqual(0);
      }),
      seeded(400),
    );
  });
});
