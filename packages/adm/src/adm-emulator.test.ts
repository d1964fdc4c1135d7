import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adm } from "./adm-adapter.js";
import { sendAdmNotification } from "./adm-send.js";

let emulator: Emulator;
let client: NotificationHubClient;

const device = (id: string, tags: string[], platform = "adm") => ({
  installationId: id,
  platform,
  pushChannel: `amzn1.adm-registration.v3.${id}`,
  tags,
});

beforeAll(async () => {
  emulator = await startEmulator({
    installations: [
      device("kindle-1", ["sports", "news"]),
      device("kindle-2", ["sports"]),
      device("kindle-3", ["weather"]),
      device("pixel-1", ["sports"], "fcmv1"),
    ],
  });
  client = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    retry: false,
    adapters: [adm()],
  });
});

beforeEach(() => emulator.reset());

afterAll(async () => {
  await client.close();
  await emulator.close();
});

const reached = () => emulator.deliveries().map((delivery) => delivery.installationId);

describe("ADM through the emulator", () => {
  it("delivers the message byte for byte to the tagged Amazon devices only", async () => {
    const result = await sendAdmNotification(
      client,
      { data: { title: "Été" }, consolidationKey: "score", expiresAfter: 3600 },
      { tags: ["sports"] },
    );
    expect(reached()).toEqual(["kindle-1", "kindle-2"]);
    for (const delivery of emulator.deliveries()) {
      expect(delivery).toMatchObject({ notificationId: result.notificationId, platform: "adm" });
      expect(delivery.body).toBe(
        '{"data":{"title":"Été"},"consolidationKey":"score","expiresAfter":3600}',
      );
      expect(delivery.headers).toEqual({ "content-type": "application/json" });
    }
  });

  it("delivers JSON text unchanged through the registered adapter", async () => {
    const text = '{ "data": { "a": "1" } }';
    await client.send("adm", text, { tags: "weather" });
    expect(emulator.deliveries()).toMatchObject([
      { installationId: "kindle-3", pushChannel: "amzn1.adm-registration.v3.kindle-3", body: text },
    ]);
  });

  it("lists the devices a test send reached", async () => {
    const result = await sendAdmNotification(
      client,
      { data: { a: "1" } },
      { tags: "sports", test: true },
    );
    expect(result.outcome?.success).toBe(2);
    expect(
      result.outcome?.results.map((item) => [item.platform, item.registrationId, item.pnsHandle]),
    ).toEqual([
      ["adm", "kindle-1", "amzn1.adm-registration.v3.kindle-1"],
      ["adm", "kindle-2", "amzn1.adm-registration.v3.kindle-2"],
    ]);
    expect(reached()).toEqual(["kindle-1", "kindle-2"]);
  });

  it("narrows the targets with a tag expression", async () => {
    await sendAdmNotification(client, { data: { a: "1" } }, { tagExpression: "sports && !news" });
    expect(reached()).toEqual(["kindle-2"]);
  });

  it("reaches nothing when the adapter refuses the payload", async () => {
    await expect(
      sendAdmNotification(client, '{"data":{"n":1}}', { tags: "sports" }),
    ).rejects.toSatisfy((error) => PayloadValidationError.isInstance(error));
    expect(emulator.deliveries()).toEqual([]);
  });
});
