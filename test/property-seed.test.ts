/** Issue 20: every property runs from a fixed seed, a fixed number of times, and a failure names its seed. */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROPERTY_SEED, seeded } from "./helpers/property.js";

describe("seeded properties", () => {
  it("run the same cases from the same seed, the given number of times", () => {
    const seen = (): number[] => {
      const values: number[] = [];
      fc.assert(
        fc.property(fc.integer(), (n) => {
          values.push(n);
        }),
        seeded(25),
      );
      return values;
    };
    const first = seen();
    expect(first).toHaveLength(25);
    expect(seen()).toEqual(first);
  });

  it("a failure throws with the seed and the way to repeat it", () => {
    let message = "";
    try {
      fc.assert(
        fc.property(fc.nat(), (n) => n < 0),
        seeded(10, 1234),
      );
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toContain("Property seed 1234 (");
    expect(message).toContain("CARDINAL_PROPERTY_SEED=1234");
    expect(message).toContain("Counterexample");
  });

  it("the default seed is a fixed integer", () => {
    expect(Number.isSafeInteger(PROPERTY_SEED)).toBe(true);
  });

  it.each(["property.test.ts", "apply-fixes.test.ts", "lineage-graph.test.ts", "pickle-scanner.test.ts"])(
    "every fc.assert in %s is seeded",
    (file) => {
      const source = readFileSync(path.join(import.meta.dirname, file), "utf8");
      const asserts = source.split("fc.assert(").length - 1;
      expect(asserts).toBeGreaterThan(0);
      expect(source.split(/seeded\(/).length - 1, `${file}: each fc.assert takes seeded(n)`).toBe(asserts);
      expect(source).not.toMatch(/numRuns:/);
    },
  );
});
