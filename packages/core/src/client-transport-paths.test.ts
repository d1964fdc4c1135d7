import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NetworkError } from "./errors.js";
import { createClient } from "./index.node.js";
import { jsonAdapter } from "./test-adapter.test-helper.js";
import { type RawServer, startRawServer } from "./test-server.test-helper.js";

// The client over both paths of the default Node transport: its first send goes over node:http,
// later sends and retries over undici.
let server: RawServer;
beforeEach(async () => {
  server = await startRawServer();
});
afterEach(async () => {
  await server.close();
});

describe("through the client", () => {
  function client() {
    return createClient({
      connectionString: `Endpoint=${server.origin}/;SharedAccessKeyName=k;SharedAccessKey=a2V5`,
      hubName: "hub",
      adapters: [jsonAdapter],
      retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
  }

  it.each([
    ["the first send", 0],
    ["a later send", 2],
  ])(
    "does not retry %s when the connection drops after the request was written",
    async (_name, before) => {
      const c = client();
      for (let i = 0; i < before; i++) await c.send("gcm", {});
      server.handle((req) => req.socket.destroy());
      const error = (await c.send("gcm", {}).catch((e: unknown) => e)) as NetworkError;
      await c.close();
      expect(NetworkError.isInstance(error), String(error)).toBe(true);
      expect(error.requestSent).toBe(true);
      expect(server.seen).toHaveLength(before + 1);
    },
  );

  it("retries a 503 of the first send over undici", async () => {
    server.handle((_req, res) => {
      res.writeHead(server.seen.length < 3 ? 503 : 201);
      res.end();
    });
    const c = client();
    await c.send("gcm", {});
    await c.close();
    expect(server.seen.map((r) => r.headers.connection)).toEqual([
      "close",
      "keep-alive",
      "keep-alive",
    ]);
  });
});
