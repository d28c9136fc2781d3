/**
 * A throwaway redis-server for the tests and the burst benchmark: Debian's
 * `redis-server` on a free loopback port, its files in a temporary folder,
 * append-only with an fsync per write so that a restart (`restart()`)
 * keeps every queued job, as a production Redis with AOF would.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";
import os from "node:os";
import path from "node:path";

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Kills the server (SIGKILL) and starts it again on the same port and files; resolves when it answers. */
  restart(downMs?: number): Promise<void>;
  /** Kills it for good and removes its files. */
  stop(): Promise<void>;
}

/** Where redis-server is, or undefined when it is not installed. */
export function redisServerPath(): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  const where = found.stdout.trim();
  return found.status === 0 && where ? where : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once something answers PING with +PONG on the port, within `timeoutMs`. */
async function waitForPong(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port });
      socket.once("error", () => resolve(false));
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString().startsWith("+PONG"));
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startRedisServer(): Promise<RedisServer> {
  const binary = redisServerPath();
  if (!binary) throw new Error("redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)");
  const dir = mkdtempSync(path.join(os.tmpdir(), "cardinal-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(
      binary,
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "yes", "--maxmemory-policy", "noeviction"],
      { stdio: "ignore" },
    );
    await waitForPong(port);
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGKILL");
    });
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(downMs = 1_000) {
      await kill();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await launch();
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
