/**
 * A fake Git LFS server on 127.0.0.1, for tests and the benchmark: the Batch
 * API (`POST /{owner}/{repo}.git/info/lfs/objects/batch`, git-lfs
 * docs/api/batch.md) and object downloads that honour `Range: bytes=a-b`
 * (206) as GitHub's LFS storage does. It counts the bytes it serves per
 * object, so a test can assert that a review read a header and not the
 * weights. Objects can be given whole, or as a size and the first bytes (a
 * 5 GB checkpoint costs no memory: bytes past `head` are zeros, made on
 * demand).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeLfsObject {
  /** The object's first bytes (all of it, when `size` is absent). */
  readonly head: Uint8Array;
  /** The object's size, when larger than `head`: the rest reads as zeros. */
  readonly size?: number;
}

export interface FakeLfsOptions {
  /** Objects by sha256 oid. */
  readonly objects: Readonly<Record<string, FakeLfsObject>>;
  /** The token the batch endpoint wants (as `x-access-token` in Basic auth); absent: any request is let in. */
  readonly token?: string;
  /** Ignore Range headers and send whole objects (a server that does not honour ranges). */
  readonly ignoreRange?: boolean;
}

export interface FakeLfs {
  /** Base URL: the LFS server of `o/r` is `${url}/o/r.git/info/lfs`. */
  readonly url: string;
  /** Bytes of object bodies sent, by oid. */
  readonly served: ReadonlyMap<string, number>;
  /** `METHOD path range` of each request, in order. */
  readonly requests: readonly string[];
  /** Resolves once no object body is being sent: each has ended, or its client went away. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/vnd.git-lfs+json" });
  res.end(JSON.stringify(body));
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Error("request too large");
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/** Bytes [start, end) of an object, zeros past its head. */
function slice(object: FakeLfsObject, start: number, end: number): Buffer {
  const out = Buffer.alloc(end - start);
  if (start < object.head.length) out.set(object.head.subarray(start, Math.min(end, object.head.length)), 0);
  return out;
}

export async function startFakeLfs(options: FakeLfsOptions): Promise<FakeLfs> {
  const served = new Map<string, number>();
  const requests: string[] = [];
  let sending = 0;
  let waiters: (() => void)[] = [];
  const sent = () => {
    sending--;
    if (sending > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  let base = "";
  const sizeOf = (o: FakeLfsObject) => o.size ?? o.head.length;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      requests.push(`${req.method} ${url.pathname}${req.headers.range ? ` ${req.headers.range}` : ""}`);
      if (req.method === "POST" && /^\/[^/]+\/[^/]+\.git\/info\/lfs\/objects\/batch$/.test(url.pathname)) {
        if (options.token !== undefined) {
          const expected = `Basic ${Buffer.from(`x-access-token:${options.token}`).toString("base64")}`;
          if (req.headers.authorization !== expected) return json(res, 401, { message: "Credentials needed" });
        }
        const request = (await body(req)) as { operation?: string; objects?: { oid: string; size: number }[] };
        if (request.operation !== "download") return json(res, 422, { message: "only download is served here" });
        return json(res, 200, {
          transfer: "basic",
          objects: (request.objects ?? []).map(({ oid, size }) => {
            const object = options.objects[oid];
            if (!object) return { oid, size, error: { code: 404, message: "Object does not exist" } };
            return { oid, size, authenticated: true, actions: { download: { href: `${base}/objects/${oid}`, header: { Authorization: "RemoteAuth fake-signed" }, expires_in: 3600 } } };
          }),
        });
      }
      const download = /^\/objects\/([0-9a-f]{64})$/.exec(url.pathname);
      if (req.method === "GET" && download) {
        const oid = download[1] as string;
        const object = options.objects[oid];
        if (!object || req.headers.authorization !== "RemoteAuth fake-signed") {
          res.writeHead(object ? 403 : 404);
          return res.end();
        }
        const size = sizeOf(object);
        const range = options.ignoreRange ? null : /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
        let start = 0;
        let end = size;
        if (range) {
          start = Number(range[1]);
          end = range[2] ? Math.min(size, Number(range[2]) + 1) : size;
          if (start >= size) {
            res.writeHead(416, { "content-range": `bytes */${size}` });
            return res.end();
          }
        }
        res.writeHead(range ? 206 : 200, {
          "content-type": "application/octet-stream",
          "content-length": String(end - start),
          ...(range ? { "content-range": `bytes ${start}-${end - 1}/${size}` } : {}),
        });
        // Sent in 64 KiB pieces, counted as they go: a client that stops reading stops the count.
        sending++;
        try {
          for (let at = start; at < end; at += 65536) {
            const piece = slice(object, at, Math.min(end, at + 65536));
            if (res.destroyed) break;
            served.set(oid, (served.get(oid) ?? 0) + piece.length);
            const ok = res.write(piece);
            if (!ok) await new Promise<void>((resolve) => res.once("drain", resolve).once("close", resolve));
            if (res.destroyed) break;
          }
        } finally {
          sent();
        }
        return res.end();
      }
      res.writeHead(404, { "content-type": "text/plain" });
      res.end(`fake LFS: no route for ${req.method} ${url.pathname}`);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(400);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    served,
    requests,
    idle: () => (sending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
