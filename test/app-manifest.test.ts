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

  it("asks for least privilege", () => {
    expect(manifest.default_permissions).toEqual({
      metadata: "read",
      contents: "read",
      pull_requests: "write",
      checks: "write",
    });
  });

  it("has no apostrophe in the texts Probot's setup page puts in a single-quoted HTML attribute", () => {
    // Probot renders the manifest as value='…'; an apostrophe cuts it short and registration fails.
    expect(JSON.stringify(manifest)).not.toContain("'");
  });
});
