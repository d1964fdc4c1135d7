import { createClient, type NotificationHubClient, PayloadValidationError } from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { template } from "./template-adapter.js";
import { sendTemplateNotification } from "./template-send.js";

let emulator: Emulator;
let client: NotificationHubClient;

const toast =
  '<toast><visual><binding template="ToastText01"><text id="1">$(title)</text></binding></visual></toast>';

beforeAll(async () => {
  emulator = await startEmulator({
    installations: [
      {
        installationId: "pc-1",
        platform: "wns",
        pushChannel: "https://wns.test/pc-1",
        tags: ["sports"],
        templates: {
          greeting_en: { body: toast, headers: { "X-WNS-Type": "wns/toast" } },
          greeting_fr: {
            body: toast.replace("$(title)", "$(title_fr)"),
            headers: { "X-WNS-Type": "wns/toast" },
          },
        },
      },
      {
        installationId: "iphone-1",
        platform: "apns",
        pushChannel: "token-iphone-1",
        tags: ["sports"],
        templates: {
          greeting_en: { body: '{"aps":{"alert":"$(title) at $(venue)","badge":"#(count)"}}' },
        },
      },
      {
        installationId: "pixel-1",
        platform: "fcmv1",
        pushChannel: "fcm-pixel-1",
        tags: ["news"],
        templates: {
          alert: { body: '{"message":{"notification":{"title":"$(title)"}}}', tags: ["breaking"] },
        },
      },
      {
        installationId: "iphone-2",
        platform: "apns",
        pushChannel: "token-iphone-2",
        tags: ["sports"],
      },
    ],
  });
  client = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    retry: false,
    adapters: [template()],
  });
});

beforeEach(() => emulator.reset());

afterAll(async () => {
  await client.close();
  await emulator.close();
});

const reached = () => emulator.deliveries().map((d) => `${d.installationId}/${d.templateName}`);
const properties = { title: "Goal & run", title_fr: "But", venue: 'Stade "Nord"', count: 3 };

describe("templates through the emulator", () => {
  it("renders each reached template with the properties, per platform", async () => {
    const result = await sendTemplateNotification(client, properties, { tags: "sports" });
    expect(reached()).toEqual(["pc-1/greeting_en", "pc-1/greeting_fr", "iphone-1/greeting_en"]);
    const [en, fr, apple] = emulator.deliveries();
    expect(en).toMatchObject({ notificationId: result.notificationId, platform: "wns" });
    expect(en?.body).toBe(toast.replace("$(title)", "Goal &amp; run"));
    expect(en?.headers).toMatchObject({
      "content-type": "application/xml",
      "x-wns-type": "wns/toast",
    });
    expect(fr?.body).toBe(toast.replace("$(title)", "But"));
    expect(apple).toMatchObject({ platform: "apns", pushChannel: "token-iphone-1" });
    expect(apple?.body).toBe('{"aps":{"alert":"Goal & run at Stade \\"Nord\\"","badge":3}}');
  });

  it("targets a template by its name and by its own tags through the registered adapter", async () => {
    await client.send("template", { title: "Storm" }, { tagExpression: "greeting_fr || breaking" });
    expect(reached()).toEqual(["pc-1/greeting_fr", "pixel-1/alert"]);
    expect(emulator.deliveries()[1]).toMatchObject({
      platform: "fcmv1",
      body: '{"message":{"notification":{"title":"Storm"}}}',
    });
  });

  it("lists the templates a test send reached", async () => {
    const result = await sendTemplateNotification(client, properties, { tags: "news", test: true });
    expect(result.outcome?.success).toBe(1);
    expect(result.outcome?.results.map((item) => [item.platform, item.pnsHandle])).toEqual([
      ["fcmv1", "fcm-pixel-1"],
    ]);
    expect(reached()).toEqual(["pixel-1/alert"]);
  });

  it("reaches nothing when the adapter refuses the payload", async () => {
    await expect(sendTemplateNotification(client, { a: { b: "c" } } as never)).rejects.toSatisfy(
      (error) => PayloadValidationError.isInstance(error),
    );
    await expect(client.send("template", "not json")).rejects.toSatisfy((error) =>
      PayloadValidationError.isInstance(error),
    );
    expect(emulator.deliveries()).toEqual([]);
  });
});
