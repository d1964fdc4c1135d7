// Takes docs/inbox.png: starts the built emulator with a few devices, sends a push to each,
// opens the inbox in headless Chromium and selects one. The pushes' images come from a local
// server of drawn SVGs. Run `pnpm build` first, then `node scripts/screenshot.mjs`
// (CHROMIUM_PATH overrides /usr/bin/chromium; PICK=apns selects another platform's push, OUT=x.png
// writes elsewhere).
import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSasToken } from "@nhub/core";
import { launchChromium } from "@nhub/test-chromium";
import { startEmulator } from "../dist/index.js";

const OUT = process.env.OUT ?? fileURLToPath(new URL("../docs/inbox.png", import.meta.url));
const KEY = "c2NyZWVuc2hvdC1rZXk=";
const JSON_TYPE = "application/json;charset=utf-8";

/** Pictures the pushes point at, drawn as SVG. */
const PICTURES = {
  "/brief.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="728" height="360" viewBox="0 0 728 360">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffb36b"/><stop offset="1" stop-color="#ff6f61"/></linearGradient></defs>
<rect width="728" height="360" fill="url(#sky)"/><circle cx="520" cy="170" r="70" fill="#ffe9a8"/>
<path d="M0 250 Q180 170 360 240 T728 220 V360 H0Z" fill="#3a3f73"/><path d="M0 300 Q200 240 420 300 T728 290 V360 H0Z" fill="#23264a"/></svg>`,
  "/goal.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="320" viewBox="0 0 640 320">
<rect width="640" height="320" fill="#2e8b57"/><g fill="#34a065"><rect x="0" width="80" height="320"/><rect x="160" width="80" height="320"/><rect x="320" width="80" height="320"/><rect x="480" width="80" height="320"/></g>
<rect x="230" y="40" width="180" height="110" fill="none" stroke="#fff" stroke-width="6"/><circle cx="320" cy="230" r="34" fill="#fff"/><circle cx="320" cy="230" r="12" fill="#222"/></svg>`,
  "/news.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">
<rect width="96" height="96" fill="#7330b5"/><rect x="22" y="24" width="52" height="10" rx="3" fill="#fff"/><rect x="22" y="42" width="52" height="6" rx="3" fill="#d9c2f0"/><rect x="22" y="54" width="52" height="6" rx="3" fill="#d9c2f0"/><rect x="22" y="66" width="34" height="6" rx="3" fill="#d9c2f0"/></svg>`,
};

const pictures = createServer((req, res) => {
  const svg = PICTURES[new URL(req.url ?? "/", "http://127.0.0.1").pathname];
  if (svg === undefined) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": "image/svg+xml" }).end(svg);
});
await new Promise((resolve) => pictures.listen(0, "127.0.0.1", resolve));
const PICTURE_BASE = `http://127.0.0.1:${pictures.address().port}`;

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
    { title: "Breaking", body: "The council votes tonight", icon: `${PICTURE_BASE}/news.svg` },
  ],
  [
    "news",
    {
      "ServiceBusNotification-Format": "windows",
      "Content-Type": "application/xml",
      "X-WNS-Type": "wns/toast",
    },
    `<toast launch="article=7"><visual><binding template="ToastGeneric"><text>Morning briefing</text><text>Five stories to start your day</text><image placement="hero" src="${PICTURE_BASE}/brief.svg"/></binding></visual></toast>`,
  ],
  [
    "sports",
    { "ServiceBusNotification-Format": "fcmv1", "Content-Type": JSON_TYPE },
    {
      message: {
        notification: {
          title: "Goal! 2-1",
          body: "Rivera scores in the 89th minute",
          image: `${PICTURE_BASE}/goal.svg`,
        },
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
  const pick = process.env.PICK ?? "fcmv1";
  await page.click(`button.delivery:has(.platform-${pick})`);
  await page.waitForSelector("#detail .request-line");
  await page.waitForFunction(() =>
    [...document.querySelectorAll("#detail img, #deliveries img")].every((img) => img.complete),
  );
  mkdirSync(join(OUT, ".."), { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await close();
  await emulator.close();
  pictures.close();
}
