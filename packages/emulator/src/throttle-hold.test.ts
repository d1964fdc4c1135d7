import { tracingChannel } from "node:diagnostics_channel";
import { REQUEST_CHANNEL, type ThrottleHoldInfo } from "@nhub/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  batchRequestLog,
  type CountingEmulator,
  countingEmulator,
  handles,
} from "./campaign.test-helper.js";
import type { RequestRecord } from "./inspection-types.js";

let running: CountingEmulator | undefined;
let stopListening: (() => void) | undefined;
afterEach(async () => {
  stopListening?.();
  await running?.emulator.close();
});

/** Records the time of each HTTP attempt the client starts (the `nhub:request` trace start). */
function attemptStarts(): number[] {
  const starts: number[] = [];
  const ignore = () => {};
  const handlers = {
    start: () => starts.push(Date.now()),
    end: ignore,
    asyncStart: ignore,
    asyncEnd: ignore,
    error: ignore,
  };
  const channel = tracingChannel(REQUEST_CHANNEL);
  channel.subscribe(handlers);
  stopListening = () => channel.unsubscribe(handlers);
  return starts;
}

interface Hold {
  at: number;
  waitMs: number;
  status: number;
}

/**
 * For a hold that began at `at` (the client got the throttling answer), the requests the
 * emulator received inside it, and how many of those may have been sent before it began (the
 * attempts started by then, less the requests already received by then). The window ends 1 ms
 * early: the client's hold may end 1 ms before `at + waitMs` (it is computed just before
 * `onThrottle` reads the clock).
 */
function window(log: RequestRecord[], starts: number[], hold: Hold) {
  const received = log.map((r) => Date.parse(r.receivedAt));
  const end = hold.at + hold.waitMs - 1;
  return {
    inside: received.filter((t) => t >= hold.at && t < end).length,
    sentBefore:
      starts.filter((s) => s <= hold.at).length - received.filter((t) => t < hold.at).length,
    after: received.filter((t) => t >= end).length,
  };
}

async function heldCampaign(options: Parameters<typeof countingEmulator>[0]) {
  const holds: Hold[] = [];
  const onThrottle = (info: ThrottleHoldInfo) =>
    holds.push({ at: Date.now(), waitMs: info.waitMs, status: info.status });
  running = await countingEmulator(options, { onThrottle });
  return { ...running, holds, starts: attemptStarts() };
}

describe("throttling holds back the whole client (the emulator's request log)", () => {
  it.each([429, 403])(
    "a %d with Retry-After on one request: nothing sent after it came back is received inside the Retry-After",
    async (status) => {
      const { emulator, client, holds, starts } = await heldCampaign({});
      emulator.injectFault({ status, retryAfter: 1 });
      const result = await client.sendBatch("fcmv1", { title: "t" }, handles(800), {
        batchSize: 100,
        concurrency: 4,
      });
      await client.close();
      expect(result.succeeded).toBe(800);
      expect(holds).toEqual([{ at: expect.any(Number), waitMs: 1000, status }]);
      const log = await batchRequestLog(emulator);
      expect(log.filter((r) => r.status === status)).toHaveLength(1);
      expect(starts).toHaveLength(log.length);
      const hold = window(log, starts, holds[0] as Hold);
      // Only requests already on their way when the answer came back arrive inside the window;
      // the other chunks (queued or new) were held back and arrive after it.
      expect(hold.inside).toBeLessThanOrEqual(hold.sentBefore);
      expect(hold.after).toBeGreaterThan(0);
    },
  );

  it("a campaign through the emulator's 403 quota completes, held by each 403's Retry-After", async () => {
    const { emulator, client, holds, starts } = await heldCampaign({
      quota: { requestsPerSecond: 5, status: 403 },
    });
    const result = await client.sendBatch("fcmv1", { title: "t" }, handles(1000), {
      batchSize: 100,
      concurrency: 4,
    });
    await client.close();
    expect(result.succeeded).toBe(1000);
    const log = await batchRequestLog(emulator);
    expect(starts).toHaveLength(log.length);
    expect(holds.length).toBeGreaterThan(0);
    expect(holds.every((h) => h.status === 403 && h.waitMs === 1000)).toBe(true);
    for (const hold of holds) {
      const seen = window(log, starts, hold);
      expect(seen.inside).toBeLessThanOrEqual(seen.sentBefore);
    }
    // Requests were held back by the first hold and sent after it.
    const first = window(log, starts, holds[0] as Hold);
    expect(first.after).toBeGreaterThan(0);
    expect(log.filter((r) => r.status === 201)).toHaveLength(10);
  });
});
