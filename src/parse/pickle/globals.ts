/**
 * What an imported pickle global is to Cardinal: on the reviewed allowlist
 * (what PyTorch's own `weights_only` unpickler admits, plus NumPy's array
 * reconstruction), on the dangerous list (the union of picklescan's and
 * modelscan's lists, and the bypasses published against them), or unknown.
 *
 * Sources (read 2026-12):
 * - PyTorch, torch/_weights_only_unpickler.py: `_get_allowed_globals`,
 *   `_tensor_rebuild_functions`, `_blocklisted_modules` (sys, os, posix, nt).
 * - picklescan, src/picklescan/scanner.py: `_safe_globals`, `_unsafe_globals`
 *   (a `*` module is dangerous with all its submodules).
 * - modelscan, modelscan/settings.py: `unsafe_globals` CRITICAL and HIGH.
 * - fickling PR #210 (picklescan bypasses: operator, _io.FileIO,
 *   distutils.file_util, asyncio submodules, profile/trace/pdb, pip, venv…).
 * - picklescan CVE-2026-56315 (uuid, imaplib, _osx_support, _aix_support, _pyrepl).
 */

export type GlobalVerdict = "allowed" | "dangerous" | "unknown";

/** A module listed here is dangerous whatever the name, and so is every submodule of it (picklescan's `*`). */
const DANGEROUS_MODULES: readonly string[] = [
  "os",
  "posix",
  "nt",
  "posixpath",
  "ntpath",
  "subprocess",
  "commands",
  "popen2",
  "pty",
  "runpy",
  "socket",
  "ssl",
  "shutil",
  "webbrowser",
  "importlib",
  "imp",
  "pkgutil",
  "zipimport",
  "pickle",
  "_pickle",
  "cPickle",
  "pickletools",
  "dill",
  "cloudpickle",
  "shelve",
  "marshal",
  "sys",
  "code",
  "codeop",
  "ctypes",
  "_ctypes",
  "asyncio",
  "multiprocessing",
  "concurrent",
  "threading",
  "_thread",
  "socketserver",
  "_socket",
  "signal",
  "aiohttp",
  "httplib",
  "http",
  "urllib",
  "urllib2",
  "requests",
  "httpx",
  "ftplib",
  "smtplib",
  "telnetlib",
  "imaplib",
  "poplib",
  "xmlrpc",
  "xmlrpclib",
  "pip",
  "venv",
  "ensurepip",
  "distutils",
  "setuptools",
  "pdb",
  "bdb",
  "timeit",
  "trace",
  "profile",
  "cProfile",
  "doctest",
  "pydoc",
  "idlelib",
  "lib2to3",
  "uuid",
  "_osx_support",
  "_aix_support",
  "_pyrepl",
  "tempfile",
  "glob",
  // CPython's own test package: test.support.script_helper runs Python (picklescan GHSA-g38g-8gr9-h9xp).
  "test",
  "numpy.f2py",
  "numpy.testing",
  "numpy.distutils",
  "torch.jit",
  "torch._inductor",
  "torch._dynamo",
  "torch.utils.cpp_extension",
  "torch.utils.collect_env",
  "torch.utils.bottleneck",
  "torch.utils.data.datapipes",
  "torch.hub",
  "joblib.parallel",
];

/** Single names of otherwise ordinary modules that call code, open files or load other pickles. */
const DANGEROUS_NAMES: Readonly<Record<string, readonly string[]>> = {
  builtins: ["eval", "exec", "compile", "getattr", "setattr", "delattr", "__import__", "open", "apply", "breakpoint", "input", "globals", "locals", "vars", "execfile", "reload"],
  __builtin__: ["eval", "exec", "compile", "getattr", "setattr", "delattr", "__import__", "open", "apply", "breakpoint", "input", "globals", "locals", "vars", "execfile", "reload", "file"],
  operator: ["attrgetter", "itemgetter", "methodcaller", "call"],
  _operator: ["attrgetter", "itemgetter", "methodcaller", "call"],
  functools: ["partial", "reduce"],
  _functools: ["partial", "reduce"],
  io: ["open", "open_code", "FileIO"],
  _io: ["open", "open_code", "FileIO"],
  types: ["CodeType", "FunctionType", "LambdaType", "MethodType"],
  // getattr by another name (a picklescan bypass published on huntr: importlib.import_module + inspect.getattr_static).
  inspect: ["getattr_static"],
  logging: ["FileHandler", "config"],
  "logging.config": ["fileConfig", "dictConfig", "listen"],
  numpy: ["load", "fromfile", "memmap"],
  "numpy.lib.npyio": ["load"],
  pandas: ["read_pickle"],
  "pandas.io.pickle": ["read_pickle"],
  joblib: ["load"],
  "joblib.numpy_pickle": ["load"],
  torch: ["load"],
  "torch.serialization": ["load", "_load"],
  "torch.storage": ["_load_from_bytes"],
  "torch.utils._config_module": ["ConfigModule"],
  "torch.fx.experimental.symbolic_shapes": ["ShapeEnv"],
};

/** PyTorch's weights_only allowlist (torch/_weights_only_unpickler.py, `_get_allowed_globals`). */
const TORCH_ALLOWED: ReadonlySet<string> = new Set([
  "collections.OrderedDict",
  "collections.Counter",
  "torch.nn.parameter.Parameter",
  "torch.serialization._get_layout",
  "torch.Size",
  "torch.Tensor",
  "torch.device",
  "torch.storage.TypedStorage",
  "torch.storage.UntypedStorage",
  "torch.per_tensor_affine",
  "torch.per_tensor_symmetric",
  "torch.per_channel_affine",
  "torch.per_channel_symmetric",
  "torch.per_channel_affine_float_qparams",
  "torch._utils._rebuild_parameter",
  "torch._utils._rebuild_parameter_with_state",
  "torch._utils._rebuild_qtensor",
  "torch._utils._rebuild_tensor",
  "torch._utils._rebuild_tensor_v2",
  "torch._utils._rebuild_tensor_v3",
  "torch._utils._rebuild_sparse_tensor",
  "torch._utils._rebuild_meta_tensor_no_storage",
  "torch._utils._rebuild_wrapper_subclass",
  "torch._utils._rebuild_device_tensor_from_numpy",
  "torch._utils._rebuild_device_tensor_from_cpu_tensor",
  "torch._tensor._rebuild_from_type_v2",
  // Bytes under pickle protocols 0-2 (torch.save's default is 2), bytearray, set, complex.
  "_codecs.encode",
  "builtins.bytearray",
  "builtins.set",
  "builtins.frozenset",
  "builtins.complex",
  "builtins.slice",
  "builtins.range",
  "__builtin__.bytearray",
  "__builtin__.set",
  "__builtin__.frozenset",
  "__builtin__.complex",
  "__builtin__.slice",
  "__builtin__.xrange",
]);

/** NumPy's array reconstruction (picklescan's `_safe_globals`). */
const NUMPY_ALLOWED: ReadonlySet<string> = new Set([
  "numpy.dtype",
  "numpy.ndarray",
  "numpy.core.multiarray._reconstruct",
  "numpy._core.multiarray._reconstruct",
  "numpy.core.multiarray.scalar",
  "numpy._core.multiarray.scalar",
]);

/**
 * joblib's container for a NumPy array (joblib/numpy_pickle.py): built with
 * NEWOBJ and BUILD of a plain state dict; joblib.load then reads the array's
 * bytes. No code of its own runs from the pickle.
 */
const JOBLIB_ALLOWED: ReadonlySet<string> = new Set(["joblib.numpy_pickle.NumpyArrayWrapper"]);

/** torch dtypes (`torch.float32`, `torch.bfloat16`, `torch.uint4` …) as torch.save writes them. */
const TORCH_DTYPE = /^(float(8_e[45]m[23](fn|fnuz)?|8_e8m0fnu|4_e2m1fn_x2|16|32|64)?|double|half|bfloat16|u?int([1-8]|16|32|64)?|short|long|bool|complex(32|64|128)?|cfloat|cdouble|chalf|q(u)?int(8|32)|quint(4x2|2x4)|bits(1x8|2x4|4x2|8|16))$/;
/** torch's storage and tensor classes: `torch.FloatStorage`, `torch.cuda.HalfTensor` … */
const TORCH_CLASS = /^[A-Z][A-Za-z0-9]*(Storage|Tensor)$/;

/** Attribute names that walk Python's internals (`__globals__`, `__builtins__`, `__subclasses__` …). */
const DUNDER = /^__\w+__$/;

function moduleMatches(module: string, listed: string): boolean {
  return module === listed || module.startsWith(`${listed}.`);
}

function dangerousPath(module: string, name: string): boolean {
  if (DANGEROUS_MODULES.some((listed) => moduleMatches(module, listed))) return true;
  const names = DANGEROUS_NAMES[module];
  if (names?.some((n) => name === n || name.startsWith(`${n}.`))) return true;
  return false;
}

/**
 * The verdict on `module.name` as the unpickler would import it. A dotted
 * name (protocol 4 qualnames: `torch` + `os.system`) is an attribute walk,
 * so every tail of the full path is checked as a path of its own.
 */
export function classifyGlobal(module: string, name: string): GlobalVerdict {
  const raw = classifyAsWritten(module, name);
  const mapped = python2Mapping(module, name);
  if (!mapped) return raw;
  const other = classifyAsWritten(mapped[0], mapped[1]);
  if (raw === "dangerous" || other === "dangerous") return "dangerous";
  return raw === "allowed" || other === "allowed" ? "allowed" : "unknown";
}

/**
 * Python 3 unpickles protocol 0-2 names through `_compat_pickle` (and so does
 * PyTorch's weights_only unpickler): `thread` becomes `_thread`, `commands`
 * becomes `subprocess`. The entries here are the ones whose target matters
 * to the lists (Lib/_compat_pickle.py, IMPORT_MAPPING and NAME_MAPPING).
 */
const PY2_MODULES: Readonly<Record<string, string>> = {
  __builtin__: "builtins",
  copy_reg: "copyreg",
  commands: "subprocess",
  cPickle: "pickle",
  thread: "_thread",
  dummy_thread: "_dummy_thread",
  httplib: "http.client",
  urllib2: "urllib.request",
  BaseHTTPServer: "http.server",
  SimpleHTTPServer: "http.server",
  CGIHTTPServer: "http.server",
  SocketServer: "socketserver",
  xmlrpclib: "xmlrpc.client",
  SimpleXMLRPCServer: "xmlrpc.server",
  DocXMLRPCServer: "xmlrpc.server",
  "test.test_support": "test.support",
};
const PY2_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  "__builtin__.reduce": ["functools", "reduce"],
  "__builtin__.intern": ["sys", "intern"],
  "__builtin__.xrange": ["builtins", "range"],
  "_socket.fromfd": ["socket", "fromfd"],
  "multiprocessing.forking.Popen": ["multiprocessing.popen_fork", "Popen"],
  "urllib.urlopen": ["urllib.request", "urlopen"],
  "urllib.urlretrieve": ["urllib.request", "urlretrieve"],
};

function python2Mapping(module: string, name: string): readonly [string, string] | undefined {
  const byName = PY2_NAMES[`${module}.${name}`];
  if (byName) return byName;
  const mappedModule = PY2_MODULES[module];
  return mappedModule ? [mappedModule, name] : undefined;
}

function classifyAsWritten(module: string, name: string): GlobalVerdict {
  const segments = name.split(".");
  if (dangerousPath(module, name)) return "dangerous";
  if (segments.length > 1) {
    if (segments.some((s) => DUNDER.test(s))) return "dangerous";
    const all = [...module.split("."), ...segments];
    for (let i = 1; i < all.length - 1; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (dangerousPath(all.slice(i, j).join("."), all.slice(j).join("."))) return "dangerous";
      }
    }
  }
  const full = `${module}.${name}`;
  if (TORCH_ALLOWED.has(full) || NUMPY_ALLOWED.has(full) || JOBLIB_ALLOWED.has(full)) return "allowed";
  if ((module === "torch" || module === "torch.cuda") && (TORCH_CLASS.test(name) || (module === "torch" && TORCH_DTYPE.test(name)))) {
    return "allowed";
  }
  return "unknown";
}
