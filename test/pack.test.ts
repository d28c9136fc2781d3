/**
 * The package as npm would publish it: `npm pack` in a copy of the
 * repository (so its `prepare` script builds lib/ there), the tarball
 * installed into an empty folder, and its `cardinal` binary run there on a
 * fixture folder.
 *
 * No network: the install is `npm ci --offline`, with a lockfile that pins
 * the same versions as this repository's, so every dependency comes from
 * npm's local cache. When that cache lacks one (a machine that never ran
 * `npm ci`), the tests are skipped and say why.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  overrides?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { dev?: boolean } & Record<string, unknown>>;
};
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;

/** Top-level entries the build does not need (and that npm would not pack anyway). */
const NOT_COPIED = new Set(["node_modules", "lib", ".git", "test", "bench", "coverage"]);

let work = "";
let consumer = "";
let tarballFiles: string[] = [];
let skipReason: string | undefined;

function npm(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync("npm", args, {
    cwd,
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" },
  });
}

function failed(what: string, result: SpawnSyncReturns<string>): Error {
  return new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "cardinal-pack-"));
  const copy = path.join(work, "cardinal");
  const dest = path.join(work, "dist");
  consumer = path.join(work, "consumer");
  mkdirSync(dest);
  mkdirSync(consumer);

  // A copy of the repository without lib/, so that the tarball holds what `prepare` builds.
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(ROOT, source);
      return !NOT_COPIED.has(relative.split(path.sep)[0] ?? "") && !relative.endsWith(".tgz");
    },
  });
  symlinkSync(realpathSync(path.join(ROOT, "node_modules")), path.join(copy, "node_modules"), "dir");
  const packed = npm(["pack", "--pack-destination", dest], copy);
  if (packed.status !== 0) throw failed("npm pack", packed);
  expect(readdirSync(dest)).toEqual([TARBALL]);
  const listing = spawnSync("tar", ["-tzf", path.join(dest, TARBALL)], { encoding: "utf8" });
  tarballFiles = listing.stdout
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""));

  // An empty project that depends on the tarball, locked to this repository's versions.
  const resolved = `file:../dist/${TARBALL}`;
  writeFileSync(
    path.join(consumer, "package.json"),
    // This repository's overrides too, so that the lockfile's versions satisfy npm without asking the
    // registry (npm ignores a dependency's overrides; a user's install may pick content-type 3, which
    // warns EBADENGINE on Node 20 and works: reference/toolchain.md).
    JSON.stringify({ name: "cardinal-pack-check", version: "1.0.0", private: true, dependencies: { [pkg.name]: resolved }, overrides: pkg.overrides ?? {} }, null, 2),
  );
  const packages: Record<string, unknown> = {
    "": { name: "cardinal-pack-check", version: "1.0.0", dependencies: { [pkg.name]: resolved } },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key.startsWith("node_modules/") && !entry.dev) packages[key] = entry;
  }
  writeFileSync(
    path.join(consumer, "package-lock.json"),
    JSON.stringify({ name: "cardinal-pack-check", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2),
  );
  const installed = npm(["ci", "--offline", "--omit=dev"], consumer);
  if (installed.status !== 0) {
    if (/ENOTCACHED/.test(installed.stderr)) {
      skipReason = "npm's cache lacks a dependency, and this test installs offline only: run `npm ci` once, then run it again";
      return;
    }
    throw failed("npm ci --offline (the packed tarball)", installed);
  }
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function needsInstall(ctx: TestContext): void {
  if (skipReason) ctx.skip(skipReason);
}

/** The installed `cardinal` (or `cardinal-review`), run through its bin link as a user's shell would. */
function cardinal(args: readonly string[], cwd: string, bin = "cardinal"): SpawnSyncReturns<string> {
  return spawnSync(path.join(consumer, "node_modules/.bin", bin), args, {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    // Nothing may leave the machine: the Hub checks are off (--offline), and the Hub's address is a closed local port anyway.
    env: { PATH: process.env["PATH"] ?? "", HOME: work, NO_COLOR: "1", HF_ENDPOINT: "http://127.0.0.1:9" },
  });
}

/** A fixture folder copied where no repository surrounds it, as a user's model folder would be. */
function fixtureCopy(name: string): string {
  const target = path.join(work, "models", name);
  cpSync(path.join(ROOT, "test/fixtures/folders", name), target, { recursive: true });
  return target;
}

describe("the npm package", () => {
  it("packs the compiled CLI and app, the docs and the schema; no sources, tests, dev tools or source maps", () => {
    for (const file of ["package.json", "README.md", "LICENSE", "app.yml", "lib/cli/bin.js", "lib/cli/main.js", "lib/index.js", "docs/cli.md", "docs/rules/README.md", "docs/rules/card/front-matter-valid-yaml.md", "schema/cardinal.schema.json"]) {
      expect(tarballFiles).toContain(file);
    }
    expect(tarballFiles.filter((f) => /^(src|test|bench|lib\/tools)\/|\.map$|^\.env/.test(f))).toEqual([]);
  });

  it("installs from the tarball alone, with both commands linked", (ctx) => {
    needsInstall(ctx);
    const installed = JSON.parse(readFileSync(path.join(consumer, "node_modules", pkg.name, "package.json"), "utf8")) as { version: string };
    expect(installed.version).toBe(pkg.version);
    expect(readdirSync(path.join(consumer, "node_modules/.bin"))).toEqual(expect.arrayContaining(["cardinal", "cardinal-review"]));
    // The bin runs directly (the link is executable and the file says which interpreter runs it).
    expect(readFileSync(path.join(consumer, "node_modules", pkg.name, "lib/cli/bin.js"), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("cardinal --version prints the package's version", (ctx) => {
    needsInstall(ctx);
    for (const bin of ["cardinal", "cardinal-review"]) {
      const result = cardinal(["--version"], consumer, bin);
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe(`${pkg.version}\n`);
      expect(result.status).toBe(0);
    }
  });

  it("cardinal check on a broken card: the finding, its line and the fix, exit 1", (ctx) => {
    needsInstall(ctx);
    const folder = fixtureCopy("broken-card");
    const result = cardinal(["check", ".", "--offline"], folder);
    expect(result.stdout).toContain("README.md\n  3:1  error    Metadata block is not valid YAML  card/front-matter-valid-yaml\n");
    expect(result.stdout).toContain("how to fix: Close the list with `]` on the same line, or write one item per line starting with `- `.");
    expect(result.stdout).toContain("✖ 1 problem (1 error)");
    expect(result.stderr).toBe("cardinal: Hub checks skipped (--offline)\n");
    expect(result.status).toBe(1);
  });

  it("cardinal check on a clean release: nothing to fix, exit 0", (ctx) => {
    needsInstall(ctx);
    const folder = fixtureCopy("clean-release");
    const result = cardinal(["check", ".", "--offline"], folder);
    // The folder is the root here (no repository around it), so its .github/cardinal.yml is read and reviewed too.
    expect(result.stdout).toBe("✔ No problems found in 6 files: .gitattributes, .github/cardinal.yml, LICENSE, README.md, config.json, model.safetensors.\n");
    expect(result.status).toBe(0);
  });

  it("cardinal explain reads the rule's page shipped in the package", (ctx) => {
    needsInstall(ctx);
    const result = cardinal(["explain", "card/front-matter-valid-yaml"], consumer);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("card/front-matter-valid-yaml — Metadata block is not valid YAML");
    expect(result.stdout).toContain("How to fix");
  });
});
