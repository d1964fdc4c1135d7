import { afterEach, describe, expect, it } from "vitest";
import { call, startTestEmulator } from "./http.test-helper.js";
import { QuotaLimiter } from "./quota.js";
import type { Emulator } from "./types.js";

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

const send = (hub = "demo") =>
  call(emulator as Emulator, {
    method: "POST",
    path: `${hub}/messages?api-version=2020-06`,
    headers: { "ServiceBusNotification-Format": "gcm", "Content-Type": "application/json" },
    body: '{"data":{}}',
  });

describe("emulator quota", () => {
  it("answers 429 with Retry-After beyond the requests per second of a hub", async () => {
    emulator = await startTestEmulator({ quota: { requestsPerSecond: 3 } });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await send());
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([201, 201, 201]);
    const refused = answers[3];
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(Number(refused?.headers["retry-after"]))).toBe(true);
  });

  it("answers 403 with Retry-After when configured", async () => {
    emulator = await startTestEmulator({ quota: { requestsPerSecond: 1, status: 403 } });
    expect((await send()).status).toBe(201);
    const refused = await send();
    expect(refused.status).toBe(403);
    expect(refused.headers["retry-after"]).toBe("1");
  });

  it("counts over a sliding second: a request is accepted again once the oldest is a second old", () => {
    // The limiter takes the time of each request: a controlled clock, in ms.
    const quota = new QuotaLimiter({ requestsPerSecond: 2 });
    const at = (now: number) => quota.check("/demo/messages?api-version=2020-06", now)?.status;
    expect(at(0)).toBeUndefined();
    expect(at(400)).toBeUndefined();
    expect(at(500)).toBe(429);
    expect(at(999)).toBe(429);
    // The request of t=0 left the window; the one of t=400 is still in it.
    expect(at(1000)).toBeUndefined();
    // A fixed window starting at 1000 would accept this one; the sliding second does not.
    expect(at(1001)).toBe(429);
    expect(at(1400)).toBeUndefined();
    expect(at(1401)).toBe(429);
    // Refused requests are not counted: the window is free again a second after 1400.
    expect(at(2000)).toBeUndefined();
  });

  it("says in Retry-After when the oldest request leaves the window, in whole seconds", () => {
    const quota = new QuotaLimiter({ requestsPerSecond: 1, status: 403 });
    expect(quota.check("/demo/messages", 10_000)).toBeUndefined();
    const refused = quota.check("/demo/messages", 10_001);
    expect(refused?.status).toBe(403);
    expect(refused?.headers?.["Retry-After"]).toBe("1");
  });

  it("counts each hub on its own, and never the inspection API", async () => {
    const quota = new QuotaLimiter({ requestsPerSecond: 1 });
    expect(quota.check("/a/messages", 0)).toBeUndefined();
    expect(quota.check("/b/messages", 1)).toBeUndefined();
    expect(quota.check("/A/installations/x", 2)?.status).toBe(429);
    expect(quota.check("/b/messages", 3)?.status).toBe(429);
    expect(quota.check("/_nhub/api/requests", 4)).toBeUndefined();
    // The same through a running emulator with two hubs.
    emulator = await startTestEmulator({
      hubs: ["demo", "other"],
      quota: { requestsPerSecond: 1 },
    });
    expect((await send("demo")).status).toBe(201);
    expect((await send("other")).status).toBe(201);
    expect((await send("demo")).status).toBe(429);
    expect((await send("other")).status).toBe(429);
  });

  it("refuses a quota that is not a whole number of requests", async () => {
    await expect(startTestEmulator({ quota: { requestsPerSecond: 0 } })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
  });
});
