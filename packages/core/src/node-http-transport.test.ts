import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NetworkError, TimeoutError } from "./errors.js";
import { createNodeHttpTransport } from "./node-http-transport.js";
import { transportRequest } from "./test-server.test-helper.js";

// Everything else of this transport runs through createUndiciTransport's first request in
// undici-transport.test.ts; the connect time-out is set small here, so it is tested directly.
describe("the node:http(s) transport's connect time-out", () => {
  let silent: Server;
  let origin = "";
  const sockets: Socket[] = [];
  beforeEach(async () => {
    // Accepts TCP connections and never answers, so a TLS handshake never completes.
    silent = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address() as { port: number };
    origin = `https://127.0.0.1:${address.port}`;
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it("counts the TLS handshake as connecting: nothing was sent", async () => {
    const t = createNodeHttpTransport({ connectTimeoutMs: 50 });
    const error = (await t.request(transportRequest(origin)).catch((e: unknown) => e)) as
      | NetworkError
      | undefined;
    await t.close?.();
    expect(NetworkError.isInstance(error), String(error)).toBe(true);
    expect(error!.requestSent).toBe(false);
    expect(error!.message).not.toContain("SECRET");
  });

  it("lets the request's own time-out win when it is shorter", async () => {
    const t = createNodeHttpTransport({ connectTimeoutMs: 10_000 });
    const error = await t
      .request(transportRequest(origin, { timeoutMs: 50 }))
      .catch((e: unknown) => e);
    await t.close?.();
    expect(TimeoutError.isInstance(error), String(error)).toBe(true);
  });
});
