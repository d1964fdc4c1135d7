import { afterEach, describe, expect, it } from "vitest";
import { call, startTestEmulator } from "./http.test-helper.js";
import type { Emulator } from "./types.js";

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

const send = () =>
  call(emulator as Emulator, {
    method: "POST",
    path: "demo/messages?api-version=2020-06",
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

  it("refuses a quota that is not a whole number of requests", async () => {
    await expect(startTestEmulator({ quota: { requestsPerSecond: 0 } })).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
  });
});
