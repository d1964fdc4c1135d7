import type { Installation } from "@nhub/emulator";

const toastTemplate = (property: string) => ({
  body: `<toast><visual><binding template="ToastText01"><text id="1">$(${property})</text></binding></visual></toast>`,
  headers: { "X-WNS-Type": "wns/toast" },
});
const appleTemplate = (property: string) => ({ body: `{"aps":{"alert":"$(${property})"}}` });
const fcmTemplate = (property: string) => ({
  body: `{"message":{"notification":{"title":"News","body":"$(${property})"}}}`,
});

/** A fake PNS handle of the given length, stable across runs. */
function handle(prefix: string, seed: number, length = 64): string {
  let text = prefix;
  let value = seed;
  while (text.length < length) {
    value = (value * 1103515245 + 12345) % 2147483648;
    text += (value % 16).toString(16);
  }
  return text;
}

/**
 * The demo's devices: every platform, tags `sports` / `politics` and a language tag, English and
 * French templates (properties `greeting_en` / `greeting_fr`), and one expired Apple channel.
 */
export const DEMO_DEVICES: readonly Installation[] = [
  {
    installationId: "win-anna",
    platform: "wns",
    pushChannel: "https://wns2-par02p.notify.windows.com/w/?token=anna",
    tags: ["sports", "en"],
    templates: { greeting: toastTemplate("greeting_en") },
  },
  {
    installationId: "win-bruno",
    platform: "wns",
    pushChannel: "https://wns2-par02p.notify.windows.com/w/?token=bruno",
    tags: ["politics", "fr"],
    templates: { greeting: toastTemplate("greeting_fr") },
  },
  {
    installationId: "win-chen",
    platform: "wns",
    pushChannel: "https://wns2-par02p.notify.windows.com/w/?token=chen",
    tags: ["sports", "politics"],
  },
  {
    installationId: "win-dev",
    platform: "wns",
    pushChannel: "https://wns2-par02p.notify.windows.com/w/?token=dev",
  },
  {
    installationId: "iphone-dana",
    platform: "apns",
    pushChannel: handle("", 1),
    tags: ["sports", "en"],
    templates: { greeting: appleTemplate("greeting_en") },
  },
  {
    installationId: "iphone-emile",
    platform: "apns",
    pushChannel: handle("", 2),
    tags: ["politics", "fr"],
    templates: { greeting: appleTemplate("greeting_fr") },
  },
  {
    installationId: "iphone-old",
    platform: "apns",
    pushChannel: handle("", 3),
    pushChannelExpired: true,
    tags: ["sports"],
  },
  {
    installationId: "pixel-fatima",
    platform: "fcmv1",
    pushChannel: handle("fcm-fatima:", 4, 40),
    tags: ["sports", "fr"],
    templates: { greeting: fcmTemplate("greeting_fr") },
  },
  {
    installationId: "pixel-gus",
    platform: "fcmv1",
    pushChannel: handle("fcm-gus:", 5, 40),
    tags: ["politics"],
  },
  {
    installationId: "android-hana",
    platform: "gcm",
    pushChannel: handle("gcm-hana:", 6, 40),
    tags: ["sports"],
  },
  {
    installationId: "kindle-ivan",
    platform: "adm",
    pushChannel: handle("amzn1.adm-registration.v3.ivan.", 7, 48),
    tags: ["politics"],
  },
  {
    installationId: "baidu-jun",
    platform: "baidu",
    pushChannel: "4521986643150123977-3964573498812233061",
    tags: ["sports"],
  },
  {
    installationId: "lumia-kofi",
    platform: "mpns",
    pushChannel: "https://db3.notify.live.net/throttledthirdparty/01.00/kofi",
    tags: ["sports"],
  },
  {
    installationId: "browser-lea",
    platform: "browser",
    pushChannel: {
      endpoint: "https://fcm.googleapis.com/fcm/send/lea",
      p256dh:
        "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
      auth: "tBHItJI5svbpez7KI4CCXg",
    },
    tags: ["sports"],
  },
  {
    installationId: "xiaomi-ming",
    platform: "xiaomi",
    pushChannel: handle("xm-ming:", 9, 40),
    tags: ["politics"],
  },
];

/** `count` made-up FCM registration tokens for the batch step. */
export function demoBatchHandles(count: number): string[] {
  return Array.from(
    { length: count },
    (_, index) => `fcm-batch-${String(index + 1).padStart(5, "0")}`,
  );
}
