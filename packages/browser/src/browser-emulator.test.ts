import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { browser } from "./browser-adapter.js";
import { sendBrowserNotification } from "./browser-send.js";

let emulator: Emulator;
let client: NotificationHubClient;

const endpoint = (id: string) => `https://push.test/wpush/${id}`;
const device = (id: string, tags: string[]) => ({
  installationId: id,
  platform: "browser",
  pushChannel: { endpoint: endpoint(id), p256dh: `p256dh-${id}`, auth: `auth-${id}` },
  tags,
});

beforeAll(async () => {
  emulator = await startEmulator({
    installations: [
      device("chrome-1", ["sports", "news"]),
      device("firefox-2", ["sports"]),
      device("edge-3", ["weather"]),
      { installationId: "pixel-1", platform: "fcmv1", pushChannel: "fcm-1", tags: ["sports"] },
    ],
  });
  client = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    retry: false,
    adapters: [browser()],
  });
});

beforeEach(() => emulator.reset());

afterAll(async () => {
  await client.close();
  await emulator.close();
});

const reached = () => emulator.deliveries().map((delivery) => delivery.installationId);

describe("Web Push through the emulator", () => {
  it("delivers the payload byte for byte to the tagged browsers only", async () => {
    const result = await sendBrowserNotification(
      client,
      { title: "Été", body: "2-1" },
      { tags: ["sports"] },
    );
    expect(reached()).toEqual(["chrome-1", "firefox-2"]);
    for (const delivery of emulator.deliveries()) {
      expect(delivery).toMatchObject({
        notificationId: result.notificationId,
        platform: "browser",
        pushChannel: endpoint(delivery.installationId ?? ""),
      });
      expect(delivery.body).toBe('{"title":"Été","body":"2-1"}');
      expect(delivery.headers).toEqual({ "content-type": "application/json;charset=utf-8" });
    }
  });

  it("delivers JSON text unchanged through the registered adapter", async () => {
    const text = '{ "title" : "x" }';
    await client.send("browser", text, { tags: "weather" });
    expect(emulator.deliveries()).toMatchObject([
      { installationId: "edge-3", pushChannel: endpoint("edge-3"), body: text },
    ]);
  });

  it("lists the devices a test send reached", async () => {
    const result = await sendBrowserNotification(
      client,
      { title: "t" },
      { tags: "sports", test: true },
    );
    expect(result.outcome?.success).toBe(2);
    expect(
      result.outcome?.results.map((item) => [item.platform, item.registrationId, item.pnsHandle]),
    ).toEqual([
      ["browser", "chrome-1", endpoint("chrome-1")],
      ["browser", "firefox-2", endpoint("firefox-2")],
    ]);
    expect(reached()).toEqual(["chrome-1", "firefox-2"]);
  });

  it("narrows the targets with a tag expression", async () => {
    await sendBrowserNotification(client, { title: "t" }, { tagExpression: "sports && !news" });
    expect(reached()).toEqual(["firefox-2"]);
  });

  it("reaches nothing when the adapter refuses the payload", async () => {
    await expect(sendBrowserNotification(client, "not json", { tags: "sports" })).rejects.toSatisfy(
      (error) => PayloadValidationError.isInstance(error),
    );
    await expect(
      client.send("browser", { body: "x".repeat(4000) }, { tags: "weather" }),
    ).rejects.toSatisfy((error) => PayloadValidationError.isInstance(error));
    expect(emulator.deliveries()).toEqual([]);
  });
});
