import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendFcmV1Notification, sendGcmNotification } from "./fcm-send.js";
import { fcmV1 } from "./fcm-v1-adapter.js";
import { gcm } from "./gcm-adapter.js";

let emulator: Emulator;
let client: NotificationHubClient;

const device = (id: string, tags: string[], platform: string) => ({
  installationId: id,
  platform,
  pushChannel: `handle-${id}`,
  tags,
});

beforeAll(async () => {
  emulator = await startEmulator({
    installations: [
      device("pixel-1", ["sports", "news"], "fcmv1"),
      device("pixel-2", ["sports"], "fcmv1"),
      device("nexus-1", ["sports"], "gcm"),
      device("nexus-2", ["news"], "gcm"),
      device("iphone-1", ["sports"], "apns"),
    ],
  });
  client = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    retry: false,
    adapters: [fcmV1(), gcm()],
  });
});

beforeEach(() => emulator.reset());

afterAll(async () => {
  await client.close();
  await emulator.close();
});

const reached = () => emulator.deliveries().map((delivery) => delivery.installationId);
const json = { "content-type": "application/json;charset=utf-8" };

describe("FCM v1 through the emulator", () => {
  it("delivers the envelope byte for byte to the tagged fcmv1 devices only", async () => {
    const payload = { message: { notification: { title: "Été" }, data: { id: "7" } } };
    const result = await sendFcmV1Notification(client, payload, { tags: ["sports"] });
    expect(reached()).toEqual(["pixel-1", "pixel-2"]);
    for (const delivery of emulator.deliveries()) {
      expect(delivery).toMatchObject({ notificationId: result.notificationId, platform: "fcmv1" });
      expect(delivery.body).toBe(JSON.stringify(payload));
      expect(delivery.headers).toEqual(json);
    }
  });

  it("wraps bare message text through the registered adapter and narrows by expression", async () => {
    await client.send("fcmv1", '{ "data" : { "a" : "1" } }', { tagExpression: "sports && !news" });
    expect(emulator.deliveries()).toMatchObject([
      {
        installationId: "pixel-2",
        pushChannel: "handle-pixel-2",
        body: '{"message":{ "data" : { "a" : "1" } }}',
      },
    ]);
  });

  it("lists the devices a test send reached", async () => {
    const result = await sendFcmV1Notification(
      client,
      { message: {} },
      { tags: "sports", test: true },
    );
    expect(result.outcome?.success).toBe(2);
    expect(
      result.outcome?.results.map((item) => [item.platform, item.registrationId, item.pnsHandle]),
    ).toEqual([
      ["fcmv1", "pixel-1", "handle-pixel-1"],
      ["fcmv1", "pixel-2", "handle-pixel-2"],
    ]);
  });

  it("reaches nothing when the adapter refuses a token", async () => {
    await expect(sendFcmV1Notification(client, '{"message":{"token":"t"}}')).rejects.toSatisfy(
      (error) => PayloadValidationError.isInstance(error),
    );
    expect(emulator.deliveries()).toEqual([]);
  });
});

describe("legacy GCM through the emulator", () => {
  it("delivers legacy JSON to the tagged gcm devices only", async () => {
    const text = '{"data":{"message":"hello"}}';
    await sendGcmNotification(client, text, { tags: "sports" });
    expect(emulator.deliveries()).toMatchObject([
      {
        installationId: "nexus-1",
        platform: "gcm",
        pushChannel: "handle-nexus-1",
        body: text,
        headers: json,
      },
    ]);
  });

  it("sends through the registered adapter, with a test send and a tag expression", async () => {
    const result = await client.send(
      "gcm",
      { data: { a: "1" } },
      { tagExpression: "news && !sports", test: true },
    );
    expect(result.outcome?.results.map((item) => [item.platform, item.registrationId])).toEqual([
      ["gcm", "nexus-2"],
    ]);
    expect(emulator.deliveries()).toMatchObject([
      { installationId: "nexus-2", body: '{"data":{"a":"1"}}' },
    ]);
  });

  it("reaches nothing when the adapter refuses registration_ids", async () => {
    await expect(
      sendGcmNotification(client, { registration_ids: ["x"] } as never),
    ).rejects.toSatisfy((error) => PayloadValidationError.isInstance(error));
    expect(emulator.deliveries()).toEqual([]);
  });
});
