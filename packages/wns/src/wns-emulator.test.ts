import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { wns } from "./wns-adapter.js";
import { sendWindowsNotification } from "./wns-send.js";

let emulator: Emulator;
let client: NotificationHubClient;

const device = (id: string, tags: string[]) => ({
  installationId: id,
  platform: "wns",
  pushChannel: `https://wns.test/${id}`,
  tags,
});

beforeAll(async () => {
  emulator = await startEmulator({
    installations: [
      device("pc-1", ["sports", "news"]),
      device("pc-2", ["sports"]),
      device("pc-3", ["weather"]),
      {
        installationId: "phone-1",
        platform: "apns",
        pushChannel: "apns-token-1",
        tags: ["sports"],
      },
    ],
  });
  client = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    retry: false,
    adapters: [wns({ ttl: 60 })],
  });
});

beforeEach(() => emulator.reset());

afterAll(async () => {
  await client.close();
  await emulator.close();
});

const reached = () => emulator.deliveries().map((delivery) => delivery.installationId);

describe("WNS through the emulator", () => {
  it("delivers a toast byte for byte to the tagged Windows devices only", async () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?>\n<toast launch="a&amp;b"><visual><binding template="ToastGeneric"><text>Été</text></binding></visual></toast>';
    const result = await sendWindowsNotification(client, xml, { tags: ["sports"], priority: 2 });
    expect(reached()).toEqual(["pc-1", "pc-2"]);
    for (const delivery of emulator.deliveries()) {
      expect(delivery).toMatchObject({ notificationId: result.notificationId, platform: "wns" });
      expect(delivery.body).toBe(xml);
      expect(delivery.headers).toEqual({
        "content-type": "application/xml",
        "x-wns-type": "wns/toast",
        "x-wns-priority": "2",
      });
    }
  });

  it.each([
    [
      "tile",
      '<tile><visual><binding template="TileSmall"><text>1</text></binding></visual></tile>',
    ],
    ["badge", '<badge value="7"/>'],
  ])(
    "delivers a %s with the factory's defaults through the registered adapter",
    async (type, xml) => {
      await client.send("windows", xml, { tags: "weather" });
      expect(emulator.deliveries()).toMatchObject([
        {
          installationId: "pc-3",
          pushChannel: "https://wns.test/pc-3",
          body: xml,
          headers: {
            "content-type": "application/xml",
            "x-wns-type": `wns/${type}`,
            "x-wns-ttl": "60",
          },
        },
      ]);
    },
  );

  it("delivers raw bytes as application/octet-stream", async () => {
    const bytes = new TextEncoder().encode('{"score":"2-1"}');
    await sendWindowsNotification(client, bytes, { type: "raw", tags: "news" });
    expect(emulator.deliveries()).toMatchObject([
      {
        installationId: "pc-1",
        body: '{"score":"2-1"}',
        headers: { "content-type": "application/octet-stream", "x-wns-type": "wns/raw" },
      },
    ]);
  });

  it("lists the devices a test send reached", async () => {
    const result = await sendWindowsNotification(client, '<badge value="1"/>', {
      tags: "sports",
      test: true,
    });
    expect(result.outcome?.success).toBe(2);
    expect(result.outcome?.failure).toBe(0);
    expect(
      result.outcome?.results.map((item) => [item.platform, item.registrationId, item.pnsHandle]),
    ).toEqual([
      ["windows", "pc-1", "https://wns.test/pc-1"],
      ["windows", "pc-2", "https://wns.test/pc-2"],
    ]);
    expect(reached()).toEqual(["pc-1", "pc-2"]);
  });

  it("narrows the targets with a tag expression", async () => {
    await sendWindowsNotification(client, '<badge value="2"/>', {
      tagExpression: "sports && !news",
    });
    expect(reached()).toEqual(["pc-2"]);
  });

  it("reaches nothing when the adapter refuses the payload", async () => {
    await expect(sendWindowsNotification(client, "<foo/>", { tags: "sports" })).rejects.toSatisfy(
      (error) => PayloadValidationError.isInstance(error),
    );
    await expect(client.send("windows", "<notification/>", { tags: "weather" })).rejects.toSatisfy(
      (error) => PayloadValidationError.isInstance(error),
    );
    expect(emulator.deliveries()).toEqual([]);
  });
});
