#!/usr/bin/env node
import { main } from "./main.js";

// `cardinal worker`: the review worker of a deployment on Redis (src/worker.ts), not a CLI command.
if (process.argv[2] === "worker") await import("../worker.js");
else main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  ...(process.stderr.isTTY && process.stderr.columns > 0 ? { stderrColumns: process.stderr.columns } : {}),
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `cardinal: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
