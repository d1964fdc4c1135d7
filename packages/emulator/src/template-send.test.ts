import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call, startTestEmulator } from "./http.test-helper.js";
import type { Emulator, Installation } from "./types.js";

const DEVICES: Installation[] = [
  {
    installationId: "win",
    platform: "wns",
    pushChannel: "https://wns.example/win",
    tags: ["fr"],
    templates: {
      greeting_fr: {
        body: '<toast><visual><binding template="ToastText01"><text id="1">$(greeting_fr)</text></binding></visual></toast>',
        headers: { "X-WNS-Type": "wns/toast" },
      },
    },
  },
  {
    installationId: "ios",
    platform: "apns",
    pushChannel: "apns-token",
    tags: ["en"],
    templates: {
      greeting_en: {
        body: '{"aps":{"alert":"{\'EN: \' + $(greeting_en)}","badge":"#(count)"}}',
        tags: ["vip"],
      },
      short: {
        body: '{"aps":{"alert":".(greeting_en, 8)"}}',
        headers: { "apns-push-type": "alert" },
      },
    },
  },
  { installationId: "plain", platform: "gcm", pushChannel: "gcm-token", tags: ["en", "fr"] },
];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ installations: DEVICES });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

async function sendTemplate(properties: Record<string, string>, tags?: string) {
  const headers: Record<string, string> = {
    "ServiceBusNotification-Format": "template",
    "Content-Type": "application/json;charset=utf-8",
  };
  if (tags !== undefined) headers["ServiceBusNotification-Tags"] = tags;
  const response = await call(emulator, {
    path: "demo/messages?api-version=2020-06",
    headers,
    body: JSON.stringify(properties),
  });
  expect(response.status).toBe(201);
  return emulator.deliveries();
}

describe("template sends", () => {
  it("renders every template reached, one delivery per template, with its headers", async () => {
    const deliveries = await sendTemplate({
      greeting_en: "Hello world",
      greeting_fr: "Bonjour & salut",
      count: "7",
    });
    expect(deliveries.map((d) => [d.installationId, d.templateName])).toEqual([
      ["win", "greeting_fr"],
      ["ios", "greeting_en"],
      ["ios", "short"],
    ]);
    expect(deliveries[0]?.body).toBe(
      '<toast><visual><binding template="ToastText01"><text id="1">Bonjour &amp; salut</text></binding></visual></toast>',
    );
    expect(deliveries[0]?.headers).toEqual({
      "content-type": "application/xml",
      "x-wns-type": "wns/toast",
    });
    expect(deliveries[0]?.platform).toBe("wns");
    expect(JSON.parse(deliveries[1]?.body ?? "")).toEqual({
      aps: { alert: "EN: Hello world", badge: 7 },
    });
    expect(deliveries[1]?.headers).toEqual({ "content-type": "application/json" });
    expect(deliveries[2]?.body).toBe('{"aps":{"alert":"Hello..."}}');
    expect(deliveries[2]?.headers).toEqual({
      "content-type": "application/json",
      "apns-push-type": "alert",
    });
  });

  it("matches on the installation's tags, the template's tags and the template's name", async () => {
    expect((await sendTemplate({}, "fr")).map((d) => d.templateName)).toEqual(["greeting_fr"]);
    emulator.reset();
    expect((await sendTemplate({}, "vip")).map((d) => d.templateName)).toEqual(["greeting_en"]);
    emulator.reset();
    expect(
      (await sendTemplate({}, "short && $InstallationId:{ios}")).map((d) => d.templateName),
    ).toEqual(["short"]);
  });

  it("renders missing properties as empty text and never reaches native-only devices", async () => {
    const deliveries = await sendTemplate({}, "en");
    expect(deliveries.map((d) => d.installationId)).toEqual(["ios", "ios"]);
    expect(JSON.parse(deliveries[0]?.body ?? "")).toEqual({ aps: { alert: "EN: ", badge: "" } });
  });
});
