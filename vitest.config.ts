import { configDefaults, defineConfig } from "vitest/config";

/** Real replicas, a real redis-server: run after the other files, so their timing tests do not share the CPUs with them. */
const REPLICAS = "test/redis-replicas.test.ts";

export default defineConfig({
  test: {
    environment: "node",
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts", "src/**/*.test.ts"], exclude: [...configDefaults.exclude, REPLICAS] },
      },
      { extends: true, test: { name: "replicas", include: [REPLICAS], sequence: { groupOrder: 1 } } },
    ],
  },
});
