// One close signal is shared by every request of a client (client-lifecycle.ts), and each request
// in flight listens on it. Node warns (MaxListenersExceededWarning) once an EventTarget has more
// than 10 listeners, so a client with more than 10 sends in flight must lift that limit on its
// own signal, or every busy backend prints a "possible memory leak" warning.
import type { ServerResponse } from "node:http";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createClient } from "./index.node.js";
import { jsonAdapter } from "./test-adapter.test-helper.js";
import { type RawServer, startRawServer } from "./test-server.test-helper.js";

const IN_FLIGHT = 24;
let server: RawServer;
let warnings: Error[];
const onWarning = (warning: Error) => warnings.push(warning);
beforeEach(async () => {
  server = await startRawServer();
  warnings = [];
  process.on("warning", onWarning);
});
afterEach(async () => {
  process.off("warning", onWarning);
  await server.close();
});

/** Holds every answer until `count` requests are waiting, so they are all in flight at once. */
function answerWhenAllArrived(count: number): void {
  const waiting: ServerResponse[] = [];
  server.handle((_req, res) => {
    waiting.push(res);
    if (waiting.length < count) return;
    for (const held of waiting.splice(0)) {
      held.writeHead(201, { Location: `${server.origin}/hub/messages/1?api-version=2020-06` });
      held.end();
    }
  });
}

it(`has ${IN_FLIGHT} requests in flight without a listener warning`, async () => {
  const client = createClient({
    connectionString: `Endpoint=${server.origin}/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0`,
    hubName: "hub",
    adapters: [jsonAdapter],
  });
  try {
    // The first round opens the transport (its first request over node:http, the others over
    // undici); the second runs on the warmed-up undici pool.
    for (let round = 0; round < 2; round++) {
      answerWhenAllArrived(IN_FLIGHT);
      const results = await Promise.all(
        Array.from({ length: IN_FLIGHT }, (_, i) => client.send("gcm", { data: { i } })),
      );
      expect(results).toHaveLength(IN_FLIGHT);
    }
    expect(server.seen).toHaveLength(2 * IN_FLIGHT);
    // process.emitWarning reports on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  } finally {
    await client.close();
  }
});
