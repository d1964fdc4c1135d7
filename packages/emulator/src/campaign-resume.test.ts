import { ClientClosedError, ThrottledError } from "@nhub/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CountingEmulator,
  countingEmulator,
  exactlyOnce,
  handles,
  when,
} from "./campaign.test-helper.js";

let running: CountingEmulator | undefined;
afterEach(() => running?.emulator.close());
async function start(...args: Parameters<typeof countingEmulator>) {
  running = await countingEmulator(...args);
  return running;
}

/** Waits (polling, no time asserted) until every handle of `list` was delivered. */
async function deliveredAll(counts: Map<string, number>, list: string[]): Promise<void> {
  while (!list.every((handle) => counts.has(handle))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("campaign checkpoints", () => {
  it("settledThrough never passes a chunk still being read: every handle before it was delivered", async () => {
    const { client, counts } = await start();
    let firstSettled!: () => void;
    const settledOnce = new Promise<void>((resolve) => {
      firstSettled = resolve;
    });
    async function* source() {
      for (let i = 0; i < 400; i++) {
        // The second chunk (100-199) is half read when the first one settles.
        if (i === 150) await settledOnce;
        yield `h${i}`;
      }
    }
    const reports: number[] = [];
    const undelivered: string[] = [];
    const result = await client.sendBatch("fcmv1", { title: "t" }, source(), {
      batchSize: 100,
      concurrency: 2,
      onChunk: ({ start, settledThrough }) => {
        reports.push(settledThrough);
        // A process that saved this checkpoint and then died would never send what lies before it.
        for (let i = 0; i < settledThrough; i++) {
          if (counts.get(`h${i}`) !== 1) {
            undelivered.push(`checkpoint ${settledThrough} (chunk ${start}): h${i}`);
            break;
          }
        }
        firstSettled();
      },
    });
    expect(undelivered).toEqual([]);
    expect(reports[0]).toBe(100);
    expect(reports.at(-1)).toBe(400);
    expect(result).toMatchObject({ succeeded: 400, failed: 0, aborted: false });
    expect(exactlyOnce(counts, 400)).toBe(true);
    await client.close();
  });
});

describe("a campaign stopped by close()", () => {
  it("at the deadline: resuming at stoppedAt and resending failedChunks sends each handle once", async () => {
    let held = false;
    let accepted = 0;
    const ready = when(() => held && accepted >= 1);
    const { emulator, client, counts, newClient } = await start(
      {},
      {
        onThrottle: () => {
          held = true;
          ready.poke();
        },
      },
    );
    // By arrival: the first request is held 1.5 s by the emulator, which then accepts it (long
    // after the client gave up on it); the second is refused with a 30 s hold, so the chunks
    // after it wait at the client until close() aborts them, unsent.
    emulator.injectFault({ delayMs: 1500 });
    emulator.injectFault({ status: 429, retryAfter: 30 });
    const campaign = client.sendBatch("fcmv1", { title: "t" }, handles(1000), {
      batchSize: 100,
      concurrency: 4,
      onChunk: (chunk) => {
        if (chunk.result) accepted++;
        ready.poke();
      },
    });
    await ready.reached;
    const closed = await client.close({ deadlineMs: 100 });
    const first = await campaign;

    expect(closed.aborted).toBeGreaterThanOrEqual(2);
    expect(first.aborted).toBe(true);
    const stoppedAt = first.stoppedAt as number;
    expect(stoppedAt % 100).toBe(0);
    // The request the emulator was holding may have been accepted: reported as such, not failed.
    expect(first.uncertainChunks).toHaveLength(1);
    const uncertain = first.uncertainChunks[0];
    expect(ClientClosedError.isInstance(uncertain?.error)).toBe(true);
    expect(uncertain?.error).toMatchObject({ requestSent: true });
    // Refused (429) or never sent: failed, safe to send again.
    expect(first.failedChunks.length).toBeGreaterThanOrEqual(1);
    for (const chunk of first.failedChunks) {
      expect(chunk.error).toMatchObject({ code: "CLIENT_CLOSED", requestSent: false });
    }
    expect(first.total).toBe(stoppedAt);
    expect(first.succeeded + first.failed + first.uncertain).toBe(stoppedAt);

    // The documented rule: resume at stoppedAt, send failedChunks again, leave uncertainChunks.
    const again = newClient();
    const rest = await again.sendBatch("fcmv1", { title: "t" }, handles(1000), {
      batchSize: 100,
      startAt: stoppedAt,
    });
    const retried = await again.sendBatch(
      "fcmv1",
      { title: "t" },
      first.failedChunks.flatMap((chunk) => chunk.handles),
    );
    expect(rest.failed + retried.failed).toBe(0);
    // Here the uncertain chunk was in fact accepted (after its delay): every handle once.
    await deliveredAll(counts, uncertain?.handles ?? []);
    expect(exactlyOnce(counts, 1000)).toBe(true);
    await again.close();
  });

  it("an array campaign reports aborted and stoppedAt too", async () => {
    const { client, counts, newClient } = await start();
    const list = [...handles(1000)];
    let settled = 0;
    const first = await client.sendBatch("fcmv1", { title: "t" }, list, {
      batchSize: 100,
      concurrency: 1,
      onChunk: () => {
        if (++settled === 2) void client.close({ deadlineMs: 5000 });
      },
    });
    expect(first).toMatchObject({
      aborted: true,
      stoppedAt: 200,
      total: 200,
      succeeded: 200,
      failed: 0,
      uncertain: 0,
    });
    expect(first.requests.map((r) => r.start)).toEqual([0, 100]);
    const again = newClient();
    const rest = await again.sendBatch("fcmv1", { title: "t" }, list, {
      batchSize: 100,
      startAt: first.stoppedAt,
    });
    expect(rest.aborted).toBe(false);
    expect(rest.stoppedAt).toBeUndefined();
    expect(exactlyOnce(counts, 1000)).toBe(true);
    await again.close();
  });
});

describe("campaign results", () => {
  it("counts HTTP requests, retries included: a chunk retried after a 429 makes more requests than chunks", async () => {
    const { emulator, client, statuses } = await start();
    emulator.injectFault({ status: 429, retryAfter: 0 });
    const result = await client.sendBatch("fcmv1", { title: "t" }, handles(300), {
      batchSize: 100,
      concurrency: 1,
    });
    expect(result.succeeded).toBe(300);
    expect(statuses).toEqual([429, 201, 201, 201]);
    expect(result.requests).toBe(4);
    await client.close();
  });

  it("reports a chunk that timed out as uncertain (it may have been accepted), not as failed", async () => {
    const { emulator, client } = await start({}, { timeoutMs: 300 });
    emulator.injectFault({ delayMs: 1500 });
    const result = await client.sendBatch("fcmv1", { title: "t" }, handles(300), {
      batchSize: 100,
      concurrency: 1,
    });
    expect(result).toMatchObject({ succeeded: 200, failed: 0, uncertain: 100, aborted: false });
    expect(result.failedChunks).toEqual([]);
    expect(
      result.uncertainChunks.map((c) => [c.start, (c.error as { code?: string }).code]),
    ).toEqual([[0, "TIMEOUT"]]);
    await client.close();
  });

  it("stops at a chunk boundary when a throttling hold is longer than the client may wait", async () => {
    const { emulator, client, statuses } = await start();
    emulator.injectFault({ status: 403, retryAfter: 3600 });
    const result = await client.sendBatch("fcmv1", { title: "t" }, handles(500), {
      batchSize: 100,
      concurrency: 1,
    });
    // One request: the chunk after the 403 is refused by the client, not sent.
    expect(statuses).toEqual([403]);
    expect(result).toMatchObject({
      aborted: true,
      stoppedAt: 200,
      succeeded: 0,
      failed: 200,
      uncertain: 0,
      requests: 1,
    });
    expect(result.failedChunks.map((c) => [c.start, (c.error as { code?: string }).code])).toEqual([
      [0, "SERVICE_ERROR"],
      [100, "THROTTLED"],
    ]);
    const refused = result.failedChunks[1]?.error;
    expect(ThrottledError.isInstance(refused) && refused.retryAfterMs).toBeGreaterThan(3_500_000);
    await client.close();
  });
});
