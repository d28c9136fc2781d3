import { configDefaults, defineConfig } from "vitest/config";

/**
 * The tests Stryker runs (`npm run mutation`): every in-process test, without
 * the ones that start processes, servers or a browser. Those exercise the
 * built `lib/` or a real Redis, not the sandbox's mutated sources, so they
 * would only slow each mutant down without killing any.
 *
 * MUTATION_BASELINE=1 leaves out the `*.mutation.test.ts` files, to measure
 * the score the other tests reach on their own (the "before" of docs/testing.md).
 */
const baseline = process.env.MUTATION_BASELINE === "1" ? ["test/**/*.mutation.test.ts"] : [];

/**
 * MUTATION_TESTS="glob,glob" runs only those test files: every in-process
 * test covers the engine, so a surviving engine mutant reruns about 1,900
 * tests (minutes each on 2 shared cores), and a run over everything takes
 * hours. A focused run takes the module's own tests (docs/testing.md).
 */
const only = process.env.MUTATION_TESTS?.split(",").map((glob) => glob.trim()).filter(Boolean);

export default defineConfig({
  test: {
    environment: "node",
    // Under Stryker the CPUs are shared with the mutants' runs: a test that takes 1 s alone may take 10.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each mutant reruns its tests in the same workers: without isolation the modules stay loaded,
    // instead of every test file being imported again for every mutant (seconds each).
    isolate: false,
    include: only && only.length > 0 ? only : ["test/**/*.test.ts", "src/**/*.test.ts"],
    exclude: [
      ...configDefaults.exclude,
      "test/redis-replicas.test.ts",
      "test/pack.test.ts",
      "test/dockerfile.test.ts",
      "test/start.test.ts",
      "test/cli.test.ts",
      "test/cli-filesystem.test.ts",
      "test/cli-pickle.test.ts",
      "test/replay.test.ts",
      "test/status-page.test.ts",
      "test/byte-source.test.ts",
      "test/accuracy.test.ts",
      ...baseline,
    ],
  },
});
