import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "./index.node.js";
import { type RawServer, startRawServer } from "./test-server.test-helper.js";

let server: RawServer | undefined;
afterEach(() => server?.close());

/**
 * A server that answers nothing until the test says so: requests wait in `pending` (with the
 * handle each carries), and `arrived(n)` resolves once exactly `n` are pending.
 */
async function holdingServer() {
  server = await startRawServer();
  const pending: { handle: string; res: ServerResponse }[] = [];
  let waiter: { n: number; resolve: () => void } | undefined;
  const check = () => {
    if (waiter && pending.length >= waiter.n) {
      waiter.resolve();
      waiter = undefined;
    }
  };
  let releasing = false;
  server.handle((_req, res, body) => {
    if (releasing) {
      res.writeHead(201);
      res.end();
      return;
    }
    const handle = /\["([^"]+)"\]/.exec(body.toString("utf8"))?.[1] ?? "";
    pending.push({ handle, res });
    check();
  });
  return {
    origin: server.origin,
    pending,
    async arrived(n: number): Promise<number> {
      await new Promise<void>((resolve) => {
        waiter = { n, resolve };
        check();
      });
      return pending.length;
    },
    /** Answers the pending request for `handle` (the oldest pending when omitted). */
    answer(status: number, handle?: string, headers: Record<string, string> = {}) {
      const at = handle === undefined ? 0 : pending.findIndex((p) => p.handle === handle);
      const [entry] = pending.splice(at, 1);
      if (!entry) throw new Error(`no pending request for ${handle}`);
      entry.res.writeHead(status, headers);
      entry.res.end();
      return entry.handle;
    },
    /** From now on, answers 201 to every request, pending or new. */
    releaseAll() {
      releasing = true;
      while (pending.length > 0) this.answer(201);
    },
  };
}

describe("adaptive batch concurrency", () => {
  it("halves exactly on a throttling answer and grows by one per clean chunk, up to the limit", async () => {
    const hub = await holdingServer();
    const holds: number[] = [];
    let thrown!: () => void;
    const held = new Promise<void>((resolve) => {
      thrown = resolve;
    });
    const client = createClient({
      connectionString: `Endpoint=${hub.origin}/;SharedAccessKeyName=k;SharedAccessKey=a2V5`,
      hubName: "h",
      onThrottle: (info) => {
        holds.push(info.waitMs);
        thrown();
      },
      adapters: [
        {
          specificationVersion: "v1",
          format: "fcmv1",
          prepare: () => ({ body: "{}", contentType: "application/json" }),
        },
      ],
    });
    // In flight at the client = chunks read from the source less chunks settled. The campaign
    // reads a chunk only when it may send it, and all reads happen before the requests reach the
    // server, so once the server holds `n` requests the client has exactly `n` in flight.
    let read = 0;
    let settled = 0;
    function* handles() {
      for (let i = 0; i < 60; i++) {
        read++;
        yield `h${i}`;
      }
    }
    const inFlight = () => read - settled;
    const campaign = client.sendBatch("fcmv1", {}, handles(), {
      batchSize: 1,
      concurrency: 8,
      onChunk: () => {
        settled++;
      },
    });

    expect(await hub.arrived(8)).toBe(8);
    expect(inFlight()).toBe(8);
    // One request is throttled (a 10 ms hold); once the client holds, the other seven succeed.
    const throttled = hub.answer(429, undefined, { "Retry-After": "0.01" });
    await held;
    for (let i = 0; i < 7; i++) hub.answer(201);
    // Halved from 8 to 4: the throttled chunk (retrying) and three new ones.
    expect(await hub.arrived(4)).toBe(4);
    expect(inFlight()).toBe(4);
    expect(hub.pending.map((p) => p.handle)).toContain(throttled);
    // The retried chunk was sent before the halving: its success does not grow the limit.
    hub.answer(201, throttled);
    expect(await hub.arrived(4)).toBe(4);
    expect(inFlight()).toBe(4);
    // Each chunk sent since the halving that succeeds grows it by one: 5, 6, 7, 8, then no more.
    for (const expected of [5, 6, 7, 8, 8]) {
      hub.answer(201);
      expect(await hub.arrived(expected)).toBe(expected);
      expect(inFlight()).toBe(expected);
    }
    hub.releaseAll();
    const result = await campaign;
    await client.close();
    expect(result.succeeded).toBe(60);
    expect(holds).toEqual([10]);
  });
});
