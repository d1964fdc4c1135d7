import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AbortError, NetworkError, TimeoutError } from "./errors.js";
import {
  type RawServer,
  SECRET_TOKEN,
  startRawServer,
  transportRequest,
} from "./test-server.test-helper.js";
import type { Transport } from "./transport.js";
import { createUndiciTransport, type UndiciTransportOptions } from "./undici-transport.js";

let server: RawServer;
let transport: Transport | undefined;
beforeEach(async () => {
  server = await startRawServer();
});
afterEach(async () => {
  await transport?.close?.();
  transport = undefined;
  await server.close();
});

/**
 * The three ways a request of the default Node transport travels. `make` returns a transport
 * whose next request takes that way; the server's record is cleared after any warm-up request.
 */
const paths: { name: string; options: UndiciTransportOptions; warmUp: boolean }[] = [
  { name: "first request (node:http)", options: {}, warmUp: false },
  { name: "later request (undici Agent)", options: {}, warmUp: true },
  { name: "first request with coldStart: undici", options: { coldStart: "undici" }, warmUp: false },
];

describe.each(paths)("$name", ({ options, warmUp }) => {
  async function make(): Promise<Transport> {
    transport = createUndiciTransport(options);
    if (warmUp) {
      await transport.request(transportRequest(server.origin));
      server.seen.splice(0);
    }
    return transport;
  }

  function secretFree(error: unknown): void {
    expect((error as Error).message).not.toContain("SECRET");
  }

  it("sends method, path, headers and a string body with Content-Length", async () => {
    const t = await make();
    await t.request(transportRequest(server.origin, { body: '{"é":"ü"}' }));
    expect(server.seen).toHaveLength(1);
    const req = server.seen[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/hub/messages?api-version=2020-06&secret-query=SECRET-QUERY");
    expect(req.headers.authorization).toBe(SECRET_TOKEN);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["content-length"]).toBe("11");
    expect(req.headers).not.toHaveProperty("transfer-encoding");
    expect(req.body.toString("utf8")).toBe('{"é":"ü"}');
  });

  it("sends a Uint8Array body byte for byte, and no body for a GET", async () => {
    const t = await make();
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await t.request(transportRequest(server.origin, { body: bytes }));
    await t.request(transportRequest(server.origin, { method: "GET", body: undefined }));
    expect([...server.seen[0]!.body]).toEqual([...bytes]);
    expect(server.seen[0]!.headers["content-length"]).toBe("5");
    expect(server.seen[1]!.method).toBe("GET");
    expect(server.seen[1]!.body).toHaveLength(0);
    expect(server.seen[1]!.headers).not.toHaveProperty("transfer-encoding");
  });

  it("returns status, lower-case headers joined by ', ' and the body as UTF-8 text", async () => {
    const t = await make();
    server.handle((_req, res) => {
      res.writeHead(201, { "X-Multi": ["a", "b"], Location: "https://x/hub/messages/1" });
      res.end(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from("grüße ✓")]));
    });
    const res = await t.request(transportRequest(server.origin));
    expect(res.status).toBe(201);
    expect(res.headers["x-multi"]).toBe("a, b");
    expect(res.headers.location).toBe("https://x/hub/messages/1");
    expect(res.body).toBe("grüße ✓");
  });

  it("rejects with TimeoutError when the answer is late", async () => {
    const t = await make();
    server.handle((_req, res) => {
      setTimeout(() => res.end("late"), 3000);
    });
    const error = await t
      .request(transportRequest(server.origin, { timeoutMs: 200 }))
      .catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error), String(error)).toBe(true);
    secretFree(error);
  });

  it("rejects with TimeoutError when the body stops half-way", async () => {
    const t = await make();
    server.handle((_req, res) => {
      res.writeHead(200, { "Content-Length": "10" });
      res.write("half");
    });
    const error = await t
      .request(transportRequest(server.origin, { timeoutMs: 100 }))
      .catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error), String(error)).toBe(true);
  });

  it("rejects with AbortError when the caller's signal fires", async () => {
    const t = await make();
    server.handle((_req, res) => {
      setTimeout(() => res.end("late"), 3000);
    });
    const controller = new AbortController();
    const pending = t.request(transportRequest(server.origin, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    const error = await pending.catch((e: unknown) => e);
    expect(AbortError.isInstance(error), String(error)).toBe(true);
    secretFree(error);
  });

  it("rejects an already aborted signal without sending", async () => {
    const t = await make();
    const error = await t
      .request(transportRequest(server.origin, { signal: AbortSignal.abort() }))
      .catch((e: unknown) => e);
    expect(AbortError.isInstance(error), String(error)).toBe(true);
    expect(server.seen).toHaveLength(0);
  });

  it("says requestSent: false when the connection is refused", async () => {
    const t = await make();
    const closed = await startRawServer();
    await closed.close();
    const error = (await t.request(transportRequest(closed.origin)).catch((e: unknown) => e)) as
      | NetworkError
      | undefined;
    expect(NetworkError.isInstance(error), String(error)).toBe(true);
    expect(error!.requestSent).toBe(false);
    expect(error!.isRetryable).toBe(true);
    expect(error!.message).toContain("ECONNREFUSED");
    secretFree(error);
  });

  it("says requestSent: true when the connection drops after the request was written", async () => {
    const t = await make();
    server.handle((req) => req.socket.destroy());
    const error = (await t.request(transportRequest(server.origin)).catch((e: unknown) => e)) as
      | NetworkError
      | undefined;
    expect(NetworkError.isInstance(error), String(error)).toBe(true);
    expect(error!.requestSent).toBe(true);
    expect(server.seen).toHaveLength(1);
    secretFree(error);
  });

  it("says requestSent: true when the connection drops in the middle of the body", async () => {
    const t = await make();
    server.handle((req, res) => {
      res.writeHead(200, { "Content-Length": "10" });
      res.write("half", () => setTimeout(() => req.socket.destroy(), 20));
    });
    const error = (await t.request(transportRequest(server.origin)).catch((e: unknown) => e)) as
      | NetworkError
      | undefined;
    expect(NetworkError.isInstance(error), String(error)).toBe(true);
    expect(error!.requestSent).toBe(true);
  });
});
