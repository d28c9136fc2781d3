import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { HANDLED_EVENTS } from "../src/io/github/handler.js";

const manifest = parse(readFileSync(new URL("../app.yml", import.meta.url), "utf8")) as {
  name: string;
  description: string;
  default_events: string[];
  default_permissions: Record<string, string>;
};

describe("app.yml", () => {
  it("subscribes to exactly the events Cardinal handles", () => {
    expect([...manifest.default_events].sort()).toEqual([...HANDLED_EVENTS].sort());
  });

  it("subscribes to issue_comment for the /cardinal commands, with read access to Issues only", () => {
    expect(manifest.default_events).toContain("issue_comment");
    expect(HANDLED_EVENTS).toContain("issue_comment");
    // GitHub sends issue_comment to apps with Issues read; writing on PRs goes through pull_requests: write.
    expect(manifest.default_permissions["issues"]).toBe("read");
  });

  it("asks for least privilege", () => {
    expect(manifest.default_permissions).toEqual({
      metadata: "read",
      contents: "read",
      issues: "read",
      pull_requests: "write",
      checks: "write",
    });
  });

  it("has no apostrophe in the texts Probot's setup page puts in a single-quoted HTML attribute", () => {
    // Probot renders the manifest as value='…'; an apostrophe cuts it short and registration fails.
    expect(JSON.stringify(manifest)).not.toContain("'");
  });
});
