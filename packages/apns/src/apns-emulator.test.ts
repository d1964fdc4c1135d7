import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ApnsSendOptions, apns } from "./apns-adapter.js";
import { sendAppleNotification } from "./apns-send.js";

let emulator: Emulator;
let client: NotificationHubClient;

const device = (id: string, tags: string[], platform = "apns") => ({
  installationId: id,
  platform,
  pushChannel: `token-${id}`,
  tags,
});

beforeAll(async () => {
  emulator = await startEmulator({
    installations: [
      device("iphone-1", ["sports", "news"]),
      device("iphone-2", ["sports"]),
      device("ipad-3", ["weather"]),
      device("pixel-1", ["sports"], "fcmv1"),
    ],
  });
  client = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    retry: false,
    adapters: [apns({ topic: "com.example.news" })],
  });
});

beforeEach(() => emulator.reset());

afterAll(async () => {
  await client.close();
  await emulator.close();
});

const reached = () => emulator.deliveries().map((delivery) => delivery.installationId);

describe("APNs through the emulator", () => {
  it("delivers the exact body and APNs headers to the tagged Apple devices only", async () => {
    const result = await sendAppleNotification(
      client,
      { aps: { alert: { title: "Été", body: "Goal!" }, badge: 2 }, matchId: 7 },
      { tags: ["sports"], pushType: "alert", priority: 10, collapseId: "match-7" },
    );
    expect(reached()).toEqual(["iphone-1", "iphone-2"]);
    for (const delivery of emulator.deliveries()) {
      expect(delivery).toMatchObject({ notificationId: result.notificationId, platform: "apns" });
      expect(delivery.body).toBe(
        '{"aps":{"alert":{"title":"Été","body":"Goal!"},"badge":2},"matchId":7}',
      );
      expect(delivery.headers).toEqual({
        "content-type": "application/json;charset=utf-8",
        "apns-push-type": "alert",
        "apns-priority": "10",
        "apns-collapse-id": "match-7",
      });
    }
  });

  it("delivers a background push with the registered factory's defaults", async () => {
    const text = '{ "aps": { "content-available": 1 } }';
    const options: ApnsSendOptions = { tags: "weather", pushType: "background" };
    await client.send("apple", text, options);
    expect(emulator.deliveries()).toMatchObject([
      {
        installationId: "ipad-3",
        pushChannel: "token-ipad-3",
        body: text,
        headers: {
          "apns-push-type": "background",
          "apns-priority": "5",
          "apns-topic": "com.example.news",
        },
      },
    ]);
  });

  it("lists the devices a test send reached", async () => {
    const result = await sendAppleNotification(
      client,
      { aps: { alert: "hi" } },
      { tags: "sports", test: true },
    );
    expect(result.outcome?.success).toBe(2);
    expect(result.outcome?.failure).toBe(0);
    expect(
      result.outcome?.results.map((item) => [item.platform, item.registrationId, item.pnsHandle]),
    ).toEqual([
      ["apple", "iphone-1", "token-iphone-1"],
      ["apple", "iphone-2", "token-iphone-2"],
    ]);
    expect(reached()).toEqual(["iphone-1", "iphone-2"]);
  });

  it("narrows the targets with a tag expression", async () => {
    await sendAppleNotification(
      client,
      { aps: { badge: 1 } },
      { tagExpression: "sports && !news" },
    );
    expect(reached()).toEqual(["iphone-2"]);
  });

  it("reaches nothing when the adapter refuses the payload", async () => {
    await expect(
      sendAppleNotification(client, { aps: {} }, { tags: "sports", priority: 7 as 5 }),
    ).rejects.toSatisfy((error) => PayloadValidationError.isInstance(error));
    await expect(client.send("apple", { alert: "no aps" }, { tags: "weather" })).rejects.toSatisfy(
      (error) => PayloadValidationError.isInstance(error),
    );
    expect(emulator.deliveries()).toEqual([]);
  });
});
