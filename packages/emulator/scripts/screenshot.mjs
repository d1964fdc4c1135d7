// Takes docs/inbox.png: starts the built emulator with a few devices, sends a push to each,
// opens the inbox in headless Chromium and selects one. Run `pnpm build` first, then
// `node scripts/screenshot.mjs` (CHROMIUM_PATH overrides /usr/bin/chromium).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSasToken } from "@nhub/core";
import { launchChromium } from "@nhub/test-chromium";
import { startEmulator } from "../dist/index.js";

const OUT = fileURLToPath(new URL("../docs/inbox.png", import.meta.url));
const KEY = "c2NyZWVuc2hvdC1rZXk=";
const JSON_TYPE = "application/json;charset=utf-8";

const devices = [
  ["iphone-anna", "apns", "apns-token-anna", ["sports", "lang:en"]],
  ["ipad-anna", "apns", "apns-token-anna-ipad", ["sports"]],
  ["pixel-ben", "fcmv1", "fcm-token-ben", ["sports", "news"]],
  ["surface-carla", "wns", "https://wns.example/carla", ["news"]],
  ["kindle-dan", "adm", "adm-dan", ["offers"]],
  ["mi-eva", "xiaomi", "xiaomi-eva", ["offers"]],
].map(([installationId, platform, pushChannel, tags]) => ({
  installationId,
  platform,
  pushChannel,
  tags,
}));
devices.push({
  installationId: "chrome-fay",
  platform: "browser",
  pushChannel: { endpoint: "https://push.example/fay", p256dh: "BPkey", auth: "secret" },
  tags: ["news"],
});

const sends = [
  [
    "offers",
    { "ServiceBusNotification-Format": "xiaomi", "Content-Type": JSON_TYPE },
    { title: "Flash sale", description: "30% off until midnight", payload: "sale=42" },
  ],
  [
    "news",
    { "ServiceBusNotification-Format": "browser", "Content-Type": JSON_TYPE },
    { title: "Breaking", body: "The council votes tonight", icon: "/icons/news.png" },
  ],
  [
    "news",
    {
      "ServiceBusNotification-Format": "windows",
      "Content-Type": "application/xml",
      "X-WNS-Type": "wns/toast",
    },
    '<toast launch="article=7"><visual><binding template="ToastGeneric"><text>Morning briefing</text><text>Five stories to start your day</text><image placement="hero" src="https://cdn.example/brief.png"/></binding></visual></toast>',
  ],
  [
    "sports",
    { "ServiceBusNotification-Format": "fcmv1", "Content-Type": JSON_TYPE },
    {
      message: {
        notification: { title: "Goal! 2-1", body: "Rivera scores in the 89th minute" },
        data: { match: "m-1042", minute: "89" },
      },
    },
  ],
  [
    "sports",
    {
      "ServiceBusNotification-Format": "apple",
      "Content-Type": JSON_TYPE,
      "apns-push-type": "alert",
    },
    {
      aps: {
        alert: {
          title: "Goal! 2-1",
          subtitle: "City vs United",
          body: "Rivera scores in the 89th minute",
        },
        badge: 3,
        sound: "goal.caf",
        "thread-id": "match-1042",
      },
      match: "m-1042",
    },
  ],
];

/** A SAS token for the emulator's namespace, signed by `@nhub/core`. */
function sas(url) {
  return createSasToken({
    resourceUri: url,
    keyName: "DefaultFullSharedAccessSignature",
    key: KEY,
    expiresOn: Math.floor(Date.now() / 1000) + 600,
  });
}

const emulator = await startEmulator({ keys: { full: KEY }, installations: devices });
const { browser, close } = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1440, height: 860, deviceScaleFactor: 1 });
  await page.goto(emulator.inboxUrl, { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelector("#status")?.textContent === "live");
  for (const [tag, headers, body] of sends) {
    const response = await fetch(
      new URL(`${emulator.hubName}/messages?api-version=2020-06`, emulator.url),
      {
        method: "POST",
        headers: {
          ...headers,
          "ServiceBusNotification-Tags": tag,
          Authorization: await sas(emulator.url),
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      },
    );
    if (response.status !== 201) throw new Error(`send to ${tag} answered ${response.status}`);
  }
  await page.waitForFunction(() => document.querySelectorAll("button.delivery").length === 6);
  await page.click("button.delivery");
  await page.waitForSelector("#detail .request-line");
  mkdirSync(join(OUT, ".."), { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await close();
  await emulator.close();
}
