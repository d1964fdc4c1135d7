import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BaiduSendOptions, baidu } from "./baidu-adapter.js";
import { sendBaiduNotification } from "./baidu-send.js";

let emulator: Emulator;
let client: NotificationHubClient;

const device = (id: string, tags: string[], platform = "baidu") => ({
  installationId: id,
  platform,
  pushChannel: `user-${id}-channel`,
  tags,
});

beforeAll(async () => {
  emulator = await startEmulator({
    installations: [
      device("bd-1", ["sports", "news"]),
      device("bd-2", ["sports"]),
      device("bd-3", ["weather"]),
      device("pixel-1", ["sports"], "fcmv1"),
    ],
  });
  client = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    retry: false,
    adapters: [baidu({ messageType: 0 })],
  });
});

beforeEach(() => emulator.reset());

afterAll(async () => {
  await client.close();
  await emulator.close();
});

const reached = () => emulator.deliveries().map((delivery) => delivery.installationId);

describe("Baidu through the emulator", () => {
  it("delivers a notification with its message type to the tagged Baidu devices only", async () => {
    const result = await sendBaiduNotification(
      client,
      { title: "Été", description: "2-1" },
      { tags: ["sports"], messageType: 1 },
    );
    expect(reached()).toEqual(["bd-1", "bd-2"]);
    for (const delivery of emulator.deliveries()) {
      expect(delivery).toMatchObject({ notificationId: result.notificationId, platform: "baidu" });
      expect(delivery.body).toBe('{"title":"Été","description":"2-1"}');
      expect(delivery.headers).toEqual({
        "content-type": "application/json;charset=utf-8",
        "x-baidu-message-type": "1",
      });
    }
  });

  it("delivers JSON text unchanged with the registered factory's message type", async () => {
    const text = '{ "custom" : "x" }';
    await client.send("baidu", text, { tags: "weather" });
    expect(emulator.deliveries()).toMatchObject([
      {
        installationId: "bd-3",
        pushChannel: "user-bd-3-channel",
        body: text,
        headers: { "x-baidu-message-type": "0" },
      },
    ]);
  });

  it("lists the devices a test send reached", async () => {
    const result = await sendBaiduNotification(client, {}, { tags: "sports", test: true });
    expect(result.outcome?.success).toBe(2);
    expect(
      result.outcome?.results.map((item) => [item.platform, item.registrationId, item.pnsHandle]),
    ).toEqual([
      ["baidu", "bd-1", "user-bd-1-channel"],
      ["baidu", "bd-2", "user-bd-2-channel"],
    ]);
    expect(reached()).toEqual(["bd-1", "bd-2"]);
  });

  it("narrows the targets with a tag expression", async () => {
    await sendBaiduNotification(client, { title: "t" }, { tagExpression: "sports && !news" });
    expect(reached()).toEqual(["bd-2"]);
  });

  it("reaches nothing when the adapter refuses the payload", async () => {
    const bad: BaiduSendOptions = { tags: "sports", messageType: 5 as 1 };
    await expect(sendBaiduNotification(client, {}, bad)).rejects.toSatisfy((error) =>
      PayloadValidationError.isInstance(error),
    );
    await expect(client.send("baidu", "not json", { tags: "weather" })).rejects.toSatisfy((error) =>
      PayloadValidationError.isInstance(error),
    );
    expect(emulator.deliveries()).toEqual([]);
  });
});
