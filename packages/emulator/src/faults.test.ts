import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FaultQueue } from "./faults.js";
import { appleDevice, call, sendApple, startTestEmulator } from "./http.test-helper.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ installations: [appleDevice("a1")] });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

describe("injectFault", () => {
  it("answers the next request with 429 and Retry-After, then recovers", async () => {
    emulator.injectFault({ status: 429, retryAfter: 3 });
    const throttled = await sendApple(emulator);
    expect(throttled.status).toBe(429);
    expect(throttled.headers["retry-after"]).toBe("3");
    expect(throttled.headers.trackingid).toBeDefined();
    expect(throttled.text).toMatch(/^<Error><Code>429<\/Code><Detail>Injected fault/);
    expect(emulator.deliveries()).toHaveLength(0);
    expect((await sendApple(emulator)).status).toBe(201);
  });

  it("applies to `times` requests whatever their route, even unauthenticated ones", async () => {
    emulator.injectFault({ status: 503, times: 2 });
    expect(
      (await call(emulator, { method: "GET", path: "demo/feedbackcontainer?api-version=2020-06" }))
        .status,
    ).toBe(503);
    expect((await sendApple(emulator)).status).toBe(503);
    expect((await sendApple(emulator)).status).toBe(201);
    emulator.injectFault({ status: 500 });
    expect((await call(emulator, { path: "nohub/messages", auth: false })).status).toBe(500);
  });

  it("queues faults in order", async () => {
    emulator.injectFault({ status: 503 });
    emulator.injectFault({ status: 429 });
    expect((await sendApple(emulator)).status).toBe(503);
    expect((await sendApple(emulator)).status).toBe(429);
    expect((await sendApple(emulator)).status).toBe(201);
  });

  it("delays the answer with delayMs and still handles the request", async () => {
    emulator.injectFault({ delayMs: 300 });
    const statuses: string[] = [];
    const slow = sendApple(emulator).then((r) => statuses.push(`slow ${r.status}`));
    const fast = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
      sendApple(emulator).then((r) => statuses.push(`fast ${r.status}`)),
    );
    await Promise.all([slow, fast]);
    expect(statuses).toEqual(["fast 201", "slow 201"]);
    expect(emulator.deliveries()).toHaveLength(2);
  });

  it("records the delivery and drops the connection with dropAfterAccept", async () => {
    emulator.injectFault({ dropAfterAccept: true });
    await expect(sendApple(emulator)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(emulator.deliveries().map((d) => d.installationId)).toEqual(["a1"]);
    expect((await sendApple(emulator)).status).toBe(201);
    expect(emulator.deliveries()).toHaveLength(2);
  });

  it("is cleared by reset", async () => {
    emulator.injectFault({ status: 503, times: 5 });
    emulator.reset();
    expect((await sendApple(emulator)).status).toBe(201);
  });

  it("refuses invalid options with a typed error", () => {
    expect(() => emulator.injectFault({ status: 42 })).toThrow(
      /status must be an HTTP status code/,
    );
    expect(() => emulator.injectFault({ status: 503, times: 0 })).toThrow(/times/);
    expect(() => emulator.injectFault({})).toThrow(/give a status, delayMs or dropAfterAccept/);
    expect(() => emulator.injectFault({ delayMs: -1 })).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT" }),
    );
  });
});

describe("FaultQueue", () => {
  it("hands out each fault `times` times, then nothing", () => {
    const queue = new FaultQueue();
    queue.add({ status: 503, times: 2 });
    expect(queue.take()?.status).toBe(503);
    expect(queue.take()?.status).toBe(503);
    expect(queue.take()).toBeUndefined();
  });
});

describe("onRequest with a dropped connection", () => {
  it("reports the request as dropped", async () => {
    const seen: { status: number; dropped?: boolean }[] = [];
    const local = await startTestEmulator({ onRequest: (info) => seen.push(info) });
    try {
      local.injectFault({ dropAfterAccept: true });
      await new Promise<void>((resolve) => {
        const req = request(new URL("demo/messages", local.url), { method: "POST" });
        req.on("error", () => resolve());
        req.on("response", () => resolve());
        req.end();
      });
      expect(seen).toEqual([expect.objectContaining({ status: 401, dropped: true })]);
    } finally {
      await local.close();
    }
  });
});
