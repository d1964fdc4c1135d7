import { createClient, type NotificationAdapter } from "@nhub/core";
import { afterEach, describe, expect, it } from "vitest";
import { startTestEmulator } from "./http.test-helper.js";
import { inspect } from "./inspection.test-helper.js";
import type { DeliveryRecord, RequestRecord } from "./inspection-types.js";
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
