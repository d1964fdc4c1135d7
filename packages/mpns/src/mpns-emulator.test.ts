import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MpnsSendOptions, mpns } from "./mpns-adapter.js";
import { sendMpnsNotification } from "./mpns-send.js";

let emulator: Emulator;
let client: NotificationHubClient;

const device = (id: string, tags: string[], platform = "mpns") => ({
  installationId: id,
  platform,
  pushChannel: `https://mpns.test/${id}`,
  tags,
});

beforeAll(async () => {
  emulator = await startEmulator({
    installations: [
      device("lumia-1", ["sports", "news"]),
      device("lumia-2", ["sports"]),
      device("lumia-3", ["weather"]),
      device("pc-1", ["sports"], "wns"),
    ],
  });
  client = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    retry: false,
    adapters: [mpns({ batchingInterval: 450 })],
  });
});

beforeEach(() => emulator.reset());

afterAll(async () => {
  await client.close();
  await emulator.close();
});

const reached = () => emulator.deliveries().map((delivery) => delivery.installationId);
const toast =
  '<?xml version="1.0" encoding="utf-8"?>\n<wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>Été</wp:Text1></wp:Toast></wp:Notification>';
const tile =
  '<wp:Notification xmlns:wp="WPNotification" Version="2.0"><wp:Tile Id="/" Template="FlipTile"><wp:Count>5</wp:Count></wp:Tile></wp:Notification>';

describe("MPNS through the emulator", () => {
  it("delivers a toast byte for byte with target and class to the tagged phones only", async () => {
    const result = await sendMpnsNotification(client, toast, { tags: ["sports"] });
    expect(reached()).toEqual(["lumia-1", "lumia-2"]);
    for (const delivery of emulator.deliveries()) {
      expect(delivery).toMatchObject({ notificationId: result.notificationId, platform: "mpns" });
      expect(delivery.body).toBe(toast);
      expect(delivery.headers).toEqual({
        "content-type": "application/xml;charset=utf-8",
        "x-windowsphone-target": "toast",
        "x-notificationclass": "2",
      });
    }
  });

  it("delivers a tile with the registered factory's batching interval", async () => {
    await client.send("windowsphone", tile, { tags: "weather" });
    expect(emulator.deliveries()).toMatchObject([
      {
        installationId: "lumia-3",
        pushChannel: "https://mpns.test/lumia-3",
        body: tile,
        headers: { "x-windowsphone-target": "token", "x-notificationclass": "11" },
      },
    ]);
  });

  it("delivers raw text with class 3 and no target", async () => {
    const options: MpnsSendOptions = { type: "raw", batchingInterval: "immediate", tags: "news" };
    await client.send("windowsphone", new TextEncoder().encode("score=2-1"), options);
    expect(emulator.deliveries()).toMatchObject([{ installationId: "lumia-1", body: "score=2-1" }]);
    expect(emulator.deliveries()[0]?.headers).toEqual({
      "content-type": "application/xml;charset=utf-8",
      "x-notificationclass": "3",
    });
  });

  it("lists the devices a test send reached", async () => {
    const result = await sendMpnsNotification(client, toast, { tags: "sports", test: true });
    expect(result.outcome?.success).toBe(2);
    expect(
      result.outcome?.results.map((item) => [item.platform, item.registrationId, item.pnsHandle]),
    ).toEqual([
      ["windowsphone", "lumia-1", "https://mpns.test/lumia-1"],
      ["windowsphone", "lumia-2", "https://mpns.test/lumia-2"],
    ]);
  });

  it("narrows the targets with a tag expression", async () => {
    await sendMpnsNotification(client, tile, { tagExpression: "sports && !news" });
    expect(reached()).toEqual(["lumia-2"]);
  });

  it("reaches nothing when the adapter refuses the payload", async () => {
    await expect(sendMpnsNotification(client, "<toast/>", { tags: "sports" })).rejects.toSatisfy(
      (error) => PayloadValidationError.isInstance(error),
    );
    expect(emulator.deliveries()).toEqual([]);
  });
});
