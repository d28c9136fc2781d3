import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * The image is not built in CI (no Docker there); these checks keep the
 * Dockerfile's essentials from being broken silently.
 */
const dockerfile = readFileSync(new URL("../Dockerfile", import.meta.url), "utf8");
const dockerignore = readFileSync(new URL("../.dockerignore", import.meta.url), "utf8");

/** Instructions with their continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("#"));

/** The instructions of the last stage: what the running container is. */
const lastFrom = instructions.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
const runtime = instructions.slice(lastFrom);
const named = (keyword: string) => runtime.filter((l) => l.toUpperCase().startsWith(`${keyword} `));

describe("Dockerfile", () => {
  it("is multi-stage on node:20-bookworm-slim: build, prune, then a clean runtime stage", () => {
    const froms = instructions.filter((l) => /^FROM\s/i.test(l));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toMatch(/^FROM node:20-bookworm-slim\b/);
    const build = instructions.slice(0, lastFrom).join("\n");
    expect(build).toContain("npm ci");
    expect(build).toContain("npm run build");
    expect(build).toContain("npm prune --omit=dev");
    expect(runtime.join("\n")).not.toMatch(/npm (ci|install)/);
  });

  it("runs as the non-root node user", () => {
    const users = named("USER");
    expect(users.at(-1)).toBe("USER node");
    // USER comes before the command, and nothing switches back to root.
    expect(runtime.indexOf(users.at(-1)!)).toBeLessThan(runtime.findIndex((l) => l.startsWith("CMD ")));
    expect(users).not.toContain("USER root");
  });

  it("listens on all interfaces on port 3000, in production mode", () => {
    const env = named("ENV").join(" ");
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bPORT=3000\b/);
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    expect(named("EXPOSE")).toContain("EXPOSE 3000");
  });

  it("checks its health with node on Probot's /ping", () => {
    const [healthcheck] = named("HEALTHCHECK");
    expect(healthcheck).toBeDefined();
    expect(healthcheck).toMatch(/CMD \["node", "-e", /);
    expect(healthcheck).toContain("http://127.0.0.1:");
    expect(healthcheck).toContain("/ping");
    expect(healthcheck).toContain("process.env.PORT || 3000");
  });

  it("starts the compiled app through lib/start.js, which checks the settings before Probot runs", () => {
    expect(named("CMD").at(-1)).toBe('CMD ["node", "lib/start.js"]');
    expect(runtime.join("\n")).toMatch(/COPY --from=build \/app\/lib \.\/lib/);
    expect(runtime.join("\n")).toMatch(/COPY --from=build \/app\/node_modules \.\/node_modules/);
  });

  it("keeps secrets and local build output out of the build context", () => {
    const ignored = dockerignore.split("\n").map((l) => l.trim());
    for (const entry of ["node_modules", "lib", ".git", ".env", "*.pem"]) expect(ignored).toContain(entry);
  });
});
