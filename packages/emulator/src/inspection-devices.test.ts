import { parseRegistrationEntry, serializeRegistration } from "@nhub/management";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLE, APPLE_BODY, call, KEYS } from "./http.test-helper.js";
import { inspect, type SpawnedEmulator, spawnEmulator } from "./inspection.test-helper.js";
import type { DeliveryRecord, DeviceRecord } from "./inspection-types.js";

const TOKEN = "00fc13adff785122b4ad28809a3420982341241421348097878e577c991de8f0";
const TOAST_TEMPLATE =
  '<toast><visual><binding template="ToastText01"><text id="1">$(msg)</text></binding></visual></toast>';

const INSTALLATIONS = [
  {
    installationId: "phone",
    platform: "apns",
    pushChannel: "token-phone",
    tags: ["news", "sport"],
    templates: {
      greeting: {
        body: '{"aps":{"alert":"$(msg)"}}',
        headers: { "apns-priority": "10" },
        tags: ["tpl"],
      },
    },
  },
  { installationId: "tablet", platform: "fcmv1", pushChannel: "fcm-tablet", tags: ["news"] },
];

async function register(emulator: SpawnedEmulator, body: string): Promise<string> {
  const created = await call(emulator.asEmulator, {
    path: "demo/registrations?api-version=2020-06",
    headers: { "Content-Type": "application/atom+xml;type=entry;charset=utf-8" },
    body,
  });
  expect(created.status).toBe(200);
  return String(parseRegistrationEntry(created.text).registrationId);
}

function sendToTag(emulator: SpawnedEmulator, tag: string) {
  return call(emulator.asEmulator, {
    path: "demo/messages?api-version=2020-06",
    headers: { ...APPLE, "ServiceBusNotification-Tags": tag },
    body: APPLE_BODY,
  });
}

describe("inspection API: devices and the registrationId filter", () => {
  let emulator: SpawnedEmulator;
  let native: string;
  let template: string;
  beforeAll(async () => {
    emulator = await spawnEmulator({ keys: KEYS, installations: INSTALLATIONS });
    native = await register(
      emulator,
      serializeRegistration({ kind: "apple", deviceToken: TOKEN, tags: ["reg-news"] }),
    );
    template = await register(
      emulator,
      serializeRegistration({
        kind: "windows",
        channelUri: "https://wns.example/reg-1",
        tags: ["reg-tpl"],
        template: {
          name: "toast",
          body: TOAST_TEMPLATE,
          headers: { "X-WNS-Type": "wns/toast" },
        },
      }),
    );
  });
  afterAll(() => emulator.stop());

  it("lists installations and registrations with platform, tags and templates", async () => {
    const answer = await inspect(emulator.url, "_nhub/api/devices");
    expect(answer.status).toBe(200);
    const items = (answer.json as { items: DeviceRecord[] }).items;
    expect(items.map((item) => [item.kind, item.id])).toEqual([
      ["installation", "phone"],
      ["installation", "tablet"],
      ["registration", native],
      ["registration", template],
    ]);
    expect(items[0]).toEqual({
      hub: "demo",
      kind: "installation",
      id: "phone",
      platform: "apns",
      pushChannel: "token-phone",
      tags: ["news", "sport"],
      templates: {
        greeting: {
          body: '{"aps":{"alert":"$(msg)"}}',
          headers: { "apns-priority": "10" },
          tags: ["tpl"],
        },
      },
      expirationTime: null,
    });
    expect(items[1]).toMatchObject({ platform: "fcmv1", tags: ["news"], templates: {} });
    expect(items[2]).toMatchObject({
      kind: "registration",
      platform: "apns",
      pushChannel: TOKEN.toUpperCase(),
      tags: ["reg-news"],
      templates: {},
    });
    expect(items[3]).toMatchObject({
      kind: "registration",
      platform: "wns",
      pushChannel: "https://wns.example/reg-1",
      tags: ["reg-tpl"],
      templates: {
        // the template headers as registered, names in their own case
        toast: { body: TOAST_TEMPLATE, headers: { "X-WNS-Type": "wns/toast" }, tags: [] },
      },
    });
    expect(Number.isNaN(Date.parse(items[2]?.expirationTime ?? ""))).toBe(false);
  });

  it("filters deliveries by registrationId", async () => {
    await inspect(emulator.url, "_nhub/api/deliveries", { method: "DELETE" });
    expect((await sendToTag(emulator, "news")).status).toBe(201); // the phone installation
    expect((await sendToTag(emulator, "reg-news")).status).toBe(201); // the native registration
    expect((await sendToTag(emulator, "news || reg-news")).status).toBe(201); // both
    const all = (await inspect(emulator.url, "_nhub/api/deliveries")).json as {
      items: DeliveryRecord[];
    };
    expect(all.items).toHaveLength(4);
    const byRegistration = (
      await inspect(emulator.url, `_nhub/api/deliveries?registrationId=${native}`)
    ).json as { items: DeliveryRecord[] };
    expect(byRegistration.items).toHaveLength(2);
    for (const item of byRegistration.items) {
      expect(item).toMatchObject({
        registrationId: native,
        installationId: null,
        pushChannel: TOKEN.toUpperCase(),
      });
    }
    const none = await inspect(emulator.url, "_nhub/api/deliveries?registrationId=nope");
    expect((none.json as { items: unknown[] }).items).toEqual([]);
  });
});
