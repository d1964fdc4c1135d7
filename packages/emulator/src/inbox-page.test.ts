/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromiumAvailable, launchChromium } from "@nhub/test-chromium";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startTestEmulator } from "./http.test-helper.js";
import {
  IMG_MARKUP,
  INBOX_DEVICES,
  INBOX_KINDS,
  INBOX_SENDS,
  type InboxSend,
  SCRIPT_MARKUP,
} from "./inbox-fixtures.test-helper.js";
import type { DeliveryRecord } from "./inspection-types.js";
import type { Emulator } from "./types.js";

const ARTIFACTS = fileURLToPath(new URL("../test-artifacts/", import.meta.url));
const TIMEOUT = 120_000;

declare global {
  interface Window {
    __pwned?: number;
    __violations?: string[];
  }
}

function send(emulator: Emulator, item: Pick<InboxSend, "tag" | "headers" | "body">) {
  return call(emulator, {
    path: `${emulator.hubName}/messages?api-version=2020-06`,
    headers: { ...item.headers, "ServiceBusNotification-Tags": item.tag },
    body: item.body,
  });
}

async function latest(emulator: Emulator, query: string): Promise<DeliveryRecord> {
  const response = await fetch(new URL(`_nhub/api/deliveries?limit=1&${query}`, emulator.url));
  const page = (await response.json()) as { items: DeliveryRecord[] };
  const [record] = page.items;
  if (record === undefined) throw new Error(`no delivery for ${query}`);
  return record;
}

async function open(page: Page, id: string) {
  await page.waitForSelector(`button.delivery[data-id="${id}"]`);
  await page.click(`button.delivery[data-id="${id}"]`);
  await page.waitForFunction(
    (wanted) => document.querySelector("#detail")?.getAttribute("data-current") === wanted,
    {},
    id,
  );
}

const apple0 = () => INBOX_SENDS[0] as InboxSend;

const text = (page: Page, selector: string) =>
  page.$eval(selector, (node) => node.textContent ?? "");

describe.skipIf(!chromiumAvailable())("inbox page in headless Chromium", () => {
  let emulator: Emulator;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const consoleErrors: string[] = [];
  let csp: string | undefined;

  beforeAll(async () => {
    emulator = await startTestEmulator({ installations: INBOX_DEVICES });
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(String(error)));
    await page.evaluateOnNewDocument(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__violations?.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const response = await page.goto(emulator.inboxUrl, { waitUntil: "load" });
    csp = response?.headers()["content-security-policy"];
    await page.waitForFunction(() => document.querySelector("#status")?.textContent === "live");
  }, TIMEOUT);

  afterAll(async () => {
    await chromium?.close();
    await emulator?.close();
  });

  it(
    "shows the devices, live deliveries with a preview per platform, inert markup, hex and filters",
    async () => {
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(await page.$eval("h1", (node) => node.textContent)).toBe("nhub inbox");
      const headings = await page.$$eval("h2", (nodes) => nodes.map((node) => node.textContent));
      expect(headings).toEqual(["Devices", "Deliveries", "Delivery"]);

      // the devices, grouped by platform, with their tags
      await page.waitForSelector("#devices .device-group");
      const ids = await page.$$eval("#devices .device-id", (nodes) =>
        nodes.map((n) => n.textContent),
      );
      expect(ids.sort()).toEqual(INBOX_DEVICES.map((device) => device.installationId).sort());
      const groups = await page.$$eval("#devices .device-group", (nodes) => nodes.length);
      expect(groups).toBe(9);
      expect(await text(page, "#devices")).toContain("team-a");

      // pushes sent after the page loaded appear without a reload
      expect(await page.$$("button.delivery")).toHaveLength(0);
      for (const item of INBOX_SENDS) expect((await send(emulator, item)).status).toBe(201);
      await page.waitForFunction(
        (count) => document.querySelectorAll("button.delivery").length === count,
        {},
        INBOX_SENDS.length,
      );

      // each platform's preview shows the title and body sent
      for (const item of INBOX_SENDS) {
        const installation = INBOX_DEVICES.find((device) => device.tags?.includes(item.tag));
        const record = await latest(emulator, `installationId=${installation?.installationId}`);
        await open(page, record.id);
        expect(await text(page, "#detail .preview-title")).toBe(item.title);
        expect(await text(page, "#detail .preview-body")).toBe(item.text);
        expect(await text(page, "#detail .wire-body")).toBe(record.body);
        expect(await text(page, "#detail .request-line")).toContain("POST /demo/messages");
      }
      expect(await text(page, "#detail .template-body")).toContain("$(title)");

      // a test send shows its outcome beside the preview
      const tested = await call(emulator, {
        path: `${emulator.hubName}/messages?api-version=2020-06&test`,
        headers: { ...apple0().headers, "ServiceBusNotification-Tags": "p-apns" },
        body: apple0().body,
      });
      expect(tested.status).toBe(201);
      await open(page, (await latest(emulator, "installationId=iphone-1")).id);
      await page.waitForSelector("#detail .outcome-json");
      expect(JSON.parse(await text(page, "#detail .outcome-json"))).toMatchObject({ success: 1 });
      expect(await text(page, "#detail .facts")).toContain("test send");

      // data-only, background, badge, tile and unreadable pushes are labelled as such
      for (const item of INBOX_KINDS) {
        expect((await send(emulator, item)).status).toBe(201);
        await open(page, (await latest(emulator, `platform=${item.platform}`)).id);
        expect(await text(page, "#detail .card-label")).toContain(item.label);
        const title = await page.$eval(
          "#detail",
          (node) => node.querySelector(".preview-title")?.textContent ?? "",
        );
        expect(title).toBe(item.title);
      }

      // markup in a toast and in an APNs alert stays text
      const toast = INBOX_SENDS.find((item) => item.platform === "wns") as InboxSend;
      const xmlText = (value: string) =>
        value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      const hostile = `<toast><visual><binding template="ToastGeneric"><text>${xmlText(IMG_MARKUP)}</text><text>${xmlText(SCRIPT_MARKUP)}</text></binding></visual><img src="x" onerror="window.__pwned=1"/><script>window.__pwned=1</script></toast>`;
      expect((await send(emulator, { ...toast, body: hostile })).status).toBe(201);
      await open(page, (await latest(emulator, "platform=wns")).id);
      expect(await text(page, "#detail .preview-title")).toBe(IMG_MARKUP);
      expect(await text(page, "#detail .preview-body")).toBe(SCRIPT_MARKUP);
      expect(await text(page, "#detail .wire-body")).toBe(hostile);
      const apple = INBOX_SENDS[0] as InboxSend;
      const alert = JSON.stringify({ aps: { alert: { title: IMG_MARKUP, body: SCRIPT_MARKUP } } });
      expect((await send(emulator, { ...apple, body: alert })).status).toBe(201);
      await open(page, (await latest(emulator, "installationId=iphone-1")).id);
      expect(await text(page, "#detail .preview-title")).toBe(IMG_MARKUP);
      expect(await text(page, "#detail .preview-body")).toBe(SCRIPT_MARKUP);
      expect(await text(page, "#deliveries")).toContain(IMG_MARKUP);
      const inert = await page.evaluate(() => ({
        pwned: window.__pwned,
        images: document.querySelectorAll("img").length,
        scripts: [...document.querySelectorAll("script")].map((node) => node.getAttribute("src")),
      }));
      expect(inert).toEqual({ pwned: undefined, images: 0, scripts: ["inbox.js"] });

      // a raw body that is not UTF-8 shows as hex
      const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x41, 0xc3, 0x28, 0x0a]);
      const raw = await call(emulator, {
        path: `${emulator.hubName}/messages?api-version=2020-06&direct`,
        headers: {
          "ServiceBusNotification-Format": "windows",
          "ServiceBusNotification-DeviceHandle": "https://wns.example/surface-1",
          "X-WNS-Type": "wns/raw",
          "Content-Type": "application/octet-stream",
        },
        body: bytes,
      });
      expect(raw.status).toBe(201);
      const rawRecord = await latest(emulator, "platform=wns");
      expect(rawRecord.bodyIsUtf8).toBe(false);
      await open(page, rawRecord.id);
      expect(await text(page, "#detail .hex-dump")).toContain("00 ff fe 80 41 c3 28 0a");
      expect(await text(page, "#detail .device-card")).toContain("raw");

      // the platform filter narrows the list
      const all = (await page.$$("button.delivery")).length;
      expect(all).toBe(INBOX_SENDS.length + INBOX_KINDS.length + 4);
      await page.select("#filter-platform", "fcmv1");
      const chips = await page.$$eval("button.delivery .platform-chip", (nodes) =>
        nodes.map((node) => node.className),
      );
      expect(chips).toEqual(["platform-chip platform-fcmv1", "platform-chip platform-fcmv1"]);
      await page.select("#filter-platform", "apns");
      expect(await page.$$("button.delivery")).toHaveLength(5);
      await page.select("#filter-platform", "");
      expect(await page.$$("button.delivery")).toHaveLength(all);

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: `${ARTIFACTS}inbox.png` });

      // a clear empties the list live
      await page.click("#clear");
      await page.waitForFunction(() => document.querySelectorAll("button.delivery").length === 0);

      expect(await page.evaluate(() => window.__violations)).toEqual([]);
      expect(consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "off loopback, forwards the page's ?token= to the API and the stream",
    async () => {
      const remote = await startTestEmulator({
        host: "0.0.0.0",
        installations: INBOX_DEVICES,
        maxDeliveries: 1,
      });
      const other = await chromium.browser.newPage();
      try {
        const url = remote.inboxUrl.replace("0.0.0.0", "127.0.0.1");
        expect(url).toContain("?token=");
        await other.goto(url, { waitUntil: "load" });
        await other.waitForFunction(
          () => document.querySelector("#status")?.textContent === "live",
        );
        await other.waitForSelector("#devices .device-id");
        const apple = INBOX_SENDS[0] as InboxSend;
        const direct = { ...remote, url: remote.url.replace("0.0.0.0", "127.0.0.1") };
        expect((await send(direct, apple)).status).toBe(201);
        await other.waitForFunction(
          () => document.querySelectorAll("button.delivery").length === 1,
        );
        // maxDeliveries is 1: the second push prunes the first, and the page says so
        expect((await send(direct, apple)).status).toBe(201);
        await other.waitForFunction(
          () => document.querySelector("#counts")?.textContent?.includes("1 pruned") === true,
        );
      } finally {
        await other.close();
        await remote.close();
      }
    },
    TIMEOUT,
  );
});
