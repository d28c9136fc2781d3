import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { openRegular, readBounded } from "../src/io/fs/safe-read.js";

/*
 * The CLI runs on checkouts of pull requests (the GitHub Action): a stranger chooses
 * the names, the symbolic links and, on a local disk, the file types. Each attack
 * below used to hang, read without bound, leave the repository or stay silent.
 */

const scratch = mkdtempSync(path.join(tmpdir(), "cardinal-fs-"));
// Deep trees past PATH_MAX defeat fs.rmSync; GNU rm walks them relative to each folder.
afterAll(() => execFileSync("rm", ["-rf", scratch]));

const CARD = "---\nlicense: mit\n---\n# M\n\nA model that classifies reviews, trained on public reviews.\n";
const BAD_CARD = "---\nlicense: nope\n---\n# M\n\nA model that classifies reviews, trained on public reviews.\n";
const BIN = path.resolve(import.meta.dirname, "../lib/cli/bin.js");
const isRoot = process.getuid?.() === 0;

/** A fresh folder; `git` makes it a repository root (a `.git` folder). */
function folder(files: Record<string, string> = {}, git = true): string {
  const dir = mkdtempSync(path.join(scratch, "case-"));
  if (git) mkdirSync(path.join(dir, ".git"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function mkfifo(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  execFileSync("mkfifo", [file]);
}

async function run(args: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await main([...args, "--offline"], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, env: {}, cwd });
  return { code, stdout, stderr };
}

/** The built CLI in its own process, killed after 20 s: a hang fails the test instead of the suite. */
function spawnCli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args, "--offline"], { cwd, encoding: "utf8", timeout: 20_000 });
  expect(result.error, "the CLI finished").toBeUndefined();
  expect(result.signal, "the CLI finished").toBeNull();
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  findings: { ruleId: string; path: string; message: string }[];
  files: { path: string }[];
}

/** Paths of the license/known-id findings (the bad card's): which cards were reviewed. */
const licenseFindings = (stdout: string) =>
  (JSON.parse(stdout) as JsonReport).findings.filter((f) => f.ruleId === "license/known-id").map((f) => f.path);

const unreadable = (report: JsonReport) =>
  report.findings.filter((f) => f.ruleId === "cardinal/file-unreadable").map((f) => `${f.path}: ${f.message}`);

describe("special files are typed with stat and never opened", () => {
  it("a FIFO as .github/cardinal.yml: the review finishes, says why the defaults apply, and names the file", () => {
    const dir = folder({ "README.md": CARD });
    mkfifo(path.join(dir, ".github/cardinal.yml"));
    const { code, stdout } = spawnCli(["check", "."], dir);
    expect(code).toBe(0);
    expect(stdout).toContain(".github/cardinal.yml\n");
    expect(stdout).toContain("Cardinal did not read the file: it is a named pipe (FIFO), not a regular file. Cardinal applied none of the file and used its defaults.");
    expect(stdout).toContain("Cardinal could not read `.github/cardinal.yml` (it is a named pipe (FIFO), not a regular file)");
  });

  it("a FIFO given with --config: exit 2 and one clear line", () => {
    const dir = folder({ "README.md": CARD });
    mkfifo(path.join(dir, "pipe.yml"));
    const { code, stderr } = spawnCli(["check", ".", "--config", "pipe.yml"], dir);
    expect(code).toBe(2);
    expect(stderr).toBe("cardinal: cannot read the configuration file pipe.yml: it is a named pipe (FIFO), not a regular file\n");
  });

  it("a FIFO as a card and as a weight file: a finding for the card, a stderr line for the weights", () => {
    const dir = folder({ "LICENSE": "MIT License\n" });
    mkfifo(path.join(dir, "README.md"));
    mkfifo(path.join(dir, "model.safetensors"));
    const { stdout, stderr } = spawnCli(["check", ".", "-f", "json"], dir);
    expect(unreadable(JSON.parse(stdout) as JsonReport)).toEqual(["README.md: Cardinal could not read `README.md` (it is a named pipe (FIFO), not a regular file), so it was not reviewed."]);
    expect(stderr).toContain("cardinal: skipped model.safetensors: it is a named pipe (FIFO), not a regular file; not read\n");
  });

  it("a device is refused by type, also as --config, where a file outside the repository is allowed", async () => {
    const dir = folder({ "README.md": CARD });
    symlinkSync("/dev/zero", path.join(dir, "zero.yml"));
    const direct = await run(["check", ".", "--config", "/dev/zero"], dir);
    expect(direct.code).toBe(2);
    expect(direct.stderr).toBe("cardinal: cannot read the configuration file /dev/zero: it is a character device, not a regular file\n");
    const linked = await run(["check", ".", "--config", "zero.yml"], dir);
    expect(linked.stderr).toBe("cardinal: cannot read the configuration file zero.yml: it is a symbolic link to a character device, not a regular file\n");
    await expect(openRegular("/dev/null")).rejects.toThrow("it is a character device, not a regular file");
  });
});

describe("reads are bounded, whatever the file claims", () => {
  it("a card that links to /dev/zero: refused before a byte is read (was: 642 MB, then silence; as the target: past 12 GB)", async () => {
    const dir = folder({ "LICENSE": "MIT License\n" });
    symlinkSync("/dev/zero", path.join(dir, "README.md"));
    const before = process.resourceUsage().maxRSS;
    const walked = await run(["check", ".", "-f", "json"], dir);
    expect(unreadable(JSON.parse(walked.stdout) as JsonReport)).toEqual([
      "README.md: Cardinal could not read `README.md` (it is a symbolic link to a file outside the repository), so it was not reviewed.",
    ]);
    const target = await run(["check", "README.md"], dir);
    expect(target.code).toBe(2);
    expect(target.stderr).toBe(
      `cardinal: README.md leads to /dev/zero through a symbolic link, outside the repository at ${dir}; Cardinal reads only what is inside it\n`,
    );
    // maxRSS is in kilobytes: the peak of the whole test process grew by less than 100 MB.
    expect(process.resourceUsage().maxRSS - before).toBeLessThan(100 * 1024);
  });

  it("an endless stream yields at most limit + 1 bytes", async () => {
    const handle = await open("/dev/zero", "r");
    try {
      expect((await readBounded(handle, 1024 * 1024)).length).toBe(1024 * 1024 + 1);
    } finally {
      await handle.close();
    }
  });

  it("a card over max_file_size is judged from its size, not read", async () => {
    const dir = folder({ ".github/cardinal.yml": "max_file_size: 100\n", "README.md": `${CARD}${"x".repeat(200)}\n` });
    const { stdout } = await run(["check", ".", "-f", "json"], dir);
    expect(JSON.parse(stdout).findings).toEqual([
      expect.objectContaining({ ruleId: "cardinal/file-unreadable", path: "README.md", title: "File too large to review" }),
    ]);
  });
});

describe("symbolic links stay inside the repository", () => {
  it("a folder link out of the repository, given as the target: refused, exit 2", async () => {
    const outside = folder({ "README.md": "---\nlicense: mit\n---\n# Outside secret\n" }, false);
    const dir = folder({ "README.md": CARD });
    symlinkSync(outside, path.join(dir, "models"));
    const { code, stdout, stderr } = await run(["check", "models"], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`cardinal: models leads to ${outside} through a symbolic link, outside the repository at ${dir}; Cardinal reads only what is inside it\n`);
  });

  it("the same link inside the tree is not followed, and says so", async () => {
    const outside = folder({ "README.md": "---\nlicense: mit\n---\n# Outside secret\n" }, false);
    const dir = folder({ "README.md": CARD });
    symlinkSync(outside, path.join(dir, "models"));
    const { stdout, stderr } = await run(["check", ".", "-f", "json"], dir);
    expect((JSON.parse(stdout) as JsonReport).files.map((f) => f.path)).toEqual(["README.md"]);
    expect(stderr).toContain("cardinal: skipped models: it is a symbolic link to a folder, which Cardinal does not follow\n");
  });

  it("a file link out of the repository is a finding, and its text is never read", async () => {
    const outside = folder({ "secret.md": "---\nlicense: nope-secret\n---\n" }, false);
    const dir = folder({ "README.md": CARD });
    symlinkSync(path.join(outside, "secret.md"), path.join(dir, "MODEL_CARD.md"));
    const { stdout } = await run(["check", ".", "-f", "json"], dir);
    expect(stdout).not.toContain("nope-secret");
    expect(unreadable(JSON.parse(stdout) as JsonReport)).toEqual([
      "MODEL_CARD.md: Cardinal could not read `MODEL_CARD.md` (it is a symbolic link to a file outside the repository), so it was not reviewed.",
    ]);
  });

  it("links inside the repository are followed: a card linked to another, a folder given through a link", async () => {
    const dir = folder({ "docs/README.md": BAD_CARD });
    symlinkSync("docs/README.md", path.join(dir, "README.md"));
    symlinkSync("docs", path.join(dir, "linked"));
    const walked = await run(["check", ".", "-f", "json"], dir);
    expect(licenseFindings(walked.stdout).sort()).toEqual(["README.md", "docs/README.md"]);
    const viaLink = await run(["check", "linked", "-f", "json"], dir);
    expect(licenseFindings(viaLink.stdout)).toEqual(["linked/README.md"]);
  });

  it("the root itself reached through a link: its real path is the boundary", async () => {
    const dir = folder({ "README.md": BAD_CARD });
    const alias = path.join(scratch, `alias-${path.basename(dir)}`);
    symlinkSync(dir, alias);
    const { code, stdout } = await run(["check", ".", "-f", "json"], alias);
    expect(code).toBe(1);
    expect(licenseFindings(stdout)).toEqual(["README.md"]);
  });

  it("a symbolic link loop: a finding in a folder, a clear exit 2 as the target", async () => {
    const dir = folder({ "LICENSE": "MIT License\n" });
    symlinkSync("loop-b", path.join(dir, "README.md"));
    symlinkSync("README.md", path.join(dir, "loop-b"));
    const walked = await run(["check", ".", "-f", "json"], dir);
    expect(unreadable(JSON.parse(walked.stdout) as JsonReport)).toEqual([
      "README.md: Cardinal could not read `README.md` (it is a symbolic link loop), so it was not reviewed.",
    ]);
    const target = await run(["check", "README.md"], dir);
    expect(target.code).toBe(2);
    expect(target.stderr).toBe("cardinal: cannot read README.md: it is a symbolic link loop\n");
  });

  it("a dangling link as the target names where it points", async () => {
    const dir = folder();
    symlinkSync("gone.md", path.join(dir, "README.md"));
    const { code, stderr } = await run(["check", "README.md"], dir);
    expect(code).toBe(2);
    expect(stderr).toBe("cardinal: README.md is a symbolic link to gone.md, which does not exist\n");
  });
});

describe("every name is reviewed or named, and printed with its control characters escaped", () => {
  it("a folder name with a line feed is reviewed (was: skipped in silence), its header one line with a visible \\n", async () => {
    const dir = folder({ "a\nb/README.md": BAD_CARD });
    const text = await run(["check", "."], dir);
    expect(text.code).toBe(1);
    expect(text.stdout.split("\n")).toContain("a\\nb/README.md");
    const json = await run(["check", ".", "-f", "json"], dir);
    expect(licenseFindings(json.stdout)).toEqual(["a\nb/README.md"]);
  });

  it("an escape sequence in a name never reaches the terminal raw, on stdout or stderr", async () => {
    const dir = folder({ "c\u001b[31md/README.md": BAD_CARD, "c\u001b[31md/x.py": "" });
    const checked = await run(["check", "."], dir);
    expect(checked.stdout).not.toContain("\u001b");
    expect(checked.stdout.split("\n")).toContain("c\\x1b[31md/README.md");
    const skipped = await run(["check", "c\u001b[31md/x.py"], dir);
    expect(skipped.stderr).toContain("cardinal: c\\x1b[31md/x.py is not a card, license or model file; skipped\n");
    expect(skipped.stderr).not.toContain("\u001b");
    const missing = await run(["check", "\u001b]0;pwned\u0007"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("cardinal: no such file or folder: \\x1b]0;pwned\\x07\n");
  });

  it("a name that is not UTF-8 is named, not dropped", async () => {
    const dir = folder({ "README.md": CARD });
    mkdirSync(Buffer.concat([Buffer.from(`${dir}/models-`), Buffer.from([0xff])]));
    const { stderr } = await run(["check", "."], dir);
    expect(stderr).toContain("cardinal: skipped models-\uFFFD: its name is not valid UTF-8, so Cardinal cannot name it; not read\n");
  });

  it("a folder deeper than PATH_MAX is named with its two ends, not skipped in silence", async () => {
    const dir = folder({ "README.md": CARD });
    const segment = "d".repeat(250);
    const deep = Array.from({ length: 20 }, () => segment).join("/");
    // GNU mkdir -p goes one relative step at a time; Node cannot reach past PATH_MAX.
    execFileSync("mkdir", ["-p", deep], { cwd: dir });
    const { code, stderr } = await run(["check", "."], dir);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^cardinal: skipped d{60}…d{60} \(\d+ characters\): the folder was not walked: its path is longer than the system allows$/m);
  });

  it("a card Cardinal may not read: permission denied, named", async (ctx) => {
    if (isRoot) {
      // Root reads a file whatever its mode: say so, rather than skip in silence.
      const why = "running as root, which reads a mode-000 file anyway: the permission-denied case cannot be made here";
      process.stderr.write(`\n*** test/cli-filesystem.test.ts: ${why} ***\n`);
      ctx.skip(why);
    }
    const dir = folder({ "README.md": CARD });
    chmodSync(path.join(dir, "README.md"), 0o000);
    const { stdout } = await run(["check", ".", "-f", "json"], dir);
    expect(unreadable(JSON.parse(stdout) as JsonReport)).toEqual([
      "README.md: Cardinal could not read `README.md` (permission denied), so it was not reviewed.",
    ]);
  });

  it("a socket is refused by type", async () => {
    const dir = folder({ "LICENSE": "MIT License\n" });
    const socketPath = path.join(dir, "README.md");
    const { createServer } = await import("node:net");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      expect(existsSync(socketPath)).toBe(true);
      const { stdout } = await run(["check", ".", "-f", "json"], dir);
      expect(unreadable(JSON.parse(stdout) as JsonReport)).toEqual([
        "README.md: Cardinal could not read `README.md` (it is a socket, not a regular file), so it was not reviewed.",
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
