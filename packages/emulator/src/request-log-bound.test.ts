import { createClient, type NotificationAdapter } from "@nhub/core";
import { afterEach, describe, expect, it } from "vitest";
import { startTestEmulator } from "./http.test-helper.js";
import { inspect } from "./inspection.test-helper.js";
import type { DeliveryRecord, RequestRecord } from "./inspection-types.js";
import { RequestLog } from "./request-log.js";
import type { Emulator } from "./types.js";

const fcm: NotificationAdapter<{ title: string }, Record<string, unknown>> = {
  specificationVersion: "v1",
  format: "fcmv1",
  prepare: (payload) => ({
    body: JSON.stringify({ message: { notification: { title: payload.title } } }),
    contentType: "application/json;charset=utf-8",
  }),
};

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

async function requests(base: string): Promise<RequestRecord[]> {
  const answer = await inspect(base, "_nhub/api/requests?limit=100");
  return (answer.json as { items: RequestRecord[] }).items;
}

describe("request log bound", () => {
  it("lists in deliveryIds only the deliveries the bounded delivery log still holds", async () => {
    emulator = await startTestEmulator({ maxDeliveries: 5 });
    const client = createClient({
      connectionString: emulator.connectionString,
      hubName: emulator.hubName,
      adapters: [fcm],
    });
    await client.sendBatch("fcmv1", { title: "one" }, ["a0", "a1", "a2", "a3"]);
    await client.sendBatch("fcmv1", { title: "two" }, ["b0", "b1", "b2", "b3"]);
    await client.close();

    const [second, first] = await requests(emulator.url);
    // The delivery log keeps the newest 5: a3 of the first batch and the whole second one.
    expect(first?.deliveryIds).toHaveLength(1);
    expect(second?.deliveryIds).toHaveLength(4);
    const kept = emulator.deliveries().map((d) => d.pushChannel);
    expect(kept).toEqual(["a3", "b0", "b1", "b2", "b3"]);
    for (const [record, channels] of [
      [first, ["a3"]],
      [second, ["b0", "b1", "b2", "b3"]],
    ] as const) {
      const listed = [];
      for (const id of record?.deliveryIds ?? []) {
        const delivery = await inspect(emulator.url, `_nhub/api/deliveries/${id}`);
        expect(delivery.status).toBe(200);
        const json = delivery.json as DeliveryRecord;
        expect(json.requestId).toBe(record?.id);
        listed.push(json.pushChannel);
      }
      expect(listed).toEqual(channels);
    }
  });

  it("keeps a request's delivery ids when the delivery log has room for them", async () => {
    emulator = await startTestEmulator({ maxDeliveries: 10 });
    const client = createClient({
      connectionString: emulator.connectionString,
      hubName: emulator.hubName,
      adapters: [fcm],
    });
    await client.sendBatch("fcmv1", { title: "one" }, ["a0", "a1", "a2"]);
    await client.sendBatch("fcmv1", { title: "two" }, ["b0", "b1"]);
    await client.close();
    const [second, first] = await requests(emulator.url);
    expect(first?.deliveryIds).toHaveLength(3);
    expect(second?.deliveryIds).toHaveLength(2);
  });
});

describe("request log body budget", () => {
  const facts = (body: string) => ({
    receivedAt: new Date(),
    method: "POST",
    url: "/hub/messages/?api-version=2020-06",
    headers: {},
    body: Buffer.from(body),
    status: 201,
    hub: "hub",
    notificationId: undefined,
    test: false,
    outcome: null,
    deliveryIds: [],
    durationMs: 1,
  });

  it("empties the oldest bodies once the retained bodies pass the budget", () => {
    const log = new RequestLog(100, 25);
    for (const body of ["aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc", "dddddddddd"])
      log.add(facts(body));
    const bodies = log.oldestFirst().map((r) => [r.body, r.bodyTruncated]);
    expect(bodies).toEqual([
      ["", true],
      ["", true],
      ["cccccccccc", false],
      ["dddddddddd", false],
    ]);
  });

  it("counts the bodies the entry bound drops, so later bodies are kept", () => {
    const log = new RequestLog(2, 25);
    for (let i = 0; i < 50; i++) log.add(facts(String(i % 10).repeat(10)));
    expect(log.oldestFirst().map((r) => r.body)).toEqual(["8888888888", "9999999999"]);
  });

  it("keeps every body by default for 10,000 requests of 400 bytes", () => {
    const log = new RequestLog(10_000);
    for (let i = 0; i < 10_000; i++) log.add(facts("x".repeat(400)));
    expect(log.oldestFirst().every((r) => r.body.length === 400)).toBe(true);
  });
});
