import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { HANDLED_EVENTS } from "../src/io/github/handler.js";
import { DEFAULT_BRANCH_EVENTS } from "../src/io/github/install-handler.js";

const manifest = parse(readFileSync(new URL("../app.yml", import.meta.url), "utf8")) as {
  name: string;
  description: string;
  default_events: string[];
  default_permissions: Record<string, string>;
};

describe("app.yml", () => {
  it("subscribes to exactly the events Cardinal handles", () => {
    // installation and installation_repositories reach every app unasked; a manifest cannot list them.
    const subscribable = DEFAULT_BRANCH_EVENTS.filter((e) => !e.startsWith("installation"));
    expect([...manifest.default_events].sort()).toEqual([...HANDLED_EVENTS, ...subscribable].sort());
  });

  it("asks for Issues write for the dashboard, and says why beside it", () => {
    expect(manifest.default_events).toContain("issue_comment");
    expect(HANDLED_EVENTS).toContain("issue_comment");
    expect(manifest.default_permissions["issues"]).toBe("write");
    const text = readFileSync(new URL("../app.yml", import.meta.url), "utf8");
    expect(text).toMatch(/issues: write # the release health dashboard issue/);
  });

  it("asks for least privilege", () => {
    expect(manifest.default_permissions).toEqual({
      metadata: "read",
      contents: "read",
      issues: "write",
      pull_requests: "write",
      checks: "write",
    });
  });

  it("has no apostrophe in the texts Probot's setup page puts in a single-quoted HTML attribute", () => {
    // Probot renders the manifest as value='…'; an apostrophe cuts it short and registration fails.
    expect(JSON.stringify(manifest)).not.toContain("'");
  });
});
