/**
 * `npm run mutation [-- STRYKER ARGS]`: Stryker at low priority, then the
 * per-module score table. `npm run mutation -- --mutate src/core/engine.ts`
 * mutates one module; incremental mode keeps earlier results in reports/.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { DEFAULT_REPORT, formatTable, scoreTable } from "./mutation-table.mjs";

const args = process.argv.slice(2);
const run = spawnSync("nice", ["-n", "10", "npx", "stryker", "run", ...args], { stdio: "inherit" });
if (run.error) throw run.error;
if (existsSync(DEFAULT_REPORT)) {
  console.log(`\nPer-module mutation score (${DEFAULT_REPORT}):\n`);
  console.log(formatTable(scoreTable(JSON.parse(readFileSync(DEFAULT_REPORT, "utf8")))));
}
process.exit(run.status ?? 1);
