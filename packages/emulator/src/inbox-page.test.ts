/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromiumAvailable, launchChromium } from "@nhub/test-chromium";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startTestEmulator } from "./http.test-helper.js";
import {
  facts,
  IMG_MARKUP,
  INBOX_DEVICES,
  INBOX_KINDS,
  type InboxSend,
  inboxSends,
  loaded,
  SCRIPT_MARKUP,
} from "./inbox-fixtures.test-helper.js";
import { solidPng, startImageServer } from "./inbox-images.test-helper.js";
import {
  clickChip,
  deliveries,
  latest,
  listedDevices,
  open,
  previewFacts,
  send,
  text,
} from "./inbox-page.test-helper.js";
import type { Emulator } from "./types.js";

const ARTIFACTS = fileURLToPath(new URL("../test-artifacts/", import.meta.url));
const TIMEOUT = 120_000;

declare global {
  interface Window {
    __pwned?: number;
    __violations?: string[];
  }
}

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (policy ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name] = values.join(" ");
  }
  return out;
}

describe.skipIf(!chromiumAvailable())("inbox page in headless Chromium", () => {
  let emulator: Emulator;
  let images: Awaited<ReturnType<typeof startImageServer>>;
  let sends: InboxSend[];
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const consoleErrors: { text: string; url: string }[] = [];
  let csp: string | undefined;

  beforeAll(async () => {
    emulator = await startTestEmulator({ installations: INBOX_DEVICES });
    images = await startImageServer();
    sends = inboxSends(images.base);
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    page.on("console", (message) => {
      if (message.type() === "error") {
        consoleErrors.push({ text: message.text(), url: message.location().url ?? "" });
      }
    });
    page.on("pageerror", (error) => consoleErrors.push({ text: String(error), url: "" }));
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
    await images?.close();
    await emulator?.close();
  });

  it(
    "shows the devices, live deliveries with a preview per platform, inert markup, hex and filters",
    async () => {
      // scripts, styles and fetches from the page only; images from http:, https: and data:
      expect(directives(csp)).toEqual({
        "default-src": "'none'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' http: https: data:",
        "connect-src": "'self'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": "'none'",
      });
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
      for (const item of sends) expect((await send(emulator, item)).status).toBe(201);
      await page.waitForFunction(
        (count) => document.querySelectorAll("button.delivery").length === count,
        {},
        sends.length,
      );

      // each platform's preview shows what was sent: title, subtitle, body, lines, badge, sound,
      // data keys and images (loaded from the image server), beside the wire body and request
      for (const item of sends) {
        const installation = INBOX_DEVICES.find((device) => device.tags?.includes(item.tag));
        const record = await latest(emulator, `installationId=${installation?.installationId}`);
        await open(page, record.id);
        expect({ platform: item.platform, ...(await previewFacts(page)) }).toEqual({
          platform: item.platform,
          ...item.preview,
        });
        expect(await text(page, "#detail .wire-body")).toBe(record.body);
        // the originating request is fetched after the detail renders (only for the current one)
        await page.waitForSelector("#detail .request-line");
        expect(await text(page, "#detail .request-line")).toContain("POST /demo/messages");
      }

      // the template send (the last one) shows the template and what it rendered
      const template = INBOX_DEVICES.find((device) => device.installationId === "iphone-tpl");
      expect(await text(page, "#detail .template h3")).toBe("Template greeting");
      expect(await text(page, "#detail .template-body")).toBe(template?.templates?.greeting?.body);
      expect(JSON.parse(await text(page, "#detail .rendered"))).toEqual({
        aps: { alert: { title: "Template title", body: "Template body" } },
      });

      // a test send shows its outcome beside the preview
      const apple = sends[0] as InboxSend;
      const tested = await call(emulator, {
        path: `${emulator.hubName}/messages?api-version=2020-06&test`,
        headers: { ...apple.headers, "ServiceBusNotification-Tags": "p-apns" },
        body: apple.body,
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
        expect(await previewFacts(page)).toEqual(item.preview);
      }

      // markup in a toast and in an APNs alert stays text; a javascript: or data:text/html image
      // URL is never loaded, only shown as text
      const toast = sends.find((item) => item.platform === "wns") as InboxSend;
      const xmlText = (value: string) =>
        value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      const scriptUrl = "javascript:window.__pwned=1";
      const htmlUrl = `data:text/html;base64,${Buffer.from(SCRIPT_MARKUP).toString("base64")}`;
      const hostile = `<toast><visual><binding template="ToastGeneric"><text>${xmlText(IMG_MARKUP)}</text><text>${xmlText(SCRIPT_MARKUP)}</text><image src="${scriptUrl}"/><image placement="hero" src="${htmlUrl}"/></binding></visual><img src="x" onerror="window.__pwned=1"/><script>window.__pwned=1</script></toast>`;
      expect((await send(emulator, { ...toast, body: hostile })).status).toBe(201);
      await open(page, (await latest(emulator, "platform=wns")).id);
      expect(await previewFacts(page)).toMatchObject({
        title: IMG_MARKUP,
        body: SCRIPT_MARKUP,
        images: [
          { role: "picture", src: scriptUrl, shown: "text" },
          { role: "hero", src: htmlUrl, shown: "text" },
        ],
      });
      expect(await text(page, "#detail .wire-body")).toBe(hostile);
      expect(await page.$$("#detail img")).toHaveLength(0);
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

      // a raw body that is not UTF-8 shows as hex, and the preview says it is a raw push
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
      expect(await previewFacts(page)).toEqual(
        facts({
          kind: "raw",
          label: "Windows raw notification",
          note: "raw: delivered to the app as bytes, nothing is shown",
        }),
      );

      // the platform filter narrows the list
      const all = (await page.$$("button.delivery")).length;
      expect(all).toBe(sends.length + INBOX_KINDS.length + 4);
      await page.select("#filter-platform", "fcmv1");
      const chips = await page.$$eval("button.delivery .platform-chip", (nodes) =>
        nodes.map((node) => node.className),
      );
      expect(chips).toEqual(["platform-chip platform-fcmv1", "platform-chip platform-fcmv1"]);
      await page.select("#filter-platform", "apns");
      expect(await page.$$("button.delivery")).toHaveLength(5);
      await page.select("#filter-platform", "");
      expect(await page.$$("button.delivery")).toHaveLength(all);

      // the device filter, from its select and from a device in the devices column
      const ofSurface = await deliveries(emulator, "installationId=surface-1&limit=100");
      expect(ofSurface.length).toBeGreaterThan(1);
      await page.select("#filter-device", "surface-1");
      expect(await listedDevices(page)).toEqual(ofSurface.map(() => "surface-1"));
      expect(await text(page, "#counts")).toContain(`${ofSurface.length} of ${all} deliveries`);
      await page.select("#filter-device", "");
      expect(await page.$$("button.delivery")).toHaveLength(all);
      const ofPixel = await deliveries(emulator, "installationId=pixel-1&limit=100");
      await clickChip(page, "device-id", "pixel-1");
      expect(await page.$eval("#filter-device", (node) => (node as HTMLSelectElement).value)).toBe(
        "pixel-1",
      );
      expect(await listedDevices(page)).toEqual(ofPixel.map(() => "pixel-1"));
      await clickChip(page, "device-id", "pixel-1");
      expect(await page.$$("button.delivery")).toHaveLength(all);

      // the tag filter, typed and from a tag in the devices column
      const ofTeamA = await deliveries(emulator, "tag=team-a&limit=100");
      expect(new Set(ofTeamA.map((item) => item.installationId))).toEqual(
        new Set(["iphone-1", "pixel-1"]),
      );
      await page.type("#filter-tag", "TEAM-A");
      expect(await listedDevices(page)).toEqual(ofTeamA.map((item) => item.installationId));
      await page.click("#filters button[type=reset]");
      await page.waitForFunction(
        (count) => document.querySelectorAll("button.delivery").length === count,
        {},
        all,
      );
      const ofTeamB = await deliveries(emulator, "tag=team-b&limit=100");
      await clickChip(page, "tag", "team-b");
      expect(await page.$eval("#filter-tag", (node) => (node as HTMLInputElement).value)).toBe(
        "team-b",
      );
      expect(await listedDevices(page)).toEqual(ofTeamB.map((item) => item.installationId));
      expect(ofTeamB.length).toBeGreaterThan(0);
      expect(ofTeamB.length).toBeLessThan(all);
      await page.click("#filters button[type=reset]");
      await page.waitForFunction(
        (count) => document.querySelectorAll("button.delivery").length === count,
        {},
        all,
      );

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
    "loads a payload's images without a referrer; an unsafe or failed one shows as its URL",
    async () => {
      const toast = sends.find((item) => item.platform === "wns") as InboxSend;
      const hero = `${images.base}hero.png?case=images`;
      const png = `data:image/png;base64,${solidPng(3, 2, [200, 40, 40]).toString("base64")}`;
      const missing = `${images.base}missing.png`;
      const unsafe = [
        "javascript:window.__pwned=1",
        " JavaScript:window.__pwned=1",
        "x.png",
        "ms-appx:///Assets/logo.png",
      ];
      const body = `<toast><visual><binding template="ToastGeneric"><text>Images</text><image placement="hero" src="${hero}"/><image src="${png}"/><image src="${missing}"/>${unsafe.map((src) => `<image src="${src}"/>`).join("")}</binding></visual></toast>`;
      const before = images.requests.length;
      expect((await send(emulator, { ...toast, body })).status).toBe(201);
      await open(page, (await latest(emulator, "platform=wns")).id);
      // the failed image falls back to its URL, after the ones never loaded
      await page.waitForFunction(
        (url) =>
          [...document.querySelectorAll("#detail .preview-image.as-text .url")].some(
            (node) => node.textContent === url,
          ),
        {},
        missing,
      );
      expect(await previewFacts(page)).toEqual(
        facts({
          label: "Windows toast",
          title: "Images",
          meta: [["template", "ToastGeneric"]],
          images: [
            { ...loaded(images.base, "hero", "/hero.png"), src: hero },
            { role: "picture", src: png, shown: "image", width: 3 },
            ...unsafe.map((src) => ({ role: "picture", src, shown: "text" as const })),
            { role: "picture", src: missing, shown: "text" },
          ],
        }),
      );
      const shown = await page.$$eval("#detail img", (nodes) =>
        (nodes as HTMLImageElement[]).map((img) => ({
          attributes: img.getAttributeNames().sort(),
          src: img.src,
          referrerPolicy: img.referrerPolicy,
          loading: img.loading,
        })),
      );
      const attributes = ["alt", "decoding", "loading", "referrerpolicy", "src", "title"];
      expect(shown).toEqual([
        { attributes, src: hero, referrerPolicy: "no-referrer", loading: "lazy" },
        { attributes, src: png, referrerPolicy: "no-referrer", loading: "lazy" },
      ]);
      // the image server saw the two http: images, without a Referer
      const fetched = images.requests.slice(before);
      expect(fetched.map((request) => request.path).sort()).toEqual(["/hero.png", "/missing.png"]);
      expect(fetched.map((request) => request.headers.referer)).toEqual([undefined, undefined]);

      expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
      expect(await page.evaluate(() => window.__violations)).toEqual([]);
      // the 404 of missing.png is the only error the browser reports
      expect(consoleErrors.filter((error) => error.url !== missing)).toEqual([]);
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
        const apple = sends[0] as InboxSend;
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
