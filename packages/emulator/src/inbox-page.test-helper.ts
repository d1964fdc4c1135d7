/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page } from "puppeteer-core";
import { call } from "./http.test-helper.js";
import type { InboxSend, PreviewFacts } from "./inbox-fixtures.test-helper.js";
import type { DeliveryRecord } from "./inspection-types.js";
import type { Emulator } from "./types.js";

/** Sends `item` to the devices with its tag. */
export function send(emulator: Emulator, item: Pick<InboxSend, "tag" | "headers" | "body">) {
  return call(emulator, {
    path: `${emulator.hubName}/messages?api-version=2020-06`,
    headers: { ...item.headers, "ServiceBusNotification-Tags": item.tag },
    body: item.body,
  });
}

/** The deliveries the inspection API answers for `query`, newest first. */
export async function deliveries(emulator: Emulator, query: string): Promise<DeliveryRecord[]> {
  const response = await fetch(new URL(`_nhub/api/deliveries?${query}`, emulator.url));
  return ((await response.json()) as { items: DeliveryRecord[] }).items;
}

/** The newest delivery matching `query`. */
export async function latest(emulator: Emulator, query: string): Promise<DeliveryRecord> {
  const [record] = await deliveries(emulator, `limit=1&${query}`);
  if (record === undefined) throw new Error(`no delivery for ${query}`);
  return record;
}

/** Clicks the delivery `id` in the list and waits for its detail. */
export async function open(page: Page, id: string) {
  await page.waitForSelector(`button.delivery[data-id="${id}"]`);
  await page.click(`button.delivery[data-id="${id}"]`);
  await page.waitForFunction(
    (wanted) => document.querySelector("#detail")?.getAttribute("data-current") === wanted,
    {},
    id,
  );
}

/** Clicks the button of the devices column with class `className` and text `label`. */
export async function clickChip(page: Page, className: string, label: string) {
  for (const chip of await page.$$(`#devices button.${className}`)) {
    if ((await chip.evaluate((node) => node.textContent)) === label) {
      await chip.click();
      return;
    }
  }
  throw new Error(`no ${className} '${label}' in the devices column`);
}

/** The text of the first node matching `selector`. */
export const text = (page: Page, selector: string) =>
  page.$eval(selector, (node) => node.textContent ?? "");

/** The device names of the deliveries the list shows. */
export const listedDevices = (page: Page) =>
  page.$$eval("button.delivery .device-name", (nodes) => nodes.map((node) => node.textContent));

/**
 * What the preview in the detail pane shows, once each of its images has loaded or fallen back
 * to its URL text.
 */
export async function previewFacts(page: Page): Promise<PreviewFacts> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLImageElement>("#detail .preview-image img")].every(
      (img) => img.complete && img.naturalWidth > 0,
    ),
  );
  return page.$eval("#detail .preview", (root) => {
    const one = (selector: string) => root.querySelector(selector)?.textContent ?? "";
    const all = (selector: string) =>
      [...root.querySelectorAll(selector)].map((node) => node.textContent ?? "");
    const rows = (selector: string) =>
      [...root.querySelectorAll(`${selector} dt`)].map((dt) => [
        dt.textContent ?? "",
        dt.nextElementSibling?.textContent ?? "",
      ]);
    const suffix = (node: Element, prefix: string) =>
      [...node.classList].find((name) => name.startsWith(prefix))?.slice(prefix.length) ?? "";
    const card = root.querySelector(".device-card") as Element;
    return {
      kind: suffix(card, "kind-"),
      label: one(".card-label"),
      title: one(".preview-title"),
      subtitle: one(".preview-subtitle"),
      body: one(".preview-body"),
      lines: all(".preview-lines li"),
      meta: rows(".meta"),
      data: rows(".data-keys"),
      images: [...root.querySelectorAll(".preview-image")].map((item) => {
        const role = suffix(item, "role-");
        const img = item.querySelector("img");
        if (img !== null) return { role, src: img.alt, shown: "image", width: img.naturalWidth };
        return { role, src: item.querySelector(".url")?.textContent ?? "", shown: "text" };
      }),
      note: one(".preview-note"),
    } as PreviewFacts;
  });
}
