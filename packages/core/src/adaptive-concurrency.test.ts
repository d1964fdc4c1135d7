import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "./index.node.js";
import { type RawServer, startRawServer } from "./test-server.test-helper.js";

let server: RawServer | undefined;
afterEach(() => server?.close());

describe("adaptive batch concurrency", () => {
  it("halves on a throttling answer and grows back to the configured value", async () => {
    server = await startRawServer();
    // The server answers in waves: it holds every request until none has arrived for 25 ms,
    // then answers all of them, so the size of a wave is the client's concurrency at that time
    // however slowly this machine runs the client.
    let pending: { res: import("node:http").ServerResponse; status: number }[] = [];
    let timer: NodeJS.Timeout | undefined;
    let arrivals = 0;
    const seen: { inFlight: number; status: number }[] = [];
    server.handle((_req, res) => {
      arrivals++;
      const status = arrivals === 30 ? 429 : 201;
      pending.push({ res, status });
      seen.push({ inFlight: pending.length, status });
      clearTimeout(timer);
      timer = setTimeout(() => {
        const wave = pending;
        pending = [];
        for (const { res: answer, status: code } of wave) {
          answer.writeHead(code, code === 429 ? { "Retry-After": "1" } : {});
          answer.end();
        }
      }, 25);
    });
    const holds: number[] = [];
    const client = createClient({
      connectionString: `Endpoint=${server.origin}/;SharedAccessKeyName=k;SharedAccessKey=a2V5`,
      hubName: "h",
      onThrottle: (info) => holds.push(info.waitMs),
      adapters: [
        {
          specificationVersion: "v1",
          format: "fcmv1",
          prepare: () => ({ body: "{}", contentType: "application/json" }),
        },
      ],
    });
    function* handles() {
      for (let i = 0; i < 200; i++) yield `h${i}`;
    }
    const result = await client.sendBatch("fcmv1", {}, handles(), {
      batchSize: 1,
      concurrency: 8,
    });
    await client.close();
    expect(result.succeeded).toBe(200);
    expect(holds).toEqual([1000]);
    const refused = seen.findIndex((s) => s.status === 429);
    const before = seen.slice(10, refused).map((s) => s.inFlight);
    const after = seen.slice(refused + 1).map((s) => s.inFlight);
    expect(Math.max(...before)).toBe(8);
    // A wave starts with the first request after the previous wave was answered.
    const waves: number[] = [];
    for (const n of after) {
      if (n === 1) waves.push(1);
      else if (waves.length > 0) waves[waves.length - 1] = n;
    }
    // The first full wave after the hold runs at half the concurrency; later ones are back at 8.
    expect(waves[0]).toBeLessThanOrEqual(4);
    expect(Math.max(...waves.slice(1))).toBe(8);
  });
});
