import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { xiaomi } from "./xiaomi-adapter.js";
import { sendXiaomiNotification } from "./xiaomi-send.js";

let emulator: Emulator;
let client: NotificationHubClient;

const device = (id: string, tags: string[], platform = "xiaomi") => ({
  installationId: id,
  platform,
  pushChannel: `mi-reg-${id}`,
  tags,
});

beforeAll(async () => {
  emulator = await startEmulator({
    installations: [
      device("mi-1", ["sports", "news"]),
      device("mi-2", ["sports"]),
      device("mi-3", ["weather"]),
      device("pixel-1", ["sports"], "fcmv1"),
    ],
  });
  client = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    retry: false,
    adapters: [xiaomi()],
  });
});

beforeEach(() => emulator.reset());

afterAll(async () => {
  await client.close();
  await emulator.close();
});

const reached = () => emulator.deliveries().map((delivery) => delivery.installationId);

describe("Xiaomi through the emulator", () => {
  it("delivers the payload byte for byte to the tagged Xiaomi devices only", async () => {
    const result = await sendXiaomiNotification(
      client,
      { title: "Été", description: "2-1" },
      { tags: ["sports"] },
    );
    expect(reached()).toEqual(["mi-1", "mi-2"]);
    for (const delivery of emulator.deliveries()) {
      expect(delivery).toMatchObject({ notificationId: result.notificationId, platform: "xiaomi" });
      expect(delivery.body).toBe('{"title":"Été","description":"2-1"}');
      expect(delivery.headers).toEqual({ "content-type": "application/json;charset=utf-8" });
    }
  });

  it("delivers JSON text unchanged through the registered adapter", async () => {
    const text = '{ "title" : "x" }';
    await client.send("xiaomi", text, { tags: "weather" });
    expect(emulator.deliveries()).toMatchObject([
      { installationId: "mi-3", pushChannel: "mi-reg-mi-3", body: text },
    ]);
  });

  it("lists the devices a test send reached", async () => {
    const result = await sendXiaomiNotification(
      client,
      { title: "t" },
      { tags: "sports", test: true },
    );
    expect(result.outcome?.success).toBe(2);
    expect(
      result.outcome?.results.map((item) => [item.platform, item.registrationId, item.pnsHandle]),
    ).toEqual([
      ["xiaomi", "mi-1", "mi-reg-mi-1"],
      ["xiaomi", "mi-2", "mi-reg-mi-2"],
    ]);
    expect(reached()).toEqual(["mi-1", "mi-2"]);
  });

  it("narrows the targets with a tag expression", async () => {
    await sendXiaomiNotification(client, { title: "t" }, { tagExpression: "sports && !news" });
    expect(reached()).toEqual(["mi-2"]);
  });

  it("reaches nothing when the adapter refuses the payload", async () => {
    await expect(sendXiaomiNotification(client, "not json", { tags: "sports" })).rejects.toSatisfy(
      (error) => PayloadValidationError.isInstance(error),
    );
    expect(emulator.deliveries()).toEqual([]);
  });
});
